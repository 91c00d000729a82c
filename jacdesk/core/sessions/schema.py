"""Reading a ``.jacdesk`` file's JSON strictly: every field's type, size and meaning is checked
before anything is used, and nothing in the file is ever run.

The file is data only: numbers, names and expression texts. Names go through ``check_name``,
values through the same checks as typed values, expressions through jacdesk's own parser
(by the caller, once the shapes are known). Unknown top-level keys are ignored, so a newer
jacdesk can add fields without breaking older readers of the same schema.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from jacdesk.core.conventions import DTYPES, LAYOUTS, VECS
from jacdesk.core.diff.values import to_array
from jacdesk.core.errors import JacdeskError
from jacdesk.core.language.program import MAX_ENTRIES, build_program, check_name
from jacdesk.core.language.torch_reader import MAX_SOURCE as MAX_TORCH_SOURCE

from .strict_json import check_view, describe

FORMAT = "jacdesk-session"
SCHEMA_VERSION = 1
MAX_EXPRESSIONS = 1_000
MAX_NAMES = 1_000
MAX_NAME_LENGTH = 100


def _expect(value: Any, kind: type | tuple[type, ...], what: str, wanted: str) -> None:
    if not isinstance(value, kind) or (isinstance(value, bool) and bool not in _types(kind)):
        raise JacdeskError(f"{what} must be {wanted}, not {describe(value)}")


def _types(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)


def _numbers(value: Any, what: str) -> np.ndarray:
    """A scalar, a list of numbers or a rectangular list of lists, as float64 (≤ 2-D)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        rows: list[Any] = [value]
    elif isinstance(value, list):
        rows = value
    else:
        raise JacdeskError(f"{what} must be a number or a list of numbers, not {describe(value)}")
    for row in rows:
        items = row if isinstance(row, list) else [row]
        for x in items:
            if not isinstance(x, (int, float)) or isinstance(x, bool):
                raise JacdeskError(
                    f"{what} must hold numbers only (at most 2 levels of lists), "
                    f"found {describe(x)}"
                )
    return to_array(value, what)


def _shape(value: Any, what: str) -> tuple[int, ...]:
    _expect(value, list, f"the shape of {what}", "a list such as [2, 3]")
    if len(value) > 2 or not all(
        isinstance(d, int) and not isinstance(d, bool) and 1 <= d <= MAX_ENTRIES for d in value
    ):
        raise JacdeskError(
            f"the shape of {what} must be [], [n] or [m, n] with sizes from 1 to {MAX_ENTRIES:,}"
        )
    return tuple(value)


def _named_values(value: Any, role: str, taken: set[str]) -> dict[str, np.ndarray]:
    _expect(value, list, f"{role}s", 'a list of {"name", "shape", "value"} objects')
    if len(value) > MAX_NAMES:
        raise JacdeskError(f"{len(value):,} {role}s is more than the limit of {MAX_NAMES:,}")
    out: dict[str, np.ndarray] = {}
    for k, item in enumerate(value, start=1):
        where = f"{role} {k}"
        _expect(item, dict, where, 'an object with "name", "shape" and "value"')
        missing = [key for key in ("name", "shape", "value") if key not in item]
        if missing:
            raise JacdeskError(f"{where} has no {missing[0]!r}")
        name = item["name"]
        _expect(name, str, f"the name of {where}", "text")
        if len(name) > MAX_NAME_LENGTH:
            raise JacdeskError(
                f"the name of {where} is {len(name):,} characters long; the limit is {MAX_NAME_LENGTH}"
            )
        check_name(name, role)
        if name in taken:
            raise JacdeskError(f"the name {name!r} is used twice; each name may appear once")
        taken.add(name)
        shape = _shape(item["shape"], f"{role} {name}")
        arr = _numbers(item["value"], f"{role} {name}")
        if arr.shape != shape:
            raise JacdeskError(
                f"{role} {name} is declared with shape {list(shape)} but its value has shape "
                f"{list(arr.shape)}; make them agree"
            )
        out[name] = arr
    return out


def _header(data: Any) -> None:
    if not isinstance(data, dict):
        raise JacdeskError(
            f"the file holds {describe(data)}, not a JSON object: it is not a jacdesk session"
        )
    if data.get("format") != FORMAT:
        raise JacdeskError(f'not a jacdesk session file (no "format": "{FORMAT}")')
    schema = data.get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool):
        raise JacdeskError('the session file has no valid "schema" version number')
    if schema > SCHEMA_VERSION:
        raise JacdeskError(
            f"made by a newer jacdesk (schema {schema}); this version reads schema "
            f"{SCHEMA_VERSION} — update jacdesk"
        )
    if schema < 1:
        raise JacdeskError(f"schema {schema} does not exist; the first session schema is 1")


def fields(data: Any) -> dict[str, Any]:
    """Keyword arguments for ``Session`` from a decoded file, every field checked.

    Required: ``format``, ``schema``, ``expressions``, ``variables``; the rest have defaults.
    """
    _header(data)
    for key in ("expressions", "variables"):
        if key not in data:
            raise JacdeskError(f"the session file has no {key!r}")
    exprs = data["expressions"]
    _expect(exprs, list, "expressions", "a list of formulas (text)")
    if not exprs or len(exprs) > MAX_EXPRESSIONS:
        raise JacdeskError(f"a session needs 1 to {MAX_EXPRESSIONS:,} expressions")
    for k, text in enumerate(exprs, start=1):
        _expect(text, str, f"expression {k}", "text")
    taken: set[str] = set()
    variables = _named_values(data["variables"], "variable", taken)
    if not variables:
        raise JacdeskError("a session needs at least one variable to differentiate by")
    constants = _named_values(data.get("constants", []), "constant", taken)
    total = sum(a.size for a in [*variables.values(), *constants.values()])
    if total > MAX_ENTRIES:
        raise JacdeskError(f"the values hold {total:,} numbers; the limit is {MAX_ENTRIES:,}")
    conv = data.get("conventions", {})
    _expect(conv, dict, "conventions", 'an object with "vec" and "layout"')
    vec, layout = conv.get("vec", "row"), conv.get("layout", "numerator")
    if vec not in VECS or layout not in LAYOUTS:
        raise JacdeskError(
            'conventions must have "vec": "row" or "col" and "layout": "numerator" or "denominator"'
        )
    options = data.get("options", {})
    _expect(options, dict, "options", 'an object with "hessian" and "symbolic"')
    flags = {
        key: options.get(key, default) for key, default in (("hessian", False), ("symbolic", True))
    }
    for key, flag in flags.items():
        _expect(flag, bool, f"options.{key}", "true or false")
    dtype = options.get("dtype", "float64")
    if dtype not in DTYPES:
        raise JacdeskError('options.dtype must be "float64" or "float32"')
    vectors = {}
    for key, role in (("v", "v (for backward)"), ("u", "u (for J u)")):
        raw = data.get(key)
        vectors[key] = None if raw is None else _numbers(raw, role)
    return {
        "expressions": tuple(exprs),
        "variables": variables,
        "constants": constants,
        "vec": vec,
        "layout": layout,
        **flags,
        "dtype": dtype,
        **vectors,
        "view": check_view(data.get("view", {})),
        **_torch_fields(data.get("torch")),
    }


def check_torch(source: Any, function: Any) -> None:
    """The optional PyTorch source of a session: text within the limit, and its function."""
    if source is None:
        if function is not None:
            raise JacdeskError("a session names a PyTorch function but keeps no PyTorch source")
        return
    _expect(source, str, "the PyTorch source", "text")
    if len(source) > MAX_TORCH_SOURCE:
        raise JacdeskError(f"the PyTorch source is longer than {MAX_TORCH_SOURCE:,} characters")
    if function is not None:
        _expect(function, str, "the PyTorch function", "a name")
        if not function.isidentifier() or len(function) > MAX_NAME_LENGTH:
            raise JacdeskError(f"{function[:40]!r} is not the name of a Python function")


def torch_json(source: str | None, function: str | None) -> dict[str, Any]:
    """The file's ``"torch"`` object (absent without a source, so older files stay as they were)."""
    return {} if source is None else {"torch": {"source": source, "function": function}}


def _torch_fields(raw: Any) -> dict[str, Any]:
    # "torch" is optional and ignored by readers that predate it (schema 1 allows new keys).
    if raw is None:
        return {}
    _expect(raw, dict, '"torch"', 'an object with "source" and "function"')
    source, function = raw.get("source"), raw.get("function")
    check_torch(source, function)
    return {"torch_source": source, "torch_function": function}


def check_program(
    expressions: tuple[str, ...],
    variables: Mapping[str, np.ndarray],
    constants: Mapping[str, np.ndarray],
    vec: str,
    v: np.ndarray | None,
    u: np.ndarray | None,
) -> None:
    """Parse every expression with jacdesk's parser and check shapes, v and u."""
    from jacdesk.core.diff.ordering import Ordering

    shapes = {k: a.shape for k, a in variables.items()}
    try:
        program = build_program(expressions, shapes, {k: a.shape for k, a in constants.items()})
    except JacdeskError as err:
        raise err.located("expression 1") if len(expressions) == 1 else err from None
    order = Ordering(program, vec)
    if v is not None:
        order.output_vector(v, "v (for backward)")
    if u is not None:
        order.input_vector(u, "u (for J u)")
