"""The ``*.jacdesk`` association for the current Windows user, checked with a fake registry."""

from __future__ import annotations

from pathlib import Path

import pytest

from jacdesk.app.system import desktop, windows_file_type
from jacdesk.app.system.windows_file_type import CLASSES, PROG_ID


class FakeRegistry:
    """HKCU as a dict of key → {value name → data}; delete_tree removes a key and its subkeys."""

    def __init__(self) -> None:
        self.keys: dict[str, dict[str, str]] = {}

    def set_value(self, key: str, name: str, value: str) -> None:
        self.keys.setdefault(key, {})[name] = value

    def get_value(self, key: str, name: str) -> str | None:
        return self.keys.get(key, {}).get(name)

    def delete_tree(self, key: str) -> None:
        for k in [k for k in self.keys if k == key or k.startswith(key + "\\")]:
            del self.keys[k]


COMMAND = [r"C:\Program Files\Py\pythonw.exe", "-m", "jacdesk"]


def test_register_writes_the_per_user_classes() -> None:
    reg = FakeRegistry()
    windows_file_type.register(COMMAND, Path(r"C:\jd\jacdesk.ico"), reg)
    assert all(k.startswith("Software\\Classes\\") for k in reg.keys)  # HKCU only
    assert reg.get_value(f"{CLASSES}\\.jacdesk", "") == PROG_ID
    assert reg.get_value(f"{CLASSES}\\.jacdesk", "Content Type") == "application/x-jacdesk"
    command = reg.get_value(f"{CLASSES}\\{PROG_ID}\\shell\\open\\command", "")
    assert command == '"C:\\Program Files\\Py\\pythonw.exe" -m jacdesk "%1"'
    assert reg.get_value(f"{CLASSES}\\{PROG_ID}\\DefaultIcon", "") == r"C:\jd\jacdesk.ico,0"


def test_unregister_removes_ours_and_leaves_a_taken_over_extension() -> None:
    reg = FakeRegistry()
    windows_file_type.register(COMMAND, Path("i.ico"), reg)
    assert windows_file_type.unregister(reg) == [f"{CLASSES}\\{PROG_ID}", f"{CLASSES}\\.jacdesk"]
    assert reg.keys == {}
    assert windows_file_type.unregister(reg) == []

    windows_file_type.register(COMMAND, Path("i.ico"), reg)
    reg.set_value(f"{CLASSES}\\.jacdesk", "", "SomeEditor.File")  # another program took it
    windows_file_type.unregister(reg)
    assert reg.get_value(f"{CLASSES}\\.jacdesk", "") == "SomeEditor.File"
    assert reg.get_value(f"{CLASSES}\\{PROG_ID}", "") is None


def test_install_desktop_on_windows_registers_the_file_type(monkeypatch, tmp_path) -> None:
    reg = FakeRegistry()
    monkeypatch.setattr(desktop.os, "name", "nt")
    monkeypatch.setattr(windows_file_type, "WinRegistry", lambda: reg)
    monkeypatch.setattr(
        "jacdesk.app.system.desktop_windows.install_shortcut", lambda c, r: tmp_path / "j.lnk"
    )
    monkeypatch.setattr("jacdesk.app.system.desktop_windows.uninstall_shortcut", lambda: [])
    monkeypatch.setattr(desktop, "launch_command", lambda: COMMAND)
    assert desktop.install_desktop() == [tmp_path / "j.lnk"]
    assert reg.get_value(f"{CLASSES}\\.jacdesk", "") == PROG_ID
    desktop.uninstall_desktop()
    assert reg.keys == {}


@pytest.mark.parametrize("arg", [r"C:\a b\x.exe", r"C:\x.exe"])
def test_open_command_quotes_what_needs_quoting(arg: str) -> None:
    line = windows_file_type.open_command([arg])
    assert line.endswith(' "%1"')
    assert (" " in arg) == line.startswith('"')
