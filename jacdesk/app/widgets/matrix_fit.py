"""Column widths for a :class:`MatrixModel` in a table, at a cost bounded for any matrix size."""

from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import QStyle, QTableView

from .matrix_model import MatrixModel

EXACT_FIT_CELLS = 4096  # up to this many cells, every column is fitted to its widest text
EXACT_FIT_COLUMNS = 128  # ... and this many columns (a 1×1600 row costs 1600 header resizes)
SAMPLE = 24  # beyond it, a SAMPLE × SAMPLE grid of cells sets one common width
MIN_WIDTH, MAX_NUMBER_WIDTH, MAX_TEXT_WIDTH = 56, 200, 320


def fit_columns(table: QTableView, model: MatrixModel) -> None:
    """Each column as wide as its text (up to a cap); big matrices get one sampled width.

    Text wider than the cap is elided; its tooltip still holds all of it.
    """
    rows, cols = model.rowCount(), model.columnCount()
    if not rows or not cols:
        return
    cell_fm = table.fontMetrics()
    head = table.horizontalHeader()
    head_fm = head.fontMetrics()
    cap = MAX_NUMBER_WIDTH if model.array() is not None else MAX_TEXT_WIDTH
    pad = 2 * table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 14

    def fitted(texts: list[str], labels: list[str]) -> int:
        w = max([cell_fm.horizontalAdvance(t) for t in texts] + [0])
        w = max([w] + [head_fm.horizontalAdvance(s) + 10 for s in labels])
        return max(MIN_WIDTH, min(cap, w + pad))

    if rows * cols <= EXACT_FIT_CELLS and cols <= EXACT_FIT_COLUMNS:
        for c in range(cols):
            texts = [model.text(r, c) for r in range(rows)]
            head.resizeSection(c, fitted(texts, [model.col_label(c)]))
        return
    rs = np.unique(np.linspace(0, rows - 1, min(rows, SAMPLE)).astype(int)).tolist()
    cs = np.unique(np.linspace(0, cols - 1, min(cols, SAMPLE)).astype(int)).tolist()
    texts = [model.text(r, c) for r in rs for c in cs]
    head.setDefaultSectionSize(fitted(texts, [model.col_label(c) for c in cs]))
