"""The precision sweep: float32 J really in float32, and the finite-difference V."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from jacdesk.core.diff.lab_function import lab_function
from jacdesk.core.diff.precision import precision
from jacdesk.core.errors import JacdeskError
from jacdesk.core.tasks import Cancelled, TaskState

SEED = (["x1**2 + 2*x2", "3*x1 + 4*x2**2"], {"x1": 1, "x2": 2})
CURVED = (["sin(x1)*exp(x2)", "cos(x1*x2)", "x1/x2"], {"x1": 0.7, "x2": 0.3})


def test_float32_j_is_torch_float32_jacrev_and_differs_from_float64() -> None:
    r = precision(*CURVED)
    f32 = lab_function(*CURVED, dtype=torch.float32)
    ref32 = torch.func.jacrev(f32.call)(torch.tensor([0.7, 0.3], dtype=torch.float32))
    ulp = np.spacing(np.abs(ref32.numpy()))
    assert np.all(np.abs(r.jacobian32 - ref32.numpy().astype(np.float64)) <= ulp)
    assert r.float32_error > 0 and r.float32_error == np.abs(r.jacobian32 - r.jacobian64).max()
    assert r.float32_error < 1e-6  # a few float32 ulps, not a different J
    assert r.ulps.max() < 4


def test_central_best_step_in_range_and_the_curve_rises_at_both_ends() -> None:
    r = precision(*CURVED)
    assert list(r.steps) == sorted(r.steps, reverse=True) and r.steps[0] == 0.1
    assert r.steps[-1] == pytest.approx(1e-13)
    assert 1e-8 <= r.best_central <= 1e-2
    best = int(np.argmin(r.central_error))
    assert r.central_error[0] > 10 * r.central_error[best]
    assert r.central_error[-1] > 10 * r.central_error[best]
    assert 1e-10 <= r.best_forward <= 1e-6  # near √ε ≈ 1.5e-8
    # slope 1 on the truncation branch of forward differences: error ∝ h
    ratio = r.forward_error[1] / r.forward_error[2]
    assert 5 < ratio < 20


def test_seed_is_exact_in_float32_and_central_has_no_truncation() -> None:
    r = precision(*SEED)
    np.testing.assert_array_equal(r.jacobian64, [[2, 2], [3, 16]])
    assert r.float32_error == 0.0
    assert "f''' = 0" in r.explanation


def test_float32_sweep_moves_the_bottom_of_the_v() -> None:
    r = precision(*CURVED, dtype="float32")
    assert 1e-5 <= r.best_forward <= 1e-2 and r.to_dict()["dtype"] == "float32"


def test_refuses_a_huge_point_in_one_line() -> None:
    with pytest.raises(JacdeskError, match="limited to") as err:
        precision("x", {"x": np.ones(3000)})
    assert "\n" not in str(err.value)


def test_cancelled_task_stops_the_sweep() -> None:
    task = TaskState()
    task.cancel()
    with pytest.raises(Cancelled):
        precision(*SEED, task=task)


def test_result_is_frozen() -> None:
    r = precision(*SEED)
    with pytest.raises(ValueError):
        r.steps[0] = 1.0
