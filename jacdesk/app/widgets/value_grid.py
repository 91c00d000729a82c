"""A small editable grid for a vector or matrix value, with spin boxes for its shape."""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jacdesk.app.system.i18n import translate
from jacdesk.core.errors import JacdeskError
from jacdesk.core.formats.plain import readable
from jacdesk.core.language.program import MAX_ENTRIES

NO_BRUSH = Qt.BrushStyle.NoBrush  # a cell not marked bad

MAX_SIDE = MAX_ENTRIES  # the language's limit: any shape a session can hold is shown
CELL_WIDTH = 72
CELL_DIGITS = 6  # shown in a cell; the value and the tooltip keep full precision
BAD_BACKGROUND = QColor("#f6c7c7")
BAD_FOREGROUND = QColor("#5c0000")


def default_value(shape: tuple[int, ...]) -> np.ndarray:
    """A harmless starting value: 1.0, ones, or a non-singular matrix ([[2, 1], [1, 3]], …).

    The matrix has i + 2 on the diagonal and 1 next to it: strictly diagonally dominant, so a
    square one is never singular.
    """
    if len(shape) == 0:
        return np.array(1.0)
    if len(shape) == 1:
        return np.ones(shape)
    rows, cols = np.indices(shape)
    return np.where(rows == cols, rows + 2.0, np.where(abs(rows - cols) == 1, 1.0, 0.0))


def cell_number(text: str) -> float:
    """The number a cell holds: ``2``, ``-1.5e3`` or a constant expression like ``pi/4``."""
    text = text.strip()
    try:
        x = float(text)
    except ValueError:
        from jacdesk.core.diff.values import parse_value  # imports torch: only when really needed

        arr = parse_value(text, "this cell")
        if arr.size != 1:
            raise JacdeskError(
                translate("ValueGrid", "a cell holds one number, not a list")
            ) from None
        x = float(arr.reshape(-1)[0])
    if not math.isfinite(x):
        raise JacdeskError(translate("ValueGrid", "give a finite number (no nan or inf)"))
    return x


class ValueGrid(QWidget):
    """Cells for a vector (one row) or a matrix; a bad cell turns red and keeps the old value.

    ``valueChanged`` (float64 ndarray, shape (n,) or (m, n)) is emitted when the user edits a cell
    or a size, never by :meth:`set_value` / :meth:`set_kind`.
    """

    valueChanged = Signal(object)

    def __init__(self, kind: str = "vector", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._kind = kind
        self._value = default_value((2,) if kind == "vector" else (2, 2))

        self.rows_spin = QSpinBox(self)
        self.rows_spin.setRange(1, MAX_SIDE)
        self.cols_spin = QSpinBox(self)
        self.cols_spin.setRange(1, MAX_SIDE)
        self.times_label = QLabel("×", self)
        self.size_label = QLabel(self)
        for spin in (self.rows_spin, self.cols_spin):
            spin.setKeyboardTracking(False)
            spin.valueChanged.connect(self._on_size_spin_value_changed)

        self.table = QTableWidget(self)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.table.horizontalHeader().setDefaultSectionSize(CELL_WIDTH)
        self.table.horizontalHeader().setMinimumSectionSize(40)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setToolTip(self.tr("Type a number or a constant such as pi/4, then Enter"))
        self.table.itemChanged.connect(self._on_table_item_changed)

        sizes = QHBoxLayout()
        sizes.setContentsMargins(0, 0, 0, 0)
        sizes.addWidget(self.size_label)
        sizes.addWidget(self.rows_spin)
        sizes.addWidget(self.times_label)
        sizes.addWidget(self.cols_spin)
        sizes.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(sizes)
        layout.addWidget(self.table)
        self.set_kind(kind)  # checks the kind
        self._refresh()

    # ----------------------------------------------------------------------------- public API
    def set_kind(self, kind: str) -> None:
        """``"vector"`` or ``"matrix"``; a new kind starts from its default value."""
        if kind not in ("vector", "matrix"):
            raise ValueError(f"kind must be 'vector' or 'matrix', not {kind!r}")
        if kind != self._kind or self._value.ndim != (1 if kind == "vector" else 2):
            self._kind = kind
            self.set_value(default_value((2,) if kind == "vector" else (2, 2)))

    def kind(self) -> str:
        return self._kind

    def set_value(self, array: np.ndarray) -> None:
        """Show ``array`` (1-D → vector, 2-D → matrix) without emitting ``valueChanged``."""
        arr = np.array(array, dtype=np.float64)
        if arr.ndim not in (1, 2) or arr.size == 0:
            raise ValueError(f"a grid shows a vector or a matrix, not shape {arr.shape}")
        self._kind = "vector" if arr.ndim == 1 else "matrix"
        self._value = arr
        self._refresh()

    def value(self) -> np.ndarray:
        """The last valid value (a copy)."""
        return self._value.copy()

    # ----------------------------------------------------------------------------- slots
    def _on_size_spin_value_changed(self, _: int) -> None:
        vector = self._kind == "vector"
        shape = (
            (self.cols_spin.value(),)
            if vector
            else (self.rows_spin.value(), self.cols_spin.value())
        )
        if shape == self._value.shape:
            return
        if math.prod(shape) > MAX_ENTRIES:  # rows × columns over the language's limit
            self._refresh()  # the boxes go back to the shape held
            return
        new = np.zeros(shape)
        overlap = tuple(slice(0, min(a, b)) for a, b in zip(shape, self._value.shape, strict=True))
        new[overlap] = self._value[overlap]
        self._value = new
        self._refresh()
        self.valueChanged.emit(self.value())

    def _on_table_item_changed(self, item: QTableWidgetItem) -> None:
        r, c = item.row(), item.column()
        index = (c,) if self._kind == "vector" else (r, c)
        try:
            x, problem = cell_number(item.text()), ""
        except JacdeskError as err:
            x, problem = math.nan, err.message
        blocked = self.table.blockSignals(True)
        try:
            if problem:
                item.setBackground(QBrush(BAD_BACKGROUND))
                item.setForeground(QBrush(BAD_FOREGROUND))
                item.setToolTip(
                    self.tr("{problem}; keeping {value}").format(
                        problem=problem, value=readable(self._value[index])
                    )
                )
                return
            item.setData(Qt.ItemDataRole.BackgroundRole, None)
            item.setData(Qt.ItemDataRole.ForegroundRole, None)
            item.setToolTip(self._cell_tip(index, x))
        finally:
            self.table.blockSignals(blocked)
        if x != self._value[index]:
            self._value[index] = x
            self.valueChanged.emit(self.value())

    # ----------------------------------------------------------------------------- helpers
    def _refresh(self) -> None:
        vector = self._kind == "vector"
        rows, cols = (1, self._value.size) if vector else self._value.shape
        for spin, n in ((self.rows_spin, rows), (self.cols_spin, cols)):
            blocked = spin.blockSignals(True)
            spin.setValue(n)
            spin.blockSignals(blocked)
        self.rows_spin.setVisible(not vector)
        self.times_label.setVisible(not vector)
        self.size_label.setText(self.tr("length") if vector else self.tr("size"))
        self.rows_spin.setToolTip(self.tr("Rows of the matrix (values that still fit are kept)"))
        self.cols_spin.setToolTip(
            self.tr("Entries of the vector (values that still fit are kept, new ones are 0)")
            if vector
            else self.tr("Columns of the matrix (values that still fit are kept, new ones are 0)")
        )
        grid = self._value.reshape(rows, cols)
        blocked = self.table.blockSignals(True)
        try:
            if (rows, cols) != (self.table.rowCount(), self.table.columnCount()):
                self.table.setRowCount(rows)
                self.table.setColumnCount(cols)
                self.table.setHorizontalHeaderLabels([str(j) for j in range(cols)])
            self.table.setVerticalHeaderLabels([""] if vector else [str(i) for i in range(rows)])
            for i in range(rows):
                for j in range(cols):
                    self._show_cell(i, j, (j,) if vector else (i, j), float(grid[i, j]))
        finally:
            self.table.blockSignals(blocked)
        self.table.verticalHeader().setVisible(not vector)
        self._fit_size(rows, cols)

    def _show_cell(self, i: int, j: int, index: tuple[int, ...], x: float) -> None:
        """Cell (i, j) shows ``x``; an item already there is reused (a 40×40 value shown
        again costs a comparison per cell, not 1,600 new items), a bad mark cleared."""
        text = readable(x, CELL_DIGITS)
        item = self.table.item(i, j)
        if item is None:
            item = QTableWidgetItem(text)
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            item.setToolTip(self._cell_tip(index, x))
            self.table.setItem(i, j, item)
            item.setData(Qt.ItemDataRole.UserRole, x)
        elif item.data(Qt.ItemDataRole.UserRole) != x or item.background().style() != NO_BRUSH:
            item.setData(Qt.ItemDataRole.UserRole, x)
            item.setText(text)
            item.setData(Qt.ItemDataRole.BackgroundRole, None)
            item.setData(Qt.ItemDataRole.ForegroundRole, None)
            item.setToolTip(self._cell_tip(index, x))

    def _fit_size(self, rows: int, cols: int) -> None:
        """Exactly the cells (no blank area); a horizontal scroll bar only when it is too wide."""
        table = self.table
        frame = 2 * table.frameWidth()
        header = table.verticalHeader()
        side = header.sizeHint().width() if header.isVisibleTo(table) else 0
        table.setMaximumWidth(side + cols * table.horizontalHeader().defaultSectionSize() + frame)
        height = table.horizontalHeader().sizeHint().height() + rows * header.defaultSectionSize()
        if table.maximumWidth() > self.width() > 0:  # re-checked on every resize
            height += table.horizontalScrollBar().sizeHint().height()
        table.setFixedHeight(height + frame)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_size(self.table.rowCount(), self.table.columnCount())

    def _cell_tip(self, index: tuple[int, ...], x: float) -> str:
        where = ", ".join(map(str, index))
        return self.tr("[{where}] = {value}: type a number or a constant such as pi/4").format(
            where=where, value=f"{x:.10g}"
        )
