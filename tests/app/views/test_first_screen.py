"""The first screen says what it is doing while a request runs (before any J is shown)."""

from __future__ import annotations

import sys
import types

import numpy as np

import jacdesk
from jacdesk.app.views import jacobian_view
from jacdesk.app.views.jacobian_view import JacobianView
from jacdesk.app.views.result_tabs import ResultTabs
from jacdesk.app.window.main_window import MainWindow

SEED = ["x1**2 + 2*x2", "3*x1 + 4*x2**2"]


def test_busy_with_torch_loaded_says_computing_and_idle_asks_for_input(qtbot):
    view = JacobianView()
    qtbot.addWidget(view)
    view.clear()
    view.set_busy(True)
    assert view.matrix_view.placeholder.text() == "computing…"
    view.set_busy(False)
    assert view.matrix_view.placeholder.text() == "type f and a point to see its Jacobian"


def test_busy_while_torch_is_still_importing_says_loading(qtbot, monkeypatch):
    half_imported = types.ModuleType("torch")
    half_imported.__spec__ = types.SimpleNamespace(_initializing=True)
    monkeypatch.setitem(sys.modules, "torch", half_imported)
    assert jacobian_view.torch_loading()
    view = JacobianView()
    qtbot.addWidget(view)
    view.set_busy(True)
    assert view.matrix_view.placeholder.text().startswith("loading torch…")


def test_busy_never_hides_a_shown_jacobian(qtbot):
    tabs = ResultTabs()
    qtbot.addWidget(tabs)
    tabs.show_result(jacdesk.analyze(SEED, {"x1": 1, "x2": 2}))
    view = tabs.view("J")
    tabs.set_busy(True)
    assert view.matrix_view.matrix().tolist() == [[2.0, 2.0], [3.0, 16.0]]
    tabs.set_busy(False)
    np.testing.assert_array_equal(view.matrix_view.matrix(), [[2.0, 2.0], [3.0, 16.0]])


def test_the_window_shows_computing_while_its_request_runs(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    w = MainWindow(restore=False)
    qtbot.addWidget(w)
    seen: list[str] = []
    placeholder = w.tabs.view("J").matrix_view.placeholder
    w.controller.busyChanged.connect(lambda busy: busy and seen.append(placeholder.text()))
    w.show()
    qtbot.waitUntil(lambda: w.controller.last_result is not None, timeout=60_000)
    assert seen and seen[0] in ("computing…", "loading torch… the first numbers follow")
    assert w.controller.last_result.jacobian.tolist() == [[2.0, 2.0], [3.0, 16.0]]
