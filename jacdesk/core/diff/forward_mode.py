"""Forward-mode AD, safely: one process-wide lock, and whether its first use has been paid.

torch's forward-mode AD level is process-wide: two threads inside ``fwAD.dual_level()`` at
once fail with "Nested forward mode AD is not supported" (the window's warm-up thread and its
numeric worker did, in 2 of 3 starts). Every forward-mode use in jacdesk — dual numbers,
``torch.func.jacfwd``, forward-over-reverse Hessians — runs under :data:`LOCK`.

The first forward-mode pass in a process also costs ~0.6 s of imports (torch's JVP
decompositions and, through ``torch.fx``'s symbolic shapes, sympy) that plain reverse passes
never need. :func:`ready` says whether that price is paid; until then small problems take J u
from J (exact: one matrix-vector product) and J by reverse passes, and :func:`warm` pays it in
the background.
"""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Iterator

import torch
import torch.autograd.forward_ad as fwAD

#: Held around every use of forward-mode AD (re-entrant: a Hessian may nest jacfwd calls).
LOCK = threading.RLock()
_ready = threading.Event()


def ready() -> bool:
    """Whether forward mode has run once in this process (its imports are loaded)."""
    return _ready.is_set()


def loaded() -> bool:
    """Whether forward mode's heavy imports are in, by jacdesk or by anyone else's jacfwd."""
    return _ready.is_set() or "torch._decomp.decompositions_for_jvp" in sys.modules


@contextlib.contextmanager
def dual_level() -> Iterator[None]:
    """``fwAD.dual_level()`` under :data:`LOCK`; marks forward mode as ready afterwards."""
    with LOCK, fwAD.dual_level():
        yield
    _ready.set()


@contextlib.contextmanager
def exclusive() -> Iterator[None]:
    """:data:`LOCK` alone, for ``torch.func.jacfwd`` and other transforms that use it inside."""
    with LOCK:
        yield
    _ready.set()


def warm() -> None:
    """Pay forward mode's first-use cost now (a background thread calls this).

    Takes the lock like any request, so it never runs at the same time as one; also makes one
    ``torch.func`` call, whose first use loads the same machinery.
    """
    if ready():
        return
    x = torch.tensor([1.0, 2.0], dtype=torch.float64)
    with dual_level():
        dual = fwAD.make_dual(x, torch.ones_like(x))
        fwAD.unpack_dual(dual * dual)
    with exclusive():
        torch.func.jacfwd(torch.sin)(x)
