"""Symbolic work in a killable child process, with a deadline.

sympy cannot be interrupted inside a thread, so one persistent child (started with "spawn":
forking a parent that runs torch and Qt threads is unsafe) does all of it. The child stays warm
between requests and caches the derived forms, so moving the point only re-evaluates. A job that
runs past its deadline, or is cancelled, is ended by killing the child; the next request starts
a fresh one.
"""

from __future__ import annotations

import atexit
import contextlib
import multiprocessing as mp
import threading
import time
from collections import OrderedDict
from collections.abc import Mapping
from multiprocessing.connection import Connection

import numpy as np

from jacdesk.core.conventions import VECS
from jacdesk.core.language.program import Program
from jacdesk.core.results.symbolic import Status, SymbolicResult

from .child import _child_main, _main_not_reimported, _sigint_ignored

STARTUP_TIMEOUT_S = 60.0  # a cold child imports sympy; not counted against a job's timeout
_CANCELLED = "cancelled: a newer request replaced it"
_CRASHED = "the symbolic engine stopped unexpectedly; it restarts on the next request"


class SymbolicService:
    """One warm sympy child, used by one request at a time (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()  # one request on the pipe at a time
        self._state = threading.Lock()  # guards the fields cancel()/close() touch from elsewhere
        self._proc: mp.process.BaseProcess | None = None
        self._conn: Connection | None = None
        self._ready = False
        self._busy = False
        self._cancelled = False
        self._killed = False
        self._closed = False
        # key → (stage, timeout) that ran out: asking again would only burn another timeout
        self._slow: OrderedDict[tuple, tuple[str, float]] = OrderedDict()

    def warm(self) -> None:
        """Start the child (it imports sympy) without waiting for it; for app startup."""
        if self._lock.acquire(blocking=False):  # a running request means it is warm already
            try:
                if not self._closed:
                    self._ensure_started()
            finally:
                self._lock.release()

    def request(
        self,
        program: Program,
        constants: Mapping[str, object] | None,
        point: Mapping[str, object],
        vec: str = "row",
        timeout: float = 5.0,
        want_det: bool = True,
    ) -> SymbolicResult:
        """The symbolic Jacobian (and determinant of a square one) with values at ``point``.

        Parameters
        ----------
        program, constants
            The checked program and its constants' values.
        point
            Variable name → value at which to evaluate the forms.
        vec
            ``"row"`` or ``"col"`` flattening of matrix outputs and variables.
        timeout
            Seconds the job may take once the child is ready; what arrived by then is kept.
        want_det
            Also derive the simplified determinant when J is square.

        Returns
        -------
        SymbolicResult
            Never raises for problems in the sympy work; see ``status`` and ``notice``. The
            closed-form gradients (``closed_forms``) come first; when J is too large for an
            entry-wise form but f is scalar, they are the only thing asked for (status
            ``"too_large"``, with the usual notice).
        """
        t0 = time.perf_counter()
        if vec not in VECS:
            raise ValueError(f"vec must be 'row' or 'col', not {vec!r}")
        if self._closed:
            return _result(t0, "disabled", "symbolic forms are off (the service was closed)")
        from .entrywise import too_large  # here, not at the top: keeps sympy out of the parent

        notice = too_large(program)
        if notice and program.n_outputs != 1:
            return _result(t0, "too_large", notice)
        # A scalar f still gets its closed forms: they do not grow with the matrices' size.
        entrywise, want_closed = notice is None, True
        try:
            consts = {n: np.asarray(constants[n], np.float64) for n, _ in program.constants}
            pt = {n: np.asarray(point[n], np.float64) for n, _ in program.variables}
        except (KeyError, TypeError) as err:
            return _result(t0, "error", f"symbolic form skipped: no value for {err}")
        key = (program, vec, tuple((n, a.shape, a.tobytes()) for n, a in consts.items()))
        with self._lock:
            if self._closed:
                return _result(t0, "disabled", "symbolic forms are off (the service was closed)")
            skip_det = None
            slow = self._slow.get(key)
            if slow is not None and timeout <= slow[1]:
                if slow[0] == "jacobian" or (slow[0] == "closed_forms" and not entrywise):
                    return _result(t0, "timeout", _late(slow[0], slow[1]))
                if slow[0] == "closed_forms":
                    want_closed, skip_det = False, _late("closed_forms", slow[1])
                else:
                    want_det, skip_det = False, _late("det", slow[1])
            job = (key, program, consts, pt, vec, want_det, entrywise, want_closed)
            return self._run(t0, job, timeout, skip_det, notice)

    def cancel(self) -> None:
        """End the running job now (a newer request arrived); its request returns "cancelled"."""
        with self._state:
            if self._busy:
                self._cancelled = True  # also seen before sending, if no child is up yet
                if self._proc is not None:
                    self._proc.kill()
                    self._killed = True

    def close(self) -> None:
        """Stop the child; later requests answer "disabled"."""
        self.cancel()
        with self._state:
            self._closed = True
        if self._lock.acquire(timeout=5.0):  # a cancelled request returns at once
            try:
                self._discard(graceful=True)
            finally:
                self._lock.release()

    # -- internals, called with self._lock held ------------------------------------------------
    def _run(
        self, t0: float, job: tuple, timeout: float, skip_det: str | None, skipped: str | None
    ) -> SymbolicResult:
        got: dict[str, object] = {}
        with self._state:
            self._busy, self._cancelled, self._killed = True, False, False
        try:
            conn = self._ensure_started()
            if not self._ready:
                if not conn.poll(STARTUP_TIMEOUT_S):
                    self._discard()
                    return _result(
                        t0, "error", "the symbolic engine did not start; it will be retried"
                    )
                conn.recv()  # "ready": sympy is imported
                self._ready = True
            if self._cancelled:  # struck while the child was starting; it is still good
                return _assemble(t0, "cancelled", _CANCELLED, got)
            conn.send(job)
            deadline = time.perf_counter() + timeout
            while True:
                remaining = deadline - time.perf_counter()
                if remaining <= 0 or not conn.poll(remaining):
                    return self._timed_out(t0, job, timeout, got)
                kind, *payload = conn.recv()
                if kind == "done":
                    break
                got[kind] = payload
        except (EOFError, OSError):
            self._discard()
            if self._cancelled:
                return _assemble(t0, "cancelled", _CANCELLED, got)
            return _assemble(t0, "error", _CRASHED, got)
        finally:
            with self._state:
                self._busy, killed, self._killed = False, self._killed, False
            if killed:  # cancel() may have struck after "done": that child is dead too
                self._discard()
        if "error" in got:
            notice = f"symbolic form failed: {got['error'][0]}"
            return _assemble(t0, "partial" if "jacobian" in got else "error", notice, got)
        if skipped:  # J too large: only the closed forms were asked for
            return _assemble(t0, "too_large", skipped, got)
        return _assemble(t0, "partial" if skip_det else "ok", skip_det, got)

    def _timed_out(self, t0: float, job: tuple, timeout: float, got: dict) -> SymbolicResult:
        self._discard()
        key, want_closed = job[0], job[7]
        if want_closed and "closed_forms" not in got:
            stage = "closed_forms"
        else:
            stage = "det" if "jacobian" in got else "jacobian"
        self._slow[key] = (stage, timeout)
        if len(self._slow) > 64:
            self._slow.popitem(last=False)
        return _assemble(t0, "partial" if stage == "det" else "timeout", _late(stage, timeout), got)

    def _ensure_started(self) -> Connection:
        if self._proc is not None and self._proc.is_alive() and self._conn is not None:
            return self._conn
        self._discard()
        ctx = mp.get_context("spawn")
        parent_end, child_end = ctx.Pipe()
        proc = ctx.Process(target=_child_main, args=(child_end,), name="jacdesk-sympy", daemon=True)
        # Inherited SIG_IGN keeps Ctrl-C away from the child's startup.
        with _sigint_ignored(), _main_not_reimported():
            proc.start()
        child_end.close()  # else the parent would never see EOF when the child dies
        with self._state:
            self._proc, self._conn, self._ready = proc, parent_end, False
        return parent_end

    def _discard(self, graceful: bool = False) -> None:
        with self._state:
            proc, conn = self._proc, self._conn
            self._proc, self._conn, self._ready = None, None, False
        if conn is not None:
            with contextlib.suppress(OSError):
                if graceful and proc is not None and proc.is_alive():
                    conn.send(None)
                conn.close()
        if proc is None:
            return
        proc.join(0.5 if graceful else 0)
        if proc.is_alive():
            proc.terminate()
            proc.join(0.5)
        if proc.is_alive():
            proc.kill()
            proc.join(1.0)


def _late(stage: str, timeout: float) -> str:
    if stage == "closed_forms":
        return f"the closed-form gradients took longer than {timeout:g} s and were skipped"
    if stage == "det":
        return f"the determinant took longer than {timeout:g} s to simplify and was skipped"
    return f"the symbolic Jacobian took longer than {timeout:g} s and was skipped"


def _result(t0: float, status: Status, notice: str | None) -> SymbolicResult:
    return SymbolicResult(status, notice, elapsed_s=time.perf_counter() - t0)


def _assemble(t0: float, status: Status, notice: str | None, got: dict) -> SymbolicResult:
    return SymbolicResult.from_stages(status, notice, got, time.perf_counter() - t0)


_default: SymbolicService | None = None
_default_lock = threading.Lock()


def default_service() -> SymbolicService:
    """The process-wide service (closed at interpreter exit)."""
    global _default
    with _default_lock:
        if _default is None:
            _default = SymbolicService()
            atexit.register(_default.close)
        return _default


def is_started() -> bool:
    """Whether the process-wide service exists (so shutting down need not create one)."""
    return _default is not None
