"""dtype everywhere (#17 item 1): float32 is really computed in float32, said in every output,
kept in sessions; float64 stays the default and its outputs are unchanged."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch

import jacdesk
from jacdesk.cli.main import main
from jacdesk.core.conventions import ComputeOptions
from jacdesk.core.errors import JacdeskError
from jacdesk.core.results.matrices import select
from jacdesk.core.sessions.session import Session, session_from_json

SEED = ["x1**2 + 2*x2", "3*x1 + 4*x2**2"]
POINT = {"x1": 1.0, "x2": 2.0}
WAVY = ["sin(x1)*exp(x2)", "x1*x2 + tanh(x2)"]
WAVY_POINT = {"x1": 0.7, "x2": 0.3}


def _wavy(x: torch.Tensor) -> torch.Tensor:
    return torch.stack([torch.sin(x[0]) * torch.exp(x[1]), x[0] * x[1] + torch.tanh(x[1])])


def test_the_seed_is_exact_in_float32_too() -> None:
    r = jacdesk.analyze(SEED, POINT, dtype="float32", symbolic=False)
    assert r.dtype == "float32"
    assert r.jacobian.tolist() == [[2.0, 2.0], [3.0, 16.0]]
    assert r.vjp.tolist() == [5.0, 18.0]
    assert r.determinant == 26.0
    assert r.to_dict()["dtype"] == "float32"


def test_float32_is_torch_float32_not_a_rounding_of_float64() -> None:
    j32 = torch.func.jacrev(_wavy)(torch.tensor([0.7, 0.3], dtype=torch.float32))
    j64 = torch.func.jacrev(_wavy)(torch.tensor([0.7, 0.3], dtype=torch.float64))
    r32 = jacdesk.analyze(WAVY, WAVY_POINT, dtype="float32", symbolic=False)
    r64 = jacdesk.analyze(WAVY, WAVY_POINT, symbolic=False)
    # Every entry is a float32 number, equal to torch's float32 jacrev within float32 rounding.
    assert np.array_equal(r32.jacobian.astype(np.float32).astype(np.float64), r32.jacobian)
    np.testing.assert_allclose(r32.jacobian, j32.double().numpy(), rtol=2e-7, atol=0)
    np.testing.assert_array_equal(r64.jacobian, j64.numpy())
    assert not np.array_equal(r32.jacobian, r64.jacobian)
    assert np.abs(r32.jacobian - r64.jacobian).max() < 1e-6
    assert r32.value.astype(np.float32).astype(np.float64).tolist() == r32.value.tolist()


def test_float32_checks_use_float32_tolerances() -> None:
    r = jacdesk.analyze(WAVY, WAVY_POINT, dtype="float32")
    assert r.check.fd_ok is True
    assert r.check.symbolic_ok is True  # within float32's rounding, not float64's 1e-9
    assert not any("disagree" in w for w in r.warnings)
    assert r.symbolic is not None and r.symbolic.status == "ok"


def test_float32_closed_forms_still_verify() -> None:
    r = jacdesk.analyze(
        "sum(A @ x)", {"x": [0.3, -0.7]}, {"A": [[1.5, 2.0], [0.1, 3.0]]}, dtype="float32"
    )
    forms = r.symbolic.closed_forms
    assert forms and forms["x"].status == "verified"


def test_dtype_through_options_and_conflicts() -> None:
    r = jacdesk.analyze(SEED, POINT, options=ComputeOptions(dtype="float32", symbolic=False))
    assert r.dtype == "float32"
    with pytest.raises(JacdeskError, match=r"conflicts with options\.dtype"):
        jacdesk.analyze(SEED, POINT, options=ComputeOptions(), dtype="float32")
    with pytest.raises(JacdeskError, match="dtype must be one of float64, float32"):
        jacdesk.analyze(SEED, POINT, dtype="float16")


def test_float64_is_the_default_everywhere() -> None:
    r = jacdesk.analyze(SEED, POINT, symbolic=False)
    assert r.dtype == "float64" and r.to_dict()["dtype"] == "float64"
    assert select(r, "jacobian").corner == "numerator layout, row-major vec"
    assert '"dtype"' not in Session(expressions=tuple(SEED), variables=POINT).to_json()


def test_exports_say_float32() -> None:
    r = jacdesk.analyze(SEED, POINT, dtype="float32", symbolic=False)
    assert select(r, "jacobian").corner == "numerator layout, row-major vec, computed in float32"
    assert select(r, "vjp").corner == "computed in float32"


def test_sessions_keep_the_dtype() -> None:
    s = Session.from_options(
        ComputeOptions(dtype="float32"), expressions=tuple(SEED), variables=POINT
    )
    back = session_from_json(s.to_json())
    assert back == s and back.dtype == "float32" and back.options.dtype == "float32"
    assert back.analyze(symbolic=False).dtype == "float32"
    assert back != Session(expressions=tuple(SEED), variables=POINT)
    bad = s.to_json().replace('"float32"', '"float16"')
    with pytest.raises(JacdeskError, match=r"options\.dtype"):
        session_from_json(bad)


def test_cli_dtype(capsys) -> None:
    args = ["jacobian", "-e", SEED[0], "-e", SEED[1], "--var", "x1=1", "--var", "x2=2"]
    assert main([*args, "--dtype", "float32", "--no-symbolic"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["dtype"] == "float32" and out["jacobian"] == [[2.0, 2.0], [3.0, 16.0]]
    assert main([*args, "--dtype", "float32", "--no-symbolic", "--format", "text"]) == 0
    assert "computed in float32" in capsys.readouterr().out
    assert main([*args, "--no-symbolic", "--format", "text"]) == 0
    assert "float32" not in capsys.readouterr().out
    assert main([*args, "--dtype", "float16"]) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_analyze_fn_in_float32() -> None:
    x = torch.tensor([0.7, 0.3], dtype=torch.float64)
    r = jacdesk.analyze_fn(_wavy, x, dtype="float32", symbolic=False)
    j32 = torch.func.jacrev(_wavy)(x.float()).double().numpy()
    assert r.dtype == "float32"
    np.testing.assert_allclose(r.jacobian, j32, rtol=2e-7, atol=0)
