"""Windows: ``*.jacdesk`` opens in jacdesk, for the current user only (HKCU classes).

Per-user associations live under ``HKEY_CURRENT_USER\\Software\\Classes``; no administrator
rights are needed and nothing machine-wide changes. The registry is reached through a small
interface so that the suite (on Linux) checks the exact keys with a fake, as it does for the
shortcut; the real one is :mod:`winreg`, loaded only on Windows.
"""

from __future__ import annotations

import contextlib
import subprocess
from pathlib import Path
from typing import Protocol

EXTENSION = ".jacdesk"
PROG_ID = "jacdesk.session"
CLASSES = "Software\\Classes"
MIME_TYPE = "application/x-jacdesk"


class Registry(Protocol):
    """The few HKCU operations the association needs."""

    def set_value(self, key: str, name: str, value: str) -> None: ...
    def get_value(self, key: str, name: str) -> str | None: ...
    def delete_tree(self, key: str) -> None: ...


class WinRegistry:
    """:class:`Registry` over ``winreg`` on ``HKEY_CURRENT_USER``."""

    def __init__(self) -> None:
        import winreg  # Windows only

        self._w = winreg

    def set_value(self, key: str, name: str, value: str) -> None:
        with self._w.CreateKeyEx(self._w.HKEY_CURRENT_USER, key, 0, self._w.KEY_WRITE) as k:
            self._w.SetValueEx(k, name, 0, self._w.REG_SZ, value)

    def get_value(self, key: str, name: str) -> str | None:
        try:
            with self._w.OpenKey(self._w.HKEY_CURRENT_USER, key) as k:
                return str(self._w.QueryValueEx(k, name)[0])
        except OSError:
            return None

    def delete_tree(self, key: str) -> None:
        with contextlib.suppress(OSError):
            self._w.DeleteTree(self._w.HKEY_CURRENT_USER, key)  # type: ignore[attr-defined]
        with contextlib.suppress(OSError):
            self._w.DeleteKey(self._w.HKEY_CURRENT_USER, key)


def open_command(command: list[str]) -> str:
    """The ``shell\\open\\command`` line: the launch command, then the clicked file."""
    return subprocess.list2cmdline(command) + ' "%1"'


def register(command: list[str], icon: Path, registry: Registry | None = None) -> list[str]:
    """Associate ``*.jacdesk`` with ``command`` for this user; returns the keys written."""
    reg = registry or WinRegistry()
    prog = f"{CLASSES}\\{PROG_ID}"
    ext = f"{CLASSES}\\{EXTENSION}"
    reg.set_value(prog, "", "jacdesk session")
    reg.set_value(f"{prog}\\DefaultIcon", "", f"{icon},0")
    reg.set_value(f"{prog}\\shell\\open\\command", "", open_command(command))
    reg.set_value(ext, "", PROG_ID)
    reg.set_value(ext, "Content Type", MIME_TYPE)
    reg.set_value(f"{ext}\\OpenWithProgids", PROG_ID, "")
    _notify_shell()
    return [prog, ext]


def unregister(registry: Registry | None = None) -> list[str]:
    """Undo :func:`register`; an extension that another program took over is left to it."""
    reg = registry or WinRegistry()
    prog = f"{CLASSES}\\{PROG_ID}"
    ext = f"{CLASSES}\\{EXTENSION}"
    removed: list[str] = []
    if reg.get_value(prog, "") is not None:
        reg.delete_tree(prog)
        removed.append(prog)
    if reg.get_value(ext, "") == PROG_ID:
        reg.delete_tree(ext)
        removed.append(ext)
    if removed:
        _notify_shell()
    return removed


def _notify_shell() -> None:
    """Tell Explorer that associations changed (icons and double-click follow at once)."""
    with contextlib.suppress(Exception):  # an optimisation: Explorer also notices on its own
        import ctypes

        shcne_assocchanged, shcnf_idlist = 0x08000000, 0
        ctypes.windll.shell32.SHChangeNotify(shcne_assocchanged, shcnf_idlist, None, None)  # type: ignore[attr-defined]
