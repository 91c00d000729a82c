"""Extras skipped for size, and a request refused for memory, get the window's own
"compute anyway" (with the predicted cost), not a Python keyword in a note."""

from __future__ import annotations

import numpy as np

from jacdesk.app.window.main_window import MainWindow
from jacdesk.core.diff import budget


def _window(qtbot, tmp_path, monkeypatch) -> MainWindow:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    w = MainWindow(restore=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.controller.last_result is not None, timeout=60_000)
    return w


def test_skipped_extras_can_be_computed_anyway(qtbot, tmp_path, monkeypatch):
    w = _window(qtbot, tmp_path, monkeypatch)
    c = w.controller
    w.editor.set_expressions(["x * 2"])
    w.variables.load({"x": np.ones(80)}, {})  # 80 × 80: rows and the FD check are skipped
    w.variables.pointChanged.emit()
    qtbot.waitUntil(lambda: c.offer is not None, timeout=60_000)
    assert set(c.offer.extras) == {"rows", "fd_check"} and c.offer.cost > 0
    assert w.anyway.isVisible() and "Compute anyway" in w.anyway.text()
    assert c.last_result.rows_by_backward is None
    with qtbot.waitSignal(c.resultReady, timeout=60_000):
        w.anyway.click()
    qtbot.waitUntil(lambda: c.last_result.rows_by_backward is not None, timeout=60_000)
    assert c.last_result.check.fd_ok is True
    w.close()


def test_a_memory_refusal_offers_to_run_with_what_it_needs(qtbot, tmp_path, monkeypatch):
    w = _window(qtbot, tmp_path, monkeypatch)
    c = w.controller
    budget.set_memory_budget(200_000)  # the seed fits; a 60 × 60 J does not
    try:
        w.editor.set_expressions(["x * 2"])
        w.variables.load({"x": np.ones(60)}, {})
        w.variables.pointChanged.emit()
        qtbot.waitUntil(lambda: c.offer is not None and bool(c.offer.needed), timeout=60_000)
        assert "memory" in w.editor.error_text()
        assert "needs" in w.anyway.text()
        with qtbot.waitSignal(c.resultReady, timeout=60_000):
            w.anyway.click()
        assert c.last_result.jacobian.shape == (60, 60)
    finally:
        budget.set_memory_budget(None)
    w.close()
