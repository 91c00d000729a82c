"""Matrices as text: exact CSV, aligned plain text; atomic file writes."""

from __future__ import annotations

import contextlib
import math
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from jacdesk.core.errors import JacdeskError


def exact(x: float) -> str:
    """Shortest text that reads back as the same float64: ``repr``; ``nan``, ``inf``, ``-inf``."""
    x = float(x)
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return repr(x)


def readable(x: float, digits: int = 10) -> str:
    """Compact text for people: ``2``, ``0.3333333333``, ``1.5e-08``."""
    x = float(x)
    if not math.isfinite(x):
        return exact(x)
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    return f"{x:.{digits}g}"


def _csv_cell(label: str) -> str:
    # Labels like X[0,1] hold the separator: quote them, as RFC 4180 says.
    if any(c in label for c in ',"\n'):
        return '"' + label.replace('"', '""') + '"'
    return label


def to_csv(
    matrix: np.ndarray,
    row_labels: Sequence[str] | None = None,
    col_labels: Sequence[str] | None = None,
    corner: str = "",
) -> str:
    """Exact CSV of a 0-, 1- or 2-D array (a vector is one row) that numpy reads back bit for bit.

    Parameters
    ----------
    matrix
        The numbers.
    row_labels, col_labels
        When given, a first column of row names and a header row of column names.
    corner
        The top-left cell when both label sets are given (the conventions, e.g.
        ``numerator layout, row-major vec``).
    """
    a = np.asarray(matrix, dtype=np.float64)
    if a.ndim > 2:
        raise JacdeskError(f"a {a.ndim}-D array cannot be written as one CSV table")
    a = a.reshape(1, -1) if a.ndim < 2 else a
    lines = []
    if col_labels is not None:
        head = [corner] if row_labels is not None else []
        lines.append(",".join(_csv_cell(c) for c in head + list(col_labels)))
    for i, row in enumerate(a):
        cells = [exact(x) for x in row]
        if row_labels is not None:
            cells.insert(0, _csv_cell(row_labels[i]))
        lines.append(",".join(cells))
    return "\n".join(lines) + "\n"


def to_text_table(
    matrix: np.ndarray,
    row_labels: Sequence[str] | None = None,
    col_labels: Sequence[str] | None = None,
    digits: int = 10,
) -> str:
    """An aligned, right-justified table for a terminal; cells may be numbers or text."""
    a = np.asarray(matrix, dtype=object)
    a = a.reshape(1, -1) if a.ndim < 2 else a
    cells = [[x if isinstance(x, str) else readable(x, digits) for x in row] for row in a]
    rows = [list(r) for r in cells]
    if col_labels is not None:
        rows.insert(0, list(col_labels))
    if row_labels is not None:
        labels = ([""] if col_labels is not None else []) + list(row_labels)
        rows = [[lab, *r] for lab, r in zip(labels, rows, strict=True)]
    widths = [max(len(r[k]) for r in rows) for k in range(len(rows[0]))]
    return "\n".join("  ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)) for r in rows)


def atomic_write(path: str | os.PathLike, data: str | bytes, encoding: str = "utf-8") -> None:
    """Write a file so that it is either wholly new or untouched: temp file, fsync, rename.

    Raises
    ------
    JacdeskError
        When the folder is not writable, the disk is full, or the path is a folder.
    """
    target = Path(path)
    payload = data.encode(encoding) if isinstance(data, str) else data
    folder = target.parent if str(target.parent) else Path(".")
    tmp_name = None
    try:
        if target.is_dir():
            raise IsADirectoryError(21, "it is a folder", str(target))
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp_name, _mode_for(target))
        os.replace(tmp_name, target)
        tmp_name = None
    except OSError as err:
        reason = err.strerror or str(err)
        raise JacdeskError(f"cannot write {target}: {reason}; nothing was changed") from None
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


def _mode_for(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
