"""The numeric stage's result: f, J and everything derived from them at one point (frozen)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .analysis import Check


@dataclass(frozen=True)
class NumericResult:
    """What :func:`jacdesk.core.diff.numeric.numeric` computed, in the presented order.

    The fields are those of :class:`~jacdesk.core.results.analysis.Analysis` that come from
    torch; ``warnings`` are the stage's own (the engine adds its notes about skipped extras).
    """

    value: np.ndarray
    jacobian: np.ndarray
    jacobian_blocks: dict[str, np.ndarray]
    v: np.ndarray
    vjp: np.ndarray
    gradients: dict[str, np.ndarray]
    u: np.ndarray
    jvp: np.ndarray
    rows_by_backward: np.ndarray | None
    backward_passes: int
    forward_passes: int
    determinant: float | None
    log_abs_det: float | None
    det_sign: float | None
    hessian: np.ndarray | None
    strategy: str
    check: Check
    warnings: tuple[str, ...] = ()
    extras: dict[str, Any] = field(default_factory=dict)
