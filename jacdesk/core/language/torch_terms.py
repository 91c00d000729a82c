"""Pieces of jacdesk expression text with their shapes, built from PyTorch operations.

The PyTorch reader (from a script's ``ast``) and the tracer (from a ``torch.fx`` graph) both
translate torch operations into jacdesk's own expression language through these builders. A
:class:`Term` is text the parser accepts plus the shape of its value; shapes are checked by
jacdesk's own rules (:mod:`.shapes`) on a small template, so a translation that type-checks
here also builds as a :class:`~jacdesk.core.language.program.Program`. A builder that cannot
express an operation raises :class:`JacdeskError` with one line and no location; the caller
adds where it happened.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from jacdesk.core.errors import JacdeskError

from .parser import MAX_CONST_MAGNITUDE, parse
from .shapes import Shape, broadcast, describe, infer
from .tokens import MAX_TEXT

# Precedence of a term's outermost operation, as in jacdesk's (and Python's) grammar.
ADD, MUL, UNARY, POW, ATOM = 1, 2, 3, 4, 5

#: Entries a reshape, cat or unstack may spell out one by one.
MAX_SPELLED = 1024


@dataclass(frozen=True)
class Term:
    """Expression text, the precedence of its outer operation and the shape of its value.

    ``value`` is the number a scalar term stands for when it depends on no variable (used
    for indices, sizes and dims); ``items`` are the entries of a list literal, so that
    ``torch.stack([a, b])[0]`` reads back as ``a``.
    """

    text: str
    prec: int
    shape: Shape
    value: float | None = None
    items: tuple[Term, ...] | None = None
    transposed: Term | None = None  # for A.T: A, so that A.T.T reads back as A

    @property
    def ndim(self) -> int:
        return len(self.shape)


def wrap(t: Term, least: int) -> str:
    """``t``'s text, in parentheses when its operation binds less tightly than ``least``."""
    return t.text if t.prec >= least else f"({t.text})"


def _checked(text: str) -> str:
    if len(text) > MAX_TEXT:
        raise JacdeskError(
            f"in jacdesk's language this becomes longer than {MAX_TEXT:,} characters; "
            "simplify the function or split it"
        )
    return text


@functools.lru_cache(maxsize=4096)
def _template_shape(template: str, shapes: tuple[Shape, ...]) -> Shape:
    env = {f"_{k}": s for k, s in enumerate(shapes)}
    tree = parse(template)
    try:
        return infer(tree, env)[id(tree)]
    except JacdeskError as err:
        raise JacdeskError(err.message) from None  # the column is the template's, not the user's


def emit(fmt: str, prec: int, args: Sequence[tuple[Term, int]], value: float | None = None) -> Term:
    """The term ``fmt.format(*args)``; each arg comes with the least precedence it may have."""
    shape = _template_shape(
        fmt.format(*(f"_{k}" for k in range(len(args)))), tuple(a.shape for a, _ in args)
    )
    return Term(_checked(fmt.format(*(wrap(a, least) for a, least in args))), prec, shape, value)


def num(value: float, text: str | None = None) -> Term:
    """A number; whole numbers are written without ``.0`` unless ``text`` says otherwise."""
    value = float(value)
    if not math.isfinite(value) or abs(value) > MAX_CONST_MAGNITUDE:
        raise JacdeskError("this number is too large to compute; use smaller numbers")
    if text is None:
        text = str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if text.startswith("-"):
        return Term(text, UNARY, (), value)
    return Term(text, ATOM, (), value)


def name(id_: str, shape: Shape) -> Term:
    return Term(id_, ATOM, tuple(shape))


def neg(a: Term) -> Term:
    value = None if a.value is None else -a.value
    if a.text.startswith("-") and a.prec == UNARY:
        return emit("-({0})", UNARY, [(a, 0)], value)  # -(-x), not --x
    return emit("-{0}", UNARY, [(a, UNARY)], value)


_BINARY = {
    "+": (ADD, ADD, MUL),
    "-": (ADD, ADD, MUL),
    "*": (MUL, MUL, UNARY),
    "/": (MUL, MUL, UNARY),
    "@": (MUL, MUL, UNARY),
    "**": (POW, ATOM, UNARY),
}


def binop(op: str, a: Term, b: Term) -> Term:
    """``a op b`` for ``+ - * / ** @`` with torch's broadcasting and matrix-product rules."""
    prec, left, right = _BINARY[op]
    fmt = f"{{0}} {op} {{1}}"
    if op == "@":
        return emit(fmt, prec, [(a, left), (b, right)])
    shape = broadcast(a.shape, b.shape, f"'{op}'", 0)
    text = _checked(fmt.format(wrap(a, left), wrap(b, right)))
    return Term(text, prec, shape, _fold(op, a.value, b.value))


def _fold(op: str, a: float | None, b: float | None) -> float | None:
    if a is None or b is None:
        return None
    if op == "**" and a != 0 and abs(b) * math.log10(abs(a)) > 300:
        raise JacdeskError("this power is too large to compute; use smaller numbers")
    try:
        if op == "**":
            value = math.pow(a, b)
        else:
            value = {"+": a + b, "-": a - b, "*": a * b}.get(op)
            if value is None:
                value = a / b
    except (OverflowError, ValueError, ZeroDivisionError):
        return None  # 1/0, (-8)**(1/3): torch gives inf or nan; the number stays unfolded
    if not math.isfinite(value) or abs(value) > MAX_CONST_MAGNITUDE:
        raise JacdeskError("this number is too large to compute; use smaller numbers")
    return value


def call(func: str, *args: Term) -> Term:
    """A call of one of jacdesk's functions (``sin``, ``det``, ``softmax``, …)."""
    fmt = f"{func}({', '.join(f'{{{k}}}' for k in range(len(args)))})"
    return emit(fmt, ATOM, [(a, 0) for a in args])


def transpose(a: Term) -> Term:
    """``.T``: a matrix's transpose; a scalar or a vector is its own transpose, as in torch."""
    if a.ndim < 2:
        return a
    if a.transposed is not None:
        return a.transposed
    t = emit("{0}.T", ATOM, [(a, ATOM)])
    return Term(t.text, t.prec, t.shape, t.value, None, a)


def dim_of(d: float | None, ndim: int, what: str) -> int:
    """A torch ``dim`` argument as a non-negative axis of a value with ``ndim`` dimensions."""
    if d is None or not float(d).is_integer():
        raise JacdeskError(f"the dim of {what} must be a whole number")
    k = int(d)
    size = max(ndim, 1)
    if not -size <= k < size:
        raise JacdeskError(
            f"dim={k} is out of range for {what} of a value with {ndim} dimension"
            f"{'' if ndim == 1 else 's'} (use {-size} to {size - 1})"
        )
    return k % size


# -- lists of terms ---------------------------------------------------------------------
def listing(items: Sequence[Term]) -> Term:
    """``[a, b, …]``: stacks equal-shaped scalars or vectors (a vector or a matrix)."""
    if not items:
        raise JacdeskError("an empty list has no value; stack at least one tensor")
    first = items[0].shape
    for k, t in enumerate(items):
        if t.shape != first:
            raise JacdeskError(
                f"stacked tensors must have equal shapes: entry 1 is {describe(first)}, "
                f"entry {k + 1} is {describe(t.shape)}"
            )
    if len(first) >= 2:
        raise JacdeskError("stacking matrices gives a 3-D tensor; jacdesk handles up to 2-D")
    text = _checked("[" + ", ".join(t.text for t in items) + "]")
    return Term(text, ATOM, (len(items), *first), items=tuple(items))


def entries(a: Term) -> list[Term]:
    """The scalar entries of ``a`` in row-major order (``x[0]``, ``X[0, 1]``, …)."""
    size = math.prod(a.shape)
    if size > MAX_SPELLED:
        raise JacdeskError(
            f"this would spell out {size:,} entries one by one; jacdesk does that for at most {MAX_SPELLED:,}"
        )
    if a.ndim == 0:
        return [a]
    if a.ndim == 1:
        return [index(a, (i,)) for i in range(a.shape[0])]
    return [index(a, (i, j)) for i in range(a.shape[0]) for j in range(a.shape[1])]


def rows(a: Term) -> list[Term]:
    """The first-axis slices of ``a``: entries of a vector, rows of a matrix."""
    if a.ndim == 0:
        raise JacdeskError("a scalar has no entries to take apart")
    return [index(a, (i,)) for i in range(a.shape[0])]


def from_entries(flat: Sequence[Term], shape: Shape) -> Term:
    """A value of ``shape`` from scalar terms in row-major order."""
    if len(shape) == 0:
        return flat[0]
    if len(shape) == 1:
        return listing(flat)
    m, n = shape
    return listing([listing(flat[i * n : (i + 1) * n]) for i in range(m)])


# -- indexing ---------------------------------------------------------------------------
def index(a: Term, items: Sequence[int | slice]) -> Term:
    """``a[i]``, ``a[i:j]``, ``A[:, k]``, ``a[::2]`` as torch indexes (negative ints count
    from the end; a slice with a step becomes a list of the entries it picks)."""
    if len(items) > a.ndim:
        raise JacdeskError(
            f"too many indices: the value is {describe(a.shape)}, which takes {a.ndim}"
        )
    for axis, item in enumerate(items):
        if isinstance(item, slice) and item.step not in (None, 1):
            return _stepped(a, list(items), axis)
    if a.items is not None and items and isinstance(items[0], int):
        n = a.shape[0]
        if -n <= items[0] < n:  # [a, b][0] is a
            inner = a.items[items[0]]
            return index(inner, items[1:]) if len(items) > 1 else inner
    items = [_normal(i, a.shape[k]) for k, i in enumerate(items)]
    if all(isinstance(i, slice) and i.start is None and i.stop is None for i in items):
        return a  # x[:] and X[:, :] are x and X
    parts = [_item_text(i) for i in items]
    fmt = "{0}[" + ", ".join(p.replace("{", "{{").replace("}", "}}") for p in parts) + "]"
    return emit(fmt, ATOM, [(a, ATOM)])


def _normal(item: int | slice, n: int) -> int | slice:
    """A slice with Python's bounds resolved (``x[:10**12]`` is ``x``), ``None`` for defaults."""
    if not isinstance(item, slice):
        return item
    start, stop, _ = item.indices(n)
    if stop <= start:
        raise JacdeskError(f"the slice selects nothing from a dimension of size {n}")
    return slice(None if start == 0 else start, None if stop == n else stop)


def _item_text(item: int | slice) -> str:
    if isinstance(item, slice):
        start = "" if item.start is None else str(item.start)
        stop = "" if item.stop is None else str(item.stop)
        return f"{start}:{stop}"
    return str(item)


def _stepped(a: Term, items: list[int | slice], axis: int) -> Term:
    step_item = items[axis]
    assert isinstance(step_item, slice)
    picked = range(a.shape[axis])[step_item]
    if len(picked) == 0:
        raise JacdeskError(f"the slice selects nothing from a dimension of size {a.shape[axis]}")
    if len(picked) > MAX_SPELLED:
        raise JacdeskError(f"this slice picks {len(picked):,} entries; at most {MAX_SPELLED:,}")
    parts = [index(a, [*items[:axis], i, *items[axis + 1 :]]) for i in picked]
    stacked = listing(parts)
    # The picked axis came first in the list; put it back where it was.
    return transpose(stacked) if axis == 1 and stacked.ndim == 2 else stacked
