"""Same-run timing: jacdesk and its plain-torch baselines measured in alternating rounds.

Alternating (A B A B …) means both sides see the same machine noise, so the ratio of the
medians is meaningful even when absolute seconds are not.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Case:
    name: str
    run: Callable[[], object]
    baseline: str
    baselines: dict[str, Callable[[], object]]
    rounds: int = 200
    goal: str = ""
    extra: dict = field(default_factory=dict)


def _time(fn: Callable[[], object], reported: bool = False) -> float:
    """Wall seconds of ``fn()``; or, for a ``reported`` case, the seconds ``fn`` returns (a
    fresh process that times its own first call, without its start-up)."""
    t0 = time.perf_counter()
    out = fn()
    elapsed = time.perf_counter() - t0
    return float(out) if reported else elapsed


def measure(case: Case, scale: float = 1.0) -> dict:
    """Median seconds of the case and of its best baseline, measured interleaved."""
    rounds = max(3, int(case.rounds * scale))
    reported = bool(case.extra.get("reported"))
    if not reported:  # fresh processes need no warm-up: their first call is the point
        for _ in range(max(1, rounds // 10)):  # warm-up: lazy imports, caches, allocator
            case.run()
            for b in case.baselines.values():
                b()
    ours: list[float] = []
    theirs: dict[str, list[float]] = {k: [] for k in case.baselines}
    others: dict[str, list[float]] = {k: [] for k in case.extra.get("other", {})}
    for _ in range(rounds):
        ours.append(_time(case.run, reported))
        for k, b in case.baselines.items():
            theirs[k].append(_time(b, reported))
        for k, b in case.extra.get("other", {}).items():  # shown, not compared
            others[k].append(_time(b, reported))
    # A baseline timed on a subset (a per-point loop on 20×20 of 200×200) is scaled up.
    scale = case.extra.get("baseline_scale", {})
    medians = {k: statistics.median(v) * scale.get(k, 1.0) for k, v in theirs.items()}
    best = min(medians, key=medians.__getitem__)
    median = statistics.median(ours)
    return {
        "name": case.name,
        "median_s": median,
        "baseline": f"{case.baseline}: {best}",
        "baseline_median_s": medians[best],
        "ratio": median / medians[best],
        "goal": case.goal,
        "all_baselines_s": medians,
        "also_measured_s": {k: statistics.median(v) for k, v in others.items()},
        "rounds": rounds,
    }


def table(rows: list[dict]) -> str:
    head = f"{'benchmark':<34} {'median':>11} {'baseline (best plain torch)':<44} {'median':>11} {'ratio':>7}  goal"
    lines = [head, "-" * len(head)]
    for r in rows:
        lines.append(
            f"{r['name']:<34} {_fmt(r['median_s']):>11} {r['baseline']:<44} "
            f"{_fmt(r['baseline_median_s']):>11} {_ratio(r['ratio']):>7}  {r['goal']}"
        )
    return "\n".join(lines)


def _ratio(ratio: float) -> str:
    """Three significant digits, so a ratio of 0.0012 is not printed as 0.00."""
    return f"{ratio:.3g}"


def _fmt(seconds: float) -> str:
    if seconds < 1e-3:
        return f"{seconds * 1e6:.0f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds:.2f} s"
