"""How each allowed PyTorch call is written in jacdesk: argument checks and builders.

The tables of :mod:`.torch_subset` pair a torch name with an ``Op`` (:mod:`.torch_args`): its
parameters as torch spells them and one of these builders, from the bound arguments (terms,
lists, options) to the term of the value.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from jacdesk.core.errors import JacdeskError

from . import torch_ops as ops
from .torch_args import Op, Seq, default_only, dims, flag, sizes, tensor, terms, whole
from .torch_terms import Term, binop, call, transpose


# -- builders -------------------------------------------------------------------------------
def unary(name: str) -> Op:
    def build(input, inplace=False):
        return ops.elementwise(name, tensor(input, name))

    return Op(("input",), build, f"{name} of each entry")


def binary(op: str, meaning: str) -> Op:
    def build(input, other, alpha=None):
        b = ops.scaled(tensor(other, meaning), None if alpha is None else tensor(alpha, "alpha"))
        return binop(op, tensor(input, meaning), b)

    params = ("input", "other", "alpha=None") if op in "+-" else ("input", "other")
    return Op(params, build, meaning)


def function(func: str, meaning: str, arity: int = 1) -> Op:
    """jacdesk's own ``func`` of one or two tensors (``det``, ``dot``, ``atan2``…)."""

    def build(input, other=None):
        args = [tensor(input, func)] + ([] if other is None else [tensor(other, func)])
        return call(func, *args)

    return Op(("input",) if arity == 1 else ("input", "other"), build, meaning)


def reduction(kind: str) -> Op:
    def build(input, dim=None, keepdim=False, dtype=None):
        return ops.reduce(kind, tensor(input, kind), dims(dim, "dim"), flag(keepdim, "keepdim"))

    return Op(
        ("input", "dim=None", "keepdim=False", "dtype=None"),
        build,
        f"{kind} of all entries, or over dim",
    )


def extreme(func: str) -> Op:
    def build(input, other=None, dim=None, keepdim=False):
        if dim is not None and not (isinstance(dim, Seq) and not dim.items):
            raise JacdeskError(
                f"torch.{func} is read over all entries (no dim): its dim= form returns indices"
            )
        if other is None:
            return call(func, tensor(input, func))
        if isinstance(other, Term) and other.value is not None:
            raise JacdeskError(
                f"torch.{func}(x, dim) gives values and indices; write torch.{func}(x) (all entries) or torch.{func}imum(a, b)"
            )
        return call(func, tensor(input, func), tensor(other, func))

    return Op(
        ("input", "other=None", "dim=None", "keepdim=False"),
        build,
        f"{func} of all entries, or of two tensors entry by entry",
    )


def norm(input, p="fro", dim=None, keepdim=False, dtype=None, ord=None):
    default_only(p if ord is None else ord, ("fro", 2, 2.0, None), "the norm's order (p, ord)")
    default_only(dim, (None,), "the norm's dim")
    return call("norm", tensor(input, "norm"))


def softmax(log: bool) -> Op:
    def build(input, dim=None, _stacklevel=None, dtype=None):
        return ops.softmax(
            tensor(input, "softmax"), None if dim is None else whole(dim, "dim"), log
        )

    what = "log of softmax" if log else "exp(x) / sum(exp(x))"
    return Op(("input", "dim=None", "_stacklevel=None", "dtype=None"), build, f"{what} along dim")


def diag(input, diagonal=0):
    default_only(diagonal, (0,), "diag's diagonal")
    return call("diag", tensor(input, "diag"))


def constant_data(data) -> Term:
    """``torch.tensor(data)`` inside the function: numbers only (it copies, cutting gradients)."""

    def plain(v: Any) -> Any:
        if isinstance(v, Seq):
            return [plain(i) for i in v.items]
        if isinstance(v, Term) and v.value is not None and v.ndim == 0:
            return v.value
        raise JacdeskError(
            "torch.tensor(...) copies numbers and cuts the gradient; build a tensor from tensors with torch.stack([...])"
        )

    numbers = plain(data)
    try:
        arr = np.array(numbers, dtype=np.float64)
    except ValueError:  # ragged
        raise JacdeskError("torch.tensor(...) needs a rectangular list of numbers") from None
    return ops.literal(arr)


def like(fill: float | None) -> Op:
    def build(input, fill_value=None):
        value = fill if fill is not None else tensor(fill_value, "fill_value").value
        if value is None:
            raise JacdeskError("full_like needs a number written in the script")
        return ops.filled(tensor(input, "like").shape, value)

    return Op(
        ("input",) if fill is not None else ("input", "fill_value"),
        build,
        "a constant tensor shaped like the input",
    )


def creation(fill: float | None) -> Op:
    def build(size, fill_value=None):
        value = fill if fill is not None else tensor(fill_value, "fill_value").value
        if value is None:
            raise JacdeskError("full needs a number written in the script")
        return ops.filled(sizes(size, "size"), value)

    return Op(
        ("*size",) if fill is not None else ("size", "fill_value"),
        build,
        "a constant tensor of that size",
    )


def eye(n, m=None):
    return ops.literal(np.eye(whole(n, "n"), None if m is None else whole(m, "m")))


def swap(input, dim0=0, dim1=1):
    """``transpose(x, 0, 1)`` (and ``x.t()``): a matrix's transpose; a vector stays."""
    a = tensor(input, "transpose")
    axes = {whole(dim0, "dim0") % max(a.ndim, 1), whole(dim1, "dim1") % max(a.ndim, 1)}
    return transpose(a) if axes == {0, 1} else a


def silu(input, inplace=False):
    return ops.elementwise("silu", tensor(input, "silu"))


def softplus(input, beta=None, threshold=None):
    return ops.softplus(tensor(input, "softplus"), beta, threshold)


def linear(input, weight, bias=None):
    b = None if bias is None else tensor(bias, "linear")
    return ops.linear(tensor(input, "linear"), tensor(weight, "linear"), b)


def mse_loss(input, target, reduction="mean"):
    return ops.mse_loss(tensor(input, "mse_loss"), tensor(target, "mse_loss"), reduction)


def power(input, exponent):
    return binop("**", tensor(input, "pow"), tensor(exponent, "pow"))


def prod(input, dtype=None):
    return ops.prod(tensor(input, "prod"))


def logsumexp(input, dim, keepdim=False):
    return ops.logsumexp(tensor(input, "logsumexp"), dims(dim, "dim"), flag(keepdim, "keepdim"))


def stack(tensors, dim=0):
    return ops.stack(terms(tensors, "torch.stack"), whole(dim, "dim"))


def cat(tensors, dim=0):
    return ops.cat(terms(tensors, "torch.cat"), whole(dim, "dim"))


def reshape(input, shape):
    return ops.reshape(tensor(input, "reshape"), sizes(shape, "shape"))


def flatten(input):
    return ops.reshape(tensor(input, "flatten"), (-1,))


def squeeze(input, dim=None):
    return ops.squeeze(tensor(input, "squeeze"), dims(dim, "dim"))


def unsqueeze(input, dim):
    return ops.unsqueeze(tensor(input, "unsqueeze"), whole(dim, "dim"))


def log(x, base=None):
    out = call("log", tensor(x, "log"))
    return out if base is None else binop("/", out, call("log", tensor(base, "log")))


def same(self, args=None):
    """``clone()``, ``float()``, ``to(...)``: the same values, as jacdesk computes in float64."""
    return self


def method(op: Op) -> Op:
    """The tensor method of a torch function: the tensor comes first."""
    return Op(("self", *op.params[1:]), lambda self, **kw: op.build(self, **kw), op.meaning)
