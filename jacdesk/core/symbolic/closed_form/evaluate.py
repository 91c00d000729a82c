"""Evaluate a sympy matrix expression with numpy, by an allow-list of node types.

No ``lambdify`` (it writes and runs code): the tree is walked here, and any node type not
listed is refused, so a form sympy invents (``ArrayDerivative``, ...) is reported as not
evaluable instead of being guessed at. Matrices stay numpy arrays: 256×256 costs a few
matrix products, never a 65,536-entry symbolic expansion.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

import numpy as np
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

from .algebra import Unsupported

_UFUNCS = {
    sp.exp: np.exp,
    sp.log: np.log,
    sp.sin: np.sin,
    sp.cos: np.cos,
    sp.tan: np.tan,
    sp.asin: np.arcsin,
    sp.acos: np.arccos,
    sp.atan: np.arctan,
    sp.sinh: np.sinh,
    sp.cosh: np.cosh,
    sp.tanh: np.tanh,
    sp.Abs: np.abs,
    sp.sign: np.sign,
}


def evaluate(expr: sp.Basic, values: Mapping[str, np.ndarray]) -> np.ndarray:
    """The value of ``expr`` with numpy (float64; matrices keep their sympy shape, n×1 for vectors).

    Parameters
    ----------
    expr
        A scalar or matrix expression built by :mod:`jacdesk.core.symbolic.closed_form.build`.
    values
        Name → value of every variable and constant (any shape with the right size).

    Raises
    ------
    Unsupported
        For a node type outside the allow-list, or a name without a value.
    numpy.linalg.LinAlgError
        When a matrix to invert is singular.
    """
    with np.errstate(all="ignore"):  # inf/nan are results here, compared later
        return _Eval(values, {}).run(expr)


class _Eval:
    def __init__(self, values: Mapping[str, np.ndarray], env: dict[sp.Basic, np.ndarray]):
        self.values = values
        self.env = env  # lambda variables bound to arrays
        self.memo: dict[sp.Basic, np.ndarray] = {}  # shared sub-trees are computed once

    def run(self, e: sp.Basic) -> np.ndarray:
        hit = self.memo.get(e)
        if hit is None:
            hit = self.memo[e] = self._node(e)
        return hit

    def _node(self, e: sp.Basic):  # one flat dispatch: the allow-list, readable at a glance
        a = [self.run(x) for x in e.args] if _descend(e) else None
        if isinstance(e, MatrixSymbol):
            return self._name(str(e.name)).reshape(e.shape)
        if e in self.env:
            return self.env[e]
        if isinstance(e, sp.Symbol):
            return self._name(e.name)
        if e.is_Number or isinstance(e, sp.NumberSymbol):
            return np.float64(float(e))
        if isinstance(e, Identity):
            return np.eye(e.shape[0])
        if isinstance(e, ZeroMatrix | OneMatrix):
            return np.full(e.shape, 0.0 if isinstance(e, ZeroMatrix) else 1.0)
        if isinstance(e, MatAdd | sp.Add):
            return functools.reduce(np.add, a)
        if isinstance(e, MatMul):
            scal = [v for x, v in zip(e.args, a, strict=True) if not x.is_Matrix]
            mats = [v for x, v in zip(e.args, a, strict=True) if x.is_Matrix]
            return functools.reduce(np.multiply, scal, np.float64(1.0)) * functools.reduce(
                np.matmul, mats
            )
        if isinstance(e, sp.Mul | HadamardProduct):
            return functools.reduce(np.multiply, a)
        if isinstance(e, sp.Pow | HadamardPower):
            return np.power(a[0], a[1])
        if isinstance(e, Transpose):
            return a[0].T
        if isinstance(e, Inverse):
            return np.linalg.inv(a[0])
        if isinstance(e, MatPow):
            if not float(a[1]).is_integer():
                raise Unsupported("a fractional matrix power cannot be evaluated here")
            return np.linalg.matrix_power(a[0], int(a[1]))
        if isinstance(e, Trace):
            return np.float64(np.trace(a[0]))
        if isinstance(e, Determinant):
            return np.float64(np.linalg.det(a[0]))
        if isinstance(e, DiagMatrix):
            return np.diag(a[0].ravel())
        if isinstance(e, DiagonalOf):
            return np.diag(a[0]).reshape(-1, 1)
        if isinstance(e, MatrixElement):
            return np.float64(self.run(e.parent)[int(e.i), int(e.j)])
        if isinstance(e, MatrixSlice):
            (r0, r1, rs), (c0, c1, cs) = e.rowslice, e.colslice
            return self.run(e.parent)[int(r0) : int(r1) : int(rs), int(c0) : int(c1) : int(cs)]
        if isinstance(e, ElementwiseApplyFunction):
            fn = e.function
            inner = _Eval(self.values, {**self.env, fn.variables[0]: self.run(e.expr)})
            return np.broadcast_to(inner.run(fn.expr), e.shape).astype(np.float64)
        if isinstance(e, sp.Function):
            return self._function(e, a)
        raise Unsupported(f"{type(e).__name__} cannot be evaluated here")

    def _function(self, e: sp.Function, a: list) -> np.ndarray:
        f = type(e)
        if f in _UFUNCS:
            return _UFUNCS[f](a[0])
        if isinstance(e, sp.Heaviside):
            return np.heaviside(a[0], 0.0)  # relu's slope at 0 is 0 in torch
        if isinstance(e, sp.atan2):
            return np.arctan2(a[0], a[1])
        if isinstance(e, sp.Min | sp.Max):
            return functools.reduce(np.minimum if isinstance(e, sp.Min) else np.maximum, a)
        raise Unsupported(f"{f.__name__} cannot be evaluated here")

    def _name(self, name: str) -> np.ndarray:
        if name not in self.values:
            raise Unsupported(f"no value for {name!r}")
        return np.asarray(self.values[name], dtype=np.float64)


def _descend(e: sp.Basic) -> bool:
    # Leaves, lambdas and index/slice bounds are read directly, not evaluated as arguments.
    return not (
        e.is_Atom
        or isinstance(
            e,
            MatrixSymbol
            | Identity
            | ZeroMatrix
            | OneMatrix
            | MatrixElement
            | MatrixSlice
            | ElementwiseApplyFunction,
        )
    )
