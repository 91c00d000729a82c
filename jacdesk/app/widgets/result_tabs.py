"""The result tabs: every view of one :class:`Analysis`, fed and restyled together."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QWidget

from jacdesk.core.results import Analysis

from .check_view import CheckView
from .determinant_view import DeterminantView
from .gradients_view import GradientsView
from .hessian_view import HessianView
from .jacobian_view import JacobianView
from .kronecker_view import KroneckerView
from .symbolic_view import SymbolicView

ORDER = ("J", "Symbolic J", "det J", "Backward lab", "JVP", "Gradients", "Kronecker", "Hessian",
         "Check")  # fmt: skip
BUILT_IN = (
    ("J", JacobianView, "The Jacobian J = ∂f/∂x at the point: outputs down, inputs across"),
    ("Symbolic J", SymbolicView, "J as formulas in the input names, and det J simplified"),
    ("det J", DeterminantView, "det J, log|det J| and its sign: how f scales and orients volumes"),
    ("Gradients", GradientsView, "x.grad after y.backward(v) for every variable, shaped like it"),
    ("Kronecker", KroneckerView, "J of A @ X @ B next to kron(Bᵀ, A) and kron(A, Bᵀ)"),
    ("Hessian", HessianView, "Second derivatives ∂²f/∂x_i∂x_j (computed on request)"),
    ("Check", CheckView, "Autograd against finite differences and against the symbolic J"),
)


class ResultTabs(QTabWidget):
    """Holds the result views by name; ``show_result`` and friends reach every view that has them.

    ``statusMessage`` passes on the views' messages (e.g. "copied 4 cells").
    """

    statusMessage = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDocumentMode(True)
        self.setUsesScrollButtons(True)
        self._views: dict[str, QWidget] = {}
        for name, cls, tip in BUILT_IN:
            self.add_view(name, cls(self), tip)

    def add_view(self, name: str, widget: QWidget, tooltip: str, index: int | None = None) -> None:
        """Add a tab; names in ``ORDER`` take their place in it, others go last (or at ``index``)."""
        if name in self._views:
            raise ValueError(f"a view named {name!r} exists already")
        if index is None:
            index = self.count()
            if name in ORDER:
                rank = ORDER.index(name)
                index = sum(1 for n in self._views if n in ORDER and ORDER.index(n) < rank)
        self._views[name] = widget
        at = self.insertTab(index, widget, name)
        self.setTabToolTip(at, tooltip)
        if not widget.toolTip():
            widget.setToolTip(tooltip)
        message = getattr(widget, "statusMessage", None)
        if message is not None:
            message.connect(self.statusMessage)

    def view(self, name: str) -> QWidget:
        """The view shown under tab ``name`` (KeyError when there is none)."""
        return self._views[name]

    def names(self) -> list[str]:
        return [self.tabText(i) for i in range(self.count())]

    def show_result(self, result: Analysis) -> None:
        self._forward("show_result", result)

    def set_stale(self, stale: bool) -> None:
        self._forward("set_stale", stale)

    def set_precision(self, digits: int) -> None:
        self._forward("set_precision", digits)

    def clear_results(self, message: str = "") -> None:
        """Every view shows ``message`` instead of a result (QTabWidget.clear stays Qt's)."""
        self._forward("clear", message)

    def set_symbolic_pending(self, pending: bool) -> None:
        view = self._views.get("Symbolic J")
        if view is not None:
            view.set_pending(pending)  # type: ignore[attr-defined]

    def _forward(self, method: str, arg: object) -> None:
        for view in self._views.values():
            call = getattr(view, method, None)
            if callable(call):
                call(arg)
