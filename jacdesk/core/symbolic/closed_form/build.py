"""Tape → one sympy *matrix* expression per register (no entry-wise expansion).

Unlike :mod:`jacdesk.core.symbolic`, which gives every entry its own symbol, a matrix variable
here is one ``MatrixSymbol`` whatever its size, so ``trace(X.T @ A @ X)`` stays that short for a
256×256 X. Vectors are n×1 columns; a product of two vectors is a 1×1 matrix, wrapped in
``Trace`` so that it is an ordinary scalar. Constants stay symbols named as the user named
them (the point of a closed form is ``A @ X + A.T @ X``, not its numbers).
Nothing here turns text into code: names and numbers come from the checked program.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sympy as sp
from sympy import Determinant, Inverse, Trace
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction
from sympy.matrices.expressions.diagonal import DiagMatrix, DiagonalOf
from sympy.matrices.expressions.hadamard import HadamardPower, HadamardProduct
from sympy.matrices.expressions.matexpr import MatrixElement
from sympy.matrices.expressions.slice import MatrixSlice

from jacdesk.core.language.program import Instr, Program
from jacdesk.core.language.shapes import describe
from jacdesk.core.symbolic.entrywise import _BINARY, _UNARY, number

from .algebra import (
    Unsupported,
    add,
    is_matrix,
    lam,
    mul,
    ones_like,
    total,
    transpose,
)


@dataclass
class Built:
    """The forward pass: values per register, which depend on a variable, and known names."""

    values: list[sp.Basic]
    active: list[bool]
    symbols: dict[str, sp.Basic]  # name → Symbol (scalar) or MatrixSymbol (n×1 for a vector)
    # sub-expression → (function, argument): printed back as softmax(z), norm(X), …
    aliases: dict[sp.Basic, tuple[str, sp.Basic]] = field(default_factory=dict)
    softmax: dict[sp.Basic, sp.Basic] = field(default_factory=dict)  # logsumexp → its softmax


def build(program: Program) -> Built:
    """Walk the tape once; raise :class:`Unsupported` at the first construct without a rule."""
    shapes = {**dict(program.constants), **dict(program.variables)}
    symbols: dict[str, sp.Basic] = {}
    for name, shape in shapes.items():
        if shape == ():
            symbols[name] = sp.Symbol(name, real=True)
        else:
            symbols[name] = sp.MatrixSymbol(name, shape[0], shape[1] if len(shape) == 2 else 1)
    out = Built([], [], symbols)
    varnames = {n for n, _ in program.variables}
    for ins in program.tape:
        active = (ins.op == "var" and ins.data in varnames) or any(out.active[a] for a in ins.args)
        out.values.append(_forward(ins, [out.values[a] for a in ins.args], program, out))
        out.active.append(active)
    return out


def _forward(ins: Instr, args: list[sp.Basic], program: Program, b: Built) -> sp.Basic:
    op = ins.op
    if op == "num":
        return number(str(ins.data))
    if op in ("var", "const"):
        if ins.data in b.symbols:
            return b.symbols[ins.data]
        return sp.pi if ins.data == "pi" else sp.E  # built-ins (user names cannot shadow them)
    if op == "neg":
        return mul(sp.Integer(-1), args[0])
    if op in ("+", "-", "*", "/", "**"):
        sa, sc = (program.tape[a].shape for a in ins.args)
        if sa and sc and sa != sc:  # compared as the language sees them: (3, 1) * (3,) is 3×3
            raise Unsupported(
                f"broadcasting {describe(sa)} against {describe(sc)} has no matrix rule here; "
                "see the entry-wise form"
            )
        return _elementwise2(op, *args)
    if op == "@":
        return _matmul(*args, [program.tape[a].shape for a in ins.args])
    if op == "T":
        return transpose(args[0]) if len(ins.shape) == 2 else args[0]
    if op == "index":
        return _index(args[0], program.tape[ins.args[0]].shape, ins.data)
    if op == "list":
        raise Unsupported("a list [...] builds a value entry by entry; see the entry-wise form")
    return _call(ins.data, args, [program.tape[a].shape for a in ins.args], b)


_SCALAR_OPS = {
    "+": lambda a, c: a + c,
    "-": lambda a, c: a - c,
    "*": lambda a, c: a * c,
    "/": lambda a, c: a / c,
    "**": lambda a, c: a**c,
}


def _elementwise2(op: str, a: sp.Basic, c: sp.Basic) -> sp.Basic:
    ma, mc = is_matrix(a), is_matrix(c)
    if not ma and not mc:
        return _SCALAR_OPS[op](a, c)
    if op in ("+", "-"):
        a = a if ma else mul(a, ones_like(c))  # a scalar added to every entry
        c = c if mc else mul(c, ones_like(a))
        return add(a, mul(sp.Integer(-1), c)) if op == "-" else add(a, c)
    if op == "*":
        return HadamardProduct(a, c).doit(deep=False) if ma and mc else mul(a, c)
    if op == "/" and not mc:
        return mul(1 / c, a)
    if op == "**" and ma and not mc:
        return HadamardPower(a, c)
    # s / M, M / N, s ** M, M ** N: entry by entry through a two-argument lambda
    if ma and mc:
        if op == "/":
            return HadamardProduct(a, HadamardPower(c, -1)).doit(deep=False)
        raise Unsupported("a matrix raised to a matrix power, entry by entry, has no rule here")
    f = lam(op, lambda t: _SCALAR_OPS[op](a, t) if mc else _SCALAR_OPS[op](t, c))
    return ElementwiseApplyFunction(f, c if mc else a)


def _matmul(a: sp.Basic, c: sp.Basic, shapes: list[tuple[int, ...]]) -> sp.Basic:
    sa, sc = shapes
    if len(sa) == 1 and len(sc) == 1:
        return Trace(mul(transpose(a), c))  # dot product: a 1×1 matrix as a scalar
    if len(sa) == 1:
        return mul(transpose(c), a)  # x @ M is the column Mᵀx
    return mul(a, c)


def index_spans(shape: tuple[int, ...], items: tuple) -> tuple[tuple, tuple, bool]:
    """(row span, column span, transposed) of ``value[items]`` on the n×1 / m×n sympy shape.

    Spans are (start, stop, step); ``transposed`` marks ``X[i]``, a row kept as a column.
    """
    full = list(items) + [None] * (len(shape) - len(items))
    spans = []
    for item, n in zip(full, shape, strict=True):
        if isinstance(item, int):
            i = item % n
            spans.append((i, i + 1, 1))
        else:
            r = range(n)[slice(getattr(item, "start", None), getattr(item, "stop", None))]
            spans.append((r.start, r.stop, 1))
    if len(shape) == 1:
        spans.append((0, 1, 1))
    transposed = len(shape) == 2 and isinstance(full[0], int) and not isinstance(full[1], int)
    return spans[0], spans[1], transposed


def _index(m: sp.Basic, shape: tuple[int, ...], items: tuple) -> sp.Basic:
    if not shape:
        raise Unsupported("indexing a scalar has no matrix rule")
    rows, cols, transposed = index_spans(shape, items)
    if len(items) == len(shape) and all(isinstance(i, int) for i in items):
        return MatrixElement(m, rows[0], cols[0])  # built directly: no entry-wise expansion
    sl = MatrixSlice(m, rows, cols)
    return transpose(sl) if transposed else sl


def _call(f: str, args: list[sp.Basic], shapes: list, b: Built) -> sp.Basic:
    a = args[0]
    ma = is_matrix(a)
    if f == "log" and ma and b.aliases.get(a, ("",))[0] == "softmax":
        # log softmax(u) = u − logsumexp(u): the form whose gradient reads softmax(u) − t.
        u = b.aliases[a][1]
        lse = _call("logsumexp", [u], [shapes[0]], b)
        return add(u, mul(sp.Integer(-1), mul(lse, ones_like(u))))
    if f in _UNARY:
        if not ma:
            return _UNARY[f](a)
        return ElementwiseApplyFunction(lam(f), a)
    if f in _BINARY and len(args) == 2:
        if ma or is_matrix(args[1]):
            raise Unsupported(
                f"{f} of vectors or matrices, entry by entry, has no matrix rule here"
            )
        return _BINARY[f](*args)
    if not ma and f in ("sum", "mean", "norm", "logsumexp", "min", "max", "softmax"):
        if f == "softmax":
            return sp.Integer(1)  # one entry, normalised
        return sp.Abs(a) if f == "norm" else a  # torch: the identity on scalars
    if f in ("min", "max"):
        raise Unsupported(f"{f} of a vector or matrix picks one entry; see the entry-wise form")
    if f == "sum":
        return total(a)
    if f == "mean":
        return total(a) / (a.shape[0] * a.shape[1])
    if f == "norm":
        v = sp.sqrt(Trace(mul(transpose(a), a)))
        b.aliases[v] = ("norm", a)
        return v
    if f == "trace":
        return Trace(a)
    if f == "det":
        return Determinant(a)
    if f == "logdet":
        v = sp.log(Determinant(a))
        b.aliases[v] = ("logdet", a)
        return v
    if f == "inv":
        return Inverse(a)
    if f == "dot":
        return Trace(mul(transpose(a), args[1]))
    if f == "outer":
        return mul(a, transpose(args[1]))
    if f == "diag":
        if len(shapes[0]) == 1:
            return DiagMatrix(a)
        if a.shape[0] != a.shape[1]:
            raise Unsupported("diag of a non-square matrix has no matrix rule here")
        return DiagonalOf(a)
    if f in ("softmax", "logsumexp"):
        if len(shapes[0]) == 2 and f == "softmax":
            raise Unsupported("softmax of a matrix (row by row) has no matrix rule here")
        e = ElementwiseApplyFunction(lam("exp"), a)
        s = total(e)
        sm = mul(1 / s, e)
        if len(shapes[0]) == 1:
            b.aliases[sm] = ("softmax", a)
        b.aliases[s] = ("sum", e)
        if f == "softmax":
            return sm
        v = sp.log(s)
        b.aliases[v] = ("logsumexp", a)
        b.softmax[v] = sm  # its gradient: reusing the object keeps the softmax(z) alias
        return v
    raise Unsupported(f"{f} has no matrix rule here; see the entry-wise form")


def require_scalar(program: Program) -> None:
    """:class:`Unsupported` with the learner's reason when f has several components."""
    if program.n_outputs != 1:
        raise Unsupported(
            f"f is {describe(program.output_shape)}, not a scalar: a closed-form gradient "
            "needs one scalar f; see the entry-wise Jacobian"
        )


def scalar_output(b: Built, program: Program) -> sp.Basic:
    """f as a scalar sympy expression (a 1-entry vector or matrix gives its entry)."""
    require_scalar(program)
    v = b.values[program.outputs[0]]
    return MatrixElement(v, 0, 0) if is_matrix(v) else v
