"""Autosave and crash recovery: the session is written every few seconds to the user data
folder, and a lock file marks a running window; a lock left by a dead process means a crash.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from jacdesk.core.formats.plain import atomic_write

AUTOSAVE_NAME = "autosave.jacdesk"
LOCK_NAME = "running.lock"
INTERVAL_MS = 3000


def data_dir() -> Path:
    """Where autosaves live: ``$JACDESK_DATA_DIR`` if set, else the platform's user data folder."""
    override = os.environ.get("JACDESK_DATA_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir("jacdesk", appauthor=False))


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # exists, owned by someone else
    return True


class Autosave:
    """The files behind autosave; no Qt, so the logic is testable on its own."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or data_dir()
        self.file = self.folder / AUTOSAVE_NAME
        self.lock = self.folder / LOCK_NAME
        self._last = ""

    def recoverable(self) -> Path | None:
        """The autosave of a session that did not close properly, if there is one.

        Not when another jacdesk window is running now (its lock names a live process). An
        autosave without a lock was kept on purpose by :meth:`keep` (an exit where no one could
        be asked to save): it is offered too.
        """
        if not self.file.is_file():
            return None
        if self.lock.is_file():
            try:
                pid = int(self.lock.read_text(encoding="ascii").strip() or "0")
            except (OSError, ValueError):
                pid = 0
            if pid != os.getpid() and _alive(pid):
                return None
        return self.file

    def start(self) -> None:
        """Mark this process as running (the lock file holds its pid)."""
        with contextlib.suppress(Exception):
            self.folder.mkdir(parents=True, exist_ok=True)
            atomic_write(self.lock, str(os.getpid()))

    def write(self, text: str) -> bool:
        """Save ``text`` unless it is what was saved last; True when written."""
        if text == self._last:
            return False
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            atomic_write(self.file, text)
        except Exception:  # autosave must never disturb the user; the next tick retries
            return False
        self._last = text
        return True

    def clear(self) -> None:
        """Forget the autosave (after a save, a discard, or a clean exit keeps nothing)."""
        self._last = ""
        with contextlib.suppress(OSError):
            self.file.unlink()

    def finish(self) -> None:
        """A clean exit: no autosave and no lock are left behind."""
        self.clear()
        with contextlib.suppress(OSError):
            self.lock.unlink()

    def keep(self, text: str) -> bool:
        """An exit with unsaved work and no one to ask (a signal, no screen): write ``text`` as
        the autosave, keep it for the next start and remove the lock; True when written."""
        written = self.write(text) or self.file.is_file()
        self.release()
        return written

    def release(self) -> None:
        """Remove this process's lock only (the autosave file stays)."""
        with contextlib.suppress(OSError):
            self.lock.unlink()
