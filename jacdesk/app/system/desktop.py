"""``jacdesk --install-desktop`` / ``--uninstall-desktop``: a launcher for the current user.

Linux and other freedesktop systems: a ``.desktop`` entry, the icon in the hicolor theme and the
``application/x-jacdesk`` MIME type for ``*.jacdesk``, so that the app is in the menu and a
double-clicked session file opens in jacdesk. Windows: a Start-menu shortcut (written through
PowerShell) and the *.jacdesk file type under HKCU (not exercised by the test suite, which
runs on Linux, except through fakes). macOS: not supported yet.

No Qt here: this runs before any window exists, from a terminal.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

from .desktop_errors import DesktopError

APP_ID = "jacdesk"
MIME_TYPE = "application/x-jacdesk"
RESOURCES = Path(__file__).resolve().parents[2] / "resources"  # jacdesk/resources
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
TOOL_TIMEOUT_S = 30
#: The desktop entry records the folders the install created (relative to the data home),
#: so that uninstalling removes them again when they are empty, and nothing else.
CREATED_KEY = "X-Jacdesk-Created-Folders"


def icon_png(size: int) -> Path:
    """The shipped PNG of the app icon at ``size`` × ``size`` pixels."""
    return RESOURCES / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"


def icon_svg() -> Path:
    return RESOURCES / "icons" / f"{APP_ID}.svg"


def _data_home(data_home: str | os.PathLike[str] | None) -> Path:
    if data_home is not None:
        return Path(data_home)
    # The XDG base-directory spec: an unset, empty or relative value means the default.
    env = os.environ.get("XDG_DATA_HOME", "")
    return Path(env) if os.path.isabs(env) else Path.home() / ".local" / "share"


def _xdg_files(home: Path) -> dict[Path, Path | None]:
    """Destination → shipped source (None: the .desktop entry, generated)."""
    files: dict[Path, Path | None] = {home / "applications" / f"{APP_ID}.desktop": None}
    hicolor = home / "icons" / "hicolor"
    for size in ICON_SIZES:
        files[hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png"] = icon_png(size)
    files[hicolor / "scalable" / "apps" / f"{APP_ID}.svg"] = icon_svg()
    files[home / "mime" / "packages" / f"{APP_ID}.xml"] = RESOURCES / "mime" / f"{APP_ID}.xml"
    return files


def launch_command() -> list[str]:
    """The absolute command that starts this installation of jacdesk.

    The ``jacdesk`` gui-script when it belongs to the running interpreter (a nicer process
    name), else ``python -m jacdesk`` with this interpreter, which is always right.
    """
    if getattr(sys, "frozen", False):  # a PyInstaller bundle: the executable is the app
        return [sys.executable]
    name = "jacdesk.exe" if os.name == "nt" else "jacdesk"
    folders = [sysconfig.get_path("scripts"), sysconfig.get_path("scripts", f"{os.name}_user")]
    for folder in folders:
        script = Path(folder) / name
        if script.is_file() and os.access(script, os.X_OK) and _runs_this_python(script):
            return [str(script)]
    python = Path(sys.executable)
    if os.name == "nt" and (python.parent / "pythonw.exe").is_file():
        python = python.parent / "pythonw.exe"  # no console window behind the app
    return [str(python), "-m", APP_ID]


def _runs_this_python(script: Path) -> bool:
    """True if the script's ``#!`` line names the interpreter running now."""
    if os.name == "nt":
        return True  # pip's .exe launchers sit in this interpreter's own Scripts folder
    try:
        first = script.read_bytes()[:512].split(b"\n", 1)[0].decode("utf-8", "replace")
    except OSError:
        return False
    if not first.startswith("#!"):
        return False
    interpreter = first[2:].strip().split(" ", 1)[0]
    try:
        return Path(interpreter).resolve() == Path(sys.executable).resolve()
    except OSError:
        return False


def _exec_arg(arg: str) -> str:
    """Quote one Exec argument as the Desktop Entry spec asks (then value-escaped later)."""
    reserved = set(" \t\n\"'\\><~|&;$*?#()`")
    arg = arg.replace("%", "%%")
    if not reserved.intersection(arg):
        return arg
    for char in '\\"`$':
        arg = arg.replace(char, "\\" + char)
    return f'"{arg}"'


def _value(text: str) -> str:
    """Escape a string value of a desktop entry (backslash first)."""
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")


def desktop_entry(command: list[str] | None = None) -> str:
    """The text of ``jacdesk.desktop`` for ``command`` (default: :func:`launch_command`)."""
    command = command or launch_command()
    exec_line = " ".join(_exec_arg(part) for part in command) + " %f"
    lines = [
        "[Desktop Entry]",
        "Type=Application",
        "Version=1.4",  # the newest that desktop-file-utils 0.26 (Debian 12) knows
        "Name=jacdesk",
        "Name[zh_CN]=jacdesk 矩阵求导实验室",
        "GenericName=Matrix calculus lab",
        "GenericName[zh_CN]=矩阵求导实验室",
        "Comment=Explore Jacobians, gradients and Hessians of vector and matrix functions "
        "with PyTorch",
        "Comment[zh_CN]=用 PyTorch 探索向量与矩阵函数的雅可比矩阵、梯度和海森矩阵",
        f"TryExec={_value(command[0])}",
        f"Exec={_value(exec_line)}",
        f"Icon={APP_ID}",
        "Terminal=false",
        f"MimeType={MIME_TYPE};",
        "Categories=Education;Math;",  # one main category: with Science too it shows twice
        "Keywords=Jacobian;gradient;Hessian;autograd;PyTorch;matrix;derivative;calculus;",
        "Keywords[zh_CN]=雅可比;梯度;海森;自动微分;矩阵;求导;微积分;",
        # Qt sets WM_CLASS's class to the application name and, on Wayland, the app id to
        # setDesktopFileName("jacdesk"): both match this entry, so docks group the window here.
        f"StartupWMClass={APP_ID}",
        "StartupNotify=true",
    ]
    return "\n".join(lines) + "\n"


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)  # a half-written entry never shows in a menu


def _refresh(home: Path, mime: bool = True, applications: bool = True) -> None:
    """Rebuild the caches that menus and file managers read; each tool is optional."""
    if mime:
        _run_tool("update-mime-database", str(home / "mime"))
    if applications:
        _run_tool("update-desktop-database", "-q", str(home / "applications"))
    hicolor = home / "icons" / "hicolor"
    # Only refresh a cache that already exists: a new one that later goes stale would hide
    # the icons other apps install after us.
    if (hicolor / "icon-theme.cache").exists():
        _run_tool("gtk-update-icon-cache", "-q", "-f", "-t", str(hicolor))
    with contextlib.suppress(OSError):
        os.utime(hicolor)  # icon themes notice new files by the folder's mtime


def _run_tool(name: str, *args: str) -> None:
    exe = shutil.which(name)
    if exe is None:
        return
    # A cache tool failing never undoes the install.
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        subprocess.run(
            [exe, *args],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=TOOL_TIMEOUT_S,
            check=False,
        )


def _unsupported() -> None:
    if sys.platform == "darwin":
        raise DesktopError(
            "installing a launcher is not supported on macOS yet; start jacdesk from a terminal"
        )


def install_desktop(data_home: str | os.PathLike[str] | None = None) -> list[Path]:
    """Install the launcher for the current user; returns the files written."""
    _unsupported()
    if os.name == "nt":
        from . import desktop_windows, windows_file_type

        command = launch_command()
        link = desktop_windows.install_shortcut(command, RESOURCES)
        try:
            windows_file_type.register(command, RESOURCES / "icons" / f"{APP_ID}.ico")
        except OSError as exc:
            raise DesktopError(f"could not associate *.jacdesk files: {exc}") from exc
        return [link]
    home = _data_home(data_home)
    files = _xdg_files(home)
    created = sorted(_created_folders(home) | _missing_folders(home, files))
    entry = desktop_entry() + f"{CREATED_KEY}={';'.join(created)}\n"
    written: list[Path] = []
    try:
        for dest, source in files.items():
            data = entry.encode("utf-8") if source is None else source.read_bytes()
            _write(dest, data)
            written.append(dest)
    except OSError as exc:
        raise DesktopError(f"could not write {exc.filename or home}: {exc.strerror}") from exc
    _refresh(home)
    return written


def uninstall_desktop(data_home: str | os.PathLike[str] | None = None) -> list[Path]:
    """Remove what :func:`install_desktop` wrote; returns the files removed."""
    _unsupported()
    if os.name == "nt":
        from . import desktop_windows, windows_file_type

        with contextlib.suppress(OSError):
            windows_file_type.unregister()
        return desktop_windows.uninstall_shortcut()
    home = _data_home(data_home)
    created = _created_folders(home)
    removed: list[Path] = []
    try:
        for dest in _xdg_files(home):
            if dest.is_file():
                dest.unlink()
                removed.append(dest)
    except OSError as exc:
        raise DesktopError(f"could not remove {exc.filename or home}: {exc.strerror}") from exc
    # A folder we created that now holds no entry of anyone holds only the caches the tools
    # derived from ours: it goes, rather than being rebuilt empty.
    mime_ours = "mime" in created and not any((home / "mime" / "packages").glob("*"))
    apps = home / "applications"
    apps_ours = "applications" in created and not any(apps.glob("*.desktop"))
    if mime_ours:
        shutil.rmtree(home / "mime", ignore_errors=True)
    if apps_ours:
        with contextlib.suppress(OSError):
            (apps / "mimeinfo.cache").unlink()
    if removed:
        _refresh(home, mime=not mime_ours, applications=not apps_ours)
    _remove_empty(home, created)
    return removed


def _missing_folders(home: Path, files: dict[Path, Path | None]) -> set[str]:
    """The folders (relative to ``home``) that writing ``files`` is about to create."""
    missing: set[str] = set()
    for dest in files:
        for folder in dest.parents:
            if folder == home or home not in folder.parents:
                break
            if not folder.exists():
                missing.add(folder.relative_to(home).as_posix())
    if not home.exists():
        missing.add(".")
    return missing


def _created_folders(home: Path) -> set[str]:
    """The folders an earlier install recorded as its own (read from its desktop entry)."""
    entry = home / "applications" / f"{APP_ID}.desktop"
    try:
        text = entry.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return set()
    for line in text.splitlines():
        if line.startswith(CREATED_KEY + "="):
            parts = line.split("=", 1)[1].split(";")
            # Only plain relative names below home: a hand-edited entry cannot point elsewhere.
            return {
                p for p in parts if p and ".." not in Path(p).parts and not Path(p).is_absolute()
            }
    return set()


def _remove_empty(home: Path, created: set[str]) -> None:
    """Remove the recorded folders that are empty now, deepest first."""
    for rel in sorted(created, key=lambda r: (r.count("/"), r), reverse=True):
        folder = home if rel == "." else home / rel
        with contextlib.suppress(OSError):  # not empty (someone else's files), or gone
            folder.rmdir()
