"""The seed's equations as LaTeX, filled in from a result: the Jacobian chain, the backward
chain, J u and det J.

For the seed, ``f = [x1**2 + 2*x2, 3*x1 + 4*x2**2]`` at (1, 2)::

    f(x_{1}, x_{2}) = [x_{1}^{2} + 2 x_{2} ; 3 x_{1} + 4 x_{2}^{2}],
    J = [∂f_{i}/∂x_{j}] = [2 x_{1}, 2 ; 3, 8 x_{2}] = [2, 2 ; 3, 16]

and, with v = ones, ``z = vᵀf``, ``∂z/∂f = vᵀ = [1 1]``, ``∂z/∂f · ∂f/∂x = vᵀJ = [1 1][2 2; 3
16] = [5 18] = x.grad``. The functions read a result by its attributes (``expressions``,
``input_labels``, ``output_labels``, ``jacobian``, ``v``, ``vjp``, ``u``, ``jvp``,
``determinant``, ``log_abs_det``, ``symbolic``, ``layout``, ``inputs``, ``output_shape``), so
any :class:`~jacdesk.core.results.analysis.Analysis` will do; each returns ``None`` where the
formula would be too large to read (the views then show their tables).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from .latex_expr import expression_latex, name_latex

__all__ = [
    "MAX_ENTRIES",
    "backward_chain",
    "closed_form_latex",
    "determinant_chain",
    "hessian_chain",
    "jacobian_chain",
    "jvp_chain",
    "kronecker_latex",
    "number_latex",
]

#: Matrices with more entries than this are not typeset (a 6×6 J still is).
MAX_ENTRIES = 36
#: Symbolic cells longer than this (in LaTeX characters) leave the symbolic part out.
MAX_CELL = 60
T = r"^{\mathsf{T}}"


def number_latex(x: float, digits: int = 6) -> str:
    """``x`` with ``digits`` significant digits: ``16``, ``0.333333``, ``1.5 \\cdot 10^{-7}``."""
    x = float(x)
    if math.isnan(x):
        return r"\mathrm{NaN}"
    if math.isinf(x):
        return r"\infty" if x > 0 else r"-\infty"
    if x == 0:
        return "0"
    text = f"{x:.{digits}g}"
    mantissa, e, power = text.partition("e")
    return rf"{mantissa} \cdot 10^{{{int(power)}}}" if e else text


def _bmatrix(rows: Sequence[Sequence[str]]) -> str:
    # In braces: a group of its own, so its brackets are sized to it and not stretched to
    # the tallest matrix on the line.
    body = r" \\ ".join(" & ".join(row) for row in rows)
    return r"{\begin{bmatrix}" + body + r"\end{bmatrix}}"


def _numbers(a: Any, digits: int) -> list[list[str]]:
    arr = np.asarray(a, dtype=np.float64)
    arr = arr.reshape(1, -1) if arr.ndim < 2 else arr
    return [[number_latex(x, digits) for x in row] for row in arr]


def _row(a: Any, digits: int) -> str:
    return _bmatrix(_numbers(np.asarray(a).reshape(1, -1), digits))


def _column(a: Any, digits: int) -> str:
    return _bmatrix(_numbers(np.asarray(a).reshape(-1, 1), digits))


def _fits(rows: int, cols: int) -> bool:
    return rows * cols <= MAX_ENTRIES


def _args(result: Any) -> str:
    names = [name for name, _ in result.inputs]
    return ", ".join(name_latex(n) for n in names)


def _f(result: Any) -> str:
    return "F" if len(result.output_shape) == 2 else "f"


def _value_of_f(result: Any) -> str | None:
    """``f(x) = [...]`` from the expressions as typed, or None when one does not parse."""
    parts = [expression_latex(e) for e in result.expressions]
    if any(p is None for p in parts):
        return None
    head = f"{_f(result)}\\left({_args(result)}\\right) = "
    if len(parts) == 1:
        return head + parts[0]
    if len(parts) > MAX_ENTRIES:
        return None
    return head + _bmatrix([[p] for p in parts])


def _symbolic_grid(result: Any) -> list[list[str]] | None:
    sym = getattr(result, "symbolic", None)
    grid = getattr(sym, "jacobian_latex", None)
    if grid is None or any(len(cell) > MAX_CELL for row in grid for cell in row):
        return None
    return [list(row) for row in grid]


def _in_layout(grid: list[list[str]], layout: str) -> list[list[str]]:
    return [list(c) for c in zip(*grid, strict=True)] if layout == "denominator" else grid


def jacobian_chain(
    result: Any, digits: int = 6, symbolic: bool = True, partials: str | None = None
) -> str | None:
    """``f(x) = [...], \\quad J = [∂f_i/∂x_j] = [symbolic] = [numbers]`` (the seed's eq. 2).

    The symbolic part is left out until the result has it (or when ``symbolic`` is False);
    in the denominator layout every matrix is the transpose, entry (j, i) = ∂f_i/∂x_j.
    ``partials`` replaces the matrix of ∂f_i/∂x_j (``∂vec F/∂vec X`` for matrix variables).
    """
    m, n = np.asarray(result.jacobian).shape
    if not _fits(m, n):
        return None
    outs = [name_latex(s) for s in result.output_labels]
    ins = [name_latex(s) for s in result.input_labels]
    grid = [[rf"\frac{{\partial {f}}}{{\partial {x}}}" for x in ins] for f in outs]
    layout = getattr(result, "layout", "numerator")
    pieces = [partials or _bmatrix(_in_layout(grid, layout))]
    grid = _symbolic_grid(result) if symbolic else None
    if grid is not None:
        pieces.append(_bmatrix(_in_layout(grid, layout)))
    pieces.append(_bmatrix(_in_layout(_numbers(result.jacobian, digits), layout)))
    j = "J" + (T if layout == "denominator" else "")
    chain = f"{j} = " + " = ".join(pieces)
    value = _value_of_f(result)
    return chain if value is None else value + r", \quad " + chain


def _one_hot(v: np.ndarray) -> int | None:
    flat = v.reshape(-1)
    hits = np.flatnonzero(flat)
    if len(hits) == 1 and flat[hits[0]] == 1.0:
        return int(hits[0])
    return None


def _grads(result: Any) -> str:
    names = [name for name, _ in result.inputs]
    parts = [rf"\texttt{{{n}.grad}}" for n in names]
    return parts[0] if len(parts) == 1 else r"\left(" + ", ".join(parts) + r"\right)"


def backward_chain(result: Any, digits: int = 6) -> str | None:
    """The seed's eqs. 3–6 with this v and J: ``z = vᵀf``, ``∂z/∂f = vᵀ``, ``∂z/∂f · ∂f/∂x
    = vᵀJ = [..][..] = [..] = x.grad``; a one-hot v reads ``e_iᵀJ`` (row i of J)."""
    jac = np.asarray(result.jacobian, dtype=np.float64)
    m, n = jac.shape
    if not _fits(m, n):
        return None
    v = np.asarray(result.v, dtype=np.float64).reshape(-1)
    k = _one_hot(v)
    f = _f(result)
    vt = f"e_{{{k + 1}}}{T}" if k is not None else f"v{T}"
    z = f"z = {vt} {f}"
    if k is not None:
        z += f" = {name_latex(result.output_labels[k])}"
    lines = [
        z,
        rf"\frac{{\partial z}}{{\partial {f}}} = {vt} = {_row(v, digits)}",
        (
            rf"\frac{{\partial z}}{{\partial {f}}}\,\frac{{\partial {f}}}{{\partial x}} = {vt} J"
            f" = {_row(v, digits)} {_bmatrix(_numbers(jac, digits))}"
            f" = {_row(result.vjp, digits)} = {_grads(result)}"
        ),
    ]
    return r", \quad ".join(lines[:2]) + r" \\ " + lines[2]


def jvp_chain(result: Any, digits: int = 6) -> str | None:
    """``J u = [J][u] = [Ju]``: forward mode's product, u and J u as columns."""
    jac = np.asarray(result.jacobian, dtype=np.float64)
    m, n = jac.shape
    if not _fits(m, n):
        return None
    return (
        f"J u = {_bmatrix(_numbers(jac, digits))} {_column(result.u, digits)}"
        f" = {_column(result.jvp, digits)}"
    )


def determinant_chain(result: Any, digits: int = 6) -> str | None:
    """``det J = symbolic = value`` and ``log|det J|``; None when J is not square."""
    det = getattr(result, "determinant", None)
    if det is None:
        return None
    sym = getattr(getattr(result, "symbolic", None), "determinant_latex", None)
    parts = [r"\det J"]
    if sym and len(sym) <= 4 * MAX_CELL:
        parts.append(sym)
    parts.append(number_latex(det, digits))
    text = " = ".join(parts)
    log = getattr(result, "log_abs_det", None)
    if log is not None and math.isfinite(log):
        text += rf", \quad \log\left|\det J\right| = {number_latex(log, digits)}"
    return text


def closed_form_latex(name: str, form: Any) -> str | None:
    """``∂f/∂X = A^{T}`` for a closed form that matched autograd (status ``"verified"``);
    None for any other status (a form that disagrees is never shown as the answer)."""
    latex = getattr(form, "latex", None)
    if getattr(form, "status", None) != "verified" or not latex:
        return None
    return rf"\frac{{\partial f}}{{\partial {name_latex(name)}}} = {latex}"


def _factor(text: str) -> str | None:
    """A Kronecker factor as LaTeX: ``""`` (no factor) is I; a product gets brackets."""
    if not text:
        return "I"
    latex = expression_latex(text)
    if latex is None:
        return None
    return latex if " " not in latex else rf"\left({latex}\right)"


def kronecker_latex(lesson: Any) -> str | None:
    """``vec(A X B) = (Bᵀ ⊗ A) vec(X)`` (column-major) and ``vec_r(A X B) = (A ⊗ Bᵀ)
    vec_r(X)`` (row-major, torch's reshape), on two lines, from a Kronecker lesson."""
    a, b = _factor(lesson.left_text), _factor(lesson.right_text)
    if a is None or b is None:
        return None
    x = name_latex(lesson.variable)
    f = " ".join(p for p in (a if lesson.left_text else "", x, b if lesson.right_text else "") if p)
    bt = "I" if not lesson.right_text else f"{b}{T}"
    vec, vec_r = r"\operatorname{vec}", r"\operatorname{vec}_{r}"
    return (
        rf"{vec}\left({f}\right) = \left({bt} \otimes {a}\right) {vec}\left({x}\right) \\ "
        rf"{vec_r}\left({f}\right) = \left({a} \otimes {bt}\right) {vec_r}\left({x}\right)"
    )


def hessian_chain(label: str, inputs: Sequence[str], matrix: Any, digits: int = 6) -> str | None:
    """``H_f = [∂²f/∂x_i∂x_j] = [numbers]`` for one output component ``label``."""
    h = np.asarray(matrix, dtype=np.float64)
    n = len(inputs)
    if h.shape != (n, n) or not _fits(n, n):
        return None
    f = name_latex(label)
    xs = [name_latex(x) for x in inputs]

    def second(i: int, j: int) -> str:
        den = rf"\partial {xs[i]}^{{2}}" if i == j else rf"\partial {xs[i]}\,\partial {xs[j]}"
        return rf"\frac{{\partial^{{2}} {f}}}{{{den}}}"

    partials = [[second(i, j) for j in range(n)] for i in range(n)]
    return f"H_{{{f}}} = {_bmatrix(partials)} = {_bmatrix(_numbers(h, digits))}"
