"""A soak: the real window under random clumsy editing while results arrive.

Short by default (a few hundred edits, well under a minute); ``JACDESK_SOAK=full`` runs 5,000
edits and prints its figures (edits, seconds, RSS, live widgets).
"""

from __future__ import annotations

import gc
import os
import random
import time

import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication

from jacdesk.app.window.main_window import MainWindow
from jacdesk.core.content.examples import EXAMPLES

FULL = os.environ.get("JACDESK_SOAK") == "full"
EDITS = 5_000 if FULL else 300
TEXTS = (
    "x1**2 + 2*x2",
    "x1**2 + ",
    "sin(x1) * x2",
    "foo(x1) + x2",
    "x1*x2",
    "x1x2",
    "x1@x2",
    "exp(x1) - x2**3",
    "x1 +* x2",
    "(x1 + x2",
    "tanh(x1 * x2) + x3",
)


def _rss_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _settle(qtbot, w: MainWindow) -> None:
    """Make the input valid, then wait for its result: it must be the current request's."""
    w.editor.set_expressions(["x1**2 + 2*x2", "3*x1 + 4*x2**2"])
    qtbot.waitUntil(
        lambda: (
            not w.controller.waiting()  # an edit still in its debounce is not settled
            and (r := w.controller.last_result) is not None
            and r.generation == w.controller.generation
            and tuple(r.expressions) == ("x1**2 + 2*x2", "3*x1 + 4*x2**2")
        ),
        timeout=60_000,
    )


def _live_widgets() -> int:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    return len(QApplication.allWidgets())


@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="reads RSS from /proc")
def test_random_editing_loses_nothing_and_stays_bounded(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    w = MainWindow(restore=False)
    qtbot.addWidget(w)
    w.show()
    rng = random.Random(15)
    shown = []
    w.controller.resultReady.connect(
        lambda r: shown.append((r.generation, w.controller.generation))
    )
    start = time.monotonic()
    rss = {"start": _rss_mb()}
    for k in range(EDITS):
        action = rng.random()
        if action < 0.5:
            w.editor.set_expressions([rng.choice(TEXTS)])
        elif action < 0.7:
            w.variables.load({"x1": rng.uniform(-3, 3), "x2": rng.uniform(-3, 3)}, {})
            w.variables.pointChanged.emit()
        elif action < 0.8:
            w.variables.random_point()
        elif action < 0.85:
            w.load_example(EXAMPLES[rng.randrange(len(EXAMPLES))])
        elif action < 0.9:
            path = tmp_path / "soak.jacdesk"
            if w.document._write(path):  # a half-typed f is refused with a message
                assert w.document.open_without_asking(path)
        else:
            w.tabs.setCurrentIndex(rng.randrange(w.tabs.count()))
        qtbot.wait(rng.choice((0, 0, 1, 5)))
        if k == EDITS // 5:
            _settle(qtbot, w)
            rss["warm"] = _rss_mb()
    # the value the user set survives a burst of broken and valid edits
    w.editor.set_expressions(["x1 + x2"])
    w.variables.row("x2").set_value(np.array(3.0))
    w.variables.pointChanged.emit()
    for text in ("x1 + x", "foo(x1) + x2", "x1 + ", "x1 + x2"):
        w.editor.set_expressions([text])
        qtbot.wait(0)
    assert float(w.variables.row("x2").value()) == 3.0
    _settle(qtbot, w)
    rss["end"] = _rss_mb()
    seconds = time.monotonic() - start
    assert all(g == current for g, current in shown)  # never a result of an older request
    assert w.controller.last_result.jacobian.tolist() == [
        [2 * float(w.variables.row("x1").value()), 2.0],
        [3.0, 8 * float(w.variables.row("x2").value())],
    ]
    assert rss["end"] - rss["warm"] <= 50, rss
    print(
        f"soak: {EDITS} edits, {seconds:.0f} s, RSS start {rss['start']:.0f} MB, "
        f"after warm-up {rss['warm']:.0f} MB, end {rss['end']:.0f} MB, "
        f"live widgets {_live_widgets()}"
    )
