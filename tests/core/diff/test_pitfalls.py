"""Each pitfall reproduces torch's real behaviour on the learner's f (the seed here)."""

from __future__ import annotations

import numpy as np
import torch

from jacdesk.core.diff.pitfalls import run_pitfall

SEED = (["x1**2 + 2*x2", "3*x1 + 4*x2**2"], {"x1": 1, "x2": 2})


def _torch_error(run) -> str:
    try:
        run()
    except RuntimeError as err:
        return str(err).splitlines()[0]
    return ""


def test_non_scalar_backward_gives_torchs_own_error_then_v() -> None:
    r = run_pitfall("non_scalar", *SEED)
    y = torch.tensor([1.0, 2.0], requires_grad=True) * 2
    assert r.error == _torch_error(y.backward) != ""
    np.testing.assert_array_equal(r.values["v"], [1, 1])
    np.testing.assert_array_equal(r.values["x.grad"], [5, 18])


def test_backward_twice_doubles_then_zero_resets() -> None:
    r = run_pitfall("accumulate", *SEED)
    np.testing.assert_array_equal(r.values["once"], [5, 18])
    np.testing.assert_array_equal(r.values["twice"], [10, 36])
    np.testing.assert_array_equal(r.values["after zero_"], [5, 18])


def test_second_backward_without_retain_graph_is_torchs_error() -> None:
    r = run_pitfall("retain_graph", *SEED)
    assert "backward through the graph a second time" in r.error
    assert "retain_graph=True" in r.error


def test_columns_from_x_grad_build_j_transposed() -> None:
    r = run_pitfall("transpose", *SEED)
    np.testing.assert_array_equal(r.values["J"], [[2, 2], [3, 16]])
    np.testing.assert_array_equal(r.values["by columns"], [[2, 3], [2, 16]])
    np.testing.assert_array_equal(r.values["symmetric by columns"], r.values["symmetric J"])


def test_gradcheck_fails_in_float32_and_passes_in_float64() -> None:
    r = run_pitfall("gradcheck", ["sin(x1)*exp(x2)", "x1/x2"], {"x1": 1.0, "x2": 2.0})
    assert not bool(r.values["float32 passed"]) and bool(r.values["float64 passed"])
    assert "Jacobian mismatch" in r.error
    assert "double precision" in r.warning
