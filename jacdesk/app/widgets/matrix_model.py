"""A read-only table model over a 2-D float array or a grid of strings (cf. Spyder's ArrayModel).

Every cell is formatted on demand in :meth:`MatrixModel.data`, so the cost of a view is the
number of cells on screen, whatever the size of the matrix (J may be 4096 × 4096).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QFont

from .style import DEFAULT_DIGITS, NON_FINITE_BG, NOT_FINITE_TIP, STALE_FG, number_text

Index = QModelIndex | QPersistentModelIndex
CellName = Callable[[int, int], str]

_DISPLAY = Qt.ItemDataRole.DisplayRole
_ALIGN = Qt.ItemDataRole.TextAlignmentRole
_BACKGROUND = Qt.ItemDataRole.BackgroundRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_FONT = Qt.ItemDataRole.FontRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
# The roles a cell answers; the delegate asks ~10 per cell per paint, most of them for nothing.
_ROLES = frozenset(int(r) for r in (_DISPLAY, _ALIGN, _BACKGROUND, _FOREGROUND, _FONT, _TOOLTIP))
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class MatrixModel(QAbstractTableModel):
    """Numbers (``array()``) or text (symbolic forms), with row / column labels.

    Numbers show ``precision`` significant digits, right-aligned; nan / inf cells get a light
    red background. Tooltips hold the exact value (``repr``), named by ``cell_name(r, c)``.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._array: np.ndarray | None = None
        self._texts: Sequence[Sequence[str]] | None = None
        self._shape = (0, 0)
        self._row_labels: Sequence[str] | None = None
        self._col_labels: Sequence[str] | None = None
        self._cell_name: CellName | None = None
        self._latex: Sequence[Sequence[str]] | None = None
        self._precision = DEFAULT_DIGITS
        self._stale = False
        self._bad_brush = QBrush(NON_FINITE_BG)
        self._stale_brush = QBrush(STALE_FG)
        self._stale_font = QFont()
        self._stale_font.setItalic(True)

    # ------------------------------------------------------------------------------ content
    def set_data(
        self,
        data: np.ndarray | Sequence[Sequence[str]] | None,
        row_labels: Sequence[str] | None = None,
        col_labels: Sequence[str] | None = None,
        cell_name: CellName | None = None,
    ) -> None:
        """New content: a 2-D float array, a grid of strings, or ``None`` (empty)."""
        if self._same_frame(data, row_labels, col_labels):
            # New numbers in the same frame (a point moved): a reset would make every view
            # re-lay out its headers and selection (~0.5 ms each, 30 models per edit); the
            # cells' change is all there is to say.
            self._array, self._cell_name, self._latex = data, cell_name, None
            rows, cols = self._shape
            self.dataChanged.emit(self.index(0, 0), self.index(rows - 1, cols - 1))
            return
        self.beginResetModel()
        self._array, self._texts = None, None
        if data is None:
            self._shape = (0, 0)
        elif isinstance(data, np.ndarray) and data.dtype.kind in "biuf":
            if data.ndim != 2:
                self.endResetModel()
                raise ValueError(f"MatrixModel needs a 2-D array, not {data.ndim}-D")
            self._array = data
            self._shape = data.shape
        else:
            self._texts = data
            self._shape = (len(data), len(data[0]) if len(data) else 0)
        rows, cols = self._shape
        for labels, n, what in ((row_labels, rows, "row"), (col_labels, cols, "column")):
            if labels is not None and len(labels) != n:
                self._array, self._texts, self._shape = None, None, (0, 0)
                self.endResetModel()
                raise ValueError(f"{len(labels)} {what} labels for {n} {what}s")
        self._row_labels, self._col_labels = row_labels, col_labels
        self._cell_name = cell_name
        self._latex = None
        self.endResetModel()

    def _same_frame(
        self,
        data: object,
        row_labels: Sequence[str] | None,
        col_labels: Sequence[str] | None,
    ) -> bool:
        """Whether ``data`` is numbers of the shape shown, under the same labels."""
        if self._array is None or not isinstance(data, np.ndarray):
            return False
        if data.dtype.kind not in "biuf" or data.shape != self._shape or 0 in self._shape:
            return False
        return _same_labels(row_labels, self._row_labels) and _same_labels(
            col_labels, self._col_labels
        )

    def array(self) -> np.ndarray | None:
        """The numbers shown, or ``None`` when the model holds text or nothing."""
        return self._array

    def texts(self) -> Sequence[Sequence[str]] | None:
        return self._texts

    def latex(self) -> Sequence[Sequence[str]] | None:
        """LaTeX forms of the cells for "Copy as LaTeX", when given (symbolic J)."""
        return self._latex

    def set_latex(self, grid: Sequence[Sequence[str]] | None) -> None:
        """LaTeX forms shaped like the data (cleared by the next ``set_data``)."""
        if grid is not None and (len(grid), len(grid[0]) if len(grid) else 0) != self._shape:
            raise ValueError("the LaTeX grid must have the shape of the data")
        self._latex = grid

    def precision(self) -> int:
        return self._precision

    def set_precision(self, digits: int) -> None:
        digits = max(1, min(17, int(digits)))
        if digits == self._precision:
            return
        self._precision = digits
        self._all_changed()

    def set_stale(self, stale: bool) -> None:
        if stale == self._stale:
            return
        self._stale = stale
        self._all_changed()

    def is_stale(self) -> bool:
        return self._stale

    def row_label(self, row: int) -> str:
        return str(row) if self._row_labels is None else self._row_labels[row]

    def col_label(self, col: int) -> str:
        return str(col) if self._col_labels is None else self._col_labels[col]

    def text(self, row: int, col: int) -> str:
        """The displayed text of one cell."""
        if self._array is not None:
            return number_text(float(self._array[row, col]), self._precision)
        if self._texts is not None:
            return str(self._texts[row][col])
        return ""

    def exact_text(self, row: int, col: int) -> str:
        """``repr`` of the number (``nan``, ``inf``), or the cell's text."""
        if self._array is not None:
            return repr(float(self._array[row, col]))
        return self.text(row, col)

    # --------------------------------------------------------------------------- Qt model API
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._shape[0]

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._shape[1]

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if role not in _ROLES or not index.isValid():
            return None
        r, c = index.row(), index.column()
        if role == _DISPLAY:
            return self.text(r, c)
        if role == _ALIGN:
            return _RIGHT if self._array is not None else _LEFT
        if role == _BACKGROUND:
            if self._array is not None and not math.isfinite(self._array[r, c]):
                return self._bad_brush
            return None
        if role == _FOREGROUND:
            return self._stale_brush if self._stale else None
        if role == _FONT:
            return self._stale_font if self._stale else None
        if role == _TOOLTIP:
            return self._tooltip(r, c)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if role not in (_DISPLAY, _TOOLTIP):
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.col_label(section) if section < self._shape[1] else None
        return self.row_label(section) if section < self._shape[0] else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # -------------------------------------------------------------------------------- helpers
    def _tooltip(self, r: int, c: int) -> str:
        value = self.exact_text(r, c)
        text = value if self._cell_name is None else f"{self._cell_name(r, c)} = {value}"
        if self._array is not None and not math.isfinite(self._array[r, c]):
            text += "\n" + self.tr(NOT_FINITE_TIP)
        if self._stale:
            text += "\n" + self.tr("(stale: from the last valid input)")
        return text

    def _all_changed(self) -> None:
        rows, cols = self._shape
        if rows and cols:
            self.dataChanged.emit(self.index(0, 0), self.index(rows - 1, cols - 1))


def _same_labels(a: Sequence[str] | None, b: Sequence[str] | None) -> bool:
    if a is None or b is None:
        return a is b
    return len(a) == len(b) and all(x == y for x, y in zip(a, b, strict=True))
