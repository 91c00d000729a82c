"""A tab's short messages ("copied as NumPy") reach the window's status bar."""

from __future__ import annotations

from jacdesk.app.window.main_window import MainWindow


def test_copying_from_the_j_tab_says_so_in_the_status_bar(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    w = MainWindow(restore=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.controller.last_result is not None, timeout=60_000)
    j = w.tabs.view("J").matrix_view
    text = j._copy_literal("NumPy")
    assert "2" in text and "16" in text
    assert "NumPy" in w.statusBar().currentMessage()
    w.close()
