"""The window end to end (offscreen): the tutorial's numbers in every view, errors, closing."""

from __future__ import annotations

import numpy as np
import pytest

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


def _settled(w: MainWindow):
    r = w.controller.last_result
    # The hidden tabs get each result one per event-loop turn, after the shown one.
    return r is not None and r.symbolic is not None and w.tabs.pending() == 0


def test_typing_the_tutorial_shows_its_numbers_everywhere(qtbot, window):
    w = window
    w.load_example(EXAMPLES[1])  # start elsewhere, then type the tutorial in
    qtbot.waitUntil(lambda: w.controller.last_result is not None, timeout=60_000)
    w.editor.edit.setPlainText("x1**2 + 2*x2\n3*x1 + 4*x2**2")
    w.variables.load({"x1": 1.0, "x2": 2.0}, {})
    w.variables.pointChanged.emit()
    qtbot.waitUntil(
        lambda: _settled(w) and w.controller.last_result.expressions[0] == "x1**2 + 2*x2",
        timeout=60_000,
    )
    j = w.tabs.view("J").matrix_view
    assert [[j.cell_text(r, c) for c in range(2)] for r in range(2)] == [["2", "2"], ["3", "16"]]
    assert w.backward_lab.grad_text() == "[5, 18]"
    assert "26" in w.tabs.view("det J").text()
    # one-hot v = (0, 1): back-propagating f2 alone gives row 2 of J
    w.backward_lab.set_v(np.array([0.0, 1.0]))
    w.controller.set_v(np.array([0.0, 1.0]))
    qtbot.waitUntil(lambda: w.backward_lab.grad_text() == "[3, 16]", timeout=30_000)


def test_syntax_error_keeps_the_last_result_marked_stale(qtbot, window):
    w = window
    qtbot.waitUntil(lambda: w.controller.last_result is not None, timeout=60_000)
    w.editor.set_expressions(["x1**2 + 2*x2", "3*x1 +* 4*x2**2"])
    qtbot.waitUntil(lambda: "column 7" in w.editor.error_text(), timeout=30_000)
    assert w.controller.last_result.jacobian.tolist() == [[2.0, 2.0], [3.0, 16.0]]
    assert w.tabs.view("J").isVisible()
    assert "stale" in w.status_line.strategy_label.text()


def test_every_example_loads_and_computes(qtbot, window):
    w = window
    for ex in EXAMPLES:
        w.load_example(ex)
        qtbot.waitUntil(
            lambda e=ex: (
                w.controller.last_result is not None
                and w.controller.last_result.expressions == e.expressions
            ),
            timeout=60_000,
        )
        assert not w.editor.error_text(), (ex.key, w.editor.error_text())


def test_closing_while_a_heavy_job_runs_exits_cleanly(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    w = MainWindow(restore=False)
    qtbot.addWidget(w)
    w.show()
    w.compute_toolbar.symbolic_box.setChecked(False)
    w.editor.set_expressions(["tanh(X @ X)"])
    w.variables.load({"X": np.random.default_rng(1).random((64, 64)) / 8}, {})
    w.variables.pointChanged.emit()
    qtbot.waitUntil(lambda: w.status_line.busy.isVisible(), timeout=30_000)
    w.close()
    assert not w.controller._numeric.isRunning()


def test_last_expressions_and_point_are_restored(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    first = MainWindow(restore=False)
    qtbot.addWidget(first)
    first.load_example(EXAMPLES[1])  # polar → Cartesian at r = 2, t = 0.5
    qtbot.waitUntil(lambda: first.controller.last_result is not None, timeout=60_000)
    first.close()
    second = MainWindow(restore=True)
    qtbot.addWidget(second)
    assert second.editor.expressions() == list(EXAMPLES[1].expressions)
    assert {k: float(v) for k, v in second.variables.variables().items()} == {"r": 2.0, "t": 0.5}
    second.close()
