"""f, J and det J over a grid of points around the current one, batched (for the plots).

The grid varies one or two inputs — scalar variables or single entries of vector/matrix
variables — and holds the others at the point. Every grid point is one batch element of a
single evaluation: forward mode pushes one tangent per plotted input through the whole grid at
once (each pass also yields f), so there is no Python loop over points.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

import numpy as np
import torch
import torch.autograd.forward_ad as fwAD

from jacdesk.core.errors import JacdeskError
from jacdesk.core.language.program import Program, entry_labels
from jacdesk.core.results.analysis import frozen
from jacdesk.core.results.grid import GridResult
from jacdesk.core.tasks import TaskState, check

from . import forward_mode
from .budget import check_fits, estimate_grid
from .ordering import Ordering

MAX_POINTS = 1_000_000
MAX_PER_AXIS = 4000


def grid(
    exprs: str | Sequence[str],
    variables: Mapping[str, Any],
    over: Mapping[str, tuple[float, float, int]],
    constants: Mapping[str, Any] | None = None,
    task: TaskState | None = None,
    generation: int = 0,
) -> GridResult:
    """Evaluate f, ∂f/∂(plotted inputs) and det J over a grid.

    Parameters
    ----------
    exprs, variables, constants
        As for :func:`jacdesk.analyze`; ``variables`` also gives the point where the inputs
        that are not plotted are held.
    over
        One or two plotted inputs: label → ``(lo, hi, n)``. A label is a scalar variable's name
        or one entry of a vector/matrix variable: ``"x[0]"``, ``"X[0,1]"``.
    task
        Cancellation between passes.
    generation
        Carried into the result so that stale grids can be dropped.

    Returns
    -------
    GridResult
        ``values[j, i]`` is f at ``(coords[0][i], coords[1][j])``.

    Raises
    ------
    JacdeskError
        Bad expressions, unknown or repeated axis labels, bad ranges, too many points.
    """
    from .compile import prepare  # torch-heavy: loaded on the first grid

    t0 = time.perf_counter()
    program, point, _, fn = prepare(exprs, variables, constants)
    axes = _resolve_axes(program, over)
    points = int(np.prod([ax.n for ax in axes], dtype=np.int64))
    need = estimate_grid(program, points, len(axes))
    check_fits(need, "use fewer grid points or smaller shapes for the inputs not plotted")
    coords = tuple(np.linspace(ax.lo, ax.hi, ax.n) for ax in axes)
    mesh = np.meshgrid(*coords) if len(coords) == 2 else [coords[0]]
    flat = [c.reshape(-1) for c in mesh]
    n_points = flat[0].size
    base = [torch.tensor(np.array(point[name]), dtype=fn.dtype) for name, _ in program.variables]
    xs = []
    for k, b in enumerate(base):
        batch = b.expand(n_points, *b.shape).clone()
        for ax, values in zip(axes, flat, strict=True):
            if ax.var == k:
                batch.view(n_points, -1)[:, ax.entry] = torch.as_tensor(values, dtype=fn.dtype)
        xs.append(batch)
    m = program.n_outputs
    if m <= len(axes):
        values, jac = _reverse(fn, xs, axes, program, n_points, task)
        strategy = f"reverse mode: the batch-sum trick, {m} backward pass(es)"
    else:
        values, jac = _forward(fn, xs, axes, program, n_points, task)
        strategy = f"forward mode, {len(axes)} batched dual pass(es)"
    grid_shape = tuple(len(c) for c in reversed(coords))  # (n2, n1) or (n1,)
    det = None
    if m == len(axes):
        with np.errstate(invalid="ignore", over="ignore"):  # inf·0 at a singularity is nan
            det = (
                jac[:, 0, 0]
                if m == 1
                else jac[:, 0, 0] * jac[:, 1, 1] - jac[:, 0, 1] * jac[:, 1, 0]
            )
        det = det.reshape(grid_shape)
    return GridResult(
        expressions=program.texts,
        axes=tuple(ax.label for ax in axes),
        coords=tuple(frozen(c) for c in coords),
        point=tuple(
            float(point[program.variables[ax.var][0]].reshape(-1)[ax.entry]) for ax in axes
        ),
        output_labels=tuple(Ordering(program, "row").row_labels),
        values=frozen(values.reshape(*grid_shape, m)),
        jacobian=frozen(jac.reshape(*grid_shape, m, len(axes))),
        det=frozen(det),
        strategy=f"{strategy} over {n_points:,} points",
        elapsed_s=time.perf_counter() - t0,
        generation=generation,
    )


def _reverse(fn, xs, axes, program, n_points, task):
    # Grid points do not interact, so d(sum_p f_i(x_p))/dx_p = ∂f_i/∂x at x_p: one backward
    # pass of the summed component gives row i of J at every point at once.
    need = sorted({ax.var for ax in axes})
    xs = [x.requires_grad_(True) if k in need else x for k, x in enumerate(xs)]
    y = fn(*xs).expand(n_points, *program.output_shape).reshape(n_points, -1)
    m = y.shape[1]
    jac = np.zeros((n_points, m, len(axes)))
    for i in range(m):
        check(task)
        if not y.requires_grad:
            break
        grads = torch.autograd.grad(
            y[:, i].sum(), [xs[k] for k in need], retain_graph=i < m - 1, allow_unused=True
        )
        by_var = dict(zip(need, grads, strict=True))
        for a, ax in enumerate(axes):
            g = by_var[ax.var]
            if g is not None:
                jac[:, i, a] = g.reshape(n_points, -1)[:, ax.entry].numpy()
    return y.detach().numpy(), jac


def _forward(fn, xs, axes, program, n_points, task):
    # One dual pass per plotted input: its tangent is a column of J at every point at once.
    m = program.n_outputs
    jac = np.zeros((n_points, m, len(axes)))
    values = None
    for a, ax in enumerate(axes):
        check(task)
        tangents = [torch.zeros_like(x) for x in xs]
        tangents[ax.var].view(n_points, -1)[:, ax.entry] = 1.0
        with forward_mode.dual_level():
            duals = [fwAD.make_dual(x, t) for x, t in zip(xs, tangents, strict=True)]
            out = fwAD.unpack_dual(fn(*duals, dual=True))
        if values is None:
            values = out.primal.expand(n_points, *program.output_shape).reshape(n_points, m).numpy()
        if out.tangent is not None:
            shape = (n_points, *program.output_shape)
            jac[:, :, a] = out.tangent.expand(shape).reshape(n_points, m).numpy()
    return values, jac


class Axis(NamedTuple):
    var: int  # index into program.variables
    entry: int  # flat (row-major) entry of that variable
    label: str
    lo: float
    hi: float
    n: int


def _resolve_axes(program: Program, over: Mapping[str, tuple[float, float, int]]) -> list[Axis]:
    """The plotted inputs, in the given order, located in the program's variables."""
    if not isinstance(over, Mapping) or not 1 <= len(over) <= 2:
        raise JacdeskError("give one or two inputs to vary, e.g. over={'x1': (-3, 3, 100)}")
    where: dict[str, tuple[int, int]] = {}
    for k, (name, shape) in enumerate(program.variables):
        for e, label in enumerate(entry_labels(name, shape, "row")):
            where[label] = (k, e)
    axes = []
    for label, spec in over.items():
        key = str(label).replace(" ", "")
        if key not in where:
            known = ", ".join(list(where)[:12])
            raise JacdeskError(f"{label!r} is not an input; choose one of {known}")
        axes.append(Axis(*where[key], key, *_range(key, spec)))
    if len(axes) == 2 and axes[0][:2] == axes[1][:2]:
        raise JacdeskError("the two plotted inputs must be different")
    total = int(np.prod([ax.n for ax in axes]))
    if total > MAX_POINTS:
        raise JacdeskError(f"{total:,} grid points is too many; the limit is {MAX_POINTS:,}")
    return axes


def _range(label: str, spec: Any) -> tuple[float, float, int]:
    try:
        lo, hi, n = spec
        lo, hi, n = float(lo), float(hi), int(n)
    except (TypeError, ValueError):
        raise JacdeskError(f"the range of {label} must be (lo, hi, n), e.g. (-3, 3, 100)") from None
    if not (np.isfinite(lo) and np.isfinite(hi)) or not lo < hi:
        raise JacdeskError(f"the range of {label} needs finite lo < hi, got {lo} and {hi}")
    if not 2 <= n <= MAX_PER_AXIS:
        raise JacdeskError(
            f"the number of points along {label} must be 2 to {MAX_PER_AXIS}, got {n}"
        )
    return lo, hi, n
