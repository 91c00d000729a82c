"""The controller: owns the session state and the two runners; no drawing.

One edit flows: a widget reports it → the controller debounces (150 ms), bumps the generation
and submits a :class:`Request` → the numeric runner calls ``analyze`` → ``resultReady`` with
the numeric result → the symbolic runner derives the forms → ``resultReady`` again, complete.
Any result whose generation is not the newest is dropped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal

from jacdesk.core.conventions import ComputeOptions
from jacdesk.core.diff.budget import OverBudget
from jacdesk.core.errors import JacdeskError
from jacdesk.core.language.discovery import discover_names, guess_shapes
from jacdesk.core.language.parser import parse

from .lab_desk import LabDesk
from .requests import (
    OWN_F,
    LabJob,
    Request,
    cancel_symbolic,
    run_graph,
    run_numeric,
    run_symbolic,
)
from .worker import LatestWinsRunner

if TYPE_CHECKING:
    from jacdesk.core.sessions.session import Session

DEBOUNCE_MS = 150
#: A result is "settled" once its input has stayed unchanged this long: a momentary keystroke's
#: result (select-all, then "x…") is never what a later error falls back to.
SETTLE_MS = 500


class Controller(QObject):
    """Session state + workers. Views listen to its signals; it never touches a widget.

    Signals
    -------
    resultReady(object)
        A current :class:`~jacdesk.core.results.analysis.Analysis` (first numeric, then with symbolic).
    errorOccurred(str, object, object)
        (message, line index or None, 1-based column or None) of the newest request.
    staleChanged(bool)
        True while what is shown belongs to an older, valid input.
    busyChanged(bool), symbolicPending(bool)
        A computation is running / the symbolic forms are on their way.
    namesDiscovered(list, dict)
        Names needing values in order of appearance, and guessed shapes for new ones.
    optionsChanged(object)
        The new :class:`~jacdesk.core.conventions.ComputeOptions`; the tool bar follows it.
        The controller is the only holder of the options.
    settledShown(object)
        After an error: the last result that settled, to be shown again (marked stale) in
        place of a momentary one. It belongs to an older request on purpose.
    labReady(str, object), labFailed(str, str), labCancelled(str)
        The Questions tab's answer for a kind ("precision", "cost", "pitfall", "practice"):
        core's result, a one-line message, or word that it was cancelled or superseded
        (:meth:`request_lab`, :meth:`cancel_lab`).
    anywayOffered(object)
        An :class:`AnywayOffer` (what was skipped or refused for size, and its predicted
        bytes) for the newest request, or ``None``; :meth:`compute_anyway` takes it up.
    """

    resultReady = Signal(object)
    errorOccurred = Signal(str, object, object)
    staleChanged = Signal(bool)
    busyChanged = Signal(bool)
    symbolicPending = Signal(bool)
    namesDiscovered = Signal(list, dict)
    optionsChanged = Signal(object)
    settledShown = Signal(object)
    anywayOffered = Signal(object)  # AnywayOffer | None
    graphReady = Signal(object, object)  # BackwardGraph, GraphLayout
    graphFailed = Signal(str)
    labReady = Signal(str, object)  # kind, PrecisionResult | CostResult | PitfallResult | …
    labFailed = Signal(str, str)  # kind, one line
    labCancelled = Signal(str)  # kind

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.expressions: tuple[str, ...] = ()
        self.variables: dict[str, np.ndarray] = {}
        self.constants: dict[str, np.ndarray] = {}
        self.v: np.ndarray | None = None
        self.u: np.ndarray | None = None
        self.options = ComputeOptions()
        self.generation = 0
        self.last_result = None
        self.settled_result = None
        self.offer: AnywayOffer | None = None
        self._anyway: AnywayOffer | None = None  # taken up for the next request only
        self._names: list[str] = []
        # Every value a name had this session: a name that vanishes for a keystroke (x2 → x →
        # x2, x1*x2 → x1x2 → x1@x2) comes back with its shape, never a guessed one.
        self.memory: dict[str, np.ndarray] = {}
        # Leading + trailing debounce: the first edit after a pause computes at once (on the
        # next event-loop turn, so one user action's several updates coalesce); further edits
        # within DEBOUNCE_MS are folded into one recompute when the interval ends.
        self._soon = QTimer(self, singleShot=True, interval=0)
        self._soon.timeout.connect(self.recompute)
        self._cooldown = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._cooldown.timeout.connect(self._on_cooldown_timeout)
        self._dirty = False
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle.timeout.connect(self._on_settle_timeout)
        self._numeric = LatestWinsRunner(run_numeric, name="jacdesk-numeric")
        self._symbolic = LatestWinsRunner(run_symbolic, cancel_symbolic, name="jacdesk-symbolic")
        self._numeric.jobDone.connect(self._on_numeric_done)
        self._numeric.jobFailed.connect(self._on_numeric_failed)
        self._numeric.busyChanged.connect(self.busyChanged)
        self._symbolic.jobDone.connect(self._on_symbolic_done)
        self._symbolic.jobFailed.connect(self._on_symbolic_failed)
        self._graph = LatestWinsRunner(run_graph, name="jacdesk-graph")
        self._graph.jobDone.connect(self._on_graph_done)
        self._graph.jobFailed.connect(self._on_graph_failed)
        # The Questions tab: precision sweeps, cost measurements, pitfalls, practice checks.
        self._lab = LabDesk(lambda: self.generation, self)
        self._lab.labReady.connect(self.labReady)
        self._lab.labFailed.connect(self.labFailed)
        self._lab.labCancelled.connect(self.labCancelled)

    def names(self) -> list[str]:
        """The names the current expressions use, in order of appearance."""
        return list(self._names)

    # -- inputs (GUI thread) -------------------------------------------------------------------
    def set_expressions(self, lines: Sequence[str]) -> None:
        self.expressions = tuple(lines)
        if _any_unparsable(self.expressions):  # mid-typing: the names stay as they were
            self.schedule()
            return
        names = discover_names(self.expressions)
        if names != self._names:
            self._names = names
            had = {**self.memory, **self.variables, **self.constants}
            known = {k: v.shape for k, v in had.items()}
            new = [n for n in names if n not in known]
            shapes = guess_shapes(self.expressions, known, new) if new and self.expressions else {}
            self.namesDiscovered.emit(names, {**known, **shapes})
        self.schedule()

    def set_point(
        self, variables: Mapping[str, np.ndarray], constants: Mapping[str, np.ndarray]
    ) -> None:
        self.variables = {k: np.asarray(v, dtype=np.float64) for k, v in variables.items()}
        self.constants = {k: np.asarray(v, dtype=np.float64) for k, v in constants.items()}
        self.memory.update(self.variables)
        self.memory.update(self.constants)
        self.schedule()

    def forget(self, name: str) -> None:
        """The user removed ``name``: its remembered value and shape go."""
        self.memory.pop(name, None)

    def set_v(self, v: np.ndarray | None) -> None:
        self.v = None if v is None else np.asarray(v, dtype=np.float64)
        self.schedule()

    def set_u(self, u: np.ndarray | None) -> None:
        self.u = None if u is None else np.asarray(u, dtype=np.float64)
        self.schedule()

    def set_options(self, options: ComputeOptions | None = None, /, **changes: object) -> None:
        """New compute options: a whole ``options``, and/or some fields changed by keyword
        (``set_options(symbolic=False)``; a keyword given as None keeps its field)."""
        new = self.options if options is None else options
        changes = {k: v for k, v in changes.items() if v is not None}
        if changes:
            new = new.replace(**changes)
        if new != self.options:
            self.options = new
            self.optionsChanged.emit(new)
        self.schedule()

    def apply_session(self, session: Session) -> None:
        """A loaded session's options, v and u. Its expressions and point arrive through the
        widgets that show them (the editor and the variables panel report them as edits)."""
        self.set_options(session.options)
        self.set_v(session.v)
        self.set_u(session.u)

    def schedule(self) -> None:
        """Recompute soon: at once after a pause, else when the debounce interval ends."""
        if self._cooldown.isActive():
            self._dirty = True
        else:
            self._soon.start()
            self._cooldown.start()

    def waiting(self) -> bool:
        """Whether an edit is still waiting for its debounce (the newest result may belong to
        the input before it)."""
        return self._soon.isActive() or self._dirty

    def _on_cooldown_timeout(self) -> None:
        if self._dirty:
            self.recompute()
            self._cooldown.start()

    # -- running ---------------------------------------------------------------------------
    def recompute(self) -> None:
        """Submit the current state now (Ctrl+Enter, or the debounce timers)."""
        self._soon.stop()
        self._dirty = False
        self.generation += 1
        if not self.expressions:
            self.errorOccurred.emit(
                self.tr("type a formula, one output component per line"), None, None
            )
            return
        anyway, self._anyway = self._anyway, None
        req = Request(
            generation=self.generation,
            expressions=self.expressions,
            variables=tuple((k, v) for k, v in self.variables.items() if k in self._names),
            constants=tuple((k, v) for k, v in self.constants.items() if k in self._names),
            v=self.v,
            u=self.u,
            options=self.options,
            force=() if anyway is None else tuple(anyway.extras),
            memory_budget=None if anyway is None else anyway.needed,
        )
        self._numeric.submit(req)

    def compute_anyway(self) -> None:
        """Run the current input again with what was skipped or refused for size."""
        if self.offer is None:
            return
        self._anyway = self.offer
        self.recompute()

    def _offer(self, offer: AnywayOffer | None) -> None:
        self.offer = offer
        self.anywayOffered.emit(offer)

    def request_graph(self, v: np.ndarray | None) -> None:
        """Capture the autograd graph of ``y.backward(v)`` for the current f (Graph tab)."""
        if not self.expressions:
            return
        self._graph.submit(
            Request(
                generation=self.generation,
                expressions=self.expressions,
                variables=tuple((k, a) for k, a in self.variables.items() if k in self._names),
                constants=tuple((k, a) for k, a in self.constants.items() if k in self._names),
                v=None if v is None else np.asarray(v, dtype=np.float64),
            )
        )

    def request_lab(self, kind: str, params: Mapping[str, object] | None = None) -> None:
        """Run a Questions-tab job of ``kind`` with ``params`` on the current f and point.

        One runner serves every kind, the newest job winning: a job of another kind still
        waiting or running is dropped, and ``labCancelled`` says so to its page.
        """
        if kind not in OWN_F and not self.expressions:
            self.labFailed.emit(kind, self.tr("type a formula first"))
            return
        job = LabJob(
            kind=kind,
            generation=self.generation,
            expressions=self.expressions,
            variables=tuple((k, a) for k, a in self.variables.items() if k in self._names),
            constants=tuple((k, a) for k, a in self.constants.items() if k in self._names),
            params=tuple((params or {}).items()),
        )
        self._lab.submit(job)

    def cancel_lab(self) -> None:
        """Stop the Questions tab's job (its Cancel button); its page hears ``labCancelled``."""
        self._lab.cancel()

    def cancel(self) -> None:
        """Stop the running computation; what is shown stays, marked stale."""
        self._numeric.cancel()
        self._symbolic.cancel()
        self.symbolicPending.emit(False)
        self.busyChanged.emit(False)
        if self.last_result is not None:
            self.staleChanged.emit(True)

    def shutdown(self) -> None:
        """End both threads (closing the window): cancel, then wait for the current step."""
        self._soon.stop()
        self._cooldown.stop()
        for runner in (self._symbolic, self._numeric, self._graph, self._lab.runner):
            runner.cancel()
        from jacdesk.core.symbolic import process as sympy_process

        if sympy_process.is_started():
            sympy_process.default_service().cancel()
        for runner in (self._symbolic, self._numeric, self._graph, self._lab.runner):
            while not runner.stop(2000):  # a torch step in flight ends by itself
                pass

    # -- results (GUI thread, by queued signal) ----------------------------------------------
    def _on_numeric_done(self, req: Request, result) -> None:
        if req.generation != self.generation:
            return  # an older request finished after a newer one was made
        self.last_result = result
        self.resultReady.emit(result)
        self.staleChanged.emit(False)
        self._settle.start()
        skipped = dict(result.skipped)
        self._offer(AnywayOffer(tuple(skipped), sum(skipped.values()), None) if skipped else None)
        if req.options.symbolic:
            self.symbolicPending.emit(True)
            self._symbolic.submit((req, result))

    def _on_numeric_failed(self, req: Request, error) -> None:
        if req.generation != self.generation:
            return
        if isinstance(error, JacdeskError):
            line = _line_of(error.source, len(req.expressions))
            self.errorOccurred.emit(error.message, line, error.column)
        else:
            self.errorOccurred.emit(str(error), None, None)
        # Refused for memory: the user may still run it, with a budget of what it needs.
        over = isinstance(error, OverBudget)
        self._offer(AnywayOffer((), error.needed, error.needed) if over else None)
        self.symbolicPending.emit(False)
        settled = self.settled_result
        if settled is not None and self.last_result is not settled:
            # What is shown came from a keystroke that never settled: fall back to the last
            # result the user actually saw stand still.
            self._settle.stop()
            self.last_result = settled
            self.settledShown.emit(settled)
        if self.last_result is not None:
            self.staleChanged.emit(True)

    def _on_settle_timeout(self) -> None:
        r = self.last_result
        if r is not None and r.generation == self.generation:
            self.settled_result = r

    def _on_graph_done(self, req: Request, captured: tuple) -> None:
        if req.generation == self.generation:
            self.graphReady.emit(*captured)

    def _on_graph_failed(self, req: Request, error) -> None:
        if req.generation == self.generation:
            self.graphFailed.emit(error.message if isinstance(error, JacdeskError) else str(error))

    def _on_symbolic_done(self, job: tuple, result) -> None:
        req, _ = job
        if req.generation != self.generation:
            return
        self.last_result = result
        if self.settled_result is not None and self.settled_result.generation == result.generation:
            self.settled_result = result  # the same input, now with its symbolic forms
        self.symbolicPending.emit(False)
        self.resultReady.emit(result)

    def _on_symbolic_failed(self, job: tuple, error) -> None:
        if job[0].generation == self.generation:
            self.symbolicPending.emit(False)


@dataclass(frozen=True)
class AnywayOffer:
    """What "compute anyway" would add: skipped extras, the bytes they (or the refused request)
    need, and the budget to run with (``None``: the usual one)."""

    extras: tuple[str, ...]
    cost: int | None
    needed: int | None


def _any_unparsable(lines: Sequence[str]) -> bool:
    """Whether a non-blank line does not parse (a half-typed or unknown-function keystroke)."""
    for text in lines:
        if not text.strip():
            continue
        try:
            parse(text)
        except JacdeskError:
            return True
    return False


def _line_of(source: str | None, n_lines: int) -> int | None:
    """``"f2"`` → 1; a single expression's errors are on line 0."""
    if source and source[:1] == "f" and source[1:].isdigit():
        return int(source[1:]) - 1
    return 0 if n_lines == 1 else None
