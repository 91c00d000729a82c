"""Opening the Plots tab leaves the editor pane as wide as it was (on every tab after it too)."""

from __future__ import annotations

from jacdesk.app.views.plots_panel import PlotsPanel
from jacdesk.app.window.main_window import MainWindow
from jacdesk.core.content.examples import EXAMPLES


def test_the_plots_tab_keeps_the_splitter_sizes(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    w = MainWindow(restore=False)
    qtbot.addWidget(w)
    w.resize(1024, 640)
    w.show()
    w.load_example(EXAMPLES[0])
    qtbot.waitUntil(lambda: w.controller.last_result is not None, timeout=60_000)
    splitter = w.centralWidget()
    before = splitter.sizes()
    plots = next(i for i in range(w.tabs.count()) if isinstance(w.tabs.widget(i), PlotsPanel))
    w.tabs.setCurrentIndex(plots)
    qtbot.wait(50)
    assert splitter.sizes() == before
    w.tabs.setCurrentIndex(0)
    qtbot.wait(50)
    assert splitter.sizes() == before
