"""The Questions tab's worker: one runner for precision, cost, pitfalls and practice checks.

Owned by the :class:`~jacdesk.app.state.controller.Controller`, which builds each
:class:`LabJob` from its state and passes the desk's signals on as its own. One runner serves
every kind, the newest job winning; an answer for an older f is dropped (practice checks the
exercise's own f, so it never is).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from jacdesk.core.errors import JacdeskError

from .requests import OWN_F, LabJob, run_lab
from .worker import LatestWinsRunner


class LabDesk(QObject):
    """Runs lab jobs off the GUI thread and says which kind was answered, failed or dropped.

    Signals
    -------
    labReady(str, object)
        (kind, core's result) of the newest job, for the current f.
    labFailed(str, str)
        (kind, one line for the learner).
    labCancelled(str)
        A job of this kind was dropped: superseded, cancelled, or answered for an older f.
    """

    labReady = Signal(str, object)
    labFailed = Signal(str, str)
    labCancelled = Signal(str)

    def __init__(self, generation: Callable[[], int], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._generation = generation
        self._job: LabJob | None = None  # submitted, not yet answered
        self.runner = LatestWinsRunner(run_lab, name="jacdesk-lab")
        self.runner.jobDone.connect(self._on_runner_jobDone)
        self.runner.jobFailed.connect(self._on_runner_jobFailed)

    def submit(self, job: LabJob) -> None:
        """Run ``job``; a job of another kind still outstanding is dropped (and said so)."""
        old, self._job = self._job, job
        if old is not None and old.kind != job.kind:
            self.labCancelled.emit(old.kind)
        self.runner.submit(job)

    def cancel(self) -> None:
        """Stop the outstanding job (its page's Cancel button)."""
        self.runner.cancel()
        job, self._job = self._job, None
        if job is not None:
            self.labCancelled.emit(job.kind)

    def _answered(self, job: LabJob) -> bool:
        """Forget ``job`` as outstanding; False when it was for an older f (then cancelled)."""
        if job is self._job:
            self._job = None
        if job.kind in OWN_F or job.generation == self._generation():
            return True
        self.labCancelled.emit(job.kind)
        return False

    def _on_runner_jobDone(self, job: LabJob, result: object) -> None:
        if self._answered(job):
            self.labReady.emit(job.kind, result)

    def _on_runner_jobFailed(self, job: LabJob, error: object) -> None:
        if self._answered(job):
            text = error.message if isinstance(error, JacdeskError) else str(error)
            self.labFailed.emit(job.kind, " ".join(text.split()))
