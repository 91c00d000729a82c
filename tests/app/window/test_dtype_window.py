"""The window's float32 switch: the numbers are torch's float32 ones, the status bar and the
J tab say so, and a saved session keeps it."""

from __future__ import annotations

import numpy as np

from jacdesk.app.window.main_window import MainWindow


def test_float32_from_the_toolbar(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    w = MainWindow(restore=False)
    qtbot.addWidget(w)
    w.show()
    c = w.controller
    qtbot.waitUntil(lambda: c.last_result is not None, timeout=60_000)
    assert c.last_result.dtype == "float64"
    assert w.status_line.device_label.text().endswith("float64")
    w.editor.set_expressions(["sin(x1)*exp(x2)", "x1*x2"])
    w.variables.load({"x1": np.array(0.7), "x2": np.array(0.3)}, {})
    w.variables.pointChanged.emit()
    qtbot.waitUntil(
        lambda: c.last_result is not None and c.last_result.expressions[0] == "sin(x1)*exp(x2)",
        timeout=60_000,
    )
    j64 = c.last_result.jacobian
    bar = w.compute_toolbar
    bar.dtype_combo.setCurrentIndex(bar.dtype_combo.findData("float32"))
    qtbot.waitUntil(lambda: c.last_result.dtype == "float32", timeout=60_000)
    j32 = c.last_result.jacobian
    assert not np.array_equal(j32, j64) and np.abs(j32 - j64).max() < 1e-6
    assert w.status_line.device_label.text().endswith("float32")
    assert "float32" in w.tabs.view("J").conventions.text()
    session = w.sessions.collect()
    assert session.dtype == "float32"
    # Loading it into a fresh window sets the switch back to float32.
    w.compute_toolbar.dtype_combo.setCurrentIndex(0)
    qtbot.waitUntil(lambda: c.last_result.dtype == "float64", timeout=60_000)
    w.sessions.apply(session)
    assert bar.dtype_combo.currentData() == "float32" and c.options.dtype == "float32"
    qtbot.waitUntil(lambda: c.last_result.dtype == "float32", timeout=60_000)
    w.close()
