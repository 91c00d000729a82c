"""Walking through the lessons never marks the session modified; a note leaves with its f."""

from __future__ import annotations

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


def test_walking_the_lessons_keeps_the_session_clean(qtbot, window, dialogs):
    w = window
    w.document.mark_clean()
    driver = w.show_lessons("en", 0)
    for index in range(min(4, driver.panel.count())):
        with qtbot.waitSignal(driver.stepApplied, timeout=60_000):
            driver.panel.go_to(index)
        w.document.refresh()
        assert not w.document.is_modified(), index
        assert not w.isWindowModified()
    assert w.close()
    assert not any(kind == "question" for kind, _ in dialogs)  # Quit did not ask


def test_the_example_note_goes_when_f_is_edited(qtbot, window):
    w = window
    ex = next(e for e in EXAMPLES if e.note)
    w.load_example(ex)
    assert w.note_label.isVisibleTo(w)
    w.editor.set_expressions(list(ex.expressions))  # the same f: the note stays
    assert w.note_label.isVisibleTo(w)
    w.editor.set_expressions(["x1**3 + 7*x2"])  # another f: the note goes
    assert not w.note_label.isVisibleTo(w)
