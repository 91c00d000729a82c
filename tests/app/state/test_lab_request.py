"""The controller's lab runner (the Questions tab): one job at a time, by generation, by kind."""

from __future__ import annotations

import numpy as np
import pytest

from jacdesk.app.state.controller import Controller
from jacdesk.core.diff.pitfalls import PitfallResult
from jacdesk.core.results.precision import PrecisionResult

TIMEOUT = 30_000


@pytest.fixture
def controller(qtbot):
    c = Controller()
    yield c
    c.shutdown()


def _seed(c: Controller, qtbot) -> None:
    with qtbot.waitSignal(c.resultReady, timeout=TIMEOUT):
        c.set_expressions(["x1**2 + 2*x2", "3*x1 + 4*x2**2"])
        c.set_point({"x1": np.array(1.0), "x2": np.array(2.0)}, {})


def test_a_precision_job_runs_on_the_current_f(controller, qtbot) -> None:
    _seed(controller, qtbot)
    with qtbot.waitSignal(controller.labReady, timeout=TIMEOUT) as got:
        controller.request_lab("precision", {"dtype": "float32"})
    kind, result = got.args
    assert kind == "precision" and isinstance(result, PrecisionResult)
    assert result.dtype == "float32" and result.generation == controller.generation


def test_without_a_formula_the_page_hears_one_line(controller, qtbot) -> None:
    with qtbot.waitSignal(controller.labFailed) as got:
        controller.request_lab("cost")
    assert got.args[0] == "cost" and "\n" not in got.args[1]


def test_practice_needs_no_formula(controller, qtbot) -> None:
    with qtbot.waitSignal(controller.labReady, timeout=TIMEOUT) as got:
        controller.request_lab("practice", {"exercise": "seed-det", "answer": "26"})
    assert got.args[0] == "practice" and got.args[1].correct


def test_an_unreadable_answer_is_one_line(controller, qtbot) -> None:
    with qtbot.waitSignal(controller.labFailed, timeout=TIMEOUT) as got:
        controller.request_lab("practice", {"exercise": "seed-det", "answer": "twenty"})
    assert got.args[0] == "practice" and "\n" not in got.args[1]


def test_a_job_of_another_kind_supersedes_and_cancels(controller, qtbot) -> None:
    _seed(controller, qtbot)
    heard: list[tuple] = []
    controller.labCancelled.connect(lambda kind: heard.append(("cancelled", kind)))
    with qtbot.waitSignal(controller.labReady, timeout=TIMEOUT) as ready:
        controller.request_lab("cost")
        controller.request_lab("pitfall", {"key": "accumulate"})
    assert heard == [("cancelled", "cost")]
    assert ready.args[0] == "pitfall" and isinstance(ready.args[1], PitfallResult)
    assert ready.args[1].values["twice"].tolist() == [10.0, 36.0]


def test_an_answer_for_an_older_f_is_dropped(controller, qtbot) -> None:
    _seed(controller, qtbot)
    controller.request_lab("pitfall", {"key": "accumulate"})
    controller.generation += 1  # a newer edit was submitted meanwhile
    with qtbot.waitSignal(controller.labCancelled, timeout=TIMEOUT) as got:
        pass
    assert got.args == ["pitfall"]


def test_cancel_lab_stops_a_measurement(controller, qtbot) -> None:
    _seed(controller, qtbot)
    controller.request_lab("cost")
    with qtbot.waitSignal(controller.labCancelled) as got:
        controller.cancel_lab()
    assert got.args == ["cost"]
    with qtbot.assertNotEmitted(controller.labReady, wait=300):
        pass
