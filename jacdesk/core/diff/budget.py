"""How much memory a request will take, predicted from shapes alone, and the budget it must fit.

Everything is known before torch runs: the program's tape gives the size of every intermediate,
m and n give J, and the strategy (reverse or forward mode, batched or ``torch.func``) says what
is materialised at once. The figures are upper-bound estimates in the spirit of "how many
arrays of what size exist together at the peak"; they are meant to refuse, in well under a
second and before anything is allocated, requests that would exhaust the machine — not to
account for every byte.

The budget is what the user set (:func:`set_memory_budget`, the window's Settings), else
``JACDESK_MEMORY_BUDGET`` (``"4G"``, ``"512M"``, bytes), else a safe share of the memory
available now (half of it).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from jacdesk.core.errors import JacdeskError
from jacdesk.core.language.program import Program

#: Share of the memory available now that one request may use by default.
DEFAULT_SHARE = 0.5
#: Never budget less than this by default, so a busy machine can still do the tutorial.
MIN_DEFAULT_BUDGET = 256 * 2**20
#: Used when the platform does not say how much memory is available.
FALLBACK_AVAILABLE = 4 * 2**30
#: ``J`` entries up to which the engine uses one batched pass (mirrors autodiff).
BATCH_TRICK_MAX_ENTRIES = 4096

_user_budget: int | None = None
_UNITS = {"": 1, "B": 1, "K": 2**10, "M": 2**20, "G": 2**30, "T": 2**40}


@dataclass(frozen=True)
class Estimate:
    """Predicted peak bytes of one request, part by part (``("J", 8_000_000), ...``)."""

    parts: tuple[tuple[str, int], ...]
    m: int
    n: int

    @property
    def total(self) -> int:
        return sum(b for _, b in self.parts)

    def largest(self) -> tuple[str, int]:
        return max(self.parts, key=lambda p: p[1]) if self.parts else ("nothing", 0)


def parse_bytes(text: str) -> int:
    """``"4G"`` / ``"512M"`` / ``"1e9"`` → bytes; refuses anything else with one line."""
    m = re.fullmatch(r"\s*([0-9]+(?:\.[0-9]*)?(?:e[0-9]+)?)\s*([KMGT]?)i?B?\s*", text, re.I)
    if not m:
        raise JacdeskError(f"a memory size looks like 4G, 512M or 1000000000, not {text!r}")
    value = float(m.group(1)) * _UNITS[m.group(2).upper()]
    if value < 1:
        raise JacdeskError("the memory budget must be at least 1 byte")
    return int(value)


def format_bytes(n: float) -> str:
    """``8.0 TB``-style text (powers of 1024, as the OS reports memory)."""
    for unit in ("B", "KB", "MB", "GB", "TB", "PB"):
        if abs(n) < 1024 or unit == "PB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} PB"  # pragma: no cover


def available_memory() -> int:
    """Bytes of memory available to a new allocation now (MemAvailable on Linux)."""
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return FALLBACK_AVAILABLE


def set_memory_budget(nbytes: int | None) -> None:
    """Set the budget for every later request (``None``: back to the default share)."""
    global _user_budget
    if nbytes is not None and nbytes < 1:
        raise JacdeskError("the memory budget must be at least 1 byte")
    _user_budget = None if nbytes is None else int(nbytes)


def memory_budget() -> int:
    """Bytes one request may use: the user's, the environment's, or half of what is free."""
    if _user_budget is not None:
        return _user_budget
    env = os.environ.get("JACDESK_MEMORY_BUDGET", "").strip()
    if env:
        return parse_bytes(env)
    return max(MIN_DEFAULT_BUDGET, int(available_memory() * DEFAULT_SHARE))


def _default_budget() -> bool:
    """Whether the budget is the default share (neither set by the user nor the environment)."""
    return _user_budget is None and not os.environ.get("JACDESK_MEMORY_BUDGET", "").strip()


def tape_entries(program: Program) -> int:
    """Entries of every intermediate of one evaluation of f (autograd keeps them for backward)."""
    total = 0
    for ins in program.tape:
        size = 1
        for d in ins.shape:
            size *= d
        total += size
    return total


def estimate_analysis(
    program: Program,
    *,
    rows: bool,
    fd_check: bool,
    det: bool,
    hessian: bool,
    itemsize: int = 8,
) -> Estimate:
    """Predicted peak memory of ``analyze`` for ``program`` with these extras.

    Parameters
    ----------
    program
        The checked program (shapes of every intermediate).
    rows, fd_check, det, hessian
        Whether each extra will run.
    itemsize
        Bytes per number (8 for float64).
    """
    m, n = program.n_outputs, program.n_inputs
    tape = max(tape_entries(program), 1)
    mn = m * n
    parts = [("evaluating f once", 3 * tape)]  # forward values, saved tensors, gradients
    if m == 1:
        parts.append(("J (one backward pass)", 2 * tape + 2 * n))
    elif mn <= BATCH_TRICK_MAX_ENTRIES:
        parts.append(("J (one batched pass)", 3 * min(m, n) * tape + 2 * mn))
    else:
        # torch.func builds the one-hot basis of the cheaper side (k × k) and runs the pass
        # with a batch of k: every intermediate k times; then J itself and its presented copy.
        k = min(m, n)
        parts.append(("J", 2 * k * tape + k * k + 3 * mn))
    if rows:
        parts.append(("J row by row (one backward pass per output)", 2 * tape + mn))
    if fd_check:
        parts.append(("finite-difference check", 2 * tape + 2 * mn))
    if det and m == n:
        parts.append(("det J", 2 * mn))
    if hessian:
        parts.append(("Hessian", 2 * m * n * n + 2 * n * tape))
    return Estimate(tuple((what, entries * itemsize) for what, entries in parts), m, n)


def estimate_grid(program: Program, points: int, plotted: int, itemsize: int = 8) -> Estimate:
    """Predicted peak memory of a plot grid: every point is one batch element."""
    m, n = program.n_outputs, program.n_inputs
    tape = max(tape_entries(program), 1)
    entries = points * (3 * tape * max(plotted, 1) + m * (1 + plotted) + 2 * m)
    return Estimate((("the plot grid", entries * itemsize),), m, n)


class OverBudget(JacdeskError):
    """A request refused before it ran: it would need more memory than the budget allows.

    ``needed`` and ``budget`` are bytes, so that a front end can offer to compute anyway
    (with a larger budget) and say what that costs.
    """

    def __init__(self, message: str, needed: int, budget: int) -> None:
        super().__init__(message, about="memory")
        self.needed = needed
        self.budget = budget


def check_fits(estimate: Estimate, advice: str, budget: int | None = None) -> None:
    """Refuse, in one line saying the size, the budget and what to do, when over budget.

    Raises
    ------
    OverBudget
        A :class:`JacdeskError` with ``about="memory"``, the bytes needed and the budget.
    """
    if budget is None and estimate.total <= MIN_DEFAULT_BUDGET and _default_budget():
        return  # fits any default budget: no need to read /proc/meminfo for a small request
    limit = memory_budget() if budget is None else budget
    if estimate.total <= limit:
        return
    what, _ = estimate.largest()
    shape = f"J is {estimate.m:,} × {estimate.n:,}"
    if not what.startswith("J"):
        shape += f"; most of it for {what}"
    raise OverBudget(
        f"this needs about {format_bytes(estimate.total)} of memory ({shape}), over the "
        f"memory budget of {format_bytes(limit)}; {advice}",
        needed=estimate.total,
        budget=limit,
    )


def extra_costs(
    program: Program, *, rows: bool, fd_check: bool, det: bool, itemsize: int = 8
) -> dict[str, int]:
    """Bytes each skipped extra would add (``"rows"``, ``"fd_check"``, ``"det"``), for a
    front end that offers to compute it anyway."""
    base = estimate_analysis(program, rows=False, fd_check=False, det=False, hessian=False)
    costs: dict[str, int] = {}
    for name, wanted in (("rows", rows), ("fd_check", fd_check), ("det", det)):
        if wanted:
            flags = {"rows": False, "fd_check": False, "det": False, name: True}
            one = estimate_analysis(program, hessian=False, itemsize=itemsize, **flags)
            costs[name] = one.total - base.total
    return costs


def analysis_advice(estimate: Estimate, hessian: bool) -> str:
    """What to do instead, for the part that is too big."""
    what, _ = estimate.largest()
    if hessian and what == "Hessian":
        return "turn the Hessian off (it has m·n² entries), or use smaller shapes"
    return (
        "use smaller shapes, differentiate by fewer variables (give the others as constants), "
        "or, for a matrix product, read the Kronecker or closed form instead of the full J"
    )
