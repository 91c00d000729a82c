"""Tape → sympy: exact forms of the outputs, the Jacobian and its determinant.

The tape is walked exactly as :mod:`jacdesk.core.diff.torch_eval` walks it, but every register holds
a numpy object array of sympy expressions. Nothing here turns text into code: numbers are
built from their digits, names from the program's declarations. sympy work can take
unbounded time, so the app calls this through :mod:`jacdesk.core.symbolic.process`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from fractions import Fraction

import numpy as np
import sympy

from jacdesk.core.conventions import COL
from jacdesk.core.errors import JacdeskError
from jacdesk.core.language.program import Instr, Program, entry_labels, input_labels

_UNARY: dict[str, Callable[[sympy.Expr], sympy.Expr]] = {
    "sin": sympy.sin,
    "cos": sympy.cos,
    "tan": sympy.tan,
    "asin": sympy.asin,
    "acos": sympy.acos,
    "atan": sympy.atan,
    "sinh": sympy.sinh,
    "cosh": sympy.cosh,
    "tanh": sympy.tanh,
    "exp": sympy.exp,
    "log": sympy.log,
    "sqrt": sympy.sqrt,
    "abs": sympy.Abs,
    "sigmoid": lambda x: 1 / (1 + sympy.exp(-x)),
    "softplus": lambda x: sympy.log(1 + sympy.exp(x)),
    "relu": lambda x: sympy.Max(0, x),
}
_BINARY = {"atan2": sympy.atan2, "min": sympy.Min, "max": sympy.Max}
_REDUCE = ("sum", "mean", "norm", "logsumexp", "min", "max")

#: Names this evaluator implements (a test compares it with functions.FUNCTIONS).
IMPLEMENTED = (
    frozenset(_UNARY)
    | frozenset(_BINARY)
    | {
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
)


def _wrap(value: object, shape: tuple[int, ...]) -> np.ndarray:
    """Always an object ndarray of ``shape``: numpy returns bare objects for 0-d results."""
    if isinstance(value, np.ndarray):
        return value.reshape(shape)
    if isinstance(value, sympy.MatrixBase):
        out = np.empty(len(value), dtype=object)
        out[:] = list(value)  # row-major, like sympy's own flat order
        return out.reshape(shape)
    out = np.empty((), dtype=object)
    out[()] = value  # item assignment: np.asarray would try to iterate some sympy objects
    return out.reshape(shape)


def number(text: str) -> sympy.Expr:
    """A typed number, exact where short: ``2`` → 2, ``0.5`` → 1/2, 13+ digits → Float."""
    if text.isdigit():
        return sympy.Integer(int(text))
    exact = _short_decimal(text)
    return sympy.Float(float(text)) if exact is None else exact


def constant(v: float) -> sympy.Expr:
    """A constant's value: integral → Integer, short decimal → Rational, else Float(v, 17)."""
    v = float(v)
    if v.is_integer() and abs(v) < 2.0**53:
        return sympy.Integer(int(v))
    exact = _short_decimal(repr(v)) if np.isfinite(v) else None
    return sympy.Float(v, 17) if exact is None else exact


def _short_decimal(text: str) -> sympy.Rational | None:
    # ≤ 12 significant digits and a modest exponent: 0.1 shows as 1/10, 1e300 stays a Float.
    mantissa, _, exponent = text.lower().lstrip("+-").partition("e")
    digits = mantissa.replace(".", "").lstrip("0")
    if len(digits) > 12 or abs(int(exponent or 0)) > 30:
        return None
    frac = Fraction(text)  # exact decimal value, parsed by the standard library
    return sympy.Rational(frac.numerator, frac.denominator)


def _variable(name: str, shape: tuple[int, ...]) -> np.ndarray:
    # Row-major labels match the C-order reshape, whatever vec the caller uses later.
    syms = [sympy.Symbol(label, real=True) for label in entry_labels(name, shape, "row")]
    out = np.empty(len(syms), dtype=object)
    out[:] = syms
    return out.reshape(shape)


def _constant_value(name: str, shapes: dict, consts: Mapping[str, object]) -> np.ndarray:
    if name not in shapes:  # not declared: a built-in (user names cannot shadow pi or e)
        return _wrap(sympy.pi if name == "pi" else sympy.E, ())
    shape = shapes[name]
    if name not in consts:
        raise JacdeskError(f"the constant {name!r} has no value")
    arr = np.asarray(consts[name], dtype=np.float64)
    if arr.size != int(np.prod(shape)):
        raise JacdeskError(f"the constant {name!r} has {arr.size} entries, expected shape {shape}")
    out = np.empty(arr.size, dtype=object)
    out[:] = [constant(v) for v in arr.ravel()]
    return out.reshape(shape)


def symbolic_values(
    program: Program, constants: Mapping[str, object] | None = None
) -> list[np.ndarray]:
    """Walk the tape; each register becomes an object array of sympy expressions.

    Parameters
    ----------
    program
        The checked program.
    constants
        Values of the program's constants (numbers, nested lists or arrays).

    Returns
    -------
    list of numpy.ndarray
        One object array per register, shaped like the instruction (0-d for scalars).
    """
    consts = dict(constants or {})
    shapes = {**dict(program.constants), **dict(program.variables)}
    regs: list[np.ndarray] = []
    for ins in program.tape:
        regs.append(_wrap(_step(ins, regs, shapes, consts), ins.shape))
    return regs


def _step(ins: Instr, regs: list[np.ndarray], shapes: dict, consts: dict) -> object:
    op = ins.op
    args = [regs[a] for a in ins.args]
    if op == "num":
        return number(str(ins.data))
    if op == "var":
        return _variable(ins.data, shapes[ins.data])
    if op == "const":
        return _constant_value(ins.data, shapes, consts)
    if op == "neg":
        return -args[0]
    if op in ("+", "-", "*", "/", "**"):
        a, b = args  # object arrays broadcast like numpy, exactly as torch_eval lifts them
        return {
            "+": np.add,
            "-": np.subtract,
            "*": np.multiply,
            "/": np.true_divide,
            "**": np.power,
        }[op](a, b)
    if op == "@":
        return np.matmul(*args)
    if op == "T":
        return args[0].T
    if op == "index":
        return args[0][tuple(i if isinstance(i, int) else slice(i.start, i.stop) for i in ins.data)]
    if op == "list":
        return np.stack(args, axis=0)
    return _call(ins.data, args)


def _call(f: str, args: list[np.ndarray]) -> object:
    if f in _UNARY:
        return np.frompyfunc(_UNARY[f], 1, 1)(args[0])
    if len(args) == 2 and f in _BINARY:
        return np.frompyfunc(_BINARY[f], 2, 1)(*args)
    a = args[0]
    flat = list(a.flat)
    if f in _REDUCE and a.ndim == 0:
        return sympy.Abs(flat[0]) if f == "norm" else flat[0]  # torch: identity on scalars
    if f == "sum":
        return sympy.Add(*flat)
    if f == "mean":
        return sympy.Add(*flat) / len(flat)
    if f == "norm":
        return sympy.sqrt(sympy.Add(*(v**2 for v in flat)))
    if f == "logsumexp":
        return sympy.log(sympy.Add(*(sympy.exp(v) for v in flat)))
    if f in ("min", "max"):
        return _BINARY[f](*flat)
    if f == "trace":
        return sympy.Add(*np.diagonal(a))
    if f in ("det", "logdet"):
        d = sympy.Matrix(a.tolist()).det(method="berkowitz")
        return d if f == "det" else sympy.log(d)
    if f == "inv":
        return sympy.Matrix(a.tolist()).inv(method="LU")
    if f == "dot":
        return sympy.Add(*(a * args[1]).flat)
    if f == "outer":
        return np.multiply.outer(a, args[1])
    if f == "diag":
        if a.ndim == 2:
            return np.diagonal(a).copy()
        out = np.full((a.size, a.size), sympy.Integer(0), dtype=object)
        np.fill_diagonal(out, a)
        return out
    if f == "softmax":
        if a.ndim == 0:
            return sympy.Integer(1)
        e = np.frompyfunc(sympy.exp, 1, 1)(a)
        rows = e.reshape(-1, e.shape[-1])
        return np.stack([r / sympy.Add(*r) for r in rows]).reshape(a.shape)
    raise AssertionError(f"sympy has no rule for {f}")  # functions.py and this file disagree


def output_vector(
    program: Program, constants: Mapping[str, object] | None = None, vec: str = "row"
) -> list[sympy.Expr]:
    """The m outputs in J's row order: one per text when stacked, else ``vec``-flattened."""
    regs = symbolic_values(program, constants)
    if program.stacked:
        return [regs[r][()] for r in program.outputs]
    return list(regs[program.outputs[0]].ravel(order="F" if vec == COL else "C"))


def symbolic_jacobian(
    program: Program, constants: Mapping[str, object] | None = None, vec: str = "row"
) -> sympy.Matrix:
    """The m × n Jacobian, columns in the order of ``input_labels(program, vec)``.

    Parameters
    ----------
    program, constants
        As for :func:`symbolic_values`.
    vec
        ``"row"`` or ``"col"``: how matrix outputs and matrix variables are flattened.

    Returns
    -------
    sympy.Matrix
    """
    outs = output_vector(program, constants, vec)
    syms = [sympy.Symbol(label, real=True) for label in input_labels(program, vec)]
    return sympy.Matrix(len(outs), len(syms), lambda i, j: sympy.diff(outs[i], syms[j]))


# The finishing steps live in symbolic_forms; re-exported so callers need one import.
from .forms import (  # noqa: E402
    MAX_SYMBOLIC_ENTRIES,
    MAX_SYMBOLIC_MATRIX,
    MAX_TAPE_ENTRIES,
    determinant,
    evaluate,
    latex_names,
    simplify_bounded,
    to_latex,
    to_text,
    too_large,
)

__all__ = [
    "IMPLEMENTED",
    "MAX_SYMBOLIC_ENTRIES",
    "MAX_SYMBOLIC_MATRIX",
    "MAX_TAPE_ENTRIES",
    "constant",
    "determinant",
    "evaluate",
    "latex_names",
    "number",
    "output_vector",
    "simplify_bounded",
    "symbolic_jacobian",
    "symbolic_values",
    "to_latex",
    "to_text",
    "too_large",
]
