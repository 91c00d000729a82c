"""What a name or an attribute inside a PyTorch function can stand for, besides tensors.

A module (``torch``, ``F``), one of the script's functions, a qualified name outside the
subset (``os.system``: refused when it is used), a tensor's method, a Python builtin; and the
names of the constructs the reader refuses.
"""

from __future__ import annotations

import ast
from typing import Any

from jacdesk.core.errors import JacdeskError

from . import torch_terms as tt
from .functions import suggest
from .torch_args import Op, Seq
from .torch_subset import BUILTINS, FUNCTIONS, MATH
from .torch_translation import TorchSourceError, not_supported

#: What a construct outside the subset is called in its refusal ("… is not part of …").
NOT_READ = {
    ast.If: "an if statement (jacdesk reads one straight-line formula)",
    ast.For: "a for loop",
    ast.While: "a while loop",
    ast.AsyncFor: "a for loop",
    ast.With: "a with block",
    ast.AsyncWith: "a with block",
    ast.Try: "a try block",
    ast.Raise: "raise",
    ast.Import: "an import inside the function",
    ast.ImportFrom: "an import inside the function",
    ast.Global: "global",
    ast.Nonlocal: "nonlocal",
    ast.Delete: "del",
    ast.Match: "match",
    ast.FunctionDef: "a function defined inside the function",
    ast.AsyncFunctionDef: "a function defined inside the function",
    ast.ClassDef: "a class",
    ast.IfExp: "a conditional expression (a if c else b)",
    ast.Compare: "a comparison",
    ast.BoolOp: "and / or",
    ast.ListComp: "a comprehension",
    ast.SetComp: "a comprehension",
    ast.DictComp: "a comprehension",
    ast.GeneratorExp: "a comprehension",
    ast.Lambda: "a lambda inside the function",
    ast.Dict: "a dict",
    ast.Set: "a set",
    ast.JoinedStr: "an f-string",
    ast.NamedExpr: ":=",
    ast.Await: "await",
    ast.Yield: "yield",
    ast.YieldFrom: "yield",
}

BINOPS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "**", ast.MatMult: "@"}


class Module:
    """A module-level name the function refers to (``torch``, ``F``, ``torch.linalg``)."""

    def __init__(self, path: str):
        self.path = path


class FunctionRef:
    """One of the script's own functions (its calls are inlined)."""

    def __init__(self, name: str):
        self.name = name


class Qualified:
    """A dotted name outside jacdesk's modules (``os.system``), refused where it is used."""

    def __init__(self, path: str, node: ast.AST):
        self.path = path
        self.node = node


class Method:
    """``x.sum`` before it is called."""

    def __init__(self, base: tt.Term, attr: str, node: ast.AST):
        self.base = base
        self.attr = attr
        self.node = node


class Builtin:
    """``len``, ``abs``, ``sum``, ``pow``."""

    def __init__(self, name: str):
        self.name = name


BUILTIN_NAMES = frozenset({*BUILTINS, "len", "sum"})


def builtin(name: str) -> Builtin | None:
    return Builtin(name) if name in BUILTIN_NAMES else None


def op_text(op: ast.AST) -> str:
    return {
        ast.FloorDiv: "//",
        ast.Mod: "%",
        ast.BitAnd: "&",
        ast.BitOr: "|",
        ast.BitXor: "^",
        ast.LShift: "<<",
        ast.RShift: ">>",
        ast.Not: "not",
        ast.Invert: "~",
    }.get(type(op), type(op).__name__)


def qualified_op(func: Qualified) -> Op:
    """The table entry of a dotted name, or its refusal (with the closest name, if any)."""
    op = FUNCTIONS.get(func.path) or MATH.get(func.path)
    if op is not None:
        return op
    refusal = not_supported(func.path, func.node.lineno, func.node.col_offset)
    close = (
        suggest(func.path, [*FUNCTIONS, *MATH])
        if func.path.startswith(("torch.", "math."))
        else None
    )
    if close:
        refusal = TorchSourceError(
            f"{refusal.message}; did you mean {close}?", refusal.line, refusal.col
        )
    raise refusal


def check_name(name: str, node: ast.AST) -> None:
    if name.startswith("__"):
        raise not_supported(name, node.lineno, node.col_offset)


def as_term(v: Any) -> tt.Term:
    if isinstance(v, tt.Term):
        return v
    if isinstance(v, Qualified):
        raise not_supported(v.path, v.node.lineno, v.node.col_offset)
    if isinstance(v, (Module, FunctionRef, Builtin, Method)):
        raise JacdeskError("a function or module is not a tensor; call it")
    if isinstance(v, Seq):
        raise JacdeskError("a Python list is not a tensor here; make one with torch.stack([...])")
    raise JacdeskError(f"{v!r} is not a tensor or a number")
