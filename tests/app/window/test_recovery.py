"""Crash safety of unsaved work: a window killed with unsaved edits leaves an autosave, and
the next start offers it; a clean exit leaves nothing behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtWidgets import QMessageBox

from jacdesk.app.window.main_window import MainWindow

CRASHING_SESSION = textwrap.dedent(
    """
    import os, signal, sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from jacdesk.app.window.main_window import MainWindow
    w = MainWindow(restore=False)
    w.document._tick.setInterval(100)
    w.show()
    w.editor.set_expressions(["sin(x1) * x2 + 7"])
    def crash_once_autosaved():
        if w.document.autosave.file.exists():
            os.kill(os.getpid(), signal.SIGKILL)  # no clean-up of any kind
    timer = QTimer()
    timer.timeout.connect(crash_once_autosaved)
    timer.start(50)
    QTimer.singleShot(60_000, lambda: sys.exit(3))
    app.exec()
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_killed_session_is_offered_at_the_next_start(qtbot, tmp_path, monkeypatch):
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    done = subprocess.run(
        [sys.executable, "-c", CRASHING_SESSION],
        env=env,
        timeout=120,
        capture_output=True,
        text=True,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr[-2000:]
    data = os.environ["JACDESK_DATA_DIR"]
    assert os.path.isfile(os.path.join(data, "autosave.jacdesk"))

    asked = []

    def yes(_parent, title, text, *_a, **_k):
        asked.append(title)
        buttons = QMessageBox.StandardButton
        return buttons.Yes if title.startswith("Recover") else buttons.Discard

    monkeypatch.setattr(QMessageBox, "question", staticmethod(yes))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    w = MainWindow(restore=False)
    qtbot.addWidget(w)
    w.recover_or_restore()
    assert asked == ["Recover unsaved work?"]
    assert w.editor.expressions() == ["sin(x1) * x2 + 7"]
    assert w.isWindowModified()  # recovered work is unsaved until saved


def test_clean_exit_leaves_no_autosave(qtbot, tmp_path):
    w = MainWindow(restore=False)
    qtbot.addWidget(w)
    w.document._tick.setInterval(50)
    w.editor.set_expressions(["x1 * x2"])
    qtbot.waitUntil(lambda: w.document.autosave.file.exists(), timeout=10_000)
    w.close()  # "Discard" (the test answer): nothing to recover next time
    assert not w.document.autosave.file.exists() and not w.document.autosave.lock.exists()
    again = MainWindow(restore=False)
    qtbot.addWidget(again)
    assert again.document.offer_recovery() is False
