"""Summarise a captured graph that is too big to draw: collapse the deep part into one box.

The first nodes the engine ran (nearest the output) and every leaf stay; the rest become one
collapsed node, so edges, order and the leaves' x.grad stay true to what torch did.
"""

from __future__ import annotations

from jacdesk.core.results.graph import BackwardGraph, GraphNode


def summarise(graph: BackwardGraph, max_nodes: int) -> BackwardGraph:
    """A graph of at most ``max_nodes + 1`` boxes with a message saying what was collapsed."""
    leaves = {n.id for n in graph.nodes if n.op == "AccumulateGrad"}
    budget = max(max_nodes - len(leaves), 1)
    inner = [i for i in graph.order if i not in leaves]
    kept = set(inner[:budget]) | leaves
    dropped = [n for n in graph.nodes if n.id not in kept]
    if not dropped:
        return graph
    box = max(n.id for n in graph.nodes) + 1
    ops = sorted({n.op for n in dropped})
    summary = GraphNode(
        id=box,
        op="collapsed",
        label=f"{len(dropped)} nodes collapsed ({', '.join(ops[:4])}{', …' if len(ops) > 4 else ''})",
        shape=(),
        value=None,
        grad=None,
        rule=f"{len(dropped)} autograd nodes run here; their gradients reach the leaves below",
        collapsed=len(dropped),
    )

    def keep(i: int) -> int:
        return i if i in kept else box

    edges = sorted({(keep(a), keep(b)) for a, b in graph.edges if keep(a) != keep(b) or a in kept})
    edges = [(a, b) for a, b in edges if a != b]
    order: list[int] = []
    for i in graph.order:
        j = keep(i)
        if j not in order:
            order.append(j)
    message = (
        f"The graph has {len(graph.nodes)} autograd nodes; showing the {len(kept)} nearest "
        f"the output and the leaves, with {len(dropped)} collapsed into one box"
    )
    return BackwardGraph(
        root=graph.root,
        nodes=(*(n for n in graph.nodes if n.id in kept), summary),
        edges=tuple(edges),
        order=tuple(order),
        leaves=dict(graph.leaves),
        v=graph.v,
        value=graph.value,
        jacobian=graph.jacobian,
        message=message,
        generation=graph.generation,
    )
