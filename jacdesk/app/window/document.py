"""The open document: which file, whether it has unsaved changes, recent files, autosave.

The title shows the file name and Qt's unsaved-changes mark; new/open/quit ask before
unsaved work is lost; a broken or hostile file changes nothing and says why.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QMimeData, QObject, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from jacdesk.app.state.autosave import INTERVAL_MS, Autosave
from jacdesk.app.state.session_io import SessionIO, fingerprint
from jacdesk.app.system import settings
from jacdesk.core.errors import JacdeskError
from jacdesk.core.sessions.schema import check_program
from jacdesk.core.sessions.session import (
    SUFFIX,
    Session,
    load_session,
    save_session,
)

FILTER = QT_TRANSLATE_NOOP("Document", "jacdesk sessions (*{suffix});;All files (*)")
#: Open also reads PyTorch scripts; Save writes sessions only (never JSON into a .py).
OPEN_FILTER = QT_TRANSLATE_NOOP(
    "Document",
    "jacdesk sessions (*{suffix});;PyTorch scripts (*.py);;All files (*)",
)
SCRIPT_SUFFIX = ".py"
MAX_RECENT = 8
#: Platforms without a screen: a question asked there would wait forever.
UNATTENDED_PLATFORMS = frozenset({"offscreen", "minimal"})


def someone_can_answer(window: QMainWindow) -> bool:
    """Whether a question can be answered: a screen, a shown window, the app not ending."""
    if QCoreApplication.closingDown() or not window.isVisible():
        return False
    return QGuiApplication.platformName() not in UNATTENDED_PLATFORMS


class Document(QObject):
    """Path + saved state of the session ``sessions`` shows; titles ``window`` (and asks there)."""

    def __init__(
        self, window: QMainWindow, sessions: SessionIO, autosave: Autosave | None = None
    ) -> None:
        super().__init__(window)
        self.win = window
        self.sessions = sessions
        self.path: Path | None = None
        self._saved = ""
        self.autosave = autosave or Autosave()
        self._recoverable: Path | None = None
        self._autosaved: tuple | None = None
        self._kept = False  # the autosave was kept for the next start (no one to ask)
        self._closed = False
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="jacdesk-autosave")
        self._check = QTimer(self, singleShot=True, interval=250)
        self._check.timeout.connect(self.refresh)
        self._tick = QTimer(self, interval=INTERVAL_MS)
        self._tick.timeout.connect(self._on_tick_timeout)

    # -- state -------------------------------------------------------------------------------
    def start(self) -> None:
        """Note a crashed session's autosave (before this process claims the lock), then
        begin autosaving."""
        self._recoverable = self.autosave.recoverable()
        self.autosave.start()
        self._tick.start()

    def mark_clean(self) -> None:
        """What the window shows now counts as saved (after open, save, new)."""
        self._saved = self._state()
        self.refresh()

    def touch(self) -> None:
        """Something changed: re-check the unsaved mark soon (edits come in bursts)."""
        self._check.start()

    def is_modified(self) -> bool:
        return self._state() != self._saved

    def refresh(self) -> None:
        name = self.path.name if self.path else self.tr("untitled")
        self.win.setWindowTitle(self.tr("{name}[*] — jacdesk").format(name=name))
        self.win.setWindowModified(self.is_modified())

    def _state(self) -> tuple | str:
        try:
            return fingerprint(self.sessions.collect(with_view=False))
        except JacdeskError:
            return "<unsaveable>"

    # -- commands ----------------------------------------------------------------------------
    def new(self) -> None:
        if self.maybe_save():
            self.path = None
            self.sessions.apply(Session())
            self.mark_clean()

    def open(self, path: str | Path | None = None) -> bool:
        """Open ``path`` (asking for one when None); False when nothing was opened."""
        if not self.maybe_save():
            return False
        if path is None:
            start = str(self.path.parent) if self.path else ""
            chosen, _ = QFileDialog.getOpenFileName(
                self.win, self.tr("Open session"), start, self._filter(OPEN_FILTER)
            )
            if not chosen:
                return False
            path = chosen
        return self.open_without_asking(Path(path))

    def open_without_asking(self, path: Path) -> bool:
        """Open a session, or a PyTorch script (read, never run: it becomes a new session)."""
        script = path.suffix.lower() == SCRIPT_SUFFIX
        try:
            session = self._script_session(path) if script else load_session(path)
        except JacdeskError as err:
            QMessageBox.warning(
                self.win,
                self.tr("Cannot open"),
                self.tr("{error}\n\nNothing was changed.").format(error=err),
            )
            return False
        self.sessions.apply(session)
        # A script is never overwritten by a session: saving asks for a .jacdesk name.
        self.path = None if script else path
        self._remember(path)
        self.mark_clean()
        return True

    def _script_session(self, path: Path) -> Session:
        """A PyTorch script as a session (read by the allow-list reader, never run), with the
        compute options shown now."""
        from jacdesk.core.sessions.torch_problem import read_torch_file, session_from_translation

        translation = read_torch_file(path)
        try:
            options = {"options": self.sessions.collect(with_view=False).options}
        except JacdeskError:
            options = {}
        return session_from_translation(translation, **options)

    def save(self) -> bool:
        if self.path is None:
            return self.save_as()
        return self._write(self.path)

    def save_as(self) -> bool:
        start = str(self.path) if self.path else f"untitled{SUFFIX}"
        chosen, _ = QFileDialog.getSaveFileName(
            self.win, self.tr("Save session as"), start, self._filter()
        )
        if not chosen:
            return False
        path = Path(chosen)
        if not path.suffix:
            path = path.with_suffix(SUFFIX)
        return self._write(path)

    def _write(self, path: Path) -> bool:
        try:
            save_session(self.sessions.collect(), path)
        except JacdeskError as err:
            QMessageBox.warning(
                self.win,
                self.tr("Cannot save"),
                self.tr("{error}\n\nYour work is still open.").format(error=err),
            )
            return False
        self.path = path
        self._remember(path)
        self.mark_clean()
        self.win.statusBar().showMessage(self.tr("saved {path}").format(path=path), 4000)
        return True

    def maybe_save(self) -> bool:
        """Ask before unsaved changes are lost; True when it is fine to go on."""
        if not self.is_modified() or self._kept:
            return True
        if not someone_can_answer(self.win):
            return self.keep_unsaved()
        name = self.path.name if self.path else self.tr("this session")
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self.win,
            self.tr("Unsaved changes"),
            self.tr("Save the changes to {name}?").format(name=name),
            buttons.Save | buttons.Discard | buttons.Cancel,
            buttons.Save,
        )
        if answer == buttons.Save:
            return self.save()
        return answer == buttons.Discard

    def keep_unsaved(self) -> bool:
        """Exit without asking (a signal, no screen): unsaved work goes to the autosave, offered
        at the next start; the lock is removed. True: it is fine to go on closing."""
        if self.is_modified():
            try:
                self._kept = self.autosave.keep(self.sessions.collect().to_json())
            except JacdeskError:
                self._kept = self.autosave.file.is_file()  # the last valid state stays
        return True

    # -- recovery ----------------------------------------------------------------------------
    def offer_recovery(self) -> bool:
        """After a crash: offer the autosaved session; True when it was restored."""
        found, self._recoverable = self._recoverable, None
        if found is None or not found.is_file():
            return False
        if not someone_can_answer(self.win):
            self._recoverable = found  # kept for a start where someone can answer
            return False
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self.win,
            self.tr("Recover unsaved work?"),
            self.tr(
                "jacdesk did not close properly last time. "
                "Restore the session it saved automatically?"
            ),
            buttons.Yes | buttons.No,
            buttons.Yes,
        )
        if answer != buttons.Yes:
            self.autosave.clear()
            return False
        try:
            session = load_session(found)
        except JacdeskError as err:
            QMessageBox.warning(self.win, self.tr("Cannot recover"), str(err))
            return False
        self.sessions.apply(session)
        self.path = None
        self._saved = ""  # recovered work is unsaved until the user saves it
        self.refresh()
        return True

    def _on_tick_timeout(self) -> None:
        if self._closed:  # a tick queued before close(): the writer is gone
            return
        if not self.is_modified():
            self.autosave.clear()
            self._autosaved = None
            return
        try:
            session = self.sessions.collect()
            state = fingerprint(session)
            if state == self._autosaved:
                return
            # Only states that open again are kept (mid-edit errors leave the last valid one).
            check_program(
                session.expressions,
                session.variables,
                session.constants,
                session.vec,
                session.v,
                session.u,
            )
        except JacdeskError:
            return
        self._autosaved = state
        # Writing JSON of a 256×256 matrix takes ~0.2 s: off the GUI thread (Session is immutable).
        try:
            self._writer.submit(lambda: self.autosave.write(session.to_json()))
        except RuntimeError:  # shut down between the check above and here (exit)
            return

    def close(self) -> None:
        """A clean exit: stop autosaving and leave nothing to recover."""
        self._closed = True
        self._tick.stop()
        self._writer.shutdown(wait=True)  # a pending write must not recreate the autosave
        if self._kept:
            self.autosave.release()  # the autosave written for the next start stays
        else:
            self.autosave.finish()

    def _filter(self, text: str = FILTER) -> str:
        return self.tr(text).format(suffix=SUFFIX)

    # -- recent files ------------------------------------------------------------------------
    def recent(self) -> list[str]:
        value = settings.settings().value("files/recent", [])
        items = value if isinstance(value, list) else [value] if isinstance(value, str) else []
        return [p for p in items if isinstance(p, str)][:MAX_RECENT]

    def _remember(self, path: Path) -> None:
        text = str(path.resolve())
        items = [text] + [p for p in self.recent() if p != text]
        settings.settings().setValue("files/recent", items[:MAX_RECENT])


def dropped_session(mime: QMimeData) -> str | None:
    """The first local ``*.jacdesk`` session or ``*.py`` PyTorch script among dropped URLs."""
    for url in mime.urls() if mime.hasUrls() else []:
        path = url.toLocalFile()
        if path.endswith(SUFFIX) or path.lower().endswith(SCRIPT_SUFFIX):
            return path
    return None
