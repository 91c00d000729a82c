"""The first 3-D view never re-creates the main window (its X window id stays the same)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.gl

SCRIPT = """
from jacdesk.app.plots.gl_support import share_gl_contexts
share_gl_contexts()  # as jacdesk.app.main does, before the QApplication
from PySide6.QtWidgets import QApplication
app = QApplication([])
from jacdesk.app.window.main_window import MainWindow
w = MainWindow(restore=False)
w.show()
for _ in range(20):
    app.processEvents()
before = int(w.winId())
w.tabs.setCurrentWidget(w.tabs.view("Plots"))
for _ in range(20):
    app.processEvents()
p = w.plots
assert p.surfaces is not None, "no 3-D view on this display"
p.views.setCurrentWidget(p.surfaces)
for _ in range(50):
    app.processEvents()
print("WINID", before, int(w.winId()))
w.close()
"""


@pytest.mark.skipif(not os.environ.get("DISPLAY"), reason="needs an X server (Xvfb on :99)")
def test_showing_the_3d_view_keeps_the_window_id(tmp_path):
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "xcb",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "JACDESK_DATA_DIR": str(tmp_path / "data"),
    }
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=240
    )
    line = next((s for s in done.stdout.splitlines() if s.startswith("WINID")), None)
    assert line is not None, done.stderr[-2000:]
    _, before, after = line.split()
    assert before == after
