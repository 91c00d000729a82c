"""The seed's equations as LaTeX: exact strings for the J chain, the backward chain, J u and
det J, and expressions typeset as typed."""

from __future__ import annotations

import numpy as np
import pytest

import jacdesk
from jacdesk.core.formats.latex_chain import (
    backward_chain,
    closed_form_latex,
    determinant_chain,
    jacobian_chain,
    jvp_chain,
    number_latex,
)
from jacdesk.core.formats.latex_expr import expression_latex, name_latex

SEED = ["x1**2 + 2*x2", "3*x1 + 4*x2**2"]
F = r"f\left(x_{1}, x_{2}\right) = {\begin{bmatrix}x_{1}^{2} + 2 x_{2} \\ 3 x_{1} + 4 x_{2}^{2}\end{bmatrix}}"
PARTIALS = (
    r"{\begin{bmatrix}\frac{\partial f_{1}}{\partial x_{1}} & \frac{\partial f_{1}}{\partial x_{2}}"
    r" \\ \frac{\partial f_{2}}{\partial x_{1}} & \frac{\partial f_{2}}{\partial x_{2}}\end{bmatrix}}"
)
SYMBOLIC = r"{\begin{bmatrix}2 x_{1} & 2 \\ 3 & 8 x_{2}\end{bmatrix}}"
NUMBERS = r"{\begin{bmatrix}2 & 2 \\ 3 & 16\end{bmatrix}}"


@pytest.fixture(scope="module")
def seed():
    return jacdesk.analyze(SEED, {"x1": 1.0, "x2": 2.0})


def test_the_seed_jacobian_chain(seed):
    assert jacobian_chain(seed) == F + r", \quad J = " + " = ".join((PARTIALS, SYMBOLIC, NUMBERS))


def test_the_chain_before_sympy_is_done(seed):
    assert jacobian_chain(seed, symbolic=False) == F + rf", \quad J = {PARTIALS} = {NUMBERS}"


def test_the_seed_backward_chain(seed):
    assert backward_chain(seed) == (
        r"z = v^{\mathsf{T}} f, \quad \frac{\partial z}{\partial f} = v^{\mathsf{T}} = "
        r"{\begin{bmatrix}1 & 1\end{bmatrix}} \\ "
        r"\frac{\partial z}{\partial f}\,\frac{\partial f}{\partial x} = v^{\mathsf{T}} J = "
        r"{\begin{bmatrix}1 & 1\end{bmatrix}} "
        + NUMBERS
        + r" = {\begin{bmatrix}5 & 18\end{bmatrix}}"
        r" = \left(\texttt{x1.grad}, \texttt{x2.grad}\right)"
    )


def test_a_one_hot_v_picks_out_a_row():
    r = jacdesk.analyze(SEED, {"x1": 1.0, "x2": 2.0}, vjp=[0.0, 1.0])
    text = backward_chain(r)
    assert text.startswith(r"z = e_{2}^{\mathsf{T}} f = f_{2}, \quad")
    assert text.endswith(
        r"= {\begin{bmatrix}3 & 16\end{bmatrix}} = \left(\texttt{x1.grad}, \texttt{x2.grad}\right)"
    )


def test_jvp_and_det(seed):
    assert jvp_chain(seed) == (
        NUMBERS.join((r"J u = ", r" {\begin{bmatrix}1 \\ 1\end{bmatrix}} = "))
        + r"{\begin{bmatrix}4 \\ 19\end{bmatrix}}"
    )
    assert determinant_chain(seed) == (
        r"\det J = 16 x_{1} x_{2} - 6 = 26, \quad \log\left|\det J\right| = 3.2581"
    )


def test_the_denominator_layout_is_the_transpose():
    r = jacdesk.analyze(SEED, {"x1": 1.0, "x2": 2.0}, layout="denominator", symbolic=False)
    assert jacobian_chain(r).endswith(
        r"J^{\mathsf{T}} = "
        + PARTIALS.replace(
            r"f_{1}}{\partial x_{2}} \\ \frac{\partial f_{2}}{\partial x_{1}}",
            r"f_{2}}{\partial x_{1}} \\ \frac{\partial f_{1}}{\partial x_{2}}",
        )
        + r" = {\begin{bmatrix}2 & 3 \\ 2 & 16\end{bmatrix}}"
    )


def test_too_large_a_jacobian_is_not_typeset():
    r = jacdesk.analyze(["sin(x)"], {"x": np.linspace(0, 1, 7)}, symbolic=False)
    assert jacobian_chain(r) is None and backward_chain(r) is None and jvp_chain(r) is None


@pytest.mark.parametrize(
    ("text", "latex"),
    [
        ("x1**2 + 2*x2", "x_{1}^{2} + 2 x_{2}"),
        ("-x**2", "-x^{2}"),
        ("(-2)**y", r"\left(-2\right)^{y}"),
        ("x - (y - z)", r"x - \left(y - z\right)"),
        ("x - -y", r"x - \left(-y\right)"),
        ("sin(x)/2", r"\frac{\sin\left(x\right)}{2}"),
        ("A @ X.T", r"A X^{\mathsf{T}}"),
        ("trace(A @ X)", r"\operatorname{tr}\left(A X\right)"),
        ("sqrt(abs(x))", r"\sqrt{\left|x\right|}"),
        ("x[0]*x[1]", "x_{0} x_{1}"),
        ("theta*r", r"\theta r"),
        ("x1*2", r"x_{1} \cdot 2"),
    ],
)
def test_expressions_are_typeset_as_typed(text, latex):
    assert expression_latex(text) == latex


def test_a_line_that_does_not_parse_has_no_latex():
    assert expression_latex("x1 +") is None
    assert expression_latex("__import__('os')") is None


def test_names_and_numbers():
    assert [name_latex(s) for s in ("x1", "x[0]", "X[1,2]", "f2", "theta", "x_b", "xy")] == [
        "x_{1}",
        "x_{0}",
        "X_{1,2}",
        "f_{2}",
        r"\theta",
        "x_{b}",
        r"\mathrm{xy}",
    ]
    assert [number_latex(x) for x in (16.0, 1 / 3, 1.5e-7, -0.0, float("inf"))] == [
        "16",
        "0.333333",
        r"1.5 \cdot 10^{-7}",
        "0",
        r"\infty",
    ]


def test_closed_forms_are_typeset_once_verified():
    a = [[1.0, 2.0], [3.0, 4.0]]
    quad = jacdesk.analyze(["x.T @ A @ x"], {"x": [1.0, 2.0]}, constants={"A": a})
    form = quad.symbolic.closed_forms["x"]
    assert closed_form_latex("x", form) == r"\frac{\partial f}{\partial x} = A x + A^{T} x"
    tr = jacdesk.analyze(["trace(A @ X)"], {"X": np.eye(2)}, constants={"A": a})
    assert closed_form_latex("X", tr.symbolic.closed_forms["X"]) == (
        r"\frac{\partial f}{\partial X} = A^{T}"
    )
    import dataclasses

    wrong = dataclasses.replace(form, status="disagrees")
    assert closed_form_latex("x", wrong) is None


def test_the_hessian_of_one_component():
    from jacdesk.core.formats.latex_chain import hessian_chain

    r = jacdesk.analyze(["x1**2*x2"], {"x1": 1.0, "x2": 2.0}, hessian=True, symbolic=False)
    assert hessian_chain(r.output_labels[0], r.input_labels, r.hessian) == (
        r"H_{f} = {\begin{bmatrix}\frac{\partial^{2} f}{\partial x_{1}^{2}} & "
        r"\frac{\partial^{2} f}{\partial x_{1}\,\partial x_{2}} \\ "
        r"\frac{\partial^{2} f}{\partial x_{2}\,\partial x_{1}} & "
        r"\frac{\partial^{2} f}{\partial x_{2}^{2}}\end{bmatrix}} = "
        r"{\begin{bmatrix}4 & 2 \\ 2 & 0\end{bmatrix}}"
    )
    assert hessian_chain("f", ["x"] * 7, np.zeros((7, 7))) is None
