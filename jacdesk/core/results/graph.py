"""The captured autograd graph of one ``y.backward(v)`` (frozen, JSON- and DOT-ready).

Built by :func:`jacdesk.core.diff.backward_graph.backward_graph`; every number in it is what
torch computed during the real backward pass.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np


def _frozen(a: np.ndarray | None) -> np.ndarray | None:
    if a is None:
        return None
    a = np.array(a, dtype=np.float64)
    a.setflags(write=False)
    return a


def _json(a: np.ndarray | None) -> object:
    if a is None:
        return None
    return a.tolist() if a.ndim else float(a)


def _short(a: np.ndarray | None) -> str:
    if a is None:
        return "—"
    if a.ndim == 0:
        return f"{float(a):.6g}"
    return np.array2string(a, precision=4, separator=", ", threshold=12).replace("\n", "")


@dataclass(frozen=True)
class GraphNode:
    """One torch autograd node (or, in a summarised graph, a collapsed group of them).

    ``grad`` is the gradient that arrived at this node's output; ``flows`` is what it passed
    along each outgoing edge, in the order of its ``next_functions``.
    """

    id: int
    op: str
    label: str
    shape: tuple[int, ...]
    value: np.ndarray | None
    grad: np.ndarray | None
    rule: str
    flows: tuple[tuple[int, np.ndarray], ...] = ()
    collapsed: int = 0  # how many torch nodes this box stands for (0: a single real node)

    def __post_init__(self) -> None:
        object.__setattr__(self, "value", _frozen(self.value))
        object.__setattr__(self, "grad", _frozen(self.grad))
        object.__setattr__(self, "flows", tuple((t, _frozen(g)) for t, g in self.flows))

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "op": self.op,
            "label": self.label,
            "shape": list(self.shape),
            "value": _json(self.value),
            "grad": _json(self.grad),
            "rule": self.rule,
        }


@dataclass(frozen=True)
class BackwardGraph:
    """The graph torch walked for ``y.backward(v)``: nodes, edges, engine order and x.grad.

    ``edges`` are (FROM, TO) pairs: FROM passes gradient to TO (TO is in FROM's
    ``next_functions``). ``order`` lists node ids in the order torch's engine ran them.
    ``message`` is non-empty when a big graph was summarised (collapsed sub-graphs).
    """

    root: int
    nodes: tuple[GraphNode, ...]
    edges: tuple[tuple[int, int], ...]
    order: tuple[int, ...]
    leaves: dict[str, np.ndarray]
    v: np.ndarray
    value: np.ndarray
    jacobian: np.ndarray | None = None
    message: str = ""
    generation: int = 0

    def __post_init__(self) -> None:
        object.__setattr__(self, "leaves", {k: _frozen(g) for k, g in self.leaves.items()})
        object.__setattr__(self, "v", _frozen(self.v))
        object.__setattr__(self, "value", _frozen(self.value))
        object.__setattr__(self, "jacobian", _frozen(self.jacobian))

    def node(self, node_id: int) -> GraphNode:
        """The node with id ``node_id``."""
        return self.nodes[self._index[node_id]]

    @cached_property
    def _index(self) -> dict[int, int]:
        # cached_property writes the instance __dict__ directly, so it works on a frozen class.
        return {n.id: i for i, n in enumerate(self.nodes)}

    def to_dict(self) -> dict:
        """The issue's JSON: root, nodes, edges, order and leaves (x.grad per variable)."""
        return {
            "root": self.root,
            "nodes": [n.to_dict() for n in self.nodes],
            "edges": [[a, b] for a, b in self.edges],
            "order": list(self.order),
            "leaves": {k: _json(g) for k, g in self.leaves.items()},
        }

    def to_dot(self) -> str:
        """Graphviz DOT text (written directly: no graphviz package needed)."""
        lines = ["digraph backward {", '  rankdir=TB; node [shape=box, fontname="monospace"];']
        for n in self.nodes:
            text = f"{n.op}\\n{n.label}\\nshape {list(n.shape)}\\ngrad {_short(n.grad)}"
            text = text.replace('"', '\\"')
            lines.append(f'  n{n.id} [label="{text}"];')
        for a, b in self.edges:
            lines.append(f"  n{a} -> n{b};")
        lines.append("}")
        return "\n".join(lines) + "\n"

    def to_text(self) -> str:
        """A plain listing in engine order: node, label, arriving gradient and rule."""
        out = [f"y.backward(v) with v = {_short(self.v)}"]
        if self.message:
            out.append(self.message)
        for step, nid in enumerate(self.order, 1):
            n = self.node(nid)
            out.append(f"{step:3d}. [{n.id}] {n.op}  {n.label}  grad = {_short(n.grad)}")
            out.append(f"       {n.rule}")
        for name, g in self.leaves.items():
            out.append(f"{name}.grad = {_short(g)}")
        return "\n".join(out) + "\n"
