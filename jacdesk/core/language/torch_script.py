"""The top level of a PyTorch script, read from its ``ast`` without running any of it.

Which names the imports bring in, which functions the script defines, and what it does with
one of them: the point it passes (``y = funx(in_x)``, ``jacobian(funx, in_x)``,
``torch.func.jacrev(f)(x)``, also under ``if __name__ == "__main__":``), the v of
``y.backward(v)``, the u of a ``jvp``, and the top-level values (constants) at that moment.
Every other statement is skipped: nothing here is executed.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .torch_ast import calls_in, dotted, first_arg_is, is_main_guard, is_name, keyword_arg, unpacked
from .torch_env import LazyEnv, Part, Thunk
from .torch_subset import DType
from .torch_values import TensorValue, Unreadable, ValueReader

#: Functions of torch that differentiate the function they are given, by qualified name.
AUTOGRAD = frozenset({"jacobian", "hessian", "vjp", "jvp", "vhp", "hvp"})
FUNC_API = frozenset({"jacrev", "jacfwd", "hessian", "grad", "grad_and_value", "vmap"})

Function = ast.FunctionDef | ast.Lambda


@dataclass(frozen=True)
class Output:
    """A name bound to the function's value (``y = funx(in_x)``, or its ``.sum()``)."""

    line: int
    summed: bool = False


class OnesLike:
    """``torch.ones_like(y)`` of the function's value: v = ones."""


@dataclass
class Facts:
    """What the script does with one function."""

    point: list[Any] | None = None  # one value per argument of the first readable call
    point_line: int = 0
    problem: Unreadable | None = None  # why the first call's point could not be read
    v: Any = None  # TensorValue, OnesLike, or None (ones)
    u: Any = None
    env: Mapping[str, Any] | None = None  # top-level values when the function is called
    default_dtype: str = "float32"
    derivative_calls: int = 0  # jacobian(f, …), jacrev(f)(…), y.backward(): f is *the* function


class Script:
    """Imports, functions and straight-line statements of a parsed module."""

    def __init__(self, tree: ast.Module):
        self.aliases: dict[str, str] = {}
        self.functions: dict[str, Function] = {}
        self.classes: set[str] = set()
        self.statements: list[ast.stmt] = []
        stack = list(reversed(tree.body))
        while stack:  # the module body, and the bodies it runs straight through
            stmt = stack.pop()
            self.statements.append(stmt)
            if (isinstance(stmt, ast.If) and is_main_guard(stmt.test)) or isinstance(
                stmt, (ast.With, ast.Try)
            ):
                stack.extend(reversed(stmt.body))
            elif isinstance(stmt, ast.Import):
                for a in stmt.names:
                    # `import torch.nn.functional` binds `torch`; `as F` binds the whole path.
                    self.aliases[a.asname or a.name.partition(".")[0]] = (
                        a.name if a.asname else a.name.partition(".")[0]
                    )
            elif isinstance(stmt, ast.ImportFrom) and stmt.module and not stmt.level:
                for a in stmt.names:
                    if a.name != "*":
                        self.aliases[a.asname or a.name] = f"{stmt.module}.{a.name}"
            elif isinstance(stmt, ast.FunctionDef):
                self.functions[stmt.name] = stmt
            elif isinstance(stmt, ast.ClassDef):
                self.classes.add(stmt.name)
            elif (
                isinstance(stmt, ast.Assign)
                and isinstance(stmt.value, ast.Lambda)
                and len(stmt.targets) == 1
                and isinstance(stmt.targets[0], ast.Name)
            ):
                self.functions[stmt.targets[0].id] = stmt.value

    def resolve(self, node: ast.AST) -> str | None:
        """The qualified name an attribute chain stands for (``F.relu`` →
        ``torch.nn.functional.relu``), or ``None`` when it does not start at an import."""
        name = dotted(node)
        head, _, rest = name.partition(".")
        if not name or head not in self.aliases:
            return None
        full = self.aliases[head]
        return f"{full}.{rest}" if rest else full

    def facts(self, function: str) -> Facts:
        """Follow the statements in order and record what they do with ``function``."""
        facts = Facts()
        reader = ValueReader(self.resolve)
        env = LazyEnv(reader)
        for i, stmt in enumerate(self.statements):
            if isinstance(
                stmt, (ast.FunctionDef, ast.ClassDef, ast.For, ast.While, ast.AsyncFunctionDef)
            ):
                continue  # bodies that run later, or repeatedly: not a straight line
            self._dtype_call(stmt, reader)
            view = env.at(i)
            for call in calls_in(stmt):
                self._note_call(call, function, view, reader, facts)
                if facts.point is not None and facts.env is None:
                    facts.env = view  # the globals the function sees when it is called
            if isinstance(stmt, ast.Assign):
                value = self._assigned(stmt.value, function, view, reader, i)
                for target in stmt.targets:
                    _bind(target, value, env, i, stmt)
            elif isinstance(stmt, (ast.AugAssign, ast.AnnAssign)) and isinstance(
                stmt.target, ast.Name
            ):
                if isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
                    value = self._assigned(stmt.value, function, view, reader, i)
                else:
                    value = Unreadable(
                        "the script changes it in place", stmt.lineno, stmt.col_offset
                    )
                env.bind(stmt.target.id, i, value)
        if facts.env is None:
            facts.env = env.at(len(self.statements))
        facts.default_dtype = reader.default_dtype
        return facts

    # -- helpers ----------------------------------------------------------------------------
    def _dtype_call(self, stmt: ast.stmt, reader: ValueReader) -> None:
        if (
            isinstance(stmt, ast.Expr)
            and isinstance(stmt.value, ast.Call)
            and self.resolve(stmt.value.func) == "torch.set_default_dtype"
            and stmt.value.args
        ):
            dt = reader.value(stmt.value.args[0], {})
            if isinstance(dt, DType):
                reader.default_dtype = dt.name

    def _assigned(
        self, value: ast.expr, function: str, env: Mapping, reader: ValueReader, position: int
    ) -> Any:
        if isinstance(value, ast.Call) and is_name(value.func, function):
            return Output(value.lineno)
        if (  # loss = f(x).sum()
            isinstance(value, ast.Call)
            and isinstance(value.func, ast.Attribute)
            and value.func.attr == "sum"
            and not value.args
            and isinstance(value.func.value, ast.Call)
            and is_name(value.func.value.func, function)
        ):
            return Output(value.lineno, summed=True)
        if (
            isinstance(value, ast.Call)
            and self.resolve(value.func) == "torch.ones_like"
            and value.args
            and isinstance(env.get(dotted(value.args[0])), Output)
        ):
            return OnesLike()
        return Thunk(value, position, reader.default_dtype)  # read only if something needs it

    def _note_call(
        self, call: ast.Call, function: str, env: Mapping, reader: ValueReader, facts: Facts
    ) -> None:
        qual = self.resolve(call.func) or ""
        short = qual.rpartition(".")[2]
        args: list[ast.expr] | None = None
        if is_name(call.func, function):
            args = call.args
        elif (
            qual.startswith("torch.autograd.functional.")
            and short in AUTOGRAD
            and first_arg_is(call, function)
        ):
            facts.derivative_calls += 1
            args = unpacked(call.args[1]) if len(call.args) > 1 else None
            extra = call.args[2] if len(call.args) > 2 else keyword_arg(call, "v")
            if extra is not None and short in ("vjp", "jvp"):
                self._vector(extra, env, reader, facts, "v" if short == "vjp" else "u")
        elif (
            qual.startswith("torch.func.")
            and short in ("vjp", "jvp")
            and first_arg_is(call, function)
        ):
            facts.derivative_calls += 1
            args = (
                call.args[1:]
                if short == "vjp"
                else (unpacked(call.args[1]) if len(call.args) > 1 else None)
            )
            if short == "jvp" and len(call.args) > 2:
                self._vector(call.args[2], env, reader, facts, "u", unpack=True)
        elif isinstance(call.func, ast.Call):  # torch.func.jacrev(f)(x)
            inner = self.resolve(call.func.func) or ""
            if (
                inner.startswith("torch.func.")
                and inner.rpartition(".")[2] in FUNC_API
                and first_arg_is(call.func, function)
            ):
                facts.derivative_calls += 1
                args = call.args
        elif isinstance(call.func, ast.Attribute) and call.func.attr == "backward":
            self._backward(call, function, env, reader, facts)
        if args is not None and facts.point is None:
            self._point(args, call, env, reader, facts)

    def _point(
        self, args: list[ast.expr], call: ast.Call, env: Mapping, reader: ValueReader, facts: Facts
    ) -> None:
        values: list[Any] = []
        for a in args:
            if isinstance(a, ast.Starred):
                v = reader.value(a.value, env)
                values.extend(v if isinstance(v, tuple) else [v])
            else:
                values.append(reader.value(a, env))
        bad = next((v for v in values if not isinstance(v, (TensorValue, int, float))), None)
        if bad is None:
            facts.point, facts.point_line = values, call.lineno
        elif facts.problem is None:
            facts.problem = (
                bad
                if isinstance(bad, Unreadable)
                else Unreadable("it is not a tensor of numbers", call.lineno, call.col_offset)
            )

    def _backward(
        self, call: ast.Call, function: str, env: Mapping, reader: ValueReader, facts: Facts
    ) -> None:
        base = call.func.value  # type: ignore[attr-defined]
        summed = (
            isinstance(base, ast.Call)
            and isinstance(base.func, ast.Attribute)
            and base.func.attr == "sum"
            and not base.args
        )
        if summed:
            base = base.func.value  # type: ignore[union-attr]  # y.sum().backward(): v = ones
        bound = env.get(dotted(base))
        is_output = isinstance(bound, Output) or (
            isinstance(base, ast.Call) and is_name(base.func, function)
        )
        if not is_output:
            return
        facts.derivative_calls += 1
        if summed or (isinstance(bound, Output) and bound.summed):
            if facts.v is None:
                facts.v = OnesLike()  # the backward of a sum: v = ones
            return
        arg = call.args[0] if call.args else keyword_arg(call, "gradient")
        if arg is not None:
            self._vector(arg, env, reader, facts, "v")

    def _vector(
        self,
        node: ast.expr,
        env: Mapping,
        reader: ValueReader,
        facts: Facts,
        which: str,
        unpack: bool = False,
    ) -> None:
        if getattr(facts, which) is not None:
            return
        if isinstance(node, ast.Call) and self.resolve(node.func) == "torch.ones_like":
            setattr(facts, which, OnesLike())
            return
        value = (
            env.get(node.id)
            if isinstance(node, ast.Name) and isinstance(env.get(node.id), OnesLike)
            else reader.value(node, env)
        )
        if unpack and isinstance(value, tuple):
            value = value if len(value) != 1 else value[0]
        setattr(facts, which, value)  # an Unreadable v becomes a note: ones


def _bind(target: ast.expr, value: Any, env: LazyEnv, position: int, stmt: ast.stmt) -> None:
    if isinstance(target, ast.Name):
        env.bind(target.id, position, value)
    elif isinstance(target, (ast.Tuple, ast.List)):
        n = len(target.elts)
        for k, t in enumerate(target.elts):
            part = (
                Part(value, k, n, stmt)
                if isinstance(value, Thunk)
                else Unreadable(
                    "it is unpacked from a value jacdesk does not read",
                    stmt.lineno,
                    stmt.col_offset,
                )
            )
            _bind(t, part, env, position, stmt)
    elif isinstance(target, (ast.Subscript, ast.Attribute)):
        base = target.value
        while isinstance(base, (ast.Subscript, ast.Attribute)):
            base = base.value
        if isinstance(base, ast.Name):
            changed = Unreadable(
                f"line {stmt.lineno} changes it in place", stmt.lineno, stmt.col_offset
            )
            env.bind(base.id, position, changed)
