"""Background runners: the latest request wins, stale work is cancelled, results come by signal.

A runner is a QThread with its own loop. ``submit`` (GUI thread) replaces any waiting job and
asks the running one to stop; the thread then computes the newest job. The computation gets
the job and a :class:`TaskState`, and never touches a widget: results travel by signal,
queued to the GUI thread.
"""

from __future__ import annotations

import atexit
import threading
import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QThread, Signal

from jacdesk.core.errors import JacdeskError
from jacdesk.core.tasks import Cancelled, TaskState

#: compute(job, task) -> result; cancel_hook(running_job, new_job) stops extra work, if any.
Compute = Callable[[Any, TaskState], Any]
CancelHook = Callable[[Any, Any], None]


class LatestWinsRunner(QThread):
    """Runs ``compute`` on the newest submitted job, one at a time, off the GUI thread.

    Signals
    -------
    jobDone(object, object)
        (job, result) of a finished job that was not superseded while running.
    jobFailed(object, object)
        (job, error) when compute raised: the :class:`JacdeskError` (with its column) for bad
        input, or a one-line message for anything else.
    busyChanged(bool)
        True while a job runs.
    """

    jobDone = Signal(object, object)
    jobFailed = Signal(object, object)
    busyChanged = Signal(bool)

    def __init__(
        self, compute: Compute, cancel_hook: CancelHook | None = None, name: str = "worker"
    ):
        super().__init__()
        self.setObjectName(name)
        self._compute = compute
        self._cancel_hook = cancel_hook
        self._cond = threading.Condition()
        self._pending: Any = None
        self._has_pending = False
        self._running: Any = None
        self._task: TaskState | None = None
        self._stopping = False
        _LIVE.add(self)

    # -- GUI thread ------------------------------------------------------------------------
    def submit(self, job: Any) -> None:
        """Queue ``job``, replacing any job not yet started, and cancel the running one."""
        with self._cond:
            self._pending = job
            self._has_pending = True
            if self._task is not None:
                self._task.cancel()
                if self._cancel_hook is not None:
                    self._cancel_hook(self._running, job)
            self._cond.notify()
        if not self.isRunning():
            self.start()

    def cancel(self) -> None:
        """Drop the waiting job and stop the running one (the Cancel button)."""
        with self._cond:
            self._pending = None
            self._has_pending = False
            if self._task is not None:
                self._task.cancel()
                if self._cancel_hook is not None:
                    self._cancel_hook(self._running, None)

    def stop(self, timeout_ms: int = 5000) -> bool:
        """Cancel everything and end the thread; True when it ended in time."""
        with self._cond:
            self._stopping = True
        self.cancel()
        with self._cond:
            self._cond.notify()
        return self.wait(timeout_ms) if self.isRunning() else True

    # -- worker thread ---------------------------------------------------------------------
    def run(self) -> None:
        while True:
            with self._cond:
                while not self._has_pending and not self._stopping:
                    self._cond.wait()
                if self._stopping:
                    return
                job = self._pending
                self._pending, self._has_pending = None, False
                task = TaskState()
                self._running, self._task = job, task
            self.busyChanged.emit(True)
            try:
                result = self._compute(job, task)
            except Cancelled:
                result = _CANCELLED
            except JacdeskError as err:
                result = _Failure(err)
            except Exception as err:  # a bug must not kill the worker
                result = _Failure(
                    self.tr("internal error ({kind}: {error}); please report this").format(
                        kind=type(err).__name__, error=err
                    )
                )
            with self._cond:
                superseded = task.cancelled or self._stopping
                self._running, self._task = None, None
                idle = not self._has_pending
            if isinstance(result, _Failure) and not superseded:
                self.jobFailed.emit(job, result.error)
            elif result is not _CANCELLED and not superseded:
                self.jobDone.emit(job, result)
            if idle:
                self.busyChanged.emit(False)


#: Every runner not yet garbage-collected: at interpreter exit each is stopped, because Qt
#: aborts the process when a QThread object is destroyed while its thread still runs (a
#: window or controller that was never closed, e.g. after an unhandled error).
_LIVE: weakref.WeakSet[LatestWinsRunner] = weakref.WeakSet()


@atexit.register
def stop_all() -> None:
    """Stop every live runner; idempotent (closing a window stops its own first)."""
    for runner in list(_LIVE):
        try:
            while not runner.stop(2000):  # a torch step in flight ends by itself
                pass
        except RuntimeError:  # its C++ object is already gone
            pass


class _Failure:
    def __init__(self, error: JacdeskError | str):
        self.error = error if isinstance(error, JacdeskError) else " ".join(error.split())


_CANCELLED = object()
