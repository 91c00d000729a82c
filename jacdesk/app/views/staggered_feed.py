"""Feeding a large result to many views without stalling the event loop.

Each view formats, measures and lays out its own copy of a result; for a 1600×1600 J the
views together take far longer than a frame, although each alone fits. So the shown view gets
a result at once and the hidden ones get it one per event-loop turn (or at once when the
user switches to them), so that no single slot holds the GUI thread for long and the numbers
the user looks at come first.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, QTimer

from jacdesk.core.results.analysis import Analysis

#: Results with more J entries than this are fed view by view, the shown view first. Every
#: result is: even the seed's hidden views take ~10 ms together, which would stand between
#: an edit and its numbers on screen (edit → J painted: 50 ms fed at once, 18 ms staggered).
STAGGER_CELLS = -1


class Fed(Protocol):
    def show_result(self, result: Analysis) -> None: ...


class StaggeredFeed(QObject):
    """Hands one result to a list of views: the current one now, the rest one per turn."""

    def __init__(self, current: Callable[[], object], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._current = current
        self._pending: list[Fed] = []
        self._result: Analysis | None = None
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self._on_timer_timeout)

    def feed(self, views: list[Fed], result: Analysis) -> None:
        """Show ``result`` in every view; a newer call replaces what is still pending."""
        self._pending, self._result = [], result
        if result.jacobian.size <= STAGGER_CELLS:
            for view in views:
                view.show_result(result)
            return
        shown = self._current()
        first = [v for v in views if v is shown]
        self._pending = [v for v in views if v is not shown]
        for view in first:
            view.show_result(result)
        if self._pending:
            self._timer.start()

    def bring_forward(self, view: object) -> None:
        """``view`` became visible: give it the pending result now rather than in its turn."""
        if view in self._pending and self._result is not None:
            self._pending.remove(view)
            view.show_result(self._result)

    def pending(self) -> int:
        """How many views still wait for the newest result."""
        return len(self._pending)

    def _on_timer_timeout(self) -> None:
        if self._pending and self._result is not None:
            self._pending.pop(0).show_result(self._result)
        if self._pending:
            self._timer.start()
