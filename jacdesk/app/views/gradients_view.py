"""x.grad for every variable after ``y.backward(v)``: the gradient of vᵀf, shaped like x."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from jacdesk.app.system.i18n import translate
from jacdesk.app.widgets.closed_form_line import closed_form_line
from jacdesk.app.widgets.math_view import MathView
from jacdesk.app.widgets.matrix_view import MatrixView
from jacdesk.app.widgets.stale_badge import StaleBadge
from jacdesk.app.widgets.style import DEFAULT_DIGITS, set_stale_look
from jacdesk.core.formats.latex_chain import closed_form_latex
from jacdesk.core.results.analysis import Analysis

INTRO = QT_TRANSLATE_NOOP(
    "GradientsView",
    "y.backward(v) back-propagates the scalar vᵀf, so each x.grad is ∂(vᵀf)/∂x = vᵀJ restricted "
    "to x's columns — with v = ones, the column sums of J, not J itself.",
)


class GradientsView(QWidget):
    """v, then one table per variable shaped like it (scalar 1×1, vector one row, matrix grid)."""

    statusMessage = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._digits = DEFAULT_DIGITS
        self._stale = False
        self._views: dict[str, MatrixView] = {}
        self._values: dict[str, MatrixView] = {}
        self._forms: dict[str, QLabel] = {}
        self._boxes: dict[str, QWidget] = {}
        self._typeset: dict[str, MathView] = {}
        self._body = QWidget(self)
        self.badge = StaleBadge(self._body)
        self.intro = QLabel(self.tr(INTRO), self._body)
        self.intro.setWordWrap(True)
        self.intro.setToolTip(
            self.tr("What torch leaves in .grad after one backward pass with weights v")
        )
        self.v_view = self._matrix_view(self.tr("v — the grad_outputs given to y.backward(v)"))
        self.v_view.setToolTip(
            self.tr("The weights on the outputs: backward(v) differentiates vᵀf")
        )
        self.message = QLabel(self._body)
        self.message.setWordWrap(True)
        self.message.setToolTip(self.tr("Why no gradients are shown"))
        self._list = QVBoxLayout(self._body)
        self._list.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignRight)
        self._list.addWidget(self.intro)
        self._list.addWidget(self.v_view)
        self._list.addWidget(self.message)
        self._list.addStretch(1)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self._body)
        self.scroll.setToolTip(self.tr("One table per variable, in declared order"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll)
        self.clear()

    def show_result(self, result: Analysis) -> None:
        self.message.setVisible(False)
        v = np.asarray(result.v).reshape(-1)
        outs = result.output_labels if len(result.output_labels) == v.size else None
        weight = self.tr("v[{k}] (weight on {output})")
        self.v_view.set_matrix(
            v, ["v"], outs, lambda _r, c: weight.format(k=c, output=_at(outs, c))
        )
        self.v_view.setVisible(True)
        if list(self._views) != list(result.gradients):
            self._rebuild(list(result.gradients))
        scalar = result.jacobian.shape[0] == 1
        forms = getattr(result.symbolic, "closed_forms", None) or {}
        for name, grad in result.gradients.items():
            rows, cols, cell = _layout(name, np.asarray(grad))
            self._views[name].set_matrix(grad, rows, cols, cell)
            if scalar and float(result.v[0]) == 1.0:
                self._views[name].set_title(
                    self.tr(
                        "∂f/∂{name} — {name}.grad after f.backward(), shaped like {name} "
                        "(the Matrix Cookbook's ∂f/∂X)"
                    ).format(name=name)
                )
            value = np.asarray(result.point[name])
            value_rows = rows if value.ndim == 2 else [name]
            self._values[name].set_matrix(value, value_rows, cols, _value_cell(name, value.ndim))
            self._show_closed_form(name, forms.get(name), scalar, result.symbolic is not None)

    def set_stale(self, stale: bool) -> None:
        self._stale = stale
        self.badge.set_stale(stale)
        for view in (self.v_view, *self._views.values(), *self._values.values()):
            view.set_stale(stale)
        set_stale_look([self.intro, *self._forms.values()], stale)

    def set_precision(self, digits: int) -> None:
        self._digits = digits
        for view in (self.v_view, *self._views.values(), *self._values.values()):
            view.set_precision(digits)

    def clear(self, message: str = "") -> None:
        self._rebuild([])
        self.v_view.setVisible(False)
        self.message.setText(message or self.tr("x.grad for each variable appears here"))
        self.message.setVisible(True)

    def matrix_view(self, name: str) -> MatrixView:
        """The table showing ``name``.grad (KeyError if there is none)."""
        return self._views[name]

    def value_view(self, name: str) -> MatrixView:
        """The table showing ``name``'s value at the point, beside its gradient."""
        return self._values[name]

    def closed_form_text(self, name: str) -> str:
        """The closed-form line under ``name``'s gradient ("" when hidden)."""
        label = self._forms[name]
        return label.text() if not label.isHidden() else ""

    def _rebuild(self, names: list[str]) -> None:
        for box in self._boxes.values():
            self._list.removeWidget(box)
            box.hide()  # deleteLater waits for the event loop; until then it must not show
            box.deleteLater()
        self._views, self._values, self._forms, self._boxes = {}, {}, {}, {}
        self._typeset = {}
        for k, name in enumerate(names):
            box = QWidget(self._body)
            value = self._matrix_view(self.tr("{name} — the point").format(name=name), box)
            value.setToolTip(self.tr("The value of {name} at the point").format(name=name))
            view = self._matrix_view(
                self.tr("∂(vᵀf)/∂{name} — what {name}.grad holds after y.backward(v)").format(
                    name=name
                ),
                box,
            )
            view.setToolTip(
                self.tr("{name}.grad: shaped like {name}; hover a cell for its exact value").format(
                    name=name
                )
            )
            form = QLabel(box)
            form.setWordWrap(True)
            form.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.setToolTip(
                self.tr(
                    "A matrix formula for the gradient, derived with sympy on matrix symbols and "
                    "shown as correct only after it matched autograd at this point"
                )
            )
            pair = QHBoxLayout()
            pair.setContentsMargins(0, 0, 0, 0)
            pair.addWidget(value)
            pair.addWidget(view, 1)
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 6, 0, 6)
            column.addLayout(pair)
            column.addWidget(form)
            typeset = MathView(box)
            typeset.setVisible(False)
            column.addWidget(typeset)
            self._list.insertWidget(4 + k, box)
            self._views[name], self._values[name] = view, value
            self._forms[name], self._boxes[name] = form, box
            self._typeset[name] = typeset

    def _show_closed_form(self, name: str, form: Any, scalar: bool, derived: bool) -> None:
        label = self._forms[name]
        text, style = closed_form_line(name, form, scalar, derived)
        label.setText(text)
        label.setStyleSheet(style)
        label.setVisible(bool(text))
        latex = closed_form_latex(name, form) if scalar and derived else None
        self._typeset[name].set_latex(latex)
        self._typeset[name].setVisible(latex is not None)

    def closed_form_view(self, name: str) -> MathView:
        """The typeset closed form of ``name``'s gradient (hidden unless verified)."""
        return self._typeset[name]

    def _matrix_view(self, title: str, parent: QWidget | None = None) -> MatrixView:
        view = MatrixView(title, parent or self._body, badge=False, fit_height=True)
        view.set_precision(self._digits)
        view.set_stale(self._stale)
        view.statusMessage.connect(self.statusMessage)
        return view


def _at(labels: tuple[str, ...] | None, k: int) -> str:
    return translate("GradientsView", "output {k}").format(k=k) if labels is None else labels[k]


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


def _value_cell(name: str, ndim: int) -> Callable[[int, int], str]:
    if ndim == 2:
        return lambda r, c: f"{name}[{r},{c}]"
    return lambda _r, c: f"{name}[{c}]" if ndim == 1 else name
