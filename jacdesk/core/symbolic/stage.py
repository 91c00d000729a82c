"""The symbolic stage of ``analyze``: started beside the numeric work, then attached to it.

The sympy work runs in the persistent child (:mod:`sympy_process`); this thread only waits.
"""

from __future__ import annotations

import dataclasses
from concurrent.futures import Future, ThreadPoolExecutor

import numpy as np

from jacdesk.core.results.analysis import Analysis, Check, evolve
from jacdesk.core.results.symbolic import SymbolicResult

#: How closely autograd's J must match the symbolic J at the point, relative to max(1, |J|):
#: float64 to a few ulps of a chain of ops, float32 (ε = 1.2e-7) to a few hundred.
SYMBOLIC_RTOL = 1e-9
SYMBOLIC_RTOL_32 = 1e-4

_symbolic_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="jacdesk-symbolic")


def start_symbolic(program, consts, point, vec, timeout) -> Future | None:
    from jacdesk.core.results.symbolic import SymbolicResult, too_many_entries

    notice = too_many_entries(program.n_outputs, program.n_inputs)
    if notice and program.n_outputs != 1:
        # Certainly too large: say so without a thread hop or importing sympy. (A scalar f
        # still goes to the child, for its size-independent closed-form gradients.)
        done: Future = Future()
        done.set_result(SymbolicResult(status="too_large", notice=notice))
        return done
    from .process import default_service  # lazy: sympy loads only when asked

    service = default_service()
    return _symbolic_pool.submit(
        service.request, program, consts, dict(point), vec=vec, timeout=timeout
    )


def with_symbolic(result: Analysis, sym: SymbolicResult) -> Analysis:
    """``result`` with its symbolic forms attached and the third check (symbolic vs autograd) made."""
    check_result = result.check
    warnings = list(result.warnings)
    loose = result.dtype == "float32"  # autograd's J in float32 vs the exact formula
    if sym.jacobian_at_point is not None:
        check_result = with_symbolic_check(
            check_result,
            result.jacobian,
            sym.jacobian_at_point,
            SYMBOLIC_RTOL_32 if loose else SYMBOLIC_RTOL,
        )
    if sym.notice:
        warnings.append(sym.notice)
    if check_result.symbolic_ok is False:
        warnings.append("the symbolic Jacobian disagrees with autograd at this point")
    forms = sym.closed_forms
    if forms is not None:
        from jacdesk.core.results.closed_form import verify_all

        # A closed form is shown as correct only once it matched autograd here.
        forms = verify_all(forms, result.jacobian_blocks, result.output_shape, loose)
        sym = dataclasses.replace(sym, closed_forms=forms)
        for name, form in forms.items():
            if form.status == "disagrees":
                warnings.append(
                    f"the closed form for ∂f/∂{name} disagrees with autograd at this point "
                    f"(by up to {form.max_abs_err:.3g}); it is not shown as the answer"
                )
    return evolve(result, symbolic=sym, check=check_result, warnings=tuple(warnings))


def with_symbolic_check(c: Check, j: np.ndarray, j_sym: np.ndarray, rtol: float = 1e-9) -> Check:
    """The numeric check with the symbolic J at the point compared too (``rtol`` relative:
    1e-9 for a float64 J, 1e-4 for a float32 one)."""
    j_sym = np.asarray(j_sym, dtype=np.float64)
    if j_sym.shape != j.shape:
        return c
    finite = np.isfinite(j) & np.isfinite(j_sym)
    if not finite.any():
        return c
    d = np.abs(j - j_sym)[finite]
    bound = np.abs(j[finite])
    np.maximum(bound, 1.0, out=bound)
    ok = bool((d <= rtol * bound).all())
    return Check(c.fd_max_abs_err, c.fd_max_rel_err, c.fd_ok, float(d.max()), ok)
