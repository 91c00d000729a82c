"""The status bar's parts: how the last J was computed, in how long, where, and a busy bar."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QProgressBar, QSizePolicy, QStatusBar

from jacdesk.app.system.i18n import translate, translate_core
from jacdesk.core.results.analysis import Analysis

# The texts keep the translation context "MainWindow": the window showed them first.

#: A request shorter than this never shows the busy bar.
BUSY_DELAY_MS = 150


class StatusLine:
    """Puts its labels and busy bar into ``bar`` and keeps them up to date."""

    def __init__(self, bar: QStatusBar) -> None:
        self.strategy_label = QLabel(translate("MainWindow", "starting…"))
        self.strategy_label.setToolTip(
            translate("MainWindow", "How the last Jacobian was computed")
        )
        self.time_label = QLabel("")
        self.time_label.setToolTip(translate("MainWindow", "Time of the last numeric computation"))
        self.device_label = QLabel("CPU · float64")
        self.device_label.setToolTip(translate("MainWindow", "Where jacdesk computes"))
        self.busy = QProgressBar(maximum=0, maximumWidth=120, visible=False)
        self.busy.setToolTip(translate("MainWindow", "Computing… (Esc cancels)"))
        # Nothing in the bar moves when a request starts or ends: the busy bar keeps its
        # place while hidden, and the time keeps one width. (A status bar that changes its
        # layout makes the whole window lay out and repaint again, on every edit.)
        policy = self.busy.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.busy.setSizePolicy(policy)
        widest = translate("MainWindow", "computed in {ms} ms").format(ms="00000.0")
        self.time_label.setMinimumWidth(self.time_label.fontMetrics().horizontalAdvance(widest) + 8)
        ignored = self.strategy_label.sizePolicy()
        ignored.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
        self.strategy_label.setSizePolicy(ignored)
        # A request of a few ms would only flash the bar: it shows once one takes a while.
        self._show_busy = QTimer(bar, singleShot=True, interval=BUSY_DELAY_MS)
        self._show_busy.timeout.connect(self.busy.show)
        bar.addWidget(self.strategy_label, 1)
        bar.addPermanentWidget(self.busy)
        bar.addPermanentWidget(self.time_label)
        bar.addPermanentWidget(self.device_label)

    def show_result(self, result: Analysis) -> None:
        """How, in how long and where ``result`` was computed."""
        strategy = translate("MainWindow", "J by {strategy}")
        self.strategy_label.setText(
            strategy.format(strategy=translate_core("Strategy", result.strategy))
        )
        took = translate("MainWindow", "computed in {ms} ms")
        self.time_label.setText(took.format(ms=f"{result.elapsed_s * 1e3:.1f}"))
        self.device_label.setText(f"{result.device.upper()} · {result.dtype}")

    def show_stale(self) -> None:
        """The newest input failed: what is shown is the last valid result."""
        self.strategy_label.setText(
            translate("MainWindow", "the last valid result is shown (marked stale)")
        )

    def set_busy(self, busy: bool) -> None:
        if busy:
            if not self.busy.isVisible():
                self._show_busy.start()
        else:
            self._show_busy.stop()
            self.busy.hide()
