"""Run by the start-up benchmark as its own process: jacdesk's real entry point, which prints
``shown`` on the first event-loop turn after the main window is shown, then ends the process."""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["JACDESK_NO_RESTORE"] = "1"

from PySide6.QtCore import QTimer

from jacdesk.app import main as entry
from jacdesk.app.window import main_window

_original = main_window.MainWindow.showEvent


def _show_event(self, event) -> None:
    _original(self, event)
    if not getattr(self, "_probe_reported", False):
        self._probe_reported = True

        def report() -> None:
            # Usable = the window is up and the event loop turns; torch may still be loading.
            print("shown", "torch" in sys.modules, flush=True)
            os._exit(0)

        QTimer.singleShot(0, report)


main_window.MainWindow.showEvent = _show_event
raise SystemExit(entry.main([]))
