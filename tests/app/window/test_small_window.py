"""A 1024×640 screen holds the whole window on every tab, in every language: no tab makes
the window taller or wider than that (a tall lab scrolls inside its tab)."""

from __future__ import annotations

import pytest

from jacdesk.app.system.i18n import install_translator
from jacdesk.app.window.main_window import MainWindow


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_every_tab_fits_a_1024_by_640_window(qtbot, qapp, language, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    install_translator(qapp, language)
    try:
        win = MainWindow(restore=False)
        qtbot.addWidget(win)
        win.resize(1024, 640)
        win.show()
        qtbot.waitExposed(win)
        qtbot.waitUntil(lambda: win.controller.last_result is not None, timeout=60_000)
        for index in range(win.tabs.count()):
            win.tabs.setCurrentIndex(index)
            qtbot.wait(0)
            hint = win.minimumSizeHint()
            assert hint.width() <= 1024 and hint.height() <= 640, (win.tabs.tabText(index), hint)
        assert (win.width(), win.height()) == (1024, 640)
    finally:
        install_translator(qapp, "en")
