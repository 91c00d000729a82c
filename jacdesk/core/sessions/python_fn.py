"""``jacdesk.analyze_fn`` and ``jacdesk.show``: any torch function from Python or Jupyter.

The callable runs in the caller's own process (the caller chose to run their code): it is
traced once per input shape (:mod:`jacdesk.core.diff.trace_fn`) and its operations become an
ordinary jacdesk problem, so that ``analyze_fn`` returns exactly the :class:`Analysis` that
:func:`jacdesk.analyze` returns for it, symbolic J and closed forms included. Where an
operation has no mapping, the numbers come from the callable itself (``torch.func``) and the
warnings name the operation. ``show`` hands the traced problem to a new ``jacdesk`` window
process as a session file, so it works with or without a running event loop.
"""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import tempfile
import weakref
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from jacdesk.core.diff.callable_numeric import analyze_callable
from jacdesk.core.diff.trace_fn import Traced, as_inputs, trace
from jacdesk.core.errors import JacdeskError

from .session import SUFFIX, Session, save_session
from .torch_problem import with_notes

if TYPE_CHECKING:  # pragma: no cover
    from jacdesk.core.results.analysis import Analysis

__all__ = ["analyze_fn", "show", "traced_session"]

_CACHE_SIZE = 32
_cache: OrderedDict[tuple, tuple[Any, Traced]] = OrderedDict()  # key → (weakref to fn, traced)

#: analyze() options the numeric fallback understands; the rest only concern symbolic forms.
_NUMERIC_OPTIONS = ("jvp", "vec", "layout", "hessian", "rows", "fd_check", "det", "generation")


def _key(fn: Callable, xs: list) -> tuple:
    return (id(fn), getattr(fn, "__code__", None), tuple((tuple(x.shape), x.dtype) for x in xs))


def _traced(fn: Callable, xs: list, fresh: bool = False) -> Traced:
    """The trace of ``fn`` for inputs of these shapes (cached while ``fn`` lives)."""
    key = _key(fn, xs)
    entry = _cache.get(key)
    if entry is not None and not fresh and entry[0]() is fn:
        _cache.move_to_end(key)
        return entry[1]
    traced = trace(fn, xs)
    try:
        ref = weakref.ref(fn)
    except TypeError:  # a builtin or a callable object without weak references: no cache
        return traced
    _cache[key] = (ref, traced)
    while len(_cache) > _CACHE_SIZE:
        _cache.popitem(last=False)
    return traced


@dataclass(frozen=True)
class _Point:
    xs: list  # the inputs, in the dtype the function runs in
    value: np.ndarray  # f there, as float64
    loose: bool  # the function only runs in a lower precision (a float32 nn.Module)


def _point(fn: Callable, inputs: tuple) -> _Point:
    """The inputs as float64 tensors, or in their own dtype when the function needs it."""
    if not callable(fn):
        raise JacdeskError(f"the first argument must be a function, not {type(fn).__name__}")
    if not inputs:
        raise JacdeskError(
            "give the point after the function: analyze_fn(f, x) or analyze_fn(f, x, y)"
        )
    xs = as_inputs(inputs)
    try:
        return _Point(xs, _value_of(fn, xs), False)
    except JacdeskError:
        raise
    except Exception as err:  # the caller's own code failed on float64 inputs
        own = as_inputs(inputs, keep_dtype=True)
        if any(a.dtype != b.dtype for a, b in zip(own, xs, strict=True)):
            try:
                return _Point(own, _value_of(fn, own), True)
            except Exception:
                pass
        message = " ".join(str(err).split())[:160]
        raise JacdeskError(
            f"the function fails at this point ({type(err).__name__}: {message})"
        ) from None


def _dtype_notes(inputs: tuple) -> list[str]:
    dtypes = {str(x.dtype) for x in inputs if hasattr(x, "dtype")}
    kinds = sorted(d.removeprefix("torch.") for d in dtypes - {"torch.float64", "float64"})
    if not kinds:
        return []
    return [
        f"the inputs are {' / '.join(kinds)}; jacdesk computes in float64, so digits beyond float32's first 7 or so may differ from the function's own"
    ]


def _value_of(fn: Callable, xs: list) -> np.ndarray:
    """f at the point as float64, a tuple of numbers stacked as the trace stacks it."""
    out = fn(*xs)
    if isinstance(out, (tuple, list)) and out and all(getattr(o, "ndim", 1) == 0 for o in out):
        out = _stack(out)
    if not hasattr(out, "detach"):
        raise JacdeskError(f"the function must return a tensor, not {type(out).__name__}")
    return out.detach().cpu().numpy().astype(np.float64)


def _stack(parts: Any) -> Any:
    import torch

    return torch.stack([torch.as_tensor(p, dtype=torch.float64) for p in parts])


def _same(a: np.ndarray, b: np.ndarray, loose: bool = False) -> bool:
    """Whether the program's value is the function's, up to rounding (nan where nan)."""
    if a.shape != b.shape:
        return False
    if np.array_equal(a, b):  # the usual case: the same operations in float64
        return True
    rtol, atol = (1e-5, 1e-6) if loose else (1e-9, 1e-12)
    with np.errstate(all="ignore"):
        scale = max(1.0, float(np.nanmax(np.abs(b), initial=0.0)))
        close = np.abs(a - b) <= rtol * np.abs(b) + atol * scale
    return bool(np.all(close | (np.isnan(a) & np.isnan(b)) | (a == b)))


def _checked(
    fn: Callable, point: _Point, run: Callable[[Traced], Any], loose: bool = False
) -> tuple[Traced, Any]:
    """The trace whose program computes f at this point, and ``run(trace)``'s result.

    The cached trace is checked against the function's own value; a captured tensor that
    changed, or a branch that went the other way, gets a fresh trace. ``None`` as the result
    means the function cannot be written (``traced.unmapped`` says why). ``loose``: the
    program runs in float32, so its value matches the function's to float32's rounding.
    """
    traced = _traced(fn, point.xs)
    for attempt in range(2):
        if traced.expressions is None:
            return traced, None
        result = run(traced)
        if _same(np.asarray(result.value), point.value, point.loose or loose):
            return traced, result
        if attempt == 0:
            traced = _traced(fn, point.xs, fresh=True)
    reason = "the traced program does not reproduce the function's value at this point"
    return dataclasses.replace(traced, expressions=None, unmapped=reason), None


def analyze_fn(fn: Callable, *inputs: Any, v: Any = None, **options: Any) -> Analysis:
    """:func:`jacdesk.analyze` for a Python function of torch tensors.

    Parameters
    ----------
    fn
        A function of tensors (``lambda x: torch.stack([x[0]**2 + 2*x[1], ...])``), or an
        ``nn.Module``. It is called in this process: traced once per input shape, then once
        per call to check the trace.
    *inputs
        The point: one tensor (or number, list, array) per argument, at most 2-D.
    v
        v for ``y.backward(v)``, as ``analyze``'s ``vjp``; default ones.
    **options
        ``analyze``'s other options (``jvp``, ``vec``, ``layout``, ``hessian``, ``symbolic``…).

    Returns
    -------
    Analysis
        The same result as ``analyze`` on the traced expressions (named after ``fn``'s
        parameters); or, where an operation has no mapping, numbers computed from ``fn``
        itself without symbolic forms, with a warning naming the operation.

    Raises
    ------
    JacdeskError
        For inputs that are not 0- to 2-D real values, a function that fails at the point,
        or anything ``analyze`` refuses.
    """
    point = _point(fn, inputs)
    notes = _dtype_notes(inputs)
    in32 = (
        options.get("dtype") == "float32"
        or getattr(options.get("options"), "dtype", "") == "float32"
    )
    traced, result = _checked(
        fn, point, lambda t: _analyze_traced(t, point.xs, v, options), loose=in32
    )
    if result is not None:
        return with_notes(result, (*traced.notes, *notes))
    warning = (
        f"jacdesk has no mapping for {traced.unmapped}: J and the rest are computed "
        "numerically from the function itself, without symbolic forms"
    )
    if str(options.get("device") or "cpu") != "cpu":
        notes.append("the numbers from the function itself are computed on the CPU")
    numeric = {k: options[k] for k in _NUMERIC_OPTIONS if k in options}
    return analyze_callable(
        fn, point.xs, traced.names, vjp=v, warnings=[warning, *notes], **numeric
    )


def _analyze_traced(traced: Traced, xs: list, v: Any, options: dict[str, Any]) -> Analysis:
    """``analyze`` on the traced program; its symbolic forms come from this process's memo
    when the same program at the same point was asked for before (see ``symbolic.memo``)."""
    from jacdesk.core.engine import analyze
    from jacdesk.core.symbolic import memo
    from jacdesk.core.symbolic.stage import with_symbolic

    variables = {name: x.double().numpy() for name, x in zip(traced.names, xs, strict=True)}
    constants = {**traced.constants, **dict(options.get("constants") or {})}
    rest = {k: val for k, val in options.items() if k != "constants"}
    exprs = list(traced.expressions or ())
    if not rest.get("symbolic", True):
        return analyze(exprs, variables, constants, vjp=v, **rest)
    k = memo.key(
        exprs, variables, constants, rest.get("vec", "row"), rest.get("symbolic_timeout", 5.0)
    )
    kept = memo.recall(k)
    if kept is None:
        result = analyze(exprs, variables, constants, vjp=v, **rest)
        memo.remember(k, result.symbolic)
        return result
    numeric = analyze(exprs, variables, constants, vjp=v, **{**rest, "symbolic": False})
    return with_symbolic(numeric, kept)


def traced_session(fn: Callable, *inputs: Any, v: Any = None, u: Any = None) -> Session:
    """The session of ``fn`` at ``inputs``: its traced expressions, point and constants.

    Raises
    ------
    JacdeskError
        When an operation of ``fn`` has no mapping to jacdesk's language (named).
    """
    point = _point(fn, inputs)
    quick = {"symbolic": False, "rows": False, "fd_check": False, "det": False}
    traced, _ = _checked(fn, point, lambda t: _analyze_traced(t, point.xs, None, quick))
    if traced.expressions is None:
        raise JacdeskError(
            f"the window needs f in jacdesk's language, and jacdesk has no mapping for {traced.unmapped}; "
            "jacdesk.analyze_fn(f, ...) still computes its numbers"
        )
    return Session(
        expressions=traced.expressions,
        variables={
            name: x.double().numpy() for name, x in zip(traced.names, point.xs, strict=True)
        },
        constants=dict(traced.constants),
        v=v,
        u=u,
    )


def show(fn: Callable, *inputs: Any, v: Any = None, u: Any = None) -> subprocess.Popen:
    """Open the jacdesk window on ``fn`` at ``inputs``, from a Python shell or a notebook.

    The traced problem is written to a temporary session file, which a new ``jacdesk``
    process opens: this works whether or not an event loop or a QApplication is running
    here, and the window lives on if this interpreter exits.

    Returns
    -------
    subprocess.Popen
        The window's process (``.wait()`` blocks until the window is closed).
    """
    session = traced_session(fn, *inputs, v=v, u=u)
    name = getattr(fn, "__name__", "function")
    stem = name if name.isidentifier() else "function"
    path = Path(tempfile.mkdtemp(prefix="jacdesk-show-")) / f"{stem}{SUFFIX}"
    save_session(session, path)
    return subprocess.Popen(  # no shell: the arguments are a list
        [sys.executable, "-m", "jacdesk", str(path)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
