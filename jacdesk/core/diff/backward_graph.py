"""Capture the real autograd graph of ``y.backward(v)``, node by node, with torch's own hooks.

f is evaluated by the same compiled :class:`TorchFunction` as every other number (via
:func:`jacdesk.core.diff.compile.prepare`), one tape register at a time, so each torch node
can be tied to the sub-expression of the user's text it computes. Hooks on every node record
the gradient arriving at it (pre-hook), what it passes along each edge (hook) and the order
in which the engine ran them. Nothing is recomputed by hand.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import torch

from jacdesk.core.errors import JacdeskError
from jacdesk.core.language.program import Program
from jacdesk.core.results.graph import BackwardGraph, GraphNode

from .backward_rules import rule_text
from .compile import prepare
from .values import to_array

#: Graphs with more torch nodes than this are summarised (collapsed sub-graphs).
MAX_NODES = 300
_PREC = {"+": 1, "-": 1, "*": 2, "/": 2, "@": 2, "neg": 3, "**": 4}


def register_labels(program: Program) -> list[str]:
    """The text of every tape register, rebuilt from the tape (as the learner would write it)."""
    texts: list[str] = []
    precs: list[int] = []
    for ins in program.tape:
        a = [texts[i] for i in ins.args]
        pa = [precs[i] for i in ins.args]
        prec = 9
        if ins.op in ("num", "var", "const"):
            text = str(ins.data)
        elif ins.op == "neg":
            prec = _PREC["neg"]
            text = "-" + (a[0] if pa[0] >= prec else f"({a[0]})")
        elif ins.op in _PREC:
            prec = _PREC[ins.op]
            left = a[0] if pa[0] >= prec + (ins.op == "**") else f"({a[0]})"
            right = a[1] if pa[1] > prec or (pa[1] == prec and ins.op == "**") else f"({a[1]})"
            if ins.op in ("+", "*") and pa[1] == prec:
                right = a[1]
            text = f"{left} {ins.op} {right}" if ins.op in "+-" else f"{left}{ins.op}{right}"
        elif ins.op == "T":
            text = (a[0] if pa[0] >= 9 else f"({a[0]})") + ".T"
        elif ins.op == "index":
            items = ", ".join(
                str(i) if isinstance(i, int) else f"{i.start or ''}:{i.stop or ''}"
                for i in ins.data
            )
            text = f"{a[0]}[{items}]"
        elif ins.op == "list":
            text = "[" + ", ".join(a) + "]"
        else:
            text = f"{ins.data}({', '.join(a)})"
        texts.append(text)
        precs.append(prec)
    return texts


def _vector(v: Any, shape: tuple[int, ...]) -> np.ndarray:
    """v shaped like f: ones by default, a flat list of f's entries, or f's own shape."""
    n = int(np.prod(shape))
    if v is None:
        return np.ones(shape)
    arr = to_array(v, "v (for backward)")
    if arr.shape != shape and arr.size != n:
        raise JacdeskError(
            f"v (for backward) has {arr.size} entries but f has {n}; give {n} numbers, "
            f"e.g. [{', '.join(['1'] + ['0'] * (n - 1))}]",
            about="v",
        )
    return arr.reshape(shape)


def _walk(root: Any) -> list[Any]:
    """Every autograd node reachable from ``root`` (depth-first, each once)."""
    seen: dict[int, Any] = {}
    stack = [root]
    while stack:
        fn = stack.pop()
        if fn is None or id(fn) in seen:
            continue
        seen[id(fn)] = fn
        stack.extend(nxt for nxt, _ in fn.next_functions)
    return list(seen.values())


def _np(t: torch.Tensor | None) -> np.ndarray | None:
    return None if t is None else t.detach().cpu().numpy().astype(np.float64)


def backward_graph(
    exprs: str | Sequence[str],
    variables: Mapping[str, Any],
    constants: Mapping[str, Any] | None = None,
    v: Any = None,
    generation: int = 0,
) -> BackwardGraph:
    """Run the real ``y.backward(v)`` for f at the point and capture its autograd graph.

    Parameters
    ----------
    exprs
        One formula, or a list of formulas (stacked into a vector f).
    variables
        Name → value (number, list or array) of each variable; these become the leaves.
    constants
        Name → value of named constants (no gradient).
    v
        The vector of ``y.backward(v)``, one entry per component of f; ones by default.
    generation
        The request generation carried by the result.

    Returns
    -------
    BackwardGraph
        Nodes (torch's node class, sub-expression, shape, forward value, arriving gradient,
        local rule), edges FROM→TO, engine order and x.grad per variable.
    """
    program, point, _consts, fn = prepare(exprs, variables, constants)
    if not program.variables:
        raise JacdeskError("f has no variables: give at least one with --var NAME=VALUE")
    labels = register_labels(program)
    names = [name for name, _ in program.variables]
    xs = [torch.tensor(point[n], dtype=torch.float64).requires_grad_(True) for n in names]
    regs: list[torch.Tensor] = []
    with torch.enable_grad():
        for step in fn._steps:
            regs.append(step(regs, xs, fn._consts))
        outs = [regs[r] for r in program.outputs]
        y = torch.stack(torch.broadcast_tensors(*outs), dim=-1) if program.stacked else outs[0]
    if y.grad_fn is None:
        raise JacdeskError("f does not depend on its variables here: backward has no graph")
    vec = _vector(v, tuple(y.shape))
    return _capture(program, labels, names, xs, regs, y, vec, generation)


def _capture(program, labels, names, xs, regs, y, vec, generation) -> BackwardGraph:
    # Tie nodes to registers: each register's grad_fn, and the helper nodes (views, unsqueeze)
    # that only it reaches, get its text; earlier registers claim their nodes first.
    owner: dict[int, tuple[str, torch.Tensor]] = {}
    for x, name in zip(xs, names, strict=True):
        owner[id(_leaf_node(x))] = (name, x)
    for r, t in enumerate(regs):
        if t.grad_fn is not None and id(t.grad_fn) not in owner:
            owner[id(t.grad_fn)] = (labels[r], t)
    nodes = _walk(y.grad_fn)
    ids = {id(n): i for i, n in enumerate(nodes)}
    root_label = (
        labels[program.outputs[0]]
        if not program.stacked
        else "f = [" + ", ".join(labels[r] for r in program.outputs) + "]"
    )
    owner[id(y.grad_fn)] = (root_label, y)
    _inherit([t.grad_fn for t in regs if t.grad_fn is not None] + [y.grad_fn], owner)
    arrived: dict[int, torch.Tensor] = {}
    flows: dict[int, tuple] = {}
    order: list[int] = []
    handles = []
    for n in nodes:
        k = ids[id(n)]

        def pre(grad_outputs, k=k):
            order.append(k)
            arrived[k] = grad_outputs[0]

        def post(grad_inputs, grad_outputs, k=k):
            flows[k] = grad_inputs

        handles.append(n.register_prehook(pre))
        handles.append(n.register_hook(post))
    try:
        # retain_graph keeps the nodes' saved tensors readable for the rule texts below.
        y.backward(torch.tensor(np.array(vec), dtype=torch.float64), retain_graph=True)
    finally:
        for h in handles:
            h.remove()
    edges = [
        (ids[id(n)], ids[id(nxt)]) for n in nodes for nxt, _ in n.next_functions if nxt is not None
    ]
    leaf_of = {
        ids[id(_leaf_node(x))]: name
        for x, name in zip(xs, names, strict=True)
        if id(_leaf_node(x)) in ids
    }
    incoming: dict[int, list[tuple[int, torch.Tensor]]] = {}
    for a in order:
        for (nxt, _), g in zip(nodes[a].next_functions, flows.get(a, ()), strict=False):
            if nxt is not None and g is not None:
                incoming.setdefault(ids[id(nxt)], []).append((a, g))
    graph_nodes = []
    for k, n in enumerate(nodes):
        label, tensor = owner.get(id(n), ("", None))
        out = [
            (ids[id(nxt)], _np(g))
            for (nxt, _), g in zip(n.next_functions, flows.get(k, ()), strict=False)
            if nxt is not None and g is not None
        ]
        grad = arrived.get(k)
        rule = rule_text(n, label, grad, flows.get(k, ()), incoming.get(k, []), leaf_of.get(k))
        graph_nodes.append(
            GraphNode(
                id=k,
                op=type(n).__name__,
                label=label,
                shape=tuple(tensor.shape) if tensor is not None else (),
                value=_np(tensor),
                grad=_np(grad),
                rule=rule,
                flows=tuple(out),
            )
        )
    graph = BackwardGraph(
        root=ids[id(y.grad_fn)],
        nodes=tuple(graph_nodes),
        edges=tuple(edges),
        order=tuple(order),
        leaves={
            name: _np(x.grad) if x.grad is not None else np.zeros(x.shape)
            for x, name in zip(xs, names, strict=True)
        },
        v=vec,
        value=_np(y),
        generation=generation,
    )
    if len(graph_nodes) > MAX_NODES:
        from .graph_summary import summarise

        return summarise(graph, MAX_NODES)
    return graph


def _leaf_node(x: torch.Tensor) -> Any:
    # The AccumulateGrad node of a leaf: the grad_fn of a view of it points at it.
    return x.view_as(x).grad_fn.next_functions[0][0]


def _inherit(starts: list[Any], owner: dict[int, tuple[str, Any]]) -> None:
    """Give helper nodes (views, expands) the label of the register that created them.

    ``starts`` are the registers' nodes in tape order: a helper node is reached first from
    the register it belongs to, since earlier registers are its inputs.
    """
    for n in starts:
        stack = [nxt for nxt, _ in n.next_functions if nxt is not None]
        while stack:
            m = stack.pop()
            if id(m) in owner:
                continue
            owner[id(m)] = (owner[id(n)][0], None)
            stack.extend(nxt for nxt, _ in m.next_functions if nxt is not None)
