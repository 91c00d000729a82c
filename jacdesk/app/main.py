"""Entry point of the ``jacdesk`` GUI script and of ``python -m jacdesk``.

The window itself is not built yet. Until it is, this says so plainly: in a message box
when a screen is available, otherwise (or with ``JACDESK_NO_DIALOG=1``) as one line on
standard error. Qt is imported only when a dialog is actually going to be shown.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

MESSAGE = (
    "The jacdesk window is not built yet; use jacdesk-cli for now (jacdesk-cli jacobian --help)."
)
TITLE = "jacdesk"

# Qt platform plugins that have no screen a person could see a dialog on; a modal
# dialog there would wait forever for a click.
HEADLESS_PLATFORMS = frozenset({"offscreen", "minimal", "minimalegl"})


def _say(line: str) -> None:
    """Print *line* on stderr; sys.stderr is None under a windowed (pythonw-style) launcher."""
    stream = sys.stderr
    if stream is None:
        return
    try:
        print(line, file=stream)
        stream.flush()
    except (OSError, ValueError):
        pass


def _requested_platform() -> str:
    """The platform plugin named in QT_QPA_PLATFORM (``"xcb:..."`` → ``"xcb"``), lowercased."""
    return os.environ.get("QT_QPA_PLATFORM", "").split(":", 1)[0].strip().lower()


def dialog_wanted() -> bool:
    """Whether to show a dialog rather than print: not opted out, and a screen exists."""
    if os.environ.get("JACDESK_NO_DIALOG", "").strip() == "1":
        return False
    platform = _requested_platform()
    if platform:
        return platform not in HEADLESS_PLATFORMS
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        # Without a platform named, Qt would try xcb/wayland and abort with no display.
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True  # Windows and macOS always have their native platform.


def main(argv: Sequence[str] | None = None) -> int:
    """Run the jacdesk GUI; for now, tell the user the window is not built yet."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not dialog_wanted():
        _say(MESSAGE)
        return 0
    try:
        from PySide6.QtWidgets import QApplication, QMessageBox
    except ImportError:
        _say(MESSAGE)
        return 0

    app = QApplication.instance()
    if app is None:
        prog = sys.argv[0] if sys.argv and sys.argv[0] else "jacdesk"
        app = QApplication([prog, *args])
    if app.platformName().lower() in HEADLESS_PLATFORMS:
        _say(MESSAGE)
        return 0
    QMessageBox.information(None, TITLE, MESSAGE)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
