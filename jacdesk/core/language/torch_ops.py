"""PyTorch operations that take more than one jacdesk function to write.

``torch.cat``, ``stack(dim=1)``, ``sum(dim=…)``, ``softmax(dim=0)`` of a matrix, ``reshape``,
``unsqueeze``, ``F.linear`` …: each becomes jacdesk text with exactly torch's value (and so
torch's derivatives), built from the terms of :mod:`.torch_terms`. Whatever cannot be written
exactly is refused in one line.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from jacdesk.core.errors import JacdeskError

from .shapes import Shape, describe
from .torch_terms import (
    MAX_SPELLED,
    Term,
    binop,
    call,
    dim_of,
    entries,
    from_entries,
    index,
    listing,
    neg,
    num,
    rows,
    transpose,
)


def _ones(n: int) -> Term:
    if n > MAX_SPELLED:
        raise JacdeskError(f"a dimension of {n:,} is too long to sum over in jacdesk's language")
    return listing([num(1)] * n)


def _dims(dims: Sequence[float] | float | None, ndim: int, what: str) -> tuple[int, ...] | None:
    """Sorted distinct axes, or ``None`` for all of them."""
    if dims is None:
        return None
    seq = dims if isinstance(dims, (list, tuple)) else [dims]
    axes = tuple(sorted({dim_of(d, ndim, what) for d in seq}))
    return None if len(axes) >= max(ndim, 1) else axes


def stack(items: Sequence[Term], dim: float = 0) -> Term:
    """``torch.stack(items, dim)``."""
    t = listing(items)
    k = dim_of(dim, t.ndim, "torch.stack")
    return transpose(t) if k == 1 else t


def cat(items: Sequence[Term], dim: float = 0) -> Term:
    """``torch.cat(items, dim)`` of vectors or of matrices."""
    if not items:
        raise JacdeskError("torch.cat needs at least one tensor")
    ndim = items[0].ndim
    if ndim == 0 or any(t.ndim != ndim for t in items):
        shapes = ", ".join(describe(t.shape) for t in items)
        raise JacdeskError(f"torch.cat joins vectors or matrices of one kind, got {shapes}")
    k = dim_of(dim, ndim, "torch.cat")
    if ndim == 1:
        return listing([e for t in items for e in entries(t)])
    other = 1 - k
    if len({t.shape[other] for t in items}) != 1:
        shapes = ", ".join(describe(t.shape) for t in items)
        raise JacdeskError(f"torch.cat(dim={k}) needs equal sizes along dim {other}, got {shapes}")
    if k == 0:
        return listing([r for t in items for r in rows(t)])
    columns = [index(t, (slice(None), j)) for t in items for j in range(t.shape[1])]
    return transpose(listing(columns))


def reduce(kind: str, a: Term, dims=None, keepdim: bool = False) -> Term:
    """``sum`` or ``mean`` over all entries or over ``dim``, as torch computes it."""
    axes = _dims(dims, a.ndim, f"torch.{kind}")
    if axes is None or a.ndim == 0:
        out = call(kind, a)
        return _kept(out, a.ndim) if keepdim else out
    (axis,) = axes  # a matrix reduced over one of its two axes
    # ones @ A sums the columns (dim 0), A @ ones the rows (dim 1).
    out = binop("@", _ones(a.shape[0]), a) if axis == 0 else binop("@", a, _ones(a.shape[1]))
    if kind == "mean":
        out = binop("/", out, num(a.shape[axis]))
    if keepdim:
        out = listing([out])
        return transpose(out) if axis == 1 else out
    return out


def _kept(t: Term, ndim: int) -> Term:
    for _ in range(ndim):
        t = listing([t])
    return t


def logsumexp(a: Term, dims, keepdim: bool = False) -> Term:
    """``torch.logsumexp(a, dim)``."""
    axes = _dims(dims, a.ndim, "torch.logsumexp")
    if axes is None or a.ndim == 0:
        out = call("logsumexp", a)
        return _kept(out, a.ndim) if keepdim else out
    (axis,) = axes
    parts = rows(a) if axis == 1 else [index(a, (slice(None), j)) for j in range(a.shape[1])]
    out = listing([call("logsumexp", p) for p in parts])
    if keepdim:
        out = listing([out])
        return transpose(out) if axis == 1 else out
    return out


def softmax(a: Term, dim: float | None, log: bool = False) -> Term:
    """``softmax`` / ``log_softmax`` along ``dim``.

    jacdesk's ``softmax`` works on a vector, and row by row on a matrix (dim=1); dim=0 of a
    matrix is the row-by-row softmax of its transpose, transposed back.
    """
    what = "log_softmax" if log else "softmax"
    if dim is None:
        raise JacdeskError(f"{what} needs dim=…, as in torch (e.g. dim=0 for a vector)")
    k = dim_of(dim, a.ndim, what)
    if not log:
        if a.ndim == 2 and k == 0:
            return transpose(call("softmax", transpose(a)))
        return call("softmax", a)
    if a.ndim < 2:
        return binop("-", a, call("logsumexp", a))  # log softmax(x) = x - logsumexp(x), stably
    if k == 0:
        return binop("-", a, logsumexp(a, 0))  # each column minus its logsumexp
    return binop("-", a, transpose(listing([logsumexp(a, 1)])))  # each row minus its own


def reshape(a: Term, shape: Sequence[float]) -> Term:
    """``reshape`` / ``view`` to at most two dimensions (one size may be -1)."""
    size = math.prod(a.shape)
    dims = [int(d) for d in shape]
    if any(not float(d).is_integer() for d in shape) or dims.count(-1) > 1:
        raise JacdeskError("reshape sizes must be whole numbers, with at most one -1")
    known = math.prod(d for d in dims if d != -1)
    if -1 in dims:
        if known == 0 or size % known:
            raise JacdeskError(f"cannot reshape {describe(a.shape)} to {tuple(dims)}")
        dims[dims.index(-1)] = size // known
    target = tuple(dims)
    if math.prod(target) != size or any(d < 1 for d in target):
        raise JacdeskError(f"cannot reshape {describe(a.shape)} ({size} entries) to {target}")
    if len(target) > 2:
        raise JacdeskError("reshaping to 3 or more dimensions is beyond jacdesk's 2-D values")
    if target == a.shape:
        return a
    if len(target) == 1 and a.ndim == 0:
        return listing([a])
    return from_entries(entries(a), target)


def unsqueeze(a: Term, dim: float) -> Term:
    """``unsqueeze``: a scalar to a 1-vector, a vector to a row (dim 0) or a column (dim 1)."""
    if a.ndim >= 2:
        raise JacdeskError("unsqueeze of a matrix gives a 3-D tensor; jacdesk handles up to 2-D")
    k = dim_of(dim, a.ndim + 1, "unsqueeze")
    out = listing([a])
    return transpose(out) if k == 1 else out


def squeeze(a: Term, dims=None) -> Term:
    """``squeeze``: drop the size-1 dimensions (all, or those in ``dims``)."""
    axes = range(a.ndim) if dims is None else (_dims(dims, a.ndim, "squeeze") or range(a.ndim))
    drop = [k for k in axes if a.shape[k] == 1]
    if not drop:
        return a
    items: list[int | slice] = [0 if k in drop else slice(None) for k in range(a.ndim)]
    return index(a, items)


def prod(a: Term) -> Term:
    """``torch.prod``: the product of all entries, written out."""
    parts = entries(a)
    out = parts[0]
    for p in parts[1:]:
        out = binop("*", out, p)
    return out


def literal(values: np.ndarray) -> Term:
    """Numbers written as a jacdesk list literal (``[[1.0, 0.0], [0.0, 1.0]]``)."""
    arr = np.asarray(values, dtype=np.float64)
    if arr.ndim > 2:
        raise JacdeskError("a tensor of 3 or more dimensions is beyond jacdesk's 2-D values")
    if arr.size > MAX_SPELLED:
        raise JacdeskError(
            f"a tensor of {arr.size:,} numbers inside the function is too large to write out; "
            "make it a module-level constant"
        )
    return from_entries([num(x) for x in arr.reshape(-1).tolist()], arr.shape)


def linear(x: Term, w: Term, b: Term | None = None) -> Term:
    """``F.linear(x, W, b)`` = x Wᵀ + b."""
    out = binop("@", x, transpose(w))
    return out if b is None else binop("+", out, b)


def scaled(a: Term, alpha: Term | None) -> Term:
    """``alpha * a`` (the ``alpha=`` of ``torch.add``/``sub``), or ``a`` for alpha 1."""
    if alpha is None or alpha.value == 1:
        return a
    return binop("*", alpha, a)


def softplus(a: Term, beta: Term | None = None, threshold: Term | None = None) -> Term:
    """``F.softplus(x, beta, threshold)`` = softplus(βx)/β; only torch's threshold of 20."""
    if threshold is not None and threshold.value != 20:
        raise JacdeskError("softplus is jacdesk's with threshold=20 (torch's default) only")
    if beta is None or beta.value == 1:
        return call("softplus", a)
    return binop("/", call("softplus", binop("*", beta, a)), beta)


def elementwise(name: str, a: Term) -> Term:
    """The elementwise functions torch has and jacdesk writes with its own."""
    if name == "square":
        return binop("**", a, num(2))
    if name == "reciprocal":
        return binop("/", num(1), a)
    if name == "rsqrt":
        return binop("/", num(1), call("sqrt", a))
    if name == "log1p":
        return call("log", binop("+", num(1), a))
    if name == "expm1":
        return binop("-", call("exp", a), num(1))
    if name in ("log2", "log10"):
        return binop("/", call("log", a), call("log", num(2 if name == "log2" else 10)))
    if name == "exp2":
        return binop("**", num(2), a)
    if name == "silu":
        return binop("*", a, call("sigmoid", a))
    if name == "neg":
        return neg(a)
    if name == "positive":
        return a
    return call(name, a)


def mse_loss(a: Term, b: Term, reduction: str = "mean") -> Term:
    """``F.mse_loss``: mean (or sum) of the squared differences."""
    if reduction not in ("mean", "sum"):
        raise JacdeskError("mse_loss is read with reduction='mean' or 'sum'")
    d = binop("**", binop("-", a, b), num(2))
    return call(reduction, d)


def filled(shape: Shape, value: float) -> Term:
    """``torch.full(shape, value)`` (``ones``, ``zeros``, ``ones_like``) as a literal."""
    if len(shape) > 2 or math.prod(shape) > MAX_SPELLED or any(d < 1 for d in shape):
        raise JacdeskError(
            f"a tensor of shape {tuple(shape)} inside the function is beyond what jacdesk writes "
            f"out (≤ 2-D, ≤ {MAX_SPELLED:,} numbers); make it a module-level constant"
        )
    return literal(np.full(shape, float(value)))
