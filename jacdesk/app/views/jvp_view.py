"""The forward-mode lab: J u in one forward pass; one-hot u gives a column of J.

Every number comes from the :class:`~jacdesk.core.results.analysis.Analysis` (``jvp``, ``jacobian``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from jacdesk.app.widgets.lab_marks import LineHighlighter, marked
from jacdesk.app.widgets.math_view import MathView
from jacdesk.app.widgets.matrix_view import MatrixView
from jacdesk.core.formats.latex_chain import jvp_chain
from jacdesk.core.results.analysis import Analysis

from .vector_lab import LabTexts, VectorLab

COMPUTING = QT_TRANSLATE_NOOP("JvpView", "computing…")
TEXTS = LabTexts(
    intro=QT_TRANSLATE_NOOP(
        "JvpView",
        "Forward mode pushes a direction u through f: J u, one forward pass — "
        "one-hot u gives a column of J.",
    ),
    intro_tip=QT_TRANSLATE_NOOP(
        "JvpView",
        "torch.func.jvp(f, (x,), (u,)) carries u along with x through f and returns J u "
        "without ever forming J",
    ),
    editor_tip=QT_TRANSLATE_NOOP(
        "JvpView", "u, the direction (tangent) pushed through f: one entry per input"
    ),
    box=QT_TRANSLATE_NOOP("JvpView", "u — the direction forward mode pushes through f"),
    computing=COMPUTING,
)


#: Why J u took no forward pass, by ``Analysis.extras["jvp_source"]`` (only true reasons).
UNSUPPORTED = QT_TRANSLATE_NOOP(
    "JvpView", " — forward mode is not available for an operation here; J u came from J"
)
JVP_SOURCES = {
    "unsupported": UNSUPPORTED,
    "scalar": QT_TRANSLATE_NOOP("JvpView", " — f is scalar: J u is one dot product with J"),
    "from J": QT_TRANSLATE_NOOP("JvpView", " — J u = J·u from J: forward mode was still loading"),
}


class JvpView(VectorLab):
    """Editable u; J u with its pass count; J with the column a one-hot u picks out."""

    uChanged = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("u", TEXTS, parent)
        self.jvp_view = MatrixView(
            self.tr("J u (forward mode)"), self, badge=False, fit_height=True
        )
        self.jvp_view.setToolTip(self.tr("J u from one forward-mode pass (torch.func.jvp)"))
        self.jacobian_view = MatrixView(
            self.tr("J: one column per input"), self, badge=False, fit_height=True
        )
        self.jacobian_view.setToolTip(
            self.tr("The Jacobian; a one-hot u = e_k picks out its column k")
        )
        self._col_mark = LineHighlighter(self.jacobian_view.table, "column")
        pair = QHBoxLayout()
        pair.addWidget(self.jvp_view)
        pair.addWidget(self.jacobian_view, 1)

        self.passes_label = QLabel(self)
        self.passes_label.setWordWrap(True)
        self.passes_label.setToolTip(self.tr("How many forward passes produced J u"))
        self.column_label = QLabel(self)
        self.column_label.setWordWrap(True)
        self.column_label.setToolTip(self.tr("Which column of J the current u picks out"))
        self.cost_label = QLabel(self)
        self.cost_label.setWordWrap(True)
        self.cost_label.setToolTip(
            self.tr("Passes needed for the whole J: reverse by rows, forward by columns")
        )

        self.equation = MathView(self)
        self.equation.setToolTip(
            self.tr("J u with this u: forward mode's product. Right-click: copy as LaTeX, save")
        )
        self.equation.setVisible(False)
        self.body.addWidget(self.equation)
        self.body.addLayout(pair)
        for label in (self.passes_label, self.column_label, self.cost_label):
            self.body.addWidget(label)
        self._finish(
            (self.jvp_view, self.jacobian_view),
            self._col_mark,
            (self.passes_label, self.column_label),
            (self.passes_label, self.column_label, self.cost_label),
        )

    # ----------------------------------------------------------------------------- public API
    def u(self) -> np.ndarray:
        return self.vector()

    def set_u(self, values: Sequence[float] | np.ndarray) -> None:
        """Put ``values`` in the u editor (no ``uChanged``)."""
        self.set_vector(values)

    def jvp_text(self) -> str:
        """J u as shown ("[2, 3]"), "computing…" while u has no result yet, "" without one."""
        return self.product_text()

    def highlighted_column(self) -> int | None:
        """The column of J that the one-hot u picks out, if any."""
        return self._col_mark.index

    # -------------------------------------------------------------------------------- hooks
    def _labels_of(self, result: Analysis) -> tuple[str, ...]:
        return tuple(result.input_labels)

    def _vector_of(self, result: Analysis) -> np.ndarray:
        return result.u

    def _product_of(self, result: Analysis) -> np.ndarray:
        return result.jvp

    def _ask_for(self, vector: np.ndarray) -> None:
        self.uChanged.emit(vector)

    def _refresh(self) -> None:
        r = self._result
        if r is None:
            return
        rows, cols = list(r.output_labels), list(r.input_labels)
        m, n = r.jacobian.shape
        k = self.editor.one_hot_index()
        if self._current():
            self.jvp_view.set_matrix(np.reshape(r.jvp, (-1, 1)), rows, ["J u"], self._jvp_tip)
            latex = jvp_chain(r, self._digits)
            self.equation.set_latex(latex)
            self.equation.setVisible(latex is not None)
            passes = self.tr("forward passes: {count}").format(count=r.forward_passes)
            if r.forward_passes == 0:
                passes += self.tr(JVP_SOURCES.get(r.extras.get("jvp_source"), UNSUPPORTED))
            self.passes_label.setText(passes)
        else:
            self.jvp_view.clear(self.tr(COMPUTING))
            self.passes_label.setText(self.tr("computing… J u for the new u"))
        self.jacobian_view.set_matrix(r.jacobian, rows, marked(cols, k), self._jacobian_tip)
        self._col_mark.set_index(k)
        if k is None:
            self.column_label.setText(
                self.tr(
                    "u is not one-hot: J u = Σ_k u_k · (column k of J). "
                    "Choose “{button}” (u = e1) to get column 1 alone."
                ).format(button=self.tr("{label} only").format(label=cols[0]))
            )
        else:
            self.column_label.setText(
                self.tr(
                    "u = e{k}: this is column {k} of J (∂f/∂{x}), highlighted on the right."
                ).format(k=k + 1, x=cols[k])
            )
        self.cost_label.setText(
            self.tr(
                "Reverse mode needs one pass per output row, forward mode one per input column — "
                "here J is {m}×{n}: reverse needs {m}, forward needs {n} passes for the whole J."
            ).format(m=m, n=n)
        )

    def clear(self, message: str = "") -> None:
        super().clear(message)
        self.equation.set_latex(None)
        self.equation.setVisible(False)

    # Cell names for the tooltips; the view appends " = <exact value>".
    def _jvp_tip(self, row: int, _col: int) -> str:
        f = self._result.output_labels[row] if self._result else "f"
        return self.tr("(J u)[{f}] = Σ_k ∂{f}/∂x_k·u_k, the rate of change of {f} along u").format(
            f=f
        )

    def _jacobian_tip(self, row: int, col: int) -> str:
        r = self._result
        f, x = (r.output_labels[row], r.input_labels[col]) if r else ("f", "x")
        return self.tr("∂{f}/∂{x} (column {k} of J = J u for u = e{k})").format(f=f, x=x, k=col + 1)
