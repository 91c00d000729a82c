"""Entry point of the ``jacdesk`` GUI script and of ``python -m jacdesk``.

The window shows first; torch, torch.func and the sympy child warm up in the background
afterwards, so that typing works at once and the first result follows when the engine is ready.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import time
from collections.abc import Sequence

from jacdesk.app.system.crash_log import say as _say  # no Qt: usable before Qt loads

TITLE = "jacdesk"
HEADLESS_PLATFORMS = frozenset({"offscreen", "minimal", "minimalegl"})
SHOW_GRACE_S = 0.5  # between the first numbers computed and the warm-up's heavy imports
USAGE = """usage: jacdesk [FILE] [--install-desktop | --uninstall-desktop] [-h] [--version]

Open the jacdesk window: Jacobians, backward(v), JVPs and Hessians of your own functions.

  FILE                 a session (.jacdesk) or a PyTorch script (.py) to open
  --install-desktop    add the launcher, icons and the *.jacdesk file type for this user
  --uninstall-desktop  remove what --install-desktop added
  -h, --help           show this help and exit
  --version            show the version and exit

The command line without a window: jacdesk-cli --help"""


def _display_available() -> bool:
    platform = os.environ.get("QT_QPA_PLATFORM", "").split(":", 1)[0].strip().lower()
    if platform:
        return True
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        # Without a display Qt aborts the process; say so in one line instead.
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def warm_up() -> None:
    """Background, after the first numbers: forward mode, torch.func and the sympy child.

    torch and the engine are imported at once (the first request needs them too); the rest
    waits until the first analysis is done and then runs at the lowest priority, so it never
    takes the CPU from the numbers the user is waiting for.
    """
    try:
        import torch  # noqa: F401  (the slow import, first)

        from jacdesk.core import engine
        from jacdesk.core.diff import forward_mode

        engine.FIRST_RESULT.wait(timeout=20)
        # The result still has to reach the views on the GUI thread; imports hold the GIL, so
        # let that happen first.
        time.sleep(SHOW_GRACE_S)
        _lower_thread_priority()
        forward_mode.warm()
        from jacdesk.core.symbolic.process import default_service

        default_service().warm()
    except Exception:  # warming is an optimisation; real errors surface later
        pass


def _hold_formulas_until_first_numbers() -> None:
    """Typeset math (pure Python, GIL-bound) starts once the first numbers are shown."""
    from jacdesk.app.widgets import math_render

    def first_numbers() -> None:  # on the gate's thread: the engine imports torch
        from jacdesk.core import engine

        engine.FIRST_RESULT.wait(timeout=10)

    math_render.hold_until(first_numbers, grace_s=SHOW_GRACE_S)


def _lower_thread_priority() -> None:
    """Nice this thread alone (Linux: a thread is a task with its own priority)."""
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)


def _desktop_command(args: list[str]) -> int:
    """``--install-desktop`` / ``--uninstall-desktop``: one line of what was done, no window."""
    from jacdesk.app.system.desktop import DesktopError, install_desktop, uninstall_desktop

    install = "--install-desktop" in args
    try:
        paths = install_desktop() if install else uninstall_desktop()
    except (DesktopError, OSError) as exc:
        _say(f"jacdesk: could not {'install' if install else 'remove'} the launcher: {exc}")
        return 1
    if not paths:
        line = "jacdesk: nothing to remove; the launcher was not installed"
    else:
        where = os.path.commonpath([str(p) for p in paths]) if len(paths) > 1 else str(paths[0])
        verb = "installed" if install else "removed"
        line = (
            f"jacdesk: {verb} the launcher, icons and *.jacdesk file type "
            f"({len(paths)} files under {where})"
        )
    _print(line)
    return 0


def _window_icon():  # -> QIcon; Qt is imported only once a window is wanted
    from PySide6.QtGui import QIcon

    from jacdesk.app.system.desktop import ICON_SIZES, icon_png

    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(icon_png(size)))
    return icon


def _build_window():  # -> MainWindow
    if os.environ.get("JACDESK_INJECT_STARTUP_ERROR") == "1":  # tests of the start-up dialog
        raise RuntimeError("injected startup error for testing")
    from jacdesk.app.window.main_window import MainWindow

    return MainWindow(restore=os.environ.get("JACDESK_NO_RESTORE") != "1")


def _startup_failed(exc: BaseException) -> int:
    """Log, one stderr line and (when Qt loads at all) a dialog; the exit status."""
    from .system import crash_log

    try:
        from jacdesk.app.system.crash import startup_error
    except Exception:  # Qt itself failed to load: no dialog possible
        crash_log.log_startup_error(exc)
        return 1
    return startup_error(exc)


def _print(text: str) -> None:
    if sys.stdout is not None:  # None under a windowed launcher
        with contextlib.suppress(OSError, ValueError):
            print(text, flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Open the jacdesk window; returns the exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    # Answered before Qt (or torch) is imported: they work without a display, at once.
    if "-h" in args or "--help" in args:
        _print(USAGE)
        return 0
    if "--version" in args:
        from jacdesk._version import __version__

        _print(f"jacdesk {__version__}")
        return 0
    if "--install-desktop" in args or "--uninstall-desktop" in args:
        return _desktop_command(args)
    if not _display_available():
        _say(
            "jacdesk: no display found (DISPLAY is not set); use jacdesk-cli, or run under a desktop"
        )
        return 1
    from .system import crash_log

    crash_log.enable_faulthandler()  # before Qt loads: a crash in its start-up is logged too
    # torch takes longer to import than Qt and the whole window: start it now, beside them, so
    # that the first request finds it loaded (the warm-up thread then goes on from there).
    threading.Thread(target=warm_up, name="jacdesk-warm", daemon=True).start()
    try:
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        from jacdesk.app.plots.gl_support import share_gl_contexts
        from jacdesk.app.system.crash import install_crash_handlers

        share_gl_contexts()  # before the QApplication: all 3-D views share pyqtgraph's shaders

        app = QApplication.instance() or QApplication(
            [sys.argv[0] if sys.argv else "jacdesk", *args]
        )
        app.setApplicationName("jacdesk")
        app.setOrganizationName("jacdesk")
        app.setApplicationDisplayName("jacdesk")
        app.setDesktopFileName("jacdesk")  # Wayland app id / taskbar match for jacdesk.desktop
        app.setWindowIcon(_window_icon())
        install_crash_handlers(app)

        from jacdesk.app.system.i18n import install_translator, saved_language

        install_translator(app, saved_language())  # the system locale, or Settings ▸ Language
        _hold_formulas_until_first_numbers()
        from jacdesk.app.system.quit_signals import install_quit_signals

        # Before the window exists: it takes the session lock while it is being built, and a
        # SIGTERM from then on must close it properly (its handler runs once the loop turns).
        built: list = []

        def quit_on_signal() -> None:
            if built:
                built[0].close_unattended()
            app.quit()

        install_quit_signals(app, quit_on_signal)
        window = _build_window()
        built.append(window)
        window.show()
    except Exception as exc:  # a window that cannot be built becomes a dialog + the log
        return _startup_failed(exc)
    files = [a for a in args if not a.startswith("-")]

    def first_turn() -> None:
        window.recover_or_restore()  # a crashed session's autosave is offered first
        if files:  # jacdesk FILE: a double-clicked session file
            window.open_file(files[0])

    QTimer.singleShot(0, first_turn)
    if os.environ.get("JACDESK_QUIT_AFTER_MS"):
        # For launch tests: show, compute, then quit cleanly through the normal close path.
        QTimer.singleShot(int(os.environ["JACDESK_QUIT_AFTER_MS"]), window.close)
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
