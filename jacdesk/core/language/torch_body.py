"""The body of a PyTorch function: simple assignments and one return, inlined into terms.

Local names are inlined (the program's tape computes a repeated sub-expression once); calls
of the script's other functions are inlined too, and recursion is refused. Statements other
than assignments, ``return``, docstrings, ``pass``, ``assert`` and ``print`` are refused with
their line and column.
"""

from __future__ import annotations

import ast
from typing import Any

from jacdesk.core.errors import JacdeskError

from . import torch_terms as tt
from .torch_expr import Expressions
from .torch_refs import BINOPS, NOT_READ, as_term, check_name, op_text
from .torch_subset import Seq
from .torch_translation import TorchSourceError, not_supported

MAX_INLINE_DEPTH = 20


class Body(Expressions):
    """Translates a call of one of the script's functions into the term of its value.

    Parameters
    ----------
    functions
        The script's functions by name (the ones it calls are inlined).
    globals_
        Top-level name → its value (a term, a module, a builtin), or raises the refusal.
    """

    def __init__(self, functions, globals_):
        super().__init__(functions, globals_)
        self.active: list[str] = []  # the calls being inlined, innermost last

    # -- functions --------------------------------------------------------------------------
    def run(self, name: str, fn: ast.FunctionDef | ast.Lambda, args: list[Any], at: ast.AST) -> Any:
        """The value ``fn(*args)`` stands for."""
        if name in self.active:
            raise TorchSourceError(
                f"{name} calls itself; recursion is not part of the PyTorch that jacdesk reads",
                at.lineno,
                at.col_offset,
            )
        if len(self.active) >= MAX_INLINE_DEPTH:
            raise TorchSourceError(
                f"functions call each other more than {MAX_INLINE_DEPTH} deep",
                at.lineno,
                at.col_offset,
            )
        if isinstance(fn, ast.FunctionDef) and fn.decorator_list:
            deco = fn.decorator_list[0]
            raise not_supported("a decorator", deco.lineno, deco.col_offset)
        params = parameter_names(fn)
        if len(args) != len(params):
            raise TorchSourceError(
                f"{name} takes {len(params)} argument(s), got {len(args)}", at.lineno, at.col_offset
            )
        env = dict(zip(params, args, strict=True))
        self.active.append(name)
        try:
            if isinstance(fn, ast.Lambda):
                return self.expr(fn.body, env)
            return self._statements(name, fn, env)
        finally:
            self.active.pop()

    def _statements(self, name: str, fn: ast.FunctionDef, env: dict[str, Any]) -> Any:
        body = list(fn.body)
        if body and _is_docstring(body[0]):
            body = body[1:]
        for k, stmt in enumerate(body):
            if isinstance(stmt, ast.Return):
                if stmt.value is None:
                    raise TorchSourceError(
                        f"{name} returns nothing; return the tensor f(x)",
                        stmt.lineno,
                        stmt.col_offset,
                    )
                if k != len(body) - 1:
                    after = body[k + 1]
                    raise TorchSourceError(
                        "code after the return never runs; one return, at the end",
                        after.lineno,
                        after.col_offset,
                    )
                return self.expr(stmt.value, env)
            self._statement(stmt, env)
        raise TorchSourceError(
            f"{name} has no return statement; end it with return ...", fn.lineno, fn.col_offset
        )

    def _statement(self, stmt: ast.stmt, env: dict[str, Any]) -> None:
        if isinstance(stmt, ast.Assign):
            value = self.expr(stmt.value, env)
            for target in stmt.targets:
                self._assign(target, value, env)
        elif isinstance(stmt, ast.AugAssign) and isinstance(stmt.target, ast.Name):
            op = BINOPS.get(type(stmt.op))
            if op is None:
                raise not_supported(
                    f"the operator {op_text(stmt.op)}=", stmt.lineno, stmt.col_offset
                )
            current = self._name(stmt.target, env)
            self._assign(
                stmt.target,
                self._located(
                    stmt,
                    lambda: tt.binop(op, as_term(current), as_term(self.expr(stmt.value, env))),
                ),
                env,
            )
        elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
            self._assign(stmt.target, self.expr(stmt.value, env), env)
        elif isinstance(stmt, (ast.Pass, ast.Assert)) or _is_docstring(stmt) or _is_print(stmt):
            return  # says nothing about the value (and is not run)
        elif isinstance(stmt, ast.Expr):
            self.expr(stmt.value, env)  # os.system(...) is refused by name; x.sum() does nothing
        elif isinstance(stmt, (ast.AugAssign, ast.AnnAssign)):
            raise TorchSourceError(
                "in-place changes (x[0] += ...) are not read; build a new tensor instead",
                stmt.lineno,
                stmt.col_offset,
            )
        else:
            what = NOT_READ.get(type(stmt), "this statement")
            raise not_supported(what, stmt.lineno, stmt.col_offset)

    def _assign(self, target: ast.expr, value: Any, env: dict[str, Any]) -> None:
        if isinstance(target, ast.Name):
            check_name(target.id, target)
            env[target.id] = value
        elif isinstance(target, (ast.Tuple, ast.List)):
            items = self._located(target, lambda: _unpacked(value, len(target.elts)))
            for t, v in zip(target.elts, items, strict=True):
                self._assign(t, v, env)
        else:
            raise TorchSourceError(
                "in-place changes (x[0] = ..., x.data = ...) are not read; build a new tensor with torch.stack",
                target.lineno,
                target.col_offset,
            )


def parameter_names(fn: ast.FunctionDef | ast.Lambda) -> list[str]:
    a = fn.args
    if a.vararg or a.kwarg or a.kwonlyargs or a.posonlyargs or a.defaults:
        line, col = (fn.lineno, fn.col_offset)
        raise TorchSourceError(
            "parameters are read as plain names (def f(x, y)): no defaults, *args or **kwargs",
            line,
            col,
        )
    return [p.arg for p in a.args]


def _unpacked(value: Any, n: int) -> list[Any]:
    items = list(value.items) if isinstance(value, Seq) else tt.rows(as_term(value))
    if len(items) != n:
        raise JacdeskError(f"cannot unpack {len(items)} values into {n} names")
    return items


def _is_docstring(stmt: ast.stmt) -> bool:
    return (
        isinstance(stmt, ast.Expr)
        and isinstance(stmt.value, ast.Constant)
        and isinstance(stmt.value.value, str)
    )


def _is_print(stmt: ast.stmt) -> bool:
    return (
        isinstance(stmt, ast.Expr)
        and isinstance(stmt.value, ast.Call)
        and isinstance(stmt.value.func, ast.Name)
        and stmt.value.func.id == "print"
    )
