"""The Jacobian matrix J at the point, in the chosen layout and vec, or as blocks ∂F/∂X[i,j]."""

from __future__ import annotations

import sys

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from jacdesk.app.system.i18n import translate_core
from jacdesk.app.widgets.math_view import MathView
from jacdesk.app.widgets.matrix_view import MatrixView
from jacdesk.app.widgets.stale_badge import StaleBadge
from jacdesk.app.widgets.style import (
    DEFAULT_DIGITS,
    WARNING_STYLE,
    set_stale_look,
    short_list,
)
from jacdesk.core.conventions import DENOMINATOR, NUMERATOR, block_form, group_breaks
from jacdesk.core.formats.latex_blocks import header_chain
from jacdesk.core.results.analysis import Analysis

CAPTION_TIP = QT_TRANSLATE_NOOP(
    "JacobianView",
    "Numerator layout: row i holds the derivatives of output f_i, column j those with respect "
    "to input x_j (as torch.autograd.functional.jacobian returns it); denominator layout is "
    "its transpose. Lines separate variables and the rows (row-major vec) or columns "
    "(column-major vec) of matrices.",
)
FLAT = QT_TRANSLATE_NOOP("JacobianView", "2-D: outputs × inputs (vec)")
INDEXING = QT_TRANSLATE_NOOP(
    "JacobianView",
    "Outputs count from 1 (f1, f2, …); entries of vectors and matrices from 0, as torch indexes "
    "them (z[0], X[0,1]).",
)
FLAT_DENOMINATOR = QT_TRANSLATE_NOOP("JacobianView", "2-D: inputs × outputs (vec)")


class JacobianView(QWidget):
    """Caption, a 2-D / block-form chooser, the J table, and a strip with the warnings."""

    statusMessage = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._result: Analysis | None = None
        self._names: dict[str, str] = {}
        self._digits = DEFAULT_DIGITS
        self.equation = MathView(self)
        self.equation.setToolTip(
            self.tr(
                "The seed's equation, live: f, J as partial derivatives, symbolic, and at the "
                "point. Right-click: copy as LaTeX, save as SVG or PNG"
            )
        )
        self.caption = QLabel(self)
        self.caption.setWordWrap(True)
        self.caption.setToolTip(self.tr(CAPTION_TIP))
        self.conventions = QLabel(self)
        self.conventions.setWordWrap(True)
        self.conventions.setStyleSheet("color: #555;")
        self.conventions.setToolTip(
            self.tr("The layout and vec conventions of this matrix (toolbar)")
        )
        self.badge = StaleBadge(self)
        self.form = QComboBox(self)
        self.form.setToolTip(
            self.tr(
                "2-D J under the current vec and layout, or the 4-index ∂F/∂X as a grid of "
                "blocks: block (i, j) is ∂F/∂X[i,j], shaped like F"
            )
        )
        self.form.currentIndexChanged.connect(self._on_form_current_index_changed)
        self.matrix_view = MatrixView("", self, badge=False)
        self.matrix_view.setToolTip(
            self.tr("The Jacobian at the point; hover a cell for ∂f_i/∂x_j exactly")
        )
        self.matrix_view.statusMessage.connect(self.statusMessage)
        self.warnings = QLabel(self)
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet(WARNING_STYLE)
        self.warnings.setToolTip(self.tr("What jacdesk noticed while computing this result"))
        self.warnings.setVisible(False)
        top = QHBoxLayout()
        top.addWidget(self.caption, 1)
        top.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        show = QHBoxLayout()
        self.show_label = QLabel(self.tr("Show as"), self)  # hidden with its combo
        show.addWidget(self.show_label)
        show.addWidget(self.form)
        show.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.equation)
        layout.addWidget(self.conventions)
        layout.addLayout(show)
        layout.addWidget(self.matrix_view)
        layout.addWidget(self.warnings)
        layout.addStretch(1)
        self.clear()

    def show_result(self, result: Analysis) -> None:
        self._result = result
        outs, ins = result.output_labels, result.input_labels
        m, n = result.jacobian.shape
        self.caption.setText(
            f"<b>J = ∂({short_list(outs)})/∂({short_list(ins)})</b> — {m}×{n} — {translate_core('Strategy', result.strategy)}"
        )
        self._fill_forms(result)
        self._show_equation()
        self._show()
        self._show_warnings(result.warnings)

    def show_form(self, name: str | None) -> None:
        """Show the 2-D J (``None``) or the blocks ∂F/∂``name``[i,j]."""
        index = self.form.findData(name)
        self.form.setCurrentIndex(max(index, 0))

    def set_stale(self, stale: bool) -> None:
        self.matrix_view.set_stale(stale)
        self.badge.set_stale(stale)
        set_stale_look([self.caption, self.conventions], stale)

    def set_precision(self, digits: int) -> None:
        self._digits = digits
        self.matrix_view.set_precision(digits)
        self._show_equation()

    def set_busy(self, busy: bool) -> None:
        """While a request runs and no J is shown yet, say what is happening instead of
        asking for input that is already there."""
        if self._result is not None:
            return
        if busy:
            text = (
                self.tr("loading torch… the first numbers follow")
                if torch_loading()
                else self.tr("computing…")
            )
            self.matrix_view.clear(text)
        elif self.matrix_view.placeholder.text() in (
            self.tr("loading torch… the first numbers follow"),
            self.tr("computing…"),
        ):
            self.matrix_view.clear(self.tr("type f and a point to see its Jacobian"))

    def clear(self, message: str = "") -> None:
        self._result = None
        self.caption.setText("J = ∂f/∂x")
        self.conventions.setText(self.tr("numerator layout (rows = outputs, columns = inputs)"))
        self.form.setVisible(False)
        self.show_label.setVisible(False)
        self._show_equation()
        self.matrix_view.clear(message or self.tr("type f and a point to see its Jacobian"))
        self._show_warnings(())

    # ------------------------------------------------------------------------------ helpers
    def _fill_forms(self, r: Analysis) -> None:
        f = "f" if not r.output_shape else "F"
        flat = self.tr(FLAT_DENOMINATOR if r.layout == DENOMINATOR else FLAT)
        choices: list[tuple[str, str | None]] = [(flat, None)]
        blocks = self.tr("blocks ∂{f}/∂{name}[i,j]")
        for name, shape in r.inputs:
            if len(shape) == 2 or (len(shape) == 1 and len(r.output_shape) == 2):
                choices.append((blocks.format(f=f, name=name), name))
        wanted = self.form.currentData()
        if [self.form.itemText(k) for k in range(self.form.count())] != [t for t, _ in choices]:
            self.form.blockSignals(True)
            self.form.clear()
            for text, data in choices:
                self.form.addItem(text, data)
            self.form.setCurrentIndex(max(self.form.findData(wanted), 0))
            self.form.blockSignals(False)
        self.form.setVisible(len(choices) > 1)
        self.show_label.setVisible(len(choices) > 1)

    def _show(self) -> None:
        r = self._result
        if r is None:
            return
        name = self.form.currentData()
        if name is None or name not in r.jacobian_blocks:
            rows, cols = r.labels_in_layout
            out_groups = [tuple(r.output_shape)] if not r.expressions[1:] else [()] * len(rows)
            in_groups = [tuple(s) for _, s in r.inputs]
            row_breaks = group_breaks(out_groups, r.vec)
            col_breaks = group_breaks(in_groups, r.vec)
            if r.layout == DENOMINATOR:
                row_breaks, col_breaks = col_breaks, row_breaks
                header = list(cols)
                rows = [f"∂/∂{x}" for x in rows]
            else:
                header = [f"∂/∂{x}" for x in cols]
            self.matrix_view.set_matrix(r.jacobian_in_layout, rows, header, self._cell_name)
            self.matrix_view.set_breaks(row_breaks, col_breaks)
            text = self.tr("Conventions: {text}.").format(
                text=translate_core("Conventions", r.conventions)
            )
            if any(shape for _, shape in r.inputs) or (r.output_shape and not r.expressions[1:]):
                text += " " + self.tr(INDEXING)
            if r.dtype != "float64":
                text += " " + self.tr(
                    "Computed in float32 (torch.float): about 7 significant digits."
                )
            self.conventions.setText(text)
            return
        blocks = block_form(r.jacobian_blocks[name], r.output_shape, name)
        self.matrix_view.set_matrix(
            blocks.data, blocks.row_labels, blocks.col_labels, blocks.cell_name
        )
        self.matrix_view.set_breaks(blocks.row_breaks, blocks.col_breaks)
        if not r.output_shape:
            what = self.tr(
                "∂f/∂{name} shaped like {name}: each block is one number (the gradient)"
            ).format(name=name)
        else:
            what = self.tr("block (i, j) is ∂F/∂{name}[i,j], shaped like F").format(name=name)
        self.conventions.setText(
            self.tr(
                "Block form of the 4-index derivative: {what}. Independent of vec and layout."
            ).format(what=what)
        )

    def _show_equation(self) -> None:
        """The J chain typeset above the table; left out when it would be too large to read
        (the table, with each cell's formula on hover, is then the view)."""
        r = self._result
        latex = None if r is None else header_chain(r, self.form.currentData(), self._digits)
        self.equation.set_latex(latex)
        self.equation.setVisible(latex is not None)

    def _on_form_current_index_changed(self, _index: int) -> None:
        self._show_equation()  # the header follows: ∂vec F/∂vec X or ∂F/∂X[i,j]
        self._show()

    def _show_warnings(self, warnings: tuple[str, ...]) -> None:
        self.warnings.setText("\n".join(f"⚠ {w}" for w in warnings))
        self.warnings.setVisible(bool(warnings))

    def _cell_name(self, row: int, col: int) -> str:
        r = self._result
        if r is None:
            return f"J[{row}, {col}]"
        i, j = (row, col) if r.layout == NUMERATOR else (col, row)
        name = f"∂{r.output_labels[i]}/∂{r.input_labels[j]}"
        # The symbolic formula of the cell: the whole equation may be too large to typeset.
        grid = getattr(r.symbolic, "jacobian_text", None)
        if grid is not None and i < len(grid) and j < len(grid[i]) and _formula(grid[i][j]):
            return f"{name} = {grid[i][j]}"
        return name


def _formula(text: str) -> bool:
    """Whether a symbolic cell says more than its number (``8*x2``, not ``2``)."""
    try:
        float(text)
    except ValueError:
        return True
    return False


def torch_loading() -> bool:
    """Whether torch is not imported yet, or its import is still under way on another thread."""
    module = sys.modules.get("torch")
    if module is None:
        return True
    # importlib marks a module's spec while its top-level code is still running.
    return bool(getattr(getattr(module, "__spec__", None), "_initializing", False))
