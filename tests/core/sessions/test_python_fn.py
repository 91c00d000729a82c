"""``jacdesk.analyze_fn`` and ``jacdesk.show``: Python callables, run in this process."""

from __future__ import annotations

import math
import subprocess

import numpy as np
import pytest
import torch

import jacdesk
from jacdesk.core.errors import JacdeskError
from jacdesk.core.sessions import python_fn
from jacdesk.core.sessions.session import load_session


def seed(x):
    return torch.stack([x[0] ** 2 + 2 * x[1], 3 * x[0] + 4 * x[1] ** 2])


def polar(r, theta):
    return torch.stack([r * torch.cos(theta), r * torch.sin(theta)])


def _jacrev(fn, *xs) -> np.ndarray:
    xs = [torch.as_tensor(x, dtype=torch.float64) for x in xs]
    m = fn(*xs).numel()
    blocks = torch.func.jacrev(fn, argnums=tuple(range(len(xs))))(*xs)
    return torch.cat([b.reshape(m, -1) for b in blocks], dim=1).numpy()


def test_the_seed_lambda_gives_the_tutorial() -> None:
    r = jacdesk.analyze_fn(lambda x: seed(x), torch.tensor([1.0, 2.0], dtype=torch.float64))
    assert r.jacobian.tolist() == [[2.0, 2.0], [3.0, 16.0]]
    assert r.vjp.tolist() == [5.0, 18.0]
    assert r.determinant == 26.0
    assert r.symbolic.jacobian_text == (("2*x[0]", "2"), ("3", "8*x[1]"))
    assert r.expressions == ("x[0] ** 2 + 2 * x[1]", "3 * x[0] + 4 * x[1] ** 2")
    assert r.warnings == ()


def test_it_is_the_analysis_analyze_gives() -> None:
    x = torch.tensor([1.0, 2.0], dtype=torch.float64)
    ours = jacdesk.analyze_fn(seed, x, v=[1.0, -1.0], jvp=[0.5, 2.0], hessian=True, symbolic=False)
    theirs = jacdesk.analyze(
        list(ours.expressions),
        {"x": [1.0, 2.0]},
        vjp=[1.0, -1.0],
        jvp=[0.5, 2.0],
        hessian=True,
        symbolic=False,
    )
    a, b = ours.to_dict(), theirs.to_dict()
    assert a == b


def test_polar_has_det_r_and_matches_jacrev() -> None:
    r0, t0 = torch.tensor(2.0, dtype=torch.float64), torch.tensor(0.5, dtype=torch.float64)
    r = jacdesk.analyze_fn(lambda r, theta: polar(r, theta), r0, t0)
    assert np.allclose(r.jacobian, _jacrev(polar, r0, t0), rtol=1e-14, atol=1e-15)
    assert math.isclose(r.determinant, 2.0, rel_tol=1e-14)
    assert r.symbolic.determinant_text == "r"
    assert [name for name, _ in r.inputs] == ["r", "theta"]


CALLABLES = {
    "matrix and constant": (lambda X: torch.trace(X.T @ A_CONST @ X), [[[1.0, 2.0], [0.5, -1.0]]]),
    "softmax": (lambda z: torch.softmax(z, dim=0), [[1.0, 2.0, 0.5]]),
    "log_softmax rows": (lambda Z: torch.log_softmax(Z, dim=1), [[[1.0, 2.0], [0.3, -0.2]]]),
    "linear layer": (
        lambda x: torch.tanh(torch.nn.functional.linear(x, W_CONST, B_CONST)),
        [[0.5, -1.0, 2.0]],
    ),
    "cat and slices": (
        lambda x, y: torch.cat([x[1:] ** 2, y * x[0]]),
        [[1.0, 2.0, 3.0], [0.5, 0.25]],
    ),
    "sums over dims": (lambda X: X.sum(0) * X.mean(dim=1) + X.T[0], [[[1.0, 2.0], [3.0, 4.0]]]),
    "det and inverse": (
        lambda X: torch.linalg.det(X) * torch.linalg.inv(X)[0],
        [[[3.0, 1.0], [0.5, 2.0]]],
    ),
    "reshape": (lambda x: (x.reshape(2, 2) @ x.view(2, 2).t()).flatten(), [[1.0, 2.0, 3.0, 4.0]]),
    "scalar out": (
        lambda x, y: torch.logsumexp(x, dim=0) + torch.atan2(y, x[0]) ** 2,
        [[0.5, 1.5], 0.7],
    ),
    "tensor made inside": (
        lambda x: (
            x * torch.tensor([2.0, 3.0], dtype=torch.float64)
            + torch.ones(2, dtype=torch.float64).dot(x)
        ),
        [[1.0, 2.0]],
    ),
}
A_CONST = torch.tensor([[2.0, 1.0], [0.0, 3.0]], dtype=torch.float64)
W_CONST = torch.tensor([[0.2, -0.5, 0.1], [0.4, 0.3, -0.2]], dtype=torch.float64)
B_CONST = torch.tensor([0.1, -0.1], dtype=torch.float64)


@pytest.mark.parametrize("name", list(CALLABLES))
def test_traced_callables_match_jacrev_without_warnings(name) -> None:
    fn, point = CALLABLES[name]
    r = jacdesk.analyze_fn(fn, *point, symbolic=False)
    assert r.warnings == () and r.expressions
    assert np.allclose(r.jacobian, _jacrev(fn, *point), rtol=1e-12, atol=1e-13)


def test_captured_tensors_become_named_constants() -> None:
    r = jacdesk.analyze_fn(CALLABLES["linear layer"][0], [0.5, -1.0, 2.0], symbolic=False)
    assert r.expressions == ("tanh(x @ W_CONST.T + B_CONST)",)


def test_an_unmapped_op_falls_back_to_the_callable_and_names_it() -> None:
    fn = lambda x: x.clamp(0.0, 1.5).sum() * torch.sin(x)  # noqa: E731
    x = torch.tensor([1.0, 2.0], dtype=torch.float64)
    r = jacdesk.analyze_fn(fn, x, v=[1.0, 2.0], jvp=[1.0, 0.0])
    assert any("aten.clamp" in w and "numerically" in w for w in r.warnings)
    J = _jacrev(fn, x)
    assert np.allclose(r.jacobian, J, rtol=1e-12)
    assert np.allclose(r.vjp, np.array([1.0, 2.0]) @ J)
    assert np.allclose(r.jvp, J @ np.array([1.0, 0.0]))
    assert r.rows_by_backward is not None and np.allclose(r.rows_by_backward, J)
    assert r.check.fd_ok is True
    assert r.symbolic is None and r.expressions == ()
    assert r.determinant is not None and math.isclose(
        r.determinant, float(np.linalg.det(J)), rel_tol=1e-12
    )
    assert r.to_dict()["jacobian"] == J.tolist()


def test_a_data_dependent_branch_is_checked_at_the_point() -> None:
    def fn(x):
        if x.sum() > 0:  # traced at this point: the branch taken here
            return x**2
        return -x

    r = jacdesk.analyze_fn(fn, [1.0, 2.0], symbolic=False)
    assert np.allclose(r.jacobian, np.diag([2.0, 4.0]))
    r2 = jacdesk.analyze_fn(fn, [-1.0, -2.0], symbolic=False)  # same shapes, other branch
    assert np.allclose(r2.jacobian, -np.eye(2))


def test_a_changed_captured_tensor_is_traced_again() -> None:
    scale = torch.tensor([1.0, 2.0], dtype=torch.float64)
    fn = lambda x: scale * x  # noqa: E731
    assert np.allclose(
        jacdesk.analyze_fn(fn, [1.0, 1.0], symbolic=False).jacobian, np.diag([1.0, 2.0])
    )
    scale.mul_(3.0)
    assert np.allclose(
        jacdesk.analyze_fn(fn, [1.0, 1.0], symbolic=False).jacobian, np.diag([3.0, 6.0])
    )


def test_float32_inputs_are_computed_in_float64_with_a_note() -> None:
    r = jacdesk.analyze_fn(seed, torch.tensor([1.0, 2.0]), symbolic=False)
    assert r.jacobian.tolist() == [[2.0, 2.0], [3.0, 16.0]]
    assert any("float32" in w and "float64" in w for w in r.warnings)


def test_bad_calls_are_one_line_errors() -> None:
    with pytest.raises(JacdeskError, match="give the point after the function"):
        jacdesk.analyze_fn(seed)
    with pytest.raises(JacdeskError, match="must be a function"):
        jacdesk.analyze_fn("x**2", 1.0)
    with pytest.raises(JacdeskError, match="jacdesk takes scalars, vectors and matrices"):
        jacdesk.analyze_fn(seed, torch.ones(2, 2, 2))


def test_show_hands_the_traced_problem_to_a_new_window_process(monkeypatch) -> None:
    started = []

    class FakePopen:
        def __init__(self, args, **kwargs):
            started.append((args, kwargs))

    monkeypatch.setattr(subprocess, "Popen", FakePopen)
    proc = jacdesk.show(polar, 2.0, 0.5)
    assert isinstance(proc, FakePopen)
    ((args, kwargs),) = started
    assert args[1:3] == ["-m", "jacdesk"] and args[3].endswith("polar.jacdesk")
    assert "shell" not in kwargs
    session = load_session(args[3])
    assert session.expressions == ("r * cos(theta)", "r * sin(theta)")
    assert session.variables["r"].tolist() == 2.0
    assert session.analyze(symbolic=False).determinant == pytest.approx(2.0)


def test_show_refuses_a_function_it_cannot_write() -> None:
    with pytest.raises(JacdeskError, match=r"no mapping for aten\.sort"):
        python_fn.traced_session(lambda x: x.sort().values, [2.0, 1.0])


def test_a_float32_module_is_traced_in_its_own_dtype() -> None:
    torch.manual_seed(0)
    net = torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.Tanh(), torch.nn.Linear(3, 2))
    x = torch.tensor([1.0, 2.0])
    r = jacdesk.analyze_fn(net, x, symbolic=False)
    assert r.expressions == ("tanh(x @ c1.T + c2) @ c3.T + c4",)
    assert np.allclose(r.jacobian, torch.func.jacrev(net)(x).detach().numpy(), rtol=1e-5, atol=1e-6)
    clipped = lambda x: net(x).clamp(-0.1, 10)  # noqa: E731
    r = jacdesk.analyze_fn(clipped, x, symbolic=False)
    assert any("aten.clamp" in w for w in r.warnings) and r.check.fd_ok is True
    assert np.allclose(r.jacobian, torch.func.jacrev(clipped)(x).detach().numpy())


def test_a_function_that_fails_at_the_point_is_one_line() -> None:
    with pytest.raises(JacdeskError, match=r"^the function fails at this point \(RuntimeError: "):
        jacdesk.analyze_fn(lambda x: x @ torch.ones(3, dtype=torch.float64), [1.0, 2.0])
