"""The result tabs: every view of one :class:`Analysis`, fed and restyled together."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import QTabWidget, QWidget

from jacdesk.core.results.analysis import Analysis

from .check_view import CheckView
from .determinant_view import DeterminantView
from .gradients_view import GradientsView
from .hessian_view import HessianView
from .jacobian_view import JacobianView
from .kronecker_view import KroneckerView
from .symbolic_view import SymbolicView

ORDER = ("J", "Symbolic J", "det J", "Backward lab", "JVP", "Gradients", "Kronecker", "Hessian",
         "Check")  # fmt: skip
#: Tab names are keys (``view(name)``, ``names()``, sessions); only the shown text is translated,
#: in the context "ResultTabs" (a tab added elsewhere marks its name with QT_TRANSLATE_NOOP).
TITLES = (
    QT_TRANSLATE_NOOP("ResultTabs", "J"),
    QT_TRANSLATE_NOOP("ResultTabs", "Symbolic J"),
    QT_TRANSLATE_NOOP("ResultTabs", "det J"),
    QT_TRANSLATE_NOOP("ResultTabs", "Backward lab"),
    QT_TRANSLATE_NOOP("ResultTabs", "JVP"),
    QT_TRANSLATE_NOOP("ResultTabs", "Gradients"),
    QT_TRANSLATE_NOOP("ResultTabs", "Kronecker"),
    QT_TRANSLATE_NOOP("ResultTabs", "Hessian"),
    QT_TRANSLATE_NOOP("ResultTabs", "Check"),
    QT_TRANSLATE_NOOP("ResultTabs", "Plots"),
)
BUILT_IN = (
    ("J", JacobianView, QT_TRANSLATE_NOOP(
        "ResultTabs", "The Jacobian J = ∂f/∂x at the point: outputs down, inputs across")),
    ("Symbolic J", SymbolicView, QT_TRANSLATE_NOOP(
        "ResultTabs", "J as formulas in the input names, and det J simplified")),
    ("det J", DeterminantView, QT_TRANSLATE_NOOP(
        "ResultTabs", "det J, log|det J| and its sign: how f scales and orients volumes")),
    ("Gradients", GradientsView, QT_TRANSLATE_NOOP(
        "ResultTabs", "x.grad after y.backward(v) for every variable, shaped like it")),
    ("Kronecker", KroneckerView, QT_TRANSLATE_NOOP(
        "ResultTabs", "J of A @ X @ B next to kron(Bᵀ, A) and kron(A, Bᵀ)")),
    ("Hessian", HessianView, QT_TRANSLATE_NOOP(
        "ResultTabs", "Second derivatives ∂²f/∂x_i∂x_j (computed on request)")),
    ("Check", CheckView, QT_TRANSLATE_NOOP(
        "ResultTabs", "Autograd against finite differences and against the symbolic J")),
)  # fmt: skip


class ResultTabs(QTabWidget):
    """Holds the result views by name; ``show_result`` and friends reach every view that has them.

    ``statusMessage`` passes on the views' messages (e.g. "copied 4 cells"). A tab's name is
    its key; the tab shows ``self.tr(name)`` (context "ResultTabs") and its tooltip
    ``self.tr(tooltip)``, both redone by :meth:`retranslate`.
    """

    statusMessage = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDocumentMode(True)
        self.setUsesScrollButtons(True)
        self._views: dict[str, QWidget] = {}
        self._tips: dict[str, str] = {}
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
        self._tips[name] = tooltip
        at = self.insertTab(index, widget, self.tr(name))
        self.setTabToolTip(at, self.tr(tooltip))
        if not widget.toolTip():
            widget.setToolTip(self.tr(tooltip))
        message = getattr(widget, "statusMessage", None)
        if message is not None:
            message.connect(self.statusMessage)

    def view(self, name: str) -> QWidget:
        """The view shown under tab ``name`` (KeyError when there is none)."""
        return self._views[name]

    def names(self) -> list[str]:
        """The tabs' keys (untranslated names), in the order shown."""
        out = []
        for i in range(self.count()):
            widget = self.widget(i)
            out.append(next((n for n, w in self._views.items() if w is widget), self.tabText(i)))
        return out

    def current_name(self) -> str:
        """The key of the tab shown ("" when there is none)."""
        index = self.currentIndex()
        return self.names()[index] if index >= 0 else ""

    def retranslate(self) -> None:
        """Tab texts and tooltips in the current language (after a language switch)."""
        for name, widget in self._views.items():
            at = self.indexOf(widget)
            if at >= 0:
                self.setTabText(at, self.tr(name))
                self.setTabToolTip(at, self.tr(self._tips[name]))

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
