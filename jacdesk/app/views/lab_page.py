"""What the Questions tab's pages share: a request signal, the busy/stale bookkeeping, a badge.

A page computes lazily. :meth:`set_problem` (a new f or point) only marks it out of date; the
Questions view calls :meth:`refresh` when the page is shown and :meth:`wants_refresh` says
so. Answers come back through :meth:`show_lab`, :meth:`show_error` and :meth:`show_cancelled`.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QWidget

from jacdesk.app.widgets.stale_badge import StaleBadge
from jacdesk.app.widgets.style import DEFAULT_DIGITS, WARNING_STYLE
from jacdesk.core.results.analysis import Analysis


class LabPage(QWidget):
    """Base of the four pages. ``labRequested(kind, params)`` asks the controller for work.

    Subclasses set :attr:`kind`, build their widgets, and implement :meth:`_params`,
    :meth:`_show` (a result) and, when a new f matters, :meth:`wants_refresh`.
    """

    labRequested = Signal(str, object)
    kind = ""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.result: Analysis | None = None  # the newest problem's analysis (labels, m, n)
        self.busy = False
        self.out_of_date = False  # what is shown belongs to an older f or point
        self.has_answer = False
        self._problem = 0  # counts new problems: an answer for an older one stays stale
        self._asked_for = -1
        self._digits = DEFAULT_DIGITS
        self._window_stale = False  # the window's input is invalid or changing
        self.badge = StaleBadge(self)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(WARNING_STYLE)
        self.error_label.setVisible(False)

    # -- from the Questions view -------------------------------------------------------------
    def set_problem(self, result: Analysis) -> None:
        """A new f or point: what is shown is now out of date (recomputed when shown)."""
        self.result = result
        self._problem += 1
        self.out_of_date = True
        self._update_look()

    def wants_refresh(self) -> bool:
        """Whether being shown should compute (default: never, only a button does)."""
        return False

    def refresh(self) -> None:
        """Ask for this page's computation on the current f."""
        self._asked_for = self._problem
        self.busy = True
        self.error_label.setVisible(False)
        self._set_busy(True)
        self.labRequested.emit(self.kind, self._params())

    def show_lab(self, answer: object) -> None:
        self.busy = False
        self.has_answer = True
        self.out_of_date = self._asked_for != self._problem
        self.error_label.setVisible(False)
        self._set_busy(False)
        self._show(answer)
        self._update_look()

    def show_error(self, message: str) -> None:
        """One line for the learner; what was shown stays, marked stale."""
        self.busy = False
        self._set_busy(False)
        self.error_label.setText(message)
        self.error_label.setVisible(True)
        self.out_of_date = True  # what is still shown is not this f's
        self._update_look()

    def show_cancelled(self) -> None:
        """The job was cancelled or superseded: leave the busy state, keep what was shown."""
        self.busy = False
        self._set_busy(False)

    def set_stale(self, stale: bool) -> None:
        """The window's input is invalid or changing (the other tabs grey too)."""
        self._window_stale = stale
        self._update_look()

    def _update_look(self) -> None:
        stale = self.has_answer and (self._window_stale or self.out_of_date)
        self.badge.set_stale(stale)
        self._grey(stale)

    def set_precision(self, digits: int) -> None:
        self._digits = digits

    # -- hooks -------------------------------------------------------------------------------
    def _params(self) -> dict:
        return {}

    def _show(self, answer: object) -> None:
        raise NotImplementedError

    def _set_busy(self, busy: bool) -> None:
        """Show (or hide) that the page is computing."""

    def _grey(self, stale: bool) -> None:
        """Grey what is shown while it belongs to an older (or invalid) input."""
