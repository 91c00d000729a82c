"""One editable row of numbers (v for backward, u for forward mode) with "ones" / one-hot buttons."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jacdesk.core.formats.plain import readable

#: More components than this get a drop-down of one-hot choices instead of one button each.
MAX_BUTTONS = 8
BAD_BACKGROUND = QColor("#f6c7c7")
CELL_PAD = 16
MIN_CELL = 72  # px: room for "-0.000" and a little air


class VectorEditor(QWidget):
    """A one-row table of floats; a bad cell turns red and the vector keeps its last valid value.

    ``vectorChanged`` (float64 ndarray) is emitted when the user edits a cell or clicks a button,
    never by :meth:`set_vector` / :meth:`set_labels`.
    """

    vectorChanged = Signal(object)

    def __init__(self, name: str = "v", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._name = name
        self._values = np.ones(0)
        self._labels: tuple[str, ...] = ()
        self._one_hot_labels: tuple[str, ...] = ()

        self.table = QTableWidget(1, 0, self)
        self.table.setVerticalHeaderLabels([f"{name} ="])
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Compact cells, as wide as their labels and numbers, not stretched over the whole tab.
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.table.horizontalScrollBar().rangeChanged.connect(self._on_scrollbar_range_changed)
        self.table.setToolTip(
            self.tr("The vector {name}: double-click a cell (or just type) to change it").format(
                name=name
            )
        )
        self.table.itemChanged.connect(self._on_table_item_changed)

        self.ones_button = QPushButton(self.tr("ones"), self)
        self.ones_button.setToolTip(
            self.tr("Set every component of {name} to 1 (torch.ones_like)").format(name=name)
        )
        self.ones_button.clicked.connect(self._on_ones_clicked)
        self.one_hot_buttons: list[QPushButton] = []
        self.one_hot_combo = QComboBox(self)
        self.one_hot_combo.setToolTip(
            self.tr("Pick a one-hot {name} = e_k: one component 1, the rest 0").format(name=name)
        )
        self.one_hot_combo.activated.connect(self._on_one_hot_combo_activated)
        self._buttons = QHBoxLayout()
        self._buttons.setContentsMargins(0, 0, 0, 0)
        self._buttons.addWidget(self.ones_button)
        self._buttons.addWidget(self.one_hot_combo)
        self._buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(self._buttons)
        self.set_labels(())

    # ----------------------------------------------------------------------------- public API
    def set_labels(self, labels: Sequence[str]) -> None:
        """Name the components; a new count resets the vector to ones (and the one-hot buttons)."""
        labels = tuple(labels)
        if labels == self._labels and self.table.columnCount() == len(labels):
            return  # every result of the same f names them again: nothing to redo
        resized = len(labels) != len(self._labels)
        self._labels = labels
        header = self.table.horizontalHeader()
        fm = header.fontMetrics()
        widest = max([fm.horizontalAdvance(s) for s in labels] + [fm.horizontalAdvance("-0.000")])
        # One width for every cell, never narrower than a label; past the tab's width it scrolls.
        width = max(widest + CELL_PAD, MIN_CELL)
        # Columns made anew take the default width at once (resizing 1,600 one by one is slow);
        # the cells go too, so that each new one carries its new label in its tip.
        self.table.setColumnCount(0)
        header.setMinimumSectionSize(width)
        header.setDefaultSectionSize(width)
        self.table.setColumnCount(len(labels))
        self.table.setHorizontalHeaderLabels(list(labels))
        side = self.table.verticalHeader().sizeHint().width()
        self.table.setMaximumWidth(side + width * len(labels) + 2 * self.table.frameWidth() + 2)
        if resized:
            self.set_one_hot_labels([f"e{k + 1}" for k in range(len(labels))])
        self.set_vector(np.ones(len(labels)) if resized else self._values)

    def set_one_hot_labels(self, labels: Sequence[str]) -> None:
        """Texts of the one-hot buttons, one per component (e.g. "f1 only")."""
        self._one_hot_labels = tuple(labels)
        for button in self.one_hot_buttons:
            self._buttons.removeWidget(button)
            button.hide()
            button.deleteLater()
        self.one_hot_buttons = []
        many = len(labels) > MAX_BUTTONS
        self.one_hot_combo.setVisible(many)
        self.one_hot_combo.clear()
        if many:
            self.one_hot_combo.addItem(self.tr("one-hot…"))
            self.one_hot_combo.addItems(list(labels))
            return
        for k, text in enumerate(labels):
            button = QPushButton(text, self)
            button.setToolTip(
                self.tr("{name} = e{k}: 1 for component {k}, 0 elsewhere").format(
                    name=self._name, k=k + 1
                )
            )
            button.clicked.connect(lambda _=False, k=k: self._on_one_hot_clicked(k))
            self._buttons.insertWidget(1 + k, button)
            self.one_hot_buttons.append(button)

    def set_vector(self, values: Sequence[float] | np.ndarray) -> None:
        """Show ``values`` (as many as there are labels) without emitting ``vectorChanged``."""
        arr = np.asarray(values, dtype=np.float64).reshape(-1)
        if arr.size != len(self._labels):
            raise ValueError(f"{self._name} needs {len(self._labels)} numbers, got {arr.size}")
        self._values = arr.copy()
        blocked = self.table.blockSignals(True)
        try:
            for k, x in enumerate(arr):
                text = readable(x)
                item = self.table.item(0, k)
                if item is None:
                    item = QTableWidgetItem(text)
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                    item.setToolTip(self._cell_tip(k))
                    self.table.setItem(0, k, item)
                elif item.text() != text or item.data(Qt.ItemDataRole.BackgroundRole) is not None:
                    # Reused: a long vector shown again costs a comparison per cell, not a
                    # new item; a cell marked bad is cleared with its message.
                    item.setText(text)
                    item.setData(Qt.ItemDataRole.BackgroundRole, None)
                    item.setToolTip(self._cell_tip(k))
        finally:
            self.table.blockSignals(blocked)
        self._fit_height()

    def vector(self) -> np.ndarray:
        """The last valid vector (a copy)."""
        return self._values.copy()

    def labels(self) -> tuple[str, ...]:
        return self._labels

    def one_hot_index(self) -> int | None:
        """k when the vector is e_k (exactly one 1, the rest 0), else ``None``."""
        return one_hot_index(self._values)

    # -------------------------------------------------------------------------------- slots
    def _on_table_item_changed(self, item: QTableWidgetItem) -> None:
        k, text = item.column(), item.text().strip()
        x = math.nan
        try:
            x = float(text)
            problem = "" if math.isfinite(x) else self.tr("must be a finite number")
        except ValueError:
            problem = self.tr("is not a number")
        blocked = self.table.blockSignals(True)
        try:
            if problem:
                item.setBackground(QBrush(BAD_BACKGROUND))
                keep = readable(self._values[k])
                item.setToolTip(
                    self.tr("{text} {problem}; {name} keeps {keep} here").format(
                        text=repr(text), problem=problem, name=self._name, keep=keep
                    )
                )
                return
            item.setData(Qt.ItemDataRole.BackgroundRole, None)
            item.setToolTip(self._cell_tip(k))
        finally:
            self.table.blockSignals(blocked)
        if x != self._values[k]:
            self._values[k] = x
            self.vectorChanged.emit(self.vector())

    def _on_scrollbar_range_changed(self, _low: int, _high: int) -> None:
        self._fit_height()

    def _on_ones_clicked(self) -> None:
        self._set_and_emit(np.ones(len(self._labels)))

    def _on_one_hot_clicked(self, k: int) -> None:
        e = np.zeros(len(self._labels))
        e[k] = 1.0
        self._set_and_emit(e)

    def _on_one_hot_combo_activated(self, index: int) -> None:
        if index > 0:
            self._on_one_hot_clicked(index - 1)
        self.one_hot_combo.setCurrentIndex(0)

    # -------------------------------------------------------------------------------- helpers
    def _set_and_emit(self, values: np.ndarray) -> None:
        self.set_vector(values)
        self.vectorChanged.emit(self.vector())

    def _cell_tip(self, k: int) -> str:
        return self.tr("{name}[{label}]: type a number (e.g. 1, 0, -2.5, 1e-3)").format(
            name=self._name, label=self._labels[k]
        )

    def _fit_height(self) -> None:
        """Exactly one row tall, plus the scroll bar while the columns overflow."""
        header = self.table.horizontalHeader()
        height = header.sizeHint().height() + self.table.verticalHeader().defaultSectionSize()
        height += 2 * self.table.frameWidth()
        bar = self.table.horizontalScrollBar()
        if bar.maximum() > 0:
            height += bar.sizeHint().height()
        self.table.setFixedHeight(height)


def one_hot_index(values: np.ndarray) -> int | None:
    """k when ``values`` is e_k (exactly one 1, the rest 0), else ``None``."""
    arr = np.asarray(values, dtype=np.float64).reshape(-1)
    hits = np.flatnonzero(arr)
    if hits.size == 1 and arr[hits[0]] == 1.0:
        return int(hits[0])
    return None
