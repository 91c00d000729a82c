"""Under a real X server (Xvfb in CI): the window renders, and its picture is not blank."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [
    pytest.mark.gl,
    pytest.mark.skipif(not os.environ.get("DISPLAY"), reason="needs an X server (Xvfb)"),
]

SCRIPT = textwrap.dedent(
    """
    import sys, time
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication
    app = QApplication(sys.argv)
    from jacdesk.app.window.main_window import MainWindow
    w = MainWindow(restore=False)
    w.resize(1200, 760)
    w.show()
    t0 = time.time()
    while (w.controller.last_result is None or w.controller.last_result.symbolic is None) \\
            and time.time() - t0 < 60:
        loop = QEventLoop(); QTimer.singleShot(50, loop.quit); loop.exec()
    w.grab().save(sys.argv[1])
    print(app.platformName(), w.controller.last_result.jacobian.tolist())
    w.close()
    """
)


def test_main_window_grab_is_not_blank(tmp_path):
    from PySide6.QtGui import QImage

    png = tmp_path / "window.png"
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="xcb",
        XDG_CONFIG_HOME=str(tmp_path),
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    )
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(png)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("xcb [[2.0, 2.0], [3.0, 16.0]]"), proc.stdout
    img = QImage(str(png))
    assert img.width() >= 1000 and img.height() >= 600
    colours = {img.pixel(x, y) for x in range(0, img.width(), 7) for y in range(0, img.height(), 7)}
    assert len(colours) > 20, "the window picture is (nearly) one colour"
