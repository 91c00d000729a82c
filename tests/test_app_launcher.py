"""`python -m jacdesk` / the `jacdesk` GUI script, before the window exists."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

# Before pytest-qt's qapp exists; subprocess tests set the platform they need explicitly.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
NOT_BUILT = (
    "The jacdesk window is not built yet; use jacdesk-cli for now (jacdesk-cli jacobian --help)."
)


def _env(**overrides: str | None) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    for key, value in overrides.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def _run_module(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "jacdesk"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


def test_python_m_jacdesk_says_not_built_yet() -> None:
    proc = _run_module(_env(JACDESK_NO_DIALOG="1", QT_QPA_PLATFORM="offscreen"))
    assert proc.returncode == 0, proc.stderr
    assert NOT_BUILT in proc.stderr.splitlines()


def test_offscreen_platform_prints_instead_of_blocking_on_a_dialog() -> None:
    # No opt-out: the offscreen platform alone must keep it from waiting for a click.
    proc = _run_module(_env(JACDESK_NO_DIALOG=None, QT_QPA_PLATFORM="offscreen"))
    assert proc.returncode == 0, proc.stderr
    assert NOT_BUILT in proc.stderr.splitlines()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland detection")
def test_no_display_prints_instead_of_aborting() -> None:
    env = _env(JACDESK_NO_DIALOG=None, QT_QPA_PLATFORM=None, DISPLAY=None, WAYLAND_DISPLAY=None)
    proc = _run_module(env)
    assert proc.returncode == 0, proc.stderr
    assert NOT_BUILT in proc.stderr.splitlines()


def test_main_survives_stderr_none(monkeypatch: pytest.MonkeyPatch) -> None:
    from jacdesk.app import main as main_mod

    monkeypatch.setenv("JACDESK_NO_DIALOG", "1")
    monkeypatch.setattr(sys, "stderr", None)
    assert main_mod.main([]) == 0


def test_main_no_dialog_in_process(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from jacdesk.app import main as main_mod

    monkeypatch.setenv("JACDESK_NO_DIALOG", "1")
    assert main_mod.main([]) == 0
    assert capsys.readouterr().err.strip() == NOT_BUILT


def test_main_shows_the_message_box_when_a_screen_exists(
    qapp, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    from jacdesk.app import main as main_mod

    # Pretend the (offscreen) platform is a real screen, and click OK on what appears.
    monkeypatch.delenv("JACDESK_NO_DIALOG", raising=False)
    monkeypatch.setattr(main_mod, "dialog_wanted", lambda: True)
    monkeypatch.setattr(main_mod, "HEADLESS_PLATFORMS", frozenset())
    seen: list[tuple[str, str]] = []
    ticks = [0]

    def close_boxes() -> None:
        ticks[0] += 1
        for widget in qapp.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.isVisible():
                seen.append((widget.windowTitle(), widget.text()))
                widget.accept()
        modal = qapp.activeModalWidget()
        if modal is not None and ticks[0] > 500:  # ~10 s: never hang the suite
            modal.close()

    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(close_boxes)
    timer.start()
    try:
        assert main_mod.main([]) == 0
    finally:
        timer.stop()
    assert seen == [("jacdesk", NOT_BUILT)]
