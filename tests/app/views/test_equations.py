"""The typeset equations of the views: the J tab's header (the seed's eq. 2, its symbolic part
filling in) and the Backward lab's chain (eqs. 3–6) with the current v."""

from __future__ import annotations

import numpy as np
import pytest

import jacdesk
from jacdesk.app.views.backward_lab import BackwardLab
from jacdesk.app.views.determinant_view import DeterminantView
from jacdesk.app.views.jacobian_view import JacobianView
from jacdesk.app.views.jvp_view import JvpView
from jacdesk.core.formats.latex_chain import (
    backward_chain,
    determinant_chain,
    jacobian_chain,
    jvp_chain,
)

EXPRS = ["x1**2 + 2*x2", "3*x1 + 4*x2**2"]
POINT = {"x1": 1.0, "x2": 2.0}


@pytest.fixture(scope="module")
def seed():
    return jacdesk.analyze(EXPRS, POINT)


def test_the_j_tab_reads_like_the_seed(qtbot, make, seed):
    view = make(JacobianView)
    view.show()
    numeric = jacdesk.analyze(EXPRS, POINT, symbolic=False)
    with qtbot.waitSignal(view.equation.rendered, timeout=20_000):
        view.show_result(numeric)
    assert view.equation.latex() == jacobian_chain(numeric)
    assert r"8 x_{2}" not in view.equation.latex()  # sympy not done yet
    with qtbot.waitSignal(view.equation.rendered, timeout=20_000):
        view.show_result(seed)  # the symbolic forms arrived
    assert r"{\begin{bmatrix}2 x_{1} & 2 \\ 3 & 8 x_{2}\end{bmatrix}}" in view.equation.latex()
    assert view.equation.isVisible() and view.equation.picture().image is not None


def test_the_digits_follow_the_toolbar(qtbot, make):
    view = make(JacobianView)
    view.show_result(jacdesk.analyze(["x/3"], {"x": [1.0]}, symbolic=False))
    assert "0.333333" in view.equation.latex()
    view.set_precision(3)
    assert "0.333" in view.equation.latex() and "0.3333" not in view.equation.latex()


def test_a_large_jacobian_falls_back_to_the_table(qtbot, make):
    view = make(JacobianView)
    view.show()
    big = jacdesk.analyze(["sin(x)"], {"x": np.linspace(0, 1, 8)}, symbolic=False)
    view.show_result(big)
    assert view.equation.latex() is None and not view.equation.isVisible()
    assert view.matrix_view.isVisible()


def test_the_backward_lab_shows_the_chain_for_its_v(qtbot, make, seed):
    lab = make(BackwardLab)
    lab.show()
    with qtbot.waitSignal(lab.equation.rendered, timeout=20_000):
        lab.show_result(seed)
    assert lab.equation.latex() == backward_chain(seed)
    assert r"{\begin{bmatrix}5 & 18\end{bmatrix}}" in lab.equation.latex()
    row = jacdesk.analyze(EXPRS, POINT, vjp=[1.0, 0.0], symbolic=False)
    lab.set_v([1.0, 0.0])
    lab.show_result(row)
    assert lab.equation.latex().startswith(r"z = e_{1}^{\mathsf{T}} f = f_{1}")
    lab.clear()
    assert not lab.equation.isVisible()


def test_jvp_and_det_are_typeset(qtbot, make, seed):
    jvp = make(JvpView)
    jvp.show_result(seed)
    assert jvp.equation.latex() == jvp_chain(seed)
    assert jvp.equation.isVisibleTo(jvp)
    det = make(DeterminantView)
    det.show_result(seed)
    assert det.equation.latex() == determinant_chain(seed)
    assert r"16 x_{1} x_{2} - 6 = 26" in det.equation.latex()
    wide = jacdesk.analyze(["x1 + x2"], POINT, symbolic=False)
    det.show_result(wide)
    assert det.equation.latex() is None and not det.equation.isVisibleTo(det)


def test_a_verified_closed_form_is_typeset(qtbot, make):
    from jacdesk.app.views.gradients_view import GradientsView

    view = make(GradientsView)
    r = jacdesk.analyze(["x.T @ A @ x"], {"x": [1.0, 2.0]}, constants={"A": [[1, 2], [3, 4]]})
    view.show_result(r)
    typeset = view.closed_form_view("x")
    assert typeset.latex() == r"\frac{\partial f}{\partial x} = A x + A^{T} x"
    assert typeset.isVisibleTo(view)
    assert "✓" in view.closed_form_text("x")


def test_the_kronecker_identity_is_typeset_for_both_vecs(qtbot, make):
    from jacdesk.app.views.kronecker_view import KroneckerView

    view = make(KroneckerView)
    r = jacdesk.analyze(
        ["A @ X @ B"],
        {"X": np.ones((2, 2))},
        constants={"A": 2 * np.eye(2), "B": [[1.0, 2.0], [3.0, 4.0]]},
        symbolic=False,
    )
    view.show_result(r)
    assert view.equation.latex() == (
        r"\operatorname{vec}\left(A X B\right) = \left(B^{\mathsf{T}} \otimes A\right) "
        r"\operatorname{vec}\left(X\right) \\ \operatorname{vec}_{r}\left(A X B\right) = "
        r"\left(A \otimes B^{\mathsf{T}}\right) \operatorname{vec}_{r}\left(X\right)"
    )
    view.clear()
    assert view.equation.latex() is None


def test_a_cell_of_j_names_its_formula_on_hover(make, seed):
    from PySide6.QtCore import Qt

    view = make(JacobianView)
    view.show_result(seed)
    model = view.matrix_view.table.model()
    tip = model.data(model.index(1, 1), Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("∂f2/∂x2 = 8*x2 = 16")


def test_the_hessian_tab_typesets_the_chosen_component(make):
    from jacdesk.app.views.hessian_view import HessianView

    view = make(HessianView)
    view.show_result(jacdesk.analyze(EXPRS, POINT, hessian=True, symbolic=False))
    assert view.equation.latex().startswith(r"H_{f_{1}} = ")
    assert view.equation.latex().endswith(r"{\begin{bmatrix}2 & 0 \\ 0 & 0\end{bmatrix}}")
    view.chooser.setCurrentIndex(1)
    assert view.equation.latex().endswith(r"{\begin{bmatrix}0 & 0 \\ 0 & 8\end{bmatrix}}")
    view.clear()
    assert view.equation.latex() is None


def test_the_check_tab_typesets_what_it_compares(qtbot, make, seed):
    from jacdesk.app.views.check_view import CheckView
    from jacdesk.core.formats.latex_check import check_chain

    view = make(CheckView)
    view.show()
    with qtbot.waitSignal(view.equation.rendered, timeout=20_000):
        view.show_result(seed)
    assert view.equation.latex() == check_chain(seed)
    assert view.equation.isVisible() and view.equation.picture().image is not None
    view.clear()
    assert view.equation.latex() is None and not view.equation.isVisible()
