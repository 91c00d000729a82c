"""Small helpers shared by the backward / forward-mode labs: a row or column highlight, vector text.

The highlight is a per-row / per-column item delegate on the view, so it needs nothing from the
model: the model's own roles (text, colours of a stale view) are kept, then bold and a tint are
added on top.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QStyledItemDelegate, QStyleOptionViewItem

from .style import number_text

HIGHLIGHT = QColor("#fff1b8")
MARK = "▶ "


class HighlightDelegate(QStyledItemDelegate):
    """Paints its cells bold on a pale yellow background."""

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        option.font.setBold(True)
        option.backgroundBrush = QBrush(HIGHLIGHT)


class LineHighlighter(QObject):
    """Highlights at most one row (or column) of a table view; ``None`` removes it."""

    def __init__(self, view: QAbstractItemView, axis: str = "row") -> None:
        super().__init__(view)
        self._view = view
        self._axis = axis
        self._delegate = HighlightDelegate(self)
        self.index: int | None = None

    def set_index(self, index: int | None) -> None:
        if index == self.index:
            return
        if self.index is not None:
            self._assign(self.index, None)
        if index is not None:
            self._assign(index, self._delegate)
        self.index = index
        self._view.viewport().update()

    def _assign(self, index: int, delegate: QStyledItemDelegate | None) -> None:
        if self._axis == "row":
            self._view.setItemDelegateForRow(index, delegate)  # type: ignore[arg-type]
        else:
            self._view.setItemDelegateForColumn(index, delegate)  # type: ignore[arg-type]


def marked(labels: Iterable[str], index: int | None) -> list[str]:
    """``labels`` with ``MARK`` in front of the one at ``index``."""
    return [MARK + s if k == index else s for k, s in enumerate(labels)]


def vector_text(values: Iterable[float], digits: int) -> str:
    """``[5, 18]``: the numbers as the result views show them."""
    return "[" + ", ".join(number_text(float(x), digits) for x in values) + "]"
