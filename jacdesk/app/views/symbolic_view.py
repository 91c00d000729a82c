"""The symbolic Jacobian (sympy text) and its determinant, or why they are not there."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from jacdesk.app.system.i18n import translate_core
from jacdesk.app.widgets.matrix_view import MatrixView
from jacdesk.app.widgets.style import (
    DEFAULT_DIGITS,
    WARNING_STYLE,
    big_font,
    number_text,
    set_stale_look,
)
from jacdesk.core.conventions import DENOMINATOR
from jacdesk.core.results.analysis import Analysis

PENDING = QT_TRANSLATE_NOOP("SymbolicView", "computing the symbolic form…")
WAITING = QT_TRANSLATE_NOOP("SymbolicView", "the formulas appear here when sympy is done")
HEADLINES = {
    "partial": QT_TRANSLATE_NOOP("SymbolicView", "Only part of the symbolic form arrived."),
    "too_large": QT_TRANSLATE_NOOP("SymbolicView", "Skipped: f is too large for a symbolic form."),
    "timeout": QT_TRANSLATE_NOOP("SymbolicView", "Skipped: the symbolic form took too long."),
    "cancelled": QT_TRANSLATE_NOOP("SymbolicView", "Cancelled: a newer input replaced this one."),
    "error": QT_TRANSLATE_NOOP("SymbolicView", "The symbolic form could not be derived."),
    "disabled": QT_TRANSLATE_NOOP("SymbolicView", "Symbolic forms are turned off."),
}


class SymbolicView(QWidget):
    """J as formulas in the input names, det J simplified, and the symbolic status."""

    statusMessage = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._result: Analysis | None = None
        self._pending = False
        self._digits = DEFAULT_DIGITS
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)  # indeterminate
        self.busy.setMaximumWidth(140)
        self.busy.setTextVisible(False)
        self.busy.setToolTip(
            self.tr("sympy is deriving J in a separate process; the numbers are ready")
        )
        self.busy_label = QLabel(self.tr(PENDING), self)
        self.busy_label.setToolTip(self.busy.toolTip())
        busy_row = QHBoxLayout()
        busy_row.addWidget(self.busy)
        busy_row.addWidget(self.busy_label, 1)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setStyleSheet(WARNING_STYLE)
        self.status.setToolTip(self.tr("Why the symbolic form is missing or incomplete"))
        self.matrix_view = MatrixView(self.tr("J, symbolically"), self)
        self.matrix_view.setToolTip(self.tr("∂f_i/∂x_j as formulas (sympy), simplified"))
        self.matrix_view.statusMessage.connect(self.statusMessage)
        self.det = QLabel(self)
        self.det.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.det.setTextFormat(Qt.TextFormat.PlainText)
        self.det.setFont(big_font(self.det.font(), 1.15, bold=False))
        self.det.setWordWrap(True)
        self.det.setToolTip(
            self.tr("The determinant of the symbolic J, simplified (square J only)")
        )
        self.conventions = QLabel(self)
        self.conventions.setWordWrap(True)
        self.conventions.setStyleSheet("color: #555;")
        self.conventions.setToolTip(
            self.tr("The layout and vec conventions of this matrix (toolbar)")
        )
        layout = QVBoxLayout(self)
        layout.addLayout(busy_row)
        layout.addWidget(self.status)
        layout.addWidget(self.conventions)
        layout.addWidget(self.matrix_view)
        layout.addWidget(self.det)
        layout.addStretch(1)
        self.clear()

    def show_result(self, result: Analysis) -> None:
        self._result = result
        sym = result.symbolic
        self.matrix_view.setVisible(True)
        if sym is None:
            self.matrix_view.clear(
                self.tr(WAITING) if self._pending else self.tr("no symbolic form yet")
            )
            self._show_status(None)
            self.det.setVisible(False)
            return
        grid = sym.jacobian_text
        self.conventions.setText(
            self.tr("Conventions: {text}.").format(
                text=translate_core("Conventions", result.conventions)
            )
        )
        if grid is not None:
            latex = sym.jacobian_latex
            outs, ins = result.output_labels, list(result.input_labels)
            if result.layout == DENOMINATOR:
                grid = _transposed(grid)
                latex = None if latex is None else _transposed(latex)
                outs, ins = ins, list(outs)
                rows, cols = [f"∂/∂{x}" for x in outs], ins
            else:
                rows, cols = list(outs), [f"∂/∂{x}" for x in ins]
            m, n = len(grid), len(grid[0]) if grid else 0
            self.matrix_view.set_matrix(
                grid,
                rows if len(rows) == m else None,
                cols if len(cols) == n else None,
                self._cell_name,
            )
            if latex is not None and len(latex) == m:
                self.matrix_view.model.set_latex(latex)
        else:
            self.matrix_view.clear(self.tr("no symbolic Jacobian for this input"))
        self.matrix_view.setVisible(grid is not None)
        self._show_status(sym)
        self._show_det()

    def set_pending(self, pending: bool) -> None:
        self._pending = pending
        self.busy.setVisible(pending)
        self.busy_label.setVisible(pending)
        r = self._result
        if r is not None and r.symbolic is None:
            self.matrix_view.clear(
                self.tr(WAITING) if pending else self.tr("no symbolic form for this result")
            )

    def set_stale(self, stale: bool) -> None:
        self.matrix_view.set_stale(stale)
        set_stale_look([self.det, self.status], stale)

    def set_precision(self, digits: int) -> None:
        """Digits of det J's value at the point (the formulas themselves have none)."""
        self._digits = digits
        self._show_det()

    def clear(self, message: str = "") -> None:
        self._result = None
        self.matrix_view.setVisible(True)
        self.matrix_view.clear(message or self.tr("the symbolic Jacobian appears here"))
        self._show_status(None)
        self.det.setVisible(False)
        self.set_pending(False)

    def status_text(self) -> str:
        """The status line as shown ("" when hidden)."""
        return self.status.text() if not self.status.isHidden() else ""

    def det_text(self) -> str:
        return self.det.text() if not self.det.isHidden() else ""

    def _show_status(self, sym: Any) -> None:
        status = getattr(sym, "status", "ok")
        notice = getattr(sym, "notice", None)
        headline = HEADLINES.get(status, "")
        text = notice[:1].upper() + notice[1:] if notice else self.tr(headline) if headline else ""
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def _show_det(self) -> None:
        sym = None if self._result is None else self._result.symbolic
        det = getattr(sym, "determinant_text", None)
        value = getattr(sym, "determinant_at_point", None)
        text = "" if det is None else f"det J = {det}"
        if det is not None and value is not None:
            text += self.tr("     (= {value} at this point)").format(
                value=number_text(value, self._digits)
            )
        self.det.setText(text)
        self.det.setVisible(bool(text))

    def _cell_name(self, row: int, col: int) -> str:
        r = self._result
        if r is not None and r.layout == DENOMINATOR:
            row, col = col, row
        if r is None or row >= len(r.output_labels) or col >= len(r.input_labels):
            return f"J[{row}, {col}]"
        return f"∂{r.output_labels[row]}/∂{r.input_labels[col]}"


def _transposed(grid):
    return tuple(zip(*grid, strict=True)) if grid else grid
