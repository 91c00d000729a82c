"""analyze(): the tutorial example exactly, known Jacobians, matrix calculus, and the edges."""

from __future__ import annotations

import dataclasses
import json
import math

import numpy as np
import pytest

import jacdesk
from jacdesk import JacdeskError
from jacdesk.core.engine import TEACHING_LIMIT
from jacdesk.core.results.matrices import select

TUTORIAL = ["x1**2 + 2*x2", "3*x1 + 4*x2**2"]
POINT = {"x1": 1, "x2": 2}


def analyze(exprs, variables, **kwargs):
    kwargs.setdefault("symbolic", False)
    return jacdesk.analyze(exprs, variables, **kwargs)


@pytest.fixture(scope="module")
def tutorial():
    return analyze(TUTORIAL, POINT)


# -- the tutorial, exactly -------------------------------------------------------------------


def test_tutorial_jacobian_is_exact(tutorial):
    assert tutorial.jacobian.tolist() == [[2.0, 2.0], [3.0, 16.0]]
    assert tutorial.jacobian.dtype == np.float64
    assert tutorial.jacobian.shape == (2, 2)


def test_tutorial_value(tutorial):
    assert tutorial.value.tolist() == [5.0, 19.0]


def test_tutorial_backward_with_ones_is_column_sums(tutorial):
    assert tutorial.v.tolist() == [1.0, 1.0]
    assert tutorial.vjp.tolist() == [5.0, 18.0]
    assert tutorial.gradients["x1"] == 5.0
    assert tutorial.gradients["x2"] == 18.0
    assert tutorial.gradients["x1"].shape == ()
    assert (np.ones(2) @ tutorial.jacobian).tolist() == tutorial.vjp.tolist()


def test_tutorial_determinant_is_exact(tutorial):
    assert tutorial.determinant == 26.0
    assert type(tutorial.determinant) is float
    assert tutorial.det_sign == 1.0
    assert tutorial.log_abs_det == math.log(26.0)


def test_tutorial_rows_by_backward(tutorial):
    assert tutorial.rows_by_backward is not None
    assert tutorial.rows_by_backward.tolist() == tutorial.jacobian.tolist()
    assert tutorial.backward_passes == 2


def test_tutorial_labels_and_checks(tutorial):
    assert tutorial.input_labels == ("x1", "x2")
    assert tutorial.output_labels == ("f1", "f2")
    assert tutorial.output_shape == (2,)
    assert tutorial.check.fd_ok is True
    assert tutorial.check.ok is True
    assert tutorial.warnings == ()
    assert tutorial.is_square


@pytest.mark.parametrize(
    ("v", "expected"),
    [([0, 1], [3.0, 16.0]), ([1, 0], [2.0, 2.0]), ([1, 1], [5.0, 18.0]), ([2, -1], [1.0, -12.0])],
)
def test_tutorial_backward_with_v(v, expected):
    r = analyze(TUTORIAL, POINT, vjp=v)
    assert r.vjp.tolist() == expected
    assert r.v.tolist() == [float(x) for x in v]
    assert [float(r.gradients["x1"]), float(r.gradients["x2"])] == expected


def test_tutorial_jvp():
    r = analyze(TUTORIAL, POINT, jvp=[1, 0])
    assert r.jvp.tolist() == [2.0, 3.0]  # first column of J
    r = analyze(TUTORIAL, POINT)
    assert r.jvp.tolist() == [4.0, 19.0]  # row sums
    assert r.forward_passes == 1


def test_tutorial_to_dict_is_strict_json(tutorial):
    d = tutorial.to_dict()
    text = json.dumps(d, allow_nan=False)
    back = json.loads(text)
    assert back["jacobian"] == [[2.0, 2.0], [3.0, 16.0]]
    assert back["vjp"] == [5.0, 18.0]
    assert back["determinant"] == 26.0
    assert back["value"] == [5.0, 19.0]
    assert back["rows_by_backward"] == [[2.0, 2.0], [3.0, 16.0]]
    assert back["gradients"] == {"x1": 5.0, "x2": 18.0}
    assert back["symbolic_status"] == "disabled"


def test_to_dict_with_non_finite_values_is_strict_json():
    r = analyze("sqrt(x)", {"x": 0.0})
    text = json.dumps(r.to_dict(), allow_nan=False)
    assert json.loads(text)["jacobian"] == [["inf"]]


def test_variable_given_as_text_and_order_defines_columns():
    r = analyze(TUTORIAL, {"x2": "2", "x1": "1"})
    assert r.input_labels == ("x2", "x1")
    assert r.jacobian.tolist() == [[2.0, 2.0], [16.0, 3.0]]


# -- known Jacobians and determinants ----------------------------------------------------------


def _polar(r, t):
    return np.array([[math.cos(t), -r * math.sin(t)], [math.sin(t), r * math.cos(t)]]), r


def _spherical(r, th, ph):
    s, c, sp, cp = math.sin(th), math.cos(th), math.sin(ph), math.cos(ph)
    j = np.array(
        [
            [s * cp, r * c * cp, -r * s * sp],
            [s * sp, r * c * sp, r * s * cp],
            [c, -r * s, 0.0],
        ]
    )
    return j, r**2 * s


@pytest.mark.parametrize(
    ("exprs", "point", "known"),
    [
        (["r*cos(t)", "r*sin(t)"], {"r": 2.0, "t": 0.7}, _polar),
        (["r*cos(t)", "r*sin(t)"], {"r": 0.3, "t": -2.5}, _polar),
        (
            ["r*sin(th)*cos(ph)", "r*sin(th)*sin(ph)", "r*cos(th)"],
            {"r": 1.5, "th": 0.8, "ph": 2.1},
            _spherical,
        ),
        (
            "[r*sin(th)*cos(ph), r*sin(th)*sin(ph), r*cos(th)]",
            {"r": 3.0, "th": 2.0, "ph": -1.0},
            _spherical,
        ),
    ],
)
def test_coordinate_changes(exprs, point, known):
    r = analyze(exprs, point)
    j, det = known(*point.values())
    np.testing.assert_allclose(r.jacobian, j, rtol=1e-14, atol=1e-15)
    assert r.determinant == pytest.approx(det, rel=1e-13)
    assert r.check.fd_ok


@pytest.mark.parametrize("x", [[1.0, 2.0, 3.0], [0.1, -0.5, 0.2, 3.0]])
def test_softmax(x):
    r = analyze("softmax(x)", {"x": x})
    s = np.exp(x) / np.exp(x).sum()
    np.testing.assert_allclose(r.jacobian, np.diag(s) - np.outer(s, s), rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(r.jacobian.sum(axis=0), 0.0, atol=1e-15)  # softmax sums to 1
    assert abs(r.determinant) < 1e-15  # singular: J 1 = 0


@pytest.mark.parametrize(
    "A",
    [
        [[1.0, 2.0], [3.0, 4.0]],
        [[2.0, -1.0, 0.5], [0.0, 3.0, 1.0], [4.0, 1.0, -2.0]],
        np.random.default_rng(7).normal(size=(5, 5)).tolist(),
        [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]],  # not square: no determinant
    ],
)
def test_linear_map(A):
    A = np.array(A)
    x = np.arange(1.0, A.shape[1] + 1)
    r = analyze("A @ x", {"x": x}, constants={"A": A})
    assert np.array_equal(r.jacobian, A)
    assert r.input_labels == tuple(f"x[{i}]" for i in range(A.shape[1]))
    if A.shape[0] == A.shape[1]:
        assert r.determinant == pytest.approx(np.linalg.det(A), rel=1e-12)
    else:
        assert r.determinant is None


def test_small_integer_determinants_are_exact():
    A = [[2.0, -1.0, 0.5], [0.0, 3.0, 1.0], [4.0, 1.0, -2.0]]
    r = analyze("A @ x", {"x": [1.0, 1.0, 1.0]}, constants={"A": A})
    assert r.determinant == float(np.round(np.linalg.det(A)))  # -23, exactly


X0 = np.array([0.3, 0.7, 1.2, 2.5])


@pytest.mark.parametrize(
    ("f", "derivative"),
    [
        ("sin", np.cos),
        ("cos", lambda x: -np.sin(x)),
        ("exp", np.exp),
        ("tanh", lambda x: 1 - np.tanh(x) ** 2),
        ("sigmoid", lambda x: np.exp(-x) / (1 + np.exp(-x)) ** 2),
        ("softplus", lambda x: 1 / (1 + np.exp(-x))),
        ("log", lambda x: 1 / x),
        ("sqrt", lambda x: 0.5 / np.sqrt(x)),
        ("atan", lambda x: 1 / (1 + x**2)),
        ("sinh", np.cosh),
        ("cosh", np.sinh),
    ],
)
def test_elementwise_functions_have_diagonal_jacobians(f, derivative):
    r = analyze(f"{f}(x)", {"x": X0})
    np.testing.assert_allclose(np.diag(r.jacobian), derivative(X0), rtol=1e-13)
    assert np.count_nonzero(r.jacobian - np.diag(np.diag(r.jacobian))) == 0
    assert r.determinant == pytest.approx(np.prod(derivative(X0)), rel=1e-12)


def test_abs_away_from_zero():
    x = np.array([-1.5, 0.5, 2.0, -0.1])
    r = analyze("abs(x)", {"x": x})
    assert np.array_equal(r.jacobian, np.diag(np.sign(x)))


def test_atan2():
    y, x = np.array([1.0, -2.0, 0.5]), np.array([2.0, 1.0, -3.0])
    r = analyze("atan2(y, x)", {"y": y, "x": x})
    d = x**2 + y**2
    np.testing.assert_allclose(r.jacobian[:, :3], np.diag(x / d), rtol=1e-14)
    np.testing.assert_allclose(r.jacobian[:, 3:], np.diag(-y / d), rtol=1e-14)
    np.testing.assert_allclose(r.value, np.arctan2(y, x), rtol=1e-15)


@pytest.mark.parametrize("f", ["min", "max"])
def test_elementwise_min_max(f):
    a, b = np.array([1.0, 5.0, -2.0]), np.array([3.0, 2.0, -1.0])
    r = analyze(f"{f}(a, b)", {"a": a, "b": b})
    pick_a = (a < b) if f == "min" else (a > b)
    assert np.array_equal(r.jacobian[:, :3], np.diag(pick_a.astype(float)))
    assert np.array_equal(r.jacobian[:, 3:], np.diag((~pick_a).astype(float)))


@pytest.mark.parametrize(("f", "k"), [("min", 2), ("max", 1)])
def test_reducing_min_max(f, k):
    r = analyze(f"{f}(x)", {"x": [3.0, 5.0, 1.0]})
    expected = np.zeros((1, 3))
    expected[0, k] = 1.0
    assert np.array_equal(r.jacobian, expected)


def test_vector_valued_single_expression():
    r = analyze("[x1*x2, x1 + x2, sin(x1)]", {"x1": 0.5, "x2": 3.0})
    expected = [[3.0, 0.5], [1.0, 1.0], [math.cos(0.5), 0.0]]
    np.testing.assert_allclose(r.jacobian, expected, rtol=1e-15)
    assert r.output_labels == ("f1", "f2", "f3")
    assert r.output_shape == (3,)
    assert r.determinant is None


@pytest.mark.parametrize("vec", ["row", "col"])
def test_matrix_valued_output(vec):
    X = np.array([[1.0, 2.0], [3.0, 4.0]])
    r = analyze("X @ X", {"X": X}, vec=vec)
    eye = np.eye(2)
    if vec == "row":
        expected = np.kron(X, eye) + np.kron(eye, X.T)
        labels = ("F[0,0]", "F[0,1]", "F[1,0]", "F[1,1]")
        in_labels = ("X[0,0]", "X[0,1]", "X[1,0]", "X[1,1]")
        value = (X @ X).reshape(-1)
    else:
        expected = np.kron(eye, X) + np.kron(X.T, eye)
        labels = ("F[0,0]", "F[1,0]", "F[0,1]", "F[1,1]")
        in_labels = ("X[0,0]", "X[1,0]", "X[0,1]", "X[1,1]")
        value = (X @ X).reshape(-1, order="F")
    assert np.array_equal(r.jacobian, expected)
    assert r.output_labels == labels
    assert r.input_labels == in_labels
    assert r.value.tolist() == (X @ X).tolist()  # the value keeps its shape
    # J u with u = vec(dX) is vec(d(X X)) in the same layout
    dX = np.array([[0.5, -1.0], [2.0, 0.25]])
    order = "C" if vec == "row" else "F"
    r2 = analyze("X @ X", {"X": X}, vec=vec, jvp=dX.reshape(-1, order=order))
    dF = dX @ X + X @ dX
    np.testing.assert_allclose(r2.jvp, dF.reshape(-1, order=order), rtol=1e-15)
    assert np.array_equal(select(r, "value").data.ravel(), value)


@pytest.mark.parametrize("vec", ["row", "col"])
def test_hessian_and_backward_follow_the_vec_order(vec):
    X = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    order = "C" if vec == "row" else "F"
    r = analyze("sum(X*X*X) + X[0,1]*X[1,2]", {"X": X}, hessian=True, vec=vec)
    expected = np.diag(6 * X.reshape(-1, order=order))
    i, j = r.input_labels.index("X[0,1]"), r.input_labels.index("X[1,2]")
    expected[i, j] = expected[j, i] = 1.0
    assert np.array_equal(r.hessian, expected)

    V = np.arange(6.0).reshape(2, 3)  # v shaped like the output
    r = analyze("X*X", {"X": X}, vec=vec, vjp=V)
    assert np.array_equal(r.gradients["X"], 2 * X * V)  # gradients keep the variable's shape
    assert np.array_equal(r.v, V.reshape(-1, order=order))
    assert np.array_equal(r.vjp, (2 * X * V).reshape(-1, order=order))
    assert np.array_equal(r.vjp, r.v @ r.jacobian)


def test_jacobian_blocks_keep_torch_layout():
    X = np.array([[1.0, 2.0], [3.0, 4.0]])
    r = analyze("X @ X", {"X": X}, vec="col")
    block = r.jacobian_blocks["X"]
    assert block.shape == (2, 2, 2, 2)
    row = analyze("X @ X", {"X": X}, vec="row")
    assert np.array_equal(block.reshape(4, 4), row.jacobian)


def test_scalar_output_has_one_row():
    r = analyze("x1*x2 + x3**2", {"x1": 2.0, "x2": 3.0, "x3": -1.0})
    assert r.jacobian.shape == (1, 3)
    assert r.jacobian.tolist() == [[3.0, 2.0, -2.0]]
    assert r.output_labels == ("f",)
    assert r.value.shape == ()
    assert r.determinant is None
    assert r.vjp.tolist() == [3.0, 2.0, -2.0]


def test_scalar_of_scalar():
    r = analyze("x**3", {"x": 2.0})
    assert r.jacobian.tolist() == [[12.0]]
    assert r.determinant == 12.0
    assert r.jacobian_blocks["x"].shape == ()


def test_output_that_ignores_the_inputs():
    r = analyze("[1, 2]", {"x": 1.0}, hessian=True)
    assert r.jacobian.tolist() == [[0.0], [0.0]]
    assert r.check.fd_ok is True
    r = analyze("3", {"x": [1.0, 2.0]})
    assert r.jacobian.tolist() == [[0.0, 0.0]]


# -- matrix calculus through gradients -------------------------------------------------------


def _well_conditioned(rng, n, m=None):
    m = n if m is None else m
    while True:
        a = rng.normal(size=(n, m))
        if n != m or np.linalg.cond(a) < 20:
            return a


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_gradient_of_trace_AX_is_A_transpose(seed):
    rng = np.random.default_rng(seed)
    A, X = rng.normal(size=(3, 3)), rng.normal(size=(3, 3))
    r = analyze("trace(A @ X)", {"X": X}, constants={"A": A})
    np.testing.assert_allclose(r.gradients["X"], A.T, rtol=1e-14)
    assert r.gradients["X"].shape == (3, 3)
    assert "A" not in r.gradients
    assert r.value == pytest.approx(np.trace(A @ X), rel=1e-13)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_gradient_of_quadratic_form(seed):
    rng = np.random.default_rng(seed)
    A, x = rng.normal(size=(4, 4)), rng.normal(size=4)
    r = analyze("x.T @ A @ x", {"x": x}, constants={"A": A})
    np.testing.assert_allclose(r.gradients["x"], (A + A.T) @ x, rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("n", [2, 3, 4])
def test_gradient_of_det_is_cofactor_matrix(seed, n):
    rng = np.random.default_rng(seed)
    X = _well_conditioned(rng, n)
    r = analyze("det(X)", {"X": X})
    expected = np.linalg.det(X) * np.linalg.inv(X).T
    np.testing.assert_allclose(r.gradients["X"], expected, rtol=1e-11, atol=1e-13)
    assert r.value == pytest.approx(np.linalg.det(X), rel=1e-12)


def test_gradient_of_det_at_a_singular_matrix():
    # d det(X)/dX is the cofactor matrix, which is not zero at a singular X of rank n-1.
    X = np.array([[2.0, 1.0], [0.0, 0.0]])
    r = analyze("det(X)", {"X": X})
    assert r.gradients["X"].tolist() == [[0.0, 0.0], [-1.0, 2.0]]
    assert r.check.fd_ok is True


@pytest.mark.parametrize("seed", [0, 1])
def test_gradient_of_bilinear_form(seed):
    rng = np.random.default_rng(seed)
    a, b, X = rng.normal(size=3), rng.normal(size=2), rng.normal(size=(3, 2))
    r = analyze("a.T @ X @ b", {"X": X}, constants={"a": a, "b": b})
    np.testing.assert_allclose(r.gradients["X"], np.outer(a, b), rtol=1e-14)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_gradient_of_logdet(seed):
    rng = np.random.default_rng(seed)
    X = _well_conditioned(rng, 3)
    if np.linalg.det(X) < 0:
        X[0] = -X[0]
    r = analyze("logdet(X)", {"X": X})
    np.testing.assert_allclose(r.gradients["X"], np.linalg.inv(X).T, rtol=1e-11, atol=1e-13)
    assert r.value == pytest.approx(np.log(np.linalg.det(X)), rel=1e-12)


@pytest.mark.parametrize("seed", [0, 1])
def test_vec_of_AXB_is_a_kronecker_product(seed):
    rng = np.random.default_rng(seed)
    A, X, B = rng.normal(size=(2, 3)), rng.normal(size=(3, 4)), rng.normal(size=(4, 5))
    col = analyze("A @ X @ B", {"X": X}, constants={"A": A, "B": B}, vec="col")
    np.testing.assert_allclose(col.jacobian, np.kron(B.T, A), rtol=1e-13, atol=1e-15)
    row = analyze("A @ X @ B", {"X": X}, constants={"A": A, "B": B}, vec="row")
    np.testing.assert_allclose(row.jacobian, np.kron(A, B.T), rtol=1e-13, atol=1e-15)
    assert col.jacobian.shape == (10, 12)
    assert col.output_labels[:3] == ("F[0,0]", "F[1,0]", "F[0,1]")
    assert row.output_labels[:3] == ("F[0,0]", "F[0,1]", "F[0,2]")


def test_gradient_of_matrix_variable_with_vjp_shaped_like_output():
    X = np.array([[1.0, 2.0], [3.0, 4.0]])
    V = np.array([[1.0, 0.0], [0.0, 0.0]])
    r = analyze("X @ X", {"X": X}, vjp=V)
    # <V, d(XX)> = <V, dX X + X dX>  →  grad = V X^T + X^T V
    np.testing.assert_allclose(r.gradients["X"], V @ X.T + X.T @ V)


def test_inverse_is_refused_at_a_singular_matrix():
    with pytest.raises(JacdeskError) as info:
        analyze("inv(X)", {"X": [[2.0, 1.0], [0.0, 0.0]]})
    assert "singular" in info.value.message


# -- strategy --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("exprs", "point", "mode"),
    [
        (TUTORIAL, POINT, "reverse"),  # m = n
        ("x1*x2*x3", {"x1": 1.0, "x2": 2.0, "x3": 3.0}, "reverse"),  # m < n
        (["x", "x**2", "x**3"], {"x": 2.0}, "forward"),  # m > n
        ("outer(x, x)", {"x": [1.0, 2.0]}, "forward"),  # 4 outputs, 2 inputs
        ("sum(x**2)", {"x": np.ones(100)}, "reverse"),  # m < n, beyond the teaching limit
        ("x * y", {"x": np.ones(70), "y": 2.0}, "reverse"),  # 70 outputs, 71 inputs
        ("[x, x] * y", {"x": np.ones(70), "y": 2.0}, "forward"),  # 140 outputs, 71 inputs
    ],
)
def test_strategy(exprs, point, mode):
    r = analyze(exprs, point)
    m, n = r.jacobian.shape
    assert mode == ("reverse" if m <= n else "forward")
    assert r.strategy.startswith(mode), r.strategy


@pytest.mark.parametrize("size", [3, 80])
def test_square_problems(size):
    x = np.linspace(0.0, 1.0, size)
    r = analyze("sin(x)", {"x": x})
    np.testing.assert_allclose(r.jacobian, np.diag(np.cos(x)), rtol=1e-15)
    if size <= TEACHING_LIMIT:
        assert r.strategy.startswith("reverse"), r.strategy
    else:  # torch.func: a tie may go either way (jacfwd measured faster on square problems)
        assert r.strategy.startswith(("reverse", "forward")), r.strategy


# -- non-finite ------------------------------------------------------------------------------


def test_sqrt_at_zero_is_not_silently_zero():
    r = analyze("sqrt(x)", {"x": 0.0})
    assert r.jacobian.tolist() == [[math.inf]]
    assert any("not differentiable" in w for w in r.warnings), r.warnings


def test_division_by_zero_warns():
    r = analyze("1/x", {"x": 0.0})
    assert not np.isfinite(r.value)
    assert any("not a finite number" in w for w in r.warnings)
    assert any("not differentiable" in w for w in r.warnings)


def test_kink_is_reported_by_finite_differences():
    r = analyze("relu(x)", {"x": 0.0})
    assert r.check.fd_ok is False
    assert any("finite differences disagree" in w for w in r.warnings)


# -- constants -------------------------------------------------------------------------------


def test_constants_are_not_differentiated():
    r = analyze("c*x**2 + c", {"x": 2.0}, constants={"c": 3.0})
    assert r.jacobian.tolist() == [[12.0]]
    assert r.input_labels == ("x",)
    assert set(r.gradients) == {"x"}
    assert r.value == 15.0


def test_constant_matrix_text():
    r = analyze("A @ x", {"x": [1.0, 1.0]}, constants={"A": "[[1, 2], [3, 4]]"})
    assert r.jacobian.tolist() == [[1.0, 2.0], [3.0, 4.0]]
    assert r.determinant == -2.0
    assert r.det_sign == -1.0


# -- Hessians --------------------------------------------------------------------------------


def test_hessian_of_scalar():
    r = analyze("x1**2*x2", {"x1": 1.0, "x2": 2.0}, hessian=True)
    assert r.hessian.tolist() == [[4.0, 2.0], [2.0, 0.0]]  # [[2 x2, 2 x1], [2 x1, 0]]


def test_hessian_of_rosenbrock():
    x, y = 0.5, -1.0
    r = analyze("(1 - x)**2 + 100*(y - x**2)**2", {"x": x, "y": y}, hessian=True)
    expected = [[2 - 400 * (y - x**2) + 800 * x**2, -400 * x], [-400 * x, 200.0]]
    np.testing.assert_allclose(r.hessian, expected, rtol=1e-14)


def test_hessian_of_vector_output_has_one_matrix_per_component():
    r = analyze(
        ["x1**2*x2", "sin(x1)", "x1*x2*x3"], {"x1": 1.0, "x2": 2.0, "x3": 3.0}, hessian=True
    )
    assert r.hessian.shape == (3, 3, 3)
    assert r.hessian[0].tolist() == [[4.0, 2.0, 0.0], [2.0, 0.0, 0.0], [0.0, 0.0, 0.0]]
    np.testing.assert_allclose(r.hessian[1], [[-math.sin(1.0), 0, 0], [0, 0, 0], [0, 0, 0]])
    assert r.hessian[2].tolist() == [[0.0, 3.0, 2.0], [3.0, 0.0, 1.0], [2.0, 1.0, 0.0]]


def test_hessian_of_quadratic_form_with_matrix_variable_layout():
    A = np.array([[1.0, 2.0], [3.0, 4.0]])
    r = analyze("x.T @ A @ x", {"x": [1.0, -1.0]}, constants={"A": A}, hessian=True)
    np.testing.assert_allclose(r.hessian, A + A.T)


def test_no_hessian_unless_asked(tutorial):
    assert tutorial.hessian is None


# -- the teaching limit ----------------------------------------------------------------------


def test_many_outputs_skip_rows_by_backward():
    exprs = [f"x**{i % 3 + 1}" for i in range(TEACHING_LIMIT + 1)]
    r = analyze(exprs, {"x": 1.5})
    assert r.rows_by_backward is None
    assert r.backward_passes == 0
    assert any("row-by-row" in w and "rows=True" in w for w in r.warnings), r.warnings
    assert r.jacobian.shape == (65, 1)
    assert json.dumps(r.to_dict(), allow_nan=False)


def test_rows_true_forces_rows_by_backward():
    exprs = [f"x**{i % 3 + 1}" for i in range(TEACHING_LIMIT + 1)]
    r = analyze(exprs, {"x": 1.5}, rows=True)
    assert r.rows_by_backward is not None
    assert r.rows_by_backward.shape == (65, 1)
    assert np.array_equal(r.rows_by_backward, r.jacobian)
    assert r.backward_passes == 65
    assert not any("row-by-row" in w for w in r.warnings)


def test_rows_false_skips_even_small():
    r = analyze(TUTORIAL, POINT, rows=False)
    assert r.rows_by_backward is None
    assert not any("row-by-row" in w for w in r.warnings)


# -- errors ----------------------------------------------------------------------------------


@pytest.mark.parametrize("v", [[1, 2, 3], [1], [[1, 2], [3, 4]]])
def test_vjp_of_wrong_length(v):
    with pytest.raises(JacdeskError) as info:
        analyze(TUTORIAL, POINT, vjp=v)
    msg = info.value.message
    assert "2" in msg
    assert str(np.size(v)) in msg or "2×2" in msg
    assert "\n" not in str(info.value)


def test_jvp_of_wrong_length():
    with pytest.raises(JacdeskError) as info:
        analyze(TUTORIAL, POINT, jvp=[1, 2, 3])
    assert "2" in info.value.message and "3" in info.value.message


def test_bad_vec():
    with pytest.raises(JacdeskError):
        analyze(TUTORIAL, POINT, vec="diagonal")


def test_no_variables():
    with pytest.raises(JacdeskError):
        analyze("1 + 2", {})
    with pytest.raises(JacdeskError) as info:
        analyze("x + 1", {})
    assert "'x'" in info.value.message


@pytest.mark.parametrize("exprs", [[], (), [["x"]], [1.0], ["x", None]])
def test_no_expressions_or_not_text(exprs):
    with pytest.raises(JacdeskError):
        analyze(exprs, {"x": 1.0})


# -- immutability ----------------------------------------------------------------------------


def test_results_are_immutable(tutorial):
    for arr in (
        tutorial.jacobian,
        tutorial.value,
        tutorial.vjp,
        tutorial.jvp,
        tutorial.v,
        tutorial.u,
        tutorial.rows_by_backward,
        *tutorial.gradients.values(),
        *tutorial.point.values(),
        *tutorial.jacobian_blocks.values(),
    ):
        assert not arr.flags.writeable
        with pytest.raises(ValueError):
            arr[...] = 0
    with pytest.raises(dataclasses.FrozenInstanceError):
        tutorial.jacobian = np.zeros((2, 2))
    with pytest.raises(dataclasses.FrozenInstanceError):
        tutorial.determinant = 0.0
    with pytest.raises(dataclasses.FrozenInstanceError):
        tutorial.check.fd_ok = False
    assert tutorial.jacobian.tolist() == [[2.0, 2.0], [3.0, 16.0]]


def test_hessian_is_immutable():
    r = analyze("x1**2*x2", {"x1": 1.0, "x2": 2.0}, hessian=True)
    assert not r.hessian.flags.writeable


def test_results_do_not_share_the_callers_arrays():
    x = np.array([1.0, 2.0])
    r = analyze("x * 2", {"x": x})
    x[0] = 100.0
    assert r.point["x"].tolist() == [1.0, 2.0]
    assert r.value.tolist() == [2.0, 4.0]


def test_generation_is_carried():
    assert analyze(TUTORIAL, POINT, generation=7).generation == 7


def test_constant_exponent_has_no_nan_in_forward_mode():
    # (x - 3) < 0: the general pow rule's exponent term log(x - 3)·0 would be nan·0 = nan.
    r = jacdesk.analyze(
        ["x", "(x - 3)**2**2", "(x - 3)**c"], {"x": 1.2}, {"c": 3.0}, symbolic=False
    )
    assert r.strategy.startswith("forward")
    np.testing.assert_allclose(r.jvp, [1.0, 4 * (-1.8) ** 3, 3 * (-1.8) ** 2])
    np.testing.assert_allclose(r.jacobian[:, 0], r.jvp)
