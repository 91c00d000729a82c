"""The named matrices of an :class:`Analysis`, with their labels (CLI ``--what``, exports)."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from jacdesk.core.conventions import COL, FLOAT64, short
from jacdesk.core.errors import JacdeskError
from jacdesk.core.language.program import entry_labels

from .analysis import Analysis

NAMES = ("jacobian", "value", "vjp", "jvp", "rows", "hessian", "gradient:NAME")


@dataclass(frozen=True)
class LabelledMatrix:
    title: str
    data: np.ndarray  # 2-D
    row_labels: tuple[str, ...]
    col_labels: tuple[str, ...]
    #: The conventions that fix this matrix's orientation, for a CSV corner cell or a caption.
    corner: str = ""


def select(result: Analysis, what: str) -> LabelledMatrix:
    """Pick one matrix by name: ``jacobian``, ``value``, ``vjp``, ``jvp``, ``rows``,
    ``hessian`` (``hessian:K`` for component K of a vector output) or ``gradient:NAME``.

    Vectors indexed by outputs (value, J u) are one column; those indexed by inputs (v^T J)
    one row, so labels stay where they belong. A float32 result says so in the corner cell.
    """
    matrix = _select(result, what)
    if result.dtype == FLOAT64:
        return matrix
    said = f"computed in {result.dtype}"
    return replace(matrix, corner=f"{matrix.corner}, {said}" if matrix.corner else said)


def _select(result: Analysis, what: str) -> LabelledMatrix:
    rows, cols = result.output_labels, result.input_labels
    key, _, arg = what.partition(":")
    numerator = short("numerator", result.vec)
    if key == "jacobian" and not arg:
        j_rows, j_cols = result.labels_in_layout
        return LabelledMatrix(
            "J", result.jacobian_in_layout, j_rows, j_cols, short(result.layout, result.vec)
        )
    if key == "value" and not arg:
        return LabelledMatrix(
            "f", np.asarray(result.value).reshape(-1, 1)[_out_order(result)], rows, ("value",)
        )
    if key == "vjp" and not arg:
        return LabelledMatrix("v^T J", result.vjp.reshape(1, -1), ("v^T J",), cols)
    if key == "jvp" and not arg:
        return LabelledMatrix("J u", result.jvp.reshape(-1, 1), rows, ("J u",))
    if key == "rows" and not arg:
        if result.rows_by_backward is None:
            raise JacdeskError(
                "the row-by-row backward was skipped for this size; ask for it with --rows"
            )
        return LabelledMatrix("rows by backward", result.rows_by_backward, rows, cols, numerator)
    if key == "hessian":
        return _hessian(result, arg)
    if key == "gradient":
        return _gradient(result, arg)
    raise JacdeskError(f"unknown matrix {what!r}; choose one of {', '.join(NAMES)}")


def _out_order(result: Analysis) -> np.ndarray:
    shape = result.output_shape
    if len(shape) == 2 and result.vec == COL:
        p, q = shape
        return np.array([i * q + j for j in range(q) for i in range(p)])
    return np.arange(int(np.prod(shape, dtype=np.int64)))


def _hessian(result: Analysis, arg: str) -> LabelledMatrix:
    h = result.hessian
    if h is None:
        raise JacdeskError("no Hessian was computed; add --hessian")
    cols = result.input_labels
    if h.ndim == 2:
        # One output: hessian and hessian:1 are the same matrix; any other K is an error,
        # never silently ignored.
        if arg and arg != "1":
            raise JacdeskError(
                f"hessian:{arg} does not exist: f has one output; use hessian or hessian:1"
            )
        return LabelledMatrix("Hessian", h, cols, cols)
    if not arg:
        raise JacdeskError(
            f"f has {h.shape[0]} components, each with its own Hessian; pick one with hessian:1 to hessian:{h.shape[0]}"
        )
    if not arg.isdigit() or not 1 <= int(arg) <= h.shape[0]:
        raise JacdeskError(f"hessian:{arg} does not exist; use hessian:1 to hessian:{h.shape[0]}")
    k = int(arg) - 1
    return LabelledMatrix(f"Hessian of {result.output_labels[k]}", h[k], cols, cols)


def _gradient(result: Analysis, name: str) -> LabelledMatrix:
    if name not in result.gradients:
        known = ", ".join(result.gradients)
        raise JacdeskError(f"no variable {name!r}; gradients exist for {known}")
    g = result.gradients[name]
    title = f"gradient of v^T f with respect to {name}"
    if g.ndim == 0:
        return LabelledMatrix(title, g.reshape(1, 1), (name,), ("grad",))
    if g.ndim == 1:
        return LabelledMatrix(
            title, g.reshape(-1, 1), tuple(entry_labels(name, g.shape)), ("grad",)
        )
    p, q = g.shape
    return LabelledMatrix(
        title,
        g,
        tuple(f"{name}[{i},:]" for i in range(p)),
        tuple(f"{name}[:,{j}]" for j in range(q)),
    )
