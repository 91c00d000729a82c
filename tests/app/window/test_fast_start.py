"""Fast start: the window is built and shown without importing torch or sympy on the GUI
thread; the engine loads in the background and the first result follows."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

PROBE = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from jacdesk.app.window.main_window import MainWindow
    w = MainWindow(restore=False)
    w.show()
    print("torch at show:", "torch" in sys.modules, "sympy at show:", "sympy" in sys.modules)
    print("pyqtgraph at show:", "pyqtgraph" in sys.modules)
    import time
    gaps, last = [], [time.perf_counter()]
    def beat():
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now
    heart = QTimer(interval=10)
    heart.timeout.connect(beat)
    heart.start()
    w.editor.edit.insertPlainText(" ")  # the editor takes input at once
    def done(r):
        print("J:", r.jacobian.tolist())
        print("longest GUI pause while the engine loaded: %.3f s" % max(gaps or [0]))
        w.close()
    w.controller.resultReady.connect(done)
    QTimer.singleShot(60_000, w.close)
    app.exec()
    """
)


def test_window_shows_before_torch_and_computes_when_ready(tmp_path):
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path),
        "JACDESK_DATA_DIR": str(tmp_path / "data"),
    }
    done = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.splitlines()
    assert lines[0] == "torch at show: False sympy at show: False"
    # Plots and the precision page build their pyqtgraph widgets when first shown.
    assert lines[1] == "pyqtgraph at show: False"
    assert "J: [[2.0, 2.0], [3.0, 16.0]]" in lines
