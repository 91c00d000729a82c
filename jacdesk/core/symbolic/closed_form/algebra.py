"""Small sympy matrix-algebra helpers shared by the closed-form builder and differentiator.

Every product and sum goes through :func:`mul` / :func:`add`, which canonicalise one level
deep only: sympy's deep ``doit`` would expand ``MatrixElement(Inverse(X), 0, 1)`` entry by
entry (n! terms for an n×n X).
"""

from __future__ import annotations

import sympy as sp
from sympy import Identity, MatAdd, MatMul, OneMatrix, Trace, Transpose
from sympy.matrices.expressions.slice import MatrixSlice

from jacdesk.core.symbolic.entrywise import _UNARY


class Unsupported(Exception):
    """No matrix-calculus rule for a construct; the message is the learner's one-line reason."""


def is_matrix(v: sp.Basic) -> bool:
    """Whether ``v`` is a matrix expression (vectors are n×1 matrices) rather than a scalar."""
    return bool(getattr(v, "is_Matrix", False))


def mul(*factors: sp.Basic) -> sp.Basic:
    """A product (scalar or matrix), canonicalised one level deep; unit vectors absorbed."""
    if not any(is_matrix(f) for f in factors):
        return sp.Mul(*factors)
    return _absorb(MatMul(*factors).doit(deep=False))


def add(*terms: sp.Basic) -> sp.Basic:
    """A sum (scalar or matrix), canonicalised one level deep."""
    terms = tuple(t for t in terms if t is not None)
    if not any(is_matrix(t) for t in terms):
        return sp.Add(*terms)
    return MatAdd(*terms).doit(deep=False)


def transpose(v: sp.Basic) -> sp.Basic:
    """Vᵀ for a matrix, V itself for a scalar."""
    return Transpose(v).doit(deep=False) if is_matrix(v) else v


def total(m: sp.Basic) -> sp.Basic:
    """Sum of all entries as a scalar: 1ᵀ M 1 (kept symbolic for any size)."""
    if not is_matrix(m):
        return m
    r, c = m.shape
    factors = [OneMatrix(1, r), m] + ([OneMatrix(c, 1)] if c != 1 else [])
    return Trace(MatMul(*factors).doit(deep=False))


def ones_like(m: sp.Basic) -> sp.Basic:
    """The all-ones matrix shaped like ``m``."""
    return OneMatrix(*m.shape)


_T = sp.Dummy("t", real=True)  # one dummy for every lambda: equal lambdas compare equal
_LAMBDAS: dict[str, sp.Lambda] = {}


def lam(name: str, f=None) -> sp.Lambda:
    """The entry-wise function ``name`` (or ``f`` when given, uncached) as a sympy Lambda."""
    if f is not None:
        return sp.Lambda(_T, f(_T))
    if name not in _LAMBDAS:
        _LAMBDAS[name] = sp.Lambda(_T, _UNARY[name](_T))
    return _LAMBDAS[name]


def derivative(fn: sp.Lambda) -> sp.Lambda:
    """d/dt of a one-argument Lambda, as a Lambda."""
    (t,) = fn.variables
    return sp.Lambda(t, sp.diff(fn.expr, t))


def _absorb(m: sp.Basic) -> sp.Basic:
    """``N @ I[:, j]`` → ``N[:, j]`` and ``I[i, :] @ N`` → ``N[i, :]`` (unit vectors from indexing)."""
    if not isinstance(m, MatMul) or not any(_selector(a) for a in m.args):
        return m
    args = list(m.args)
    changed = True
    while changed:
        changed = False
        for k, a in enumerate(args):
            kind = _selector(a)
            if kind == "col" and k > 0 and is_matrix(args[k - 1]):
                prev = args[k - 1]
                args[k - 1 : k + 1] = [MatrixSlice(prev, (0, prev.shape[0], 1), a.colslice)]
            elif kind == "row" and k + 1 < len(args) and is_matrix(args[k + 1]):
                nxt = args[k + 1]
                args[k : k + 2] = [MatrixSlice(nxt, a.rowslice, (0, nxt.shape[1], 1))]
            else:
                continue
            changed = True
            break
    return MatMul(*args).doit(deep=False)


def _selector(a: sp.Basic) -> str | None:
    if not isinstance(a, MatrixSlice) or not isinstance(a.parent, Identity):
        return None
    n = a.parent.shape[0]
    if tuple(a.rowslice) == (0, n, 1):
        return "col"
    if tuple(a.colslice) == (0, n, 1):
        return "row"
    return None
