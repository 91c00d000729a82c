"""The controller captures the Graph tab's autograd graph on its worker, by generation."""

from __future__ import annotations

import numpy as np
import pytest

from jacdesk.app.state.controller import Controller
from jacdesk.core.results.graph_layout import GraphLayout


@pytest.fixture
def controller(qtbot):
    c = Controller()
    yield c
    c.shutdown()


def _seed(c: Controller, qtbot) -> None:
    # The Graph tab asks once a result is shown: its generation is then the newest.
    with qtbot.waitSignal(c.resultReady, timeout=20000):
        c.set_expressions(["x1**2 + 2*x2", "3*x1 + 4*x2**2"])
        c.set_point({"x1": np.array(1.0), "x2": np.array(2.0)}, {})


def test_request_graph_answers_with_the_graph_and_its_layout(controller, qtbot) -> None:
    _seed(controller, qtbot)
    with qtbot.waitSignal(controller.graphReady, timeout=20000) as got:
        controller.request_graph(np.array([0.0, 1.0]))
    graph, positions = got.args
    assert graph.generation == controller.generation
    assert graph.to_dict()["leaves"] == {"x1": 3.0, "x2": 16.0}
    assert isinstance(positions, GraphLayout)
    assert set(positions.positions) == {n.id for n in graph.nodes}


def test_a_bad_v_is_one_line_on_graph_failed(controller, qtbot) -> None:
    _seed(controller, qtbot)
    with qtbot.waitSignal(controller.graphFailed, timeout=20000) as got:
        controller.request_graph(np.array([1.0, 2.0, 3.0]))
    assert "\n" not in got.args[0] and "entries" in got.args[0]
