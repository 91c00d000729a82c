"""The derivative computations behind :func:`jacdesk.core.engine.analyze`.

Everything here works in torch's row-major layout: output entries flattened row-major form the
rows of J, each variable flattened row-major in declared order forms the columns. The engine
permutes rows and columns for the column-major (textbook vec) presentation.
"""

from __future__ import annotations

import math
import sys

import numpy as np
import torch
import torch.autograd.forward_ad as fwAD

from jacdesk.core.texts import QT_TRANSLATE_NOOP

from . import forward_mode
from .torch_eval import TorchFunction

#: Below this many J entries, one batched forward/backward beats torch.func's vmap set-up cost.
BATCH_TRICK_MAX_ENTRIES = 4096

#: float64's machine epsilon; a J computed in float32 is ranked with float32's instead.
EPS64 = float(np.finfo(np.float64).eps)

#: The first large J (up to this many entries) comes from one batched backward pass when its
#: torch.func path is not loaded: jacrev's first call imports torch._dynamo (~1.4 s), jacfwd's
#: forward mode (~0.25 s), while the batch-sum trick on X @ X at 32×32 (J 1024×1024) takes
#: ~20 ms, its memory m copies of the inputs' graph, as vmap's.
COLD_BATCH_MAX_ENTRIES = 1 << 22


_large_served = False


def _first_large(reverse: bool) -> bool:
    """Whether this large J is the process's first and its torch.func path is not loaded yet.

    The first one gets the batched pass, which imports nothing: the first numbers never wait
    for jacrev's torch._dynamo (~1.4 s) or forward mode (~0.25 s). Later ones use torch.func,
    which then loads once (the window's warm-up loads forward mode in the background first).
    """
    global _large_served
    loaded = "torch._dynamo" in sys.modules if reverse else forward_mode.loaded()
    if loaded or _large_served:
        return False
    _large_served = True
    return True


# Up to this size J's rank comes from numpy's SVD (same LAPACK, less overhead per call).
SMALL_RANK = 32


def flat(ts: list[torch.Tensor | None], like: list[torch.Tensor], batch: int = 0) -> torch.Tensor:
    """Concatenate per-variable tensors (batch dims kept), using zeros where a grad is None."""
    parts = []
    for t, ref in zip(ts, like, strict=True):
        if t is None:
            t = torch.zeros_like(ref)
        parts.append(t.reshape(*t.shape[:batch], -1))
    return torch.cat(parts, dim=-1)


def leaves(fn: TorchFunction, point: list[torch.Tensor]) -> list[torch.Tensor]:
    # detach() gives new leaf tensors sharing the point's storage: nothing writes to it.
    return [p.detach().requires_grad_(True) for p in point]


def jacobian(
    fn: TorchFunction, point: list[torch.Tensor], m: int, n: int
) -> tuple[torch.Tensor, str]:
    """J (m × n) the efficient way, and a description of the strategy that ran.

    Small problems use one batched pass (each batch element seeds one output, or one input):
    reverse mode when outputs ≤ inputs, forward mode otherwise; until forward mode has been
    loaded once (:func:`forward_mode.ready`), a small problem with more outputs than inputs
    takes the batched reverse pass too (same J, without 0.6 s of imports). Large ones use
    ``torch.func``: ``jacfwd`` when outputs ≥ inputs (on a square J it measured faster than
    ``jacrev``), ``jacrev`` when there are fewer outputs; but the process's first large J, of
    up to :data:`COLD_BATCH_MAX_ENTRIES` entries, takes the batched backward pass when the
    chosen path is not loaded yet (see :func:`_first_large`).
    """
    reverse = m <= n
    if BATCH_TRICK_MAX_ENTRIES < m * n <= COLD_BATCH_MAX_ENTRIES and _first_large(m < n):
        return _reverse_batched(fn, point, m, n), QT_TRANSLATE_NOOP(
            "Strategy", "reverse mode (one batched backward pass)"
        )
    if m * n <= BATCH_TRICK_MAX_ENTRIES:
        if reverse:
            return _reverse_batched(fn, point, m, n), QT_TRANSLATE_NOOP(
                "Strategy", "reverse mode (one batched backward pass)"
            )
        if not forward_mode.ready():
            return _reverse_batched(fn, point, m, n), QT_TRANSLATE_NOOP(
                "Strategy", "reverse mode (one batched backward pass)"
            )
        try:
            return _forward_batched(fn, point, m, n), QT_TRANSLATE_NOOP(
                "Strategy", "forward mode (one batched dual-number pass)"
            )
        except (RuntimeError, NotImplementedError):
            return _reverse_batched(fn, point, m, n), QT_TRANSLATE_NOOP(
                "Strategy", "reverse mode (forward mode unsupported here)"
            )
    argnums = tuple(range(len(point)))
    reverse = m < n
    try:
        if reverse:
            blocks = torch.func.jacrev(fn, argnums=argnums)(*point)
        else:
            with forward_mode.exclusive():
                blocks = torch.func.jacfwd(fn, argnums=argnums)(*point)
        name = (
            QT_TRANSLATE_NOOP("Strategy", "reverse mode (torch.func.jacrev)")
            if reverse
            else QT_TRANSLATE_NOOP("Strategy", "forward mode (torch.func.jacfwd)")
        )
    except (RuntimeError, NotImplementedError):
        blocks = torch.func.jacrev(fn, argnums=argnums)(*point)
        name = QT_TRANSLATE_NOOP(
            "Strategy", "reverse mode (torch.func.jacrev; forward mode unsupported here)"
        )
    if len(blocks) == 1:  # no copy of a 1024×1024 J just to concatenate one block
        return blocks[0].reshape(m, -1), name
    return torch.cat([b.reshape(m, -1) for b in blocks], dim=1), name


def _reverse_batched(fn: TorchFunction, point: list[torch.Tensor], m: int, n: int) -> torch.Tensor:
    # Row i of J is the gradient of f_i: give every output its own copy of the inputs, sum the
    # diagonal f_i(copy i), and one backward pass yields all rows at once.
    xs = [p.detach().expand(m, *p.shape).clone().requires_grad_(True) for p in point]
    y = fn(*xs).reshape(m, -1) if m else None
    if y is None or not y.requires_grad:
        return torch.zeros(m, n, dtype=fn.dtype, device=fn.device)
    grads = torch.autograd.grad(y.diagonal().sum(), xs, allow_unused=True)
    return flat(list(grads), xs, batch=1)


def _forward_batched(fn: TorchFunction, point: list[torch.Tensor], m: int, n: int) -> torch.Tensor:
    eye = torch.eye(n, dtype=fn.dtype, device=fn.device)
    offset = 0
    with forward_mode.dual_level():
        duals = []
        for p in point:
            size = p.numel()
            tangent = eye[:, offset : offset + size].reshape(n, *p.shape).contiguous()
            duals.append(fwAD.make_dual(p.detach().expand(n, *p.shape).clone(), tangent))
            offset += size
        out = fwAD.unpack_dual(fn(*duals, dual=True))
    if out.tangent is None:
        return torch.zeros(m, n, dtype=fn.dtype, device=fn.device)
    return out.tangent.reshape(n, m).T.contiguous()


def rows_by_backward(
    y_flat: torch.Tensor, xs: list[torch.Tensor], parts: list[torch.Tensor] | None = None
) -> np.ndarray:
    """Row i of J from back-propagating f_i alone (v = e_i): one real backward pass per row.

    ``parts``, the scalar components that were stacked into y (``TorchFunction.with_parts``),
    are back-propagated themselves when given: the same gradients as y's entries, each pass
    through its own component's nodes only.
    """
    m = y_flat.shape[0]
    sizes = [x.numel() for x in xs]
    rows = np.zeros((m, sum(sizes)))
    if not y_flat.requires_grad:
        return rows
    if parts is not None and (len(parts) != m or any(p.numel() != 1 for p in parts)):
        parts = None
    for i in range(m):
        root = y_flat[i] if parts is None else parts[i].reshape(())
        if not root.requires_grad:
            continue  # this component does not depend on any variable: its row is 0
        grads = torch.autograd.grad(root, xs, retain_graph=True, allow_unused=True)
        offset = 0
        for g, size in zip(grads, sizes, strict=True):
            if g is not None:
                rows[i, offset : offset + size] = g.detach().cpu().numpy().reshape(-1)
            offset += size
    return rows


def backward_with(
    y: torch.Tensor, v: torch.Tensor, xs: list[torch.Tensor], retain_graph: bool = False
) -> list[torch.Tensor]:
    """The tutorial's ``y.backward(v)``; returns each ``x.grad`` (zeros if unused).

    torch's ``backward(v)`` checks v's shape through ``torch.fx``'s symbolic shapes, whose first
    import loads sympy (~0.3 s). Until something else has loaded it, the same gradients come
    from the seed's own scalar z = vᵀy: ``z.backward()`` sends exactly v into y's node (the
    product's backward multiplies v by one), so every x.grad is bit-for-bit what
    ``y.backward(v)`` gives.
    """
    if y.requires_grad:
        seed = v.reshape(y.shape)
        if "torch.fx.experimental.symbolic_shapes" in sys.modules:
            y.backward(seed, retain_graph=retain_graph)
        else:
            (y * seed).sum().backward(retain_graph=retain_graph)
    return [x.grad if x.grad is not None else torch.zeros_like(x) for x in xs]


def jvp(fn: TorchFunction, point: list[torch.Tensor], u_flat: torch.Tensor) -> torch.Tensor:
    """J u by one forward-mode (dual number) pass."""
    offset = 0
    with forward_mode.dual_level():
        duals = []
        for p in point:
            size = p.numel()
            tangent = u_flat[offset : offset + size].reshape(p.shape)
            duals.append(fwAD.make_dual(p.detach(), tangent))
            offset += size
        y = fwAD.unpack_dual(fn(*duals, dual=True))
    if y.tangent is None:
        return torch.zeros(y.primal.numel(), dtype=fn.dtype, device=fn.device)
    return y.tangent.reshape(-1)


def finite_differences(fn: TorchFunction, point: list[torch.Tensor], m: int, n: int):
    """Central differences for every input in one batched evaluation (2n points).

    Returns
    -------
    (J_fd, tolerance)
        The m × n estimate and, per entry, the error that rounding alone can explain.
    """
    eps = float(torch.finfo(fn.dtype).eps)
    flats = [p.detach().cpu().numpy().reshape(-1) for p in point]
    base = flats[0] if len(flats) == 1 else np.concatenate(flats)
    idx = np.arange(n)
    # One error-state context for the whole estimate: x near ±1.8e308 makes x ± h inf (the
    # check then says nan), and inf - inf near a singularity is nan, neither a warning.
    with np.errstate(all="ignore"):
        h = eps ** (1 / 3) * np.maximum(np.abs(base), 1.0)
        h = (base + h) - base  # the step actually taken, after rounding x + h
        grid = np.repeat(base[None, :], 2 * n, axis=0)
        grid[2 * idx, idx] += h
        grid[2 * idx + 1, idx] -= h
        xs, offset = [], 0
        for p in point:
            size = p.numel()
            chunk = grid[:, offset : offset + size].reshape(2 * n, *p.shape)
            xs.append(torch.as_tensor(chunk, dtype=fn.dtype, device=fn.device))
            offset += size
        # The grid's tensors and the constants need no gradient: no graph is recorded.
        out = fn(*xs)  # an f that ignores its inputs has no batch dimensions: broadcast it
        f = out.detach().expand(2 * n, *fn.program.output_shape).reshape(2 * n, m).cpu().numpy()
        j_fd = ((f[0::2] - f[1::2]) / (2 * h)[:, None]).T
        scale = np.abs(f).max(axis=0)[:, None] if n else np.zeros((m, 1))
        tolerance = 1e-6 + 64 * eps * scale / h[None, :] + 1e-6 * np.abs(j_fd)
    return j_fd, tolerance


def hessian(fn: TorchFunction, point: list[torch.Tensor]) -> torch.Tensor:
    """Second derivatives of every output component: shape (m, n, n)."""
    shapes = [p.shape for p in point]
    sizes = [p.numel() for p in point]

    def flat_fn(z: torch.Tensor) -> torch.Tensor:
        parts = torch.split(z, sizes)
        return fn(*(q.reshape(s) for q, s in zip(parts, shapes, strict=True))).reshape(-1)

    z = torch.cat([p.detach().reshape(-1) for p in point])
    try:
        with forward_mode.exclusive():
            return torch.func.jacfwd(torch.func.jacrev(flat_fn))(z)
    except (RuntimeError, NotImplementedError):
        return torch.func.jacrev(torch.func.jacrev(flat_fn))(z)


def determinant(j: torch.Tensor | np.ndarray) -> tuple[float, float, float]:
    """(det J, log|det J|, sign) of a square J.

    Up to 3×3 by cofactors, so integer matrices give exact integers (26, not 25.999…);
    larger ones by one LU factorisation (slogdet), so det itself may overflow to ±inf while
    log|det J| stays finite.
    """
    k = j.shape[0]
    if k <= 3:
        a = j.tolist()
        if k == 0:
            det = 1.0
        elif k == 1:
            det = a[0][0]
        elif k == 2:
            det = a[0][0] * a[1][1] - a[0][1] * a[1][0]
        else:
            det = (
                a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1])
                - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
                + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0])
            )
        if not math.isfinite(det):
            return (
                det,
                math.nan if math.isnan(det) else math.inf,
                math.copysign(1.0, det) if not math.isnan(det) else math.nan,
            )
        if det == 0:
            return 0.0, -math.inf, 0.0
        return det, math.log(abs(det)), math.copysign(1.0, det)
    sign, logabs = (float(t) for t in torch.linalg.slogdet(torch.as_tensor(j)))
    if sign == 0:
        return 0.0, -math.inf, 0.0
    try:
        det = sign * math.exp(logabs)
    except OverflowError:
        det = sign * math.inf
    return det, logabs, sign


def determinant_and_rank(
    j: torch.Tensor | np.ndarray, eps: float = EPS64
) -> tuple[float, float, float, int]:
    """det J, log|det J|, its sign and J's numerical rank, with det = 0 when J is singular.

    Singular to working precision (softmax: det ≈ 7.6e-19) says 0, sign 0 and log -inf, not a
    tiny number with a sign and a volume factor that mean nothing.
    """
    det, logabs, sign = determinant(j)
    rank = numerical_rank(j, eps)
    if rank < j.shape[0] and math.isfinite(det):
        det, logabs, sign = 0.0, -math.inf, 0.0
    return det, logabs, sign, rank


def numerical_rank(j: torch.Tensor | np.ndarray, eps: float = EPS64) -> int:
    """The rank of a square J from its singular values, relative to J's own scale.

    A singular J rarely gives an exact 0 in floating point: softmax's J has det ≈ 7.6e-19,
    not 0. As numpy's ``matrix_rank`` does, a singular value counts only above
    ``σ_max · n · ε``; fewer than n of them means J is singular.
    """
    k = j.shape[0]
    if k == 0:
        return 0
    if isinstance(j, np.ndarray) or k <= SMALL_RANK:
        # LAPACK through numpy: a tenth of torch's per-call overhead on a tiny J.
        a = j if isinstance(j, np.ndarray) else j.detach().cpu().numpy()
        a = a.astype(np.float64, copy=False)
        if not np.isfinite(a).all():
            return k  # nan/inf entries: no rank to speak of (and no SVD); the det says so
        s_np = np.linalg.svd(a, compute_uv=False)
        return int((s_np > s_np.max() * k * eps).sum())
    j = j.to(torch.float64)
    if not bool(torch.isfinite(j).all()):
        return k  # nan/inf entries: no rank to speak of (and no SVD); the det says so itself
    s = torch.linalg.svdvals(j)
    tol = float(s.max()) * k * eps
    return int((s > tol).sum())
