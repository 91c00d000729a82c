"""JSON for session files: strict decoding (no NaN/Infinity, no overflowing numbers, no
duplicate keys, no deep nesting in the view), and encoding with one line per array.
"""

from __future__ import annotations

import json
import math
import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from jacdesk.core.errors import JacdeskError

MAX_VIEW_BYTES = 64_000
MAX_VIEW_DEPTH = 8
_MAX_INT_DIGITS = 400  # past this an integer cannot be a float64 anyway


def _no_constant(token: str) -> Any:
    raise JacdeskError(f"the number {token} is not allowed; a session holds finite numbers only")


def _float(token: str) -> float:
    x = float(token)
    if not math.isfinite(x):  # 1e999 parses as inf
        raise JacdeskError(f"the number {token[:24]} is too large for float64")
    return x


def _int(token: str) -> int:
    if len(token) > _MAX_INT_DIGITS:
        raise JacdeskError(f"an integer with {len(token)} digits is too large for float64")
    n = int(token)
    try:
        float(n)
    except OverflowError:
        raise JacdeskError(f"the integer {token[:24]}… is too large for float64") from None
    return n


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:  # which one counts would depend on the reader: refuse the ambiguity
            raise JacdeskError(f"the key {key[:40]!r} appears twice in one object")
        out[key] = value
    return out


def decode(text: str) -> Any:
    """``json.loads`` without NaN/Infinity, overflowing numbers or duplicate keys."""
    return json.loads(
        text,
        parse_constant=_no_constant,
        parse_float=_float,
        parse_int=_int,
        object_pairs_hook=_pairs,
    )


def describe(value: Any) -> str:
    """A JSON value's kind in words, for messages."""
    return {
        dict: "an object",
        list: "a list",
        str: "text",
        bool: "true/false",
        int: "a number",
        float: "a number",
        type(None): "null",
    }.get(type(value), type(value).__name__)


def plain_json(value: Any, what: str = "view", depth: int = 0) -> Any:
    """A copy of ``value`` that holds only JSON data: text, finite numbers, booleans, null,
    lists and objects with text keys, nested at most ``MAX_VIEW_DEPTH`` deep."""
    if depth > MAX_VIEW_DEPTH:
        raise JacdeskError(f"{what} is nested more than {MAX_VIEW_DEPTH} levels deep")
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise JacdeskError(f"{what} holds {value}; only finite numbers are allowed")
        return value
    if isinstance(value, (list, tuple)):
        return [plain_json(x, what, depth + 1) for x in value]
    if isinstance(value, dict):
        if not all(isinstance(k, str) for k in value):
            raise JacdeskError(f"{what} has a key that is not text")
        return {k: plain_json(x, what, depth + 1) for k, x in value.items()}
    raise JacdeskError(f"{what} may hold only text, numbers, true/false, null, lists and objects")


def check_view(value: Any) -> dict[str, Any]:
    """The front end's settings, as plain JSON of at most ``MAX_VIEW_BYTES``."""
    if not isinstance(value, dict):
        raise JacdeskError(f"view must be an object, not {describe(value)}")
    copy = plain_json(value)
    size = len(json.dumps(copy, allow_nan=False).encode("utf-8"))
    if size > MAX_VIEW_BYTES:
        raise JacdeskError(f"view settings take {size:,} bytes; the limit is {MAX_VIEW_BYTES:,}")
    return copy


def encode(build: Callable[[Callable[[Any], str | None]], dict[str, Any]]) -> str:
    """The document ``build(compact)`` as indented JSON, each ``compact(value)`` on one line.

    ``build`` receives a function ``compact(value) -> placeholder`` and returns the document;
    the random token in the placeholders cannot occur in any text of the session.
    """
    token = secrets.token_hex(8)
    lines: dict[str, str] = {}

    def compact(value: Any) -> str | None:
        if value is None:
            return None
        key = f"@{token}:{len(lines)}"
        if isinstance(value, np.ndarray):
            value = value.tolist()  # Python floats: json writes their repr, exact
        lines[json.dumps(key)] = json.dumps(value, allow_nan=False)
        return key

    text = json.dumps(build(compact), indent=2, ensure_ascii=False, allow_nan=False)
    for key, value in lines.items():
        text = text.replace(key, value, 1)
    return text + "\n"


def read_text(path: str | os.PathLike, max_bytes: int, kind: str) -> str:
    """A file's UTF-8 text, refusing folders, special files and files over ``max_bytes``
    before reading them (so ``/dev/zero`` or a 2 GB file cannot exhaust memory)."""
    p = Path(path)
    name = p.name or str(p)
    try:
        info = p.stat()
        if stat.S_ISDIR(info.st_mode):
            raise JacdeskError(f"{name} is a folder; choose {kind}")
        if not stat.S_ISREG(info.st_mode):
            raise JacdeskError(f"{name} is not a regular file; choose {kind}")
        size = info.st_size
        if size <= max_bytes:
            with p.open("rb") as fh:
                raw = fh.read(max_bytes + 1)  # the file may have grown since stat
            size = len(raw)
    except FileNotFoundError:
        raise JacdeskError(f"{name}: no such file; check the name and the folder") from None
    except OSError as err:
        raise JacdeskError(f"cannot read {name}: {err.strerror or err}") from None
    if size > max_bytes:
        raise JacdeskError(
            f"{name} is {size:,} bytes; {kind} is at most {max_bytes:,} bytes, "
            "so this is not one (or it holds far too much data)"
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise JacdeskError(
            f"{name}: not UTF-8 text (byte {err.start}); {kind} is UTF-8 JSON"
        ) from None
