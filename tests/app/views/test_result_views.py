"""The result views (J, symbolic J, det J, gradients, Hessian, check) and the tabs holding them."""

from __future__ import annotations

import dataclasses
import time

import numpy as np
import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractButton, QComboBox, QProgressBar, QTabBar, QTableView, QWidget

import jacdesk
from jacdesk.app.views.check_view import CheckView
from jacdesk.app.views.determinant_view import DeterminantView
from jacdesk.app.views.gradients_view import GradientsView
from jacdesk.app.views.hessian_view import HessianView
from jacdesk.app.views.jacobian_view import JacobianView
from jacdesk.app.views.result_tabs import ResultTabs
from jacdesk.app.views.symbolic_view import SymbolicView
from jacdesk.app.widgets.matrix_view import MatrixView
from jacdesk.core.results.symbolic import SymbolicResult

EXPRS = ["x1**2 + 2*x2", "3*x1 + 4*x2**2"]
POINT = {"x1": 1, "x2": 2}
ROLE = Qt.ItemDataRole


@pytest.fixture(scope="module")
def tutorial():
    return jacdesk.analyze(EXPRS, POINT, symbolic=True, hessian=True)


@pytest.fixture(scope="module")
def sqrt_result():
    return jacdesk.analyze("sqrt(x)", {"x": np.array([0.0, 1.0])}, symbolic=False)


@pytest.fixture(scope="module")
def big_result():
    x = np.random.default_rng(0).random((64, 64))
    return jacdesk.analyze("X @ X", {"X": x}, symbolic=False)


def cells(view: MatrixView) -> list[list[str]]:
    m = view.model
    return [[view.cell_text(r, c) for c in range(m.columnCount())] for r in range(m.rowCount())]


def header(view: MatrixView, section: int, orientation=Qt.Orientation.Horizontal) -> str:
    return view.model.headerData(section, orientation, ROLE.DisplayRole)


# ------------------------------------------------------------------------------------ J view
def test_jacobian_view_shows_the_tutorial_jacobian(make, tutorial):
    view = make(JacobianView)
    view.show_result(tutorial)
    assert cells(view.matrix_view) == [["2", "2"], ["3", "16"]]
    assert header(view.matrix_view, 0) == "∂/∂x1"
    assert header(view.matrix_view, 1, Qt.Orientation.Vertical) == "f2"
    tip = view.matrix_view.model.data(view.matrix_view.model.index(0, 1), ROLE.ToolTipRole)
    assert tip == "∂f1/∂x2 = 2.0"
    caption = view.caption.text()
    assert "J = ∂(f1, f2)/∂(x1, x2)" in caption
    assert tutorial.strategy in caption
    assert "numerator layout (rows = outputs" in view.conventions.text()
    assert view.warnings.isHidden()


def test_numbers_are_right_aligned_and_text_is_not(make, tutorial):
    numbers, formulas = make(MatrixView), make(MatrixView)
    numbers.set_matrix(tutorial.jacobian)
    formulas.set_matrix(tutorial.symbolic.jacobian_text)
    right = numbers.model.data(numbers.model.index(0, 0), ROLE.TextAlignmentRole)
    left = formulas.model.data(formulas.model.index(0, 0), ROLE.TextAlignmentRole)
    assert right & Qt.AlignmentFlag.AlignRight and not left & Qt.AlignmentFlag.AlignRight


def test_non_finite_cells_are_flagged(make, sqrt_result):
    view = make(JacobianView)
    view.show_result(sqrt_result)
    model = view.matrix_view.model
    assert view.matrix_view.cell_text(0, 0) == "inf"
    assert model.data(model.index(0, 0), ROLE.BackgroundRole) is not None
    assert "not finite" in model.data(model.index(0, 0), ROLE.ToolTipRole)
    assert model.data(model.index(1, 1), ROLE.BackgroundRole) is None
    assert not view.warnings.isHidden() and "not finite" in view.warnings.text()


def test_precision_changes_the_displayed_digits(make, qtbot):
    view = make(MatrixView)
    view.set_matrix(np.array([[1 / 3, 2.0]]))
    assert view.cell_text(0, 0) == "0.333333" and view.cell_text(0, 1) == "2"
    with qtbot.waitSignal(view.model.dataChanged, timeout=1000):
        view.set_precision(3)
    assert view.cell_text(0, 0) == "0.333"


def test_vectors_are_one_row_and_clear_shows_the_message(make):
    view = make(MatrixView)
    view.set_matrix(np.array([5.0, 18.0]))
    assert view.matrix().shape == (1, 2)
    view.clear("fix f1 first")
    assert view.matrix() is None and view.model.rowCount() == 0
    assert view.placeholder.text() == "fix f1 first"


# ------------------------------------------------------------------------------------ copying
def test_copy_selection_is_exact_tsv_on_the_clipboard(make):
    view = make(MatrixView)
    view.set_matrix(np.array([[1 / 3, 2.0], [np.inf, 16.0]]))
    assert view.copy_selection() == "0.3333333333333333\t2.0\ninf\t16.0"
    sel = view.table.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.Select
    sel.select(view.model.index(0, 0), flags)
    sel.select(view.model.index(1, 0), flags)
    assert view.copy_selection() == "0.3333333333333333\ninf"
    assert QGuiApplication.clipboard().text() == "0.3333333333333333\ninf"


def test_ctrl_c_and_latex_copy(make, qtbot, tutorial):
    view = make(JacobianView)
    view.show_result(tutorial)
    table = view.matrix_view.table
    table.selectAll()
    qtbot.keyClick(table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "2.0\t2.0\n3.0\t16.0"
    view.matrix_view.latex_action.trigger()
    latex = QGuiApplication.clipboard().text()
    assert latex == "\\begin{bmatrix}\n2 & 2 \\\\\n3 & 16\n\\end{bmatrix}"


# --------------------------------------------------------------------------------------- stale
def test_stale_mode_shows_the_badge_and_greys_the_cells(make, tutorial):
    view = make(MatrixView)
    view.set_matrix(tutorial.jacobian)
    assert view.badge.isHidden()
    view.set_stale(True)
    assert not view.badge.isHidden()
    index = view.model.index(0, 0)
    assert view.model.data(index, ROLE.ForegroundRole) is not None
    assert view.model.data(index, ROLE.FontRole).italic()
    view.set_stale(False)
    assert view.badge.isHidden()
    assert view.model.data(index, ROLE.FontRole) is None


def test_result_tabs_stale_reaches_every_view(make, tutorial):
    tabs = make(ResultTabs)
    tabs.show_result(tutorial)
    tabs.set_stale(True)
    assert not tabs.view("J").badge.isHidden()
    assert not tabs.view("det J").badge.isHidden()
    assert not tabs.view("Check").stale_badge.isHidden()
    assert tabs.view("Symbolic J").matrix_view.model.is_stale()


# ------------------------------------------------------------------------------ symbolic view
def test_symbolic_view_shows_the_formulas_and_det(make, tutorial):
    view = make(SymbolicView)
    view.show_result(tutorial)
    assert cells(view.matrix_view) == [["2*x1", "2"], ["3", "8*x2"]]
    assert "det J = 16*x1*x2 - 6" in view.det_text()
    assert view.status_text() == ""
    tip = view.matrix_view.model.data(view.matrix_view.model.index(1, 1), ROLE.ToolTipRole)
    assert tip == "∂f2/∂x2 = 8*x2"


def test_symbolic_view_pending_then_arrived(make, tutorial):
    view = make(SymbolicView)
    view.set_pending(True)
    view.show_result(dataclasses.replace(tutorial, symbolic=None))
    assert not view.busy.isHidden() and view.matrix_view.matrix() is None
    assert view.busy.maximum() == 0  # indeterminate
    view.set_pending(False)
    view.show_result(tutorial)
    assert view.busy.isHidden() and view.matrix_view.cell_text(0, 0) == "2*x1"


@pytest.mark.parametrize(
    ("status", "notice", "expected"),
    [
        ("too_large", "too large for a symbolic form: J would have 9 entries", "Too large"),
        ("timeout", None, "took too long"),
        ("disabled", None, "turned off"),
        ("error", "symbolic form failed: boom", "boom"),
    ],
)
def test_symbolic_view_says_why_it_was_skipped(make, tutorial, status, notice, expected):
    view = make(SymbolicView)
    view.show_result(dataclasses.replace(tutorial, symbolic=SymbolicResult(status, notice)))
    assert expected in view.status_text()
    assert view.det_text() == "" and view.matrix_view.isHidden()


# --------------------------------------------------------------------------------- det J view
def test_determinant_view_tutorial(make, tutorial):
    view = make(DeterminantView)
    view.show_result(tutorial)
    text = view.text()
    assert "det J = 26" in text and "area" in text and "+1" in text
    assert "16*x1*x2 - 6" in text


def test_determinant_view_non_square_and_skipped(make, big_result):
    view = make(DeterminantView)
    view.show_result(jacdesk.analyze(["x*y*z", "x + y"], {"x": 1, "y": 2, "z": 3}, symbolic=False))
    assert "det J needs a square Jacobian; this one is 2×3" in view.text()
    view.show_result(big_result)
    assert "skipped for size" in view.text()


def test_determinant_view_zero_means_not_invertible(make):
    view = make(DeterminantView)
    view.show_result(jacdesk.analyze(["x + y", "2*x + 2*y"], {"x": 1, "y": 2}, symbolic=False))
    assert "det J = 0" in view.text() and "not invertible" in view.text()


# ------------------------------------------------------------------------------ gradients view
def test_gradients_view_tutorial(make, tutorial):
    view = make(GradientsView)
    view.show_result(tutorial)
    assert view.matrix_view("x1").cell_text(0, 0) == "5"
    assert view.matrix_view("x2").cell_text(0, 0) == "18"
    assert "x1.grad" in view.matrix_view("x1").title.text()
    assert cells(view.v_view) == [["1", "1"]]


def test_gradients_view_shapes_follow_the_variables(make):
    view = make(GradientsView)
    r = jacdesk.analyze(
        "trace(A @ X)", {"A": np.ones((3, 2)), "X": np.ones((2, 3))}, symbolic=False
    )
    view.show_result(r)
    grad_a = view.matrix_view("A")
    assert grad_a.matrix().shape == (3, 2)
    assert header(grad_a, 2, Qt.Orientation.Vertical) == "A[2,:]"
    tip = grad_a.model.data(grad_a.model.index(0, 1), ROLE.ToolTipRole)
    assert tip.startswith("∂(vᵀf)/∂A[0,1] = ")
    vec = jacdesk.analyze("x * 2", {"x": [1.0, 2.0, 3.0]}, symbolic=False)
    view.show_result(vec)
    assert view.matrix_view("x").matrix().shape == (1, 3)
    assert header(view.matrix_view("x"), 2) == "x[2]"
    with pytest.raises(KeyError):
        view.matrix_view("A")


# -------------------------------------------------------------------------------- Hessian view
def test_hessian_view_components(make, tutorial):
    view = make(HessianView)
    view.show_result(tutorial)
    assert not view.chooser.isHidden() and view.chooser.count() == 2
    assert cells(view.matrix_view) == [["2", "0"], ["0", "0"]]
    view.chooser.setCurrentIndex(1)
    assert cells(view.matrix_view) == [["0", "0"], ["0", "8"]]
    assert header(view.matrix_view, 1) == "x2"


def test_hessian_view_scalar_and_not_requested(make, sqrt_result):
    view = make(HessianView)
    view.show_result(jacdesk.analyze("x*y", {"x": 1, "y": 2}, symbolic=False, hessian=True))
    assert view.chooser.isHidden() and cells(view.matrix_view) == [["0", "1"], ["1", "0"]]
    view.show_result(sqrt_result)
    assert "computed on request" in view.message_text()


# ---------------------------------------------------------------------------------- check view
def test_check_view_badges(make, tutorial, sqrt_result, big_result):
    view = make(CheckView)
    view.show_result(tutorial)
    assert view.badge_text() == "PASS"
    assert "max abs err" in view.fd.text() and "max rel err" in view.fd.text()
    view.show_result(sqrt_result)
    assert view.badge_text() == "FAIL"
    view.show_result(big_result)
    assert view.badge_text() == "NOT RUN"
    assert "not run" in view.fd.text() and "not available" in view.symbolic.text()


# -------------------------------------------------------------------------------- result tabs
def test_result_tabs_order_views_and_forwarding(qtbot, make, tutorial):
    tabs = make(ResultTabs)
    assert tabs.names() == [
        "J",
        "Symbolic J",
        "det J",
        "Graph",
        "Gradients",
        "Kronecker",
        "Hessian",
        "Check",
        "Questions",
    ]
    tabs.add_view("JVP", QWidget(), "forward mode")
    tabs.add_view("Backward lab", QWidget(), "backward lab")
    tabs.add_view("Extra", QWidget(), "something new")
    assert tabs.names() == [
        "J",
        "Symbolic J",
        "det J",
        "Backward lab",
        "Graph",
        "JVP",
        "Gradients",
        "Kronecker",
        "Hessian",
        "Check",
        "Questions",
        "Extra",
    ]
    assert all(tabs.tabToolTip(i) for i in range(tabs.count()))
    assert isinstance(tabs.view("J"), JacobianView)
    tabs.show_result(tutorial)
    qtbot.waitUntil(lambda: tabs.pending() == 0)  # hidden tabs: one per event-loop turn
    assert tabs.view("Check").badge_text() == "PASS"
    tabs.set_precision(2)
    tabs.set_symbolic_pending(True)
    assert not tabs.view("Symbolic J").busy.isHidden()
    with pytest.raises(KeyError):
        tabs.view("nope")


def test_every_control_has_a_tooltip(make, tutorial):
    tabs = make(ResultTabs)
    tabs.show_result(tutorial)
    controls = [
        w
        for cls in (QTableView, QComboBox, QProgressBar, QAbstractButton)
        for w in tabs.findChildren(cls)
        if not isinstance(w.parent(), QTabBar)  # the tab bar's own scroll arrows
    ]
    assert controls
    missing = [type(w).__name__ for w in controls if not w.toolTip()]
    assert not missing, missing


# ---------------------------------------------------------------------------------- big J
def test_a_4096_by_4096_jacobian_shows_in_bounded_time(make, qtbot, big_result):
    tabs = make(ResultTabs)
    tabs.resize(900, 600)
    tabs.show()
    qtbot.waitExposed(tabs)
    t0 = time.perf_counter()
    tabs.show_result(big_result)
    QGuiApplication.processEvents()
    shown = time.perf_counter() - t0
    view = tabs.view("J").matrix_view
    assert view.matrix().shape == (4096, 4096)
    assert view.cell_text(4095, 4095) != ""
    t0 = time.perf_counter()
    tabs.set_precision(3)
    tabs.set_stale(True)
    QGuiApplication.processEvents()
    restyled = time.perf_counter() - t0
    assert shown < 2.0, f"show_result took {shown:.2f} s: something loops over all cells"
    assert restyled < 2.0, f"precision / stale took {restyled:.2f} s"


def test_copying_millions_of_cells_is_refused_with_a_message(make, qtbot, big_result):
    view = make(JacobianView)
    view.show_result(big_result)
    view.matrix_view.table.selectAll()
    with qtbot.waitSignal(view.statusMessage, timeout=1000) as blocker:
        assert view.matrix_view.copy_selection() == ""
    assert "too many" in blocker.args[0]
