"""The input side of the window: formula editor, highlighter, value grid, variable rows, panel."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from jacdesk.app.widgets.expression_editor import ExpressionEditor, split_lines
from jacdesk.app.widgets.highlighter import spans
from jacdesk.app.widgets.value_grid import ValueGrid, default_value
from jacdesk.app.widgets.variable_row import VariableRow
from jacdesk.app.widgets.variables_panel import VariablesPanel

TUTORIAL = "x1**2 + 2*x2\n3*x1 + 4*x2**2"
CONTROL_CLASSES = (
    "QPlainTextEdit",
    "QPushButton",
    "QToolButton",
    "QComboBox",
    "QCheckBox",
    "QSlider",
    "QSpinBox",
    "QDoubleSpinBox",
    "QTableWidget",
)


@pytest.fixture
def editor(qtbot) -> ExpressionEditor:
    w = ExpressionEditor()
    qtbot.addWidget(w)
    w.show()
    w.edit.setFocus()
    return w


# ------------------------------------------------------------------------------ pure helpers
def test_split_lines_skips_blanks_and_comments() -> None:
    text = "# the tutorial\nx1**2 + 2*x2\n\n   \n  3*x1 + 4*x2**2  # f2\n#\n"
    assert split_lines(text) == [(1, "x1**2 + 2*x2"), (4, "3*x1 + 4*x2**2")]
    assert split_lines("") == []


def test_spans_colour_roles_and_continue_after_a_bad_character() -> None:
    got = spans("sin(pi*x) $ X.T")
    roles = {("sin(pi*x) $ X.T")[s : s + n]: role for s, n, role in got}
    assert roles["sin"] == "function"
    assert roles["pi"] == "constant"
    assert roles["x"] == "variable"
    assert roles["("] == "bracket"
    assert roles["$"] == "bad"
    assert roles["X"] == "variable" and roles["T"] == "op"


def test_default_matrix_is_not_singular() -> None:
    for n in range(1, 7):
        assert abs(np.linalg.det(default_value((n, n)))) > 0.5
    assert default_value((2, 2)).tolist() == [[2, 1], [1, 3]]


# ------------------------------------------------------------------------------ the editor
def test_typing_emits_the_expression_lines(qtbot, editor) -> None:
    seen: list[list[str]] = []
    editor.expressionsEdited.connect(seen.append)
    qtbot.keyClicks(editor.edit, "x1**2 + 2*x2")
    qtbot.keyClick(editor.edit, Qt.Key.Key_Return)
    qtbot.keyClicks(editor.edit, "3*x1 + 4*x2**2")
    assert len(seen) == len(TUTORIAL)  # one emission per keystroke
    assert seen[0] == ["x"]
    assert seen[-1] == ["x1**2 + 2*x2", "3*x1 + 4*x2**2"]
    assert editor.edit.toPlainText() == TUTORIAL


def test_blank_and_comment_lines_are_ignored(qtbot, editor) -> None:
    with qtbot.waitSignal(editor.expressionsEdited) as blocker:
        editor.set_expressions(["# the tutorial", "x1**2 + 2*x2", "", "3*x1 + 4*x2**2"])
    assert blocker.args == [["x1**2 + 2*x2", "3*x1 + 4*x2**2"]]
    assert editor.expressions() == ["x1**2 + 2*x2", "3*x1 + 4*x2**2"]


def test_show_error_underlines_the_token_in_the_right_line(editor) -> None:
    editor.set_expressions(["# comment", "x1**2 + 2*x2", "", "3*x1 * * 4"])
    editor.show_error("unexpected '*'", line=1, column=6)
    selections = editor.edit.extraSelections()
    assert len(selections) == 1
    selection = selections[0]
    block = editor.edit.document().findBlockByNumber(3)
    assert selection.cursor.selectionStart() == block.position() + 5
    assert selection.cursor.selectedText() == "*"
    assert selection.format.underlineStyle() == selection.format.UnderlineStyle.WaveUnderline
    assert "line 4, column 6" in editor.error_text()
    assert "unexpected '*'" in editor.error_text()
    editor.clear_error()
    assert editor.error_text() == "" and editor.edit.extraSelections() == []


def test_show_error_column_5_of_the_second_expression(editor) -> None:
    editor.set_expressions(TUTORIAL.split("\n"))
    editor.show_error("unexpected '+'", 1, 5)
    selection = editor.edit.extraSelections()[0]
    start = editor.edit.document().findBlockByNumber(1).position() + 4
    assert selection.cursor.selectionStart() == start
    assert "column 5" in editor.error_text()


def test_show_error_without_a_place_only_fills_the_strip(editor) -> None:
    editor.set_expressions(TUTORIAL.split("\n"))
    editor.show_error("shapes do not match", None, None)
    assert editor.error_text() == "shapes do not match"
    assert editor.edit.extraSelections() == []


def test_completion_offers_functions_and_variables(qtbot, editor) -> None:
    editor.set_variable_names(["x1", "theta"])
    names = editor.completion_names()
    assert {"sin", "det", "pi", "x1", "theta"} <= set(names)
    editor.set_expressions([])
    qtbot.keyClicks(editor.edit, "si")
    qtbot.waitUntil(editor.completer.popup().isVisible)
    qtbot.keyClick(editor.completer.popup(), Qt.Key.Key_Tab)
    assert editor.edit.toPlainText() in ("sigmoid(", "sin(", "sinh(")
    assert not editor.completer.popup().isVisible()


def test_ctrl_space_completes_a_variable(qtbot, editor) -> None:
    editor.set_variable_names(["theta"])
    editor.set_expressions([])
    qtbot.keyClicks(editor.edit, "2*t")
    qtbot.keyClick(editor.edit, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(editor.completer.popup().isVisible)
    qtbot.keyClick(editor.completer.popup(), Qt.Key.Key_Return)
    assert editor.edit.toPlainText() in ("2*theta", "2*tan(", "2*tanh(")


def test_ctrl_enter_requests_a_recompute_without_a_newline(qtbot, editor) -> None:
    editor.set_expressions(["x1**2 + 2*x2"])
    editor.edit.moveCursor(editor.edit.textCursor().MoveOperation.End)
    with qtbot.waitSignal(editor.recomputeRequested):
        qtbot.keyClick(editor.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert editor.edit.toPlainText() == "x1**2 + 2*x2"


# ------------------------------------------------------------------------------ value grid
def test_grid_shape_change_keeps_the_overlap(qtbot) -> None:
    grid = ValueGrid("matrix")
    qtbot.addWidget(grid)
    grid.set_value(np.array([[1.0, 2.0], [3.0, 4.0]]))
    grid.rows_spin.setValue(3)
    with qtbot.waitSignal(grid.valueChanged) as blocker:
        grid.cols_spin.setValue(3)
    got = blocker.args[0]
    assert got.shape == (3, 3)
    assert got.tolist() == [[1, 2, 0], [3, 4, 0], [0, 0, 0]]
    assert grid.table.rowCount() == 3 and grid.table.columnCount() == 3


def test_grid_vector_has_one_count(qtbot) -> None:
    grid = ValueGrid("vector")
    qtbot.addWidget(grid)
    grid.set_value(np.array([5.0, 6.0]))
    assert not grid.rows_spin.isVisibleTo(grid)
    with qtbot.waitSignal(grid.valueChanged) as blocker:
        grid.cols_spin.setValue(3)
    assert blocker.args[0].tolist() == [5, 6, 0]


def test_grid_cells_take_constant_expressions_and_refuse_bad_ones(qtbot) -> None:
    grid = ValueGrid("vector")
    qtbot.addWidget(grid)
    grid.set_value(np.array([1.0, 2.0]))
    with qtbot.waitSignal(grid.valueChanged) as blocker:
        grid.table.item(0, 0).setText("pi/4")
    assert blocker.args[0][0] == pytest.approx(np.pi / 4)
    with qtbot.assertNotEmitted(grid.valueChanged):
        grid.table.item(0, 1).setText("pi/")
    assert grid.value()[1] == 2.0
    bad = grid.table.item(0, 1)
    assert bad.background().color().red() > bad.background().color().green()
    assert "keeping 2" in bad.toolTip()
    with qtbot.waitSignal(grid.valueChanged):
        bad.setText("-0.5")
    assert grid.value().tolist() == [pytest.approx(np.pi / 4), -0.5]
    assert bad.background().style() == Qt.BrushStyle.NoBrush


def test_a_value_shown_again_reuses_the_cells_and_clears_a_bad_mark(qtbot) -> None:
    grid = ValueGrid("matrix")
    qtbot.addWidget(grid)
    grid.set_value(np.array([[1.0, 2.0], [3.0, 4.0]]))
    first = grid.table.item(1, 1)
    first.setText("4 +")  # refused: marked bad, the value keeps 4
    assert first.background().style() != Qt.BrushStyle.NoBrush
    grid.set_value(np.array([[1.0, 2.0], [3.0, 4.0]]))
    same = grid.table.item(1, 1)
    assert same.text() == "4" and same.background().style() == Qt.BrushStyle.NoBrush
    assert "keeping" not in same.toolTip() and "= 4" in same.toolTip()
    # a change below the cell's digits still reaches the tooltip (full precision)
    grid.set_value(np.array([[1.0, 2.0], [3.0, 4.0000001]]))
    assert grid.table.item(1, 1).text() == "4" and "4.0000001" in grid.table.item(1, 1).toolTip()
    grid.set_value(np.array([[1.0, 2.0, 5.0]]))  # another shape: the cells follow
    assert (grid.table.rowCount(), grid.table.columnCount()) == (1, 3)
    assert grid.table.item(0, 2).text() == "5"


# ------------------------------------------------------------------------------ variable row
def test_row_slider_and_spin_box_follow_each_other(qtbot) -> None:
    row = VariableRow("x1", 1.0)
    qtbot.addWidget(row)
    assert row.slider_range() == (-5.0, 5.0)
    with qtbot.waitSignal(row.valueChanged) as blocker:
        row.slider.setValue(750)
    assert blocker.args[0] == "x1"
    assert float(blocker.args[1]) == pytest.approx(2.5)
    assert row.spin.value() == pytest.approx(2.5)
    with qtbot.waitSignal(row.valueChanged):
        row.spin.setValue(-2.5)
    assert row.slider.value() == 250
    row.set_value(np.array(7.25))  # outside the range: the range grows, nothing is emitted
    assert row.slider_range() == (-5.0, 8.0)
    assert row.value().shape == () and float(row.value()) == 7.25


def test_row_kind_and_constant_signals(qtbot) -> None:
    row = VariableRow("X", 1.0)
    qtbot.addWidget(row)
    with qtbot.waitSignals([row.shapeKindChanged, row.valueChanged]):
        row.kind_combo.setCurrentIndex(2)
        row.kind_combo.activated.emit(2)
    assert row.value().tolist() == [[2, 1], [1, 3]] and row.kind() == "matrix"
    with qtbot.waitSignal(row.constantToggled) as blocker:
        row.constant_check.setChecked(True)
    assert blocker.args == ["X", True] and row.is_constant()


# ------------------------------------------------------------------------------ the panel
@pytest.fixture
def panel(qtbot) -> VariablesPanel:
    w = VariablesPanel()
    qtbot.addWidget(w)
    w.rng = np.random.default_rng(0)
    return w


def test_panel_set_names_gives_defaults(panel) -> None:
    panel.set_names(["x1", "x2"], {"x1": (), "x2": ()})
    got = panel.variables()
    assert list(got) == ["x1", "x2"]
    assert got == {"x1": 1.0, "x2": 1.0}
    assert all(v.shape == () for v in got.values())
    panel.set_names(["x", "X"], {"x": (2,), "X": (2, 2)})
    assert panel.order() == ["x", "X"]
    assert panel.variables()["x"].tolist() == [1, 1]
    assert np.linalg.det(panel.variables()["X"]) != 0


def test_panel_load_and_reset(qtbot, panel) -> None:
    panel.load({"x1": 1, "x2": 2}, {"W": [[0.5, 1.0]]})
    assert panel.variables() == {"x1": 1.0, "x2": 2.0}
    assert panel.constants()["W"].tolist() == [[0.5, 1.0]]
    assert panel.order() == ["x1", "x2", "W"]
    panel.row("x2").spin.setValue(4.0)
    assert float(panel.variables()["x2"]) == 4.0
    with qtbot.waitSignal(panel.pointChanged):
        panel.reset_button.click()
    assert panel.variables() == {"x1": 1.0, "x2": 2.0}


def test_panel_load_keeps_a_grid_of_the_same_shape_and_replaces_others(qtbot, panel) -> None:
    panel.load({"X": np.eye(3), "v": np.ones(2)}, {})
    grid_row, vector_row = panel.row("X"), panel.row("v")
    panel.load({"X": 2 * np.eye(3), "v": np.ones(4)}, {"c": np.array(1.5)})
    assert panel.row("X") is grid_row  # same shape: its cells rewritten in place
    assert panel.row("v") is not vector_row  # another shape: a new row
    assert panel.variables()["X"].tolist() == (2 * np.eye(3)).tolist()
    assert panel.variables()["v"].tolist() == [1.0] * 4
    assert panel.order() == ["X", "v", "c"] and panel.constants()["c"] == 1.5
    panel.load({"v": np.ones(4)}, {})
    assert panel.order() == ["v"]


def test_panel_reorder_swaps_the_order(qtbot, panel) -> None:
    panel.load({"x1": 1, "x2": 2}, {})
    with qtbot.waitSignal(panel.pointChanged):
        panel.move("x2", -1)
    assert panel.order() == ["x2", "x1"]
    assert list(panel.variables()) == ["x2", "x1"]
    with qtbot.assertNotEmitted(panel.pointChanged):
        panel.move("x2", -1)  # already on top


def test_panel_constant_toggle_moves_a_name(qtbot, panel) -> None:
    panel.load({"x1": 1, "x2": 2}, {})
    with qtbot.waitSignal(panel.pointChanged):
        panel.row("x2").constant_check.setChecked(True)
    assert list(panel.variables()) == ["x1"]
    assert panel.constants() == {"x2": 2.0}
    assert panel.order() == ["x1", "x2"]


def test_panel_random_point_stays_in_range(qtbot, panel) -> None:
    panel.load({"x1": 1, "x2": 2, "v": [1, 1, 1]}, {"c": 3})
    panel.row("x2").set_range(10, 11)
    with qtbot.waitSignal(panel.pointChanged):
        panel.random_button.click()
    got = panel.variables()
    assert -5 <= float(got["x1"]) <= 5 and 10 <= float(got["x2"]) <= 11
    assert got["v"].shape == (3,) and got["v"].tolist() != [1, 1, 1]
    assert np.allclose(got["v"], np.round(got["v"], 2))
    assert panel.constants() == {"c": 3.0}


def test_panel_set_names_keeps_existing_values(panel) -> None:
    panel.load({"x1": 1.5, "x2": 2}, {})
    panel.set_names(["x0", "x1", "x2", "x3"], {"x0": (), "x3": (2,)})
    assert panel.order() == ["x0", "x1", "x2", "x3"]
    got = panel.variables()
    assert float(got["x1"]) == 1.5 and float(got["x2"]) == 2.0
    assert got["x3"].tolist() == [1, 1]
    panel.set_names(["x2"], {})
    assert panel.order() == ["x2"] and float(panel.variables()["x2"]) == 2.0


def test_panel_shape_change_by_the_user(qtbot, panel) -> None:
    panel.set_names(["x"], {"x": ()})
    row = panel.row("x")
    with qtbot.waitSignals([panel.shapeChanged, panel.pointChanged]):
        row.kind_combo.setCurrentIndex(1)
        row.kind_combo.activated.emit(1)
    assert panel.variables()["x"].shape == (2,)


def test_widgets_have_tooltips(qtbot, editor, panel) -> None:
    panel.load({"x1": 1, "X": [[1, 2], [3, 4]]}, {})
    for root in (editor, panel):
        controls = [
            w for w in root.findChildren(QWidget) if w.metaObject().className() in CONTROL_CLASSES
        ]
        assert controls
        assert all(w.toolTip() for w in controls), [w.metaObject().className() for w in controls]


def test_widgets_do_not_import_torch() -> None:
    code = (
        "import sys\n"
        "import jacdesk.app.widgets.expression_editor, jacdesk.app.widgets.variables_panel\n"
        "assert 'torch' not in sys.modules, 'torch imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
