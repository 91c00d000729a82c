"""Lines between the blocks of a matrix (∂F/∂X[i,j], rows of X, variables), drawn by a delegate
so the table model stays plain numbers.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

LINE = QColor("#2b4f8a")


class BlockLineDelegate(QStyledItemDelegate):
    """Paints a 3-px line above rows in ``row_breaks`` and left of columns in ``col_breaks``."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.row_breaks: frozenset[int] = frozenset()
        self.col_breaks: frozenset[int] = frozenset()
        self._pen = QPen(LINE, 3)

    def set_breaks(self, rows: Iterable[int] = (), cols: Iterable[int] = ()) -> None:
        self.row_breaks = frozenset(rows)
        self.col_breaks = frozenset(cols)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        super().paint(painter, option, index)
        top = index.row() in self.row_breaks
        left = index.column() in self.col_breaks
        if not (top or left):
            return
        rect = option.rect  # type: ignore[attr-defined]
        painter.save()
        painter.setPen(self._pen)
        if top:
            painter.drawLine(rect.left(), rect.top(), rect.right(), rect.top())
        if left:
            painter.drawLine(rect.left(), rect.top(), rect.left(), rect.bottom())
        painter.restore()
