"""The classic autograd pitfalls, reproduced with real torch on the learner's own f.

Each function runs torch for real and returns what it did: the error text torch raised, or
the tensors it produced. Nothing here is canned; on the seed, pitfall (b) gives [10, 36].
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch

from jacdesk.core.results.precision import frozen

from .lab_function import LabFunction, lab_function

PITFALLS = ("non_scalar", "accumulate", "retain_graph", "transpose", "gradcheck")


@dataclass(frozen=True)
class PitfallResult:
    """What torch did: ``error`` is its own message (``""`` when nothing was raised)."""

    key: str
    error: str
    values: Mapping[str, np.ndarray]
    explanation: str
    warning: str = ""  # torch's own warning, when it gave one


def _leaf(f: LabFunction) -> torch.Tensor:
    return f.point().requires_grad_(True)


def _error(run) -> str:
    try:
        run()
    except RuntimeError as err:  # torch's own text, first line (what a learner sees)
        return str(err).strip().splitlines()[0]
    return ""


def non_scalar(f: LabFunction) -> PitfallResult:
    """(a) ``y.backward()`` on a non-scalar y, then ``y.backward(v)`` with v = ones."""
    x = _leaf(f)
    y = f.call(x)
    error = _error(y.backward) if f.m > 1 else ""
    v = torch.ones(f.m, dtype=f.dtype)
    x.grad = None
    y.backward(v)
    return PitfallResult(
        "non_scalar",
        error,
        {"v": frozen(v.numpy()), "x.grad": frozen(x.grad.numpy())},
        "y has m components, so backward needs v (one weight per output): it computes vᵀJ. "
        "v = ones sums the rows of J.",
    )


def accumulate(f: LabFunction) -> PitfallResult:
    """(b) Two backward passes without zeroing: x.grad doubles; ``x.grad.zero_()`` resets it."""
    x = _leaf(f)
    v = torch.ones(f.m, dtype=f.dtype)
    f.call(x).backward(v)
    once = x.grad.clone()
    f.call(x).backward(v)
    twice = x.grad.clone()
    x.grad.zero_()
    f.call(x).backward(v)
    return PitfallResult(
        "accumulate",
        "",
        {
            "once": frozen(once.numpy()),
            "twice": frozen(twice.numpy()),
            "after zero_": frozen(x.grad.numpy()),
        },
        "backward adds into x.grad (it accumulates); call x.grad.zero_() (or optimizer.zero_grad()) "
        "between passes.",
    )


def retain_graph(f: LabFunction) -> PitfallResult:
    """(c) A second backward through the same graph without ``retain_graph=True``."""
    x = _leaf(f)
    y = f.call(x)
    v = torch.ones(f.m, dtype=f.dtype)
    y.backward(v)
    error = _error(lambda: y.backward(v))
    return PitfallResult(
        "retain_graph",
        error,
        {"x.grad": frozen(x.grad.numpy())},
        "backward frees the graph's saved tensors to save memory; pass retain_graph=True to the "
        "first backward to walk the same graph twice.",
    )


def _columns_from_grad(f: LabFunction) -> np.ndarray:
    """The mistaken J: x.grad after ``y.backward(e_i)`` stored as column i (it is row i)."""
    cols = []
    for i in range(f.m):
        x = _leaf(f)
        f.call(x).backward(torch.eye(f.m, dtype=f.dtype)[i])
        cols.append(x.grad.numpy())
    return np.stack(cols, axis=1)


def transpose(f: LabFunction, symmetric: LabFunction | None = None) -> PitfallResult:
    """(d) J assembled from x.grad by columns is Jᵀ: right-looking on a symmetric J only."""
    true_j = torch.func.jacrev(f.call)(f.point()).numpy()
    wrong = _columns_from_grad(f)
    values = {"J": frozen(true_j), "by columns": frozen(wrong)}
    if symmetric is not None:
        values["symmetric J"] = frozen(torch.func.jacrev(symmetric.call)(symmetric.point()).numpy())
        values["symmetric by columns"] = frozen(_columns_from_grad(symmetric))
    return PitfallResult(
        "transpose",
        "",
        values,
        "y.backward(e_i) puts e_iᵀJ, row i of J, into x.grad; storing it as column i builds Jᵀ. "
        "A symmetric J hides the mistake.",
    )


def gradcheck(f32: LabFunction, f64: LabFunction) -> PitfallResult:
    """(e) ``torch.autograd.gradcheck`` in float32 (fails: FD noise) and float64 (passes)."""
    outcome: dict[str, Any] = {}
    warned: list[str] = []
    for name, f in (("float32", f32), ("float64", f64)):
        # torch warns about float32 inputs before it fails: record its text for the learner.
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                ok = torch.autograd.gradcheck(f.call, (_leaf(f),), raise_exception=True)
                outcome[name] = ""
            except RuntimeError as err:
                ok = False
                outcome[name] = str(err).strip().splitlines()[0]
        warned += [str(w.message).strip() for w in caught]
        outcome[name + " passed"] = ok
    return PitfallResult(
        "gradcheck",
        outcome["float32"],
        {
            "float32 passed": frozen(outcome["float32 passed"]),
            "float64 passed": frozen(outcome["float64 passed"]),
        },
        "gradcheck compares autograd with finite differences of step 1e-6 and tolerance 1e-5: "
        "float32's rounding (ε ≈ 1.2e-7, divided by h) is far larger, so only float64 passes.",
        warning=warned[0] if warned else "",
    )


SYMMETRIC = (["2*x1 + x2", "x1 + 3*x2"], {"x1": 1.0, "x2": 2.0})


def run_pitfall(
    key: str,
    exprs: str | Sequence[str],
    variables: Mapping[str, Any],
    constants: Mapping[str, Any] | None = None,
) -> PitfallResult:
    """Run pitfall ``key`` (one of :data:`PITFALLS`) on f at the point, with real torch.

    Parameters
    ----------
    key
        ``non_scalar``, ``accumulate``, ``retain_graph``, ``transpose`` or ``gradcheck``.
    exprs, variables, constants
        f and the point, as for :func:`jacdesk.core.engine.analyze`.

    Returns
    -------
    PitfallResult
        torch's own error text (if any), the tensors it produced, and why.
    """
    f = lab_function(exprs, variables, constants, torch.float64)
    if key == "non_scalar":
        return non_scalar(f)
    if key == "accumulate":
        return accumulate(f)
    if key == "retain_graph":
        return retain_graph(f)
    if key == "transpose":
        return transpose(f, lab_function(*SYMMETRIC))
    if key == "gradcheck":
        return gradcheck(lab_function(exprs, variables, constants, torch.float32), f)
    raise ValueError(f"unknown pitfall {key!r}")
