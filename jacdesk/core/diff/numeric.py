"""The numeric stage of :func:`jacdesk.core.engine.analyze`: f, J, the passes and the checks.

Internally row-major (torch's ordering); :class:`Ordering` permutes for the presented ``vec``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import torch

from jacdesk.core.language.program import Program
from jacdesk.core.results.analysis import Check, frozen
from jacdesk.core.results.numeric import NumericResult
from jacdesk.core.tasks import TaskState, check
from jacdesk.core.texts import QT_TRANSLATE_NOOP

from . import autodiff, forward_mode
from .ordering import Ordering
from .torch_eval import TorchFunction

#: det J costs one LU factorisation, O(n³): 14 ms at 1024×1024, twice the Jacobian itself.
DET_LIMIT = 256

#: Beyond this many inputs a scalar f's J u is taken from J (one dot product) instead of a pass.
JVP_FROM_J_INPUTS = 64


@dataclass(frozen=True)
class NumericRequest:
    """One numeric stage: the compiled f at a point, v and u, and which extras to compute."""

    fn: TorchFunction
    point: tuple[torch.Tensor, ...]
    program: Program
    ordering: Ordering
    v: np.ndarray
    u: np.ndarray
    rows: bool
    fd_check: bool
    hessian: bool
    det: bool | None  # None: up to DET_LIMIT
    task: TaskState | None = None
    u_given: bool = True  # False: u is the default ones (J u may come from J, see below)


def numeric(req: NumericRequest) -> NumericResult:
    """f, J, vᵀJ by ``y.backward(v)``, J u, and the requested extras, at ``req.point``.

    Parameters
    ----------
    req
        The compiled function, the point (torch tensors in declared variable order), v and u
        in presented order, and the extras wanted.

    Returns
    -------
    NumericResult
        Every array in the presented (``req.ordering``) order.
    """
    fn, xs, program, ordering, task = req.fn, list(req.point), req.program, req.ordering, req.task
    m, n = program.n_outputs, program.n_inputs
    v, u = req.v, req.u
    want_rows, want_fd, want_hessian, want_det = req.rows, req.fd_check, req.hessian, req.det
    u_given = req.u_given
    warnings: list[str] = []
    extras: dict[str, object] = {}
    leaves = autodiff.leaves(fn, xs)
    y, parts = fn.with_parts(*leaves)
    y_flat = y.reshape(-1)
    check(task)
    grads = None
    fast = m == 1 and y.requires_grad and float(v[0]) == 1.0
    if fast:
        # Scalar f with v = [1]: the tutorial's y.backward(v) *is* the reverse-mode J (its
        # gradient), so one backward pass serves both, as in plain torch.
        grads = autodiff.backward_with(y, ordering.to_torch_rows(v, fn), leaves)
        j_row = autodiff.flat(grads, leaves).reshape(1, n)
        strategy = QT_TRANSLATE_NOOP(
            "Strategy", "reverse mode (f is scalar: one backward pass gives J, its gradient)"
        )
        # v = [1] = e_1: that pass is also the one row-by-row pass, J's single row.
        rows = j_row.detach().cpu().numpy().astype(np.float64) if want_rows else None
    elif want_rows and m <= n:
        # Reverse mode is the cheaper way here (m ≤ n), and the lab rebuilds J row by row
        # with one real backward pass per output (v = e_i): those rows *are* reverse mode's
        # J, so a second, batched pass would only compute the same numbers again (it cost a
        # third of a small analysis). A tall J (m > n) still comes from forward mode.
        rows = autodiff.rows_by_backward(y_flat, leaves, parts)
        j_row = torch.as_tensor(rows, dtype=fn.dtype, device=fn.device)
        strategy = QT_TRANSLATE_NOOP(
            "Strategy", "reverse mode (one backward pass per output: the rows of J)"
        )
    else:
        j_row, strategy = autodiff.jacobian(fn, xs, m, n)
        rows = autodiff.rows_by_backward(y_flat, leaves, parts) if want_rows else None
    check(task)
    if grads is None:
        grads = autodiff.backward_with(y, ordering.to_torch_rows(v, fn), leaves)
    jvp_source = "forward"
    if m == 1 and n > JVP_FROM_J_INPUTS:
        # One row: J u is a single dot product, far cheaper than a dual-number pass.
        jv = j_row @ ordering.to_torch_cols(u, fn)
        jvp_source = "scalar"
    elif not (u_given or forward_mode.ready()):
        # Forward mode's first use costs ~0.6 s of imports; J is here already, and J u from it
        # is exact. An explicit u pays for the real forward pass; the default ones do not
        # until forward mode has loaded (the window loads it in the background).
        jv = j_row @ ordering.to_torch_cols(u, fn)
        jvp_source = "from J"
    else:
        try:
            jv = autodiff.jvp(fn, xs, ordering.to_torch_cols(u, fn))
        except (RuntimeError, NotImplementedError):
            jv = j_row @ ordering.to_torch_cols(u, fn)
            jvp_source = "unsupported"
            warnings.append(
                "forward mode is not available for an operation here; J u was computed from J"
            )
    fwd_passes = 1 if jvp_source == "forward" else 0
    check(task)
    j_np = j_row.detach().cpu().numpy()
    j = ordering.present(j_np)
    fd = _fd_check(fn, xs, m, n, j_np) if want_fd else Check(None, None, None)
    check(task)
    hess = None
    if want_hessian:
        h = autodiff.hessian(fn, xs).detach().cpu().numpy()
        hess = ordering.present_hessian(h)
    det = logabs = sign = None
    if m == n and (want_det or (want_det is None and n <= DET_LIMIT)):
        # A small J stays a numpy array: its det and rank need no torch call.
        square = j if n <= autodiff.SMALL_RANK else torch.as_tensor(j)
        eps = float(torch.finfo(fn.dtype).eps)  # J is only as exact as the dtype it ran in
        det, logabs, sign, extras["rank"] = autodiff.determinant_and_rank(square, eps)
    elif m == n:
        warnings.append(
            f"det J skipped for a {m}×{n} Jacobian (one LU factorisation); it can still be requested: det=True in Python, --det on the command line"
        )
    value = y.detach().cpu().numpy()
    if not (_finite(value) and _finite(j_np)):
        warnings += _non_finite_warnings(value, j, ordering)
    blocks, offset = {}, 0
    for name, shape in program.variables:
        size = math.prod(shape)
        blocks[name] = frozen(
            j_np[:, offset : offset + size].reshape((*program.output_shape, *shape))
        )
        offset += size
    # Fast path: J is already the concatenated x.grad of the one backward pass.
    vjp_row = j_np[0] if fast else torch.cat([g.reshape(-1) for g in grads]).cpu().numpy()
    return NumericResult(
        value=frozen(value),
        jacobian=frozen(j),
        jacobian_blocks=blocks,
        v=frozen(v),
        vjp=frozen(ordering.present_cols(vjp_row)),
        gradients={
            name: frozen(g.detach().cpu().numpy())
            for (name, _), g in zip(program.variables, grads, strict=True)
        },
        u=frozen(u),
        jvp=frozen(ordering.present_rows(jv.detach().cpu().numpy())),
        rows_by_backward=None if rows is None else frozen(ordering.present(rows)),
        backward_passes=0 if rows is None else m,
        forward_passes=fwd_passes,
        determinant=det,
        log_abs_det=logabs,
        det_sign=sign,
        hessian=frozen(hess),
        strategy=strategy,
        check=fd,
        warnings=tuple(warnings),
        extras={"jvp_source": jvp_source, **extras},
    )


def _fd_check(fn, xs, m, n, j_row) -> Check:
    j_fd, tol = autodiff.finite_differences(fn, xs, m, n)
    j = j_row
    finite = np.isfinite(j) & np.isfinite(j_fd)
    if not finite.any():
        return Check(None, None, None)
    d = np.where(finite, np.abs(j - j_fd), 0.0)
    rel = d / np.maximum(np.abs(j), 1.0)
    return Check(float(d.max()), float(rel.max()), bool((d <= tol).all()))


def _finite(a: np.ndarray) -> bool:
    """Whether every entry is finite: one summing pass where that is cheaper than a mask
    (a non-finite entry makes the sum non-finite; an overflow only sends the caller to the
    entry-by-entry check)."""
    if a.size <= 4096:
        return bool(np.isfinite(a).all())
    with np.errstate(over="ignore", invalid="ignore"):
        return math.isfinite(float(a.sum()))


def _non_finite_warnings(value: np.ndarray, j: np.ndarray, ordering: Ordering) -> list[str]:
    out = []
    bad_f = ~np.isfinite(value.reshape(-1))
    if bad_f.any():
        i = int(np.flatnonzero(bad_f)[0])
        out.append(
            f"{ordering.row_label_row_major(i)} is not a finite number here ({value.reshape(-1)[i]}): "
            "check for log or sqrt of a negative number, or a division by zero"
        )
    bad = ~np.isfinite(j)
    if bad.any():
        i, k = (int(a[0]) for a in np.nonzero(bad))
        count = int(bad.sum())
        first = f"∂{ordering.row_labels[i]}/∂{ordering.col_labels[k]} = {j[i, k]}"
        out.append(
            f"{count} entr{'y' if count == 1 else 'ies'} of J {'is' if count == 1 else 'are'} not finite "
            f"({first}): f is not differentiable at this point"
        )
    return out
