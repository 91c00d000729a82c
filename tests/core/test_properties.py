"""Random smooth expressions: autograd, finite differences, backward rows, v^T J, J u agree.

When the symbolic path is available, the symbolic Jacobian agrees with autograd as well.
"""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import jacdesk

VARIABLES = ("x1", "x2", "x3")
SMOOTH = ("sin", "cos", "tanh", "exp", "sigmoid", "softplus", "atan")

LEAF = st.one_of(
    st.sampled_from(VARIABLES),
    st.sampled_from(["0.5", "2", "3", "1.5", ".25", "pi"]),
)


def _extend(children):
    return st.one_of(
        st.tuples(children, st.sampled_from(["+", "-", "*"]), children).map(
            lambda t: f"({t[0]} {t[1]} {t[2]})"
        ),
        # Division only by something bounded away from zero.
        st.tuples(children, children).map(lambda t: f"({t[0]}) / (1 + ({t[1]})**2)"),
        st.tuples(children, children).map(lambda t: f"({t[0]}) / exp({t[1]})"),
        st.tuples(children, st.sampled_from(["**2", "**3", "^2"])).map(lambda t: f"({t[0]}){t[1]}"),
        st.tuples(st.sampled_from(SMOOTH), children).map(lambda t: f"{t[0]}({t[1]})"),
        st.tuples(children, children).map(lambda t: f"atan2({t[0]}, 1 + ({t[1]})**2)"),
        children.map(lambda c: f"-{c}"),
        children.map(lambda c: f"2({c})"),  # implicit product
    )


EXPRESSION = st.recursive(LEAF, _extend, max_leaves=8)
POINT = st.lists(
    st.floats(min_value=-1.5, max_value=1.5, allow_nan=False, allow_infinity=False),
    min_size=3,
    max_size=3,
)
VECTOR = st.lists(
    st.floats(min_value=-2.0, max_value=2.0, allow_nan=False, allow_infinity=False),
    min_size=4,
    max_size=4,
)


@st.composite
def outputs(draw, max_components=4):
    """One expression, several stacked ones, or one [a, b, ...] vector literal."""
    parts = draw(st.lists(EXPRESSION, min_size=1, max_size=max_components))
    if len(parts) == 1:
        return parts[0]
    if draw(st.booleans()):
        return parts
    return "[" + ", ".join(parts) + "]"


def _analyze(exprs, point, **kwargs):
    kwargs.setdefault("symbolic", False)
    return jacdesk.analyze(exprs, dict(zip(VARIABLES, point, strict=True)), **kwargs)


def _central_differences(exprs, point):
    x = np.array(point, dtype=np.float64)
    h = 1e-5 * np.maximum(1.0, np.abs(x))
    cols = []
    for k in range(3):
        step = np.zeros(3)
        step[k] = h[k]
        plus = _analyze(exprs, x + step, rows=False, fd_check=False).value.reshape(-1)
        minus = _analyze(exprs, x - step, rows=False, fd_check=False).value.reshape(-1)
        cols.append((plus - minus) / (2 * h[k]))
    return np.stack(cols, axis=1)


def _well_behaved(r) -> bool:
    return bool(
        np.all(np.isfinite(r.value))
        and np.all(np.isfinite(r.jacobian))
        and np.abs(r.value).max() < 1e4
        and np.abs(r.jacobian).max() < 1e4
    )


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(outputs(), POINT, VECTOR, VECTOR)
def test_autograd_agrees_with_everything_else(exprs, point, v_raw, u_raw):
    r = _analyze(exprs, point)
    assume(_well_behaved(r))
    j = r.jacobian
    m, n = j.shape
    assert n == 3
    assert m == (len(exprs) if isinstance(exprs, list) else r.value.size)
    scale = 1.0 + np.abs(j).max()

    # Autograd against central differences: ours and the engine's own check.
    j_fd = _central_differences(exprs, point)
    np.testing.assert_allclose(j, j_fd, rtol=1e-5, atol=1e-5 * scale)
    assert r.check.fd_ok is True, (exprs, point, r.check)

    # Rows by back-propagating each component alone rebuild J.
    assert r.rows_by_backward is not None
    np.testing.assert_allclose(r.rows_by_backward, j, rtol=1e-12, atol=1e-14 * scale)

    # y.backward(v) is v^T J; one forward-mode pass gives J u.
    v = np.array(v_raw[:m] + [0.5] * max(0, m - 4))
    u = np.array(u_raw[:3])
    r2 = _analyze(exprs, point, vjp=v, jvp=u, rows=False, fd_check=False)
    np.testing.assert_allclose(
        r2.vjp, v @ j, rtol=1e-12, atol=1e-13 * scale * (1 + np.abs(v).sum())
    )
    np.testing.assert_allclose(
        r2.jvp, j @ u, rtol=1e-12, atol=1e-13 * scale * (1 + np.abs(u).sum())
    )
    np.testing.assert_allclose(r2.jacobian, j, rtol=0, atol=0)

    if m == n:
        assert r.determinant == pytest.approx(np.linalg.det(j), rel=1e-9, abs=1e-9 * scale**3)


def _symbolic_available() -> bool:
    for name in ("jacdesk.core.symbolic.entrywise", "jacdesk.core.symbolic.process"):
        if importlib.util.find_spec(name) is None:
            return False
    try:
        r = jacdesk.analyze("x**2", {"x": 3.0}, symbolic=True, symbolic_timeout=30)
    except Exception:  # any failure here means "not usable yet"
        return False
    at = getattr(r.symbolic, "jacobian_at_point", None)
    return at is not None and np.asarray(at).tolist() == [[6.0]]


@pytest.fixture(scope="module")
def symbolic_ready():
    if not _symbolic_available():
        pytest.skip("the symbolic path is not available")


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.function_scoped_fixture,
    ],
)
@given(outputs(max_components=2), POINT)
def test_symbolic_jacobian_agrees_with_autograd(symbolic_ready, exprs, point):
    # At most two components of three variables: J is never square, so no determinant to
    # simplify and every example stays quick.
    r = _analyze(exprs, point, symbolic=True, symbolic_timeout=10)
    assume(_well_behaved(r))
    sym = r.symbolic
    assert sym is not None
    assert sym.status in ("ok", "partial", "timeout"), (exprs, sym.status, sym.notice)
    if sym.jacobian_at_point is None:
        return  # timed out: reported as a notice, nothing to compare
    assert np.asarray(sym.jacobian_at_point).shape == r.jacobian.shape
    assert len(sym.jacobian_text) == r.jacobian.shape[0]
    assert all(len(row) == 3 for row in sym.jacobian_text)
    assert r.check.symbolic_ok is True, (exprs, point, r.check, sym.jacobian_text)
    np.testing.assert_allclose(
        sym.jacobian_at_point, r.jacobian, rtol=1e-9, atol=1e-9 * (1 + np.abs(r.jacobian).max())
    )
