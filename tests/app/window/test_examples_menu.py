"""Examples ▸ four submenus (tutorial, coordinates, layers & softmax, matrix calculus)."""

from __future__ import annotations

from jacdesk.app.window.main_window import MainWindow
from jacdesk.core.content.examples import EXAMPLES, GROUPS


def test_the_examples_menu_is_grouped(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    w = MainWindow(restore=False)
    qtbot.addWidget(w)
    menu = next(a.menu() for a in w.menuBar().actions() if a.text() == "E&xamples")
    subs = [a.menu() for a in menu.actions()]
    assert [s.title() for s in subs] == list(GROUPS)
    titles = [[a.text() for a in s.actions()] for s in subs]
    assert titles == [[ex.title for ex in EXAMPLES if ex.group == g] for g in GROUPS]
    assert sum(map(len, titles)) == len(EXAMPLES) == 17
    assert all(a.toolTip() for s in subs for a in s.actions())
