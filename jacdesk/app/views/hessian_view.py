"""Second derivatives: the Hessian of a scalar f, or of one chosen component f_k."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from jacdesk.app.widgets.math_view import MathView
from jacdesk.app.widgets.matrix_view import MatrixView
from jacdesk.app.widgets.style import DEFAULT_DIGITS, set_stale_look
from jacdesk.core.formats.latex_chain import hessian_chain
from jacdesk.core.results.analysis import Analysis

NOT_ASKED = QT_TRANSLATE_NOOP(
    "HessianView",
    "The Hessian is computed on request: tick 'Hessian' (scalar outputs, or each component).",
)


class HessianView(QWidget):
    """H[i, j] = ∂²f/∂x_i∂x_j, labelled by the inputs; a chooser for vector-valued f."""

    statusMessage = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._result: Analysis | None = None
        self._f = "f"
        self._digits = DEFAULT_DIGITS
        self.equation = MathView(self)
        self.equation.setVisible(False)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setToolTip(self.tr("Second derivatives cost one extra pass per input"))
        self.chooser_label = QLabel(self.tr("component:"), self)
        self.chooser = QComboBox(self)
        self.chooser.setToolTip(self.tr("f has several components; each has its own Hessian"))
        self.chooser_label.setToolTip(self.chooser.toolTip())
        self.chooser.currentIndexChanged.connect(self._on_chooser_current_index_changed)
        row = QHBoxLayout()
        row.addWidget(self.chooser_label)
        row.addWidget(self.chooser)
        row.addStretch(1)
        self.matrix_view = MatrixView("", self)
        self.matrix_view.setToolTip(
            self.tr("Symmetric when f is twice continuously differentiable")
        )
        self.matrix_view.statusMessage.connect(self.statusMessage)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(row)
        layout.addWidget(self.equation)
        layout.addWidget(self.matrix_view)
        layout.addStretch(1)
        self.clear()

    def show_result(self, result: Analysis) -> None:
        self._result = result
        h = result.hessian
        self._show_message(self.tr(NOT_ASKED) if h is None else "")
        if h is None:
            self._set_chooser([])
            self.matrix_view.clear(self.tr(NOT_ASKED))
            return
        if h.ndim == 3:
            self._set_chooser(list(result.output_labels[: h.shape[0]]))
        else:
            self._set_chooser([])
        self._show_component()

    def set_stale(self, stale: bool) -> None:
        self.matrix_view.set_stale(stale)
        set_stale_look([self.message], stale)

    def set_precision(self, digits: int) -> None:
        self._digits = digits
        self.matrix_view.set_precision(digits)
        self._show_component()

    def clear(self, message: str = "") -> None:
        self._result = None
        self._set_chooser([])
        self.matrix_view.clear(message or self.tr(NOT_ASKED))
        self._show_message(message or self.tr(NOT_ASKED))

    def _on_chooser_current_index_changed(self, _index: int) -> None:
        self._show_component()

    def message_text(self) -> str:
        """The message shown instead of a Hessian ("" while one is shown)."""
        return self.message.text() if not self.message.isHidden() else ""

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self.matrix_view.setVisible(not text)
        if text:
            self.equation.set_latex(None)
            self.equation.setVisible(False)

    def _set_chooser(self, labels: list[str]) -> None:
        current = [self.chooser.itemText(i) for i in range(self.chooser.count())]
        if labels != current:
            keep = self.chooser.currentIndex()
            self.chooser.blockSignals(True)
            self.chooser.clear()
            self.chooser.addItems(labels)
            self.chooser.setCurrentIndex(keep if 0 <= keep < len(labels) else 0)
            self.chooser.blockSignals(False)
        self.chooser.setVisible(bool(labels))
        self.chooser_label.setVisible(bool(labels))

    def _show_component(self) -> None:
        r = self._result
        if r is None or r.hessian is None:
            return
        h, ins = r.hessian, list(r.input_labels)
        if h.ndim == 3:
            k = max(0, self.chooser.currentIndex())
            f, matrix = r.output_labels[k], h[k]
        else:
            f, matrix = (r.output_labels[0] if r.output_labels else "f"), h
        self._f = f
        self.matrix_view.set_title(self.tr("Hessian of {f}: H[i, j] = ∂²{f}/∂x_i∂x_j").format(f=f))
        self.matrix_view.set_matrix(matrix, ins, ins, self._cell_name)
        latex = hessian_chain(f, ins, matrix, self._digits)
        self.equation.set_latex(latex)
        self.equation.setVisible(latex is not None)

    def _cell_name(self, row: int, col: int) -> str:
        r = self._result
        if r is None:
            return f"H[{row}, {col}]"
        xi, xj = r.input_labels[row], r.input_labels[col]
        return f"∂²{self._f}/∂{xi}∂{xj}" if row != col else f"∂²{self._f}/∂{xi}²"
