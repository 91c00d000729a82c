"""Symbolic results kept in this process for a problem asked about again unchanged.

The sympy child already keeps the derived forms of a program, but each request still goes
there and back (about a millisecond, and a thread hop that competes with the numeric work).
A caller that asks the same question again — ``jacdesk.analyze_fn`` in a loop or a notebook
cell run twice — gets the finished result from here. Results are immutable, so one object can
serve every caller; only complete results (status ``"ok"``) are kept.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

__all__ = ["forget", "recall", "remember"]

_SIZE = 32
_lock = threading.Lock()
_kept: OrderedDict[tuple, Any] = OrderedDict()


def _arrays(values: Mapping[str, Any]) -> tuple:
    out = []
    for name, value in values.items():
        a = np.ascontiguousarray(value, dtype=np.float64)
        out.append((name, a.shape, hashlib.blake2b(a.tobytes(), digest_size=16).digest()))
    return tuple(out)


def key(
    expressions: Sequence[str],
    variables: Mapping[str, Any],
    constants: Mapping[str, Any],
    vec: str,
    timeout: float,
) -> tuple:
    """What a symbolic request depends on: the texts, every value bit for bit, vec, timeout."""
    return (tuple(expressions), _arrays(variables), _arrays(constants), vec, float(timeout))


def recall(k: tuple) -> Any | None:
    """The result kept under ``k``, or None."""
    with _lock:
        found = _kept.get(k)
        if found is not None:
            _kept.move_to_end(k)
        return found


def remember(k: tuple, result: Any) -> None:
    """Keep ``result`` (a SymbolicResult) under ``k`` when it is complete."""
    if getattr(result, "status", None) != "ok":
        return  # a timeout or a cancel may go better next time
    with _lock:
        _kept[k] = result
        _kept.move_to_end(k)
        while len(_kept) > _SIZE:
            _kept.popitem(last=False)


def forget() -> None:
    """Drop every kept result (tests; after the sympy child was replaced)."""
    with _lock:
        _kept.clear()
