"""x.grad for every variable after ``y.backward(v)``: the gradient of vᵀf, shaped like x."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from jacdesk.core.results import Analysis

from .matrix_view import MatrixView
from .stale_badge import StaleBadge
from .style import DEFAULT_DIGITS, set_stale_look

INTRO = (
    "y.backward(v) back-propagates the scalar vᵀf, so each x.grad is ∂(vᵀf)/∂x = vᵀJ restricted "
    "to x's columns — with v = ones, the column sums of J, not J itself."
)


class GradientsView(QWidget):
    """v, then one table per variable shaped like it (scalar 1×1, vector one row, matrix grid)."""

    statusMessage = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._digits = DEFAULT_DIGITS
        self._stale = False
        self._views: dict[str, MatrixView] = {}
        self._body = QWidget(self)
        self.badge = StaleBadge(self._body)
        self.intro = QLabel(INTRO, self._body)
        self.intro.setWordWrap(True)
        self.intro.setToolTip("What torch leaves in .grad after one backward pass with weights v")
        self.v_view = self._matrix_view("v — the grad_outputs given to y.backward(v)")
        self.v_view.setToolTip("The weights on the outputs: backward(v) differentiates vᵀf")
        self.message = QLabel(self._body)
        self.message.setWordWrap(True)
        self.message.setToolTip("Why no gradients are shown")
        self._list = QVBoxLayout(self._body)
        self._list.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignRight)
        self._list.addWidget(self.intro)
        self._list.addWidget(self.v_view)
        self._list.addWidget(self.message)
        self._list.addStretch(1)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self._body)
        self.scroll.setToolTip("One table per variable, in declared order")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll)
        self.clear()

    def show_result(self, result: Analysis) -> None:
        self.message.setVisible(False)
        v = np.asarray(result.v).reshape(-1)
        outs = result.output_labels if len(result.output_labels) == v.size else None
        self.v_view.set_matrix(v, ["v"], outs, lambda _r, c: f"v[{c}] (weight on {_at(outs, c)})")
        self.v_view.setVisible(True)
        if list(self._views) != list(result.gradients):
            self._rebuild(list(result.gradients))
        for name, grad in result.gradients.items():
            rows, cols, cell = _layout(name, np.asarray(grad))
            self._views[name].set_matrix(grad, rows, cols, cell)

    def set_stale(self, stale: bool) -> None:
        self._stale = stale
        self.badge.set_stale(stale)
        for view in (self.v_view, *self._views.values()):
            view.set_stale(stale)
        set_stale_look([self.intro], stale)

    def set_precision(self, digits: int) -> None:
        self._digits = digits
        for view in (self.v_view, *self._views.values()):
            view.set_precision(digits)

    def clear(self, message: str = "") -> None:
        self._rebuild([])
        self.v_view.setVisible(False)
        self.message.setText(message or "x.grad for each variable appears here")
        self.message.setVisible(True)

    def matrix_view(self, name: str) -> MatrixView:
        """The table showing ``name``.grad (KeyError if there is none)."""
        return self._views[name]

    def _rebuild(self, names: list[str]) -> None:
        for view in self._views.values():
            self._list.removeWidget(view)
            view.hide()  # deleteLater waits for the event loop; until then it must not show
            view.deleteLater()
        self._views = {}
        for k, name in enumerate(names):
            view = self._matrix_view(f"∂(vᵀf)/∂{name} — what {name}.grad holds after y.backward(v)")
            view.setToolTip(f"{name}.grad: shaped like {name}; hover a cell for its exact value")
            self._list.insertWidget(4 + k, view)
            self._views[name] = view

    def _matrix_view(self, title: str) -> MatrixView:
        view = MatrixView(title, self._body, badge=False, fit_height=True)
        view.set_precision(self._digits)
        view.set_stale(self._stale)
        view.statusMessage.connect(self.statusMessage)
        return view


def _at(labels: tuple[str, ...] | None, k: int) -> str:
    return f"output {k}" if labels is None else labels[k]


def _layout(name: str, grad: np.ndarray) -> tuple[list[str], list[str], Callable[[int, int], str]]:
    """Row labels, column labels and cell names for a gradient shaped like its variable."""
    if grad.ndim == 0:
        return [f"{name}.grad"], [name], lambda _r, _c: f"∂(vᵀf)/∂{name}"
    if grad.ndim == 1:
        cols = [f"{name}[{j}]" for j in range(grad.shape[0])]
        return [f"{name}.grad"], cols, lambda _r, c: f"∂(vᵀf)/∂{name}[{c}]"
    p, q = grad.shape[:2]
    rows = [f"{name}[{i},:]" for i in range(p)]
    cols = [f"{name}[:,{j}]" for j in range(q)]
    return rows, cols, lambda r, c: f"∂(vᵀf)/∂{name}[{r},{c}]"
