"""SIGTERM / SIGINT end the window cleanly: unsaved work autosaved, the lock removed, quit.

Python runs a signal handler only between bytecodes, and Qt's event loop is C++: a short
no-op timer hands control back to Python now and then, so the handler runs within ~0.2 s.
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

WAKE_MS = 200
SIGNALS = tuple(s for s in (getattr(signal, "SIGTERM", None), signal.SIGINT) if s is not None)


def install_quit_signals(owner: QObject, on_signal: Callable[[], None]) -> QTimer:
    """Call ``on_signal`` on the GUI thread (next event-loop turn) when SIGTERM or SIGINT
    arrives; returns the wake-up timer (a child of ``owner``, so it ends with it)."""
    done = False

    def handler(_signum: int, _frame: object) -> None:
        nonlocal done
        if not done:  # a second signal while closing changes nothing
            done = True
            QTimer.singleShot(0, on_signal)

    for sig in SIGNALS:
        with contextlib.suppress(ValueError, OSError):  # not the main thread: no handlers
            signal.signal(sig, handler)
    wake = QTimer(owner, interval=WAKE_MS)
    wake.timeout.connect(lambda: None)
    wake.start()
    return wake
