"""Shape inference: every node gets the shape of its value, or a message naming both shapes."""

from __future__ import annotations

from jacdesk.core.errors import JacdeskError

from .functions import CONSTANTS, ELEMENTWISE_1, FUNCTIONS, suggest
from .nodes import BinOp, Call, Index, ListLit, Name, Neg, Node, Num, Slice, Transpose, postorder

Shape = tuple[int, ...]


def describe(shape: Shape) -> str:
    """``()`` → "a scalar", ``(3,)`` → "a 3-vector", ``(2, 3)`` → "a 2×3 matrix"."""
    if len(shape) == 0:
        return "a scalar"
    if len(shape) == 1:
        return f"a {shape[0]}-vector"
    return "a " + "×".join(map(str, shape)) + " matrix"


def broadcast(a: Shape, b: Shape, what: str, col: int) -> Shape:
    """NumPy broadcasting of two shapes, or an error that states both."""
    out = []
    for i in range(1, max(len(a), len(b)) + 1):
        da = a[-i] if i <= len(a) else 1
        db = b[-i] if i <= len(b) else 1
        if da != db and 1 not in (da, db):
            raise JacdeskError(
                f"shape mismatch in {what}: left is {describe(a)}, right is {describe(b)}; "
                "entry-by-entry operations need equal shapes or a scalar",
                col,
            )
        out.append(max(da, db))
    return tuple(reversed(out))


def infer(root: Node, env: dict[str, Shape]) -> dict[int, Shape]:
    """Shapes of every node under ``root`` keyed by ``id(node)``.

    Parameters
    ----------
    root
        A parsed expression.
    env
        Shapes of the names that have values (variables and user constants).

    Raises
    ------
    JacdeskError
        Unknown names, names without a value, and every shape mismatch, with its column.
    """
    shapes: dict[int, Shape] = {}
    # Post-order without recursion: the parser bounds depth, but this keeps stack use flat.
    for node, kids in postorder(root):
        shapes[id(node)] = _shape_of(node, [shapes[id(k)] for k in kids], env)
    return shapes


def _shape_of(node: Node, kids: list[Shape], env: dict[str, Shape]) -> Shape:
    if isinstance(node, Num):
        return ()
    if isinstance(node, Name):
        return _name_shape(node, env)
    if isinstance(node, Neg):
        return kids[0]
    if isinstance(node, Transpose):
        return tuple(reversed(kids[0]))
    if isinstance(node, BinOp):
        return _binop_shape(node, *kids)
    if isinstance(node, Index):
        return _index_shape(node, kids[0])
    if isinstance(node, ListLit):
        first = kids[0]
        for i, (item, shape) in enumerate(zip(node.items, kids, strict=True)):
            if shape != first:
                raise JacdeskError(
                    f"all entries of a list must have the same shape: entry 1 is {describe(first)}, "
                    f"entry {i + 1} is {describe(shape)}",
                    item.col,
                )
        if len(first) >= 2:
            raise JacdeskError(
                "a list of matrices would be 3-D; only vectors and matrices are supported", node.col
            )
        return (len(kids), *first)
    assert isinstance(node, Call)
    return _call_shape(node, kids)


def _name_shape(node: Name, env: dict[str, Shape]) -> Shape:
    if node.id in env:
        return env[node.id]
    if node.id in CONSTANTS:
        return ()
    if node.id in FUNCTIONS:
        raise JacdeskError(f"{node.id} is a function: write {FUNCTIONS[node.id].usage}", node.col)
    close = suggest(node.id, list(FUNCTIONS) + list(CONSTANTS))
    if close:
        raise JacdeskError(f"unknown name {node.id!r}; did you mean {close}?", node.col)
    close = suggest(node.id, env)
    more = f" (did you mean {close}?)" if close else ""
    raise JacdeskError(
        f"{node.id!r} has no value{more}; give it a value as a variable or a constant", node.col
    )


def _binop_shape(node: BinOp, a: Shape, b: Shape) -> Shape:
    if node.op != "@":
        return broadcast(a, b, f"'{node.op}'", node.col)
    if not a or not b:
        raise JacdeskError(
            f"'@' is the matrix product and needs vectors or matrices, got {describe(a)} and "
            f"{describe(b)}; use '*' to multiply by a scalar",
            node.col,
        )
    inner_a = a[-1]
    inner_b = b[0]
    if inner_a != inner_b:
        raise JacdeskError(
            f"shape mismatch in '@': left is {describe(a)}, right is {describe(b)}; "
            f"the left's last size ({inner_a}) must equal the right's first size ({inner_b})",
            node.col,
        )
    return a[:-1] + b[1:]


def _index_shape(node: Index, base: Shape) -> Shape:
    if len(node.items) > len(base):
        raise JacdeskError(
            f"too many indices: the value is {describe(base)}, which takes {len(base)}", node.col
        )
    out: list[int] = []
    for axis, item in enumerate(node.items):
        n = base[axis]
        if isinstance(item, Slice):
            length = len(range(n)[item.start : item.stop])
            if length == 0:
                raise JacdeskError(
                    f"the slice selects nothing from a dimension of size {n}", node.col
                )
            out.append(length)
        elif not -n <= item < n:
            raise JacdeskError(
                f"index {item} is out of range for {describe(base)} (use 0 to {n - 1}; indices start at 0)",
                node.col,
            )
    out.extend(base[len(node.items) :])
    return tuple(out)


def _square(node: Call, s: Shape) -> None:
    if len(s) != 2 or s[0] != s[1]:
        raise JacdeskError(f"{node.func} needs a square matrix, got {describe(s)}", node.col)


def _call_shape(node: Call, kids: list[Shape]) -> Shape:
    f = node.func
    if f in ELEMENTWISE_1:
        return kids[0]
    if f in ("atan2", "min", "max") and len(kids) == 2:
        return broadcast(kids[0], kids[1], f, node.col)
    if f in ("min", "max", "sum", "mean", "norm", "logsumexp"):
        return ()
    if f in ("trace", "det", "logdet"):
        _square(node, kids[0])
        return ()
    if f == "inv":
        _square(node, kids[0])
        return kids[0]
    if f in ("dot", "outer"):
        a, b = kids
        if len(a) != 1 or len(b) != 1:
            raise JacdeskError(
                f"{f} needs two vectors, got {describe(a)} and {describe(b)}", node.col
            )
        if f == "dot":
            if a != b:
                raise JacdeskError(
                    f"dot needs vectors of equal length, got {describe(a)} and {describe(b)}",
                    node.col,
                )
            return ()
        return (a[0], b[0])
    if f == "diag":
        s = kids[0]
        if len(s) == 1:
            return (s[0], s[0])
        if len(s) == 2:
            return (min(s),)
        raise JacdeskError("diag needs a vector or a matrix, got a scalar", node.col)
    if f == "softmax":
        return kids[0]
    raise AssertionError(f"no shape rule for {f}")  # functions.py and this file disagree
