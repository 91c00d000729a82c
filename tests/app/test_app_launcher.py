"""`python -m jacdesk` / the `jacdesk` GUI script: starts, shows the window, quits cleanly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _env(tmp_path: Path, **overrides: str | None) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env["XDG_CONFIG_HOME"] = str(tmp_path)  # QSettings of this run only
    env["HOME"] = str(tmp_path)
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
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def test_python_m_jacdesk_opens_the_window_and_quits_cleanly(tmp_path) -> None:
    proc = _run_module(_env(tmp_path, QT_QPA_PLATFORM="offscreen", JACDESK_QUIT_AFTER_MS="3000"))
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "QThread: Destroyed while thread is still running" not in proc.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland detection")
def test_no_display_says_so_in_one_line(tmp_path) -> None:
    env = _env(tmp_path, QT_QPA_PLATFORM=None, DISPLAY=None, WAYLAND_DISPLAY=None)
    proc = _run_module(env)
    assert proc.returncode == 1
    assert proc.stderr.strip().count("\n") == 0
    assert "no display" in proc.stderr


def test_main_survives_stderr_none(monkeypatch: pytest.MonkeyPatch) -> None:
    from jacdesk.app import main as main_mod

    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr(sys, "stderr", None)
    if sys.platform.startswith("linux"):
        assert main_mod.main([]) == 1
