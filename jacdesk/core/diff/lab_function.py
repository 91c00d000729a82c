"""The user's f as a flat function ``x (…, n) -> y (…, m)`` in a chosen dtype, for the lab.

The precision sweep, the cost measurement and the pitfalls all want one input vector and one
output vector; this wraps the compiled :class:`TorchFunction` that :func:`compile.prepare`
builds, without touching its cache.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch

from jacdesk.core.errors import JacdeskError

from .compile import prepare
from .torch_eval import TorchFunction

DTYPES = {"float32": torch.float32, "float64": torch.float64}


def torch_dtype(name: str) -> torch.dtype:
    """``"float32"`` or ``"float64"`` as a torch dtype; anything else is a learner error."""
    try:
        return DTYPES[name]
    except KeyError:
        raise JacdeskError(f"unknown dtype {name!r}: use float32 or float64") from None


@dataclass(frozen=True)
class LabFunction:
    """f flattened: ``call(x)`` maps (…, n) to (…, m) in :attr:`dtype`; ``x0`` is the point."""

    fn: TorchFunction
    shapes: tuple[tuple[int, ...], ...]
    x0: np.ndarray
    m: int

    @property
    def n(self) -> int:
        return int(self.x0.size)

    @property
    def dtype(self) -> torch.dtype:
        return self.fn.dtype

    def point(self) -> torch.Tensor:
        """The point as a fresh tensor in this function's dtype."""
        return torch.tensor(self.x0, dtype=self.fn.dtype)

    def call(self, x: torch.Tensor, dual: bool = False) -> torch.Tensor:
        batch = tuple(x.shape[:-1])
        sizes = [int(np.prod(s)) for s in self.shapes]
        parts = torch.split(x, sizes, dim=-1)
        args = [p.reshape((*batch, *s)) for p, s in zip(parts, self.shapes, strict=True)]
        y = self.fn(*args, dual=dual)
        return y.reshape((*batch, -1)).expand((*batch, self.m))


def lab_function(
    exprs: str | Sequence[str],
    variables: Mapping[str, Any],
    constants: Mapping[str, Any] | None = None,
    dtype: torch.dtype = torch.float64,
) -> LabFunction:
    """The flat f at the point, compiled for ``dtype`` (float64 reuses the engine's cache)."""
    program, point, consts, fn64 = prepare(exprs, variables, constants)
    fn = fn64 if dtype == torch.float64 else TorchFunction(program, consts, dtype, "cpu")
    names = [name for name, _ in program.variables]
    shapes = tuple(tuple(np.shape(point[name])) for name in names)
    x0 = np.concatenate([np.ravel(point[name]).astype(np.float64) for name in names])
    x0.setflags(write=False)
    return LabFunction(fn, shapes, x0, program.n_outputs)
