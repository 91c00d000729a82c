"""The arguments of an allowed PyTorch call: the values the reader passes (terms, lists,
dtypes, options), their checks, and Python's argument binding for one table entry.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from jacdesk.core.errors import JacdeskError

from .torch_terms import Term

#: Keywords that choose a dtype or a device: jacdesk computes in float64 on its own.
IGNORED_KEYWORDS = frozenset(
    {
        "dtype",
        "device",
        "requires_grad",
        "layout",
        "memory_format",
        "non_blocking",
        "copy",
        "pin_memory",
    }
)


@dataclass(frozen=True)
class Seq:
    """A Python list or tuple inside the function (arguments of ``stack``, sizes, dims)."""

    items: tuple[Any, ...]


@dataclass(frozen=True)
class DType:
    name: str  # "float32", "float64", …


@dataclass(frozen=True)
class Op:
    """One allowed call: its parameters (``"dim=None"``, ``"*size"``) and how it is written."""

    params: tuple[str, ...]
    build: Callable[..., Any]
    meaning: str


def tensor(v: Any, what: str) -> Term:
    if isinstance(v, Term):
        return v
    kind = "a list" if isinstance(v, Seq) else repr(v)
    raise JacdeskError(f"{what} needs a tensor or a number here, not {kind}")


def whole(v: Any, what: str) -> int:
    if isinstance(v, int) and not isinstance(v, bool):
        return v  # a default of the table
    if isinstance(v, Term) and v.value is not None and float(v.value).is_integer():
        return int(v.value)
    raise JacdeskError(f"{what} must be a whole number written in the script")


def dims(v: Any, what: str) -> int | tuple[int, ...] | None:
    """``None``, one dim, or a tuple of dims."""
    if v is None:
        return None
    if isinstance(v, Seq):
        return tuple(whole(d, what) for d in v.items)
    return whole(v, what)


def sizes(v: Any, what: str) -> tuple[int, ...]:
    """``torch.ones(2, 3)``, ``ones((2, 3))`` and ``reshape([2, 3])`` alike."""
    items = v.items if isinstance(v, Seq) else (v,)
    if len(items) == 1 and isinstance(items[0], Seq):
        items = items[0].items
    return tuple(whole(d, what) for d in items)


def flag(v: Any, what: str) -> bool:
    if isinstance(v, bool):
        return v
    raise JacdeskError(f"{what} must be True or False")


def terms(v: Any, what: str) -> list[Term]:
    if isinstance(v, Seq) and v.items:
        return [tensor(t, what) for t in v.items]
    raise JacdeskError(f"{what} needs a list of tensors, such as [a, b]")


def default_only(v: Any, allowed: Sequence[Any], what: str) -> None:
    value = v.value if isinstance(v, Term) else v
    if value not in allowed:
        raise JacdeskError(f"{what} is read with its default only")


def bind(name: str, op: Op, args: list[Any], kwargs: dict[str, Any]) -> dict[str, Any]:
    """Python's argument binding for one table entry (``*shape`` takes the rest)."""
    names = [p.split("=")[0] for p in op.params]
    usage = f"{name}({', '.join(p for p in op.params if not p.startswith('_'))})"
    out: dict[str, Any] = {}
    rest = list(args)
    for p in names:
        if p.startswith("*"):
            out[p[1:]] = Seq(tuple(rest))
            rest = []
            break
        if not rest:
            break
        out[p] = rest.pop(0)
    if rest:
        raise JacdeskError(f"too many arguments for {usage}")
    plain = [p.lstrip("*") for p in names]
    for k, v in kwargs.items():
        if k == "out":
            raise JacdeskError(
                f"out= writes into another tensor; use the value {name}(...) returns"
            )
        if k in IGNORED_KEYWORDS:
            continue
        if k not in plain:
            raise JacdeskError(f"{name} is read as {usage}, which has no argument {k}=")
        if k in out:
            raise JacdeskError(f"{name} got {k} twice")
        out[k] = v
    required = [
        p
        for p, spec in zip(plain, op.params, strict=True)
        if "=" not in spec and not spec.startswith("*")
    ]
    missing = [p for p in required if p not in out]
    if missing:
        raise JacdeskError(f"{name} needs {missing[0]}: {usage}")
    return out
