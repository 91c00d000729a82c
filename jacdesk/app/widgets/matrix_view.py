"""A titled, copyable table of numbers or formulas over a lazy :class:`MatrixModel`."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QStackedWidget,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from . import matrix_export
from .block_lines import BlockLineDelegate
from .matrix_copy import Picked, latex, tsv
from .matrix_fit import fit_columns
from .matrix_model import CellName, MatrixModel
from .stale_badge import StaleBadge
from .style import math_font

COPY_LIMIT = 1_000_000
FIT_ROWS = 12  # fit_height views grow to show this many rows before they scroll
QWIDGETSIZE_MAX = 16_777_215


class MatrixView(QWidget):
    """Title + table (``table``) over ``model`` + a placeholder shown by :meth:`clear`.

    ``statusMessage`` reports copies ("copied 4 cells") and refusals, for a status bar.
    """

    statusMessage = Signal(str)

    def __init__(
        self,
        title: str = "",
        parent: QWidget | None = None,
        *,
        badge: bool = True,
        fit_height: bool = False,
    ) -> None:
        super().__init__(parent)
        self._fit_height = fit_height
        self.title = QLabel(title, self)
        self.title.setVisible(bool(title))
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-weight: bold;")
        self.title.setToolTip(title)
        self.badge = StaleBadge(self)
        self._use_badge = badge

        self.model = MatrixModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.block_lines = BlockLineDelegate(self.table)
        # Without block lines the table paints through Qt's own delegate: a Python delegate
        # costs ~0.1 ms a cell (400 cells: 35 ms in one paint).
        self._plain_delegate = QStyledItemDelegate(self.table)
        self.table.setItemDelegate(self._plain_delegate)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # As large as its cells (a small J is a compact block), scrolling when space runs out.
        self.table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.table.setToolTip(
            self.tr("Hover a cell for its exact value; Ctrl+C copies the selection")
        )
        for header in (self.table.horizontalHeader(), self.table.verticalHeader()):
            header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            header.setHighlightSections(True)
            header.setFont(math_font(header.font()))  # "∂/∂x1" without CJK-wide gaps
        self.table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.table.verticalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.table.verticalHeader().setMinimumWidth(28)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._on_table_context_menu)
        self.table.installEventFilter(self)
        corner = self.table.findChild(QAbstractButton)
        if corner is not None:  # the top-left corner of the headers
            corner.setToolTip(self.tr("Select all cells"))
        self._content_height = QWIDGETSIZE_MAX
        self.table.horizontalScrollBar().rangeChanged.connect(self._on_hbar_range_changed)

        self.placeholder = QLabel(self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setStyleSheet("color: #777;")
        self.placeholder.setToolTip(self.tr("Nothing to show here yet"))
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.placeholder)

        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(self.title, 1)
        head.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignRight)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addLayout(head)
        layout.addWidget(self.stack, 1, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.copy_action = self._action(
            self.tr("Copy"), self.tr("Copy the selected cells as exact TSV"), self.copy
        )
        self.copy_action.setShortcut(QKeySequence.StandardKey.Copy)
        self.copy_all_action = self._action(
            self.tr("Copy all"), self.tr("Copy every cell as exact TSV"), self.copy_all
        )
        self.latex_action = self._action(
            self.tr("Copy as LaTeX bmatrix"),
            self.tr("Copy the selection (or all) as \\begin{bmatrix}…"),
            self.copy_latex,
        )
        #: Stated in an exported file's corner cell (the J view sets its conventions here).
        self.corner = ""
        self.export_actions = [
            self._action(
                self.tr("Export…"),
                self.tr(
                    "Save the whole matrix as CSV (exact or for spreadsheets), Markdown or LaTeX"
                ),
                self.export,
            ),
            self._action(
                self.tr("Copy as NumPy literal"),
                self.tr("np.array([...]) with exact numbers"),
                lambda: self._copy_literal("numpy"),
            ),
            self._action(
                self.tr("Copy as PyTorch literal"),
                self.tr("torch.tensor([...], dtype=torch.float64) with exact numbers"),
                lambda: self._copy_literal("torch"),
            ),
            self._action(
                self.tr("Copy as Markdown table"),
                self.tr("A Markdown table with the labels"),
                lambda: self._copy_literal("markdown"),
            ),
        ]
        self.clear()

    # ----------------------------------------------------------------------------- public API
    def set_title(self, title: str) -> None:
        self.title.setText(title)
        self.title.setToolTip(title)
        self.title.setVisible(bool(title))

    def set_matrix(
        self,
        data: np.ndarray | Sequence[Sequence[str]],
        row_labels: Sequence[str] | None = None,
        col_labels: Sequence[str] | None = None,
        cell_name: CellName | None = None,
    ) -> None:
        """Show numbers (0-, 1- or 2-D; a vector is one row) or a grid of strings."""
        self._use_breaks((), ())
        self.model.set_data(_as_grid(data), row_labels, col_labels, cell_name)
        self.stack.setCurrentWidget(self.table)
        self._fit()

    def set_breaks(self, rows: Sequence[int] = (), cols: Sequence[int] = ()) -> None:
        """Draw lines above these rows and left of these columns (block boundaries)."""
        self._use_breaks(rows, cols)
        self.table.viewport().update()

    def _use_breaks(self, rows: Sequence[int], cols: Sequence[int]) -> None:
        self.block_lines.set_breaks(rows, cols)
        wanted = self.block_lines if (rows or cols) else self._plain_delegate
        if self.table.itemDelegate() is not wanted:
            self.table.setItemDelegate(wanted)

    def set_precision(self, digits: int) -> None:
        self.model.set_precision(digits)
        if self.model.rowCount():
            self._fit()

    def set_stale(self, stale: bool) -> None:
        self.model.set_stale(stale)
        self.badge.set_stale(stale and self._use_badge)

    def clear(self, message: str = "") -> None:
        self.model.set_data(None)
        self.placeholder.setText(message or self.tr("nothing to show yet"))
        self.stack.setCurrentWidget(self.placeholder)

    def matrix(self) -> np.ndarray | None:
        return self.model.array()

    def cell_text(self, row: int, col: int) -> str:
        return self.model.text(row, col)

    def copy_selection(self) -> str:
        """The selected cells (all when none are) as TSV of exact values; also on the clipboard."""
        return self._copy(self._selected_box(), "tsv")

    def copy(self) -> None:
        self.copy_selection()

    def copy_all(self) -> None:
        self._copy(self._full_box(), "tsv")

    def copy_latex(self) -> None:
        self._copy(self._selected_box(), "latex")

    def export_data(self) -> tuple[str, object, list[str], list[str]] | None:
        """(title, numbers or formulas, row labels, column labels) of the whole matrix."""
        m = self.model
        data = m.array() if m.array() is not None else m.texts()
        if data is None:
            return None
        rows = [m.row_label(i) for i in range(m.rowCount())]
        cols = [m.col_label(j) for j in range(m.columnCount())]
        return self.title.text() or self.tr("matrix"), data, rows, cols

    def export(self) -> str | None:
        """File ▸ Export for this table (a dialog asks where and in which format)."""
        got = self.export_data()
        if got is None:
            return None
        title, data, rows, cols = got
        path = matrix_export.export_dialog(self, title, data, rows, cols, self.corner)
        if path:
            self.statusMessage.emit(
                self.tr("exported {title} to {path}").format(title=title, path=path)
            )
        return path

    def _copy_literal(self, kind: str) -> str:
        got = self.export_data()
        if got is None:
            return ""
        _title, data, rows, cols = got
        text = matrix_export.copy_literal(kind, data, rows, cols)
        self.statusMessage.emit(self.tr("copied as {kind}").format(kind=kind))
        return text

    # -------------------------------------------------------------------------------- events
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        copy_key = (
            watched is self.table
            and event.type() in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride)
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Copy)
        )
        if not copy_key:
            return super().eventFilter(watched, event)
        if event.type() == QEvent.Type.KeyPress:
            self.copy_selection()
        event.accept()
        return True

    def _on_table_context_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        menu.setToolTipsVisible(True)
        menu.addActions([self.copy_action, self.copy_all_action, self.latex_action])
        menu.addSeparator()
        menu.addActions(self.export_actions)
        menu.exec(self.table.viewport().mapToGlobal(pos))

    # -------------------------------------------------------------------------------- helpers
    def _action(self, text: str, tip: str, slot: object) -> QAction:
        action = QAction(text, self)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action

    def _full_box(self) -> tuple[int, int, int, int]:
        return 0, 0, self.model.rowCount() - 1, self.model.columnCount() - 1

    def _selected_box(self) -> tuple[int, int, int, int]:
        ranges = self.table.selectionModel().selection()
        if ranges.isEmpty():
            return self._full_box()
        top = min(r.top() for r in ranges)
        left = min(r.left() for r in ranges)
        return top, left, max(r.bottom() for r in ranges), max(r.right() for r in ranges)

    def _copy(self, box: tuple[int, int, int, int], kind: str) -> str:
        top, left, bottom, right = box
        count = (bottom - top + 1) * (right - left + 1)
        if count <= 0:
            return ""
        if count > COPY_LIMIT:
            self.statusMessage.emit(
                self.tr(
                    "not copied: {count} cells is too many for the clipboard "
                    "(at most {limit}); select fewer or export to CSV"
                ).format(count=f"{count:,}", limit=f"{COPY_LIMIT:,}")
            )
            return ""
        picked = self._picked()
        text = latex(self.model, box, picked) if kind == "latex" else tsv(self.model, box, picked)
        QGuiApplication.clipboard().setText(text)
        self.statusMessage.emit(
            self.tr("copied 1 cell")
            if count == 1
            else self.tr("copied {count} cells").format(count=f"{count:,}")
        )
        return text

    def _picked(self) -> Picked:
        """``None`` (the whole box) unless the selection is several separate blocks."""
        ranges = self.table.selectionModel().selection()
        if len(ranges) <= 1:
            return None
        sel = self.table.selectionModel()
        root = self.table.rootIndex()
        return lambda r, c: sel.isSelected(self.model.index(r, c, root))

    def _fit(self) -> None:
        rows = self.model.rowCount()
        if not rows or not self.model.columnCount():
            return
        fit_columns(self.table, self.model)
        head = self.table.horizontalHeader()
        # The largest useful size: every cell; smaller when the layout has less room.
        frame = 2 * self.table.frameWidth()
        vhead = self.table.verticalHeader()
        head_w = max(vhead.sizeHint().width(), vhead.minimumWidth())
        width = head_w + head.length() + frame
        shown = min(rows, FIT_ROWS) if self._fit_height else rows
        self._content_height = head.sizeHint().height() + shown * vhead.defaultSectionSize() + frame
        self.table.setMaximumWidth(min(width, QWIDGETSIZE_MAX))
        self._limit_height()

    def _on_hbar_range_changed(self, _low: int, _high: int) -> None:
        self._limit_height()

    def _limit_height(self) -> None:
        """Content height, plus the horizontal scroll bar while it is needed."""
        hbar = self.table.horizontalScrollBar()
        extra = hbar.sizeHint().height() if hbar.maximum() > 0 else 0
        self.table.setMaximumHeight(min(self._content_height + extra, QWIDGETSIZE_MAX))


def _as_grid(data: object) -> np.ndarray | Sequence[Sequence[str]]:
    """Numbers as a 2-D float array (a vector is one row); a grid of strings as it is."""
    if isinstance(data, np.ndarray) and data.dtype.kind in "USO":
        return data.tolist()
    if isinstance(data, np.ndarray) or (np.isscalar(data) and not isinstance(data, str)):
        arr = np.asarray(data, dtype=np.float64)
    else:
        rows = list(data)  # type: ignore[call-overload]
        if rows and len(rows[0]) and isinstance(rows[0][0], str):
            return rows
        arr = np.asarray(rows, dtype=np.float64)
    return arr.reshape(1, -1) if arr.ndim < 2 else arr
