"""The J header for matrix variables: ∂vec F/∂vec X with the vec convention written out, and
the block form ∂F/∂X = [∂F/∂X_{i,j}] that reads the same under every convention."""

from __future__ import annotations

import pytest

from jacdesk.core import engine
from jacdesk.core.formats.latex_blocks import header_chain, vec_chain, vec_latex
from jacdesk.core.formats.latex_chain import jacobian_chain

A = [[1.0, 0.0], [2.0, 1.0]]
B = [[0.0, 1.0], [1.0, 1.0]]
X = {"X": [[1.0, 2.0], [3.0, 4.0]]}
ROW_J = r"{\begin{bmatrix}0 & 1 & 0 & 0 \\ 1 & 1 & 0 & 0 \\ 0 & 2 & 0 & 1 \\ 2 & 2 & 1 & 1\end{bmatrix}}"
COL_J = r"{\begin{bmatrix}0 & 0 & 1 & 0 \\ 0 & 0 & 2 & 1 \\ 1 & 0 & 1 & 0 \\ 2 & 1 & 2 & 1\end{bmatrix}}"


def _axb(vec: str = "row"):
    return engine.analyze("A @ X @ B", X, constants={"A": A, "B": B}, vec=vec)


def test_the_flat_jacobian_of_axb_states_torchs_row_major_vec():
    # vec_r(A X B) = (A ⊗ Bᵀ) vec_r(X): the numbers are A ⊗ Bᵀ
    assert header_chain(_axb()) == (
        r"F\left(X\right) = A X B, \quad J = \frac{\partial \operatorname{vec}_{r} F}"
        r"{\partial \operatorname{vec}_{r} X} = " + ROW_J + " = " + ROW_J + r" \\ "
        r"\operatorname{vec}_{r} X = {\begin{bmatrix}X_{0,0} & X_{0,1} & X_{1,0} & X_{1,1}"
        r"\end{bmatrix}}^{\mathsf{T}}, \quad \operatorname{vec}_{r} F = {\begin{bmatrix}"
        r"F_{0,0} & F_{0,1} & F_{1,0} & F_{1,1}\end{bmatrix}}^{\mathsf{T}}"
    )


def test_the_column_major_vec_is_the_textbooks_and_its_order_is_written_out():
    latex = vec_chain(_axb("col"))
    # vec(A X B) = (Bᵀ ⊗ A) vec(X)
    assert (
        r"J = \frac{\partial \operatorname{vec} F}{\partial \operatorname{vec} X} = " + COL_J
        in latex
    )
    assert r"\operatorname{vec} X = {\begin{bmatrix}X_{0,0} & X_{1,0} & X_{0,1} & X_{1,1}" in latex


@pytest.mark.parametrize("vec", ["row", "col"])
def test_the_block_form_is_the_same_under_every_vec(vec):
    assert header_chain(_axb(vec), "X") == (
        r"F\left(X\right) = A X B, \quad \frac{\partial F}{\partial X} = "
        r"\left[\frac{\partial F}{\partial X_{i, j}}\right] = {\begin{bmatrix}"
        r"{\begin{bmatrix}0 & 1 \\ 0 & 2\end{bmatrix}} & {\begin{bmatrix}1 & 1 \\ 2 & 2"
        r"\end{bmatrix}} \\ {\begin{bmatrix}0 & 0 \\ 0 & 1\end{bmatrix}} & {\begin{bmatrix}"
        r"0 & 0 \\ 1 & 1\end{bmatrix}}\end{bmatrix}}"
    )


def test_a_scalar_of_a_matrix_has_its_gradient_shaped_like_the_matrix():
    g = engine.analyze("sum(X**2)", X)
    assert header_chain(g, "X").endswith(
        r"\frac{\partial f}{\partial X} = \left[\frac{\partial f}{\partial X_{i, j}}\right]"
        r" = {\begin{bmatrix}2 & 4 \\ 6 & 8\end{bmatrix}}"
    )
    flat = header_chain(g)
    assert r"J = \frac{\partial f}{\partial \operatorname{vec}_{r} X}" in flat
    assert r"{\begin{bmatrix}2 & 4 & 6 & 8\end{bmatrix}}" in flat


def test_vector_variables_keep_the_seeds_chain():
    seed = engine.analyze(["x1**2 + 2*x2", "3*x1 + 4*x2**2"], {"x1": 1.0, "x2": 2.0})
    assert header_chain(seed) == jacobian_chain(seed)
    assert header_chain(seed, "no such variable") == jacobian_chain(seed)


def test_vec_names():
    assert vec_latex("col") == r"\operatorname{vec}"
    assert vec_latex("row") == r"\operatorname{vec}_{r}"


def test_a_long_vec_is_shortened_and_a_huge_j_is_not_typeset():
    wide = engine.analyze(
        "sum(X**2)", {"X": [[float(i + 4 * j) for i in range(4)] for j in range(3)]}
    )
    assert r"\ldots & X_{2,3}" in header_chain(wide)
    huge = engine.analyze("X * 2", {"X": [[1.0] * 12 for _ in range(12)]})
    assert header_chain(huge) is None
