"""The Windows half of ``--install-desktop``: a Start-menu shortcut for the current user.

Written with PowerShell's WScript.Shell COM object (present on every supported Windows), so no
extra dependency is needed. Untested here: the test suite runs on Linux only and checks the
PowerShell script's text, not a real shortcut. The ``*.jacdesk`` file type is registered for
the current user by :mod:`windows_file_type`.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

# Values travel in environment variables, so paths with quotes or spaces need no escaping.
SCRIPT = """
$shell = New-Object -ComObject WScript.Shell
$link = $shell.CreateShortcut($env:JACDESK_LNK)
$link.TargetPath = $env:JACDESK_TARGET
$link.Arguments = $env:JACDESK_ARGS
$link.WorkingDirectory = $env:USERPROFILE
$link.IconLocation = $env:JACDESK_ICON + ',0'
$link.Description = 'jacdesk: vector and matrix differentiation with PyTorch'
$link.Save()
"""
CREATE_NO_WINDOW = 0x08000000


def shortcut_path() -> Path:
    appdata = os.environ.get("APPDATA") or str(Path.home() / "AppData" / "Roaming")
    return Path(appdata) / "Microsoft" / "Windows" / "Start Menu" / "Programs" / "jacdesk.lnk"


def install_shortcut(command: list[str], resources: Path) -> Path:
    from .desktop_errors import DesktopError

    link = shortcut_path()
    env = dict(
        os.environ,
        JACDESK_LNK=str(link),
        JACDESK_TARGET=command[0],
        JACDESK_ARGS=subprocess.list2cmdline(command[1:]),
        JACDESK_ICON=str(resources / "icons" / "jacdesk.ico"),
    )
    try:
        link.parent.mkdir(parents=True, exist_ok=True)
        proc = subprocess.run(
            [
                "powershell.exe",
                "-NoProfile",
                "-NonInteractive",
                "-ExecutionPolicy",
                "Bypass",
                "-Command",
                SCRIPT,
            ],
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=60,
            creationflags=CREATE_NO_WINDOW,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise DesktopError(f"could not run PowerShell to create the shortcut: {exc}") from exc
    if proc.returncode != 0 or not link.is_file():
        why = (proc.stderr or proc.stdout).strip().splitlines()
        raise DesktopError(
            "PowerShell could not create the shortcut" + (f": {why[0]}" if why else "")
        )
    return link


def uninstall_shortcut() -> list[Path]:
    link = shortcut_path()
    if not link.is_file():
        return []
    link.unlink()
    return [link]
