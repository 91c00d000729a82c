"""Issue: the window — edit-to-displayed-result for the tutorial example (offscreen Qt)."""

from __future__ import annotations

import atexit
import os
import tempfile
import time

import torch
from harness import Case

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _example(x: torch.Tensor) -> torch.Tensor:
    return torch.stack([x[0] ** 2 + 2 * x[1], 3 * x[0] + 4 * x[1] ** 2])


def cases() -> list[Case]:
    os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="jacdesk-bench-")
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from jacdesk.app.window.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    window = MainWindow(restore=False)
    window.show()
    atexit.register(window.close)  # stops the worker threads before Qt goes away
    shown: list[int] = []
    window.controller.resultReady.connect(lambda r: shown.append(r.generation))

    def wait_for(generation: int) -> None:
        loop = QEventLoop()
        timer = QTimer(singleShot=True, interval=10_000)
        timer.timeout.connect(loop.quit)

        def check(r) -> None:
            if r.generation >= generation:
                loop.quit()

        window.controller.resultReady.connect(check)
        timer.start()
        if not shown or shown[-1] < generation:
            loop.exec()
        window.controller.resultReady.disconnect(check)
        app.processEvents()  # the views' repaint is part of "displayed"

    window.variables.load({"x1": 1.0, "x2": 2.0}, {})
    window.variables.pointChanged.emit()
    wait_for(window.controller.generation + 1)
    counter = iter(range(10**9))

    def edit() -> None:
        # One user edit: a new x1 (what a spin box or slider step does), then wait until the
        # views have the new result. The first edit after a pause runs without debounce delay.
        k = next(counter)
        window.variables.load({"x1": 1.0 + (k % 50) / 10, "x2": 2.0}, {})
        window.variables.pointChanged.emit()
        target = window.controller.generation + 1
        wait_for(target)
        window.controller._cooldown.stop()  # a user pauses between edits

    # Four components plotted at 100×100: from a point edit to the redrawn plot views.
    from jacdesk.core.content.examples import Example

    four = Example(
        "four",
        "four surfaces",
        ("x1*x2", "sin(x1) + x2", "x1**2 - x2**2", "exp(-(x1**2 + x2**2) / 4)"),
        {"x1": 1.0, "x2": 2.0},
    )
    plots_shown: list[int] = []
    window.plot_controller.gridReady.connect(lambda g, _l, _r: plots_shown.append(g.generation))

    def wait_plots(count: int) -> None:
        loop = QEventLoop()
        timer = QTimer(singleShot=True, interval=10_000)
        timer.timeout.connect(loop.quit)
        poll = QTimer(interval=1)
        poll.timeout.connect(lambda: len(plots_shown) >= count and loop.quit())
        timer.start()
        poll.start()
        loop.exec()
        poll.stop()
        app.processEvents()

    def plot_edit() -> None:
        if window.tabs.currentWidget() is not window.plots:
            window.load_example(four)
            window.tabs.setCurrentWidget(window.plots)
            wait_plots(len(plots_shown) + 1)
        k = next(counter)
        count = len(plots_shown)
        window.variables.load({"x1": 1.0 + (k % 20) / 10, "x2": 2.0}, {})
        window.variables.pointChanged.emit()
        wait_plots(count + 1)
        window.controller._cooldown.stop()

    # Edit → numbers on screen, against the plain-Qt window (benchmarks/plain_window.py):
    # from the edit to the J tab's table painted with the new numbers. A user pauses
    # between edits, so the previous edit's formulas and hidden tabs have settled first.
    from plain_window import PlainWindow, wait_painted, wait_until

    plain = PlainWindow(app)
    pending = [False]
    window.controller.symbolicPending.connect(lambda on: pending.__setitem__(0, bool(on)))
    table = window.tabs.view("J").matrix_view.table.viewport()

    def settled() -> bool:
        return not pending[0] and window.tabs.pending() == 0

    def edit_to_screen() -> float:
        window.tabs.setCurrentWidget(window.tabs.view("J"))
        wait_until(settled, window.controller.resultReady, poll_ms=5)
        app.processEvents()
        window.controller._cooldown.stop()  # the pause: the next edit computes at once
        k = next(counter)
        t0 = time.perf_counter()
        window.variables.load({"x1": 1.0 + (k % 50) / 10, "x2": 2.0}, {})
        window.variables.pointChanged.emit()
        target = window.controller.generation + 1
        wait_until(lambda: bool(shown) and shown[-1] >= target, window.controller.resultReady)
        wait_painted(table)
        return time.perf_counter() - t0

    x = torch.tensor([1.0, 2.0], dtype=torch.float64)
    gl = "3-D" if window.plots.surfaces is not None else "2-D maps (no OpenGL here)"
    return [
        Case(
            "edit to displayed result (window)",
            edit,
            "torch.func",
            {"jacrev": lambda: torch.func.jacrev(_example)(x)},
            60,
            "well under 100 ms",
        ),
        Case(
            "edit to numbers on screen (window, seed)",
            edit_to_screen,
            "plain Qt + torch",
            {"QTableView + worker thread + jacrev": plain.edit},
            60,
            "ratio <= 1.5",
            extra={"reported": True},
        ),
        Case(
            f"edit to 4 redrawn 100x100 plots ({gl})",
            plot_edit,
            "torch.func",
            {"jacrev": lambda: torch.func.jacrev(_example)(x)},
            30,
            "within 200 ms",
        ),
    ]
