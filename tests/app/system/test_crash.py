"""Crash safety: uncaught exceptions from the GUI thread and from worker threads are logged and
shown in one dialog (on the GUI thread) with "Copy details"; faulthandler writes to the log; a
window that cannot be built becomes a dialog, a log entry and one stderr line."""

from __future__ import annotations

import faulthandler
import os
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QThread, QTimer
from PySide6.QtWidgets import QApplication

from jacdesk.app.system import crash, crash_log

ROOT = Path(__file__).resolve().parents[3]
# pytest-qt would otherwise swap sys.excepthook for its own around every test phase.
pytestmark = pytest.mark.qt_no_exception_capture


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ, HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"), **extra)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    # Qt's own platform notices ("This plugin does not support …") are not jacdesk's output.
    env["QT_LOGGING_RULES"] = "default.warning=false"
    return env


@pytest.fixture
def log_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "log"
    monkeypatch.setenv("JACDESK_LOG_DIR", str(folder))
    crash_log.close_log()
    yield folder
    # Point faulthandler away from the log before closing it (pytest enables it on stderr).
    faulthandler.enable(file=sys.__stderr__)
    crash_log.close_log()


@pytest.fixture
def shown(monkeypatch) -> list[dict]:
    """Dialogs the crash handlers opened; exec() records instead of blocking."""
    seen: list[dict] = []

    def fake_exec(dialog: crash.CrashDialog) -> int:
        seen.append(
            {
                "text": dialog.text(),
                "details": dialog.detailedText(),
                "gui_thread": QThread.currentThread() is QApplication.instance().thread(),
                "title": dialog.windowTitle(),
            }
        )
        return 0

    monkeypatch.setattr(crash.CrashDialog, "exec", fake_exec)
    return seen


@pytest.fixture
def handlers(qapp, log_dir, shown):
    reporter = crash.install_crash_handlers(qapp)
    yield reporter
    crash.uninstall_crash_handlers()


def _log_text(log_dir: Path) -> str:
    return (log_dir / crash_log.LOG_NAME).read_text(encoding="utf-8")


def test_gui_thread_exception_is_logged_and_shown(qtbot, handlers, shown, log_dir) -> None:
    def broken_slot() -> None:
        raise ZeroDivisionError("division by zero in a slot")

    QTimer.singleShot(0, broken_slot)
    qtbot.waitUntil(lambda: len(shown) == 1)
    (dialog,) = shown
    assert dialog["text"].startswith("Something went wrong: ZeroDivisionError: division by zero")
    assert "\n" not in dialog["text"] and "Traceback" not in dialog["text"]
    assert "Traceback (most recent call last)" in dialog["details"]
    assert "broken_slot" in dialog["details"] and "jacdesk 0." in dialog["details"]
    assert dialog["gui_thread"]
    log = _log_text(log_dir)
    assert "broken_slot" in log and "ZeroDivisionError: division by zero in a slot" in log


def test_worker_thread_exception_reaches_the_gui_thread(qtbot, handlers, shown, log_dir) -> None:
    def worker() -> None:
        raise ValueError("bad value in a worker")

    thread = threading.Thread(target=worker, name="jacdesk-test-worker")
    thread.start()
    thread.join()
    assert "bad value in a worker" in _log_text(log_dir)  # logged on the worker at once
    qtbot.waitUntil(lambda: len(shown) == 1)
    assert shown[0]["gui_thread"], "the dialog must be built on the GUI thread"
    assert "ValueError: bad value in a worker" in shown[0]["text"]
    assert "thread jacdesk-test-worker" in shown[0]["details"]


def test_a_repeating_error_opens_one_dialog_at_a_time(qtbot, handlers, monkeypatch) -> None:
    opened: list[str] = []

    def nested_exec(dialog: crash.CrashDialog) -> int:
        opened.append(dialog.text())
        handlers.crashed.emit("again", "details")  # arrives while this one is open
        QApplication.processEvents()
        return 0

    monkeypatch.setattr(crash.CrashDialog, "exec", nested_exec)
    handlers.crashed.emit("first", "details")
    qtbot.waitUntil(lambda: opened == ["first"])
    QApplication.processEvents()
    assert opened == ["first"]


def test_copy_details_puts_the_traceback_on_the_clipboard(qtbot) -> None:
    details = "jacdesk error\nTraceback (most recent call last):\nValueError: x"
    dialog = crash.CrashDialog("Something went wrong: ValueError: x.", details)
    qtbot.addWidget(dialog)
    dialog.show()
    QApplication.clipboard().setText("")
    dialog.copy_button.click()
    assert QApplication.clipboard().text() == details
    assert dialog.isVisible(), "copying must not close the dialog"
    assert dialog.detailedText() == details  # behind "Show Details…"
    dialog.close()
    assert not dialog.isVisible()


def test_faulthandler_writes_to_the_log(handlers, log_dir) -> None:
    assert faulthandler.is_enabled()
    assert (log_dir / crash_log.LOG_NAME).is_file()


def test_a_hard_crash_leaves_its_stack_in_the_log(tmp_path) -> None:
    script = textwrap.dedent(
        """
        import faulthandler
        from jacdesk.app.system import crash_log
        assert crash_log.enable_faulthandler()
        faulthandler._sigsegv()
        """
    )
    env = _env(tmp_path, JACDESK_LOG_DIR=str(tmp_path / "log"))
    proc = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode != 0
    log = (tmp_path / "log" / crash_log.LOG_NAME).read_text(encoding="utf-8")
    assert "Fatal Python error: Segmentation fault" in log and "<string>" in log


def test_log_is_size_capped(log_dir) -> None:
    log_dir.mkdir(parents=True)
    (log_dir / crash_log.LOG_NAME).write_text("x" * (crash_log.MAX_LOG_BYTES + 1))
    assert crash_log.write_log("fresh entry")
    assert (log_dir / (crash_log.LOG_NAME + ".1")).stat().st_size > crash_log.MAX_LOG_BYTES
    assert "fresh entry" in _log_text(log_dir) and len(_log_text(log_dir)) < 1000


def test_startup_error_in_process_with_stderr_none(qapp, log_dir, shown, monkeypatch) -> None:
    monkeypatch.setattr(sys, "stderr", None)
    try:
        raise RuntimeError("the window could not be built")
    except RuntimeError as exc:
        assert crash.startup_error(exc) == 1
    assert shown and shown[0]["text"].startswith("jacdesk could not start: RuntimeError")
    assert "the window could not be built" in _log_text(log_dir)


def _startup_error_run(tmp_path: Path, platform: str) -> subprocess.CompletedProcess[str]:
    env = _env(
        tmp_path,
        QT_QPA_PLATFORM=platform,
        JACDESK_INJECT_STARTUP_ERROR="1",
        JACDESK_LOG_DIR=str(tmp_path / "log"),
        JACDESK_DIALOG_AUTOCLOSE_MS="200",
    )
    return subprocess.run(
        [sys.executable, "-m", "jacdesk"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def _check_startup_error(proc: subprocess.CompletedProcess[str], tmp_path: Path) -> None:
    assert proc.returncode == 1, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("jacdesk: could not start: RuntimeError: injected startup error")
    assert "Traceback" not in proc.stderr
    log = (tmp_path / "log" / crash_log.LOG_NAME).read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in log and "_build_window" in log
    assert str(tmp_path / "log" / crash_log.LOG_NAME) in lines[0]
    assert "dialog (visible) closed automatically: jacdesk could not start: RuntimeError" in log


def test_injected_startup_error_gives_dialog_log_and_one_line(tmp_path) -> None:
    _check_startup_error(_startup_error_run(tmp_path, "offscreen"), tmp_path)


@pytest.mark.gl
@pytest.mark.skipif(not os.environ.get("DISPLAY"), reason="needs an X server (Xvfb)")
def test_injected_startup_error_under_x(tmp_path) -> None:
    _check_startup_error(_startup_error_run(tmp_path, "xcb"), tmp_path)
