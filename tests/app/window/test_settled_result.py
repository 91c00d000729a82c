"""After a typing error, the result shown (stale) is the last one that settled, never the
result of a momentary keystroke (issue: select-all, "x", then "x1**2 + ")."""

from __future__ import annotations

from jacdesk.app.window.main_window import MainWindow

SEED = ("x1**2 + 2*x2", "3*x1 + 4*x2**2")


def test_an_error_falls_back_to_the_last_settled_result(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    w = MainWindow(restore=False)
    qtbot.addWidget(w)
    w.show()
    c = w.controller
    qtbot.waitUntil(
        lambda: c.settled_result is not None and tuple(c.settled_result.expressions) == SEED,
        timeout=60_000,
    )
    # A keystroke's momentary f computes and shows...
    w.editor.set_expressions(["x"])
    qtbot.waitUntil(
        lambda: c.last_result is not None and tuple(c.last_result.expressions) == ("x",),
        timeout=30_000,
    )
    # ...but the next keystroke is a syntax error before it could settle.
    with qtbot.waitSignal(c.settledShown, timeout=30_000) as shown:
        w.editor.set_expressions(["x1**2 + "])
    assert tuple(shown.args[0].expressions) == SEED
    assert tuple(c.last_result.expressions) == SEED
    j = w.tabs.view("J").matrix_view
    assert [[j.cell_text(r, k) for k in range(2)] for r in range(2)] == [["2", "2"], ["3", "16"]]
    assert "stale" in w.status_line.strategy_label.text()
    w.close()


def test_a_settled_result_is_kept_when_the_error_follows_it(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    w = MainWindow(restore=False)
    qtbot.addWidget(w)
    w.show()
    c = w.controller
    qtbot.waitUntil(lambda: c.settled_result is not None, timeout=60_000)
    settled = c.settled_result
    w.editor.set_expressions(["x1**2 + ", "3*x1"])
    qtbot.waitUntil(lambda: "stale" in w.status_line.strategy_label.text(), timeout=30_000)
    assert c.last_result is settled or c.last_result.generation == settled.generation
    w.close()
