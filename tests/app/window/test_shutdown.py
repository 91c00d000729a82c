"""Closing where no one can answer never blocks; SIGTERM autosaves, removes the lock, quits."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from jacdesk.app.window import document
from jacdesk.app.window.main_window import MainWindow

REAL_SOMEONE_CAN_ANSWER = document.someone_can_answer


def _never_ask(*_args, **_kwargs):
    raise AssertionError("a question was asked where no one can answer")


@pytest.fixture
def unattended(monkeypatch):
    """The real check (offscreen: no one), and a question box that fails the test if used."""
    monkeypatch.setattr(document, "someone_can_answer", REAL_SOMEONE_CAN_ANSWER)
    monkeypatch.setattr(QMessageBox, "question", staticmethod(_never_ask))


def test_offscreen_close_with_changes_returns_and_keeps_the_work(qtbot, unattended):
    w = MainWindow(restore=False)
    qtbot.addWidget(w)
    w.show()
    w.editor.set_expressions(["sin(x1) * x2 + 7"])
    qtbot.waitUntil(w.isWindowModified, timeout=5_000)
    assert w.close()
    saved = w.document.autosave
    assert saved.file.is_file() and not saved.lock.exists()
    assert "sin(x1) * x2 + 7" in saved.file.read_text(encoding="utf-8")
    assert saved.recoverable() == saved.file  # offered at the next start


def test_the_kept_work_is_offered_at_the_next_start(qtbot, unattended, monkeypatch):
    first = MainWindow(restore=False)
    qtbot.addWidget(first)
    first.show()
    first.editor.set_expressions(["x1 * x2 + 5"])
    qtbot.waitUntil(first.isWindowModified, timeout=5_000)
    first.close()
    yes = staticmethod(lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(document, "someone_can_answer", lambda _w: True)
    monkeypatch.setattr(QMessageBox, "question", yes)
    second = MainWindow(restore=False)
    qtbot.addWidget(second)
    second.recover_or_restore()
    assert second.editor.expressions() == ["x1 * x2 + 5"]
    # Nobody answers at teardown: the close is unattended (autosave), not refused by a dialog.
    monkeypatch.setattr(document, "someone_can_answer", lambda _w: False)
    second.close()
    assert not second.isVisible() and not second.controller._numeric.isRunning()


def test_a_tick_after_close_does_not_raise(qtbot):
    w = MainWindow(restore=False)
    qtbot.addWidget(w)
    w.editor.set_expressions(["x1 * x2 + 3"])
    qtbot.waitUntil(w.isWindowModified, timeout=5_000)
    w.document.close()
    w.document._on_tick_timeout()  # a timeout queued before close() still arrives
    w.document._closed = False  # and the race: closed between the check and submit
    w.document._on_tick_timeout()


@pytest.mark.skipif(not hasattr(signal, "SIGTERM") or os.name != "posix", reason="POSIX")
def test_sigterm_removes_the_lock_and_quits(tmp_path):
    data = tmp_path / "data"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "JACDESK_DATA_DIR": str(data),
    }
    env.pop("JACDESK_QUIT_AFTER_MS", None)
    proc = subprocess.Popen(
        [sys.executable, "-c", "from jacdesk.app.main import main; raise SystemExit(main([]))"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lock = Path(data) / "running.lock"
    try:
        deadline = time.monotonic() + 240
        while not lock.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)  # another process: nothing to wait on but its files
        assert lock.exists(), proc.stderr.read() if proc.poll() is not None else "no lock"
        proc.send_signal(signal.SIGTERM)
        _out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err[-2000:]
    assert not lock.exists()
