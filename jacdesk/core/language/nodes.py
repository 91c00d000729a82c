"""The expression tree: small frozen dataclasses, built only by :mod:`jacdesk.core.language`.

Every node remembers the 1-based column where it starts so that later stages (shapes,
evaluation) can point at the text that caused a problem.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Node:
    col: int


@dataclass(frozen=True)
class Num(Node):
    value: float
    text: str  # as typed, so symbolic forms can keep 0.1 as 1/10


@dataclass(frozen=True)
class Name(Node):
    id: str


@dataclass(frozen=True)
class Neg(Node):
    operand: Node


@dataclass(frozen=True)
class BinOp(Node):
    op: str  # one of + - * / ** @
    left: Node
    right: Node


@dataclass(frozen=True)
class Call(Node):
    func: str
    args: tuple[Node, ...]


@dataclass(frozen=True)
class Slice:
    start: int | None
    stop: int | None


@dataclass(frozen=True)
class Index(Node):
    base: Node
    items: tuple[int | Slice, ...]


@dataclass(frozen=True)
class Transpose(Node):
    operand: Node


@dataclass(frozen=True)
class ListLit(Node):
    items: tuple[Node, ...]


def children(node: Node) -> tuple[Node, ...]:
    """The direct sub-expressions of ``node``, left to right."""
    if isinstance(node, Neg | Transpose):
        return (node.operand,)
    if isinstance(node, BinOp):
        return (node.left, node.right)
    if isinstance(node, Call):
        return node.args
    if isinstance(node, ListLit):
        return node.items
    if isinstance(node, Index):
        return (node.base,)
    return ()


def walk(node: Node):
    """Yield ``node`` and all its descendants, parents first (no recursion)."""
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        stack.extend(reversed(children(n)))


def postorder(root: Node) -> Iterator[tuple[Node, tuple[Node, ...]]]:
    """Yield ``(node, children(node))`` with every node after its children (no recursion).

    The one bottom-up traversal of the package (shapes, the tape, the code generator): chains
    such as ``x + x + … + x`` can be thousands of nodes deep, beyond Python's recursion limit.
    A node that appears twice (the same object) is yielded twice, as a tree walk does.
    """
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, ready = stack.pop()
        kids = children(node)
        if not ready and kids:
            stack.append((node, True))
            stack.extend((k, False) for k in reversed(kids))
            continue
        yield node, kids


def names_in_order(node: Node) -> list[str]:
    """Names used in ``node`` in order of first appearance in the text."""
    found: dict[str, int] = {}
    for n in walk(node):
        if isinstance(n, Name):
            found[n.id] = min(found.get(n.id, n.col), n.col)
    return sorted(found, key=found.__getitem__)


def fold(op: str, a: float, b: float) -> float | None:
    """``a op b`` as Python's float arithmetic gives it; ``None`` where that would raise or go
    complex (and for ``@``, which is a shape error between numbers, reported later).

    The one constant folder: the parser folds constant sub-expressions with it, and the code
    generator folds the same way, so the generated script computes what jacdesk computed.
    """
    try:
        if op == "+":
            return a + b
        if op == "-":
            return a - b
        if op == "*":
            return a * b
        if op == "/":
            return a / b
        if op == "**":
            return math.pow(a, b)  # raises where Python's ** would raise or go complex
    except (ZeroDivisionError, OverflowError, ValueError):
        return None
    return None
