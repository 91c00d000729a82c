"""Closed-form matrix gradients: the Matrix Cookbook's identities, checked against autograd."""

from __future__ import annotations

import dataclasses
import time

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import jacdesk
from jacdesk.core.engine import with_symbolic
from jacdesk.core.language.program import build_program
from jacdesk.core.results.closed_form import ClosedForm, closed_forms_json, verify, verify_all
from jacdesk.core.results.symbolic import SymbolicResult
from jacdesk.core.symbolic.closed_form.derive import _derive, derive_closed_forms

N = 4
rng = np.random.default_rng(2024)


def well_conditioned(n: int, gen: np.random.Generator) -> np.ndarray:
    """Non-symmetric (so X⁻¹ and X⁻ᵀ differ) and diagonally dominant (so det X > 0)."""
    return 0.3 * gen.standard_normal((n, n)) + n * np.eye(n)


X0 = well_conditioned(N, rng)
A0 = rng.standard_normal((N, N))
a0, b0, x0, t0 = (rng.standard_normal(N) for _ in range(4))


def inv_t(x: np.ndarray) -> np.ndarray:
    return np.linalg.inv(x).T


# (f, variables, constants, variable, expected text, ∂f/∂variable by the Cookbook)
IDENTITIES = [
    ("trace(A @ X)", {"X": X0}, {"A": A0}, "X", "A.T", lambda: A0.T),
    ("trace(X.T @ A @ X)", {"X": X0}, {"A": A0}, "X", "A @ X + A.T @ X", lambda: (A0 + A0.T) @ X0),
    ("det(X)", {"X": X0}, {}, "X", "det(X) * inv(X).T", lambda: np.linalg.det(X0) * inv_t(X0)),
    ("logdet(X)", {"X": X0}, {}, "X", "inv(X).T", lambda: inv_t(X0)),
    (
        "inv(X)[0,1]",
        {"X": X0},
        {},
        "X",
        "-outer(inv(X)[0], inv(X)[:, 1])",
        lambda: -np.outer(np.linalg.inv(X0)[0], np.linalg.inv(X0)[:, 1]),
    ),
    ("a.T @ X @ b", {"X": X0}, {"a": a0, "b": b0}, "X", "outer(a, b)", lambda: np.outer(a0, b0)),
    ("norm(X)**2", {"X": X0}, {}, "X", "2 * X", lambda: 2 * X0),
    ("norm(X)", {"X": X0}, {}, "X", "X / norm(X)", lambda: X0 / np.linalg.norm(X0)),
    ("x.T @ A @ x", {"x": x0}, {"A": A0}, "x", "A @ x + A.T @ x", lambda: (A0 + A0.T) @ x0),
    ("trace(inv(X))", {"X": X0}, {}, "X", "-inv(X).T @ inv(X).T", lambda: -inv_t(X0) @ inv_t(X0)),
    (
        "logsumexp(z) - dot(t, z)",
        {"z": x0},
        {"t": t0},
        "z",
        "softmax(z) - t",
        lambda: np.exp(x0) / np.exp(x0).sum() - t0,
    ),
    (
        "-dot(t, log(softmax(z)))",
        {"z": x0},
        {"t": t0},
        "z",
        "sum(t) * softmax(z) - t",
        lambda: t0.sum() * np.exp(x0) / np.exp(x0).sum() - t0,
    ),
]
IDS = [case[0] for case in IDENTITIES]


def forms_for(expr, variables, constants):
    program = build_program(
        expr,
        {k: np.shape(v) for k, v in variables.items()},
        {k: np.shape(v) for k, v in constants.items()},
    )
    return derive_closed_forms(program, constants, variables)


def autograd(expr, variables, constants):
    return jacdesk.analyze(expr, variables, constants, symbolic=False)


@pytest.mark.parametrize(
    ("expr", "variables", "constants", "var", "text", "identity"), IDENTITIES, ids=IDS
)
def test_cookbook_identity(expr, variables, constants, var, text, identity) -> None:
    numeric = autograd(expr, variables, constants)
    forms = verify_all(
        forms_for(expr, variables, constants), numeric.jacobian_blocks, numeric.output_shape
    )
    form = forms[var]
    assert form.text == text
    assert form.status == "verified", form.reason
    assert form.value.shape == np.shape(variables[var]) and not form.value.flags.writeable
    np.testing.assert_allclose(form.value, identity(), rtol=1e-10, atol=1e-12)
    assert form.latex
    # The text is in the expression language: pasted back, it computes the same matrix.
    pasted = autograd(text, variables, constants).value
    np.testing.assert_allclose(pasted, form.value, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize(("expr", "variables", "constants"), [c[:3] for c in IDENTITIES], ids=IDS)
def test_derivation_is_fast(expr, variables, constants) -> None:
    _derive.cache_clear()
    start = time.perf_counter()
    forms_for(expr, variables, constants)
    assert time.perf_counter() - start < 0.5


def test_more_rules_verify() -> None:
    x, w = rng.standard_normal(3), rng.standard_normal((3, 3))
    cases = [
        (
            "sum(tanh(W @ x + b))",
            {"W": w},
            {"x": x, "b": a0[:3]},
            "outer(1 - tanh(W @ x + b) ** 2, x)",
        ),
        ("sum(x**2)", {"x": x}, {}, "2 * x"),
        ("mean(W * W) + sum(sin(W))", {"W": w}, {}, "2 * W / 9 + cos(W)"),
        ("trace(W)", {"W": w}, {}, "diag(W[:, 0] ** 0)"),  # I, spelled with the language's words
        ("x @ x", {"x": x}, {}, "2 * x"),
    ]
    for expr, variables, constants, text in cases:
        numeric = autograd(expr, variables, constants)
        forms = verify_all(forms_for(expr, variables, constants), numeric.jacobian_blocks, ())
        (form,) = forms.values()
        assert (form.status, form.text) == ("verified", text), expr
        pasted = autograd(text, variables, constants).value
        np.testing.assert_allclose(pasted, form.value, rtol=1e-12, atol=1e-12)


def test_scalar_and_matrix_variables_together() -> None:
    variables = {"X": X0, "s": np.array(0.7)}
    numeric = autograd("s * trace(X) + s**2", variables, {})
    forms = verify_all(forms_for("s * trace(X) + s**2", variables, {}), numeric.jacobian_blocks, ())
    assert forms["s"].text == "2 * s + trace(X)" and forms["s"].status == "verified"
    assert forms["X"].status == "verified"


def test_wrong_form_disagrees_and_is_never_shown() -> None:
    g = (A0 + A0.T) @ X0
    wrong = ClosedForm("X", "unchecked", text="A @ X", value=A0 @ X0)
    checked = verify(wrong, g)
    assert checked.status == "disagrees"
    assert checked.max_abs_err == pytest.approx(np.max(np.abs(A0.T @ X0)))
    assert checked.reason and "\n" not in checked.reason
    assert closed_forms_json({"X": checked}, ["X", "A"]) == {"X": None, "A": None}
    # Autograd without a finite value cannot confirm anything.
    assert verify(wrong, np.full((N, N), np.nan)).status == "unchecked"
    # Through the engine: a warning, and no text in the JSON.
    result = autograd("trace(X.T @ A @ X)", {"X": X0}, {"A": A0})
    sym = SymbolicResult("ok", closed_forms={"X": wrong})
    out = with_symbolic(result, sym)
    assert out.symbolic.closed_forms["X"].status == "disagrees"
    assert any("disagrees" in w and "∂f/∂X" in w for w in out.warnings)
    assert out.to_dict()["closed_forms"] == {"X": None}
    assert sym.closed_forms["X"].status == "unchecked"  # the original is left alone


def test_non_scalar_f_has_no_closed_form() -> None:
    w, x = rng.standard_normal((3, 2)), rng.standard_normal(2)
    forms = forms_for("tanh(W @ x + b)", {"W": w}, {"x": x, "b": a0[:3]})
    assert forms["W"].status == "unavailable" and forms["W"].text is None
    assert "scalar" in forms["W"].reason and "\n" not in forms["W"].reason
    assert closed_forms_json(forms, ["W"]) == {"W": None}


@pytest.mark.parametrize(
    ("expr", "variables", "words"),
    [
        ("sum(softmax(X) * X)", {"X": X0}, "softmax of a matrix"),
        ("sum([x[0], x[1]])", {"x": x0}, "list"),
        ("max(x)", {"x": x0}, "max"),
    ],
)
def test_unsupported_says_why(expr, variables, words) -> None:
    (form,) = forms_for(expr, variables, {}).values()
    assert form.status == "unavailable" and words in form.reason and "\n" not in form.reason


def test_unit_vector_gradient_has_no_text_but_is_not_shown_as_text() -> None:
    (form,) = forms_for("X[0,1]", {"X": X0}, {}).values()
    assert form.status == "unavailable" and form.text is None
    assert "expression language" in form.reason
    expected = np.zeros((N, N))
    expected[0, 1] = 1.0
    np.testing.assert_array_equal(form.value, expected)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(n=st.integers(1, 5), seed=st.integers(0, 2**32 - 1))
def test_property_quadratic_form_and_logdet(n, seed) -> None:
    gen = np.random.default_rng(seed)
    x, a = well_conditioned(n, gen), gen.standard_normal((n, n))
    for expr, identity in [
        ("trace(X.T @ A @ X)", (a + a.T) @ x),
        ("logdet(X) + trace(A @ X)", inv_t(x) + a.T),
    ]:
        numeric = autograd(expr, {"X": x}, {"A": a})
        forms = verify_all(forms_for(expr, {"X": x}, {"A": a}), numeric.jacobian_blocks, ())
        assert forms["X"].status == "verified", (expr, forms["X"])
        np.testing.assert_allclose(forms["X"].value, identity, rtol=1e-9, atol=1e-12)


def test_to_dict_and_child_process() -> None:
    r = jacdesk.analyze("a @ X @ b + s * trace(X)", {"X": X0, "s": 2.0}, {"a": a0, "b": b0})
    forms = r.symbolic.closed_forms
    assert forms["X"].status == "verified" and forms["s"].status == "verified"
    assert r.to_dict()["closed_forms"] == {"X": "s * diag(a ** 0) + outer(a, b)", "s": "trace(X)"}
    assert r.symbolic.to_dict()["closed_forms"]["X"]["status"] == "verified"
    vector_f = jacdesk.analyze("X @ b", {"X": X0}, {"b": b0})
    assert vector_f.to_dict()["closed_forms"] == {"X": None}


def test_256_matrix_gets_a_closed_form_without_the_entrywise_jacobian() -> None:
    jacdesk.analyze("trace(X)", {"X": np.eye(2)})  # the sympy child is warm from here on
    n = 256
    gen = np.random.default_rng(5)
    x, a = well_conditioned(n, gen), gen.standard_normal((n, n))
    start = time.perf_counter()
    r = jacdesk.analyze("trace(X.T @ A @ X)", {"X": x}, {"A": a})
    elapsed = time.perf_counter() - start
    assert r.symbolic.status == "too_large" and r.symbolic.jacobian_text is None
    form = r.symbolic.closed_forms["X"]
    assert (form.status, form.text) == ("verified", "A @ X + A.T @ X")
    np.testing.assert_allclose(form.value, (a + a.T) @ x, rtol=1e-10)
    assert r.to_dict()["closed_forms"] == {"X": "A @ X + A.T @ X"}
    assert elapsed < 5.0


def test_closed_form_to_dict_is_plain_json() -> None:
    form = dataclasses.replace(
        ClosedForm("x", "unchecked", text="2 * x", value=np.array([1.0, np.inf])),
    )
    d = verify(form, np.array([1.0, 2.0])).to_dict()
    assert d["status"] == "disagrees" and d["value"] == [1.0, None] and d["max_abs_err"] is None


def test_long_formulas_are_refused_before_any_work() -> None:
    expr = " + ".join(f"{i} * trace(X)" for i in range(1, 120))
    (form,) = forms_for(expr, {"X": X0}, {}).values()
    assert form.status == "unavailable" and "too long" in form.reason


def test_evaluator_refuses_nodes_outside_its_allow_list() -> None:
    import sympy

    from jacdesk.core.symbolic.closed_form.algebra import Unsupported
    from jacdesk.core.symbolic.closed_form.evaluate import evaluate

    x = sympy.MatrixSymbol("X", 2, 2)
    assert evaluate(sympy.Trace(x.T * x), {"X": np.eye(2)}) == 2.0
    with pytest.raises(Unsupported):
        evaluate(sympy.Function("g")(sympy.Trace(x)), {"X": np.eye(2)})
    with pytest.raises(Unsupported):
        evaluate(sympy.Trace(x), {})  # no value for X


def test_closed_forms_that_timed_out_are_skipped_next_time() -> None:
    from jacdesk.core.symbolic.process import SymbolicService

    service = SymbolicService()
    try:
        program = build_program("trace(X @ X)", {"X": (2, 2)})
        service._slow[(program, "row", ())] = ("closed_forms", 10.0)  # as after a timeout
        r = service.request(program, {}, {"X": np.eye(2)}, timeout=10.0)
        assert r.status == "partial" and r.closed_forms is None
        assert r.jacobian_text is not None and "closed-form" in r.notice
        big = build_program("trace(X @ X)", {"X": (30, 30)})  # J too large: forms only
        service._slow[(big, "row", ())] = ("closed_forms", 10.0)
        r = service.request(big, {}, {"X": np.eye(30)}, timeout=10.0)
        assert r.status == "timeout" and "closed-form" in r.notice
        r = service.request(big, {}, {"X": np.eye(30)}, timeout=20.0)  # more time: tried again
        assert r.status == "too_large" and r.closed_forms["X"].text == "2 * X.T"
    finally:
        service.close()
