"""Export all: every matrix of one analysis as exact labelled CSV in a folder, a copy of the
session and ``session.json`` (expressions, point, conventions, versions, the list of files).

The window and ``jacdesk-cli export-all`` write the same bundle through :func:`export_all`.
"""

from __future__ import annotations

import json
import os
import platform
from collections.abc import Callable, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

from jacdesk.core.conventions import NUMERATOR, short
from jacdesk.core.errors import JacdeskError
from jacdesk.core.formats.plain import atomic_write
from jacdesk.core.formats.tables import to_csv_exact
from jacdesk.core.language.program import entry_labels
from jacdesk.core.results.analysis import Analysis, json_array
from jacdesk.core.results.closed_form import closed_forms_json
from jacdesk.core.results.matrices import LabelledMatrix, select

from .session import Session
from .strict_json import encode

SESSION_COPY = "session.jacdesk"
SUMMARY = "session.json"


def _vec_words(vec: str) -> str:
    return f"{'row' if vec == 'row' else 'column'}-major vec"


def _csv(m: LabelledMatrix, corner: str) -> str:
    return to_csv_exact(m.data, m.row_labels, m.col_labels, m.corner or corner)


def matrix_files(result: Analysis) -> dict[str, str]:
    """File name → exact labelled CSV for every matrix ``result`` holds."""
    vec = _vec_words(result.vec)
    files = {f"{what}.csv": _csv(select(result, what), vec) for what in ("jacobian", "value")}
    files["vjp.csv"] = _csv(select(result, "vjp"), vec)
    files["jvp.csv"] = _csv(select(result, "jvp"), vec)
    if result.rows_by_backward is not None:
        files["rows_by_backward.csv"] = _csv(select(result, "rows"), vec)
    if result.hessian is not None:
        if result.hessian.ndim == 2:
            files["hessian.csv"] = _csv(select(result, "hessian"), vec)
        else:
            for k in range(1, result.hessian.shape[0] + 1):
                files[f"hessian_{k}.csv"] = _csv(select(result, f"hessian:{k}"), vec)
    for name in result.gradients:
        files[f"gradient_{name}.csv"] = _csv(select(result, f"gradient:{name}"), vec)
    text = getattr(result.symbolic, "jacobian_text", None)
    if text is not None:
        grid = text if result.layout == NUMERATOR else [list(c) for c in zip(*text, strict=True)]
        rows, cols = result.labels_in_layout
        corner = short(result.layout, result.vec)
        files["jacobian_symbolic.csv"] = to_csv_exact(grid, rows, cols, corner)
    lesson = result.kronecker
    if lesson is not None:
        (p, q), (r, s) = _kron_shapes(result, lesson.variable)
        for v, matrix, formula in (
            ("col", lesson.kron_col, lesson.formula_col),
            ("row", lesson.kron_row, lesson.formula_row),
        ):
            files[f"kronecker_{v}.csv"] = to_csv_exact(
                matrix,
                entry_labels("F", (p, q), v),
                entry_labels(lesson.variable, (r, s), v),
                f"{formula}, {_vec_words(v)}",
            )
    return files


def _kron_shapes(result: Analysis, variable: str) -> tuple[tuple[int, int], tuple[int, int]]:
    out, var = result.output_shape, dict(result.inputs)[variable]
    return (out[0], out[1]), (var[0], var[1])


def _checked_extra(extra: Mapping[str, str] | None, taken: set[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, text in (extra or {}).items():
        bad = (
            not isinstance(name, str)
            or not name.strip()
            or name.startswith(".")
            or any(c in name for c in ("/", "\\", "\0", ":"))
        )
        if bad:
            raise JacdeskError(f"{name!r} cannot be a file name in the export folder")
        if name in taken or name in out:
            raise JacdeskError(f"{name!r} is written twice in the export folder")
        if not isinstance(text, str):
            raise JacdeskError(f"the contents of {name!r} must be text")
        out[name] = text
    return out


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def _same(value: Any) -> Any:
    return value


def versions() -> dict[str, str | None]:
    """The versions behind a result, for reproducing it later."""
    from jacdesk._version import __version__

    return {
        "jacdesk": __version__,
        "python": platform.python_version(),
        "torch": _version("torch"),
        "numpy": _version("numpy"),
        "sympy": _version("sympy"),
    }


def summary(
    session: Session, result: Analysis, files: list[str], compact: Callable[[Any], Any] = _same
) -> dict[str, Any]:
    """The contents of ``session.json`` (``compact`` marks values to keep on one line)."""
    return {
        "expressions": list(result.expressions),
        "point": {k: compact(json_array(v)) for k, v in result.point.items()},
        "constants": {k: compact(json_array(v)) for k, v in session.constants.items()},
        "conventions": {
            "vec": result.vec,
            "layout": result.layout,
            "statement": result.conventions,
        },
        "versions": versions(),
        "files": files,
    }


def export_all(
    session: Session,
    result: Analysis,
    folder: str | os.PathLike,
    extra: Mapping[str, str] | None = None,
) -> list[Path]:
    """Write every matrix of ``result`` as CSV, the session and ``session.json`` into ``folder``.

    Parameters
    ----------
    session
        The inputs ``result`` was computed from (copied as ``session.jacdesk``).
    result
        The analysis whose matrices are written.
    folder
        Created if needed; files already there with the same names are replaced, each
        atomically.
    extra
        More files, name → text (the window's plot grids); plain names only.

    Returns
    -------
    list of Path
        The files written, ``session.json`` last.

    Raises
    ------
    JacdeskError
        For a bad extra name (before anything is written) or a folder that cannot be written.
    """
    files = matrix_files(result)
    forms = closed_forms_json(
        getattr(result.symbolic, "closed_forms", None), [name for name, _ in result.inputs]
    )
    if any(form is not None for form in forms.values()):
        files["closed_forms.json"] = json.dumps(forms, indent=2, ensure_ascii=False) + "\n"
    files[SESSION_COPY] = session.to_json()
    files.update(_checked_extra(extra, {*files, SUMMARY}))
    target = Path(folder)
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        reason = err.strerror or str(err)
        raise JacdeskError(f"cannot create the folder {target}: {reason}; choose another") from None
    written = []
    for name, text in files.items():
        atomic_write(target / name, text)
        written.append(target / name)
    text = encode(lambda compact: summary(session, result, list(files), compact))
    atomic_write(target / SUMMARY, text)
    return [*written, target / SUMMARY]
