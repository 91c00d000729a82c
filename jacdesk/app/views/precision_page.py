"""Questions ▸ Precision: float32 J beside float64 J, and the finite-difference V against h.

The sweep (13 steps, forward and central, in the chosen dtype) runs on the controller's worker
as ``precision(...)``; this page draws the V, marks the best steps, and shows J in both dtypes
with their difference in absolute terms and in float32 ulps.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from jacdesk.app.widgets.matrix_view import MatrixView
from jacdesk.core.results.precision import PrecisionResult

from .lab_page import LabPage

if TYPE_CHECKING:  # pragma: no cover
    from jacdesk.app.plots.precision_plot import PrecisionPlot

DTYPES = ("float64", "float32")
#: core's explanation, piece by piece (core joins these): each is shown translated.
EXPLANATION_PARTS = (
    QT_TRANSLATE_NOOP(
        "PrecisionPage",
        "Forward differences: truncation error ~h (slope 1) meets rounding error ~ε/h (slope −1) "
        "near h ≈ √ε ≈ 1.5e-8. Central differences: truncation ~h² (slope 2) meets rounding near "
        "h ≈ ∛ε ≈ 6e-6. ε = 2.2e-16 is float64's machine epsilon.",
    ),
    QT_TRANSLATE_NOOP(
        "PrecisionPage",
        "In float32 (ε = 1.2e-7) the V's bottom moves up and right: forward differences are best "
        "near h ≈ √ε ≈ 3e-4, central near h ≈ ∛ε ≈ 5e-3; below ~1e-7·|x| the step vanishes in x + h.",
    ),
    QT_TRANSLATE_NOOP(
        "PrecisionPage",
        " Here f''' = 0: central differences have no truncation error, only rounding.",
    ),
)


class PrecisionPage(LabPage):
    """The V plot, the dtype of the finite differences, J64 | J32 | |J32 − J64| | ulps."""

    kind = "precision"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        intro = QLabel(
            self.tr(
                "How exact is J? Finite differences against the step h, and J computed in "
                "float32 against J in float64"
            ),
            self,
        )
        intro.setWordWrap(True)
        intro.setStyleSheet("font-weight: bold;")
        self.dtype_box = QComboBox(self)
        self.dtype_box.addItems(DTYPES)
        self.dtype_box.setToolTip(self.tr("The dtype the finite differences are computed in"))
        self.dtype_box.currentIndexChanged.connect(self._on_dtype_box_currentIndexChanged)
        top = QHBoxLayout()
        top.addWidget(intro, 1)
        top.addWidget(QLabel(self.tr("Finite differences in:"), self))
        top.addWidget(self.dtype_box)
        top.addWidget(self.badge)
        self.status = QLabel(self)
        # The plot is built when first needed: pyqtgraph costs ~0.5 s to import, which the
        # window's start must not pay for a page most sessions never open.
        self._plot: PrecisionPlot | None = None
        self._plot_stale = False
        self._plot_box = QVBoxLayout()
        self.j64 = MatrixView(self.tr("J in float64"), self, badge=False, fit_height=True)
        self.j32 = MatrixView(self.tr("J in float32"), self, badge=False, fit_height=True)
        self.diff = MatrixView(self.tr("|J32 − J64|"), self, badge=False, fit_height=True)
        self.ulps = MatrixView(
            self.tr("|J32 − J64| in float32 ulps"), self, badge=False, fit_height=True
        )
        grid = QGridLayout()
        for i, view in enumerate((self.j64, self.j32, self.diff, self.ulps)):
            grid.addWidget(view, i // 2, i % 2)
        self.float32_label = QLabel(self)
        self.float32_label.setWordWrap(True)
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addWidget(self.status)
        box.addWidget(self.error_label)
        box.addLayout(self._plot_box)
        box.addLayout(grid)
        box.addWidget(self.float32_label)
        box.addWidget(self.explanation)
        box.addStretch(1)
        self.answer: PrecisionResult | None = None
        self._set_busy(False)

    @property
    def plot(self) -> PrecisionPlot:
        """The V plot (built on first use)."""
        if self._plot is None:
            from jacdesk.app.plots.precision_plot import PrecisionPlot

            plot = PrecisionPlot(self)
            plot.setMinimumHeight(260)
            plot.setToolTip(
                self.tr(
                    "The V: max |J_fd(h) − J| falls with h while truncation rules (slope 1 forward, "
                    "2 central) and rises again where rounding rules (slope −1). Stars: the best steps"
                )
            )
            plot.set_texts(
                self.tr("step h"),
                self.tr("max |J_fd − J|"),
                self.tr("forward (f(x+h) − f(x)) / h"),
                self.tr("central (f(x+h) − f(x−h)) / 2h"),
            )
            plot.set_stale(self._plot_stale)
            self._plot_box.addWidget(plot)
            self._plot = plot
        return self._plot

    def wants_refresh(self) -> bool:
        return not self.busy and (self.out_of_date or not self.has_answer)

    def dtype(self) -> str:
        return self.dtype_box.currentText()

    def _params(self) -> dict:
        return {"dtype": self.dtype()}

    def _on_dtype_box_currentIndexChanged(self, _index: int) -> None:
        if self.result is not None:  # a button-like choice: recompute now
            self.refresh()

    def _set_busy(self, busy: bool) -> None:
        if busy:
            self.status.setText(self.tr("sweeping 13 steps…"))
        elif not self.has_answer:
            self.status.setText(self.tr("shown once f has a result"))
        self.status.setVisible(busy or not self.has_answer)

    def _central_label(self, answer: PrecisionResult) -> str:
        h = f"{answer.best_central:.0e}"
        if answer.best_central >= max(answer.steps):
            # No truncation branch (f''' = 0, a quadratic like the seed): the largest step
            # is best, and ∛ε has nothing to do with it.
            return self.tr("best central h = {h} (f''' = 0: no truncation error)").format(h=h)
        return self.tr("best central h = {h} (≈ ∛ε)").format(h=h)

    def _show(self, answer: object) -> None:
        assert isinstance(answer, PrecisionResult)
        self.answer = answer
        self.plot.show_result(
            answer,
            self.tr("best forward h = {h} (≈ √ε)").format(h=f"{answer.best_forward:.0e}"),
            self._central_label(answer),
        )
        rows, cols = self._labels(answer)
        for view, data in (
            (self.j64, answer.jacobian64),
            (self.j32, answer.jacobian32),
            (self.diff, answer.abs_diff),
            (self.ulps, answer.ulps),
        ):
            if view.model.precision() != self._digits:  # set first: one fit, not two
                view.set_precision(self._digits)
            view.set_matrix(data, rows, cols)
        top_ulps = float(answer.ulps.max()) if answer.ulps.size else 0.0
        self.float32_label.setText(
            self.tr(
                "float32 against float64: largest |J32 − J64| = {err}, {ulps} ulps of float32"
            ).format(err=f"{answer.float32_error:.3g}", ulps=f"{top_ulps:.3g}")
        )
        self.explanation.setText(self._explain(answer.explanation))

    def _labels(self, answer: PrecisionResult) -> tuple[list[str] | None, list[str] | None]:
        """The window's row and column labels, when they fit this J (a flattened f: they do)."""
        r = self.result
        m, n = answer.jacobian64.shape if answer.jacobian64.ndim == 2 else (0, 0)
        if r is None or len(r.output_labels) != m or len(r.input_labels) != n:
            return None, None
        return list(r.output_labels), list(r.input_labels)

    def _explain(self, text: str) -> str:
        for part in EXPLANATION_PARTS:
            text = text.replace(part, self.tr(part))
        return text

    def _grey(self, stale: bool) -> None:
        self._plot_stale = stale
        if self._plot is not None:
            self._plot.set_stale(stale)
        for view in (self.j64, self.j32, self.diff, self.ulps):
            view.set_stale(stale)

    def set_precision(self, digits: int) -> None:
        super().set_precision(digits)
        for view in (self.j64, self.j32, self.diff, self.ulps):
            view.set_precision(digits)
