"""Forward or reverse? Time the ways of building J on the user's own f.

Reverse mode costs one backward pass per output (m), forward mode one dual-number pass per
input (n); the ``torch.func`` transforms vmap those passes into one batched pass. Timings are
medians of repeats on this thread, bounded to :data:`BUDGET_S` in all.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import torch
import torch.autograd.forward_ad as fwAD

from jacdesk.core.results.cost import CostResult, StrategyCost
from jacdesk.core.tasks import TaskState, check

from . import forward_mode
from .autodiff import jacobian as jacdesk_jacobian
from .lab_function import LabFunction, lab_function

BUDGET_S = 1.6  # of the 2 s allowed: the rest is compiling f and the first calls
MAX_REPEATS = 25


def _reverse(f: LabFunction) -> Callable[[], torch.Tensor]:
    def run() -> torch.Tensor:
        x = f.point().requires_grad_(True)
        y = f.call(x)
        rows = [
            torch.autograd.grad(y[i], x, retain_graph=i < f.m - 1, allow_unused=True)[0]
            for i in range(f.m)
        ]
        return torch.stack([r if r is not None else torch.zeros_like(x) for r in rows])

    return run


def _forward(f: LabFunction) -> Callable[[], torch.Tensor]:
    def run() -> torch.Tensor:
        x, eye, cols = f.point(), torch.eye(f.n, dtype=f.dtype), []
        with forward_mode.dual_level():
            for j in range(f.n):
                t = fwAD.unpack_dual(f.call(fwAD.make_dual(x, eye[j]), dual=True)).tangent
                cols.append(t if t is not None else torch.zeros(f.m, dtype=f.dtype))
        return torch.stack(cols, dim=1)

    return run


def _vmap_reverse(f: LabFunction) -> Callable[[], torch.Tensor]:
    return lambda: torch.func.jacrev(f.call)(f.point())


def _vmap_forward(f: LabFunction) -> Callable[[], torch.Tensor]:
    def run() -> torch.Tensor:
        with forward_mode.exclusive():
            return torch.func.jacfwd(f.call)(f.point())

    return run


def _jacdesk(f: LabFunction) -> Callable[[], torch.Tensor]:
    parts = torch.split(f.point(), [_size(s) for s in f.shapes])
    point = [p.reshape(s) for p, s in zip(parts, f.shapes, strict=True)]
    return lambda: jacdesk_jacobian(f.fn, point, f.m, f.n)[0]


def _size(shape: tuple[int, ...]) -> int:
    out = 1
    for d in shape:
        out *= d
    return out


def _median(
    run: Callable[[], object], budget_s: float, task: TaskState | None
) -> tuple[float, int]:
    run()  # untimed: the first call pays torch's one-time imports (vmap: ~2 s cold)
    check(task)
    times: list[float] = []
    start = time.perf_counter()
    while len(times) < MAX_REPEATS:
        t0 = time.perf_counter()
        run()
        times.append(time.perf_counter() - t0)
        check(task)
        if time.perf_counter() - start > budget_s:
            break
    times.sort()
    return times[len(times) // 2], len(times)


def cost(
    exprs: str | Sequence[str],
    variables: Mapping[str, Any],
    constants: Mapping[str, Any] | None = None,
    *,
    task: TaskState | None = None,
    generation: int = 0,
) -> CostResult:
    """Measure reverse, forward, vmapped reverse, vmapped forward and jacdesk's own choice.

    Parameters
    ----------
    exprs, variables, constants
        f and the point, as for :func:`jacdesk.core.engine.analyze`.
    task
        Checked after every timed call: cancelling stops the measurement.
    generation
        The request generation, carried by the result.

    Returns
    -------
    CostResult
        Each strategy's pass count and median seconds, the fastest, and why (m vs n).
    """
    f = lab_function(exprs, variables, constants, torch.float64)
    m, n = f.m, f.n
    _, picked = jacdesk_jacobian(f.fn, [torch.zeros(s, dtype=f.dtype) for s in f.shapes], m, n)
    plan = [
        ("reverse (one backward per output)", "reverse", m, _reverse(f)),
        ("forward (one JVP per input)", "forward", n, _forward(f)),
        ("torch.func.jacrev", "vmap-reverse", 1, _vmap_reverse(f)),
        ("torch.func.jacfwd", "vmap-forward", 1, _vmap_forward(f)),
        (f"jacdesk: {picked}", "jacdesk", 1, _jacdesk(f)),
    ]
    share = BUDGET_S / len(plan)
    measured = []
    for name, mode, passes, run in plan:
        median, repeats = _median(run, share, task)
        measured.append(StrategyCost(name, mode, passes, median, repeats))
    fastest = min(measured, key=lambda s: s.median_s)
    if m == n:
        verdict = "both modes do the same number of passes"
    else:
        verdict = f"{'reverse' if m < n else 'forward'} mode does fewer passes"
    why = (
        f"f has m = {m} output{'s' if m != 1 else ''} and n = {n} input{'s' if n != 1 else ''}: "
        f"reverse mode needs {m} backward pass{'es' if m != 1 else ''}, forward mode {n} "
        f"JVP{'s' if n != 1 else ''}, so {verdict}; torch.func vmaps the passes into one "
        f"batched pass. Measured fastest: {fastest.name} ({fastest.median_s * 1e3:.3f} ms)."
    )
    return CostResult(m, n, tuple(measured), fastest.name, why, generation)
