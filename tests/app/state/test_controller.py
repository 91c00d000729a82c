"""The controller and its workers: results, errors, stale dropping, clean shutdown."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from jacdesk.app.state import requests as requests_mod
from jacdesk.app.state.controller import Controller

EXAMPLE = ["x1**2 + 2*x2", "3*x1 + 4*x2**2"]


@pytest.fixture
def controller(qtbot):
    c = Controller()
    yield c
    c.shutdown()


def _load(c: Controller, exprs=EXAMPLE, point=None) -> None:
    c.set_expressions(exprs)
    c.set_point(point or {"x1": np.array(1.0), "x2": np.array(2.0)}, {})
    c.recompute()


def test_tutorial_numeric_then_symbolic(qtbot, controller):
    results = []
    controller.resultReady.connect(results.append)
    with qtbot.waitSignal(
        controller.symbolicPending, check_params_cb=lambda on: on is False, timeout=60_000
    ):
        _load(controller)
    numeric, full = results[0], results[-1]
    assert numeric.jacobian.tolist() == [[2.0, 2.0], [3.0, 16.0]]
    assert numeric.vjp.tolist() == [5.0, 18.0]
    assert numeric.determinant == 26.0
    assert numeric.symbolic is None
    assert full.symbolic.jacobian_text == (("2*x1", "2"), ("3", "8*x2"))
    assert full.check.symbolic_ok is True


def test_discovered_names_and_guessed_shapes(qtbot, controller):
    with qtbot.waitSignal(controller.namesDiscovered) as blocker:
        controller.set_expressions(["x.T @ A @ x"])
    names, shapes = blocker.args
    assert names == ["x", "A"]
    assert shapes == {"x": (2,), "A": (2, 2)}


def test_one_hot_v_gives_a_row(qtbot, controller):
    controller.set_v(np.array([0.0, 1.0]))
    with qtbot.waitSignal(controller.resultReady, timeout=30_000) as blocker:
        _load(controller)
    assert blocker.args[0].vjp.tolist() == [3.0, 16.0]


def test_syntax_error_reports_column_and_marks_stale(qtbot, controller):
    with qtbot.waitSignal(controller.resultReady, timeout=30_000):
        _load(controller)
    stale = []
    controller.staleChanged.connect(stale.append)
    with qtbot.waitSignal(controller.errorOccurred) as blocker:
        controller.set_expressions(["x1**2 + 2*x2", "3*x1 +* 4"])
        controller.recompute()
    message, line, column = blocker.args
    assert (line, column) == (1, 7)
    assert "'*'" in message
    assert stale == [True]
    assert controller.last_result.jacobian.tolist() == [[2.0, 2.0], [3.0, 16.0]]


def test_slow_stale_result_never_overwrites_a_newer_one(qtbot, controller, monkeypatch):
    release = threading.Event()
    real = requests_mod.run_numeric

    def slow_first(req, task):
        if req.generation == 1:
            release.wait(10)  # ignores cancellation on purpose: it finishes late
        return real(req, task)

    monkeypatch.setattr(controller._numeric, "_compute", slow_first)
    shown = []
    controller.resultReady.connect(lambda r: shown.append(r.generation))
    controller.set_options(symbolic=False)
    _load(controller, point={"x1": np.array(1.0), "x2": np.array(2.0)})
    controller.set_point({"x1": np.array(3.0), "x2": np.array(2.0)}, {})
    controller.recompute()  # generation 2 while generation 1 is stuck
    release.set()
    qtbot.waitUntil(lambda: 2 in shown or 3 in shown, timeout=30_000)
    assert 1 not in shown
    assert controller.last_result.jacobian[0, 0] == 6.0  # 2*x1 at x1 = 3


def test_shutdown_while_a_heavy_job_runs_is_clean(qtbot):
    c = Controller()
    c.set_options(symbolic=False)
    with qtbot.waitSignal(c.busyChanged, check_params_cb=bool, timeout=30_000):
        _load(c, ["X @ X"], {"X": np.random.default_rng(0).random((48, 48))})
    c.shutdown()
    assert not c._numeric.isRunning()
    assert not c._symbolic.isRunning()


def test_an_edit_in_its_debounce_is_waiting_until_it_is_submitted(qtbot, controller):
    with qtbot.waitSignal(controller.resultReady, timeout=60_000):
        _load(controller)
    assert not controller.waiting()
    shown = controller.generation
    controller.set_point({"x1": np.array(1.0), "x2": np.array(3.0)}, {})  # first edit: soon
    controller.set_point({"x1": np.array(1.0), "x2": np.array(4.0)}, {})  # within the interval
    assert controller.waiting()
    assert controller.last_result.generation == shown  # what is shown is the older input's
    qtbot.waitUntil(lambda: not controller.waiting(), timeout=5_000)
    qtbot.waitUntil(
        lambda: controller.last_result.generation == controller.generation, timeout=60_000
    )
    assert controller.last_result.jacobian.tolist() == [[2.0, 2.0], [3.0, 32.0]]
