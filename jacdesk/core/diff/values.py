"""Values at the point: numbers, nested lists, arrays, or text such as ``pi/4`` or ``[1, 2]``."""

from __future__ import annotations

import math
import sys
import warnings
from collections.abc import Mapping
from typing import Any

import numpy as np

from jacdesk.core.errors import JacdeskError
from jacdesk.core.language.program import MAX_ENTRIES, build_program, check_name

# torch is imported only when a typed value needs evaluating: the window reads and checks
# values (sessions, the variables panel) long before torch has finished loading.


def parse_value(text: str, name: str = "value") -> np.ndarray:
    """Evaluate a constant expression (``2``, ``-1.5e3``, ``pi/4``, ``[[1, 2], [3, 4]]``).

    Parameters
    ----------
    text
        The typed value; may use numbers, ``pi``, ``e``, functions and list brackets,
        but no variables.
    name
        What the value is for, used in messages.

    Returns
    -------
    numpy.ndarray
        float64, 0-, 1- or 2-D.
    """
    try:
        program = build_program(text, {})
    except JacdeskError as err:
        raise JacdeskError(err.message, err.column, f"value of {name}") from None
    import torch

    from .torch_eval import TorchFunction

    with torch.no_grad():
        out = TorchFunction(program)().numpy()
    return _checked(out, name)


def to_array(value: Any, name: str, copy: bool = True) -> np.ndarray:
    """A read-only float64 array from a number, nested list, array, tensor or text.

    ``copy=False`` lets a float64 ndarray through as a read-only *view* (the caller's array
    keeps its flags): for values that are only read during one call, such as constants.
    """
    if not copy and isinstance(value, np.ndarray) and value.dtype == np.float64:
        return _checked(value.view(), name)
    if isinstance(value, str):
        return parse_value(value, name)
    # A tensor can only exist once torch is imported; while the warm-up thread is still
    # importing it, the module is in sys.modules without its attributes.
    tensor_type = getattr(sys.modules.get("torch"), "Tensor", None)
    if tensor_type is not None and isinstance(value, tensor_type):
        value = value.detach().cpu().numpy()
    if isinstance(value, bool) or value is None:
        raise JacdeskError(f"{name} needs a number, a vector or a matrix, not {value!r}")
    if isinstance(value, np.ndarray) and value.dtype.kind in "fiu":
        # Real already (the usual case, and every call of analyze_fn): no complex part to
        # guard against, so no warnings context (a tenth of a small analysis's set-up).
        return _checked(np.array(value, dtype=np.float64), name)
    try:
        with warnings.catch_warnings():
            # float64 would silently drop a complex value's imaginary part (numpy only warns).
            warnings.simplefilter("error", np.exceptions.ComplexWarning)
            arr = np.array(value, dtype=np.float64)
    except np.exceptions.ComplexWarning:
        raise JacdeskError(f"{name} is complex; jacdesk works with real numbers only") from None
    except OverflowError:
        raise JacdeskError(f"{name} is too large for a float64 (beyond 1.8e308)") from None
    except (TypeError, ValueError):
        raise JacdeskError(
            f"{name} is not a number, a vector or a rectangular matrix; "
            "write e.g. 2, [1, 2] or [[1, 2], [3, 4]]"
        ) from None
    return _checked(arr, name)


def _checked(arr: np.ndarray, name: str) -> np.ndarray:
    if arr.ndim > 2:
        raise JacdeskError(f"{name} has {arr.ndim} dimensions; use a scalar, a vector or a matrix")
    if arr.size == 0:
        raise JacdeskError(f"{name} is empty; give it at least one number")
    if arr.size > MAX_ENTRIES:
        raise JacdeskError(f"{name} has {arr.size:,} entries; the limit is {MAX_ENTRIES:,}")
    if arr.size <= 4096:  # small: one mask, no error-state context to enter
        finite = bool(np.isfinite(arr).all())
    else:
        with np.errstate(all="ignore"):  # a finite sum means every entry is finite (one pass)
            finite = math.isfinite(float(np.sum(arr))) or bool(np.isfinite(arr).all())
    if not finite:
        raise JacdeskError(f"{name} contains nan or inf; give finite numbers")
    # Callers hand over arrays of their own (np.array copied the user's value once already).
    arr = np.asarray(arr, dtype=np.float64)
    arr.flags.writeable = False
    return arr


def to_arrays(
    values: Mapping[str, Any] | None, role: str, copy: bool = True
) -> dict[str, np.ndarray]:
    """Check names and convert every value; keeps the given order."""
    if values is None:
        return {}
    if not isinstance(values, Mapping):
        try:
            values = dict(values)
        except (TypeError, ValueError):
            raise JacdeskError(f"{role}s must be given as name → value pairs") from None
    out: dict[str, np.ndarray] = {}
    for name, value in values.items():
        check_name(name, role)
        out[name] = to_array(value, f"{role} {name}", copy)
    return out
