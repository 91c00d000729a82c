"""Session files (``*.jacdesk``): the inputs of one analysis as versioned JSON, saved atomically
and read back strictly, as data only (see :mod:`jacdesk.core.sessions.schema`).

Numbers are written with ``repr`` digits, so a saved point loads bit for bit and the loaded
session computes exactly what ``jacdesk-cli jacobian`` computes for the same inputs.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from jacdesk.core import conventions
from jacdesk.core.conventions import FLOAT64, NUMERATOR, ROW, ComputeOptions
from jacdesk.core.diff.values import to_array, to_arrays
from jacdesk.core.errors import JacdeskError
from jacdesk.core.formats.plain import atomic_write

from .schema import FORMAT, SCHEMA_VERSION, check_program, check_torch, fields, torch_json
from .strict_json import check_view, decode, encode, read_text

if TYPE_CHECKING:  # pragma: no cover
    from jacdesk.core.results.analysis import Analysis

__all__ = [
    "MAX_FILE_BYTES",
    "SCHEMA_VERSION",
    "SUFFIX",
    "Session",
    "load_session",
    "save_session",
    "session_from_args",
    "session_from_json",
]

SUFFIX = ".jacdesk"
MAX_FILE_BYTES = 4_000_000


def _vector(value: Any, what: str) -> np.ndarray | None:
    return None if value is None else to_array(value, what)


def _same(a: np.ndarray | None, b: np.ndarray | None) -> bool:
    if a is None or b is None:
        return a is b
    return a.shape == b.shape and a.tobytes() == b.tobytes()  # bit for bit, -0.0 ≠ 0.0


@dataclass(frozen=True, eq=False)
class Session:
    """The inputs of one analysis plus the front end's view settings.

    ``variables`` is ordered (the order of J's columns); every array is read-only float64.
    ``v`` / ``u`` are ``None`` (ones) or given like ``analyze``'s ``vjp`` / ``jvp``: flat in
    J's row / column order (or shaped like f / the only variable). ``view`` holds plain JSON.
    ``torch_source`` / ``torch_function`` keep the PyTorch script (and which of its functions)
    the expressions were read from, or ``None``. Two sessions are equal when every field is,
    arrays bit for bit.
    """

    expressions: tuple[str, ...] = ()
    variables: dict[str, np.ndarray] = field(default_factory=dict)
    constants: dict[str, np.ndarray] = field(default_factory=dict)
    vec: str = ROW
    layout: str = NUMERATOR
    hessian: bool = False
    symbolic: bool = True
    v: np.ndarray | None = None
    u: np.ndarray | None = None
    view: dict[str, Any] = field(default_factory=dict)
    torch_source: str | None = None
    torch_function: str | None = None
    dtype: str = FLOAT64

    def __post_init__(self) -> None:
        # Our own read-only copies: a session handed to a worker thread cannot change under it.
        exprs = (self.expressions,) if isinstance(self.expressions, str) else self.expressions
        if not all(isinstance(t, str) for t in exprs):
            raise JacdeskError("each expression must be text, such as x1**2 + 2*x2")
        conventions.check(self.layout, self.vec)
        conventions.check_dtype(self.dtype)
        variables = to_arrays(self.variables, "variable")
        constants = to_arrays(self.constants, "constant")
        both = variables.keys() & constants.keys()
        if both:
            name = sorted(both)[0]
            raise JacdeskError(f"{name!r} is given both as a variable and as a constant; pick one")
        put = object.__setattr__
        put(self, "expressions", tuple(exprs))
        put(self, "variables", variables)
        put(self, "constants", constants)
        put(self, "hessian", bool(self.hessian))
        put(self, "symbolic", bool(self.symbolic))
        put(self, "v", _vector(self.v, "v (for backward)"))
        put(self, "u", _vector(self.u, "u (for J u)"))
        put(self, "view", check_view(self.view))
        check_torch(self.torch_source, self.torch_function)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Session):
            return NotImplemented
        same_values = all(
            list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
            for a, b in ((self.variables, other.variables), (self.constants, other.constants))
        )
        return (
            same_values
            and (self.expressions, self.vec, self.layout, self.hessian, self.symbolic, self.dtype)
            == (
                other.expressions,
                other.vec,
                other.layout,
                other.hessian,
                other.symbolic,
                other.dtype,
            )
            and _same(self.v, other.v)
            and _same(self.u, other.u)
            and self.view == other.view
            and self.torch_source == other.torch_source
            and self.torch_function == other.torch_function
        )

    __hash__ = None  # type: ignore[assignment]  # holds dicts and arrays

    def to_json(self) -> str:
        """The file's text: ``{"format": "jacdesk-session", "schema": 1, ...}``, exact floats."""
        from jacdesk._version import __version__

        def build(compact) -> dict[str, Any]:
            def named(values: Mapping[str, np.ndarray]) -> list[dict[str, Any]]:
                return [
                    {"name": k, "shape": compact(list(a.shape)), "value": compact(a)}
                    for k, a in values.items()
                ]

            return {
                "format": FORMAT,
                "schema": SCHEMA_VERSION,
                "saved_by": {"jacdesk": __version__},
                "expressions": list(self.expressions),
                "variables": named(self.variables),
                "constants": named(self.constants),
                "conventions": {"vec": self.vec, "layout": self.layout},
                "options": {
                    "hessian": self.hessian,
                    "symbolic": self.symbolic,
                    # float64 files stay as they were; another dtype is written out
                    **({} if self.dtype == FLOAT64 else {"dtype": self.dtype}),
                },
                "v": compact(self.v),
                "u": compact(self.u),
                "view": self.view,
                **torch_json(self.torch_source, self.torch_function),
            }

        return encode(build)

    @property
    def options(self) -> ComputeOptions:
        """vec, layout, hessian, symbolic and dtype as the one options object the engine takes."""
        return ComputeOptions(
            vec=self.vec,
            layout=self.layout,
            hessian=self.hessian,
            symbolic=self.symbolic,
            dtype=self.dtype,
        )

    @classmethod
    def from_options(cls, options: ComputeOptions, **fields: Any) -> Session:
        """A session whose vec, layout, hessian, symbolic and dtype come from ``options``."""
        return cls(
            vec=options.vec,
            layout=options.layout,
            hessian=options.hessian,
            symbolic=options.symbolic,
            dtype=options.dtype,
            **fields,
        )

    def analyze(self, **kwargs: Any) -> Analysis:
        """``engine.analyze`` on these inputs: what ``jacdesk-cli jacobian`` computes for them.

        Keyword arguments (``symbolic_timeout``, ``rows``, ``device``, …) pass through and
        override the session's own (``symbolic=False`` for a quick numeric pass).
        """
        from jacdesk.core.engine import analyze

        keys = ("vec", "layout", "hessian", "symbolic", "dtype")
        chosen = {k: kwargs.pop(k) for k in keys if k in kwargs}
        inputs: dict[str, Any] = {"constants": self.constants, "vjp": self.v, "jvp": self.u}
        return analyze(
            list(self.expressions),
            self.variables,
            options=self.options.replace(**chosen),
            **{**inputs, **kwargs},
        )


def session_from_json(text: str, source: str = "session") -> Session:
    """A checked :class:`Session` from a file's text.

    Raises
    ------
    JacdeskError
        One line naming ``source`` for any problem: bad JSON, wrong types, sizes over the
        limits, names or expressions the language refuses, a newer schema.
    """
    try:
        if not isinstance(text, str):
            raise JacdeskError("a session file must be text")
        if len(text) > MAX_FILE_BYTES:
            raise JacdeskError(f"the file is larger than {MAX_FILE_BYTES:,} bytes")
        text = text.removeprefix("\ufeff")
        if not text.strip():
            raise JacdeskError("the file is empty; it holds no session")
        session = Session(**fields(decode(text)))
        check_program(
            session.expressions,
            session.variables,
            session.constants,
            session.vec,
            session.v,
            session.u,
        )
        return session
    except JacdeskError as err:
        raise JacdeskError(f"{source}: {err}") from None
    except json.JSONDecodeError as err:
        cut = " (is the file cut short?)" if err.pos >= len(text.rstrip()) else ""
        raise JacdeskError(
            f"{source}: not valid JSON at line {err.lineno}, column {err.colno}: {err.msg}{cut}"
        ) from None
    except RecursionError:
        raise JacdeskError(f"{source}: the JSON is nested too deeply to be a session") from None
    except (ValueError, TypeError, OverflowError, MemoryError) as err:
        raise JacdeskError(
            f"{source}: not a usable jacdesk session ({type(err).__name__}: {str(err)[:80]})"
        ) from None


def load_session(path: str | os.PathLike) -> Session:
    """Read and check a ``.jacdesk`` file (at most ``MAX_FILE_BYTES``, UTF-8 JSON).

    Raises
    ------
    JacdeskError
        One line naming the file: missing, a folder, too large, not UTF-8, or any problem
        :func:`session_from_json` finds.
    """
    name = Path(path).name or str(path)
    return session_from_json(read_text(path, MAX_FILE_BYTES, f"a {SUFFIX} file"), name)


def save_session(session: Session, path: str | os.PathLike) -> None:
    """Write ``session`` to exactly ``path``, atomically.

    Raises
    ------
    JacdeskError
        When the file could not be loaded back (too large, an expression that does not
        build, no variable) or not be written; the file on disk is then left as it was.
    """
    name = Path(path).name or str(path)
    text = session.to_json()
    size = len(text.encode("utf-8"))
    if size > MAX_FILE_BYTES:
        raise JacdeskError(
            f"cannot save {name}: the session would take {size:,} bytes, over the "
            f"{MAX_FILE_BYTES:,}-byte limit of session files; use smaller values; nothing was changed"
        )
    try:  # exactly the checks of loading, so that every saved file opens again
        session_from_json(text, "session")
    except JacdeskError as err:
        reason = str(err).removeprefix("session: ")
        raise JacdeskError(f"cannot save {name}: {reason}; nothing was changed") from None
    atomic_write(path, text)


def session_from_args(
    expressions: Sequence[str],
    variables: Mapping[str, Any] | Sequence[tuple[str, Any]],
    constants: Mapping[str, Any] | Sequence[tuple[str, Any]] | None = None,
    vec: str = ROW,
    layout: str = NUMERATOR,
    hessian: bool = False,
    symbolic: bool = True,
    v: Any = None,
    u: Any = None,
    options: ComputeOptions | None = None,
) -> Session:
    """The session for ``jacdesk-cli jacobian`` arguments (values may be text such as ``pi/4``).

    Values are converted exactly as ``analyze`` converts them, so the session reproduces the
    command's result. ``options``, when given, sets vec, layout, hessian, symbolic and dtype.
    """
    dtype = FLOAT64
    if options is not None:
        vec, layout, hessian, symbolic, dtype = (
            options.vec,
            options.layout,
            options.hessian,
            options.symbolic,
            options.dtype,
        )
    return Session(
        expressions=tuple(expressions),
        variables=dict(variables),
        constants=dict(constants or {}),
        vec=vec,
        layout=layout,
        hessian=hessian,
        symbolic=symbolic,
        v=v,
        u=u,
        dtype=dtype,
    )
