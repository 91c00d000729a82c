"""A Python callable's operations, captured by tracing, as jacdesk expression text.

``torch.fx``'s ``make_fx`` (pre-dispatch, so ``matmul``, ``softmax`` and ``linear`` stay
whole) runs the callable once on the point, in the caller's process — the caller chose to run
their code — and records the aten operations it performs. Each operation is written with the
builders of :mod:`jacdesk.core.language.torch_terms` / ``torch_ops``, the same ones the
PyTorch *script* reader uses, so the result is an ordinary jacdesk problem: symbolic J, closed
forms, det and every view work. The first operation without a mapping is named instead.
"""

from __future__ import annotations

import inspect
import math
import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import torch

from jacdesk.core.errors import JacdeskError
from jacdesk.core.language import torch_ops as ops
from jacdesk.core.language import torch_terms as tt
from jacdesk.core.language.torch_translation import jacdesk_name

from .trace_ops import ATEN, IDENTITY, Unmapped


@dataclass(frozen=True)
class Traced:
    """The callable as jacdesk's problem, or the reason it could not be written as one."""

    names: tuple[str, ...]  # jacdesk's variable names, one per input
    variables: dict[str, np.ndarray]
    expressions: tuple[str, ...] | None  # None: some operation has no mapping
    constants: dict[str, np.ndarray] = field(default_factory=dict)
    unmapped: str | None = None  # the operation (or the tracing failure) that stopped it
    notes: tuple[str, ...] = ()


def input_names(fn: Callable, count: int) -> list[str]:
    """jacdesk names for the callable's inputs: its parameter names where it has them."""
    try:
        params = [
            p.name
            for p in inspect.signature(fn).parameters.values()
            if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
        ]
    except (TypeError, ValueError):
        params = []
    if len(params) < count:
        params = [f"x{k + 1}" for k in range(count)] if count > 1 else ["x"]
    taken: set[str] = set()
    return [jacdesk_name(p, taken) for p in params[:count]]


def as_inputs(inputs: Sequence[Any], keep_dtype: bool = False) -> list[torch.Tensor]:
    """Copies of the inputs (tensors, arrays, numbers), detached from any graph: float64, or
    with ``keep_dtype`` each floating tensor's own dtype (for a float32 ``nn.Module``)."""
    out = []
    for k, x in enumerate(inputs):
        t = (
            x.detach()
            if isinstance(x, torch.Tensor)
            else torch.as_tensor(np.asarray(x, dtype=np.float64))
        )
        if t.dim() > 2 or t.numel() == 0:
            raise JacdeskError(
                f"input {k + 1} has shape {tuple(t.shape)}; jacdesk takes scalars, vectors and matrices"
            )
        if t.is_complex() or t.dtype == torch.bool:
            raise JacdeskError(f"input {k + 1} is {t.dtype}; jacdesk differentiates real numbers")
        dtype = t.dtype if keep_dtype and t.dtype.is_floating_point else torch.float64
        out.append(t.to(dtype=dtype, device="cpu").clone())
    return out


def trace(fn: Callable, inputs: Sequence[torch.Tensor]) -> Traced:
    """Trace ``fn`` at ``inputs`` and write its operations as jacdesk expressions (which
    jacdesk then computes in float64, whatever dtype the trace ran in)."""
    names = input_names(fn, len(inputs))
    variables = {n: x.to(torch.float64).numpy().copy() for n, x in zip(names, inputs, strict=True)}
    try:
        from torch.fx.experimental.proxy_tensor import make_fx

        gm = make_fx(fn, pre_dispatch=True)(*inputs)
    except Exception as err:  # the user's code raised, or does what tracing cannot follow
        reason = f"tracing it failed ({type(err).__name__}: {' '.join(str(err).split())[:120]})"
        return Traced(tuple(names), variables, None, unmapped=reason)
    writer = _GraphWriter(gm, fn, names, inputs)
    try:
        exprs = writer.write()
    except Unmapped as why:
        return Traced(tuple(names), variables, None, writer.constants, str(why))
    return Traced(tuple(names), variables, exprs, writer.constants, None, tuple(writer.notes))


class _GraphWriter:
    def __init__(self, gm: Any, fn: Callable, names: list[str], inputs: Sequence[torch.Tensor]):
        self.gm = gm
        self.fn = fn
        self.names = names
        self.inputs = inputs
        self.constants: dict[str, np.ndarray] = {}
        self.notes: list[str] = []
        self.values: dict[str, Any] = {}  # fx node name → Term, list of Terms, or a number
        self.fixed: set[str] = set()  # nodes that do not depend on the inputs
        self._taken = set(names)

    def write(self) -> tuple[str, ...]:
        placeholders = iter(zip(self.names, self.inputs, strict=True))
        for node in self.gm.graph.nodes:
            if node.op == "placeholder":
                name, x = next(placeholders)
                self.values[node.name] = tt.name(name, tuple(x.shape))
            elif node.op == "get_attr":
                self.values[node.name] = self._constant(getattr(self.gm, node.target))
                self.fixed.add(node.name)
            elif node.op == "call_function":
                self.values[node.name] = self._call(node)
            elif node.op == "output":
                return self._outputs(node.args[0])
            else:
                raise Unmapped(f"the graph step {node.op} ({node.target})")
        raise Unmapped("the graph has no output")

    def _arg(self, a: Any) -> Any:
        if isinstance(a, torch.fx.Node):
            return self.values[a.name]
        if isinstance(a, (list, tuple)):
            return [self._arg(x) for x in a]
        if (
            isinstance(a, bool)
            or a is None
            or isinstance(a, (str, torch.dtype, torch.device, torch.layout, torch.memory_format))
        ):
            return a
        if isinstance(a, (int, float)):
            return tt.num(a) if math.isfinite(a) and abs(a) < 1e300 else _raise(f"the number {a}")
        raise Unmapped(f"an argument of type {type(a).__name__}")

    def _call(self, node: Any) -> Any:
        target = node.target
        args = [self._arg(a) for a in node.args]
        kwargs = {k: self._arg(v) for k, v in node.kwargs.items()}
        inputs = [a for a in node.all_input_nodes]
        if all(a.name in self.fixed for a in inputs):
            self.fixed.add(node.name)
        if target is operator.getitem:
            return args[0][int(args[1].value)]
        packet = getattr(target, "overloadpacket", None)
        op = getattr(packet, "__name__", str(target))
        label = f"aten.{op}" if packet is not None else str(target)
        if op == "detach" or op == "detach_":
            if node.name in self.fixed:
                return args[0]  # torch.tensor(...) inside f: a constant already
            raise Unmapped(f"{label} (x.detach() stops the gradient)")
        if op in IDENTITY:
            return args[0]
        build = ATEN.get(op)
        if build is None:
            raise Unmapped(label)
        try:
            out = build(*args, **kwargs)
        except Unmapped:
            raise
        except (JacdeskError, TypeError, ValueError, IndexError, AttributeError) as err:
            raise Unmapped(f"{label} ({err})") from None
        self._check_shape(out, node, label)
        return out

    def _check_shape(self, out: Any, node: Any, label: str) -> None:
        val = node.meta.get("val")
        if (
            isinstance(out, tt.Term)
            and isinstance(val, torch.Tensor)
            and tuple(val.shape) != out.shape
        ):
            raise Unmapped(
                f"{label} (its shape {tuple(val.shape)} is not the translation's {out.shape})"
            )

    def _constant(self, value: torch.Tensor) -> tt.Term:
        arr = value.detach().to(dtype=torch.float64, device="cpu").numpy()
        if arr.ndim == 0:
            return tt.num(float(arr))
        if arr.ndim > 2:
            raise Unmapped(f"a constant of shape {arr.shape} (jacdesk's values are at most 2-D)")
        for name, arr2 in self.constants.items():
            if arr2.shape == arr.shape and np.array_equal(arr2, arr):
                return tt.name(name, arr.shape)
        name = jacdesk_name(self._global_name(value) or f"c{len(self.constants) + 1}", self._taken)
        self.constants[name] = arr.copy()
        return tt.name(name, arr.shape)

    def _global_name(self, value: torch.Tensor) -> str | None:
        """The name the callable knows a captured tensor by (a global or a closure cell)."""
        code = getattr(self.fn, "__code__", None)
        if code is None:
            return None
        scope: dict[str, Any] = {}
        glob = getattr(self.fn, "__globals__", {})
        scope.update({n: glob[n] for n in code.co_names if n in glob})
        for n, cell in zip(
            code.co_freevars, getattr(self.fn, "__closure__", None) or (), strict=False
        ):
            try:
                scope[n] = cell.cell_contents
            except ValueError:
                continue
        for n, obj in scope.items():
            if (
                isinstance(obj, torch.Tensor)
                and obj.shape == value.shape
                and obj.dtype.is_floating_point
                and torch.equal(obj.detach().to(value.dtype), value.detach())
            ):
                return n
        return None

    def _outputs(self, out: Any) -> tuple[str, ...]:
        value = (
            self._arg(out)
            if not isinstance(out, (list, tuple)) or len(out) != 1
            else self._arg(out[0])
        )
        if isinstance(value, list):
            if value and all(isinstance(t, tt.Term) and t.ndim == 0 for t in value):
                self.notes.append(
                    f"the function returns a tuple of {len(value)} numbers; jacdesk stacks them into one vector"
                )
                return tuple(t.text for t in value)
            raise Unmapped("a tuple of tensors as the value (return one tensor)")
        if not isinstance(value, tt.Term):
            raise Unmapped("a value that is not a tensor")
        if (
            value.items is not None
            and len(value.items) > 1
            and all(t.ndim == 0 for t in value.items)
        ):
            return tuple(t.text for t in value.items)
        return (value.text,)


def _raise(what: str) -> Any:
    raise Unmapped(what)


__all__ = ["Traced", "as_inputs", "input_names", "ops", "trace"]
