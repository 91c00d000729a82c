"""What a symbolic request hands back: plain data, safe to pass between threads."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np

from .closed_form import ClosedForm

Status = Literal["ok", "partial", "too_large", "timeout", "cancelled", "error", "disabled"]
Grid = tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class SymbolicResult:
    """The symbolic Jacobian and determinant, as far as they got.

    Attributes
    ----------
    status
        ``"ok"`` everything asked for arrived; ``"partial"`` the Jacobian arrived but the
        determinant (or, after an earlier timeout, the closed forms) did not; ``"too_large"``, ``"timeout"``, ``"cancelled"``, ``"error"`` and
        ``"disabled"`` say why less (or nothing) came.
    notice
        One line for the learner when something was skipped, else ``None``.
    jacobian_text, jacobian_latex
        m × n grids of strings (``"2*x1"`` / ``"2 x_{1}"``), or ``None``.
    jacobian_at_point
        J evaluated at the point, read-only float64 (m, n), or ``None``.
    determinant_text, determinant_latex, determinant_at_point
        The simplified determinant of a square J and its value, or ``None``.
    elapsed_s
        Wall time of the request.
    closed_forms
        Variable name → :class:`~jacdesk.core.results.closed_form.ClosedForm` (∂f/∂X as a
        matrix expression, for a scalar f), or ``None`` when none were derived. Forms from the
        child are ``"unchecked"`` until ``engine.with_symbolic`` verifies them.
    """

    status: Status
    notice: str | None = None
    jacobian_text: Grid | None = None
    jacobian_latex: Grid | None = None
    jacobian_at_point: np.ndarray | None = None
    determinant_text: str | None = None
    determinant_latex: str | None = None
    determinant_at_point: float | None = None
    elapsed_s: float = 0.0
    closed_forms: dict[str, ClosedForm] | None = None

    def __post_init__(self) -> None:
        if self.jacobian_at_point is not None:
            # A shared result must not be changed by one of its readers.
            arr = np.array(self.jacobian_at_point, dtype=np.float64)
            arr.setflags(write=False)
            object.__setattr__(self, "jacobian_at_point", arr)
        if self.closed_forms is not None:
            # Our own copy of the mapping; the forms themselves are frozen.
            object.__setattr__(self, "closed_forms", dict(self.closed_forms))

    @classmethod
    def from_stages(
        cls, status: Status, notice: str | None, stages: dict, elapsed_s: float
    ) -> SymbolicResult:
        """Build a result from the stages a child sent.

        ``stages`` maps ``"jacobian"`` to (text, latex, values), ``"det"`` to
        (text, latex, value) and ``"closed_forms"`` to (forms,); any may be missing.
        """
        jac = stages.get("jacobian") or (None, None, None)
        det = stages.get("det") or (None, None, None)
        closed = stages.get("closed_forms") or (None,)
        return cls(
            status,
            notice,
            jacobian_text=to_grid(jac[0]),
            jacobian_latex=to_grid(jac[1]),
            jacobian_at_point=None if jac[2] is None else np.asarray(jac[2], np.float64),
            determinant_text=det[0],
            determinant_latex=det[1],
            determinant_at_point=det[2],
            elapsed_s=elapsed_s,
            closed_forms=closed[0],
        )

    def to_dict(self) -> dict[str, object]:
        """Plain JSON types: lists for grids, ``None`` for NaN and ±inf (JSON has neither)."""

        def num(v: float) -> float | None:
            return float(v) if math.isfinite(v) else None

        at = self.jacobian_at_point
        det = self.determinant_at_point
        return {
            "status": self.status,
            "notice": self.notice,
            "jacobian_text": _grid(self.jacobian_text),
            "jacobian_latex": _grid(self.jacobian_latex),
            "jacobian_at_point": None if at is None else [[num(v) for v in row] for row in at],
            "determinant_text": self.determinant_text,
            "determinant_latex": self.determinant_latex,
            "determinant_at_point": None if det is None else num(det),
            "elapsed_s": round(self.elapsed_s, 6),
            "closed_forms": None
            if self.closed_forms is None
            else {k: f.to_dict() for k, f in self.closed_forms.items()},
        }


def _grid(grid: Grid | None) -> list[list[str]] | None:
    return None if grid is None else [list(row) for row in grid]


def to_grid(rows: list[list[str]] | None) -> Grid | None:
    """Nested lists (as sent over the pipe) → the immutable grid the result holds."""
    return None if rows is None else tuple(tuple(row) for row in rows)


#: Entries of J beyond which no symbolic form is attempted (sympy-free, so checked cheaply).
MAX_SYMBOLIC_ENTRIES = 400


def too_many_entries(n_outputs: int, n_inputs: int) -> str | None:
    """The learner's notice when J is too big for a symbolic form, else ``None``."""
    size = n_outputs * n_inputs
    if size <= MAX_SYMBOLIC_ENTRIES:
        return None
    return (
        f"too large for a symbolic form: J would have {size:,} entries "
        f"(the limit is {MAX_SYMBOLIC_ENTRIES:,})"
    )
