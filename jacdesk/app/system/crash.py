"""Unexpected errors: written to the log, then shown to the learner in a dialog.

``sys.excepthook`` catches what escapes a slot or event handler on the GUI thread and
``threading.excepthook`` what escapes any other thread. Either may run off the GUI thread, so
the hooks only log and emit a queued signal: the dialog itself is always built on the GUI
thread (widgets elsewhere crash Qt). No Python traceback reaches the learner's face; it sits
behind "Show Details…", in the log file and, via "Copy details", on the clipboard.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from . import crash_log

TITLE = "jacdesk"
_reporter: CrashReporter | None = None


def copy_details(details: str) -> None:
    QApplication.clipboard().setText(details)


class CrashDialog(QMessageBox):
    """A critical message: one line, "Show Details…" (the traceback) and "Copy details"."""

    def __init__(self, message: str, details: str, parent: QWidget | None = None) -> None:
        super().__init__(
            QMessageBox.Icon.Critical, TITLE, message, QMessageBox.StandardButton.Close, parent
        )
        self.setDetailedText(details)
        self.copy_button = self.addButton(
            QCoreApplication.translate("CrashDialog", "Copy details"),
            QMessageBox.ButtonRole.ActionRole,
        )
        # Every QMessageBox button closes the box; copying should not, so drop that link.
        self.copy_button.clicked.disconnect()
        self.copy_button.clicked.connect(self._copy)
        autoclose = os.environ.get("JACDESK_DIALOG_AUTOCLOSE_MS", "")
        if autoclose.isdigit():  # tests and scripted launches: never wait for a click
            QTimer.singleShot(int(autoclose), self, self._autoclose)

    def _autoclose(self) -> None:
        # Leave a trace that the dialog really was on screen: the launch tests read it.
        state = "visible" if self.isVisible() else "hidden"
        crash_log.write_log(f"dialog ({state}) closed automatically: {self.text()}")
        self.close()

    def _copy(self) -> None:
        copy_details(self.detailedText())
        self.copy_button.setText(QCoreApplication.translate("CrashDialog", "Copied"))


class CrashReporter(QObject):
    """Lives on the GUI thread; turns an exception from any thread into one dialog."""

    crashed = Signal(str, str)  # the one-line message, the details

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._showing = False
        # Queued even on the GUI thread: the dialog opens once the failing handler has
        # returned, not inside a paint event or half-way through a model reset.
        self.crashed.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def report(
        self,
        kind: type[BaseException],
        value: BaseException,
        tb: TracebackType | None,
        where: str = "",
    ) -> None:
        details = crash_log.format_details(kind, value, tb, where)
        crash_log.write_log(details)
        line = crash_log.one_line(value)
        crash_log.say(f"jacdesk: unexpected error: {line}")
        message = QCoreApplication.translate(
            "CrashDialog", "Something went wrong: {error}. The details are saved in the log file."
        )
        self.crashed.emit(message.format(error=line), details)

    @Slot(str, str)
    def _show(self, message: str, details: str) -> None:
        if self._showing:  # an error repeating on every repaint: one dialog, all in the log
            return
        self._showing = True
        try:
            dialog = CrashDialog(message, details, QApplication.activeWindow())
            dialog.exec()
            dialog.deleteLater()
        finally:
            self._showing = False


def _sys_hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt) or _reporter is None:
        sys.__excepthook__(kind, value, tb)
        return
    try:
        _reporter.report(kind, value, tb)
    except Exception:  # the hook must never raise; fall back to Python's own report
        sys.__excepthook__(kind, value, tb)


def _thread_hook(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit or _reporter is None:
        return
    value = args.exc_value if args.exc_value is not None else args.exc_type()
    where = f"thread {args.thread.name}" if args.thread is not None else "a thread"
    try:
        _reporter.report(args.exc_type, value, args.exc_traceback, where)
    except Exception:  # e.g. the reporter was deleted while the app was closing
        threading.__excepthook__(args)


def install_crash_handlers(app: QCoreApplication) -> CrashReporter:
    """Log hard crashes with faulthandler and show a dialog for any uncaught exception."""
    global _reporter
    crash_log.enable_faulthandler()
    _reporter = CrashReporter(app)
    sys.excepthook = _sys_hook
    threading.excepthook = _thread_hook
    return _reporter


def uninstall_crash_handlers() -> None:
    """Put Python's default hooks back (tests); faulthandler is left to the caller."""
    global _reporter
    sys.excepthook = sys.__excepthook__
    threading.excepthook = threading.__excepthook__
    if _reporter is not None:
        with contextlib.suppress(RuntimeError):  # already deleted with the application
            _reporter.deleteLater()
    _reporter = None


def startup_error(exc: BaseException) -> int:
    """The window could not be built: log it, say it in one line, show a dialog; returns 1."""
    crash_log.log_startup_error(exc)
    try:
        app = QApplication.instance()
        if app is None:
            app = QApplication(sys.argv[:1] or ["jacdesk"])
        if isinstance(app, QApplication):
            details = crash_log.format_details(type(exc), exc, exc.__traceback__, "start-up")
            message = QCoreApplication.translate(
                "CrashDialog",
                "jacdesk could not start: {error}. The details are saved in the log file.",
            )
            CrashDialog(message.format(error=crash_log.one_line(exc)), details).exec()
    except Exception:  # no dialog possible: the log and the stderr line have it
        pass
    return 1
