"""While a deliberately heavy job runs, the GUI thread's event loop keeps ticking."""

from __future__ import annotations

import itertools
import time

import numpy as np
from PySide6.QtCore import QTimer

from jacdesk.app.state.controller import Controller

MAX_GAP_S = 0.050


def heartbeat_gaps(qtbot, start, done_signal, timeout_ms=120_000) -> list[float]:
    """Run ``start()`` with a 5 ms heartbeat timer going; return the gaps between ticks."""
    ticks: list[float] = []
    timer = QTimer(interval=5)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    try:
        with qtbot.waitSignal(done_signal, timeout=timeout_ms):
            start()
    finally:
        timer.stop()
    return [b - a for a, b in itertools.pairwise(ticks)]


def test_gui_thread_never_blocked_by_a_64x64_matrix_variable(qtbot):
    c = Controller()
    c.set_options(symbolic=False)
    # Warm torch first: importing it is the one thing that happens once (9×9 X gives an 81×81
    # J, beyond the one-pass batch trick). A large square J goes to jacfwd once forward mode is
    # loaded, which the window's warm-up thread does after its first numbers: so does this
    # test (forward mode's first use imports ~0.25 s holding the GIL).
    warm_ups = ((["x1**2"], {"x1": np.array(1.0)}), (["tanh(X @ X)"], {"X": np.eye(9) / 8}))
    for expressions, point in warm_ups:
        with qtbot.waitSignal(c.resultReady, timeout=60_000):
            c.set_expressions(expressions)
            c.set_point(point, {})
            c.recompute()
    from jacdesk.core.diff import forward_mode

    forward_mode.warm()
    x = np.random.default_rng(0).standard_normal((64, 64)) / 8

    def start():
        c.set_expressions(["tanh(X @ X)"])
        c.set_point({"X": x}, {})
        c.recompute()

    gaps = heartbeat_gaps(qtbot, start, c.resultReady)
    c.shutdown()
    assert c.last_result.jacobian.shape == (4096, 4096)
    assert max(gaps) < MAX_GAP_S, f"event loop blocked for {max(gaps) * 1e3:.0f} ms"
