"""Exporting one matrix: save as exact CSV, spreadsheet CSV, Markdown or LaTeX; copy as a
NumPy / PyTorch literal or Markdown. Shared by every table's right-click menu and File ▸ Export.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QLocale
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from jacdesk.app.system.i18n import translate
from jacdesk.core.errors import JacdeskError
from jacdesk.core.formats import tables as fmt
from jacdesk.core.formats.plain import atomic_write

Grid = np.ndarray | Sequence[Sequence[str]]


def spreadsheet_profile() -> tuple[str, str]:
    """(separator, decimal mark) a spreadsheet expects under the system locale."""
    return fmt.spreadsheet_profile(QLocale.system().name())


def filters() -> dict[str, str]:
    sep, dec = spreadsheet_profile()
    sheet = translate(
        "MatrixExport",
        "CSV for spreadsheets — '{sep}' between cells, '{dec}' as decimal mark (*.csv)",
    )
    return {
        translate("MatrixExport", "CSV, exact — comma, shortest round-trip numbers (*.csv)"): "csv",
        sheet.format(sep=sep, dec=dec): "sheet",
        translate("MatrixExport", "Markdown table (*.md)"): "md",
        translate("MatrixExport", "LaTeX bmatrix (*.tex)"): "tex",
    }


def render(kind: str, data: Grid, rows, cols, corner: str = "") -> bytes:
    """The file content for ``kind`` (csv, sheet, md, tex)."""
    if kind == "csv":
        return fmt.to_csv_exact(data, rows, cols, corner).encode("utf-8")
    if kind == "sheet":
        sep, dec = spreadsheet_profile()
        return fmt.to_csv_spreadsheet(data, rows, cols, corner, decimal=dec, separator=sep)
    if kind == "md":
        return fmt.to_markdown(data, rows, cols, corner).encode("utf-8")
    return fmt.to_latex_bmatrix(data).encode("utf-8")


def export_dialog(
    parent: QWidget, title: str, data: Grid, rows=None, cols=None, corner: str = ""
) -> str | None:
    """Ask for a file and a format, then write atomically; the path written, or None."""
    options = filters()
    stem = "".join(ch if ch.isalnum() else "_" for ch in title).strip("_") or "matrix"
    path, chosen = QFileDialog.getSaveFileName(
        parent,
        translate("MatrixExport", "Export {title}").format(title=title),
        f"{stem}.csv",
        ";;".join(options),
    )
    if not path:
        return None
    kind = options.get(chosen, "csv")
    try:
        atomic_write(path, render(kind, data, rows, cols, corner))
    except JacdeskError as err:
        QMessageBox.warning(parent, translate("MatrixExport", "Export failed"), f"{err}")
        return None
    return path


def literal(kind: str, data: Grid) -> str:
    """Text for the clipboard: ``numpy`` / ``torch`` literal, or a ``markdown`` table."""
    if kind == "markdown" or not isinstance(data, np.ndarray):
        return fmt.to_markdown(data, None, None)
    return fmt.to_numpy_literal(data) if kind == "numpy" else fmt.to_torch_literal(data)


def copy_literal(kind: str, data: Grid, rows=None, cols=None) -> str:
    text = fmt.to_markdown(data, rows, cols) if kind == "markdown" else literal(kind, data)
    QGuiApplication.clipboard().setText(text)
    return text
