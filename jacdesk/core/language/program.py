"""A checked program: parsed outputs + typed variables, flattened into a tape of instructions.

Both evaluators (torch and sympy) walk the same tape in order, so there is no recursion at
evaluation time however deep the text nests, and repeated sub-expressions are computed once.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from jacdesk.core.errors import JacdeskError

from .functions import CONSTANTS, FUNCTIONS
from .nodes import BinOp, Call, Index, ListLit, Name, Neg, Node, Num, Transpose, postorder
from .parser import parse
from .shapes import Shape, describe, infer

_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
MAX_ENTRIES = 1_000_000  # per variable; keeps a pasted giant value from eating memory


@dataclass(frozen=True)
class Instr:
    """One step: ``op`` applied to earlier registers ``args``; the result has ``shape``."""

    op: str  # num | var | const | neg | + - * / ** @ | T | index | list | call
    args: tuple[int, ...]
    shape: Shape
    data: object = None  # number, name, index items or function name
    col: int = 0


@dataclass(frozen=True)
class Program:
    """Everything the evaluators need, independent of the values at the point."""

    texts: tuple[str, ...]
    variables: tuple[tuple[str, Shape], ...]
    constants: tuple[tuple[str, Shape], ...]
    tape: tuple[Instr, ...]
    outputs: tuple[int, ...]  # register of each output expression
    stacked: bool  # several scalar expressions stacked into one vector
    output_shape: Shape

    @property
    def n_inputs(self) -> int:
        return sum(_size(s) for _, s in self.variables)

    @property
    def n_outputs(self) -> int:
        return _size(self.output_shape)


def _size(shape: Shape) -> int:
    n = 1
    for d in shape:
        n *= d
    return n


def check_name(name: str, role: str) -> None:
    """Refuse variable/constant names the language could not refer to."""
    if not isinstance(name, str) or not _IDENT.match(name) or name.startswith("__"):
        raise JacdeskError(
            f"{name!r} cannot be a {role} name: use letters, digits and _, starting with a letter"
        )
    if name in FUNCTIONS:
        raise JacdeskError(f"{name!r} is a function name; a {role} cannot be called {name}")
    if name in CONSTANTS:
        raise JacdeskError(f"{name!r} is a built-in constant; a {role} cannot be called {name}")


def build_program(
    exprs: str | Sequence[str],
    variables: Mapping[str, Shape],
    constants: Mapping[str, Shape] | None = None,
) -> Program:
    """Parse and check the output expressions.

    Parameters
    ----------
    exprs
        One expression (any shape) or several scalar expressions (stacked into a vector).
    variables
        Ordered differentiation inputs: name → shape.
    constants
        Names with values that are not differentiated: name → shape.

    Returns
    -------
    Program

    Raises
    ------
    JacdeskError
        For the first problem found, naming the expression (``f2``) and column.
    """
    texts = (exprs,) if isinstance(exprs, str) else tuple(exprs)
    if not texts:
        raise JacdeskError("no expression given; type at least one formula")
    constants = dict(constants or {})
    for name in variables:
        check_name(name, "variable")
        if name in constants:
            raise JacdeskError(f"{name!r} is given both as a variable and as a constant; pick one")
    for name in constants:
        check_name(name, "constant")
    for name, shape in {**variables, **constants}.items():
        if len(shape) > 2:
            raise JacdeskError(
                f"{name!r} has {len(shape)} dimensions; only scalars, vectors and matrices are supported"
            )
        if _size(shape) > MAX_ENTRIES or 0 in shape:
            raise JacdeskError(f"{name!r} has an unusable shape {shape}")
    env = {**constants, **variables}
    stacked = len(texts) > 1
    tape = _Tape(variables, constants)
    outputs = []
    for i, text in enumerate(texts):
        label = f"f{i + 1}" if stacked else None
        tree = parse(text, label)
        try:
            shapes = infer(tree, env)
        except JacdeskError as err:
            raise err.located(label) if label else err from None
        if stacked and shapes[id(tree)] != ():
            raise JacdeskError(
                f"with several expressions each must be a scalar, but this one is "
                f"{describe(shapes[id(tree)])}; write one vector expression instead",
                1,
                label,
            )
        outputs.append(tape.add(tree, shapes))
    out_shape = (len(texts),) if stacked else tape.instrs[outputs[0]].shape
    return Program(
        texts=texts,
        variables=tuple((k, tuple(v)) for k, v in variables.items()),
        constants=tuple((k, tuple(v)) for k, v in constants.items()),
        tape=tuple(tape.instrs),
        outputs=tuple(outputs),
        stacked=stacked,
        output_shape=out_shape,
    )


class _Tape:
    def __init__(self, variables: Mapping[str, Shape], constants: Mapping[str, Shape]):
        self.variables = variables
        self.constants = constants
        self.instrs: list[Instr] = []
        self.seen: dict[tuple, int] = {}  # structural key → register, for common sub-expressions

    def emit(self, op: str, args: tuple[int, ...], shape: Shape, data=None, col: int = 0) -> int:
        key = (op, args, _hashable(data))
        reg = self.seen.get(key)
        if reg is None:
            reg = len(self.instrs)
            self.instrs.append(Instr(op, args, shape, data, col))
            self.seen[key] = reg
        return reg

    def add(self, root: Node, shapes: dict[int, Shape]) -> int:
        regs: dict[int, int] = {}
        for node, kids in postorder(root):
            args = tuple(regs[id(k)] for k in kids)
            regs[id(node)] = self.emit(*self._op(node), args, shapes[id(node)], *self._data(node))
        return regs[id(root)]

    def _op(self, node: Node) -> tuple[str]:
        if isinstance(node, Num):
            return ("num",)
        if isinstance(node, Name):
            if node.id in self.variables:
                return ("var",)
            return ("const",)
        if isinstance(node, Neg):
            return ("neg",)
        if isinstance(node, BinOp):
            return (node.op,)
        if isinstance(node, Transpose):
            return ("T",)
        if isinstance(node, Index):
            return ("index",)
        if isinstance(node, ListLit):
            return ("list",)
        return ("call",)

    def _data(self, node: Node) -> tuple[object, int]:
        if isinstance(node, Num):
            return (node.text, node.col)
        if isinstance(node, Name):
            return (node.id, node.col)
        if isinstance(node, Index):
            return (node.items, node.col)
        if isinstance(node, Call):
            return (node.func, node.col)
        return (None, node.col)


def _hashable(data: object) -> object:
    return data if not isinstance(data, list) else tuple(data)


def input_labels(program: Program, vec: str = "row") -> list[str]:
    """Column labels of J: ``x1``, ``x[0]``, ``X[0,1]`` in the flattening order."""
    out: list[str] = []
    for name, shape in program.variables:
        out.extend(entry_labels(name, shape, vec))
    return out


def output_labels(program: Program, vec: str = "row") -> list[str]:
    """Row labels of J: ``f1, f2`` for components, ``f`` for a scalar, ``f[i,j]`` otherwise."""
    if program.stacked:
        return [f"f{i + 1}" for i in range(len(program.texts))]
    shape = program.output_shape
    if shape == ():
        return ["f"]
    if len(shape) == 1:
        return [f"f{i + 1}" for i in range(shape[0])]
    return entry_labels("F", shape, vec)


def entry_labels(name: str, shape: Shape, vec: str = "row") -> list[str]:
    """Labels of the entries of one value in vec order."""
    if shape == ():
        return [name]
    if len(shape) == 1:
        return [f"{name}[{i}]" for i in range(shape[0])]
    m, n = shape
    if vec == "col":
        return [f"{name}[{i},{j}]" for j in range(n) for i in range(m)]
    return [f"{name}[{i},{j}]" for i in range(m) for j in range(n)]
