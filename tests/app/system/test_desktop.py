"""Double-click launch: the icon files, ``--install-desktop`` / ``--uninstall-desktop`` into a
temporary ``XDG_DATA_HOME``, the ``*.jacdesk`` MIME type, and a launch under a real X server."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from jacdesk.app.system import desktop, desktop_windows

ROOT = Path(__file__).resolve().parents[3]
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"
linux_only = pytest.mark.skipif(os.name == "nt" or sys.platform == "darwin", reason="XDG only")


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk; fails on anything that is not a PNG."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ, HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"), **extra)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


@pytest.fixture
def installed(tmp_path: Path) -> tuple[Path, list[Path]]:
    home = tmp_path / "data"
    return home, desktop.install_desktop(home)


@pytest.mark.parametrize("size", desktop.ICON_SIZES)
def test_shipped_icons_are_pngs_of_their_size(size: int) -> None:
    assert png_size(desktop.icon_png(size)) == (size, size)


def test_shipped_svg_and_mime_parse() -> None:
    assert ET.parse(desktop.icon_svg()).getroot().tag.endswith("svg")
    root = ET.parse(desktop.RESOURCES / "mime" / "jacdesk.xml").getroot()
    mime = root.find(f"{MIME_NS}mime-type")
    assert mime is not None and mime.get("type") == desktop.MIME_TYPE
    assert [g.get("pattern") for g in mime.findall(f"{MIME_NS}glob")] == ["*.jacdesk"]
    assert mime.find(f"{MIME_NS}sub-class-of").get("type") == "application/json"
    assert mime.find(f"{MIME_NS}icon").get("name") == "jacdesk"


@pytest.mark.skipif(not (ROOT / "resources" / "icons").is_dir(), reason="source checkout only")
def test_package_copies_match_the_sources_in_resources() -> None:
    """render_icons.py mirrors resources/ into the package; the two must not drift apart."""
    src = ROOT / "resources"
    pairs = [
        (src / "icons" / "jacdesk.svg", desktop.icon_svg()),
        (src / "mime" / "jacdesk.xml", desktop.RESOURCES / "mime" / "jacdesk.xml"),
        (src / "icons" / "jacdesk.ico", desktop.RESOURCES / "icons" / "jacdesk.ico"),
    ]
    pairs += [
        (src / "icons" / "hicolor" / f"{s}x{s}" / "apps" / "jacdesk.png", desktop.icon_png(s))
        for s in desktop.ICON_SIZES
    ]
    for source, shipped in pairs:
        assert source.read_bytes() == shipped.read_bytes(), (
            f"{shipped} differs from {source}: run python resources/icons/render_icons.py"
        )


@linux_only
def test_install_writes_entry_icons_and_mime(installed) -> None:
    home, written = installed
    expected = {
        home / "applications" / "jacdesk.desktop",
        home / "icons" / "hicolor" / "scalable" / "apps" / "jacdesk.svg",
        home / "mime" / "packages" / "jacdesk.xml",
    }
    for size in desktop.ICON_SIZES:
        png = home / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "jacdesk.png"
        expected.add(png)
        assert png_size(png) == (size, size)
    assert set(written) == expected
    assert all(p.is_file() for p in written)
    assert not list(home.rglob("*.tmp"))


@linux_only
def test_desktop_entry_names_the_app_and_the_file_type(installed) -> None:
    home, _ = installed
    text = (home / "applications" / "jacdesk.desktop").read_text(encoding="utf-8")
    keys = dict(line.split("=", 1) for line in text.splitlines()[1:] if "=" in line)
    assert text.startswith("[Desktop Entry]\n")
    program, *_rest, field = keys["Exec"].split(" ")
    assert field == "%f" and Path(program.strip('"')).is_absolute()
    assert keys["MimeType"] == "application/x-jacdesk;"
    assert keys["Icon"] == "jacdesk" and keys["Terminal"] == "false"
    assert keys["StartupWMClass"] == "jacdesk"
    assert "Education;" in keys["Categories"] and "Math;" in keys["Categories"]
    assert "雅可比" in keys["Comment[zh_CN]"] and "矩阵" in keys["Name[zh_CN]"]


@linux_only
def test_desktop_entry_passes_desktop_file_validate(installed) -> None:
    tool = shutil.which("desktop-file-validate")
    if tool is None:
        pytest.skip("desktop-file-validate is missing (apt-get install desktop-file-utils)")
    entry = installed[0] / "applications" / "jacdesk.desktop"
    proc = subprocess.run([tool, str(entry)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.strip() == "" and proc.stderr.strip() == "", proc.stdout + proc.stderr


@linux_only
def test_the_jacdesk_glob_is_registered(installed) -> None:
    home, _ = installed
    if shutil.which("update-mime-database") is None:
        pytest.skip("update-mime-database is missing (apt-get install shared-mime-info)")
    globs = (home / "mime" / "globs2").read_text(encoding="utf-8")
    assert "application/x-jacdesk:*.jacdesk" in globs
    assert "application/x-jacdesk application/json" in (home / "mime" / "subclasses").read_text()
    if shutil.which("update-desktop-database"):
        cache = (home / "applications" / "mimeinfo.cache").read_text(encoding="utf-8")
        assert "application/x-jacdesk=jacdesk.desktop;" in cache


@linux_only
def test_uninstall_removes_every_file_it_installed(installed) -> None:
    home, written = installed
    removed = desktop.uninstall_desktop(home)
    assert set(removed) == set(written)
    assert not any(p.exists() for p in written)
    globs = home / "mime" / "globs2"
    if globs.exists():
        assert "jacdesk" not in globs.read_text(encoding="utf-8")
    assert desktop.uninstall_desktop(home) == []  # nothing left to remove


@linux_only
def test_uninstall_removes_the_folders_install_created(installed) -> None:
    home, _ = installed
    assert home.is_dir()
    desktop.uninstall_desktop(home)
    assert not home.exists(), sorted(str(p) for p in home.rglob("*"))


@linux_only
def test_uninstall_keeps_folders_that_were_there_before(tmp_path: Path) -> None:
    home = tmp_path / "data"
    other_app = home / "applications" / "other.desktop"
    other_icon = home / "icons" / "hicolor" / "48x48" / "apps" / "other.png"
    other_mime = home / "mime" / "packages" / "other.xml"
    for path in (other_app, other_icon, other_mime):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("kept", encoding="utf-8")
    desktop.install_desktop(home)
    desktop.install_desktop(home)  # a second install keeps the first one's record
    desktop.uninstall_desktop(home)
    for path in (other_app, other_icon, other_mime):
        assert path.read_text(encoding="utf-8") == "kept"
    assert not (home / "icons" / "hicolor" / "512x512").exists()  # ours, and empty
    assert not (home / "icons" / "hicolor" / "scalable").exists()
    assert (home / "mime" / "packages").is_dir()


@linux_only
def test_a_hand_edited_record_cannot_point_outside(tmp_path: Path) -> None:
    home = tmp_path / "data"
    outside = tmp_path / "precious"
    outside.mkdir()
    desktop.install_desktop(home)
    entry = home / "applications" / "jacdesk.desktop"
    text = entry.read_text(encoding="utf-8").replace(
        f"{desktop.CREATED_KEY}=", f"{desktop.CREATED_KEY}=../precious;{outside};"
    )
    entry.write_text(text, encoding="utf-8")
    desktop.uninstall_desktop(home)
    assert outside.is_dir()


def test_exec_line_quotes_paths_as_the_spec_asks() -> None:
    entry = desktop.desktop_entry(["/opt/my apps/py$thon", "-m", "jacdesk"])
    # Exec quoting ("…" with \$) and then the string escape of the value (\ → \\).
    assert 'Exec="/opt/my apps/py\\\\$thon" -m jacdesk %f\n' in entry
    assert "Exec=/usr/bin/jacdesk 100%% %f\n" in desktop.desktop_entry(["/usr/bin/jacdesk", "100%"])


def test_launch_command_is_absolute() -> None:
    command = desktop.launch_command()
    assert Path(command[0]).is_absolute() and Path(command[0]).exists()
    assert command[1:] in ([], ["-m", "jacdesk"])


def test_macos_is_refused_in_one_line(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    with pytest.raises(desktop.DesktopError, match="not supported on macOS"):
        desktop.install_desktop(tmp_path)


def test_windows_shortcut_goes_to_the_start_menu(monkeypatch, tmp_path) -> None:
    """Only the plumbing: PowerShell is faked (the suite runs on Linux, see the README)."""
    monkeypatch.setenv("APPDATA", str(tmp_path))
    calls = []

    def fake_run(args, env, **_kwargs):
        calls.append((args, env))
        Path(env["JACDESK_LNK"]).write_bytes(b"lnk")
        return subprocess.CompletedProcess(args, 0, "", "")

    monkeypatch.setattr(desktop_windows.subprocess, "run", fake_run)
    link = desktop_windows.install_shortcut([r"C:\Py\pythonw.exe", "-m", "jacdesk"], Path("R"))
    assert link == tmp_path / "Microsoft/Windows/Start Menu/Programs/jacdesk.lnk"
    ((args, env),) = calls
    assert args[0] == "powershell.exe" and "CreateShortcut" in args[-1] and "Save()" in args[-1]
    assert env["JACDESK_TARGET"] == r"C:\Py\pythonw.exe" and env["JACDESK_ARGS"] == "-m jacdesk"
    assert env["JACDESK_ICON"].endswith("jacdesk.ico")
    assert desktop_windows.uninstall_shortcut() == [link] and not link.exists()


@linux_only
def test_command_line_install_and_uninstall(tmp_path) -> None:
    """No display needed, no Qt widgets loaded, one line of output each, exit status 0."""
    env = _env(tmp_path, XDG_DATA_HOME=str(tmp_path / "data"))
    for key in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        env.pop(key, None)
    probe = (
        "import sys; from jacdesk.app.main import main; rc = main(sys.argv[1:]); "
        "assert 'PySide6.QtWidgets' not in sys.modules; sys.exit(rc)"
    )
    for option, verb in (("--install-desktop", "installed"), ("--uninstall-desktop", "removed")):
        proc = subprocess.run(
            [sys.executable, "-c", probe, option],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.count("\n") == 1 and verb in proc.stdout, proc.stdout
        assert proc.stderr == ""
    assert not (tmp_path / "data" / "applications" / "jacdesk.desktop").exists()


@linux_only
def test_command_line_install_failure_is_one_line(tmp_path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    proc = subprocess.run(
        [sys.executable, "-m", "jacdesk", "--install-desktop"],
        cwd=ROOT,
        env=_env(tmp_path, XDG_DATA_HOME=str(blocker)),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1
    assert proc.stderr.startswith("jacdesk: could not install the launcher: ")
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr


LAUNCH = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from jacdesk.app.main import main

    def probe():
        app = QApplication.instance()
        shown = [w for w in app.topLevelWidgets() if type(w).__name__ == "MainWindow"
                 and w.isVisible() and w.windowHandle() and w.windowHandle().isExposed()]
        if not shown:
            QTimer.singleShot(100, probe)
            return
        print("shown", app.platformName(), app.desktopFileName(),
              not app.windowIcon().isNull(), flush=True)

    QTimer.singleShot(0, probe)
    sys.exit(main([]))
    """
)


@pytest.mark.gl
@pytest.mark.skipif(not os.environ.get("DISPLAY"), reason="needs an X server (Xvfb)")
def test_launch_under_x_shows_the_window_and_exits_cleanly(tmp_path) -> None:
    # An unexpected error would open a crash dialog, which closes itself after 2 s here.
    env = _env(
        tmp_path,
        QT_QPA_PLATFORM="xcb",
        JACDESK_QUIT_AFTER_MS="6000",
        JACDESK_LOG_DIR=str(tmp_path / "log"),
        JACDESK_NO_RESTORE="1",
        JACDESK_DIALOG_AUTOCLOSE_MS="2000",
    )
    proc = subprocess.run(
        [sys.executable, "-c", LAUNCH],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert "unexpected error" not in proc.stderr, proc.stderr
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("shown xcb jacdesk True"), proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
