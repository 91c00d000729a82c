"""Precision of J: float32 against float64, and finite differences against the step h.

Forward differences err by ~h·|f''|/2 (truncation, slope 1) plus ~ε·|f|/h (rounding, slope −1),
smallest near h ≈ √ε ≈ 1.5e-8; central differences by ~h²·|f'''|/6 (slope 2) plus ~ε·|f|/h,
smallest near h ≈ ∛ε ≈ 6e-6 (ε = 2.2e-16, float64). Every finite-difference evaluation of
the sweep runs in one batched call of f, which keeps n, m ≤ 10 well under 200 ms.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import torch

from jacdesk.core.errors import JacdeskError
from jacdesk.core.results.precision import PrecisionResult, frozen
from jacdesk.core.tasks import TaskState, check

from .lab_function import LabFunction, lab_function, torch_dtype

#: The steps of the sweep, largest first.
STEPS = tuple(10.0**-k for k in range(1, 14))
#: Entries of J above which the sweep is refused (13 steps × 2n+1 batched evaluations).
MAX_ENTRIES = 250_000
MAX_INPUTS = 2_000

EXPLANATION = (
    "Forward differences: truncation error ~h (slope 1) meets rounding error ~ε/h (slope −1) "
    "near h ≈ √ε ≈ 1.5e-8. Central differences: truncation ~h² (slope 2) meets rounding near "
    "h ≈ ∛ε ≈ 6e-6. ε = 2.2e-16 is float64's machine epsilon."
)

EXPLANATION_32 = (
    "In float32 (ε = 1.2e-7) the V's bottom moves up and right: forward differences are best "
    "near h ≈ √ε ≈ 3e-4, central near h ≈ ∛ε ≈ 5e-3; below ~1e-7·|x| the step vanishes in x + h."
)


def _jacobian(f: LabFunction) -> torch.Tensor:
    return torch.func.jacrev(f.call)(f.point()).reshape(f.m, f.n)


def _fd_jacobians(f: LabFunction, steps: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Forward and central J for every step, (len(steps), m, n) each, in one batched f call."""
    n, x0 = f.n, f.point()
    h = torch.tensor(steps, dtype=f.dtype)
    shifts = h[:, None, None] * torch.eye(n, dtype=f.dtype)  # (s, n, n): row j = h e_j
    batch = torch.cat([x0[None], (x0 + shifts).reshape(-1, n), (x0 - shifts).reshape(-1, n)])
    with torch.no_grad():
        y = f.call(batch)
    y0, s = y[0], len(steps)
    plus = y[1 : 1 + s * n].reshape(s, n, f.m)
    minus = y[1 + s * n :].reshape(s, n, f.m)
    # The realised step (x0 + h) − x0 differs from h by rounding: divide by the nominal h as
    # textbooks do, so the rounding branch shows as it does for learners.
    fwd = ((plus - y0) / h[:, None, None]).transpose(1, 2)
    cen = ((plus - minus) / (2 * h[:, None, None])).transpose(1, 2)
    return fwd.double().numpy(), cen.double().numpy()


def precision(
    exprs: str | Sequence[str],
    variables: Mapping[str, Any],
    constants: Mapping[str, Any] | None = None,
    *,
    dtype: str = "float64",
    task: TaskState | None = None,
    generation: int = 0,
) -> PrecisionResult:
    """Float32 J next to float64 J, and the finite-difference errors against h.

    Parameters
    ----------
    exprs, variables, constants
        f and the point, as for :func:`jacdesk.core.engine.analyze`.
    dtype
        ``"float64"`` or ``"float32"``: the dtype the finite differences are computed in
        (float32 moves the V's bottom to h ≈ √ε₃₂ ≈ 3e-4 forward, ∛ε₃₂ ≈ 5e-3 central).
    task
        Checked between the stages, so the sweep can be cancelled.
    generation
        The request generation, carried by the result.

    Returns
    -------
    PrecisionResult
        J64, J32 (really computed in float32), |J32 − J64| and its ulps, the FD errors per
        step (largest step first), the best steps and why.
    """
    f64 = lab_function(exprs, variables, constants, torch.float64)
    if f64.n > MAX_INPUTS or f64.n * f64.m > MAX_ENTRIES:
        raise JacdeskError(
            f"the precision sweep is limited to {MAX_INPUTS} inputs and {MAX_ENTRIES} entries "
            f"of J (this f has {f64.m}×{f64.n}); try it on a smaller point"
        )
    j64 = _jacobian(f64).numpy()
    check(task)
    f32 = lab_function(exprs, variables, constants, torch.float32)
    j32 = _jacobian(f32).numpy().astype(np.float64)
    diff = np.abs(j32 - j64)
    ulp = np.spacing(np.abs(j64).astype(np.float32)).astype(np.float64)
    check(task)
    steps = np.array(STEPS)
    fd_dtype = torch_dtype(dtype)
    fwd, cen = _fd_jacobians(f64 if fd_dtype == torch.float64 else f32, steps)
    fe = np.abs(fwd - j64).reshape(len(steps), -1).max(axis=1, initial=0.0)
    ce = np.abs(cen - j64).reshape(len(steps), -1).max(axis=1, initial=0.0)
    check(task)
    explanation = EXPLANATION if fd_dtype == torch.float64 else EXPLANATION_32
    if int(np.argmin(ce)) == 0:  # no truncation branch: f''' = 0 (a quadratic, like the seed)
        explanation += (
            " Here f''' = 0: central differences have no truncation error, only rounding."
        )
    return PrecisionResult(
        jacobian64=frozen(j64),
        jacobian32=frozen(j32),
        abs_diff=frozen(diff),
        ulps=frozen(diff / ulp),
        steps=frozen(steps),
        forward_error=frozen(fe),
        central_error=frozen(ce),
        best_forward=float(steps[int(np.argmin(fe))]),
        best_central=float(steps[int(np.argmin(ce))]),
        float32_error=float(diff.max(initial=0.0)),
        explanation=explanation,
        dtype=dtype,
        generation=generation,
    )
