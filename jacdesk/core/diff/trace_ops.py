"""aten operations (as ``make_fx(pre_dispatch=True)`` records them) → jacdesk terms.

Each entry takes the operation's arguments as the graph holds them — terms for tensors and
numbers, lists, Python options — and returns the term of its value, built only from the
builders the PyTorch script reader uses too. An operation missing here, or an argument the
builders cannot express exactly (a ``rounding_mode``, a norm order, a 3-D view), raises
:class:`Unmapped`; the caller then falls back to numbers from the callable itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jacdesk.core.language import torch_ops as ops
from jacdesk.core.language import torch_terms as tt
from jacdesk.core.language.torch_subset import ELEMENTWISE

#: Operations whose value is their first argument, as jacdesk computes it (float64, CPU).
IDENTITY = frozenset(
    {
        "clone",
        "alias",
        "contiguous",
        "lift_fresh_copy",
        "lift_fresh",
        "_to_copy",
        "to",
        "view_as",
        "positive",
        "resolve_conj",
        "resolve_neg",
    }
)


class Unmapped(Exception):
    """An operation jacdesk has no exact translation for (the message names it)."""


def _n(v: Any) -> Any:
    """A graph number (a term with a value) as the Python number it is."""
    if isinstance(v, tt.Term):
        if v.value is None:
            raise Unmapped("an argument that depends on the inputs where a number is needed")
        return int(v.value) if float(v.value).is_integer() else v.value
    if isinstance(v, list):
        return [_n(x) for x in v]
    return v


def _add(sign: str) -> Callable[..., tt.Term]:
    def build(a, b, alpha=None):
        return tt.binop(sign, a, ops.scaled(b, alpha))

    return build


def _rsub(a, b, alpha=None):
    return tt.binop("-", b, ops.scaled(a, alpha))


def _mul(a, b):
    # 2 * x records as mul(x, 2); the product commutes exactly, so write it as typed.
    return tt.binop("*", b, a) if b.value is not None and a.value is None else tt.binop("*", a, b)


def _div(a, b, rounding_mode=None):
    if rounding_mode is not None:
        raise Unmapped(f"div with rounding_mode={rounding_mode!r}")
    return tt.binop("/", a, b)


def _index_at(a: tt.Term, dim: Any, item: Any) -> tt.Term:
    k = tt.dim_of(_n(dim), a.ndim, "an index")
    return tt.index(a, [slice(None)] * k + [item])


def _slice(a, dim=0, start=None, end=None, step=1):
    k = tt.dim_of(_n(dim), a.ndim, "a slice")
    start, stop, step = slice(_n(start), _n(end), _n(step)).indices(a.shape[k])
    return _index_at(a, k, slice(start, stop, step))


def _expand(a, size, implicit=False):
    target = [a.shape[i - len(size) + a.ndim] if s == -1 else s for i, s in enumerate(_n(size))]
    if tuple(target) == a.shape:
        return a
    if len(target) > 2:
        raise Unmapped("expand to 3 or more dimensions")
    if a.ndim == 0:
        return ops.reshape(
            tt.listing([a] * (target[0] * (target[1] if len(target) == 2 else 1))), target
        )
    if a.ndim == 1 and len(target) == 2 and target[1] == a.shape[0]:
        return tt.listing([a] * target[0])
    if a.ndim == 2 and a.shape[1] == 1 and tuple(target) == (a.shape[0], target[1]):
        return tt.transpose(tt.listing([tt.index(a, (slice(None), 0))] * target[1]))
    raise Unmapped(f"expand from {a.shape} to {tuple(target)}")


def _permute(a, dims):
    return tt.transpose(a) if list(_n(dims)) == [1, 0] else a


def _transpose(a, d0, d1):
    return tt.transpose(a) if a.ndim == 2 and {_n(d0) % 2, _n(d1) % 2} == {0, 1} else a


def _reduce(kind: str) -> Callable[..., tt.Term]:
    def build(a, dim=None, keepdim=False, dtype=None):
        dims = _n(dim)
        return ops.reduce(kind, a, None if dims in (None, []) else dims, bool(keepdim))

    return build


def _all_of(func: str) -> Callable[..., tt.Term]:
    def build(a, dim=None, keepdim=False):
        if _n(dim) not in (None, []):
            raise Unmapped(f"{func} over a dim")
        return tt.call(func, a)

    return build


def _norm(a, ord=None, dim=None, keepdim=False, dtype=None, p=None):
    order = _n(ord if p is None else p)
    if order not in (None, 2, 2.0, "fro") or _n(dim) not in (None, []):
        raise Unmapped(f"a norm with ord={order!r}, dim={_n(dim)!r}")
    return tt.call("norm", a)


def _softmax(log: bool) -> Callable[..., tt.Term]:
    def build(a, dim, dtype_or_half=None):
        return ops.softmax(a, _n(dim), log)

    return build


def _softplus(a, beta=None, threshold=None):
    return ops.softplus(a, beta, threshold)


def _fill(value: float | None) -> Callable[..., tt.Term]:
    def build(size, fill_value=None, **_options):
        return ops.filled(tuple(_n(size)), value if value is not None else _n(fill_value))

    return build


def _fill_like(value: float | None) -> Callable[..., tt.Term]:
    def build(a, fill_value=None, **_options):
        return ops.filled(a.shape, value if value is not None else _n(fill_value))

    return build


def _eye(n, m=None, **_options):
    import numpy as np

    return ops.literal(np.eye(_n(n), None if m is None else _n(m)))


def _diag(a, diagonal=0):
    if _n(diagonal) != 0:
        raise Unmapped("diag with an offset")
    return tt.call("diag", a)


def _diagonal(a, offset=0, dim1=0, dim2=1):
    if (_n(offset), _n(dim1) % 2, _n(dim2) % 2) != (0, 0, 1):
        raise Unmapped("diagonal with an offset or other dims")
    return tt.call("diag", a)


def _broadcast(tensors):
    if len({t.shape for t in tensors}) != 1:
        raise Unmapped("broadcast_tensors of different shapes")
    return list(tensors)


def _mse(a, b, reduction=1):
    if _n(reduction) not in (1, 2):
        raise Unmapped("mse_loss with reduction='none'")
    return ops.mse_loss(a, b, "mean" if _n(reduction) == 1 else "sum")


def _addmm(bias, a, b, beta=None, alpha=None):
    return tt.binop("+", ops.scaled(bias, beta), ops.scaled(tt.binop("@", a, b), alpha))


def _scalar(s, **_options):
    return s


def _elementwise(name: str) -> Callable[..., tt.Term]:
    return lambda a: ops.elementwise(name, a)


# The aten ops a trace may hold for them: torch's elementwise functions the reader maps
# (``positive`` is not an op of its own in a trace), and silu.
_UNARY = (*(name for name in ELEMENTWISE if name != "positive"), "silu")

ATEN: dict[str, Callable[..., Any]] = {
    **{f: _elementwise(f) for f in _UNARY},
    "add": _add("+"),
    "sub": _add("-"),
    "rsub": _rsub,
    "mul": _mul,
    "div": _div,
    "pow": lambda a, b: tt.binop("**", a, b),
    "matmul": lambda a, b: tt.binop("@", a, b),
    "mm": lambda a, b: tt.binop("@", a, b),
    "mv": lambda a, b: tt.binop("@", a, b),
    "dot": lambda a, b: tt.call("dot", a, b),
    "inner": lambda a, b: tt.call("dot", a, b),
    "outer": lambda a, b: tt.call("outer", a, b),
    "atan2": lambda a, b: tt.call("atan2", a, b),
    "maximum": lambda a, b: tt.call("max", a, b),
    "minimum": lambda a, b: tt.call("min", a, b),
    "linear": lambda x, w, b=None: ops.linear(x, w, b),
    "addmm": _addmm,
    "select": lambda a, dim, i: _index_at(a, dim, _n(i)),
    "slice": _slice,
    "unsqueeze": lambda a, dim: ops.unsqueeze(a, _n(dim)),
    "squeeze": lambda a, dim=None: ops.squeeze(a, _n(dim)),
    "view": lambda a, size: ops.reshape(a, _n(size)),
    "reshape": lambda a, size: ops.reshape(a, _n(size)),
    "_unsafe_view": lambda a, size: ops.reshape(a, _n(size)),
    "flatten": lambda a, start_dim=0, end_dim=-1: (
        ops.reshape(a, (-1,))
        if (_n(start_dim), _n(end_dim) % max(a.ndim, 1)) == (0, max(a.ndim, 1) - 1)
        else _unmapped("a partial flatten")
    ),
    "expand": _expand,
    "t": tt.transpose,
    "numpy_T": tt.transpose,
    "transpose": _transpose,
    "permute": _permute,
    "sum": _reduce("sum"),
    "mean": _reduce("mean"),
    "prod": lambda a, dtype=None: ops.prod(a),
    "amax": _all_of("max"),
    "amin": _all_of("min"),
    "max": lambda a: tt.call("max", a),
    "min": lambda a: tt.call("min", a),
    "logsumexp": lambda a, dim, keepdim=False: ops.logsumexp(a, _n(dim), bool(keepdim)),
    "softmax": _softmax(False),
    "_softmax": _softmax(False),
    "log_softmax": _softmax(True),
    "_log_softmax": _softmax(True),
    "linalg_vector_norm": _norm,
    "linalg_norm": _norm,
    "norm": lambda a, p=None, dim=None, keepdim=False, dtype=None: _norm(
        a, p=p if p is not None else 2, dim=dim
    ),
    "trace": lambda a: tt.call("trace", a),
    "det": lambda a: tt.call("det", a),
    "linalg_det": lambda a: tt.call("det", a),
    "logdet": lambda a: tt.call("logdet", a),
    "inverse": lambda a: tt.call("inv", a),
    "linalg_inv": lambda a: tt.call("inv", a),
    "diag": _diag,
    "diagonal": _diagonal,
    "diag_embed": lambda a, offset=0, dim1=-2, dim2=-1: (
        tt.call("diag", a) if a.ndim == 1 and _n(offset) == 0 else _unmapped("diag_embed")
    ),
    "stack": lambda ts, dim=0: ops.stack(ts, _n(dim)),
    "cat": lambda ts, dim=0: ops.cat(ts, _n(dim)),
    "softplus": _softplus,
    "mse_loss": _mse,
    "broadcast_tensors": _broadcast,
    "scalar_tensor": _scalar,
    "ones": _fill(1.0),
    "zeros": _fill(0.0),
    "full": _fill(None),
    "ones_like": _fill_like(1.0),
    "zeros_like": _fill_like(0.0),
    "full_like": _fill_like(None),
    "eye": _eye,
}


def _unmapped(what: str) -> Any:
    raise Unmapped(what)
