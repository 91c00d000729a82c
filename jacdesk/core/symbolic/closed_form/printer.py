"""Print a sympy matrix expression in jacdesk's own expression language.

The text must paste back into the editor and mean the same thing, so the printer tracks what
each sub-expression is in the language: a matrix, a 1-D vector (stored by sympy as an n×1
column or, after a transpose, a 1×n row) or a scalar (a 1×1 product of vectors). A column
times a row is ``outer(a, b)``; a row times a column is a dot product, ``a @ b``.
"""

from __future__ import annotations

from collections.abc import Mapping

import sympy as sp
from sympy import (
    Determinant,
    Identity,
    Inverse,
    MatAdd,
    MatMul,
    MatPow,
    MatrixSymbol,
    OneMatrix,
    Trace,
    Transpose,
    ZeroMatrix,
)
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction
from sympy.matrices.expressions.diagonal import DiagMatrix, DiagonalOf
from sympy.matrices.expressions.hadamard import HadamardPower, HadamardProduct
from sympy.matrices.expressions.matexpr import MatrixElement
from sympy.matrices.expressions.slice import MatrixSlice

from .syntax import (
    ATOM,
    MUL,
    NEG,
    POST,
    POW,
    Unprintable,
    join,
    negative,
    negative_exp,
    number,
    ones_row,
    paren,
    product,
    same,
    slice_text,
    special,
)

_FUNCS = {
    sp.exp: "exp",
    sp.log: "log",
    sp.sin: "sin",
    sp.cos: "cos",
    sp.tan: "tan",
    sp.asin: "asin",
    sp.acos: "acos",
    sp.atan: "atan",
    sp.sinh: "sinh",
    sp.cosh: "cosh",
    sp.tanh: "tanh",
    sp.Abs: "abs",
    sp.atan2: "atan2",
    sp.Min: "min",
    sp.Max: "max",
}


class Printer:
    """Texts of forms built over one program's names.

    Parameters
    ----------
    shapes
        Language shape of every variable and constant (``(n,)`` for a vector).
    aliases
        Sub-expression → (function, argument) printed as ``function(argument)``.
    """

    def __init__(self, shapes: Mapping[str, tuple[int, ...]], aliases: Mapping) -> None:
        self.shapes = dict(shapes)
        self.aliases = aliases
        self.env: dict[sp.Basic, tuple[str, int]] = {}

    def text(self, e: sp.Basic, name: str) -> str:
        """``e`` as text; :class:`Unprintable` unless it reads as a value shaped like ``name``."""
        shape = self.shapes[name]
        if isinstance(e, ZeroMatrix) or e == 0:
            return f"0 * {name}"  # f does not depend on it (whatever the shape's 1s)
        if not e.is_Matrix:
            if shape:
                raise Unprintable("it is a scalar, but the variable is not")
            return self.scal(e)[0]
        t, _, kind = self.mat(e)
        if {0: "scal", 1: "col", 2: "mat"}[len(shape)] != kind and not (
            len(shape) == 1 and kind == "row"
        ):
            raise Unprintable("its shape has no direct spelling")
        return t

    def any(self, e: sp.Basic) -> tuple[str, int]:
        return self.mat(e)[:2] if e.is_Matrix else self.scal(e)

    # -- matrices: (text, precedence, kind) with kind mat | col | row | scal -------------------
    def mat(self, e: sp.Basic) -> tuple[str, int, str]:
        alias = self._alias(e)
        if alias is not None:
            return alias, ATOM, "col"  # the only matrix alias is softmax of a vector
        if isinstance(e, MatrixSymbol):
            return str(e.name), ATOM, "col" if len(self.shapes.get(str(e.name), ())) == 1 else "mat"
        if isinstance(e, Transpose):
            t, p, k = self.mat(e.arg)
            if k == "mat":
                return f"{paren(t, p, POST)}.T", POST, k
            return t, p, {"col": "row", "row": "col"}.get(k, k)  # 1-D vectors have no .T
        if isinstance(e, Inverse):
            if isinstance(e.arg, Transpose):
                return f"inv({self.mat(e.arg.arg)[0]}).T", POST, "mat"
            return f"inv({self.mat(e.arg)[0]})", ATOM, "mat"
        if isinstance(e, MatMul):
            return self._matmul(e)
        if isinstance(e, MatAdd):
            terms = [self._signed(t) for t in e.args]
            return (*join(terms), same([k for _, _, k, _ in terms]))
        if isinstance(e, HadamardProduct):
            parts = [self.mat(a) for a in e.args]
            text = " * ".join(
                paren(t, p, MUL if i == 0 else NEG) for i, (t, p, _) in enumerate(parts)
            )
            return text, MUL, same([k for _, _, k in parts])
        if isinstance(e, HadamardPower):
            t, p, k = self.mat(e.base)
            return f"{paren(t, p, POST)} ** {paren(*self.scal(e.exp), NEG)}", POW, k
        if isinstance(e, ElementwiseApplyFunction):
            t, p, k = self.mat(e.expr)
            var = e.function.variables[0]
            saved = self.env.get(var)  # lambdas share one dummy: restore an outer binding
            self.env[var] = (t, p)
            try:
                return (*self.scal(e.function.expr), k)
            finally:
                if saved is None:
                    del self.env[var]
                else:
                    self.env[var] = saved
        if isinstance(e, MatrixSlice):
            return self._slice(e)
        if isinstance(e, DiagMatrix | DiagonalOf):
            kind = "mat" if isinstance(e, DiagMatrix) else "col"
            return f"diag({self.mat(e.args[0])[0]})", ATOM, kind
        if isinstance(e, MatPow) and e.exp.is_Integer and 1 <= abs(int(e.exp)) <= 4:
            t, p, _ = self.mat(e.base if e.exp > 0 else Inverse(e.base))
            return " @ ".join([paren(t, p, NEG)] * abs(int(e.exp))), MUL, "mat"
        if isinstance(e, Identity | OneMatrix | ZeroMatrix):
            return special(e, self.shapes)
        raise Unprintable(f"it uses {type(e).__name__}")

    def _matmul(self, e: MatMul) -> tuple[str, int, str]:
        scalars = [a for a in e.args if not a.is_Matrix]
        coeff = sp.Mul(*scalars)
        c, rest = coeff.as_coeff_Mul()
        # softmax(z) is (1/Σexp(z))·exp(z): a number in front must not hide it
        alias = self._alias(MatMul(*([rest] if rest != 1 else []), *e.args[len(scalars) :]))
        if alias is None:
            alias, rest_coeff = self._scaled_alias(e, coeff)
            c = rest_coeff if alias is not None else c
        if alias is not None:
            mats, coeff = [(alias, ATOM, "col")], c
        else:
            mats = [self.mat(a) for a in e.args if a.is_Matrix]
        t, p, kind = mats[0]
        for t2, p2, k2 in mats[1:]:
            t, p, kind = product(t, p, kind, t2, p2, k2)
        neg = bool(coeff.as_coeff_Mul()[0] < 0)
        if neg:
            coeff = -coeff
        if coeff != 1:
            num, den = self._fraction(coeff)
            # (c * A) @ B == c * (A @ B) for a scalar c: no parentheses needed after it
            t = paren(t, p, MUL) if num == "1" else f"{num} * {paren(t, p, MUL)}"
            t, p = (f"{t} / {den}" if den else t), MUL
        if neg:
            return f"-{paren(t, p, MUL)}", min(p, NEG), kind
        return t, p, kind

    def _signed(self, term: sp.Basic) -> tuple[str, int, str, bool]:
        neg = negative(term)
        if neg:
            term = MatMul(-1, term).doit(deep=False) if term.is_Matrix else -term
        t, p, *k = self.mat(term) if term.is_Matrix else self.scal(term)
        return t, p, (k[0] if k else "scal"), neg

    def _slice(self, e: MatrixSlice) -> tuple[str, int, str]:
        base, rows, cols, flip = e.parent, e.rowslice, e.colslice, False
        if isinstance(base, Identity):
            raise Unprintable("it needs a unit vector e_i")
        if isinstance(base, Transpose) or (
            isinstance(base, Inverse) and isinstance(base.arg, Transpose)
        ):
            base = base.arg if isinstance(base, Transpose) else Inverse(base.arg.arg)
            rows, cols, flip = cols, rows, True
        return slice_text(*self.mat(base), base.shape, rows, cols, flip)

    # -- scalars: (text, precedence) -----------------------------------------------------------
    def scal(self, e: sp.Basic) -> tuple[str, int]:
        alias = self._alias(e)
        if alias is not None:
            return alias, ATOM
        if e in self.env:
            return self.env[e]
        if isinstance(e, sp.Symbol):
            return e.name, ATOM
        if e.is_Number:
            return number(e)
        if e is sp.pi or e is sp.E:
            return ("pi" if e is sp.pi else "e"), ATOM
        if isinstance(e, sp.Add):
            return join([self._signed(t) for t in e.as_ordered_terms()])
        if isinstance(e, sp.Mul) or (isinstance(e, sp.Pow) and negative_exp(e)):
            return self._mul(e)
        if isinstance(e, sp.Pow):
            if e.exp == sp.S.Half:
                return f"sqrt({self.scal(e.base)[0]})", ATOM
            return f"{paren(*self.scal(e.base), POST)} ** {paren(*self.scal(e.exp), NEG)}", POW
        if isinstance(e, Trace):
            return self._trace(e.arg)
        if isinstance(e, Determinant):
            return f"det({self.mat(e.arg)[0]})", ATOM
        if isinstance(e, MatrixElement):
            t, p, k = self.mat(e.parent)
            idx = {"col": f"{e.i}", "row": f"{e.j}", "mat": f"{e.i}, {e.j}"}.get(k)
            return (t, p) if idx is None else (f"{paren(t, p, POST)}[{idx}]", POST)
        if type(e) in _FUNCS:
            return f"{_FUNCS[type(e)]}({', '.join(self.scal(a)[0] for a in e.args)})", ATOM
        raise Unprintable(f"it uses {type(e).__name__}")

    def _mul(self, e: sp.Basic) -> tuple[str, int]:
        if bool(e.as_coeff_Mul()[0] < 0):
            t, p = self.scal(-e)
            return f"-{paren(t, p, MUL)}", min(p, NEG)
        num, den = self._fraction(e)
        return (f"{num} / {den}" if den else num), MUL if den or " * " in num else ATOM

    def _fraction(self, e: sp.Basic) -> tuple[str, str]:
        """Numerator and denominator texts of a positive product ("1" and "" when absent)."""
        num, den = [], []
        for f in sp.Mul.make_args(e):
            if f.is_Rational and f.q != 1:
                num += [sp.Integer(f.p)] if f.p != 1 else []
                den.append(sp.Integer(f.q))
            elif negative_exp(f):
                den.append(f.base ** (-f.exp))
            elif f != 1:
                num.append(f)
        nums = [self.scal(f) for f in num]
        text = " * ".join(paren(t, p, MUL if i == 0 else NEG) for i, (t, p) in enumerate(nums))
        dens = [self.scal(f) for f in den]
        d = " * ".join(paren(t, p, MUL if i == 0 else NEG) for i, (t, p) in enumerate(dens))
        if len(dens) == 1:
            d = paren(d, dens[0][1], NEG)
        elif dens:
            d = f"({d})"
        return text or "1", d

    def _trace(self, m: sp.Basic) -> tuple[str, int]:
        if isinstance(m, MatMul) and ones_row(m.args[0]):
            inner = list(m.args[1:])
            if inner and isinstance(inner[-1], OneMatrix) and inner[-1].shape[1] == 1:
                inner.pop()  # 1ᵀ M 1: the sum of all entries
            body = inner[0] if len(inner) == 1 else MatMul(*inner)
            return f"sum({self.mat(body)[0]})", ATOM
        t, p, k = self.mat(m)
        return (t, p) if k == "scal" else (f"trace({t})", ATOM)

    def _scaled_alias(self, e: MatMul, coeff: sp.Basic) -> tuple[str | None, sp.Basic]:
        """``s · softmax(z)`` with a symbolic s: (alias text, s), or (None, coeff)."""
        mats = [a for a in e.args if a.is_Matrix]
        for key in self.aliases:
            if not isinstance(key, MatMul):
                continue
            key_mats = [a for a in key.args if a.is_Matrix]
            if key_mats == mats:
                own = sp.Mul(*[a for a in key.args if not a.is_Matrix])
                return self._alias(key), sp.Mul(coeff, 1 / own)
        return None, coeff

    def _alias(self, e: sp.Basic) -> str | None:
        hit = self.aliases.get(e)
        if hit is None:
            return None
        return f"{hit[0]}({self.any(hit[1])[0]})"
