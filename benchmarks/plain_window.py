"""The plain-Qt baseline of "edit → numbers on screen": the least a window can do.

One QTableView shows J of the seed; an edit of x1 sends the point to a worker thread, which
runs ``torch.func.jacrev`` and hands J back by a queued signal; the model announces the new
cells and the table repaints. jacdesk's window does the same path plus everything else it
shows, so the ratio of the two is the cost of jacdesk's window over plain compute + display.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable

import torch
from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QEventLoop,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    Signal,
    SignalInstance,
)
from PySide6.QtWidgets import QApplication, QTableView, QWidget


def _seed(x: torch.Tensor) -> torch.Tensor:
    return torch.stack([x[0] ** 2 + 2 * x[1], 3 * x[0] + 4 * x[1] ** 2])


class _Model(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.j = [[0.0, 0.0], [0.0, 0.0]]

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 2

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 2

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{self.j[index.row()][index.column()]:.6g}"
        return None

    def set_j(self, j: list[list[float]]) -> None:
        self.j = j
        self.dataChanged.emit(self.index(0, 0), self.index(1, 1))


class _Worker(QObject):
    done = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self._jobs: queue.SimpleQueue = queue.SimpleQueue()
        threading.Thread(target=self._run, daemon=True).start()

    def submit(self, x1: float) -> None:
        self._jobs.put(x1)

    def _run(self) -> None:
        while True:
            x1 = self._jobs.get()
            x = torch.tensor([x1, 2.0], dtype=torch.float64)
            self.done.emit(torch.func.jacrev(_seed)(x).tolist())


class _QuitOnPaint(QObject):
    """Ends ``loop`` once the watched widget has been painted (the paint itself completes)."""

    def __init__(self, loop: QEventLoop) -> None:
        super().__init__()
        self.loop = loop

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.loop.quit()
        return False


def _deadline(loop: QEventLoop, timeout_ms: int) -> None:
    timer = QTimer(loop, singleShot=True, interval=timeout_ms)  # dies with its loop
    timer.timeout.connect(loop.quit)
    timer.start()


def wait_painted(widget: QWidget, timeout_ms: int = 10_000) -> None:
    """Run the event loop until ``widget`` has been painted: the numbers are on screen."""
    loop = QEventLoop()
    watcher = _QuitOnPaint(loop)
    widget.installEventFilter(watcher)
    _deadline(loop, timeout_ms)
    loop.exec()
    widget.removeEventFilter(watcher)


def wait_until(
    done: Callable[[], bool],
    signal: SignalInstance,
    timeout_ms: int = 10_000,
    poll_ms: int | None = None,
) -> None:
    """Run the event loop until ``done()`` holds, checking whenever ``signal`` fires (and
    every ``poll_ms`` when given: for a state that settles without a signal)."""
    if done():
        return
    loop = QEventLoop()

    def check(*_args: object) -> None:
        if done():
            loop.quit()

    signal.connect(check)
    if poll_ms is not None:
        poll = QTimer(loop, interval=poll_ms)
        poll.timeout.connect(check)
        poll.start()
    _deadline(loop, timeout_ms)
    loop.exec()
    signal.disconnect(check)


class PlainWindow:
    """The baseline window; ``edit()`` returns the seconds from an edit to J on screen."""

    def __init__(self, app: QApplication) -> None:
        self.app = app
        self.model = _Model()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.resize(400, 200)
        self.table.show()
        self.worker = _Worker()
        self.arrived = False
        # The worker's signal is queued to this (GUI) thread's model; the model's own
        # dataChanged then fires here, where the wait can see it.
        self.worker.done.connect(self.model.set_j)
        self.model.dataChanged.connect(self._on_model_dataChanged)
        self._k = 0

    def _on_model_dataChanged(self, *_args: object) -> None:
        self.arrived = True

    def edit(self) -> float:
        self._k += 1
        t0 = time.perf_counter()
        self.arrived = False
        self.worker.submit(1.0 + (self._k % 50) / 10)
        wait_until(lambda: self.arrived, self.model.dataChanged)
        wait_painted(self.table.viewport())
        return time.perf_counter() - t0
