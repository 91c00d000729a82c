"""The memory budget guards analyze and grid: refused before anything is allocated, with the
predicted cost on the error so a front end can offer to compute anyway."""

from __future__ import annotations

import numpy as np
import pytest

from jacdesk.core.diff import budget
from jacdesk.core.diff.budget import OverBudget
from jacdesk.core.diff.grid import grid
from jacdesk.core.engine import analyze
from jacdesk.core.errors import JacdeskError

SEED = ["x1**2 + 2*x2", "3*x1 + 4*x2**2"]


pytestmark = pytest.mark.usefixtures("default_memory_budget")


@pytest.mark.parametrize(
    ("expr", "variables", "shape"),
    [
        ("outer(x, x)", {"x": np.ones(1000)}, "J is 1,000,000 × 1,000"),
        ("X @ X", {"X": np.eye(1000)}, "J is 1,000,000 × 1,000,000"),
    ],
)
def test_the_issue_cases_are_refused_in_one_line(expr, variables, shape) -> None:
    with pytest.raises(OverBudget) as info:
        analyze(expr, variables)
    err = info.value
    text = str(err)
    assert err.about == "memory" and "\n" not in text
    assert shape in text and "memory budget of" in text
    assert "fewer variables" in text  # what to do instead
    assert err.needed > err.budget == budget.memory_budget()


def test_the_budget_keyword_overrides_the_default_both_ways() -> None:
    with pytest.raises(OverBudget) as info:
        analyze(SEED, {"x1": 1, "x2": 2}, symbolic=False, memory_budget=64)
    needed = info.value.needed
    assert info.value.budget == 64 and needed > 64
    # "Compute anyway": the refusal's own figure is enough to run it.
    r = analyze(SEED, {"x1": 1, "x2": 2}, symbolic=False, memory_budget=needed)
    assert r.jacobian.tolist() == [[2.0, 2.0], [3.0, 16.0]]
    assert r.vjp.tolist() == [5.0, 18.0]


def test_the_setting_and_the_environment_are_honoured(monkeypatch) -> None:
    budget.set_memory_budget(100)
    with pytest.raises(OverBudget):
        analyze(SEED, {"x1": 1, "x2": 2}, symbolic=False)
    budget.set_memory_budget(None)
    monkeypatch.setenv("JACDESK_MEMORY_BUDGET", "1K")
    with pytest.raises(OverBudget):
        analyze(SEED, {"x1": 1, "x2": 2}, symbolic=False)


def test_skipped_extras_carry_their_predicted_cost() -> None:
    r = analyze("x * 2", {"x": np.ones(70)}, symbolic=False)  # 70 > the teaching limit of 64
    skipped = dict(r.skipped)
    assert set(skipped) == {"rows", "fd_check"}
    assert all(cost >= 70 * 70 * 8 for cost in skipped.values())  # each holds a J's worth
    small = analyze(SEED, {"x1": 1, "x2": 2}, symbolic=False)
    assert small.skipped == ()


def test_asking_for_an_extra_explicitly_is_not_reported_skipped() -> None:
    r = analyze("x * 2", {"x": np.ones(70)}, symbolic=False, rows=True, fd_check=True)
    assert r.skipped == () and r.rows_by_backward is not None


def test_grid_is_refused_over_budget() -> None:
    budget.set_memory_budget(10_000)
    over = {"x1": (-1.0, 1.0, 100), "x2": (-1.0, 1.0, 100)}
    with pytest.raises(OverBudget) as info:
        grid(SEED, {"x1": 1, "x2": 2}, over)
    assert "grid points" in str(info.value)
    budget.set_memory_budget(None)
    g = grid(SEED, {"x1": 1, "x2": 2}, {"x1": (-1.0, 1.0, 5)})
    assert g is not None


def test_running_short_anyway_is_one_line_not_a_raw_error(monkeypatch) -> None:
    from jacdesk.core import engine

    def short(_request):
        raise MemoryError

    monkeypatch.setattr(engine, "numeric", short)
    with pytest.raises(JacdeskError) as info:
        analyze(SEED, {"x1": 1, "x2": 2}, symbolic=False)
    assert info.value.about == "memory" and "ran out of memory" in str(info.value)
