"""The numbers of an analysis straight from a Python callable (no jacdesk program).

For a function whose operations cannot all be written in jacdesk's language, J, ``y.backward(v)``,
J u, the rows by backward, det J, the Hessian and the finite-difference check are computed
with torch's own transforms on the callable itself — the same quantities, in the same layouts,
as :func:`jacdesk.core.engine.analyze` reports — only without symbolic forms.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from types import SimpleNamespace
from typing import Any

import numpy as np
import torch

from jacdesk.core import conventions
from jacdesk.core.errors import JacdeskError
from jacdesk.core.language.program import entry_labels
from jacdesk.core.results.analysis import Analysis, Check, frozen
from jacdesk.core.texts import QT_TRANSLATE_NOOP

from . import autodiff, forward_mode
from .numeric import DET_LIMIT
from .ordering import vec_permutation
from .values import to_array

TEACHING_LIMIT = 64  # as engine.TEACHING_LIMIT: one pass per row / per input up to this size


class _Batched:
    """The callable seen the way :mod:`.autodiff` sees a compiled program: leading batch
    dimensions are mapped over (by ``vmap``, or a loop where the callable resists it), and
    inputs and value are in ``dtype``, the one the callable runs in (float64 unless it only
    takes float32, as a float32 ``nn.Module`` does)."""

    device = torch.device("cpu")

    def __init__(
        self,
        fn: Callable,
        shapes: Sequence[tuple[int, ...]],
        out_shape: tuple[int, ...],
        dtype: torch.dtype,
    ):
        self.raw = fn
        self.dtype = dtype
        self.shapes = [tuple(s) for s in shapes]
        self.program = SimpleNamespace(output_shape=out_shape)

    def fn(self, *xs: torch.Tensor) -> torch.Tensor:
        return self.raw(*(x.to(self.dtype) for x in xs)).to(self.dtype)

    def __call__(self, *xs: torch.Tensor, dual: bool = False) -> torch.Tensor:
        batch = xs[0].dim() - len(self.shapes[0])
        if batch == 0:
            return self.fn(*xs)
        flat = [x.reshape(-1, *s) for x, s in zip(xs, self.shapes, strict=True)]
        try:
            out = torch.func.vmap(self.fn)(*flat)
        except Exception:  # data-dependent code: one call per point
            out = torch.stack([self.fn(*(f[i] for f in flat)) for i in range(flat[0].shape[0])])
        return out.reshape(*xs[0].shape[:batch], *self.program.output_shape)


def _flat_vector(
    value: Any, size: int, shape: tuple[int, ...], perm: np.ndarray, what: str
) -> np.ndarray:
    if value is None:
        return np.ones(size)
    arr = to_array(value, what)
    if arr.shape == shape and len(shape) == 2:
        return arr.reshape(-1)[perm]
    if arr.size == size and arr.ndim <= 1:
        return arr.reshape(-1).copy()
    raise JacdeskError(
        f"{what} must have {size} entries (one per {'output' if what[0] == 'v' else 'input'})",
        about=what[0],
    )


def analyze_callable(
    fn: Callable,
    xs: Sequence[torch.Tensor],
    names: Sequence[str],
    *,
    vjp: Any = None,
    jvp: Any = None,
    vec: str = "row",
    layout: str = "numerator",
    hessian: bool = False,
    rows: bool | None = None,
    fd_check: bool | None = None,
    det: bool | None = None,
    warnings: Sequence[str] = (),
    generation: int = 0,
) -> Analysis:
    """f, J and the rest for ``fn`` at the float64 inputs ``xs``, numerically only.

    Raises
    ------
    JacdeskError
        When ``fn`` does not return a real tensor of at most 2 dimensions.
    """
    t0 = time.perf_counter()
    conventions.check(layout, vec)
    y = fn(*xs)
    if not isinstance(y, torch.Tensor) or y.dim() > 2 or not y.dtype.is_floating_point:
        raise JacdeskError("the function must return a real tensor with at most 2 dimensions")
    out_shape = tuple(y.shape)
    dtype = xs[0].dtype
    for x in xs[1:]:
        dtype = torch.promote_types(dtype, x.dtype)
    g = _Batched(fn, [x.shape for x in xs], out_shape, dtype)
    m, n = y.numel(), sum(x.numel() for x in xs)
    small = m <= TEACHING_LIMIT and n <= TEACHING_LIMIT
    perm_out = np.array(vec_permutation(out_shape, vec), dtype=np.int64)
    perm_in = np.concatenate(
        [
            o + np.array(vec_permutation(tuple(x.shape), vec), dtype=np.int64)
            for o, x in zip(np.cumsum([0] + [x.numel() for x in xs])[:-1], xs, strict=True)
        ]
    )
    v = _flat_vector(vjp, m, out_shape, perm_out, "v (for backward)")
    u = _flat_vector(jvp, n, tuple(xs[0].shape) if len(xs) == 1 else (), perm_in, "u (for J u)")
    notes = list(warnings)

    j_row, strategy = _jacobian(g, xs, m, n)
    leaves = autodiff.leaves(g, list(xs))
    y_graph = g(*leaves)
    rows_j = (
        autodiff.rows_by_backward(y_graph.reshape(-1), leaves)
        if (small if rows is None else rows)
        else None
    )
    v_row = np.empty(m)
    v_row[perm_out] = v
    grads = (
        autodiff.backward_with(y_graph, torch.as_tensor(v_row, dtype=dtype), leaves)
        if y_graph.requires_grad
        else [torch.zeros_like(x) for x in xs]
    )
    u_row = np.empty(n)
    u_row[perm_in] = u
    try:
        jv = (
            autodiff.jvp(g, list(xs), torch.as_tensor(u_row, dtype=dtype)).detach().double().numpy()
        )
        forward = 1
    except Exception:
        jv, forward = j_row @ u_row, 0
    fd = (
        _fd(g, xs, m, n, j_row)
        if (small if fd_check is None else fd_check)
        else Check(None, None, None)
    )
    if fd.fd_ok is False:
        notes.append(
            "finite differences disagree with autograd here; f may not be differentiable at this point"
        )
    d = logabs = sign = None
    rank: dict[str, int] = {}
    if m == n and (det or (det is None and n <= DET_LIMIT)):
        d, logabs, sign, rank["rank"] = autodiff.determinant_and_rank(
            torch.as_tensor(j_row[perm_out][:, perm_in])
        )
    hess = None
    if hessian:
        hess = _hessian(fn, xs, perm_out, perm_in, notes)
    blocks, offset = {}, 0
    for name, x in zip(names, xs, strict=True):
        blocks[name] = frozen(j_row[:, offset : offset + x.numel()].reshape(*out_shape, *x.shape))
        offset += x.numel()
    vjp_row = torch.cat([gr.reshape(-1) for gr in grads]).detach().double().numpy()
    return Analysis(
        expressions=(),
        inputs=tuple((name, tuple(x.shape)) for name, x in zip(names, xs, strict=True)),
        input_labels=tuple(
            lab
            for name, x in zip(names, xs, strict=True)
            for lab in entry_labels(name, tuple(x.shape), vec)
        ),
        output_labels=tuple(_output_labels(out_shape, vec)),
        output_shape=out_shape,
        vec=vec,
        layout=layout,
        point={name: frozen(x.numpy().copy()) for name, x in zip(names, xs, strict=True)},
        value=frozen(y.detach().to(torch.float64).numpy()),
        jacobian=frozen(j_row[perm_out][:, perm_in]),
        jacobian_blocks=blocks,
        v=frozen(v),
        vjp=frozen(vjp_row[perm_in]),
        gradients={
            name: frozen(gr.detach().numpy()) for name, gr in zip(names, grads, strict=True)
        },
        u=frozen(u),
        jvp=frozen(np.asarray(jv).reshape(-1)[perm_out]),
        rows_by_backward=None if rows_j is None else frozen(rows_j[perm_out][:, perm_in]),
        backward_passes=0 if rows_j is None else m,
        forward_passes=forward,
        determinant=d,
        log_abs_det=logabs,
        det_sign=sign,
        hessian=frozen(hess),
        strategy=strategy,
        check=fd,
        symbolic=None,
        warnings=tuple(notes),
        generation=generation,
        elapsed_s=time.perf_counter() - t0,
        extras={"source": "callable", **rank},
    )


def _jacobian(g: _Batched, xs: Sequence[torch.Tensor], m: int, n: int) -> tuple[np.ndarray, str]:
    argnums = tuple(range(len(xs)))
    attempts = [("reverse", torch.func.jacrev), ("forward", torch.func.jacfwd)]
    if m > n:
        attempts.reverse()
    for mode, jac in attempts:
        try:
            # torch's forward-AD level is process-wide: one user at a time (forward_mode).
            with forward_mode.exclusive():
                blocks = jac(g.fn, argnums=argnums)(*xs)
            return (
                torch.cat([b.reshape(m, -1) for b in blocks], dim=1).detach().double().numpy(),
                f"{mode} mode (torch.func.jac{mode[:3]} on the Python function)",
            )
        except Exception:
            continue
    blocks = torch.autograd.functional.jacobian(g.fn, tuple(xs))
    return (
        torch.cat([b.reshape(m, -1) for b in blocks], dim=1).detach().double().numpy(),
        QT_TRANSLATE_NOOP(
            "Strategy", "reverse mode (torch.autograd.functional.jacobian on the Python function)"
        ),
    )


def _fd(g: _Batched, xs: Sequence[torch.Tensor], m: int, n: int, j_row: np.ndarray) -> Check:
    j_fd, tol = autodiff.finite_differences(g, list(xs), m, n)
    finite = np.isfinite(j_row) & np.isfinite(j_fd)
    if not finite.any():
        return Check(None, None, None)
    diff = np.where(finite, np.abs(j_row - j_fd), 0.0)
    rel = diff / np.maximum(np.abs(j_row), 1.0)
    return Check(float(diff.max()), float(rel.max()), bool((diff <= tol).all()))


def _hessian(
    fn: Callable, xs: Sequence[torch.Tensor], perm_out, perm_in, notes: list[str]
) -> np.ndarray | None:
    shapes, sizes = [x.shape for x in xs], [x.numel() for x in xs]

    def flat(z: torch.Tensor) -> torch.Tensor:
        parts = torch.split(z, sizes)
        return (
            fn(*(p.reshape(s) for p, s in zip(parts, shapes, strict=True)))
            .to(torch.float64)
            .reshape(-1)
        )

    try:
        with forward_mode.exclusive():
            h = (
                torch.func.jacfwd(torch.func.jacrev(flat))(torch.cat([x.reshape(-1) for x in xs]))
                .detach()
                .numpy()
            )
    except Exception as err:
        notes.append(f"the Hessian could not be computed from the function ({type(err).__name__})")
        return None
    h = h[perm_out][:, perm_in][:, :, perm_in]
    return h[0] if h.shape[0] == 1 else h


def _output_labels(shape: tuple[int, ...], vec: str) -> list[str]:
    if shape == ():
        return ["f"]
    if len(shape) == 1:
        return [f"f{i + 1}" for i in range(shape[0])]
    return entry_labels("F", shape, vec)
