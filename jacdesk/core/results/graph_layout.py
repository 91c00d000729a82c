"""Layered positions for drawing a :class:`BackwardGraph`: output at the top, leaves below.

Pure geometry data (no Qt): layers are networkx's topological generations of the edges,
each node one layer below its deepest parent (longest path); within a layer, nodes are ordered by
the mean position of their parents (one barycentre sweep) to keep crossings few.
"""

from __future__ import annotations

from dataclasses import dataclass

from .graph import BackwardGraph


@dataclass(frozen=True)
class GraphLayout:
    """Node id → (column, layer) in unit grid cells; ``width`` columns, ``depth`` layers."""

    positions: dict[int, tuple[float, int]]
    width: int
    depth: int


def layout(graph: BackwardGraph) -> GraphLayout:
    """Layered (Sugiyama-style) positions of the graph's nodes."""
    import networkx as nx  # lazy: only drawing and the benchmarks need it

    g = nx.DiGraph()
    g.add_nodes_from(n.id for n in graph.nodes)
    g.add_edges_from(graph.edges)
    layer: dict[int, int] = {}
    for depth, generation in enumerate(nx.topological_generations(g)):
        for nid in generation:
            layer[nid] = depth
    # Longest-path layering: a node sits one below its deepest parent.
    for nid in nx.topological_sort(g):
        for child in g.successors(nid):
            layer[child] = max(layer[child], layer[nid] + 1)
    # Leaves stay one below their deepest parent (not all on the bottom layer): that keeps
    # edges short, so few of them pass behind other boxes.
    bottom = max(layer.values(), default=0)
    rows: dict[int, list[int]] = {}
    for nid in graph.order + tuple(i for i in layer if i not in graph.order):
        if nid in layer and nid not in rows.get(layer[nid], []):
            rows.setdefault(layer[nid], []).append(nid)
    column: dict[int, float] = {}
    for depth in sorted(rows):
        row = rows[depth]
        if depth:

            def bary(nid: int) -> float:
                parents = [column[p] for p in g.predecessors(nid) if p in column]
                return sum(parents) / len(parents) if parents else 0.0

            row.sort(key=bary)
        for i, nid in enumerate(row):
            column[nid] = float(i)
    width = max((len(r) for r in rows.values()), default=1)
    # Centre each layer under the widest one.
    positions = {
        nid: (column[nid] + (width - len(rows[layer[nid]])) / 2, layer[nid]) for nid in column
    }
    return GraphLayout(positions=positions, width=width, depth=bottom + 1)
