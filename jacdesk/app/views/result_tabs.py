"""The result tabs: every view of one :class:`Analysis`, fed and restyled together."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal, SignalInstance
from PySide6.QtWidgets import QTabWidget, QWidget

from jacdesk.core.results.analysis import Analysis

from .check_view import CheckView
from .determinant_view import DeterminantView
from .gradients_view import GradientsView
from .graph_view import GraphView
from .hessian_view import HessianView
from .jacobian_view import JacobianView
from .kronecker_view import KroneckerView
from .questions_view import QuestionsView
from .staggered_feed import StaggeredFeed
from .symbolic_view import SymbolicView

ORDER = (
    "J",
    "Symbolic J",
    "det J",
    "Backward lab",
    "Graph",
    "JVP",
    "Gradients",
    "Kronecker",
    "Hessian",
    "Check",
    "Questions",
)
#: Tab names are keys (``view(name)``, ``names()``, sessions); only the shown text is translated,
#: in the context "ResultTabs" (a tab added elsewhere marks its name with QT_TRANSLATE_NOOP).
# TITLES only marks the names for the translation tools; nothing reads it.
TITLES = (
    QT_TRANSLATE_NOOP("ResultTabs", "J"),
    QT_TRANSLATE_NOOP("ResultTabs", "Symbolic J"),
    QT_TRANSLATE_NOOP("ResultTabs", "det J"),
    QT_TRANSLATE_NOOP("ResultTabs", "Backward lab"),
    QT_TRANSLATE_NOOP("ResultTabs", "Graph"),
    QT_TRANSLATE_NOOP("ResultTabs", "JVP"),
    QT_TRANSLATE_NOOP("ResultTabs", "Gradients"),
    QT_TRANSLATE_NOOP("ResultTabs", "Kronecker"),
    QT_TRANSLATE_NOOP("ResultTabs", "Hessian"),
    QT_TRANSLATE_NOOP("ResultTabs", "Check"),
    QT_TRANSLATE_NOOP("ResultTabs", "Questions"),
    QT_TRANSLATE_NOOP("ResultTabs", "Plots"),
)
BUILT_IN = (
    (
        "J",
        JacobianView,
        QT_TRANSLATE_NOOP(
            "ResultTabs", "The Jacobian J = ∂f/∂x at the point: outputs down, inputs across"
        ),
    ),
    (
        "Symbolic J",
        SymbolicView,
        QT_TRANSLATE_NOOP("ResultTabs", "J as formulas in the input names, and det J simplified"),
    ),
    (
        "det J",
        DeterminantView,
        QT_TRANSLATE_NOOP(
            "ResultTabs", "det J, log|det J| and its sign: how f scales and orients volumes"
        ),
    ),
    (
        "Graph",
        GraphView,
        QT_TRANSLATE_NOOP(
            "ResultTabs", "Watch y.backward(v) walk torch's real autograd graph, node by node"
        ),
    ),
    (
        "Gradients",
        GradientsView,
        QT_TRANSLATE_NOOP(
            "ResultTabs", "x.grad after y.backward(v) for every variable, shaped like it"
        ),
    ),
    (
        "Kronecker",
        KroneckerView,
        QT_TRANSLATE_NOOP("ResultTabs", "J of A @ X @ B next to kron(Bᵀ, A) and kron(A, Bᵀ)"),
    ),
    (
        "Hessian",
        HessianView,
        QT_TRANSLATE_NOOP("ResultTabs", "Second derivatives ∂²f/∂x_i∂x_j (computed on request)"),
    ),
    (
        "Check",
        CheckView,
        QT_TRANSLATE_NOOP(
            "ResultTabs", "Autograd against finite differences and against the symbolic J"
        ),
    ),
    (
        "Questions",
        QuestionsView,
        QT_TRANSLATE_NOOP(
            "ResultTabs", "Precision, forward or reverse, autograd pitfalls, and practice"
        ),
    ),
)


@runtime_checkable
class MarksStale(Protocol):
    """A tab that greys what it shows while that belongs to an older input."""

    def set_stale(self, stale: bool) -> None: ...


@runtime_checkable
class ResultView(MarksStale, Protocol):
    """A tab that shows each new :class:`Analysis` in the chosen number of digits."""

    def show_result(self, result: Analysis) -> None: ...

    def set_precision(self, digits: int) -> None: ...


@runtime_checkable
class ReportsStatus(Protocol):
    """A tab with messages for a status bar ("copied 4 cells")."""

    statusMessage: SignalInstance


class ResultTabs(QTabWidget):
    """Holds the result views by name and feeds every :class:`ResultView` among them.

    What a tab takes part in is decided once, when it is added: a :class:`ResultView` gets
    every result, digits and staleness; a :class:`MarksStale` tab only staleness.
    ``statusMessage`` passes on the messages of every :class:`ReportsStatus` tab. A tab's name
    is its key; the tab shows ``self.tr(name)`` (context "ResultTabs") and its tooltip
    ``self.tr(tooltip)``, both redone by :meth:`retranslate`.
    """

    statusMessage = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDocumentMode(True)
        self.setUsesScrollButtons(True)
        self._views: dict[str, QWidget] = {}
        self._tips: dict[str, str] = {}
        self._result_views: list[ResultView] = []
        self._stale_views: list[MarksStale] = []
        # A large result reaches the hidden tabs one per event-loop turn (no long stall).
        self._feed = StaggeredFeed(self.currentWidget, self)
        self.currentChanged.connect(self._on_self_currentChanged)
        self._symbolic = SymbolicView(self)
        for name, cls, tip in BUILT_IN:
            self.add_view(name, self._symbolic if cls is SymbolicView else cls(self), tip)

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
        if isinstance(widget, ResultView):
            self._result_views.append(widget)
        if isinstance(widget, MarksStale):
            self._stale_views.append(widget)
        if isinstance(widget, ReportsStatus):
            widget.statusMessage.connect(self.statusMessage)

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
        self._feed.feed(self._result_views, result)

    def pending(self) -> int:
        """How many hidden views still wait for the newest result (fed one per turn)."""
        return self._feed.pending()

    def _on_self_currentChanged(self, _index: int) -> None:
        self._feed.bring_forward(self.currentWidget())

    def set_stale(self, stale: bool) -> None:
        for view in self._stale_views:
            view.set_stale(stale)

    def set_precision(self, digits: int) -> None:
        for view in self._result_views:
            view.set_precision(digits)

    def set_busy(self, busy: bool) -> None:
        """A request runs (or no longer): the J tab says so while it has no J to show."""
        jacobian = self._views.get("J")
        if isinstance(jacobian, JacobianView):
            jacobian.set_busy(busy)

    def set_symbolic_pending(self, pending: bool) -> None:
        """The symbolic forms are on their way (or no longer)."""
        self._symbolic.set_pending(pending)
