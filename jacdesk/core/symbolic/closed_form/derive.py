"""Closed-form gradients ∂f/∂X as matrix expressions (``A @ X + A.T @ X``), for scalar f.

Runs in the sympy child (:mod:`jacdesk.core.symbolic.process`). Two derivations are tried: sympy's
own matrix ``diff`` and this package's pull-back rules (:mod:`jacdesk.core.symbolic.closed_form.grad`).
sympy's is preferred when both give the same numbers at the point; where they differ, sympy's is
dropped (it is known to return 0 for ``log(det(X))``). Either way the parent shows a form as
correct only after :func:`jacdesk.core.results.closed_form.verify` compared it with autograd.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import sympy as sp

from jacdesk.core.language.program import Program
from jacdesk.core.results.closed_form import ClosedForm, unavailable

from .algebra import Unsupported, is_matrix
from .build import Built, build, require_scalar, scalar_output
from .evaluate import evaluate
from .grad import gradients
from .printer import Printer, Unprintable

#: Tape instructions beyond which no closed form is attempted (keeps sympy's work short).
MAX_CLOSED_FORM_STEPS = 200

# Node types sympy's matrix diff handles correctly in sympy 1.14; anything else (entries,
# entry-wise functions, slices) gets only our own rules.
_SYMPY_SAFE = (
    sp.MatrixSymbol,
    sp.Symbol,
    sp.Number,
    sp.NumberSymbol,
    sp.MatAdd,
    sp.MatMul,
    sp.Transpose,
    sp.Inverse,
    sp.Trace,
    sp.Identity,
    sp.Add,
    sp.Mul,
    sp.Pow,
    sp.Tuple,
    sp.Determinant,
)


@dataclass(frozen=True)
class _Candidate:
    expr: sp.Basic
    text: str | None
    latex: str | None
    untold: str | None  # why there is no text, when there is none


@dataclass(frozen=True)
class _Derived:
    candidates: tuple[_Candidate, ...]  # preferred first
    reason: str | None = None


def derive_closed_forms(
    program: Program, constants: Mapping[str, np.ndarray], point: Mapping[str, np.ndarray]
) -> dict[str, ClosedForm]:
    """∂f/∂v for every variable v, as a matrix expression evaluated at ``point``.

    Parameters
    ----------
    program
        The checked program; f must have one component for a form to exist.
    constants
        Values of the program's constants (they stay symbols in the forms; the values are only
        used to evaluate them).
    point
        Variable name → value.

    Returns
    -------
    dict
        Name → :class:`ClosedForm` with status ``"unchecked"`` (to be verified by the caller)
        or ``"unavailable"`` with a one-line reason. Never raises.
    """
    names = [n for n, _ in program.variables]
    try:
        derived = _derive(program)
    except Exception as err:  # sympy raises many kinds; the learner gets one line
        text = " ".join(str(err).split())[:160] or type(err).__name__
        return {n: unavailable(n, f"no closed form: {text}") for n in names}
    values = {**{k: np.asarray(v, np.float64) for k, v in constants.items()}}
    values.update({k: np.asarray(v, np.float64) for k, v in point.items()})
    shapes = dict(program.variables)
    out = {}
    for n in names:
        try:
            out[n] = _at(n, shapes[n], derived[n], values)
        except Exception as err:  # e.g. a value of the wrong shape: the forms' problem only
            text = " ".join(str(err).split())[:160] or type(err).__name__
            out[n] = unavailable(n, f"the closed form could not be evaluated here: {text}")
    return out


@functools.lru_cache(maxsize=32)
def _derive(program: Program) -> dict[str, _Derived]:
    """The point-free part, cached: moving the point only re-evaluates."""
    names = [n for n, _ in program.variables]
    try:
        require_scalar(program)
        if len(program.tape) > MAX_CLOSED_FORM_STEPS:
            raise Unsupported(
                f"the formula is too long for a closed form ({len(program.tape)} steps, "
                f"the limit is {MAX_CLOSED_FORM_STEPS})"
            )
        built = build(program)
        f = scalar_output(built, program)
        ours = gradients(built, program)
    except Unsupported as err:
        return {n: _Derived((), str(err)) for n in names}
    # Variables first: "0 * X" and "x ** 0" read better with the learner's own variable.
    shapes = {**dict(program.variables), **dict(program.constants)}
    printer = Printer(shapes, built.aliases)
    out = {}
    for name in names:
        found = [_sympy_candidate(f, built, name, printer)]
        found.append(_candidate(ours[name], printer, name))
        out[name] = _Derived(tuple(c for c in found if c is not None))
    return out


def _sympy_candidate(f: sp.Basic, built: Built, name: str, printer: Printer) -> _Candidate | None:
    sym = built.symbols[name]
    if not is_matrix(sym) or not all(isinstance(e, _SYMPY_SAFE) for e in sp.preorder_traversal(f)):
        return None
    try:
        d = f.diff(sym)
    except Exception:  # sympy's matrix diff fails in many ways; ours remains
        return None
    if not is_matrix(d) or d.shape != sym.shape:
        return None  # e.g. 0 for log(det(X)): certainly wrong
    return _candidate(d, printer, name)


def _candidate(expr: sp.Basic, printer: Printer, name: str) -> _Candidate:
    try:
        text, untold = printer.text(expr, name), None
    except Unprintable as err:
        text, untold = None, str(err)
    try:
        latex = sp.latex(expr)
    except Exception:  # printing is a nicety; the form stands without it
        latex = None
    return _Candidate(expr, text, latex, untold)


def _at(name: str, shape: tuple[int, ...], d: _Derived, values: dict) -> ClosedForm:
    if d.reason is not None:
        return unavailable(name, d.reason)
    results = []
    for c in d.candidates:
        try:
            results.append((c, np.asarray(evaluate(c.expr, values), np.float64)))
        except np.linalg.LinAlgError:
            return unavailable(name, "the closed form needs the inverse of a singular matrix here")
        except Unsupported:
            continue
    if not results:
        return unavailable(name, "the closed form could not be evaluated here")
    chosen, value = results[-1]  # our rules, unless sympy's agrees with them
    if len(results) == 2 and _close(results[0][1], value) and results[0][0].text is not None:
        chosen, value = results[0]
    if value.size != int(np.prod(shape, dtype=np.int64)):
        return unavailable(name, "the closed form has the wrong number of entries")
    if chosen.text is None:
        # Kept out of "verified": a form shown as the answer must be one a learner can type.
        return ClosedForm(
            name,
            "unavailable",
            latex=chosen.latex,
            value=value.reshape(shape),
            reason=f"the closed form cannot be written in the expression language: {chosen.untold}",
        )
    return ClosedForm(
        name, "unchecked", text=chosen.text, latex=chosen.latex, value=value.reshape(shape)
    )


def _close(a: np.ndarray, b: np.ndarray) -> bool:
    if a.shape != b.shape:
        return False
    scale = max(1.0, float(np.max(np.abs(b))) if b.size else 1.0)
    with np.errstate(invalid="ignore"):
        return bool(np.allclose(a, b, rtol=1e-9, atol=1e-11 * scale))
