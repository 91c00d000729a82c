"""``jacdesk --help`` / ``--version``: answered without a display and without importing Qt."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from jacdesk._version import __version__

PROBE = (
    "import sys; from jacdesk.app.main import main; rc = main(sys.argv[1:]); "
    "heavy = sorted(m for m in ('PySide6', 'torch', 'pyqtgraph') if m in sys.modules); "
    "print('LOADED', heavy); raise SystemExit(rc)"
)


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)  # as on a machine with no desktop at all
    return subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_prints_usage_and_exits_without_qt(flag: str) -> None:
    done = _run(flag)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out.startswith("usage: jacdesk [FILE]")
    for word in ("FILE", "--install-desktop", "--uninstall-desktop", "--version", "jacdesk-cli"):
        assert word in out
    assert "LOADED []" in out
    assert done.stderr == ""


def test_version_prints_the_package_version() -> None:
    done = _run("--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == f"jacdesk {__version__}"
    assert "LOADED []" in done.stdout


def test_without_a_display_a_plain_start_says_so_in_one_line() -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("the display check is for X11/Wayland desktops")
    done = _run()
    assert done.returncode == 1
    assert done.stderr.strip().count("\n") == 0
    assert "no display found" in done.stderr
