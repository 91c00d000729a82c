"""PyTorch expressions, translated node by node into jacdesk terms.

Only allow-listed constructs are read: numbers, names, the operators, indexing, attribute
chains of the imported modules and the calls of :mod:`.torch_subset`. Every other node is
refused with its line and column; names that reach code (``eval``, ``open``, dunders) are
refused by name. Nothing here runs any of the script.
"""

from __future__ import annotations

import ast
import math
import time
from collections.abc import Callable, Mapping
from typing import Any

from jacdesk.core.errors import JacdeskError

from . import torch_terms as tt
from .torch_args import Op, bind
from .torch_ast import dotted
from .torch_refs import (
    BINOPS,
    NOT_READ,
    Builtin,
    FunctionRef,
    Method,
    Module,
    Qualified,
    as_term,
    check_name,
    op_text,
    qualified_op,
)
from .torch_subset import BUILTINS, CONSTANTS, DTYPES, METHODS, MODULES, DType, Seq
from .torch_translation import TorchSourceError, not_supported

TIME_LIMIT_S = 2.0


class Expressions:
    """Translates expressions inside the script's functions.

    Parameters
    ----------
    functions
        The script's functions by name (their calls are inlined by :meth:`run`).
    globals_
        Top-level name → its value (a term, a module, a builtin), or raises the refusal.
    """

    def __init__(self, functions: Mapping[str, Any], globals_: Callable[[str, ast.Name], Any]):
        self.functions = functions
        self.globals_ = globals_
        self.deadline = time.monotonic() + TIME_LIMIT_S
        self.steps = 0

    def run(self, name: str, fn: Any, args: list[Any], at: ast.AST) -> Any:  # pragma: no cover
        raise NotImplementedError

    def expr(self, node: ast.expr, env: dict[str, Any]) -> Any:
        self.steps += 1
        if self.steps % 256 == 0 and time.monotonic() > self.deadline:
            raise TorchSourceError(
                f"reading the function takes more than {TIME_LIMIT_S:g} s; simplify it",
                node.lineno,
                node.col_offset,
            )
        if isinstance(node, ast.Constant):
            return self._constant(node)
        if isinstance(node, ast.Name):
            return self._name(node, env)
        if isinstance(node, ast.Attribute):
            return self._attribute(node, env)
        if isinstance(node, ast.Call):
            return self._call(node, env)
        if isinstance(node, ast.BinOp):
            return self._chain(node, env)
        if isinstance(node, ast.UnaryOp):
            if isinstance(node.op, ast.UAdd):
                return self.expr(node.operand, env)
            if isinstance(node.op, ast.USub):
                a = self.expr(node.operand, env)
                return self._located(node, lambda: tt.neg(as_term(a)))
            raise not_supported(f"the operator {op_text(node.op)}", node.lineno, node.col_offset)
        if isinstance(node, (ast.List, ast.Tuple)):
            if any(isinstance(e, ast.Starred) for e in node.elts):
                raise not_supported("*unpacking", node.lineno, node.col_offset)
            return Seq(tuple(self.expr(e, env) for e in node.elts))
        if isinstance(node, ast.Subscript):
            return self._subscript(node, env)
        raise not_supported(
            NOT_READ.get(type(node), type(node).__name__), node.lineno, node.col_offset
        )

    def _chain(self, node: ast.BinOp, env: dict[str, Any]) -> Any:
        """``a + b - c * d …``: the left operands iteratively, so a long sum needs no deep
        recursion."""
        spine: list[ast.BinOp] = []
        left: ast.expr = node
        while isinstance(left, ast.BinOp):
            spine.append(left)
            left = left.left
        value = self.expr(left, env)
        for b in reversed(spine):
            op = BINOPS.get(type(b.op))
            if op is None:
                raise not_supported(f"the operator {op_text(b.op)}", b.lineno, b.col_offset)
            rhs = self.expr(b.right, env)
            if isinstance(value, Seq) or isinstance(rhs, Seq):
                raise TorchSourceError(
                    f"'{op}' of Python lists is not arithmetic; make tensors with torch.stack or use torch.cat",
                    b.lineno,
                    b.col_offset,
                )
            a = value
            value = self._located(
                b, lambda op=op, a=a, rhs=rhs: tt.binop(op, as_term(a), as_term(rhs))
            )
        return value

    def _located(self, node: ast.AST, build: Callable[[], Any]) -> Any:
        try:
            return build()
        except TorchSourceError:
            raise
        except JacdeskError as err:
            raise TorchSourceError(err.message, node.lineno, node.col_offset) from None

    def _constant(self, node: ast.Constant) -> Any:
        v = node.value
        if isinstance(v, bool) or v is None or isinstance(v, str):
            return v  # options such as keepdim=True, reduction="sum"
        if isinstance(v, (int, float)):
            return self._located(node, lambda: tt.num(v))
        raise not_supported(f"the constant {v!r}", node.lineno, node.col_offset)

    def _name(self, node: ast.Name, env: dict[str, Any]) -> Any:
        check_name(node.id, node)
        if node.id in env:
            return env[node.id]
        if node.id in self.functions:
            return FunctionRef(node.id)
        return self.globals_(node.id, node)

    def _attribute(self, node: ast.Attribute, env: dict[str, Any]) -> Any:
        if node.attr.startswith("__"):
            raise not_supported(f"the dunder attribute {node.attr}", node.lineno, node.col_offset)
        base = self.expr(node.value, env)
        if isinstance(base, Module):
            path = f"{base.path}.{node.attr}"
            if path in CONSTANTS:
                text, value = CONSTANTS[path]
                return tt.Term(text, tt.ATOM, (), value)
            if base.path == "torch" and node.attr in DTYPES:
                return DType(DTYPES[node.attr])
            if path in MODULES:
                return Module(path)
            return Qualified(path, node)
        if isinstance(base, tt.Term):
            if node.attr in ("T", "mT"):
                return tt.transpose(base)
            if node.attr == "shape":
                return Seq(tuple(tt.num(d) for d in base.shape))
            if node.attr == "ndim":
                return tt.num(base.ndim)
            if node.attr in ("data", "grad"):
                raise TorchSourceError(
                    f"x.{node.attr} cuts the gradient; use x itself", node.lineno, node.col_offset
                )
            return Method(base, node.attr, node)
        if isinstance(base, Qualified):  # os.path.join, torch.distributions.Normal
            return Qualified(f"{base.path}.{node.attr}", base.node)
        raise not_supported(f"{dotted(node) or 'this'} attribute", node.lineno, node.col_offset)

    def _subscript(self, node: ast.Subscript, env: dict[str, Any]) -> Any:
        base = self.expr(node.value, env)
        parts = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
        items: list[int | slice] = []
        for p in parts:
            if isinstance(p, ast.Slice):
                bounds = [
                    None if b is None else self._whole(b, env) for b in (p.lower, p.upper, p.step)
                ]
                if bounds[2] is not None and bounds[2] <= 0:
                    raise TorchSourceError(
                        "torch slices need a positive step", p.lineno, p.col_offset
                    )
                items.append(slice(*bounds))
            else:
                items.append(self._whole(p, env))
        if isinstance(base, Seq):
            if len(items) != 1:
                raise TorchSourceError(
                    "a Python list takes one index", node.lineno, node.col_offset
                )
            picked = self._located(node, lambda: base.items[items[0]])
            return Seq(tuple(picked)) if isinstance(items[0], slice) else picked
        return self._located(node, lambda: tt.index(as_term(base), items))

    def _whole(self, node: ast.expr, env: dict[str, Any]) -> int:
        value = self.expr(node, env)
        if (
            isinstance(value, tt.Term)
            and value.value is not None
            and float(value.value).is_integer()
            and value.ndim == 0
        ):
            return int(value.value)
        raise TorchSourceError(
            "indices must be whole numbers written in the script (x[0], X[:, 1]); tensor indices are not read",
            node.lineno,
            node.col_offset,
        )

    def _call(self, node: ast.Call, env: dict[str, Any]) -> Any:
        func = (
            self.expr(node.func, env)
            if not isinstance(node.func, ast.Name) or node.func.id != "print"
            else None
        )
        if func is None:
            raise TorchSourceError(
                "print(...) inside an expression has no value", node.lineno, node.col_offset
            )
        if isinstance(func, Qualified):
            qualified_op(func)  # os.system(...) is refused before its arguments are read
        args: list[Any] = []
        for a in node.args:
            if isinstance(a, ast.Starred):
                value = self.expr(a.value, env)
                if not isinstance(value, Seq):
                    raise not_supported("*unpacking of a tensor", a.lineno, a.col_offset)
                args.extend(value.items)
            else:
                args.append(self.expr(a, env))
        kwargs: dict[str, Any] = {}
        for k in node.keywords:
            if k.arg is None:
                raise not_supported("**keyword unpacking", k.value.lineno, k.value.col_offset)
            kwargs[k.arg] = self.expr(k.value, env)
        if isinstance(func, FunctionRef):
            if kwargs:
                raise TorchSourceError(
                    f"call {func.name} with positional arguments only", node.lineno, node.col_offset
                )
            return self.run(func.name, self.functions[func.name], args, node)
        if isinstance(func, Qualified):
            op = qualified_op(func)
            return self._apply(func.path, op, args, kwargs, node)
        if isinstance(func, Method):
            return self._method(func, args, kwargs, node)
        if isinstance(func, Builtin):
            return self._builtin(func.name, args, kwargs, node)
        raise TorchSourceError("this value cannot be called", node.lineno, node.col_offset)

    def _method(self, m: Method, args: list[Any], kwargs: dict[str, Any], node: ast.Call) -> Any:
        a = m.base
        if m.attr in ("size", "numel", "dim"):
            if m.attr == "numel":
                return tt.num(math.prod(a.shape))
            if m.attr == "dim":
                return tt.num(a.ndim)
            if not args:
                return Seq(tuple(tt.num(d) for d in a.shape))
            return self._located(
                node, lambda: tt.num(a.shape[tt.dim_of(as_term(args[0]).value, a.ndim, "size")])
            )
        if m.attr in ("item", "tolist", "numpy", "detach", "detach_"):
            raise TorchSourceError(
                f".{m.attr}() cuts the gradient, so J would be wrong; use the tensor itself",
                node.lineno,
                node.col_offset,
            )
        op = METHODS.get(m.attr)
        if op is None:
            if m.attr.endswith("_"):
                raise TorchSourceError(
                    f".{m.attr}() changes a tensor in place; use .{m.attr[:-1]}() instead",
                    node.lineno,
                    node.col_offset,
                )
            raise not_supported(f"the tensor method .{m.attr}()", m.node.lineno, m.node.col_offset)
        return self._apply(f".{m.attr}", op, [a, *args], kwargs, node)

    def _builtin(self, name: str, args: list[Any], kwargs: dict[str, Any], node: ast.Call) -> Any:
        if name == "len":
            a = as_term(args[0]) if args and isinstance(args[0], tt.Term) else None
            if a is None or a.ndim == 0:
                if args and isinstance(args[0], Seq):
                    return tt.num(len(args[0].items))
                raise TorchSourceError(
                    "len() needs a vector or a matrix", node.lineno, node.col_offset
                )
            return tt.num(a.shape[0])
        if name == "sum" and args and isinstance(args[0], Seq):
            items = [as_term(t) for t in args[0].items]
            return self._located(node, lambda: _fold_all("+", items))
        return self._apply(name, BUILTINS[name], args, kwargs, node)

    def _apply(
        self, name: str, op: Op, args: list[Any], kwargs: dict[str, Any], node: ast.Call
    ) -> Any:
        bound = self._located(node, lambda: bind(name, op, args, kwargs))
        return self._located(node, lambda: op.build(**bound))


def _fold_all(op: str, items: list[tt.Term]) -> tt.Term:
    out = items[0]
    for t in items[1:]:
        out = tt.binop(op, out, t)
    return out
