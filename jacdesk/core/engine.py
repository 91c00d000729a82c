"""``analyze()``: f, J and everything the tutorial derives from it, at one point."""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping, Sequence
from typing import Any

import torch

from jacdesk.core.diff.budget import analysis_advice, check_fits, estimate_analysis, extra_costs
from jacdesk.core.diff.compile import _compiled_for, _ordering, _program, resolve_device
from jacdesk.core.diff.kronecker import lesson_for
from jacdesk.core.diff.numeric import DET_LIMIT, NumericRequest, numeric
from jacdesk.core.diff.values import to_arrays
from jacdesk.core.results.analysis import Analysis, evolve
from jacdesk.core.symbolic.stage import start_symbolic, with_symbolic

from . import conventions
from .conventions import FLOAT32, FLOAT64, NUMERATOR, ROW, ComputeOptions
from .errors import JacdeskError
from .tasks import TaskState

#: Extras that cost one pass per output or input run by default only up to this size.
TEACHING_LIMIT = 64

#: Set when an analysis has finished in this process: background warm-ups wait for it, so
#: that they never compete with the first numbers.
FIRST_RESULT = threading.Event()


def analyze(
    exprs: str | Sequence[str],
    variables: Mapping[str, Any],
    constants: Mapping[str, Any] | None = None,
    vjp: Any = None,
    jvp: Any = None,
    vec: str = ROW,
    layout: str = NUMERATOR,
    hessian: bool = False,
    symbolic: bool = True,
    rows: bool | None = None,
    fd_check: bool | None = None,
    det: bool | None = None,
    device: str | torch.device | None = None,
    symbolic_timeout: float = 5.0,
    generation: int = 0,
    task: TaskState | None = None,
    options: ComputeOptions | None = None,
    memory_budget: int | None = None,
    dtype: str = FLOAT64,
) -> Analysis:
    """Evaluate f and its derivatives at a point.

    Parameters
    ----------
    exprs
        One expression of any shape, or several scalar expressions (one output component each).
    variables
        Ordered differentiation inputs, name → value (number, nested list, array or text).
        The order is the column order of J.
    constants
        Names with values that are not differentiated.
    vjp
        v for ``y.backward(v)``: shaped like the output, or flat in J's row order. Default ones.
    jvp
        u for J u: flat in J's column order. Default ones.
    vec
        ``"row"`` (torch's layout) or ``"col"`` (textbook vec) flattening of matrices.
    layout
        ``"numerator"`` (rows of J = outputs, torch's) or ``"denominator"`` (the transpose).
        ``Analysis.jacobian`` stays in numerator layout; ``jacobian_in_layout``, the CLI's
        JSON and every export follow this choice and state it.
    hessian
        Also compute second derivatives of every output component.
    symbolic
        Also derive the symbolic Jacobian (time-bounded, in a child process).
    rows, fd_check
        Force the one-pass-per-row extras on or off; by default on up to 64 outputs and inputs.
    det
        Force det J (square J) on or off; by default on up to 256×256.
    device
        ``"cpu"`` (default) or ``"cuda"`` (falls back to the CPU when unavailable).
    symbolic_timeout
        Seconds the symbolic work may take before it is abandoned with a notice.
    generation
        Request number, carried in the result so that front ends can drop stale ones.
    task
        Progress and cancellation.
    options
        vec, layout, hessian, symbolic and dtype as one
        :class:`~jacdesk.core.conventions.ComputeOptions` (what the window, the CLI and session
        files hold); when given it wins over those five keywords, and a keyword that says
        otherwise is an error.
    memory_budget
        Bytes this request may use (default: :func:`jacdesk.core.diff.budget.memory_budget`,
        a safe share of the memory available). The need is predicted from the shapes before
        anything runs; over the budget the request is refused with one line.
    dtype
        ``"float64"`` (default) or ``"float32"``: the floating-point type torch computes f,
        J and every pass in (float32 really runs float32 kernels, as the seed's
        ``dtype=torch.float`` does). The result's arrays hold those values as float64, and
        the checks use float32's tolerances.

    Returns
    -------
    Analysis
        Immutable; ``to_dict()`` gives the CLI's JSON.

    Raises
    ------
    JacdeskError
        For any problem with the input, in one line with its column;
        :class:`~jacdesk.core.diff.budget.OverBudget` when it would not fit in memory.
    """
    t0 = time.perf_counter()
    if options is not None:
        vec, layout, hessian, symbolic, dtype = _from_options(
            options, vec, layout, hessian, symbolic, dtype
        )
    conventions.check(layout, vec)
    conventions.check_dtype(dtype)
    torch_type = torch.float32 if dtype == FLOAT32 else torch.float64
    texts = (exprs,) if isinstance(exprs, str) else tuple(exprs)
    if not texts:
        raise JacdeskError("no expression given; type at least one formula")
    if not all(isinstance(t, str) for t in texts):
        raise JacdeskError("each expression must be text, such as x1**2 + 2*x2")
    point = to_arrays(variables, "variable")
    # Constants are only read during this call (the compiled function keeps its own copy).
    consts = to_arrays(constants, "constant", copy=False)
    if not point:
        # Let the parser name the first value-less name (more useful than "no variables").
        _program(texts, (), tuple((k, v.shape) for k, v in consts.items()))
        raise JacdeskError("no variables: give at least one variable to differentiate by")
    program = _program(
        texts,
        tuple((k, v.shape) for k, v in point.items()),
        tuple((k, v.shape) for k, v in consts.items()),
    )
    dev, warnings = resolve_device(device)
    m, n = program.n_outputs, program.n_inputs
    small = m <= TEACHING_LIMIT and n <= TEACHING_LIMIT
    want_rows = small if rows is None else rows
    want_fd = small if fd_check is None else fd_check
    want_det = m == n and (det or (det is None and n <= DET_LIMIT))
    # Before anything of this size exists (even J's labels): refuse in one line what would
    # exhaust the machine.
    need = estimate_analysis(
        program, rows=want_rows, fd_check=want_fd, det=want_det, hessian=hessian
    )
    check_fits(need, analysis_advice(need, hessian), memory_budget)
    order = _ordering(program, vec)
    v = order.output_vector(vjp, "v (for backward)")
    u = order.input_vector(jvp, "u (for J u)")

    sym_future = start_symbolic(program, consts, point, vec, symbolic_timeout) if symbolic else None
    fn = _compiled_for(program, consts, str(dev), torch_type)
    # float32 is computed in float32 (torch's own kernels), not float64 rounded afterwards.
    xs = [torch.tensor(point[name], dtype=torch_type, device=dev) for name, _ in program.variables]
    try:
        request = NumericRequest(
            fn=fn,
            point=tuple(xs),
            program=program,
            ordering=order,
            v=v,
            u=u,
            rows=want_rows,
            fd_check=want_fd,
            hessian=hessian,
            det=det,
            task=task,
            u_given=jvp is not None,
        )
        result = numeric(request)
    except torch.cuda.OutOfMemoryError:  # type: ignore[attr-defined]
        raise JacdeskError("the GPU ran out of memory; use a smaller problem or the CPU") from None
    except MemoryError:
        # The prediction is an estimate: should the machine still run short, say so in one line.
        raise JacdeskError(
            "the computer ran out of memory for this request; use smaller shapes or "
            "differentiate by fewer variables",
            about="memory",
        ) from None
    except torch.linalg.LinAlgError:
        # inv(X), or the derivative of logdet(X), at a singular X: torch refuses to go on.
        raise JacdeskError(
            "a matrix is singular at this point (inv or logdet cannot be differentiated there); "
            "choose another point"
        ) from None
    warnings += result.warnings
    skipped = extra_costs(
        program,
        rows=not want_rows and rows is None,
        fd_check=not want_fd and fd_check is None,
        det=m == n and not want_det and det is None,
    )
    if not want_rows and rows is None:
        warnings.append(
            f"row-by-row backward skipped: more than {TEACHING_LIMIT} outputs or inputs (it can still be requested: rows=True in Python, --rows on the command line)"
        )
    if not want_fd and fd_check is None:
        warnings.append(
            f"finite-difference check skipped: more than {TEACHING_LIMIT} outputs or inputs (it can still be requested: fd_check=True in Python, --fd-check on the command line)"
        )

    if result.check.fd_ok is False:
        warnings.append(
            "finite differences disagree with autograd here; f may not be differentiable at this point"
        )
    lesson = lesson_for(program.texts, program.variables, consts, result.jacobian_blocks)
    first = Analysis(
        kronecker=lesson,
        expressions=program.texts,
        inputs=program.variables,
        input_labels=order.col_labels,
        output_labels=order.row_labels,
        output_shape=program.output_shape,
        vec=vec,
        layout=layout,
        point=dict(point),
        symbolic=None,
        warnings=tuple(warnings),
        device=str(dev),
        dtype=dtype,
        generation=generation,
        value=result.value,
        jacobian=result.jacobian,
        jacobian_blocks=result.jacobian_blocks,
        v=result.v,
        vjp=result.vjp,
        gradients=result.gradients,
        u=result.u,
        jvp=result.jvp,
        rows_by_backward=result.rows_by_backward,
        backward_passes=result.backward_passes,
        forward_passes=result.forward_passes,
        determinant=result.determinant,
        log_abs_det=result.log_abs_det,
        det_sign=result.det_sign,
        hessian=result.hessian,
        strategy=result.strategy,
        check=result.check,
        extras={**result.extras, "skipped": skipped},
    )
    if sym_future is not None:
        first = with_symbolic(first, sym_future.result())
    if not FIRST_RESULT.is_set():  # set() takes the event's lock and notifies every time
        FIRST_RESULT.set()
    return evolve(first, elapsed_s=time.perf_counter() - t0)


def _from_options(
    options: ComputeOptions, vec: str, layout: str, hessian: bool, symbolic: bool, dtype: str
) -> tuple[str, str, bool, bool, str]:
    """vec, layout, hessian, symbolic, dtype from ``options``; a keyword set otherwise conflicts."""
    given = {"vec": vec, "layout": layout, "hessian": hessian, "symbolic": symbolic}
    given["dtype"] = dtype
    defaults = {"vec": ROW, "layout": NUMERATOR, "hessian": False, "symbolic": True}
    defaults["dtype"] = FLOAT64
    for name, value in given.items():
        wanted = getattr(options, name)
        if value != defaults[name] and value != wanted:
            raise JacdeskError(
                f"{name}={value!r} conflicts with options.{name}={wanted!r}; give one of them"
            )
    return options.vec, options.layout, options.hessian, options.symbolic, options.dtype


def symbolic_for(
    result: Analysis, constants: Mapping[str, Any] | None = None, timeout: float = 5.0
):
    """The symbolic forms for a numeric-only result (the window's second stage).

    Blocks while the sympy child works; cancel it from another thread with
    ``sympy_process.default_service().cancel()``.
    """
    from jacdesk.core.symbolic.process import default_service

    consts = to_arrays(constants, "constant")
    program = _program(
        result.expressions,
        tuple((k, v.shape) for k, v in result.point.items()),
        tuple((k, v.shape) for k, v in consts.items()),
    )
    return default_service().request(
        program, consts, dict(result.point), vec=result.vec, timeout=timeout
    )
