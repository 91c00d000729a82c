"""Grids for the plots, computed on their own latest-wins worker (never on the GUI thread)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QObject, Signal

from jacdesk.core.errors import JacdeskError

from .worker import LatestWinsRunner

LOCAL_POINTS = 25  # per axis, for the local linear map
LOCAL_RADIUS = 0.05  # of the plotted extent


@dataclass(frozen=True)
class PlotJob:
    generation: int
    result: object  # the Analysis whose expressions and point the plots show
    constants: tuple[tuple[str, np.ndarray], ...]
    over: tuple[tuple[str, tuple[float, float, int]], ...]


def compute_plot(job: PlotJob, task) -> tuple:
    """Worker-thread body: the main grid and the small one around the point."""
    from jacdesk.core.diff.grid import grid

    r = job.result
    consts = dict(job.constants)
    main = grid(
        r.expressions, r.point, dict(job.over), consts, task=task, generation=job.generation
    )
    local_over = {}
    for (label, (lo, hi, _)), x0 in zip(job.over, main.point, strict=True):
        half = LOCAL_RADIUS * (hi - lo)
        local_over[label] = (x0 - half, x0 + half, LOCAL_POINTS)
    local = grid(r.expressions, r.point, local_over, consts, task=task, generation=job.generation)
    return main, local


class PlotController(QObject):
    """Turns (result, plot settings) into grids; drops grids of older requests.

    Signals
    -------
    gridReady(object, object, object)
        (main GridResult, local GridResult, the Analysis they belong to).
    gridFailed(str)
        One line for the plot area.
    busyChanged(bool)
    """

    gridReady = Signal(object, object, object)
    gridFailed = Signal(str)
    busyChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.generation = 0
        self._runner = LatestWinsRunner(compute_plot, name="jacdesk-plots")
        self._runner.jobDone.connect(self._on_runner_jobDone)
        self._runner.jobFailed.connect(self._on_runner_jobFailed)
        self._runner.busyChanged.connect(self.busyChanged)

    def request(self, result, constants: dict, settings: dict) -> None:
        """Compute grids for ``result`` over the axes and ranges in ``settings``."""
        axes = [a for a in (settings.get("x"), settings.get("y")) if a]
        if not axes:
            self.gridFailed.emit(self.tr("choose an input to plot against"))
            return
        n = int(settings.get("n", 100))
        ranges = settings.get("ranges", {})
        over = tuple((a, (*ranges[a], n)) for a in axes if a in ranges)
        if len(over) != len(axes):
            self.gridFailed.emit(self.tr("set a range for every plotted input"))
            return
        self.generation += 1
        consts = tuple((k, np.asarray(v)) for k, v in constants.items())
        self._runner.submit(PlotJob(self.generation, result, consts, over))

    def shutdown(self) -> None:
        self._runner.stop()

    def _on_runner_jobDone(self, job: PlotJob, grids: tuple) -> None:
        if job.generation == self.generation:
            self.gridReady.emit(grids[0], grids[1], job.result)

    def _on_runner_jobFailed(self, job: PlotJob, error) -> None:
        if job.generation == self.generation:
            self.gridFailed.emit(error.message if isinstance(error, JacdeskError) else str(error))
