"""The sympy child's side: its loop, one job's stages, and how it is started.

The parent (:mod:`jacdesk.core.symbolic.process`) starts this loop in a "spawn" process and
talks to it over a pipe; each stage of a job (closed forms, the Jacobian, the determinant) is
sent back as soon as it is done, so a deadline that runs out keeps what already arrived.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections import OrderedDict
from collections.abc import Iterator
from multiprocessing.connection import Connection

_CACHE_SIZE = 32  # programs whose derived forms the child keeps (least recently used go)


@contextlib.contextmanager
def _sigint_ignored() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers can only be changed from the main thread
        return
    old = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, old)


@contextlib.contextmanager
def _main_not_reimported() -> Iterator[None]:
    """Start a spawn child without re-running the parent's ``__main__`` script in it.

    spawn imports the parent's main script in the child; a learner's script that calls
    ``jacdesk.analyze`` at top level (no ``if __name__ == "__main__"`` guard) would then run
    again there and the child would die. The child needs nothing from ``__main__``.
    """
    main = sys.modules.get("__main__")
    saved = {k: main.__dict__[k] for k in ("__file__", "__spec__") if main and k in main.__dict__}
    try:
        if main is not None:
            main.__dict__.pop("__file__", None)
            if "__spec__" in saved:
                main.__spec__ = None
        yield
    finally:
        if main is not None:
            main.__dict__.update(saved)


def _child_main(conn: Connection) -> None:
    """The child's loop: one job at a time, each stage sent as soon as it is done."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C in a terminal is for the parent
    # Background work never slows the foreground numbers: the sympy child yields the CPU to
    # the parent's torch threads whenever both want it.
    with contextlib.suppress(OSError, AttributeError):  # os.nice: not on Windows
        os.nice(10)
    from . import entrywise as symbolic
    from .closed_form import derive as closed_forms

    cache: OrderedDict[tuple, dict] = OrderedDict()
    try:
        conn.send(("ready",))
        while True:
            job = conn.recv()
            if job is None:
                return
            try:
                _serve(conn, cache, job, symbolic, closed_forms)
            except (EOFError, OSError):
                raise
            except Exception as err:  # sympy raises many kinds; the learner gets one line
                text = " ".join(str(err).split())[:200] or type(err).__name__
                conn.send(("error", text))
            conn.send(("done",))
    except (EOFError, OSError):
        return  # the parent is gone (closed the pipe, exited, or killed us mid-send)


def _serve(conn: Connection, cache: OrderedDict, job: tuple, sym, closed) -> None:
    key, program, constants, point, vec, want_det, entrywise, want_closed = job
    if want_closed:
        # First and on its own: cheap and size-independent, so a slow det cannot lose it.
        conn.send(("closed_forms", closed.derive_closed_forms(program, constants, point)))
    if not entrywise:
        return
    entry = cache.get(key)
    if entry is None:
        jac = sym.symbolic_jacobian(program, constants, vec)
        names = sym.latex_names(program)
        rows = [jac.row(i) for i in range(jac.rows)]
        entry = {
            "jac": jac,
            "names": names,
            "text": [[sym.to_text(v) for v in row] for row in rows],
            "latex": [[sym.to_latex(v, names) for v in row] for row in rows],
        }
        cache[key] = entry
        if len(cache) > _CACHE_SIZE:
            cache.popitem(last=False)
    cache.move_to_end(key)
    jac = entry["jac"]
    conn.send(("jacobian", entry["text"], entry["latex"], sym.evaluate(jac, point).tolist()))
    if want_det and jac.rows == jac.cols:
        if "det" not in entry:
            det = sym.determinant(jac)
            entry["det"] = (det, sym.to_text(det), sym.to_latex(det, entry["names"]))
        det, text, latex = entry["det"]
        conn.send(("det", text, latex, float(sym.evaluate(det, point))))
