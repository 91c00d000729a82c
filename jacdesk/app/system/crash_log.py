"""The crash log: where it lives, what goes in it, and faulthandler pointed at it.

No Qt here, so that an error raised while Qt itself loads can still be written down. The gui
script usually has no terminal (and ``sys.stderr`` may be ``None``): the log file in the user
log folder is where a learner, or whoever helps them, finds the details.
"""

from __future__ import annotations

import datetime
import faulthandler
import os
import platform
import sys
import traceback
from pathlib import Path
from types import TracebackType
from typing import TextIO

LOG_NAME = "jacdesk.log"
# One old generation is kept; a log never grows past about twice this.
MAX_LOG_BYTES = 1_000_000
_log: TextIO | None = None


def log_dir() -> Path:
    """``JACDESK_LOG_DIR`` if set (tests), else the platform's user log folder."""
    override = os.environ.get("JACDESK_LOG_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_log_dir("jacdesk", appauthor=False))


def log_path() -> Path:
    return log_dir() / LOG_NAME


def open_log() -> TextIO | None:
    """The log file, opened for appending once per process; None if it cannot be written."""
    global _log
    if _log is not None and not _log.closed:
        return _log
    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _rotate(path)
        # Line-buffered so that text written here lands before faulthandler's raw writes.
        _log = open(path, "a", encoding="utf-8", errors="backslashreplace", buffering=1)  # noqa: SIM115
    except OSError:
        _log = None
    return _log


def _rotate(path: Path) -> None:
    try:
        if path.stat().st_size > MAX_LOG_BYTES:
            os.replace(path, path.with_name(LOG_NAME + ".1"))
    except OSError:  # absent, or held open by another jacdesk (Windows): append anyway
        pass


def close_log() -> None:
    """Close the log (tests); faulthandler must be pointed elsewhere first."""
    global _log
    if _log is not None:
        _log.close()
    _log = None


def enable_faulthandler() -> bool:
    """Dump every thread's stack into the log on a hard crash (segfault, abort)."""
    log = open_log()
    if log is None:
        return False
    try:
        faulthandler.enable(file=log, all_threads=True)
    except (OSError, ValueError, RuntimeError):
        return False
    return True


def versions() -> str:
    """One line of versions, from modules already loaded (a crash is no time to import torch)."""
    parts = [f"Python {platform.python_version()}", platform.platform(terse=True)]
    try:
        from jacdesk._version import __version__

        parts.insert(0, f"jacdesk {__version__}")
    except Exception:  # a broken install must not hide the original error
        pass
    pyside = sys.modules.get("PySide6")
    if pyside is not None:
        parts.append(f"PySide6 {getattr(pyside, '__version__', '?')}")
    for name in ("torch", "sympy", "numpy", "pyqtgraph"):
        module = sys.modules.get(name)
        if module is not None:
            parts.append(f"{name} {getattr(module, '__version__', '?')}")
    return ", ".join(parts)


def one_line(value: BaseException) -> str:
    """``Kind: first line of the message``, short enough for a dialog's one line."""
    text = str(value).strip().splitlines()
    line = f"{type(value).__name__}: {text[0]}" if text else type(value).__name__
    return line if len(line) <= 200 else line[:197] + "..."


def format_details(
    kind: type[BaseException], value: BaseException, tb: TracebackType | None, where: str = ""
) -> str:
    """The traceback plus versions: what "Copy details" copies and the log keeps."""
    head = f"jacdesk error{f' in {where}' if where else ''}\n{versions()}\nlog: {log_path()}\n\n"
    return head + "".join(traceback.format_exception(kind, value, tb))


def write_log(details: str) -> bool:
    """Append a time-stamped entry; False if the log cannot be written."""
    log = open_log()
    if log is None:
        return False
    try:
        if log.tell() > 2 * MAX_LOG_BYTES:  # a handler failing in a loop must not fill the disk
            return False
        stamp = datetime.datetime.now().astimezone().isoformat(timespec="seconds")
        log.write(f"----- {stamp} -----\n{details.rstrip()}\n")
        log.flush()
    except (OSError, ValueError):
        return False
    return True


def say(line: str) -> None:
    """Print one line on stderr, which is None under a windowed launcher."""
    stream = sys.stderr
    if stream is None:
        return
    try:
        print(line, file=stream)
        stream.flush()
    except (OSError, ValueError):
        pass


def log_startup_error(exc: BaseException) -> None:
    """Log why the window could not be built and say so in one line (no Qt needed)."""
    details = format_details(type(exc), exc, exc.__traceback__, "start-up")
    where = f" (details in {log_path()})" if write_log(details) else ""
    say(f"jacdesk: could not start: {one_line(exc)}{where}")
