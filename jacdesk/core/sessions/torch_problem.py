"""A PyTorch script as a jacdesk problem: read the file, analyze it, keep it as a session.

The script is read by :func:`jacdesk.core.language.torch_reader.read_torch` (parsed, never
run); this module adds what needs the layers above the language: values typed as text
(``--var x=[1, pi]``), the analysis with the translation's notes among its warnings, and the
session that keeps the source.
"""

from __future__ import annotations

import io
import os
import stat
import tokenize
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jacdesk.core.diff.values import to_array
from jacdesk.core.errors import JacdeskError
from jacdesk.core.language.torch_reader import MAX_SOURCE, read_torch
from jacdesk.core.language.torch_translation import TorchTranslation
from jacdesk.core.results.analysis import evolve

from .session import Session

if TYPE_CHECKING:  # pragma: no cover
    from jacdesk.core.results.analysis import Analysis

__all__ = ["analyze_translation", "read_script", "read_torch_file", "session_from_translation"]

#: Bytes a script file may have (its text is limited to MAX_SOURCE characters).
MAX_SCRIPT_BYTES = 4 * MAX_SOURCE


def read_script(path: str | os.PathLike) -> str:
    """A ``.py`` file's text, refusing folders, special files and large files before reading.

    The encoding is the one the file declares (PEP 263), UTF-8 by default.
    """
    p = Path(path)
    name = p.name or str(p)
    try:
        info = p.stat()
        if not stat.S_ISREG(info.st_mode):
            kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
            raise JacdeskError(f"{name} is {kind}; choose a PyTorch script (.py)")
        with p.open("rb") as fh:
            raw = fh.read(MAX_SCRIPT_BYTES + 1)
    except FileNotFoundError:
        raise JacdeskError(f"{name}: no such file; check the name and the folder") from None
    except OSError as err:
        raise JacdeskError(f"cannot read {name}: {err.strerror or err}") from None
    if len(raw) > MAX_SCRIPT_BYTES:
        raise JacdeskError(
            f"{name} is larger than {MAX_SCRIPT_BYTES:,} bytes; jacdesk reads smaller scripts"
        )
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(raw).readline)
        return raw.decode(encoding)
    except (SyntaxError, LookupError, UnicodeDecodeError) as err:
        raise JacdeskError(
            f"{name}: the text cannot be decoded ({type(err).__name__}); save the script as UTF-8"
        ) from None


def read_torch_file(
    path: str | os.PathLike, function: str | None = None, values: Mapping[str, Any] | None = None
) -> TorchTranslation:
    """:func:`read_torch` on a file, with ``values`` that may be text (``"[1, pi/2]"``).

    A value may name the parameter as the script does or as jacdesk does (``e`` or ``e_``).
    """
    source = read_script(path)
    arrays = {k: to_array(v, f"--var {k}") for k, v in (values or {}).items()}
    return read_torch(source, function, arrays)


def analyze_translation(translation: TorchTranslation, **options: Any) -> Analysis:
    """``analyze`` on the translated problem, its notes added to the result's warnings.

    ``options`` are :func:`jacdesk.analyze`'s (``vjp``/``jvp`` replace the script's v / u;
    ``constants`` are merged over the script's).
    """
    from jacdesk.core.engine import analyze

    constants = {**translation.constants, **dict(options.pop("constants", None) or {})}
    options.setdefault("vjp", translation.v)
    options.setdefault("jvp", translation.u_in(options.get("vec", "row")))
    result = analyze(list(translation.expressions), translation.variables, constants, **options)
    return with_notes(result, translation.notes)


def with_notes(result: Analysis, notes: tuple[str, ...]) -> Analysis:
    """``result`` with ``notes`` after its own warnings (once each)."""
    extra = tuple(n for n in notes if n not in result.warnings)
    return evolve(result, warnings=result.warnings + extra) if extra else result


def session_from_translation(translation: TorchTranslation, **fields: Any) -> Session:
    """The session of a translated script; it keeps the source and the function's name.

    ``fields`` are further :class:`Session` fields (``vec``, ``layout``, ``hessian``, ``view``…)
    or ``options``, a ComputeOptions that sets the four compute fields.
    """
    options = fields.pop("options", None)
    if options is not None:
        fields = {**fields, "vec": options.vec, "layout": options.layout}
        fields |= {"hessian": options.hessian, "symbolic": options.symbolic}
    base: dict[str, Any] = {
        "expressions": translation.expressions,
        "variables": dict(translation.variables),
        "constants": dict(translation.constants),
        "v": translation.v,
        "u": translation.u_in(fields.get("vec", "row")),
        "torch_source": translation.source,
        "torch_function": translation.function,
    }
    return Session(**{**base, **fields})
