"""Forward or reverse: pass counts follow m and n; every strategy builds the same J."""

from __future__ import annotations

import numpy as np
import pytest

from jacdesk.core.diff import cost as cost_module
from jacdesk.core.diff.cost import cost
from jacdesk.core.diff.lab_function import lab_function
from jacdesk.core.tasks import Cancelled, TaskState


def _passes(result) -> dict[str, int]:
    return {s.mode: s.passes for s in result.strategies}


def test_r50_to_r_needs_one_reverse_pass_and_fifty_forward() -> None:
    r = cost("sum(x**2)", {"x": np.arange(50.0)})
    assert (r.m, r.n) == (1, 50)
    assert _passes(r)["reverse"] == 1 and _passes(r)["forward"] == 50
    assert "reverse mode does fewer passes" in r.why


def test_r_to_r50_needs_fifty_reverse_passes_and_one_forward() -> None:
    r = cost("x*c", {"x": 2.0}, {"c": np.arange(50.0)})
    assert (r.m, r.n) == (50, 1)
    assert _passes(r)["reverse"] == 50 and _passes(r)["forward"] == 1
    assert "forward mode does fewer passes" in r.why


def test_json_shape_and_modes() -> None:
    d = cost(["x1**2 + 2*x2", "3*x1 + 4*x2**2"], {"x1": 1, "x2": 2}).to_dict()
    modes = [s["mode"] for s in d["strategies"]]
    assert {"reverse", "forward", "vmap-reverse", "vmap-forward"} <= set(modes)
    assert d["fastest"] in [s["name"] for s in d["strategies"]]
    assert all(s["median_s"] > 0 for s in d["strategies"])


@pytest.mark.parametrize(
    "make",
    [
        cost_module._reverse,
        cost_module._forward,
        cost_module._vmap_reverse,
        cost_module._vmap_forward,
        cost_module._jacdesk,
    ],
)
def test_every_strategy_gives_the_seed_j(make) -> None:
    f = lab_function(["x1**2 + 2*x2", "3*x1 + 4*x2**2"], {"x1": 1, "x2": 2})
    np.testing.assert_array_equal(make(f)().reshape(2, 2).numpy(), [[2, 2], [3, 16]])


def test_cancelled_task_stops_the_measurement() -> None:
    task = TaskState()
    task.cancel()
    with pytest.raises(Cancelled):
        cost("x", {"x": 1.0}, task=task)
