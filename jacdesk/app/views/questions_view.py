"""The Questions tab: precision, forward or reverse, pitfalls and practice, one page each.

Every computation runs on the controller's lab worker: a page emits ``labRequested(kind,
params)``, the window wires that to ``Controller.request_lab`` and the controller's
``labReady`` / ``labFailed`` / ``labCancelled`` back to :meth:`show_lab` and its siblings.
Pages compute lazily: a new f only marks them out of date, and the page shown (while this
tab is shown) asks again; a hidden page never computes on a keystroke.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from jacdesk.core.results.analysis import Analysis

from .cost_page import CostPage
from .lab_page import LabPage
from .pitfalls_page import PitfallsPage
from .practice_page import PracticePage
from .precision_page import PrecisionPage

PAGES = (
    (QT_TRANSLATE_NOOP("QuestionsView", "Precision"), PrecisionPage),
    (QT_TRANSLATE_NOOP("QuestionsView", "Forward or reverse?"), CostPage),
    (QT_TRANSLATE_NOOP("QuestionsView", "Pitfalls"), PitfallsPage),
    (QT_TRANSLATE_NOOP("QuestionsView", "Practice"), PracticePage),
)


class QuestionsView(QWidget):
    """An inner tab per page; feeds them the newest analysis and the lab worker's answers.

    ``labRequested(kind, params)`` asks for a job; ``labCancelRequested`` stops the running one.
    """

    labRequested = Signal(str, object)
    labCancelRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pages = QTabWidget(self)
        self.pages.setDocumentMode(True)
        self._by_kind: dict[str, LabPage] = {}
        for title, cls in PAGES:
            page = cls()
            page.labRequested.connect(self.labRequested)
            self._by_kind[page.kind] = page
            # Each page scrolls: a 1024×640 window is never held taller by it.
            scroll = QScrollArea(self.pages)
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setWidget(page)
            self.pages.addTab(scroll, self.tr(title))
        self.precision = self._by_kind["precision"]
        self.cost = self._by_kind["cost"]
        self.pitfalls = self._by_kind["pitfall"]
        self.practice = self._by_kind["practice"]
        assert isinstance(self.cost, CostPage)
        self.cost.cancelRequested.connect(self.labCancelRequested)
        self.pages.currentChanged.connect(self._on_pages_currentChanged)
        self._generation: int | None = None
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.pages)

    def page(self, kind: str) -> LabPage:
        """The page that shows answers of ``kind`` ("precision", "cost", "pitfall", "practice")."""
        return self._by_kind[kind]

    def current_page(self) -> LabPage:
        scroll = self.pages.currentWidget()
        assert isinstance(scroll, QScrollArea)
        page = scroll.widget()
        assert isinstance(page, LabPage)
        return page

    def show_page(self, kind: str) -> None:
        """Bring the page of ``kind`` to the front (it computes if it needs to)."""
        target = self._by_kind[kind]
        for i in range(self.pages.count()):
            scroll = self.pages.widget(i)
            if isinstance(scroll, QScrollArea) and scroll.widget() is target:
                self.pages.setCurrentIndex(i)

    # -- the result-view protocol (ResultTabs feeds every tab) ------------------------------
    def show_result(self, result: Analysis) -> None:
        """A new analysis: a new f or point marks the pages out of date; the shown one asks."""
        if result.generation == self._generation:
            return  # the same input again, now with its symbolic forms
        self._generation = result.generation
        for page in self._by_kind.values():
            page.set_problem(result)
        self._refresh_shown()

    def set_precision(self, digits: int) -> None:
        for page in self._by_kind.values():
            page.set_precision(digits)

    def set_stale(self, stale: bool) -> None:
        for page in self._by_kind.values():
            page.set_stale(stale)

    # -- the lab worker's answers ------------------------------------------------------------
    def show_lab(self, kind: str, answer: object) -> None:
        page = self._by_kind.get(kind)
        if page is not None:
            page.show_lab(answer)

    def show_lab_error(self, kind: str, message: str) -> None:
        page = self._by_kind.get(kind)
        if page is not None:
            page.show_error(message)

    def show_lab_cancelled(self, kind: str) -> None:
        page = self._by_kind.get(kind)
        if page is not None:
            page.show_cancelled()

    # -- laziness ----------------------------------------------------------------------------
    def _refresh_shown(self) -> None:
        """Compute for the page shown, if this tab is shown and the page wants it."""
        if not self.isVisible():
            return
        page = self.current_page()
        if page.result is not None and page.wants_refresh():
            page.refresh()

    def _on_pages_currentChanged(self, _index: int) -> None:
        self._refresh_shown()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._refresh_shown()
