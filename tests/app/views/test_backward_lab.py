"""The backward lab (vᵀJ, row by row), the forward-mode view (J u) and their vector editor."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

import jacdesk
from jacdesk.app.views.backward_lab import BackwardLab
from jacdesk.app.views.jvp_view import JvpView
from jacdesk.app.widgets.lab_marks import MARK
from jacdesk.app.widgets.vector_editor import VectorEditor

EXPRS = ["x1**2 + 2*x2", "3*x1 + 4*x2**2"]
POINT = {"x1": 1, "x2": 2}
J = np.array([[2.0, 2.0], [3.0, 16.0]])


def analyze(exprs=EXPRS, point=POINT, **kw):
    return jacdesk.analyze(exprs, point, symbolic=False, **kw)


@pytest.fixture
def lab(qtbot) -> BackwardLab:
    widget = BackwardLab()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def jvp(qtbot) -> JvpView:
    widget = JvpView()
    qtbot.addWidget(widget)
    return widget


def button(editor: VectorEditor, text: str):
    (found,) = [b for b in editor.one_hot_buttons if b.text() == text]
    return found


def row_header(view, row: int) -> str:
    return view.model.headerData(row, Qt.Orientation.Vertical, Qt.ItemDataRole.DisplayRole)


def col_header(view, col: int) -> str:
    return view.model.headerData(col, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)


def test_default_v_is_ones_and_x_grad_is_the_column_sums(lab):
    lab.show_result(analyze())
    np.testing.assert_array_equal(lab.v(), [1.0, 1.0])
    assert lab.grad_text() == "[5, 18]"
    assert "✓" in lab.agree_label.text()
    np.testing.assert_array_equal(lab.vtj_view.matrix(), [[5.0, 18.0]])
    assert [lab.grad_view.cell_text(0, c) for c in range(2)] == ["5", "18"]


def test_one_hot_v_gives_a_row_of_j_and_highlights_it(lab, qtbot):
    lab.show_result(analyze())
    assert lab.highlighted_row() is None
    with qtbot.waitSignal(lab.vChanged) as blocker:
        qtbot.mouseClick(button(lab.editor, "f2 only"), Qt.MouseButton.LeftButton)
    np.testing.assert_array_equal(blocker.args[0], [0.0, 1.0])
    assert lab.grad_text() == "computing…"  # the shown result is still for v = ones
    lab.show_result(analyze(vjp=[0, 1]))
    assert lab.grad_text() == "[3, 16]"
    assert "✓" in lab.agree_label.text()
    assert lab.highlighted_row() == 1
    assert row_header(lab.rows_view, 1) == MARK + "f2 alone: v = e2"
    assert row_header(lab.rows_view, 0) == "f1 alone: v = e1"


def test_rows_by_backward_equal_j_in_two_passes(lab):
    lab.show_result(analyze())
    np.testing.assert_array_equal(lab.rows_view.matrix(), J)
    assert "backward passes: 2" in lab.rows_label.text()
    assert "✓" in lab.rows_label.text()


def test_rows_skipped_for_size_say_so(lab):
    lab.show_result(analyze(rows=False))
    assert lab.grad_text() == "[5, 18]"
    assert "skipped for size" in lab.rows_label.text()


def test_new_values_keep_the_users_v(lab, qtbot):
    lab.show_result(analyze())
    qtbot.mouseClick(button(lab.editor, "f2 only"), Qt.MouseButton.LeftButton)
    with qtbot.assertNotEmitted(lab.vChanged):
        lab.show_result(analyze(point={"x1": 2, "x2": 3}, vjp=[0, 1]))
    np.testing.assert_array_equal(lab.v(), [0.0, 1.0])
    assert lab.grad_text() == "[3, 24]"


def test_bad_cell_turns_red_and_keeps_the_last_valid_value(qtbot):
    editor = VectorEditor("v")
    qtbot.addWidget(editor)
    editor.set_labels(["f1", "f2"])
    item = editor.table.item(0, 0)
    with qtbot.assertNotEmitted(editor.vectorChanged):
        item.setText("abc")
    np.testing.assert_array_equal(editor.vector(), [1.0, 1.0])
    assert "not a number" in item.toolTip()
    assert item.background().color().red() > item.background().color().green()
    with qtbot.waitSignal(editor.vectorChanged) as blocker:
        item.setText("2.5")
    np.testing.assert_array_equal(blocker.args[0], [2.5, 1.0])
    assert item.background().style() == Qt.BrushStyle.NoBrush
    item.setText("inf")
    np.testing.assert_array_equal(editor.vector(), [2.5, 1.0])


def test_ones_button_emits_ones(qtbot):
    editor = VectorEditor("u")
    qtbot.addWidget(editor)
    editor.set_labels(["x1", "x2", "x3"])
    editor.set_vector([0, 0, 1])
    assert editor.one_hot_index() == 2
    with qtbot.waitSignal(editor.vectorChanged) as blocker:
        qtbot.mouseClick(editor.ones_button, Qt.MouseButton.LeftButton)
    np.testing.assert_array_equal(blocker.args[0], [1.0, 1.0, 1.0])


def test_jvp_with_one_hot_u_is_a_column_of_j(jvp, qtbot):
    jvp.show_result(analyze())
    assert jvp.jvp_text() == "[4, 19]"
    with qtbot.waitSignal(jvp.uChanged) as blocker:
        qtbot.mouseClick(button(jvp.editor, "x1 only"), Qt.MouseButton.LeftButton)
    np.testing.assert_array_equal(blocker.args[0], [1.0, 0.0])
    assert jvp.jvp_text() == "computing…"
    jvp.show_result(analyze(jvp=[1, 0]))
    assert jvp.jvp_text() == "[2, 3]"
    np.testing.assert_array_equal(jvp.jvp_view.matrix(), [[2.0], [3.0]])
    assert "forward passes: 1" in jvp.passes_label.text()
    assert "column 1 of J" in jvp.column_label.text()
    assert jvp.highlighted_column() == 0
    assert col_header(jvp.jacobian_view, 0) == MARK + "x1"
    assert "reverse needs 2, forward needs 2" in jvp.cost_label.text()


def test_set_u_then_matching_result_shows_no_computing(jvp):
    jvp.show_result(analyze(jvp=[0, 1]))
    jvp.set_u([0, 1])
    assert jvp.jvp_text() == "[2, 16]"
    assert "column 2 of J" in jvp.column_label.text()


def test_new_sizes_reset_the_editors_to_ones(lab, jvp, qtbot):
    lab.show_result(analyze())
    jvp.show_result(analyze())
    qtbot.mouseClick(button(lab.editor, "f2 only"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(button(jvp.editor, "x2 only"), Qt.MouseButton.LeftButton)
    three = analyze([*EXPRS, "x1*x2"])  # 3 outputs, 2 inputs
    with qtbot.assertNotEmitted(lab.vChanged):
        lab.show_result(three)
    jvp.show_result(three)
    np.testing.assert_array_equal(lab.v(), [1.0, 1.0, 1.0])
    assert lab.editor.labels() == ("f1", "f2", "f3")
    assert [b.text() for b in lab.editor.one_hot_buttons] == ["f1 only", "f2 only", "f3 only"]
    assert lab.grad_text() == "[7, 19]"
    np.testing.assert_array_equal(jvp.u(), [0.0, 1.0])  # 2 inputs still: u is kept
    assert "J is 3×2: reverse needs 3, forward needs 2" in jvp.cost_label.text()
    jvp.show_result(analyze(["x1 + x2 + x3"], {"x1": 1, "x2": 2, "x3": 3}))
    np.testing.assert_array_equal(jvp.u(), [1.0, 1.0, 1.0])
    assert [b.text() for b in jvp.editor.one_hot_buttons] == ["x1 only", "x2 only", "x3 only"]
    assert jvp.jvp_text() == "[3]"


def test_reset_to_ones_asks_for_ones_when_the_result_used_another_v(lab, qtbot):
    lab.show_result(analyze())
    with qtbot.waitSignal(lab.vChanged) as blocker:
        lab.show_result(analyze([*EXPRS, "x1*x2"], vjp=[0, 0, 1]))
    np.testing.assert_array_equal(blocker.args[0], [1.0, 1.0, 1.0])
    assert lab.grad_text() == "computing…"


def test_precision_stale_and_clear(lab):
    lab.show_result(analyze(["x1/3", "x2"], {"x1": 1, "x2": 2}))
    lab.set_precision(3)
    assert lab.grad_text() == "[0.333, 1]"
    lab.set_stale(True)
    lab.set_stale(False)
    lab.clear("no result")
    assert lab.grad_text() == ""


def test_many_components_get_a_one_hot_drop_down(qtbot):
    editor = VectorEditor("v")
    qtbot.addWidget(editor)
    labels = [f"f{k}" for k in range(1, 11)]
    editor.set_labels(labels)
    editor.set_one_hot_labels([f"{s} only" for s in labels])
    assert editor.one_hot_buttons == []
    assert editor.one_hot_combo.count() == 11  # a prompt, then one entry per component
    with qtbot.waitSignal(editor.vectorChanged) as blocker:
        editor.one_hot_combo.activated.emit(3)
    np.testing.assert_array_equal(blocker.args[0], np.eye(10)[2])
    assert editor.one_hot_combo.currentIndex() == 0
