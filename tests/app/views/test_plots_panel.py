"""The Plots tab inside the window: the maps draw the core's grid, and a click moves the point."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from jacdesk.app.window.main_window import MainWindow
from jacdesk.core.diff.grid import grid


def test_plots_tab_draws_the_core_grid_and_a_click_moves_the_point(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    w = MainWindow(restore=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.controller.last_result is not None, timeout=60_000)
    with qtbot.waitSignal(w.plot_controller.gridReady, timeout=60_000) as blocker:
        w.tabs.setCurrentWidget(w.plots)
    main = blocker.args[0]
    w.plots.views.setCurrentWidget(w.plots.maps)
    expected = grid(
        ["x1**2 + 2*x2", "3*x1 + 4*x2**2"],
        {"x1": 1.0, "x2": 2.0},
        {a: (c[0], c[-1], len(c)) for a, c in zip(main.axes, main.coords, strict=True)},
    )
    np.testing.assert_array_equal(main.values, expected.values)
    np.testing.assert_array_equal(np.asarray(w.plots.maps.image_data(0)), main.values[..., 0])
    # A click on a map sets x1, x2 to the clicked coordinates; every view then follows.
    w.plots.pointPicked.emit({"x1": 0.5, "x2": -1.0})
    qtbot.waitUntil(lambda: w.controller.last_result.point["x1"] == 0.5, timeout=30_000)
    assert float(w.variables.variables()["x2"]) == -1.0
    assert w.controller.last_result.jacobian.tolist() == [[1.0, 2.0], [3.0, -8.0]]


def test_plots_save_as_png_svg_and_csv(qtbot, tmp_path, monkeypatch):
    from jacdesk.app.widgets import plot_export

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    w = MainWindow(restore=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.controller.last_result is not None, timeout=60_000)
    with qtbot.waitSignal(w.plot_controller.gridReady, timeout=60_000):
        w.tabs.setCurrentWidget(w.plots)
    w.plots.views.setCurrentWidget(w.plots.maps)
    png = plot_export.save_image(w.plots.maps, str(tmp_path / "maps.png"))
    assert Path(png).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = plot_export.save_image(w.plots.maps, str(tmp_path / "maps.svg"))
    assert "<svg" in Path(svg).read_text(encoding="utf-8")[:2000]
    files = w.plots.data_files()
    assert set(files) == {"plot_values.csv", "plot_jacobian.csv", "plot_det.csv"}
    head, first = files["plot_det.csv"].splitlines()[:2]
    assert head == "x1,x2,det J" and len(first.split(",")) == 3


def test_plot_views_are_built_when_the_tab_is_first_shown(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    w = MainWindow(restore=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.controller.last_result is not None, timeout=60_000)
    assert not w.plots.views_built()  # pyqtgraph stays off the path to the first numbers
    with qtbot.waitSignal(w.plot_controller.gridReady, timeout=60_000) as blocker:
        w.tabs.setCurrentWidget(w.plots)
    assert w.plots.views_built()
    main = blocker.args[0]
    w.plots.views.setCurrentWidget(w.plots.maps)
    np.testing.assert_array_equal(np.asarray(w.plots.maps.image_data(0)), main.values[..., 0])
