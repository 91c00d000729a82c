"""Closed-form matrix gradients as plain data, and their check against autograd.

sympy-free on purpose: the forms are derived in the sympy child
(:mod:`jacdesk.core.symbolic.closed_form.derive`), but the parent, which must not import sympy, unpickles them
and decides whether each is shown as correct, by comparing it with autograd's ∂f/∂X.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

ClosedStatus = Literal["verified", "disagrees", "unavailable", "unchecked"]

RTOL = 1e-8
ATOL_SCALE = 1e-10  # absolute tolerance per unit of the gradient's largest entry
# A float32 gradient is good to a few hundred ulps (ε₃₂ = 1.2e-7) after a chain of ops.
RTOL_32 = 1e-4
ATOL_SCALE_32 = 1e-5


@dataclass(frozen=True)
class ClosedForm:
    """∂f/∂X for one variable as a matrix expression, shaped like X (PyTorch's ``.grad``).

    Attributes
    ----------
    variable
        The variable's name.
    status
        ``"verified"`` it equals autograd's gradient at the point; ``"disagrees"`` it does not
        (never show it as correct); ``"unavailable"`` no closed form (see ``reason``);
        ``"unchecked"`` derived but not (or not yet) compared with autograd.
    text
        The form in the expression language (``"A @ X + A.T @ X"``), pasteable into the editor;
        ``None`` when there is none (a form without text is never ``"unchecked"`` or
        ``"verified"``).
    latex
        The form in LaTeX, or ``None``.
    value
        The form evaluated at the point, shaped like the variable, read-only; or ``None``.
    max_abs_err
        Largest entry-wise difference from autograd, once compared.
    reason
        One line for the learner when the form is unavailable or disagrees.
    """

    variable: str
    status: ClosedStatus
    text: str | None = None
    latex: str | None = None
    value: np.ndarray | None = None
    max_abs_err: float | None = None
    reason: str | None = None

    def __post_init__(self) -> None:
        if self.value is not None:
            # Shared between threads and views: nobody may change it in place.
            arr = np.array(self.value, dtype=np.float64)
            arr.setflags(write=False)
            object.__setattr__(self, "value", arr)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON types; non-finite numbers become ``None``."""

        def num(v: float) -> float | None:
            return float(v) if np.isfinite(v) else None

        value = None
        if self.value is not None:
            value = np.vectorize(num, otypes=[object])(self.value).tolist()
        return {
            "variable": self.variable,
            "status": self.status,
            "text": self.text,
            "latex": self.latex,
            "value": value,
            "max_abs_err": None if self.max_abs_err is None else num(self.max_abs_err),
            "reason": self.reason,
        }


def unavailable(variable: str, reason: str) -> ClosedForm:
    """A form that could not be derived, with the learner's one-line reason."""
    return ClosedForm(variable, "unavailable", reason=reason)


def verify(form: ClosedForm, gradient: np.ndarray, loose: bool = False) -> ClosedForm:
    """Compare a derived form with autograd's gradient at the same point.

    Parameters
    ----------
    form
        A form from the sympy child (any status; only ``"unchecked"`` ones with a value are
        compared, the others come back unchanged).
    gradient
        Autograd's ∂f/∂X, shaped like the variable.
    loose
        The gradient was computed in float32: compare with float32's tolerances (rtol 1e-4,
        atol 1e-5·max(1, max|g|)), since the form is evaluated exactly.

    Returns
    -------
    ClosedForm
        ``"verified"`` when ``allclose`` (rtol 1e-8, atol 1e-10·max(1, max|g|)); else
        ``"disagrees"`` with the largest difference and a reason; still ``"unchecked"`` when
        the gradient has non-finite entries (nothing to compare with).
    """
    if form.status != "unchecked" or form.value is None:
        return form
    g = np.asarray(gradient, dtype=np.float64)
    v = form.value
    if v.size != g.size:
        return dataclasses.replace(
            form,
            status="disagrees",
            reason=f"the closed form has {v.size} entries but the gradient has {g.size}",
        )
    g = g.reshape(v.shape)
    if not np.all(np.isfinite(g)):
        return form  # autograd has no usable value here: leave it unchecked
    with np.errstate(invalid="ignore", over="ignore"):
        err = float(np.max(np.abs(v - g))) if v.size else 0.0
    if not np.isfinite(err):
        err = float("inf")  # the form is inf/nan where autograd is finite
    rtol, atol_scale = (RTOL_32, ATOL_SCALE_32) if loose else (RTOL, ATOL_SCALE)
    atol = atol_scale * max(1.0, float(np.max(np.abs(g))) if g.size else 1.0)
    if np.allclose(v, g, rtol=rtol, atol=atol):
        return dataclasses.replace(form, status="verified", max_abs_err=err, reason=None)
    return dataclasses.replace(
        form,
        status="disagrees",
        max_abs_err=err,
        reason=f"this closed form differs from autograd by up to {err:.3g} at this point",
    )


def verify_all(
    forms: Mapping[str, ClosedForm] | None,
    jacobian_blocks: Mapping[str, np.ndarray],
    output_shape: tuple[int, ...],
    loose: bool = False,
) -> dict[str, ClosedForm] | None:
    """:func:`verify` every form against autograd's Jacobian blocks.

    Parameters
    ----------
    forms
        Variable name → form, as the sympy child sent them (``None`` passes through).
    jacobian_blocks
        Autograd's ``output_shape + variable_shape`` block per variable. With a scalar f
        (one output component) a block is ∂f/∂X itself. (The v-weighted ``gradients`` are
        not used: they equal ∂f/∂X only when v = 1.)
    output_shape
        The shape of f.
    loose
        The blocks were computed in float32 (see :func:`verify`).

    Returns
    -------
    dict or None
        The checked forms; left unchanged when f is not scalar (no form is derived then).
    """
    if forms is None:
        return None
    scalar = math.prod(output_shape) == 1
    out: dict[str, ClosedForm] = {}
    for name, form in forms.items():
        block = jacobian_blocks.get(name)
        if not scalar or block is None:
            out[name] = form
            continue
        out[name] = verify(form, np.asarray(block, dtype=np.float64), loose)
    return out


def closed_forms_json(
    forms: Mapping[str, ClosedForm] | None, variable_names: Iterable[str]
) -> dict[str, str | None]:
    """The CLI's ``closed_forms``: name → the verified form's text, ``None`` for every other.

    Every variable is present, so a reader can tell "no verified form" from "not asked".
    """
    forms = forms or {}
    out: dict[str, str | None] = {}
    for name in variable_names:
        form = forms.get(name)
        out[name] = form.text if form is not None and form.status == "verified" else None
    return out
