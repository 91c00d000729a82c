"""Values and shapes belong to names for the session: a keystroke never loses or reshapes them;
replaced widgets are destroyed (the live-widget count stays bounded)."""

from __future__ import annotations

import gc

import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication

from jacdesk.app.window.main_window import MainWindow
from jacdesk.core.content.examples import EXAMPLES


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    w = MainWindow(restore=False)
    qtbot.addWidget(w)
    w.show()
    yield w
    w.close()


def _type(qtbot, w: MainWindow, text: str) -> None:
    w.editor.set_expressions([text])
    qtbot.wait(0)  # one event-loop turn, as between two keystrokes


def test_retyping_a_name_keeps_its_value(qtbot, window):
    w = window
    _type(qtbot, w, "x1 + x2")
    w.variables.row("x2").set_value(np.array(3.0))
    w.variables.pointChanged.emit()
    _type(qtbot, w, "x1 + x")  # the "2" deleted …
    assert "x2" not in w.variables.order()
    _type(qtbot, w, "x1 + x2")  # … and typed again
    assert float(w.variables.row("x2").value()) == 3.0


def test_an_unknown_function_keeps_the_panel(qtbot, window):
    w = window
    _type(qtbot, w, "x1 + x2")
    w.variables.row("x1").set_value(np.array(4.0))
    w.variables.pointChanged.emit()
    _type(qtbot, w, "foo(x1) + x2")
    assert w.variables.order() == ["x1", "x2"]
    assert float(w.variables.row("x1").value()) == 4.0


def test_a_transient_keystroke_never_changes_kinds(qtbot, window):
    w = window
    _type(qtbot, w, "x1*x2")
    assert w.variables.row("x1").kind() == "scalar"
    _type(qtbot, w, "x1x2")  # Delete on "*": one new name for a moment
    _type(qtbot, w, "x1@x2")  # "@" typed: x1 and x2 were scalars, they stay scalars
    assert w.variables.row("x1").kind() == "scalar"
    assert w.variables.row("x2").kind() == "scalar"


def _live_widgets() -> int:
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QApplication.processEvents()
        gc.collect()
    return len(QApplication.allWidgets())


def test_point_and_example_loads_do_not_leak_widgets(qtbot, window):
    w = window
    for ex in EXAMPLES[:3]:  # warm-up: every view built once
        w.load_example(ex)
    w.load_example(EXAMPLES[0])
    for i in range(20):
        w.variables.load({"x1": float(i), "x2": 2.0}, {})
    before = _live_widgets()
    for i in range(100):
        w.variables.load({"x1": float(i), "x2": np.arange(3.0), "X": np.eye(2)}, {})
        w.variables.load({"x1": float(i), "x2": 2.0}, {})
        if i % 20 == 0:
            w.load_example(EXAMPLES[i % 3])
            w.load_example(EXAMPLES[0])
            w.variables.load({"x1": float(i), "x2": 2.0}, {})
    after = _live_widgets()
    # 200 loads of rows with grids (~15 widgets each): a leak would add thousands
    assert after - before < 60, (before, after)


def test_a_40_by_40_matrix_shows_its_shape_and_grows_keeping_values(qtbot, window):
    w = window
    _type(qtbot, w, "sum(X @ X)")
    big = np.arange(1600.0).reshape(40, 40)
    w.variables.load({"X": big}, {})
    grid = w.variables.row("X").grid
    assert (grid.rows_spin.value(), grid.cols_spin.value()) == (40, 40)
    np.testing.assert_array_equal(w.variables.row("X").value(), big)
    grid.rows_spin.setValue(41)  # one more row: the 40 × 40 values stay, the new row is 0
    value = w.variables.row("X").value()
    assert value.shape == (41, 40)
    np.testing.assert_array_equal(value[:40], big)


def test_a_shape_change_is_undone_with_ctrl_z_in_the_panel(qtbot, window):
    w = window
    _type(qtbot, w, "sum(X @ X)")
    big = np.arange(1600.0).reshape(40, 40)
    w.variables.load({"X": big}, {})
    grid = w.variables.row("X").grid
    grid.rows_spin.setValue(11)  # one click too many: X is cut to 11 × 40 …
    assert w.variables.row("X").value().shape == (11, 40)
    with qtbot.waitSignal(w.variables.pointChanged):
        w.variables.undo_stack.undo()  # … Ctrl+Z gives every value back
    np.testing.assert_array_equal(w.variables.row("X").value(), big)
    assert w.controller.variables["X"].shape == (40, 40)
    w.variables.undo_stack.redo()
    assert w.variables.row("X").value().shape == (11, 40)
