"""The Graph tab: stepping through the seed's captured graph, the chain panel, exports."""

from __future__ import annotations

import numpy as np
import pytest

from jacdesk.app.views.graph_view import GraphView
from jacdesk.app.widgets.graph_canvas import CURRENT, DONE, OFF
from jacdesk.core.diff.backward_graph import backward_graph
from jacdesk.core.engine import analyze

SEED = (["x1**2 + 2*x2", "3*x1 + 4*x2**2"], {"x1": 1.0, "x2": 2.0})


@pytest.fixture
def view(qtbot):
    w = GraphView()
    qtbot.addWidget(w)
    w.resize(1024, 640)
    return w


def _seeded(view, qtbot, v=None):
    result = analyze(*SEED, vjp=v)
    with qtbot.waitSignal(view.graphRequested) as req:
        view.show_result(result)
    assert np.array_equal(req.args[0], result.v)
    view.show_graph(backward_graph(*SEED, v=req.args[0]))
    return view.graph


def test_stepping_the_seed_highlights_each_node_in_engine_order(view, qtbot) -> None:
    g = _seeded(view, qtbot)
    assert view.current_node() is None and "Step 0 of 10" in view.progress.text()
    view.step_button.click()
    assert view.current_node() == g.root
    assert view.canvas.colour_of(g.root) == CURRENT
    assert "StackBackward0" in view.node_label.text()
    for _ in range(3):
        view.step_button.click()
    node = g.node(view.current_node())
    assert node.label == "x2**2" and "4 · 2·2 = 16" in view.node_label.text()
    assert view.canvas.colour_of(g.root) == DONE
    view.back_button.click()
    assert g.node(view.current_node()).label == "4*x2**2"
    view.run_button.click()
    assert view.step == len(g.order)
    assert "x.grad from torch = [5, 18]" in view.chain_label.text()
    view.reset_button.click()
    assert view.current_node() is None


def test_chain_panel_has_live_numbers(view, qtbot) -> None:
    _seeded(view, qtbot)
    text = view.chain_label.text()
    assert "z = vᵀf = 24" in text  # f = [5, 19] at (1, 2), v = ones
    assert "∂z/∂f = vᵀ = [1, 1]" in text
    assert "J = [[2, 2], [3, 16]]" in text
    assert "vᵀJ = [5, 18]" in text and "x.grad from torch = [5, 18]" in text


def test_one_hot_e2_greys_the_path_of_f1_and_ends_with_row_two(view, qtbot) -> None:
    g = _seeded(view, qtbot, v=[0.0, 1.0])
    view.run_button.click()
    (f1,) = [n for n in g.nodes if n.label == "x1**2 + 2*x2"]
    assert view.canvas.colour_of(f1.id) == OFF
    assert "x.grad from torch = [3, 16]" in view.chain_label.text()


def test_v_edit_asks_for_a_new_capture(view, qtbot) -> None:
    _seeded(view, qtbot)
    with qtbot.waitSignal(view.graphRequested) as req:
        view.v_editor.vectorChanged.emit(np.array([1.0, 0.0]))
    assert np.array_equal(req.args[0], [1.0, 0.0])


def test_exports_write_svg_png_and_dot(view, qtbot, tmp_path) -> None:
    _seeded(view, qtbot)
    for suffix in ("svg", "png", "dot"):
        path = tmp_path / f"graph.{suffix}"
        with qtbot.waitSignal(view.statusMessage):
            view.export_to(str(path))
        assert path.stat().st_size > 100
    assert (tmp_path / "graph.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
    assert "PowBackward0" in (tmp_path / "graph.dot").read_text(encoding="utf-8")


def test_the_chain_is_typeset_with_the_graphs_v_and_torchs_grad(view, qtbot) -> None:
    _seeded(view, qtbot, v=[0.0, 1.0])
    latex = view.equation.latex()
    assert latex.startswith(r"z = e_{2}^{\mathsf{T}} f = f_{2}")  # one-hot: row 2 of J
    assert r"= {\begin{bmatrix}3 & 16\end{bmatrix}} = \left(\texttt{x1.grad}" in latex
    assert not view.equation.isHidden()
    view.show_graph(backward_graph(["x1*x2"], {"x1": 1.0, "x2": 2.0}, v=None))
    assert view.equation.latex() is None  # the graph is of another f than the analysis: no chain
