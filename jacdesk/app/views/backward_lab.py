"""The backward lab: what ``y.backward(v)`` leaves in ``x.grad`` (vᵀJ), and J row by row.

Every number comes from the :class:`~jacdesk.core.results.analysis.Analysis`; the one product computed
here, ``result.v @ result.jacobian``, is display arithmetic that shows the two routes agree.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from jacdesk.app.widgets.lab_marks import LineHighlighter, marked
from jacdesk.app.widgets.math_view import MathView
from jacdesk.app.widgets.matrix_view import MatrixView
from jacdesk.core.formats.latex_chain import backward_chain
from jacdesk.core.results.analysis import Analysis

from .vector_lab import LabTexts, VectorLab

COMPUTING = QT_TRANSLATE_NOOP("BackwardLab", "computing…")
TEXTS = LabTexts(
    intro=QT_TRANSLATE_NOOP(
        "BackwardLab",
        "y.backward(v) leaves vᵀJ in x.grad — the gradient of the scalar vᵀf, not the Jacobian.",
    ),
    intro_tip=QT_TRANSLATE_NOOP(
        "BackwardLab",
        "backward() needs a scalar; for a vector y it back-propagates z = vᵀy, "
        "so x.grad = ∂z/∂x = vᵀJ. With v = ones that is the column sums of J.",
    ),
    editor_tip=QT_TRANSLATE_NOOP(
        "BackwardLab", "v, the grad_outputs of y.backward(v): one weight per output f_i"
    ),
    box=QT_TRANSLATE_NOOP("BackwardLab", "v — the weights y.backward(v) puts on each output"),
    computing=COMPUTING,
)


class BackwardLab(VectorLab):
    """Editable v; x.grad after ``y.backward(v)`` next to vᵀJ; J rebuilt from one-hot passes."""

    vChanged = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("v", TEXTS, parent)
        self.equation = MathView(self)
        self.equation.setToolTip(
            self.tr(
                "The tutorial's chain rule with this v and J: z = vᵀf, ∂z/∂f = vᵀ, "
                "∂z/∂f·∂f/∂x = vᵀJ = x.grad. Right-click: copy as LaTeX, save as SVG or PNG"
            )
        )
        self.equation.setVisible(False)
        self.grad_view = MatrixView(
            self.tr("x.grad after y.backward(v)"), self, badge=False, fit_height=True
        )
        self.grad_view.setToolTip(
            self.tr("What torch leaves in x.grad after one y.backward(v) pass")
        )
        self.vtj_view = MatrixView(
            self.tr("vᵀJ from the matrix"), self, badge=False, fit_height=True
        )
        self.vtj_view.setToolTip(self.tr("v @ J, with J from torch.autograd.functional.jacobian"))
        self.agree_label = QLabel(self)
        self.agree_label.setToolTip(
            self.tr("Whether x.grad and v @ J hold the same numbers (np.allclose)")
        )
        pair = QHBoxLayout()
        pair.addWidget(self.grad_view)
        pair.addWidget(self.vtj_view)

        rows_box = QGroupBox(self.tr("Row by row: back-propagate each f_i alone, then stack"), self)
        rows_box.setToolTip(self.tr("v = e_i makes vᵀf = f_i, so x.grad is row i of J"))
        self.rows_view = MatrixView(
            self.tr("rows of J, one backward pass each"), rows_box, badge=False, fit_height=True
        )
        self.rows_view.setToolTip(
            self.tr("Row i is x.grad after y.backward(e_i); together they are J")
        )
        self._row_mark = LineHighlighter(self.rows_view.table, "row")
        self.rows_label = QLabel(rows_box)
        self.rows_label.setWordWrap(True)
        self.rows_label.setToolTip(
            self.tr("How many backward passes rebuilt J, and whether it matches J")
        )
        rows_layout = QVBoxLayout(rows_box)
        rows_layout.addWidget(self.rows_view)
        rows_layout.addWidget(self.rows_label)

        self.body.addWidget(self.equation)
        self.body.addLayout(pair)
        self.body.addWidget(self.agree_label)
        self.body.addWidget(rows_box)
        labels = (self.agree_label, self.rows_label)
        self._finish(
            (self.grad_view, self.vtj_view, self.rows_view), self._row_mark, labels, labels
        )

    # ----------------------------------------------------------------------------- public API
    def v(self) -> np.ndarray:
        return self.vector()

    def set_v(self, values: Sequence[float] | np.ndarray) -> None:
        """Put ``values`` in the v editor (no ``vChanged``)."""
        self.set_vector(values)

    def grad_text(self) -> str:
        """x.grad as shown ("[5, 18]"), "computing…" while v has no result yet, "" without one."""
        return self.product_text()

    def highlighted_row(self) -> int | None:
        """The row of the row-by-row view that the one-hot v picks out, if any."""
        return self._row_mark.index

    # -------------------------------------------------------------------------------- hooks
    def _labels_of(self, result: Analysis) -> tuple[str, ...]:
        return tuple(result.output_labels)

    def _vector_of(self, result: Analysis) -> np.ndarray:
        return result.v

    def _product_of(self, result: Analysis) -> np.ndarray:
        return result.vjp

    def _ask_for(self, vector: np.ndarray) -> None:
        self.vChanged.emit(vector)

    def _refresh(self) -> None:
        r = self._result
        if r is None:
            return
        cols = list(r.input_labels)
        if self._current():
            with np.errstate(all="ignore"):
                vtj = np.asarray(r.v) @ np.asarray(r.jacobian)
            self.grad_view.set_matrix(r.vjp, ["x.grad"], cols, self._grad_tip)
            self.vtj_view.set_matrix(vtj, ["vᵀJ"], cols, self._vtj_tip)
            latex = backward_chain(r, self._digits)
            self.equation.set_latex(latex)
            self.equation.setVisible(latex is not None)
            same = np.allclose(r.vjp, vtj, equal_nan=True)
            self.agree_label.setText(
                self.tr("✓ agree: backward(v) and v @ J give the same numbers")
                if same
                else self.tr("✗ differ: x.grad and v @ J do not match")
            )
        else:
            self.grad_view.clear(self.tr(COMPUTING))
            self.vtj_view.clear(self.tr(COMPUTING))
            self.agree_label.setText(self.tr("computing… x.grad for the new v"))
        self._refresh_rows(r)

    def _refresh_rows(self, r: Analysis) -> None:
        rows = r.rows_by_backward
        m, n = r.jacobian.shape
        if rows is None:
            self._row_mark.set_index(None)
            self.rows_view.clear(self.tr("skipped for size"))
            self.rows_label.setText(
                self.tr(
                    "Row by row skipped for size: J is {m}×{n}, which would take {m} backward "
                    "passes, one per row. x.grad above still took a single pass."
                ).format(m=m, n=n)
            )
            return
        k = self.editor.one_hot_index()
        alone = self.tr("{label} alone: v = e{i}")
        labels = [alone.format(label=s, i=i + 1) for i, s in enumerate(r.output_labels)]
        self.rows_view.set_matrix(rows, marked(labels, k), list(r.input_labels), self._rows_tip)
        self._row_mark.set_index(k)
        same = np.allclose(rows, r.jacobian, equal_nan=True)
        verdict = (
            self.tr("✓ the stacked rows equal J")
            if same
            else self.tr("✗ the stacked rows differ from J")
        )
        self.rows_label.setText(
            self.tr("backward passes: {count} · {verdict}").format(
                count=r.backward_passes, verdict=verdict
            )
        )

    def clear(self, message: str = "") -> None:
        super().clear(message)
        self.equation.set_latex(None)
        self.equation.setVisible(False)

    # Cell names for the tooltips; the view appends " = <exact value>".
    def _grad_tip(self, _row: int, col: int) -> str:
        x = self._result.input_labels[col] if self._result else "x"
        return self.tr("x.grad[{x}] after y.backward(v): ∂(vᵀf)/∂{x} = Σ_i v_i·∂f_i/∂{x}").format(
            x=x
        )

    def _vtj_tip(self, _row: int, col: int) -> str:
        x = self._result.input_labels[col] if self._result else "x"
        return f"(v @ J)[{x}] = Σ_i v_i·J[i, {x}]"

    def _rows_tip(self, row: int, col: int) -> str:
        r = self._result
        f, x = (r.output_labels[row], r.input_labels[col]) if r else ("f", "x")
        return self.tr("x.grad[{x}] after y.backward(e{i}) = ∂{f}/∂{x}").format(x=x, i=row + 1, f=f)
