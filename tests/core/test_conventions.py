"""Layout and vec conventions, the block form, and the Kronecker identities."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jacdesk.core.conventions import block_form, group_breaks, statement
from jacdesk.core.engine import analyze
from jacdesk.core.errors import JacdeskError
from jacdesk.core.results.matrices import select


def _rand(rng, shape):
    return rng.standard_normal(shape)


@pytest.mark.parametrize("vec", ["row", "col"])
def test_denominator_layout_is_the_exact_transpose(vec):
    rng = np.random.default_rng(1)
    x, a = _rand(rng, (2, 3)), _rand(rng, (3, 3))
    num = analyze("tanh(X @ A)", {"X": x}, {"A": a}, vec=vec, symbolic=False)
    den = analyze("tanh(X @ A)", {"X": x}, {"A": a}, vec=vec, layout="denominator", symbolic=False)
    np.testing.assert_array_equal(den.jacobian_in_layout, num.jacobian.T)
    np.testing.assert_array_equal(den.jacobian, num.jacobian)  # the field stays numerator
    assert den.labels_in_layout == (num.input_labels, num.output_labels)
    d = den.to_dict()
    assert np.array_equal(np.array(d["jacobian"]), num.jacobian.T)
    assert d["layout"] == "denominator" and "rows = inputs" in d["conventions"]
    m = select(den, "jacobian")
    assert m.row_labels == num.input_labels and m.corner.startswith("denominator layout, ")
    json.dumps(d)


def test_every_statement_names_both_conventions():
    assert statement("numerator", "row").startswith("numerator layout (rows = outputs")
    assert "column-major" in statement("denominator", "col")
    with pytest.raises(JacdeskError, match="layout must be"):
        analyze("x", {"x": 1.0}, layout="sideways")


def test_matrix_function_has_the_four_index_jacobian():
    x = np.arange(6.0).reshape(2, 3)
    r = analyze("X @ X.T", {"X": x}, symbolic=False)
    j4 = r.jacobian_blocks["X"]
    assert j4.shape == (2, 2, 2, 3)
    # ∂(X Xᵀ)[a,b]/∂X[i,j] = δ_ai X[b,j] + δ_bi X[a,j]
    eye = np.eye(2)
    want = np.einsum("ai,bj->abij", eye, x) + np.einsum("bi,aj->abij", eye, x)
    np.testing.assert_allclose(j4, want)
    np.testing.assert_array_equal(r.jacobian, j4.reshape(4, 6))
    assert np.array(r.to_dict()["jacobian_blocks"]["X"]).shape == (2, 2, 2, 3)


def test_scalar_of_matrix_gradient_is_shaped_like_x():
    x = np.array([[2.0, 1.0], [1.0, 3.0]])
    r = analyze("logdet(X)", {"X": x}, symbolic=False)
    assert r.gradients["X"].shape == (2, 2)
    np.testing.assert_allclose(r.gradients["X"], np.linalg.inv(x).T, rtol=1e-13)
    assert r.jacobian.shape == (1, 4)


@pytest.mark.parametrize("form", ["A @ X", "X @ B", "A @ X @ B"])
def test_kronecker_identities_under_both_vecs(form):
    rng = np.random.default_rng(7)
    a, b, x = _rand(rng, (4, 2)), _rand(rng, (3, 5)), _rand(rng, (2, 3))
    consts = {"A": a, "B": b}
    row = analyze(form, {"X": x}, consts, vec="row", symbolic=False)
    col = analyze(form, {"X": x}, consts, vec="col", symbolic=False)
    left = a if "A" in form else np.eye(2)
    right = b if "B" in form else np.eye(3)
    np.testing.assert_allclose(col.jacobian, np.kron(right.T, left), rtol=1e-14, atol=1e-15)
    np.testing.assert_allclose(row.jacobian, np.kron(left, right.T), rtol=1e-14, atol=1e-15)
    lesson = row.kronecker
    assert lesson is not None and lesson.agree
    np.testing.assert_array_equal(lesson.j_col, col.jacobian)
    np.testing.assert_array_equal(lesson.j_row, row.jacobian)
    d = row.to_dict()["kronecker"]
    assert d["col_vec"]["formula"].startswith("kron(") and d["agree"] is True


def test_kronecker_lesson_only_for_linear_maps_of_one_matrix():
    x = np.eye(2)
    assert analyze("X @ X", {"X": x}, symbolic=False).kronecker is None
    assert analyze("tanh(A @ X)", {"X": x}, {"A": x}, symbolic=False).kronecker is None
    r = analyze("A.T @ X @ B.T", {"X": x}, {"A": 2 * x, "B": 3 * x}, symbolic=False)
    assert r.kronecker.formula_col == "kron(B, A.T)"
    assert r.kronecker.formula_row == "kron(A.T, B)"


@settings(max_examples=25, deadline=None)
@given(
    st.integers(1, 3), st.integers(1, 3), st.integers(1, 3), st.integers(1, 3),
    st.integers(0, 2**31 - 1),
)  # fmt: skip
def test_kronecker_property(p, r, s, q, seed):
    rng = np.random.default_rng(seed)
    a, b, x = _rand(rng, (p, r)), _rand(rng, (s, q)), _rand(rng, (r, s))
    res = analyze("A @ X @ B", {"X": x}, {"A": a, "B": b}, symbolic=False)
    if res.kronecker is None:  # 1×1 shapes are scalars or vectors, not matrices
        return
    assert res.kronecker.agree
    np.testing.assert_allclose(res.kronecker.kron_row, np.kron(a, b.T))


def test_block_form_and_group_breaks():
    j4 = np.arange(2 * 2 * 2 * 3, dtype=float).reshape(2, 2, 2, 3)
    blocks = block_form(j4, (2, 2), "X")
    assert blocks.data.shape == (4, 6)
    np.testing.assert_array_equal(blocks.data[2:4, 4:6], j4[:, :, 1, 2])
    assert blocks.cell_name(2, 4) == "∂F[0,0]/∂X[1,2]"
    assert group_breaks([(2, 3)], "row") == [3] and group_breaks([(2, 3)], "col") == [2, 4]
    assert group_breaks([(), (2,), (2, 2)], "row") == [1, 3, 5]


def test_block_form_names_cells_on_demand_even_when_large():
    # 40×40 X @ X: 2.56 million cells; naming them all up front took seconds.
    j4 = np.zeros((40, 40, 40, 40))
    blocks = block_form(j4, (40, 40), "X")
    assert blocks.data.shape == (1600, 1600)
    assert blocks.cell_name(1599, 1599) == "∂F[39,39]/∂X[39,39]"
    assert blocks.cell_name(41, 2) == "∂F[1,2]/∂X[1,0]"
