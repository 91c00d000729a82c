"""Tape → torch function, batch-aware.

Every value is a tensor shaped ``batch + node_shape``, where ``batch`` is any number of leading
dimensions. Operations work on the trailing node dimensions only, so one compiled function
serves a single point, a grid of points (plots), the finite-difference stencil and
``torch.func.vmap`` alike.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np
import torch
import torch.autograd.forward_ad as fwAD

from jacdesk.core.language.functions import CONSTANTS
from jacdesk.core.language.program import Instr, Program
from jacdesk.core.language.shapes import Shape

_UNARY: dict[str, Callable[[torch.Tensor], torch.Tensor]] = {
    "sin": torch.sin,
    "cos": torch.cos,
    "tan": torch.tan,
    "asin": torch.asin,
    "acos": torch.acos,
    "atan": torch.atan,
    "sinh": torch.sinh,
    "cosh": torch.cosh,
    "tanh": torch.tanh,
    "exp": torch.exp,
    "log": torch.log,
    "sqrt": torch.sqrt,
    "abs": torch.abs,
    "sigmoid": torch.sigmoid,
    "softplus": torch.nn.functional.softplus,
    "relu": torch.relu,
}

#: Names the torch evaluator implements (checked against functions.FUNCTIONS by a test).
IMPLEMENTED = frozenset(_UNARY) | {
    "atan2",
    "min",
    "max",
    "sum",
    "mean",
    "trace",
    "det",
    "logdet",
    "inv",
    "norm",
    "dot",
    "outer",
    "diag",
    "softmax",
    "logsumexp",
}


def _lift(t: torch.Tensor, shape: Shape, ndim: int) -> torch.Tensor:
    """Insert size-1 dims between the batch and node dims so node dims align for broadcasting."""
    pad = ndim - len(shape)
    if pad <= 0:
        return t
    batch = t.shape[: t.dim() - len(shape)]
    return t.reshape(*batch, *([1] * pad), *shape)


def _dims(shape: Shape) -> tuple[int, ...]:
    return tuple(range(-len(shape), 0))


class TorchFunction:
    """A compiled program: ``f(*variables) -> output`` with any leading batch dimensions.

    Parameters
    ----------
    program
        The checked program.
    constants
        Values of the program's constants, as arrays or numbers.
    dtype, device
        Where and how to compute; float64 on the CPU by default.
    """

    def __init__(
        self,
        program: Program,
        constants: Mapping[str, object] | None = None,
        dtype: torch.dtype = torch.float64,
        device: torch.device | str = "cpu",
    ):
        self.program = program
        self.dtype = dtype
        self.device = torch.device(device)
        consts = dict(constants or {})
        self._var_index = {name: i for i, (name, _) in enumerate(program.variables)}
        self._const_values = {
            name: torch.tensor(
                np.array(consts[name], dtype=np.float64), dtype=dtype, device=self.device
            )
            for name, _ in program.constants
        }
        for name, value in CONSTANTS.items():
            self._const_values.setdefault(
                name, torch.tensor(value, dtype=dtype, device=self.device)
            )
        self._consts: list[torch.Tensor] = []
        self._steps = [self._compile(ins) for ins in program.tape]

    def _constant(self, c: torch.Tensor) -> int:
        self._consts.append(c)
        return len(self._consts) - 1

    def __call__(self, *variables: torch.Tensor, dual: bool = False) -> torch.Tensor:
        """Evaluate; ``dual=True`` inside a forward-AD level when the inputs are dual tensors.

        Constants then become dual tensors with zero tangents: torch's forward-mode rule for a
        dual times a plain tensor runs a slow Python decomposition (~300 µs per op, measured),
        dual times dual runs the fast kernel.
        """
        return self.with_parts(*variables, dual=dual)[0]

    def with_parts(
        self, *variables: torch.Tensor, dual: bool = False
    ) -> tuple[torch.Tensor, list[torch.Tensor] | None]:
        """f, and for several scalar expressions also each one before they are stacked.

        Back-propagating a component itself walks only its own sub-graph; back-propagating
        the stacked y's entry i walks every component's, with zeros in all but one (twice
        the nodes for the seed). The gradients are the same numbers.
        """
        cs = self._consts
        if dual:
            cs = [fwAD.make_dual(c, torch.zeros_like(c)) for c in cs]
        regs: list[torch.Tensor] = []
        for step in self._steps:
            regs.append(step(regs, variables, cs))
        outs = [regs[r] for r in self.program.outputs]
        if self.program.stacked:
            return torch.stack(torch.broadcast_tensors(*outs), dim=-1), outs
        return outs[0], None

    # Each compiled step is a closure (regs, variables) -> tensor.
    def _compile(self, ins: Instr) -> Callable:
        op, args, shape = ins.op, ins.args, ins.shape
        shapes = [self.program.tape[a].shape for a in args]
        if op == "num":
            k = self._constant(torch.tensor(float(ins.data), dtype=self.dtype, device=self.device))
            return lambda regs, xs, cs: cs[k]
        if op == "var":
            k = self._var_index[ins.data]
            return lambda regs, xs, cs: xs[k]
        if op == "const":
            k = self._constant(self._const_values[ins.data])
            return lambda regs, xs, cs: cs[k]
        if op == "neg":
            (a,) = args
            return lambda regs, xs, cs: -regs[a]
        if op in ("+", "-", "*", "/", "**"):
            return self._elementwise2(op, args, shapes, shape)
        if op == "@":
            return self._matmul(args, shapes)
        if op == "T":
            (a,) = args
            if len(shape) == 2:
                return lambda regs, xs, cs: regs[a].transpose(-1, -2)
            return lambda regs, xs, cs: regs[a]
        if op == "index":
            key = (
                Ellipsis,
                *(i if isinstance(i, int) else slice(i.start, i.stop) for i in ins.data),
            )
            (a,) = args
            # Ellipsis first would index the batch; index the node dims counted from the end.
            trailing = len(shapes[0]) - len(ins.data)
            key = key + (slice(None),) * trailing
            return lambda regs, xs, cs: regs[a][key]
        if op == "list":
            item_nd = len(shapes[0])
            dim = -(item_nd + 1)
            return lambda regs, xs, cs: torch.stack(
                torch.broadcast_tensors(*(regs[a] for a in args)), dim=dim
            )
        return self._call(ins.data, args, shapes, shape)

    def _elementwise2(self, op: str, args, shapes, shape) -> Callable:
        fn = {
            "+": torch.add,
            "-": torch.sub,
            "*": torch.mul,
            "/": torch.div,
            "**": torch.pow,
            "atan2": torch.atan2,
            "min": torch.minimum,
            "max": torch.maximum,
        }[op]
        a, b = args
        sa, sb = shapes
        nd = len(shape)
        k = self._constant_scalar(b) if op == "**" and sb == () else None
        if k is not None:
            # A constant exponent (2, 2**2, -1/2, a scalar constant) stays a Python number:
            # x**2 then has torch's exact pow rule (grad 2x, finite at x = 0) instead of the
            # general x**y one, whose exponent term log(x)·dy is nan·0 = nan for x < 0.
            return lambda regs, xs, cs: torch.pow(regs[a], k)
        return lambda regs, xs, cs: fn(_lift(regs[a], sa, nd), _lift(regs[b], sb, nd))

    def _constant_scalar(self, r: int) -> float | None:
        """The value of scalar register ``r`` when it depends on no variable, else None."""
        ins = self.program.tape[r]
        if ins.shape != ():
            return None
        if ins.op == "num":
            return float(ins.data)
        if ins.op == "const":
            value = self._const_values.get(ins.data)
            return None if value is None else float(value)
        parts = [self._constant_scalar(k) for k in ins.args]
        if ins.op not in ("neg", "+", "-", "*", "/", "**") or any(p is None for p in parts):
            return None
        if ins.op == "neg":
            return -parts[0]
        x, y = parts
        try:
            value = {"+": x + y, "-": x - y, "*": x * y}.get(ins.op)
            if value is None:
                value = x / y if ins.op == "/" else x**y
        except (ZeroDivisionError, OverflowError):
            return None
        return float(value) if isinstance(value, float | int) else None

    def _matmul(self, args, shapes) -> Callable:
        a, b = args
        sa, sb = shapes
        if len(sa) == 1 and len(sb) == 1:
            return lambda regs, xs, cs: (regs[a] * regs[b]).sum(-1)
        if len(sa) == 2 and len(sb) == 1:
            return lambda regs, xs, cs: (regs[a] @ regs[b].unsqueeze(-1)).squeeze(-1)
        if len(sa) == 1 and len(sb) == 2:
            return lambda regs, xs, cs: (regs[a].unsqueeze(-2) @ regs[b]).squeeze(-2)
        return lambda regs, xs, cs: regs[a] @ regs[b]

    def _call(self, f: str, args, shapes, shape) -> Callable:
        if f in _UNARY:
            fn = _UNARY[f]
            (a,) = args
            return lambda regs, xs, cs: fn(regs[a])
        if len(args) == 2 and f in ("atan2", "min", "max"):
            return self._elementwise2(f, args, shapes, shape)
        (a, *rest) = args
        s = shapes[0]
        dims = _dims(s)
        if f in ("sum", "mean", "norm", "logsumexp", "min", "max") and not dims:
            return (
                (lambda regs, xs, cs: regs[a].abs())
                if f == "norm"
                else (lambda regs, xs, cs: regs[a])
            )
        if f == "sum":
            return lambda regs, xs, cs: regs[a].sum(dim=dims)
        if f == "mean":
            return lambda regs, xs, cs: regs[a].mean(dim=dims)
        if f == "norm":
            return lambda regs, xs, cs: torch.linalg.vector_norm(regs[a], dim=dims)
        if f == "logsumexp":
            return lambda regs, xs, cs: torch.logsumexp(regs[a], dim=dims)
        if f == "min":
            return lambda regs, xs, cs: regs[a].amin(dim=dims)
        if f == "max":
            return lambda regs, xs, cs: regs[a].amax(dim=dims)
        if f == "trace":
            return lambda regs, xs, cs: regs[a].diagonal(dim1=-2, dim2=-1).sum(-1)
        if f == "det":
            if s[0] <= 3:
                # Cofactors: torch's det backward gives 0 at a singular X (the true derivative
                # is the cofactor matrix), and integer matrices keep exact integer dets.
                return lambda regs, xs, cs: _small_det(regs[a], s[0])
            return lambda regs, xs, cs: torch.linalg.det(regs[a])
        if f == "logdet":
            return lambda regs, xs, cs: torch.logdet(regs[a])
        if f == "inv":
            return lambda regs, xs, cs: torch.linalg.inv(regs[a])
        if f == "dot":
            (b,) = rest
            return lambda regs, xs, cs: (regs[a] * regs[b]).sum(-1)
        if f == "outer":
            (b,) = rest
            return lambda regs, xs, cs: regs[a].unsqueeze(-1) * regs[b].unsqueeze(-2)
        if f == "diag":
            if len(s) == 1:
                return lambda regs, xs, cs: torch.diag_embed(regs[a])
            return lambda regs, xs, cs: regs[a].diagonal(dim1=-2, dim2=-1)
        if f == "softmax":
            if not s:
                return lambda regs, xs, cs: torch.ones_like(regs[a])
            return lambda regs, xs, cs: torch.softmax(regs[a], dim=-1)
        raise AssertionError(f"torch has no rule for {f}")


def _small_det(x: torch.Tensor, k: int) -> torch.Tensor:
    """det of 1×1 to 3×3 matrices (batched) by cofactor expansion."""
    if k == 1:
        return x[..., 0, 0]
    if k == 2:
        return x[..., 0, 0] * x[..., 1, 1] - x[..., 0, 1] * x[..., 1, 0]
    a = [[x[..., i, j] for j in range(3)] for i in range(3)]
    return (
        a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1])
        - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
        + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0])
    )
