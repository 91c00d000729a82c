"""More ways to hand a matrix on: exact CSV of text grids, spreadsheet CSV for the locale,
TSV, Markdown, LaTeX ``bmatrix`` and NumPy / PyTorch literals.

Numbers are always written with their shortest round-trip digits (``repr``), so nothing is
lost on the way; only the spreadsheet profile changes the decimal mark, as spreadsheets expect.
Every function takes a 0-, 1- or 2-D array of numbers (a vector is one row) and, except the
literals, also a grid of strings (the symbolic J).
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from typing import Any

import numpy as np

from jacdesk.core.errors import JacdeskError

from .plain import exact, to_csv

#: Languages whose usual decimal mark is a comma (CLDR); all others use a dot.
COMMA_DECIMAL_LANGUAGES = frozenset(
    {
        "af",
        "az",
        "be",
        "bg",
        "bs",
        "ca",
        "cs",
        "da",
        "de",
        "el",
        "es",
        "et",
        "eu",
        "fi",
        "fo",
        "fr",
        "gl",
        "hr",
        "hu",
        "hy",
        "id",
        "is",
        "it",
        "ka",
        "kk",
        "ky",
        "lb",
        "lt",
        "lv",
        "mk",
        "mn",
        "nb",
        "nl",
        "nn",
        "no",
        "pl",
        "pt",
        "ro",
        "ru",
        "sk",
        "sl",
        "sq",
        "sr",
        "sv",
        "tk",
        "tr",
        "uk",
        "uz",
        "vi",
    }
)
#: Countries that write a dot although their language usually writes a comma.
DOT_DECIMAL_EXCEPTIONS = frozenset(
    [("de", "CH"), ("de", "LI"), ("it", "CH")]
    + [("es", c) for c in ("MX", "US", "PR", "DO", "GT", "HN", "NI", "PA", "SV", "PE")]
)
BOM = "\ufeff"


def spreadsheet_profile(locale_name: str) -> tuple[str, str]:
    """(separator, decimal mark) a spreadsheet expects under a locale.

    Parameters
    ----------
    locale_name
        ``"de_DE"``, ``"de_DE.UTF-8"``, ``"fr"``, ``"pt-BR"``, ``"en_US"``, ``"C"``, ``""``.

    Returns
    -------
    tuple of str
        ``(";", ",")`` where the decimal mark is a comma (the comma is then taken), else
        ``(",", ".")``.
    """
    base = str(locale_name or "").split(".")[0].split("@")[0].replace("-", "_")
    lang, _, country = base.partition("_")
    lang, country = lang.lower(), country.upper()
    if lang in COMMA_DECIMAL_LANGUAGES and (lang, country) not in DOT_DECIMAL_EXCEPTIONS:
        return ";", ","
    return ",", "."


def system_locale_name() -> str:
    """The locale that decides number formats here (``LC_ALL``, ``LC_NUMERIC``, ``LANG``)."""
    for key in ("LC_ALL", "LC_NUMERIC", "LANG"):
        value = os.environ.get(key)
        if value:
            return value
    return "C"


def _grid(matrix: Any) -> tuple[list[list[Any]], bool]:
    """Rows of cells (floats or strings) and whether they are text."""
    if isinstance(matrix, np.ndarray) and matrix.dtype.kind in "biuf":
        a = np.asarray(matrix, dtype=np.float64)
    else:
        a = np.asarray(matrix, dtype=object)
    if a.ndim > 2:
        raise JacdeskError(f"a {a.ndim}-D array cannot be written as one table")
    a = a.reshape(1, -1) if a.ndim < 2 else a
    text = a.dtype == object and any(isinstance(x, str) for x in a.flat)
    if text:
        return [[x if isinstance(x, str) else exact(x) for x in row] for row in a], True
    try:
        return np.asarray(a, dtype=np.float64).tolist(), False
    except (TypeError, ValueError):
        raise JacdeskError("a matrix to export must hold numbers or text") from None


def _table(
    matrix: Any,
    row_labels: Sequence[str] | None,
    col_labels: Sequence[str] | None,
    corner: str,
    number=exact,
    label=str,
) -> list[list[str]]:
    """All rows as strings, labels included; ``number`` writes numbers, ``label`` text."""
    rows, _ = _grid(matrix)
    out = []
    if col_labels is not None:
        head = [corner] if row_labels is not None else []
        out.append([label(c) for c in [*head, *col_labels]])
    for i, row in enumerate(rows):
        cells = [label(x) if isinstance(x, str) else number(x) for x in row]
        if row_labels is not None:
            cells.insert(0, label(row_labels[i]))
        out.append(cells)
    return out


def to_csv_exact(
    matrix: Any,
    row_labels: Sequence[str] | None = None,
    col_labels: Sequence[str] | None = None,
    corner: str = "",
) -> str:
    """Exact CSV (UTF-8, comma, ``\\n``) of numbers or of a grid of strings (RFC 4180 quoting)."""
    rows, text = _grid(matrix)
    if not text:
        return to_csv(np.asarray(rows, dtype=np.float64), row_labels, col_labels, corner)
    table = _table(rows, row_labels, col_labels, corner, label=lambda s: _quoted(s, ","))
    return "".join(",".join(r) + "\n" for r in table)


def _quoted(cell: str, separator: str) -> str:
    if any(c in cell for c in (separator, '"', "\n", "\r")):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def _defused(cell: str) -> str:
    # A spreadsheet runs a cell starting with = + - @ as a formula ("-2*x1" → #NAME?, or
    # worse from a file made by someone else); a leading apostrophe makes it plain text.
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


def to_csv_spreadsheet(
    matrix: Any,
    row_labels: Sequence[str] | None = None,
    col_labels: Sequence[str] | None = None,
    corner: str = "",
    *,
    decimal: str = ",",
    separator: str = ";",
) -> bytes:
    """CSV that a spreadsheet opens correctly on a double-click under the user's locale.

    UTF-8 with a byte-order mark (so Excel sees UTF-8), CRLF line ends, all round-trip digits
    but the locale's decimal mark; text cells are quoted as needed and never read as formulas.
    Use :func:`spreadsheet_profile` for ``separator`` and ``decimal``.
    """
    if decimal not in (".", ",") or separator not in (",", ";", "\t") or decimal == separator:
        raise JacdeskError(
            f"cannot write CSV with separator {separator!r} and decimal mark {decimal!r}; "
            "use ';' with ',' or ',' with '.'"
        )

    def number(x: float) -> str:
        return exact(x).replace(".", decimal)

    def label(s: str) -> str:
        return _quoted(_defused(s), separator)

    table = _table(matrix, row_labels, col_labels, corner, number, label)
    return (BOM + "".join(separator.join(r) + "\r\n" for r in table)).encode("utf-8")


def to_tsv(
    matrix: Any,
    row_labels: Sequence[str] | None = None,
    col_labels: Sequence[str] | None = None,
    corner: str = "",
) -> str:
    """Tab-separated exact values, the clipboard format spreadsheets paste into cells."""

    def label(s: str) -> str:  # TSV has no quoting: tabs and line breaks become spaces
        return " ".join(s.replace("\t", " ").splitlines())

    table = _table(matrix, row_labels, col_labels, corner, label=label)
    return "".join("\t".join(r) + "\n" for r in table)


def to_markdown(
    matrix: Any,
    row_labels: Sequence[str] | None = None,
    col_labels: Sequence[str] | None = None,
    corner: str = "",
) -> str:
    """A Markdown (GitHub) table with exact values, numbers right-aligned."""

    def label(s: str) -> str:
        return " ".join(s.replace("\\", "\\\\").replace("|", "\\|").splitlines())

    rows, _ = _grid(matrix)
    width = len(rows[0]) + (row_labels is not None)
    table = _table(rows, row_labels, col_labels, corner, label=label)
    if col_labels is None:  # Markdown needs a header row: leave it empty
        table.insert(0, [""] * width)
    rule = ["---" if row_labels is not None and k == 0 else "---:" for k in range(width)]
    table.insert(1, rule)
    return "".join("| " + " | ".join(r) + " |\n" for r in table)


def _latex_number(x: float) -> str:
    if math.isnan(x):
        return r"\mathrm{NaN}"
    if math.isinf(x):
        return r"\infty" if x > 0 else r"-\infty"
    if x == int(x) and abs(x) < 1e15:
        return str(int(x)) if x != 0 or math.copysign(1, x) > 0 else "-0"
    mantissa, e, power = repr(x).partition("e")
    return rf"{mantissa} \times 10^{{{int(power)}}}" if e else mantissa


def to_latex_bmatrix(matrix: Any) -> str:
    """``\\begin{bmatrix} 2 & 2 \\\\ 3 & 16 \\end{bmatrix}``: exact digits, whole numbers
    without ``.0``; cells of a string grid (e.g. sympy's LaTeX) are inserted as they are."""
    rows, _ = _grid(matrix)
    body = " \\\\\n".join(
        " & ".join(x if isinstance(x, str) else _latex_number(x) for x in row) for row in rows
    )
    return "\\begin{bmatrix}\n" + body + "\n\\end{bmatrix}"


def _py_number(x: float) -> str:
    if math.isnan(x):
        return "float('nan')"
    if math.isinf(x):
        return "float('inf')" if x > 0 else "float('-inf')"
    return repr(float(x))


def _py_nested(a: np.ndarray) -> str:
    if a.ndim == 0:
        return _py_number(float(a))
    return "[" + ", ".join(_py_nested(x) for x in a) + "]"


def _numbers(matrix: Any) -> np.ndarray:
    try:
        a = np.asarray(matrix, dtype=np.float64)
    except (TypeError, ValueError):
        raise JacdeskError("only a matrix of numbers can be written as a literal") from None
    if a.ndim > 2:
        raise JacdeskError(f"a {a.ndim}-D array is not supported here; use a matrix")
    return a


def to_numpy_literal(matrix: Any) -> str:
    """``np.array([[2.0, 2.0], [3.0, 16.0]])``: pasted into Python it gives the same bits."""
    return f"np.array({_py_nested(_numbers(matrix))})"


def to_torch_literal(matrix: Any) -> str:
    """``torch.tensor([[2.0, 2.0], [3.0, 16.0]], dtype=torch.float64)``, exact."""
    return f"torch.tensor({_py_nested(_numbers(matrix))}, dtype=torch.float64)"
