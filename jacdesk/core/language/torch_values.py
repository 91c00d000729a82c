"""The numbers a PyTorch script writes at its top level, read from its ``ast`` (never run).

``torch.tensor([1.0, 2.0], dtype=torch.float, requires_grad=True)``, ``torch.ones(3)``,
``torch.eye(2) * 2``, ``W.T``, ``math.pi / 4``: each becomes a float64 array and the dtype the
script asked for. Anything that would need running code (``torch.randn``, ``torch.load``, a
call of the script's own functions) becomes :class:`Unreadable` with the reason, so that the
reader can say exactly why a point or a constant is unknown.
"""

from __future__ import annotations

import ast
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from .program import MAX_ENTRIES
from .torch_ast import dotted
from .torch_subset import CONSTANTS, DTYPES, DType

MAX_MAGNITUDE = 1e300
BUDGET = 5 * MAX_ENTRIES  # numbers the top level may build in all
MAX_MATMUL_COST = 50_000_000  # multiply-adds of one top-level A @ B


@dataclass(frozen=True)
class TensorValue:
    """A tensor the script builds from numbers: its values (float64) and torch's dtype."""

    array: np.ndarray
    dtype: str  # "float32", "float64", "int64", …
    line: int


@dataclass(frozen=True)
class Unreadable:
    """A value jacdesk cannot know without running the script, and why."""

    reason: str
    line: int
    col: int


_RANDOM = frozenset(
    {
        "rand",
        "randn",
        "randint",
        "rand_like",
        "randn_like",
        "randint_like",
        "normal",
        "empty",
        "empty_like",
        "bernoulli",
        "multinomial",
        "randperm",
    }
)
_KEEP = frozenset({"requires_grad_", "clone", "detach", "contiguous", "cpu"})


class ValueReader:
    """Evaluates top-level expressions over numbers only.

    Parameters
    ----------
    resolve
        Dotted name of a module attribute as the script spells it (``th.ones`` with
        ``import torch as th`` → ``"torch.ones"``), or ``None`` when it is not torch/math.
    default_dtype
        torch's default float dtype at this point of the script (``"float32"`` unless the
        script calls ``torch.set_default_dtype``).
    """

    def __init__(self, resolve: Callable[[ast.expr], str | None], default_dtype: str = "float32"):
        self.resolve = resolve
        self.default_dtype = default_dtype
        self.spent = 0  # numbers built so far: a script cannot make the reader allocate without end

    def value(self, node: ast.expr, env: Mapping[str, Any]) -> Any:
        """A number, a :class:`TensorValue`, a :class:`DType`, a tuple of these, or
        :class:`Unreadable`."""
        try:
            return self._value(node, env)
        except (
            ArithmeticError,
            ValueError,
            TypeError,
            IndexError,
            KeyError,
            MemoryError,
            RecursionError,
        ):
            return Unreadable(
                "its size or its numbers cannot be read", node.lineno, node.col_offset
            )
        except _OverBudget:
            return Unreadable(
                f"the script builds more than {BUDGET:,} numbers at its top level; jacdesk reads smaller ones",
                node.lineno,
                node.col_offset,
            )

    def _tensor(self, arr: np.ndarray, dtype: str, line: int) -> TensorValue:
        self.spent += arr.size
        if self.spent > BUDGET:
            raise _OverBudget
        return TensorValue(arr, dtype, line)

    def _value(self, node: ast.expr, env: Mapping[str, Any]) -> Any:
        if isinstance(node, ast.Constant):
            if isinstance(node.value, bool) or not isinstance(node.value, (int, float)):
                return Unreadable("it is not a number", node.lineno, node.col_offset)
            return self._number(node.value, node)
        if isinstance(node, ast.Name):
            if node.id in env:
                return env[node.id]
            return Unreadable(
                f"{node.id} has no value the script gives", node.lineno, node.col_offset
            )
        if isinstance(node, (ast.List, ast.Tuple)):
            return tuple(self._value(e, env) for e in node.elts)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            inner = self._value(node.operand, env)
            if isinstance(node.op, ast.UAdd) or isinstance(inner, Unreadable):
                return inner
            return self._arith(lambda a: -a, inner, node)
        if isinstance(node, ast.BinOp):
            return self._binop(node, env)
        name = self.resolve(node.func if isinstance(node, ast.Call) else node)
        if isinstance(node, ast.Attribute):
            return self._attribute(node, name, env)
        if isinstance(node, ast.Call):
            return self._call(node, name, env)
        return Unreadable(
            "it is computed by code jacdesk does not run", node.lineno, node.col_offset
        )

    def _number(self, x: float, node: ast.AST) -> float | int | Unreadable:
        if (isinstance(x, float) and not math.isfinite(x)) or abs(x) > MAX_MAGNITUDE:
            return Unreadable("a number is too large", node.lineno, node.col_offset)
        return x

    def _attribute(self, node: ast.Attribute, name: str | None, env) -> Any:
        if name in CONSTANTS:
            return CONSTANTS[name][1]
        if name is not None and name.startswith("torch.") and name[6:] in DTYPES:
            return DType(DTYPES[name[6:]])
        base = self._value(node.value, env)
        if isinstance(base, TensorValue) and node.attr in ("T", "mT", "data"):
            arr = base.array.T if node.attr != "data" else base.array
            return TensorValue(arr, base.dtype, node.lineno)
        if isinstance(base, Unreadable):
            return base
        return Unreadable(
            f"{dotted(node)} is not a number jacdesk can read", node.lineno, node.col_offset
        )

    def _binop(self, node: ast.BinOp, env) -> Any:
        a, b = self._value(node.left, env), self._value(node.right, env)
        for side in (a, b):
            if isinstance(side, Unreadable):
                return side
        fn = _ARITH.get(type(node.op))
        if fn is None or isinstance(a, tuple) or isinstance(b, tuple):
            return Unreadable("this arithmetic is not read", node.lineno, node.col_offset)
        return self._arith(fn, a, node, b)

    def _arith(self, fn: Callable, a: Any, node: ast.expr, b: Any = None) -> Any:
        operands = [a] if b is None else [a, b]
        tensors = [t for t in operands if isinstance(t, TensorValue)]
        raw = [t.array if isinstance(t, TensorValue) else t for t in operands]
        with np.errstate(all="raise"):  # FloatingPointError is an ArithmeticError: unreadable
            out = fn(*raw)
        if not tensors:
            return self._number(float(out) if isinstance(out, float) else out, node)
        arr = np.asarray(out, dtype=np.float64)
        if not np.isfinite(arr).all() or np.abs(arr).max(initial=0) > MAX_MAGNITUDE:
            return Unreadable("its numbers are not finite", node.lineno, node.col_offset)
        # torch's promotion: a float tensor keeps its dtype; integers meeting a float (or a
        # true division) become the default float dtype.
        floats = [t.dtype for t in tensors if not t.dtype.startswith("int")]
        if floats:
            dtype = floats[0]
        elif any(isinstance(x, float) for x in operands) or (
            isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div)
        ):
            dtype = self.default_dtype
        else:
            dtype = tensors[0].dtype
        return self._tensor(arr, dtype, node.lineno)

    def _call(self, node: ast.Call, name: str | None, env) -> Any:
        line, col = node.lineno, node.col_offset
        func = node.func
        if name is None and isinstance(func, ast.Attribute):  # a method: x.double(), x.T
            base = self._value(func.value, env)
            if isinstance(base, TensorValue):
                return self._method(base, func.attr, node, env)
        if name is None or not name.startswith("torch."):
            what = dotted(func) or "a call"
            return Unreadable(f"it comes from {what}(...), which jacdesk does not run", line, col)
        short = name[6:]
        if short in _RANDOM or short.startswith("random"):
            return Unreadable(f"it comes from {name}, which is random", line, col)
        build = _BUILDERS.get(short)
        if build is None:
            return Unreadable(f"it comes from {name}, which jacdesk does not run", line, col)
        kwargs = {k.arg: self._option(k.value, env) for k in node.keywords if k.arg}
        args = [self._value(a, env) for a in node.args if not isinstance(a, ast.Starred)]
        for v in (*args, *kwargs.values()):
            if isinstance(v, Unreadable):
                return v
        dtype = kwargs.get("dtype")
        dtype = dtype.name if isinstance(dtype, DType) else None
        arr, floaty = build(args, kwargs)
        arr = np.asarray(arr, dtype=np.float64)
        if arr.size > MAX_ENTRIES or arr.ndim > 2:
            return Unreadable(
                f"{name}(...) is larger than jacdesk's values (≤ 2-D, ≤ {MAX_ENTRIES:,} numbers)",
                line,
                col,
            )
        if dtype is None:
            dtype = self.default_dtype if floaty else "int64"
        return self._tensor(arr, dtype, line)

    def _option(self, node: ast.expr, env) -> Any:
        """A keyword's value: ``True``, ``"cpu"`` and ``None`` are options, not numbers."""
        if isinstance(node, ast.Constant) and (
            node.value is None or isinstance(node.value, (bool, str))
        ):
            return node.value
        return self._value(node, env)

    def _method(self, base: TensorValue, attr: str, node: ast.Call, env) -> Any:
        args = [self._option(a, env) for a in node.args]
        kwargs = {k.arg: self._option(k.value, env) for k in node.keywords if k.arg}
        if attr in _KEEP:
            return base
        if attr in ("float", "double", "half"):
            return TensorValue(
                base.array,
                {"float": "float32", "double": "float64", "half": "float16"}[attr],
                node.lineno,
            )
        if attr == "to":
            dt = next((v for v in (*args, *kwargs.values()) if isinstance(v, DType)), None)
            return base if dt is None else TensorValue(base.array, dt.name, node.lineno)
        if attr in ("reshape", "view") and args:
            shape = args[0] if len(args) == 1 and isinstance(args[0], tuple) else tuple(args)
            return TensorValue(
                base.array.reshape(tuple(int(s) for s in shape)), base.dtype, node.lineno
            )
        if attr == "t":
            return TensorValue(base.array.T, base.dtype, node.lineno)
        return Unreadable(
            f".{attr}() is not read at the top of the script", node.lineno, node.col_offset
        )


class _OverBudget(Exception):
    pass


def _matmul(a, b):
    a, b = np.asarray(a), np.asarray(b)
    cost = a.size * (b.shape[-1] if b.ndim == 2 else 1)
    if cost > MAX_MATMUL_COST:
        raise ValueError("too costly")  # a hostile chain of 1000×1000 products: not computed
    return np.matmul(a, b)


def _power(x, y):
    if np.isscalar(x) and np.isscalar(y):
        if x != 0 and abs(y) * math.log10(abs(x)) > 300:
            raise OverflowError("too large")
        return math.pow(x, y)
    return np.power(np.asarray(x, dtype=np.float64), y)


_ARITH: dict[type, Callable[[Any, Any], Any]] = {
    ast.Add: lambda x, y: x + y,
    ast.Sub: lambda x, y: x - y,
    ast.Mult: lambda x, y: x * y,
    ast.Div: lambda x, y: x / y,
    ast.Pow: _power,
    ast.MatMult: _matmul,
}


def _rect(data: Any) -> tuple[np.ndarray, bool]:
    """Nested numbers → array; ``floaty`` when any number is a float (torch's dtype rule)."""
    flat: list[Any] = []
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, tuple):
            stack.extend(item)
        elif isinstance(item, TensorValue):
            flat.append(1.0 if not item.dtype.startswith("int") else 1)
        else:
            flat.append(item)
    if any(not isinstance(x, (int, float)) for x in flat):
        raise TypeError("not numbers")
    raw = np.array(_lists(data), dtype=np.float64)  # ValueError when ragged
    return raw, any(isinstance(x, float) for x in flat)


def _lists(data: Any) -> Any:
    if isinstance(data, tuple):
        return [_lists(d) for d in data]
    if isinstance(data, TensorValue):
        return data.array.tolist()
    return data


def _size(args: list) -> tuple[int, ...]:
    shape = args[0] if len(args) == 1 and isinstance(args[0], tuple) else tuple(args)
    if not all(isinstance(s, int) and 0 < s <= MAX_ENTRIES for s in shape) or len(shape) > 2:
        raise ValueError("bad size")
    return shape


def _like(args: list, fill: float) -> tuple[np.ndarray, bool]:
    t = args[0]
    if not isinstance(t, TensorValue):
        raise TypeError("not a tensor")
    return np.full(t.array.shape, fill), True


def _arange(args: list, kwargs: dict) -> tuple[np.ndarray, bool]:
    start, end, step = (0, args[0], 1) if len(args) == 1 else (*args, 1)[:3]
    step = kwargs.get("step", step)
    count = math.ceil((end - start) / step)
    if not 0 < count <= MAX_ENTRIES:
        raise ValueError("bad range")
    return start + step * np.arange(count), any(isinstance(v, float) for v in (start, end, step))


_BUILDERS: dict[str, Callable[[list, dict], tuple[np.ndarray, bool]]] = {
    "tensor": lambda a, k: _rect(a[0] if a else k["data"]),
    "as_tensor": lambda a, k: _rect(a[0] if a else k["data"]),
    "ones": lambda a, k: (np.ones(_size(a)), True),
    "zeros": lambda a, k: (np.zeros(_size(a)), True),
    "full": lambda a, k: (
        np.full(_size([a[0]]), float(a[1] if len(a) > 1 else k["fill_value"])),
        isinstance(a[1] if len(a) > 1 else k["fill_value"], float),
    ),
    "eye": lambda a, k: (np.eye(*_size(a[:2])), True),
    "ones_like": lambda a, k: _like(a, 1.0),
    "zeros_like": lambda a, k: _like(a, 0.0),
    "arange": _arange,
    "linspace": lambda a, k: (
        np.linspace(float(a[0]), float(a[1]), _size([int(a[2] if len(a) > 2 else k["steps"])])[0]),
        True,
    ),
}
