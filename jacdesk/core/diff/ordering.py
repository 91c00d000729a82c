"""Row-major (torch) ↔ presented order of J's rows and columns (``vec="row"`` or ``"col"``)."""

from __future__ import annotations

from typing import Any

import numpy as np
import torch

from jacdesk.core.conventions import ROW
from jacdesk.core.errors import JacdeskError
from jacdesk.core.language.program import Program, input_labels, output_labels
from jacdesk.core.language.shapes import Shape, describe

from .values import to_array


def vec_permutation(shape: Shape, vec: str) -> list[int]:
    """Row-major positions of a value's entries listed in ``vec`` order."""
    if len(shape) < 2 or vec == ROW:
        return list(range(int(np.prod(shape, dtype=np.int64))))
    p, q = shape
    return [i * q + j for j in range(q) for i in range(p)]


class Ordering:
    """How a program's inputs and outputs are flattened for presentation."""

    def __init__(self, program: Program, vec: str):
        self.program = program
        self.vec = vec
        out_shape = () if program.stacked else program.output_shape
        self.perm_out = np.array(
            vec_permutation(out_shape, vec) if not program.stacked else range(program.n_outputs),
            dtype=np.int64,
        )
        perm_in, offset = [], 0
        for _, shape in program.variables:
            perm_in.extend(offset + k for k in vec_permutation(shape, vec))
            offset += int(np.prod(shape, dtype=np.int64))
        self.perm_in = np.array(perm_in, dtype=np.int64)
        self.identity = bool(
            np.array_equal(self.perm_out, np.arange(len(self.perm_out)))
            and np.array_equal(self.perm_in, np.arange(len(self.perm_in)))
        )
        # Tuples, built once per cached layout: a 256×256 variable has 65,536 labels.
        self.row_labels = tuple(output_labels(program, vec))
        self.col_labels = tuple(input_labels(program, vec))
        self._row_major_labels = output_labels(program, "row")

    def row_label_row_major(self, i: int) -> str:
        return self._row_major_labels[i]

    # -- presenting results ------------------------------------------------------------------
    def present(self, j_row: np.ndarray) -> np.ndarray:
        if self.identity:
            return j_row
        return j_row[self.perm_out][:, self.perm_in]

    def present_rows(self, a: np.ndarray) -> np.ndarray:
        return a if self.identity else a[self.perm_out]

    def present_cols(self, a: np.ndarray) -> np.ndarray:
        return a if self.identity else a[self.perm_in]

    def present_hessian(self, h: np.ndarray) -> np.ndarray:
        h = h[self.perm_out][:, self.perm_in][:, :, self.perm_in]
        return h[0] if h.shape[0] == 1 else h

    # -- taking vectors from the user --------------------------------------------------------
    def output_vector(self, v: Any, what: str) -> np.ndarray:
        """v in presented order (m,), from None (ones), a flat list or a value shaped like f."""
        m = self.program.n_outputs
        if v is None:
            return np.ones(m)
        arr = to_array(v, what)
        shape = self.program.output_shape
        if arr.shape == shape and len(shape) == 2:
            return arr.reshape(-1)[self.perm_out]
        if arr.size == m and arr.ndim <= 1:
            return arr.reshape(-1).copy()
        raise JacdeskError(
            f"{what} must have one entry per output component ({m}) or the output's shape "
            f"({describe(shape)}), but it is {describe(arr.shape)}",
            about="v",
        )

    def input_vector(self, u: Any, what: str) -> np.ndarray:
        """u in presented order (n,), from None (ones) or a flat list."""
        n = self.program.n_inputs
        if u is None:
            return np.ones(n)
        arr = to_array(u, what)
        if arr.size == n and arr.ndim <= 1:
            return arr.reshape(-1).copy()
        if len(self.program.variables) == 1 and arr.shape == self.program.variables[0][1]:
            return arr.reshape(-1)[self.perm_in]
        raise JacdeskError(
            f"{what} must have one entry per input ({n}, in the order of J's columns), "
            f"but it is {describe(arr.shape)}",
            about="u",
        )

    def to_torch_rows(self, v: np.ndarray, fn) -> torch.Tensor:
        if self.identity:
            return torch.as_tensor(v, dtype=fn.dtype, device=fn.device)
        row = np.empty_like(v)
        row[self.perm_out] = v
        return torch.as_tensor(row, dtype=fn.dtype, device=fn.device)

    def to_torch_cols(self, u: np.ndarray, fn) -> torch.Tensor:
        if self.identity:
            return torch.as_tensor(u, dtype=fn.dtype, device=fn.device)
        row = np.empty_like(u)
        row[self.perm_in] = u
        return torch.as_tensor(row, dtype=fn.dtype, device=fn.device)
