"""Finishing symbolic forms: size bounds, bounded simplification, evaluation, printing.

Split from :mod:`jacdesk.core.symbolic` (which builds the forms); sympy work here is also run
through :mod:`jacdesk.core.symbolic.process` so that it can be abandoned on a timeout.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import numpy as np
import sympy
from sympy.polys.matrices import DomainMatrix

from jacdesk.core.errors import JacdeskError
from jacdesk.core.language.program import Program, entry_labels, input_labels
from jacdesk.core.results.symbolic import MAX_SYMBOLIC_ENTRIES as MAX_SYMBOLIC_ENTRIES
from jacdesk.core.results.symbolic import too_many_entries

MAX_SYMBOLIC_MATRIX = 4  # det/inv/logdet of anything bigger explodes combinatorially
MAX_TAPE_ENTRIES = 100_000  # sympy objects held at once; a huge constant would eat memory


def evaluate(matrix: sympy.MatrixBase | sympy.Expr, point: Mapping[str, object]) -> np.ndarray:
    """Numeric value of a sympy matrix (or expression) at ``point`` (name → value).

    Complex results, ``zoo`` and ``nan`` become ``nan``, as torch gives for log(-1).

    Returns
    -------
    numpy.ndarray
        float64, the matrix's shape (0-d for an expression).
    """
    subs: dict[sympy.Symbol, sympy.Float] = {}
    for name, value in point.items():
        arr = np.asarray(value, dtype=np.float64)
        for label, v in zip(entry_labels(name, arr.shape, "row"), arr.ravel(), strict=True):
            subs[sympy.Symbol(label, real=True)] = sympy.Float(float(v))
    missing = matrix.free_symbols - subs.keys()
    if missing:
        names = ", ".join(sorted(str(s) for s in missing))
        raise JacdeskError(f"the point gives no value for {names}")
    is_matrix = isinstance(matrix, sympy.MatrixBase)
    entries = list(matrix) if is_matrix else [matrix]
    out = np.array([_to_float(e.xreplace(subs)) for e in entries], dtype=np.float64)
    return out.reshape(matrix.shape if is_matrix else ())


def _to_float(v: sympy.Expr) -> float:
    try:
        z = complex(v)
    except (TypeError, ValueError):
        return float("nan")
    return z.real if z.imag == 0 else float("nan")


def too_large(program: Program) -> str | None:
    """A one-line notice when a symbolic form would be too big to compute, else ``None``."""
    notice = too_many_entries(program.n_outputs, program.n_inputs)
    if notice:
        return notice
    held = 0
    for ins in program.tape:
        held += int(np.prod(ins.shape))
        if ins.op == "call" and ins.data in ("inv", "det", "logdet"):
            k = program.tape[ins.args[0]].shape[0]
            if k > MAX_SYMBOLIC_MATRIX:
                lim = MAX_SYMBOLIC_MATRIX
                return (
                    f"too large for a symbolic form: {ins.data} of a {k}×{k} matrix "
                    f"(the limit is {lim}×{lim})"
                )
    if held > MAX_TAPE_ENTRIES:
        return (
            f"too large for a symbolic form: the formula handles {held:,} values "
            f"(the limit is {MAX_TAPE_ENTRIES:,})"
        )
    return None


def simplify_bounded(expr: sympy.Expr, max_ops: int = 200) -> sympy.Expr:
    """A tidier equal form, skipping the slow general ``simplify`` on big expressions.

    Rational functions take the shorter of ``cancel`` and ``factor``; anything else is
    simplified only when ``count_ops(expr) <= max_ops`` and returned unchanged otherwise.
    """
    if not isinstance(expr, sympy.Expr) or expr.is_Atom:
        return expr
    if expr.is_rational_function(*expr.free_symbols):
        cancelled = sympy.cancel(expr)
        candidates = [cancelled, expr]
        if sympy.count_ops(cancelled) <= max_ops:
            candidates.insert(1, sympy.factor(cancelled))
        return min(candidates, key=sympy.count_ops)  # ties keep cancel's canonical form
    if sympy.count_ops(expr) <= max_ops:
        return sympy.simplify(expr)
    return expr


def determinant(matrix: sympy.MatrixBase) -> sympy.Expr:
    """The simplified determinant of a square matrix (J's, in the app).

    Polynomial and rational entries go through sympy's ``DomainMatrix`` (exact arithmetic on
    sparse polynomials: seconds where expression-level elimination takes minutes); anything
    with functions in it uses Berkowitz on expressions and :func:`simplify_bounded`.
    """
    dm = DomainMatrix.from_Matrix(matrix)
    if dm.domain.is_PolynomialRing or dm.domain.is_FractionField or dm.domain.is_Numerical:
        return simplify_bounded(dm.domain.to_sympy(dm.det()))
    return simplify_bounded(matrix.det(method="berkowitz"))


_INDEXED = re.compile(r"(?P<base>[^\[]+)\[(?P<idx>[0-9,]+)\]\Z")
_NUMBERED = re.compile(r"(?P<base>[A-Za-z]+)(?P<idx>[0-9]+)\Z")


def latex_names(program: Program) -> dict[sympy.Symbol, str]:
    """LaTeX names of the variable entries: ``x[0]`` → ``x_{0}``, ``X[1,2]`` → ``X_{1,2}``.

    A name of letters then digits gets a subscript too: ``x1`` → ``x_{1}``.
    """
    names: dict[sympy.Symbol, str] = {}
    for label in input_labels(program, "row"):
        m = _INDEXED.match(label) or _NUMBERED.match(label)
        if m is None:
            continue  # sympy's own rendering (greek letters, x_b) is already right
        base = sympy.latex(sympy.Symbol(m["base"]))
        if "_" in base or "^" in base:
            base = "{" + base + "}"  # x_b[0] would otherwise be a double subscript
        names[sympy.Symbol(label, real=True)] = f"{base}_{{{m['idx']}}}"
    return names


def to_text(expr: sympy.Expr) -> str:
    """Plain text such as ``2*x1`` (sympy's ``sstr``)."""
    return sympy.sstr(expr)


def to_latex(expr: sympy.Expr, names: Mapping[sympy.Symbol, str] | None = None) -> str:
    """LaTeX with the variable names of :func:`latex_names`."""
    return sympy.latex(expr, symbol_names=dict(names or {}))
