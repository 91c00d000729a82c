"""Questions ▸ Forward or reverse?: time the ways of building J on the user's own f.

Measuring takes up to ~2 s of repeated torch calls, so it runs only on "Measure", on the
controller's worker, and can be cancelled. Reverse mode needs one backward pass per output
(m), forward mode one JVP per input (n): the page says which wins, with this f's numbers.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jacdesk.app.system.i18n import translate_core
from jacdesk.app.widgets.lab_marks import HIGHLIGHT
from jacdesk.core.results.cost import CostResult, StrategyCost

from .lab_page import LabPage

HEADERS = (
    QT_TRANSLATE_NOOP("CostPage", "Strategy"),
    QT_TRANSLATE_NOOP("CostPage", "Mode"),
    QT_TRANSLATE_NOOP("CostPage", "Passes"),
    QT_TRANSLATE_NOOP("CostPage", "Median time"),
)
#: core's strategy names by mode (shown translated; a name core changed is shown as it is).
NAMES = {
    "reverse": QT_TRANSLATE_NOOP("CostPage", "reverse (one backward per output)"),
    "forward": QT_TRANSLATE_NOOP("CostPage", "forward (one JVP per input)"),
}
MODES = {
    "reverse": QT_TRANSLATE_NOOP("CostPage", "reverse"),
    "forward": QT_TRANSLATE_NOOP("CostPage", "forward"),
    "vmap-reverse": QT_TRANSLATE_NOOP("CostPage", "reverse, vmapped"),
    "vmap-forward": QT_TRANSLATE_NOOP("CostPage", "forward, vmapped"),
    "jacdesk": QT_TRANSLATE_NOOP("CostPage", "jacdesk's choice"),
}
MODE_ROLE = Qt.ItemDataRole.UserRole


class CostPage(LabPage):
    """Measure / Cancel, a busy bar, the table of strategies (fastest highlighted), the verdict.

    ``cancelRequested`` asks the controller to stop the measurement.
    """

    kind = "cost"
    cancelRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        intro = QLabel(
            self.tr("Forward or reverse mode? Time each way of building J on this f"), self
        )
        intro.setWordWrap(True)
        intro.setStyleSheet("font-weight: bold;")
        self.measure_button = QPushButton(self.tr("Measure"), self)
        self.measure_button.setToolTip(
            self.tr("Time every strategy on this f and point (takes up to about 2 s)")
        )
        self.measure_button.clicked.connect(self._on_measure_button_clicked)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setToolTip(self.tr("Stop the measurement"))
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)  # indeterminate: the measurement has no known length
        self.progress.setTextVisible(False)
        self.progress.setMaximumWidth(160)
        self.progress.setToolTip(self.tr("Measuring: each strategy runs repeatedly"))
        top = QHBoxLayout()
        top.addWidget(intro, 1)
        top.addWidget(self.measure_button)
        top.addWidget(self.progress)
        top.addWidget(self.cancel_button)
        top.addWidget(self.badge)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in HEADERS])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # names are the longest
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMinimumHeight(190)
        self.table.setToolTip(self.tr("Medians of repeated runs; the fastest row is highlighted"))
        for inner in self.table.findChildren(QAbstractButton):  # the table's corner button
            inner.setToolTip(self.table.toolTip())
        self.verdict = QLabel(self)
        self.verdict.setWordWrap(True)
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addWidget(self.status)
        box.addWidget(self.error_label)
        box.addWidget(self.table)
        box.addWidget(self.verdict)
        box.addStretch(1)
        self.answer: CostResult | None = None
        self._set_busy(False)

    def _on_measure_button_clicked(self) -> None:
        self.refresh()

    def _on_cancel_button_clicked(self) -> None:
        self.cancelRequested.emit()

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.measure_button.setEnabled(not busy)
        if busy:
            self.status.setText(self.tr("measuring…"))
        elif self.has_answer and self.out_of_date:
            self.status.setText(self.tr("f or the point changed: press Measure again"))
        elif not self.has_answer:
            self.status.setText(self.tr("Press Measure to time the strategies on this f"))
        else:
            self.status.setText("")
        self.status.setVisible(bool(self.status.text()))

    def show_cancelled(self) -> None:
        super().show_cancelled()
        if not self.has_answer:
            self.status.setText(self.tr("cancelled: press Measure to time again"))
            self.status.setVisible(True)

    def _grey(self, stale: bool) -> None:
        self.table.setEnabled(not stale)
        if stale and not self.busy:
            self._set_busy(False)  # says why the numbers are grey

    def _show(self, answer: object) -> None:
        assert isinstance(answer, CostResult)
        self.answer = answer
        self.table.setRowCount(len(answer.strategies))
        for row, s in enumerate(answer.strategies):
            fastest = s.name == answer.fastest
            texts = (self._name(s), self.tr(MODES.get(s.mode, s.mode)), str(s.passes))
            cells = [*texts, self.tr("{ms} ms").format(ms=f"{s.median_s * 1e3:.3f}")]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(MODE_ROLE, s.mode)
                if col >= 2:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if fastest:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                    item.setBackground(QBrush(QColor(HIGHLIGHT)))
                self.table.setItem(row, col, item)
        self.verdict.setText(self._verdict(answer))
        self._set_busy(False)

    def _name(self, s: StrategyCost) -> str:
        if s.mode == "jacdesk" and ": " in s.name:
            head, picked = s.name.split(": ", 1)
            return f"{head}: {translate_core('Strategy', picked)}"
        english = NAMES.get(s.mode)
        return self.tr(english) if english == s.name else s.name

    def _verdict(self, r: CostResult) -> str:
        """Which mode does fewer passes, and why (m outputs against n inputs)."""
        counts = self.tr(
            "f has m = {m} output(s) and n = {n} input(s): reverse mode needs m = {m} backward "
            "pass(es), one per output; forward mode needs n = {n} JVP(s), one per input."
        ).format(m=r.m, n=r.n)
        if r.m < r.n:
            wins = self.tr("With fewer outputs than inputs, reverse mode wins.")
        elif r.n < r.m:
            wins = self.tr("With fewer inputs than outputs, forward mode wins.")
        else:
            wins = self.tr("With as many outputs as inputs, both do the same number of passes.")
        fastest = next((s for s in r.strategies if s.name == r.fastest), None)
        measured = ""
        if fastest is not None:
            measured = self.tr(
                "torch.func vmaps the passes into one batched pass. Measured fastest here: "
                "{name} ({ms} ms)."
            ).format(name=self._name(fastest), ms=f"{fastest.median_s * 1e3:.3f}")
        return " ".join(t for t in (counts, wins, measured) if t)

    def row_of(self, mode: str) -> int:
        """The table row of the strategy with ``mode`` (-1 when there is none)."""
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.data(MODE_ROLE) == mode:
                return row
        return -1
