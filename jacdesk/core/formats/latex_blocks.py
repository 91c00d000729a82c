"""The J header for matrix variables, as LaTeX: the flat J as ∂vec F/∂vec X with the vec
written out, and the block form whose block (i, j) is ∂F/∂X[i,j].

For ``F = A X B`` with X 2×2 (torch's row-major vec)::

    F(X) = A X B, J = ∂vec_r F/∂vec_r X = [4×4 numbers]
    vec_r X = [X_{0,0} X_{0,1} X_{1,0} X_{1,1}]ᵀ, vec_r F = [F_{0,0} … F_{1,1}]ᵀ

and in block form ``∂F/∂X = [∂F/∂X_{i,j}] = [[block 0,0] [block 0,1]; …]``, which is the same
under every vec and layout. Each function returns ``None`` where the formula would be too
large to read (the J tab then shows its table, each cell's formula on hover).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .latex_chain import MAX_ENTRIES, T, _bmatrix, _numbers, _value_of_f, jacobian_chain
from .latex_expr import name_latex

__all__ = ["block_chain", "has_matrix_variable", "header_chain", "vec_chain", "vec_latex"]

#: A vec written out longer than this shows its first entries, "…" and its last one.
MAX_VEC = 6


def vec_latex(vec: str) -> str:
    """``vec`` (column-major, the textbook's) or ``vec_r`` (row-major, torch's reshape)."""
    return r"\operatorname{vec}" if vec == "col" else r"\operatorname{vec}_{r}"


def has_matrix_variable(result: Any) -> bool:
    """Whether an input or the output is a matrix (the J header then uses vec)."""
    return any(len(shape) == 2 for _, shape in result.inputs) or len(result.output_shape) == 2


def _f(result: Any) -> str:
    return "F" if len(result.output_shape) == 2 else "f"


def _flat(name: str, shape: tuple[int, ...], vec: str) -> str:
    return f"{vec_latex(vec)} {name_latex(name)}" if len(shape) == 2 else name_latex(name)


def _written_out(head: str, labels: list[str]) -> str:
    cells = [name_latex(s) for s in labels]
    if len(cells) > MAX_VEC:
        cells = [*cells[: MAX_VEC - 2], r"\ldots", cells[-1]]
    return f"{head} = " + _bmatrix([cells]) + T


def vec_chain(result: Any, digits: int = 6, symbolic: bool = True) -> str | None:
    """``F(X) = …, J = ∂vec F/∂vec X = [symbolic] = [numbers]``, then each matrix's vec
    written out (which entry is which row or column of J): the vec convention stated."""
    vec = getattr(result, "vec", "row")
    out_shape = tuple(result.output_shape)
    single = not result.expressions[1:]
    top = f"{vec_latex(vec)} F" if single and len(out_shape) == 2 else _f(result)
    ins = [_flat(name, tuple(shape), vec) for name, shape in result.inputs]
    bottom = ins[0] if len(ins) == 1 else r"\left(" + ", ".join(ins) + r"\right)"
    partials = rf"\frac{{\partial {top}}}{{\partial {bottom}}}"
    if getattr(result, "layout", "numerator") == "denominator":
        partials = rf"\left({partials}\right){T}"
    chain = jacobian_chain(result, digits, symbolic, partials=partials)
    if chain is None:
        return None
    spelled, start = [], 0
    for name, shape in result.inputs:
        size = int(np.prod(shape, dtype=np.int64)) if shape else 1
        if len(shape) == 2:
            labels = list(result.input_labels[start : start + size])
            spelled.append(_written_out(_flat(name, tuple(shape), vec), labels))
        start += size
    if single and len(out_shape) == 2:
        spelled.append(_written_out(top, list(result.output_labels)))
    return chain + r" \\ " + r", \quad ".join(spelled) if spelled else chain


def block_chain(result: Any, name: str, digits: int = 6) -> str | None:
    """``F(X) = …, ∂F/∂X = [∂F/∂X_{i,j}] = [[block]…]``: block (i, j) is ∂F/∂X[i,j], shaped
    like F (one number each for a scalar f: the gradient, shaped like X)."""
    j4 = np.asarray(result.jacobian_blocks[name], dtype=np.float64)
    out_shape = tuple(result.output_shape)
    var_shape = tuple(j4.shape[len(out_shape) :])
    p, q = _as_2d(out_shape)
    r, s = _as_2d(var_shape)
    if p * q * r * s > MAX_ENTRIES:
        return None
    t = j4.reshape(p, q, r, s)
    f, x = _f(result), name_latex(name)
    at = "i, j" if len(var_shape) == 2 else "i"
    whole = rf"\frac{{\partial {f}}}{{\partial {x}}}"
    each = rf"\left[\frac{{\partial {f}}}{{\partial {x}_{{{at}}}}}\right]"
    if p == q == 1:
        blocks = _bmatrix(_numbers(t[0, 0], digits))
    else:
        grid = [[_bmatrix(_numbers(t[:, :, i, j], digits)) for j in range(s)] for i in range(r)]
        blocks = _bmatrix(grid)
    chain = f"{whole} = {each} = {blocks}"
    value = _value_of_f(result)
    return chain if value is None else value + r", \quad " + chain


def header_chain(result: Any, form: str | None = None, digits: int = 6) -> str | None:
    """The J tab's header: the block form of variable ``form``, else the flat J (with vec
    for matrix variables, the seed's chain otherwise)."""
    if form is not None and form in result.jacobian_blocks:
        return block_chain(result, form, digits)
    if has_matrix_variable(result):
        return vec_chain(result, digits)
    return jacobian_chain(result, digits)


def _as_2d(shape: tuple[int, ...]) -> tuple[int, int]:
    if not shape:
        return 1, 1
    if len(shape) == 1:
        return shape[0], 1
    return shape[0], shape[1]
