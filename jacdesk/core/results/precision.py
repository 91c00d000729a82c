"""What the precision sweep found: float32 J next to float64 J, and the finite-difference V."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


def frozen(a: object) -> np.ndarray:
    """A read-only float64 copy (results never change after they are built)."""
    out = np.array(a, dtype=np.float64)
    out.setflags(write=False)
    return out


@dataclass(frozen=True)
class PrecisionResult:
    """J in float32 (computed by torch in float32) and float64, and FD errors against h.

    ``forward_error[k]`` and ``central_error[k]`` are max |J_fd(h_k) − J_autograd64| for the
    step ``steps[k]``; steps run from the largest to the smallest.
    """

    jacobian64: np.ndarray
    jacobian32: np.ndarray
    abs_diff: np.ndarray
    ulps: np.ndarray
    steps: np.ndarray
    forward_error: np.ndarray
    central_error: np.ndarray
    best_forward: float
    best_central: float
    float32_error: float
    explanation: str
    dtype: str = "float64"  # of the finite differences
    generation: int = 0

    def to_dict(self) -> dict:
        """The JSON form of ``jacdesk-cli precision`` (keys exactly as issue 17 names them)."""
        return {
            "steps": self.steps.tolist(),
            "forward_error": self.forward_error.tolist(),
            "central_error": self.central_error.tolist(),
            "best_step": {"forward": self.best_forward, "central": self.best_central},
            "float32_error": self.float32_error,
            "max_ulps": float(self.ulps.max()) if self.ulps.size else 0.0,
            "explanation": self.explanation,
            "dtype": self.dtype,
        }

    def to_text(self) -> str:
        """A readable table: h, forward error, central error; then the float32 line."""
        lines = [f"{'h':>10}  {'forward':>10}  {'central':>10}"]
        for h, fe, ce in zip(self.steps, self.forward_error, self.central_error, strict=True):
            lines.append(f"{h:10.0e}  {fe:10.2e}  {ce:10.2e}")
        lines.append(f"best h: forward {self.best_forward:.0e}, central {self.best_central:.0e}")
        lines.append(
            f"float32 J vs float64 J: max |diff| {self.float32_error:.3e}, "
            f"max {float(self.ulps.max()) if self.ulps.size else 0.0:.1f} ulps (float32)"
        )
        lines.append(self.explanation)
        return "\n".join(lines) + "\n"
