"""The captured autograd graph: what torch computed, tied to the user's text."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from jacdesk.core.diff.backward_graph import MAX_NODES, backward_graph
from jacdesk.core.diff.compile import prepare
from jacdesk.core.errors import JacdeskError

SEED = (["x1**2 + 2*x2", "3*x1 + 4*x2**2"], {"x1": 1.0, "x2": 2.0})
J = np.array([[2.0, 2.0], [3.0, 16.0]])


def _by_label(graph, label):
    return [n for n in graph.nodes if n.label == label]


def test_seed_leaves_root_grad_and_the_inner_power_node() -> None:
    g = backward_graph(*SEED)
    d = g.to_dict()
    assert d["leaves"] == {"x1": 5.0, "x2": 18.0}
    root = g.node(g.root)
    assert root.op == "StackBackward0"
    assert np.array_equal(root.grad, [1.0, 1.0])
    (pow_x2,) = _by_label(g, "x2**2")
    assert pow_x2.op == "PowBackward0"
    assert float(pow_x2.grad) == 4.0
    assert "4 · 2·2 = 16" in pow_x2.rule
    (acc_x1,) = [n for n in g.nodes if n.op == "AccumulateGrad" and n.label == "x1"]
    assert "= 5" in acc_x1.rule and "3" in acc_x1.rule and "2" in acc_x1.rule


def test_json_has_exactly_the_issue_keys() -> None:
    d = backward_graph(*SEED).to_dict()
    assert set(d) == {"root", "nodes", "edges", "order", "leaves"}
    for node in d["nodes"]:
        assert set(node) == {"id", "op", "label", "shape", "value", "grad", "rule"}


@pytest.mark.parametrize("row", [0, 1])
def test_one_hot_v_gives_the_row_of_j(row: int) -> None:
    v = [0.0, 0.0]
    v[row] = 1.0
    g = backward_graph(*SEED, v=v)
    assert [float(g.leaves[k]) for k in ("x1", "x2")] == list(J[row])
    assert np.array_equal(g.node(g.root).grad, v)


def test_order_is_a_topological_order_of_edges_and_lists_every_node_once() -> None:
    g = backward_graph(*SEED)
    assert sorted(g.order) == sorted(n.id for n in g.nodes)
    pos = {nid: i for i, nid in enumerate(g.order)}
    for a, b in g.edges:
        assert pos[a] < pos[b]
    assert g.order[0] == g.root


def test_every_op_is_a_real_torch_node_class() -> None:
    consts = {"x": [0.3, -0.2], "b": [0.1, 0.2]}
    W = [[1.0, 2.0], [0.5, -1.0]]
    g = backward_graph("tanh(W @ x + b)", {"W": W}, consts)
    # The same f through the same compiled function, walked independently here.
    _, _, _, fn = prepare("tanh(W @ x + b)", {"W": W}, consts)
    y = fn(torch.tensor(W, dtype=torch.float64, requires_grad=True))
    names, stack, seen = [], [y.grad_fn], set()
    while stack:
        node = stack.pop()
        if node is None or id(node) in seen:
            continue
        seen.add(id(node))
        assert isinstance(node, torch.autograd.graph.Node)
        names.append(type(node).__name__)
        stack.extend(nxt for nxt, _ in node.next_functions)
    assert sorted(n.op for n in g.nodes) == sorted(names)
    assert {"TanhBackward0", "AccumulateGrad"} <= set(names)


def test_trace_xt_a_x_leaf_is_ax_plus_atx() -> None:
    A = np.array([[1.0, 2.0], [3.0, 4.0]])
    X = np.array([[1.0, 0.5], [2.0, 1.0]])
    g = backward_graph("trace(X.T @ A @ X)", {"X": X}, {"A": A})
    assert g.leaves["X"].shape == (2, 2)
    assert np.allclose(g.leaves["X"], A @ X + A.T @ X)


def test_tanh_layer_gradient_wrt_w_is_v_times_one_minus_y2_outer_x() -> None:
    W = np.array([[1.0, 2.0], [0.5, -1.0]])
    x = np.array([0.3, -0.2])
    b = np.array([0.1, 0.2])
    v = np.array([1.0, -2.0])
    g = backward_graph("tanh(W @ x + b)", {"W": W}, {"x": x, "b": b}, v=v)
    y = np.tanh(W @ x + b)
    assert np.allclose(g.leaves["W"], np.outer(v * (1 - y**2), x))
    wt = torch.tensor(W, requires_grad=True)
    torch.tanh(wt @ torch.tensor(x) + torch.tensor(b)).backward(torch.tensor(v))
    assert np.allclose(g.leaves["W"], wt.grad.numpy())


def test_grad_of_each_node_has_the_shape_of_its_output() -> None:
    g = backward_graph(
        "tanh(W @ x + b)", {"W": [[1.0, 2.0], [0.5, -1.0]]}, {"x": [0.3, -0.2], "b": [0.1, 0.2]}
    )
    for n in g.nodes:
        if n.value is not None:
            assert n.grad.shape == n.value.shape == n.shape


@pytest.mark.parametrize(
    "exprs, variables, v, words",
    [
        ("x1**2 +", {"x1": 1.0}, None, "column"),
        ("x1**2", {"x1": 1.0}, [1.0, 2.0], "entries"),
        ("x1**2", {"x1": 1.0}, "[1,", "v"),
        ("3", {}, None, "variable"),
    ],
)
def test_bad_input_is_one_line(exprs, variables, v, words) -> None:
    with pytest.raises(JacdeskError) as err:
        backward_graph(exprs, variables, v=v)
    assert "\n" not in str(err.value)
    assert words in str(err.value)


def test_a_big_graph_is_summarised_with_a_message_and_keeps_the_true_leaves() -> None:
    expr = " + ".join(f"sin({k}*x1*x2)" for k in range(1, 80))
    g = backward_graph(expr, {"x1": 1.0, "x2": 2.0})
    assert len(g.nodes) <= MAX_NODES + 1
    assert "collapsed" in g.message
    x1 = torch.tensor(1.0, dtype=torch.float64, requires_grad=True)
    x2 = torch.tensor(2.0, dtype=torch.float64, requires_grad=True)
    sum(torch.sin(k * x1 * x2) for k in range(1, 80)).backward()
    assert np.isclose(float(g.leaves["x1"]), float(x1.grad))
    assert np.isclose(float(g.leaves["x2"]), float(x2.grad))
    pos = {nid: i for i, nid in enumerate(g.order)}
    assert all(pos[a] < pos[b] for a, b in g.edges)


def test_dot_export_names_every_node_and_edge() -> None:
    g = backward_graph(*SEED)
    dot = g.to_dot()
    assert dot.startswith("digraph backward {")
    for n in g.nodes:
        assert f"n{n.id} [" in dot
    for a, b in g.edges:
        assert f"n{a} -> n{b};" in dot


def test_results_are_frozen() -> None:
    g = backward_graph(*SEED)
    with pytest.raises(ValueError):
        g.leaves["x1"][...] = 0.0
