"""Issue: no stalls at any size — the longest event-loop stall while a 40×40 ``X @ X``
(J 1600×1600) arrives, while the J tab switches to the block view, and while the J table
scrolls, measured by a 2 ms heartbeat timer in the real window (offscreen Qt).

The figure of each case is the longest gap between two heartbeats minus the timer's own
interval; the baseline is plain torch computing the same J (jacfwd), in the same run.
"""

from __future__ import annotations

import atexit
import os
import tempfile
import time

import numpy as np
import torch
from harness import Case

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
BEAT_MS = 2


def cases() -> list[Case]:
    os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="jacdesk-stall-")
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from jacdesk.app.window.main_window import MainWindow
    from jacdesk.core.content.examples import Example

    app = QApplication.instance() or QApplication([])
    window = MainWindow(restore=False)
    window.resize(1600, 1000)
    window.show()
    # Stops the worker threads before Qt goes away; closing offscreen never asks to save.
    atexit.register(lambda: (window.close(), app.processEvents()))
    rng = np.random.default_rng(0)
    big = rng.standard_normal((40, 40))
    big_t = torch.tensor(big)

    class Heartbeat:
        def __init__(self) -> None:
            self.clock = QElapsedTimer()
            self.timer = QTimer(interval=BEAT_MS)
            self.timer.timeout.connect(self._beat)
            self.last = 0
            self.worst = 0

        def _beat(self) -> None:
            now = self.clock.elapsed()
            self.worst = max(self.worst, now - self.last - BEAT_MS)
            self.last = now

        def __enter__(self) -> Heartbeat:
            self.clock.start()
            self.last, self.worst = 0, 0
            self.timer.start()
            return self

        def __exit__(self, *_exc) -> None:
            self._beat()
            self.timer.stop()

    def spin(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def wait_result(timeout_s: float = 30.0) -> None:
        done: list[object] = []
        window.controller.resultReady.connect(done.append)
        t0 = time.perf_counter()
        while not done and time.perf_counter() - t0 < timeout_s:
            spin(5)
        window.controller.resultReady.disconnect(done.append)
        spin(50)  # the views' repaint belongs to "arrival"

    j_view = window.tabs.view("J")
    counter = iter(range(10**9))

    def arrival() -> float:
        k = next(counter)
        ex = Example("big", "X @ X, 40×40", ("X @ X",), {"X": (big + k * 1e-3).tolist()})
        with Heartbeat() as hb:
            window.load_example(ex)
            wait_result()
        return hb.worst / 1000

    def block_switch() -> float:
        j_view.show_form(None)
        spin(20)
        with Heartbeat() as hb:
            j_view.show_form("X")
            spin(300)
        return hb.worst / 1000

    def scrolling() -> float:
        table = j_view.matrix_view.table
        with Heartbeat() as hb:
            for frac in np.linspace(0, 1, 25):
                table.verticalScrollBar().setValue(int(frac * table.verticalScrollBar().maximum()))
                table.horizontalScrollBar().setValue(
                    int(frac * table.horizontalScrollBar().maximum())
                )
                spin(4)
        return hb.worst / 1000

    window.tabs.setCurrentWidget(j_view)
    arrival()  # warm: the first 1600×1600 result, the caches, the model

    from jacdesk.core.diff import forward_mode

    def plain() -> float:
        # In the window's own process: torch's forward-AD level is process-wide, so the plain
        # jacfwd takes the lock the window's workers take (it never overlaps their passes).
        with forward_mode.exclusive():
            t0 = time.perf_counter()
            torch.func.jacfwd(lambda m: m @ m)(big_t)
            return time.perf_counter() - t0

    # The Questions tab computes on its own worker: the window keeps beating meanwhile.
    ten = Example(
        "ten",
        "R^10 -> R^10",
        tuple(f"sin(x[{i}])*exp(x[{(i + 1) % 10}]) + x[{i}]*x[{(i + 3) % 10}]" for i in range(10)),
        {"x": np.linspace(0.1, 1.0, 10).tolist()},
    )
    questions = window.tabs.view("Questions")

    def wait_lab(kind: str, timeout_s: float = 30.0) -> None:
        done: list[object] = []

        def heard(k: str, *_rest: object) -> None:
            if k == kind:
                done.append(k)

        for signal in (window.controller.labReady, window.controller.labFailed):
            signal.connect(heard)
        t0 = time.perf_counter()
        while not done and time.perf_counter() - t0 < timeout_s:
            spin(5)
        for signal in (window.controller.labReady, window.controller.labFailed):
            signal.disconnect(heard)
        spin(50)  # the page's repaint belongs to it

    def lab_stall(kind: str) -> float:
        window.tabs.setCurrentWidget(questions)
        if window.controller.expressions != ten.expressions:
            window.load_example(ten)
            wait_result()
        questions.show_page(kind)
        spin(20)
        page = questions.page(kind)
        with Heartbeat() as hb:
            if kind == "cost":
                page.measure_button.click()
            else:
                page.refresh()  # what showing it with a new f does
            wait_lab(kind)
        window.tabs.setCurrentWidget(j_view)
        return hb.worst / 1000

    reported = {"reported": True}
    baseline = {"jacfwd, same J": plain}
    return [
        Case(
            "max stall: precision sweep 10x10 (Questions tab)",
            lambda: lab_stall("precision"),
            "plain compute",
            baseline,
            5,
            "max stall <= 0.05 s",
            reported,
        ),
        Case(
            "max stall: cost measurement 10x10 (Questions tab)",
            lambda: lab_stall("cost"),
            "plain compute",
            baseline,
            3,
            "max stall <= 0.05 s",
            reported,
        ),
        Case(
            "max stall: 1600x1600 J arrives",
            arrival,
            "plain compute",
            baseline,
            5,
            "max stall <= 0.05 s",
            reported,
        ),
        Case(
            "max stall: block view switch 40x40",
            block_switch,
            "plain compute",
            baseline,
            5,
            "max stall <= 0.05 s",
            reported,
        ),
        Case(
            "max stall: scrolling the 1600x1600 J",
            scrolling,
            "plain compute",
            baseline,
            5,
            "max stall <= 0.05 s",
            reported,
        ),
    ]
