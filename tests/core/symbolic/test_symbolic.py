"""The sympy evaluator agrees with torch, and the sympy service keeps its time bounds."""

from __future__ import annotations

import json
import threading
import time

import numpy as np
import pytest
import sympy
import torch

from jacdesk.core.diff.torch_eval import TorchFunction
from jacdesk.core.language.functions import FUNCTIONS
from jacdesk.core.language.program import Program, build_program, input_labels
from jacdesk.core.symbolic import entrywise as S
from jacdesk.core.symbolic.process import SymbolicService, default_service

EXAMPLE = (["x1**2 + 2*x2", "3*x1 + 4*x2**2"], {"x1": (), "x2": ()})
EXAMPLE_POINT = {"x1": 1.0, "x2": 2.0}
SLOW_JACOBIAN = ("det(inv(X))", {"X": (3, 3)})  # J alone takes minutes
SLOW_DET = ("X@X@X", {"X": (3, 3)})  # J in a fraction of a second, det(J) in far more than 2 s

rng = np.random.default_rng(7)
A3 = rng.uniform(-1, 1, (3, 3))
W = rng.uniform(-1, 1, (3, 2))
B = rng.uniform(-1, 1, 3)

# (texts, variables, constants); all values stay away from kinks, ties and domain edges.
CASES = [
    (["r*cos(t)", "r*sin(t)"], {"r": (), "t": ()}, {}),
    ("softmax(x)", {"x": (3,)}, {}),
    ("tanh(W@x + b)", {"x": (2,)}, {"W": W, "b": B}),
    ("trace(A@X)", {"X": (3, 3)}, {"A": A3}),
    ("det(X)", {"X": (3, 3)}, {}),
    ("x.T@A@x", {"x": (3,)}, {"A": A3}),
    ("X@X", {"X": (3, 3)}, {}),
    ("inv(X)[0,1]", {"X": (3, 3)}, {}),
    ("inv(X) * 0.5", {"X": (2, 2)}, {}),
    ("logsumexp(x) + logdet(X)", {"x": (3,), "X": (2, 2)}, {}),
    ("norm(x) + norm(X) * norm(x[0])", {"x": (3,), "X": (2, 2)}, {}),
    ("max(x) * min(x[0], x[1]) + max(x[2], 2) - min(X)", {"x": (3,), "X": (2, 2)}, {}),
    ("diag(x) @ X + diag(diag(X))", {"x": (3,), "X": (3, 3)}, {}),
    ("outer(x, y) - diag(Y)", {"x": (2,), "y": (3,), "Y": (3, 4)}, {}),
    ("[X[:,0], X[:,2] * X[-1,1], X[0]]", {"X": (3, 3)}, {}),
    ("X[1:,:2] * X[-1,-1] + X[:1,:2]", {"X": (3, 3)}, {}),
    ("X.T @ x + (X @ X.T).T @ x", {"x": (3,), "X": (3, 3)}, {}),
    ("[x1*x2, x1 + x2, x1 / x2 - x1**-1]", {"x1": (), "x2": ()}, {}),
    ("[x, 2*x] + X", {"x": (3,), "X": (2, 3)}, {}),
    (
        "sigmoid(x) + softplus(x) + relu(x) + abs(x) + sqrt(exp(x)) + atan2(x, 2) + asin(x/4)"
        " + acos(x/4) + atan(x) + sinh(x) + cosh(x) + tan(x) + log(x*x)",
        {"x": (3,)},
        {},
    ),
    (
        "mean(X) + sum(X*X) + dot(x, y) + e**x[0] * pi + x**y + 2**x + 0.1*x",
        {"x": (3,), "y": (3,), "X": (2, 2)},
        {},
    ),
    ("softmax(X) * softmax(x[0])", {"x": (2,), "X": (2, 3)}, {}),
    ("X**2 / 3.25 - 1e-3", {"X": (2, 3)}, {}),
]


def _point(program: Program) -> dict[str, np.ndarray]:
    pt_rng = np.random.default_rng(11)
    out = {}
    for name, shape in program.variables:
        value = pt_rng.uniform(0.3, 1.2, shape)
        if len(shape) == 2 and shape[0] == shape[1]:
            value = value + 2 * np.eye(shape[0])  # positive determinant for logdet
        out[name] = value
    return out


def _torch_jacobian(program: Program, constants: dict, point: dict, vec: str) -> np.ndarray:
    f = TorchFunction(program, constants)
    xs = tuple(torch.tensor(np.asarray(point[n], np.float64)) for n, _ in program.variables)
    jac = torch.func.jacrev(f, argnums=tuple(range(len(xs))))(*xs)
    # F-order reshape of (out dims..., var dims...) ravels both groups column-major.
    order = "F" if vec == "col" else "C"
    return np.concatenate(
        [np.reshape(j.numpy(), (program.n_outputs, -1), order=order) for j in jac], axis=1
    )


@pytest.mark.parametrize("vec", ["row", "col"])
@pytest.mark.parametrize("case", CASES, ids=[str(c[0])[:40] for c in CASES])
def test_agrees_with_torch(case, vec: str) -> None:
    texts, variables, constants = case
    program = build_program(texts, variables, {k: np.shape(v) for k, v in constants.items()})
    point = _point(program)
    J = S.symbolic_jacobian(program, constants, vec)
    assert J.shape == (program.n_outputs, program.n_inputs)
    got = S.evaluate(J, point)
    want = _torch_jacobian(program, constants, point, vec)
    np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-10)


def test_tutorial_example() -> None:
    program = build_program(*EXAMPLE)
    J = S.symbolic_jacobian(program)
    assert [[S.to_text(J[i, j]) for j in range(2)] for i in range(2)] == [
        ["2*x1", "2"],
        ["3", "8*x2"],
    ]
    np.testing.assert_array_equal(S.evaluate(J, EXAMPLE_POINT), [[2, 2], [3, 16]])
    det = S.determinant(J)
    assert S.to_text(det) == "16*x1*x2 - 6"
    assert float(S.evaluate(det, EXAMPLE_POINT)) == 26.0


def test_names_numbers_and_latex() -> None:
    program = build_program("x1 * sum(x) * X[1,2] * 0.5", {"x1": (), "x": (2,), "X": (2, 3)})
    assert set(S.IMPLEMENTED) == set(FUNCTIONS)
    out = S.output_vector(program)[0]
    assert {str(s) for s in out.free_symbols} == {"x1", "x[0]", "x[1]", "X[1,2]"}
    assert all(s.is_real for s in out.free_symbols)
    latex = S.to_latex(out, S.latex_names(program))
    assert "x_{1}" in latex and "x_{0}" in latex and "X_{1,2}" in latex and "\\frac" in latex
    assert S.number("0.5") == sympy.Rational(1, 2) and S.number("2") == 2
    assert S.number("1e-3") == sympy.Rational(1, 1000)
    assert isinstance(S.number("0.1234567890123"), sympy.Float)
    assert S.constant(0.1) == sympy.Rational(1, 10) and S.constant(3.0) == 3
    assert isinstance(S.constant(1 / 3), sympy.Float)
    col = build_program("X", {"X": (2, 2)})
    assert [str(v) for v in S.output_vector(col, vec="col")] == input_labels(col, "col")


def test_evaluate_gives_nan_for_complex_values() -> None:
    x = sympy.Symbol("x", real=True)
    got = S.evaluate(sympy.Matrix([[sympy.sqrt(x), 1 / x]]), {"x": -1.0})
    assert np.isnan(got[0, 0]) and got[0, 1] == -1.0


def test_size_limits_and_simplification() -> None:
    big = build_program("X@X", {"X": (32, 32)})
    notice = S.too_large(big)
    assert notice is not None and notice.startswith("too large for a symbolic form: J would have")
    assert "(the limit is 400)" in notice
    assert "5×5" in S.too_large(build_program("det(X)", {"X": (5, 5)}))
    assert S.too_large(build_program(*EXAMPLE)) is None
    polar = build_program(["r*cos(t)", "r*sin(t)"], {"r": (), "t": ()})
    assert S.to_text(S.determinant(S.symbolic_jacobian(polar))) == "r"


# -- the service ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def service():
    svc = SymbolicService()
    svc.warm()  # returns at once; the first request waits for the child to be ready
    yield svc
    svc.close()


def _example(service: SymbolicService, point=EXAMPLE_POINT):
    return service.request(build_program(*EXAMPLE), {}, point)


def test_service_example_and_warm_round_trip(service) -> None:
    r = _example(service)
    assert r.status == "ok" and r.notice is None
    assert r.jacobian_text == (("2*x1", "2"), ("3", "8*x2"))
    assert r.jacobian_latex == (("2 x_{1}", "2"), ("3", "8 x_{2}"))
    assert r.determinant_at_point == 26.0 and r.determinant_text == "16*x1*x2 - 6"
    assert not r.jacobian_at_point.flags.writeable
    json.dumps(r.to_dict())
    moved = _example(service, {"x1": 2.0, "x2": 2.0})  # cached forms, only re-evaluated
    assert moved.status == "ok" and moved.determinant_at_point == 58.0
    np.testing.assert_array_equal(moved.jacobian_at_point, [[4, 2], [3, 16]])
    assert moved.elapsed_s < 0.5


def test_service_too_large_is_immediate() -> None:
    svc = SymbolicService()
    r = svc.request(build_program("X@X", {"X": (32, 32)}), {}, {"X": np.eye(32)})
    assert r.status == "too_large" and "limit is 400" in r.notice and r.elapsed_s < 0.1
    assert svc._proc is None  # no child was started for it
    svc.close()
    assert _example(svc).status == "disabled"
    assert default_service() is default_service()


def test_service_timeout_then_recovers(service) -> None:
    assert _example(service).status == "ok"  # warm, so the timing below is the job's
    program = build_program(*SLOW_JACOBIAN)
    start = time.perf_counter()
    r = service.request(program, {}, {"X": 2 * np.eye(3)}, timeout=0.5)
    assert r.status in ("timeout", "partial")
    assert "longer than 0.5 s" in r.notice
    assert time.perf_counter() - start < 2.5
    again = service.request(program, {}, {"X": 3 * np.eye(3)}, timeout=0.5)
    assert again.status == r.status and again.elapsed_s < 0.1  # remembered, not re-run
    assert _example(service).status == "ok"


def test_service_partial_keeps_the_jacobian(service) -> None:
    program = build_program(*SLOW_DET)
    r = service.request(program, {}, {"X": np.eye(3)}, timeout=2.0)
    assert r.status == "partial"
    assert r.notice == "the determinant took longer than 2 s to simplify and was skipped"
    assert r.jacobian_at_point.shape == (9, 9) and r.determinant_text is None
    np.testing.assert_allclose(r.jacobian_at_point, 3 * np.eye(9))  # d(X³)/dX at I is 3·I


def test_service_cancel_and_crash(service) -> None:
    program = build_program(*SLOW_JACOBIAN)
    timer = threading.Timer(0.3, service.cancel)
    timer.start()
    start = time.perf_counter()
    r = service.request(program, {}, {"X": np.eye(3)}, timeout=30.0)
    timer.join()
    assert r.status == "cancelled" and time.perf_counter() - start < 3.0
    assert _example(service).status == "ok"
    crash = threading.Timer(0.3, lambda: service._proc.kill())  # as if the OS killed it
    crash.start()
    r = service.request(program, {}, {"X": np.eye(3)}, timeout=30.0)
    crash.join()
    assert r.status == "error" and "stopped unexpectedly" in r.notice
    assert _example(service).status == "ok"


def test_service_reports_child_errors_in_one_line(service) -> None:
    program = build_program("sum(X * X)", {"X": (3, 3)})
    r = service.request(program, {}, {"X": np.eye(2)})  # wrong shape: no value for X[2,2]
    assert r.status == "error" and "\n" not in r.notice and "X[2,2]" in r.notice
    assert service.request(program, {}, {}).status == "error"
    assert _example(service).status == "ok"
