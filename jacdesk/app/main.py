"""Entry point of the ``jacdesk`` GUI script and of ``python -m jacdesk``.

The window shows first; torch, torch.func and the sympy child warm up in the background
afterwards, so that typing works at once and the first result follows when the engine is ready.
"""

from __future__ import annotations

import os
import sys
import threading
import traceback
from collections.abc import Sequence

TITLE = "jacdesk"
HEADLESS_PLATFORMS = frozenset({"offscreen", "minimal", "minimalegl"})


def _say(line: str) -> None:
    """Print ``line`` on stderr; ``sys.stderr`` is None under a windowed launcher."""
    stream = sys.stderr
    if stream is None:
        return
    try:
        print(line, file=stream)
        stream.flush()
    except (OSError, ValueError):
        pass


def _display_available() -> bool:
    platform = os.environ.get("QT_QPA_PLATFORM", "").split(":", 1)[0].strip().lower()
    if platform:
        return True
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        # Without a display Qt aborts the process; say so in one line instead.
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def warm_up() -> None:
    """Import torch, make a first torch.func call and start the sympy child (background)."""
    try:
        import jacdesk

        jacdesk.analyze(["x1**2 + 2*x2", "3*x1 + 4*x2**2"], {"x1": 1, "x2": 2}, symbolic=False)
        from jacdesk.core.sympy_process import default_service

        default_service().warm()
    except Exception:  # warming is an optimisation; real errors surface later
        pass


def _install_excepthook() -> None:
    def hook(kind, value, tb) -> None:
        details = "".join(traceback.format_exception(kind, value, tb))
        _say(f"jacdesk: unexpected error: {kind.__name__}: {value}")
        try:
            from PySide6.QtWidgets import QApplication, QMessageBox

            if QApplication.instance() is not None:
                box = QMessageBox(QMessageBox.Icon.Critical, TITLE,
                                  f"Something went wrong: {kind.__name__}: {value}")  # fmt: skip
                box.setDetailedText(details)
                box.exec()
        except Exception:  # the hook itself must never raise
            pass

    sys.excepthook = hook


def main(argv: Sequence[str] | None = None) -> int:
    """Open the jacdesk window; returns the exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not _display_available():
        _say(
            "jacdesk: no display found (DISPLAY is not set); use jacdesk-cli, or run under a desktop"
        )
        return 1
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from .plots.gl_support import share_gl_contexts

    share_gl_contexts()  # before the QApplication: all 3-D views share pyqtgraph's shaders

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "jacdesk", *args])
    app.setApplicationName("jacdesk")
    app.setOrganizationName("jacdesk")
    app.setApplicationDisplayName("jacdesk")
    app.setDesktopFileName("jacdesk")
    _install_excepthook()

    from .main_window import MainWindow

    window = MainWindow(restore=os.environ.get("JACDESK_NO_RESTORE") != "1")
    window.show()
    files = [a for a in args if not a.startswith("-")]

    def first_turn() -> None:
        window.recover_or_restore()  # a crashed session's autosave is offered first
        if files:  # jacdesk FILE: a double-clicked session file
            window.open_file(files[0])

    QTimer.singleShot(0, first_turn)
    QTimer.singleShot(
        0, lambda: threading.Thread(target=warm_up, name="jacdesk-warm", daemon=True).start()
    )
    if os.environ.get("JACDESK_QUIT_AFTER_MS"):
        # For launch tests: show, compute, then quit cleanly through the normal close path.
        QTimer.singleShot(int(os.environ["JACDESK_QUIT_AFTER_MS"]), window.close)
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
