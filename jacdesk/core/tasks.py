"""Progress and cancellation passed into long computations (the idea of Orange3's TaskState)."""

from __future__ import annotations

import threading
from collections.abc import Callable


class Cancelled(Exception):
    """Raised inside a computation when its task has been cancelled."""


class TaskState:
    """Shared between the requester (who may cancel) and the computation (which checks).

    Parameters
    ----------
    on_progress
        Called with a fraction in [0, 1] and a short status text; may be ``None``.
    """

    def __init__(self, on_progress: Callable[[float, str], None] | None = None):
        self._cancel = threading.Event()
        self._on_progress = on_progress

    def cancel(self) -> None:
        """Ask the computation to stop at its next check."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        """Raise :class:`Cancelled` if cancellation was requested."""
        if self._cancel.is_set():
            raise Cancelled

    def progress(self, fraction: float, text: str = "") -> None:
        """Report progress, then check for cancellation."""
        if self._on_progress is not None:
            self._on_progress(min(max(fraction, 0.0), 1.0), text)
        self.check()


def check(task: TaskState | None) -> None:
    """``task.check()`` when there is a task."""
    if task is not None:
        task.check()
