"""Qt tests run without a screen unless the caller chose a platform (e.g. xcb under Xvfb)."""

import os

# Must happen before any QApplication exists; pytest-qt creates it lazily (qapp fixture).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


import gc

import pytest


@pytest.fixture(autouse=True)
def _destroy_leftover_widgets(qapp, _no_modal_dialogs):
    """After each test, really destroy every top-level widget it left behind.

    Windows closed by one test but deleted later (deferred deletes, Python garbage collection)
    can otherwise be painted or freed in the middle of a later test; with pyqtgraph image items
    that crashed the process.
    """
    yield
    from PySide6.QtCore import QCoreApplication, QEvent

    for widget in qapp.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    qapp.processEvents()


@pytest.fixture(autouse=True)
def _no_modal_dialogs(monkeypatch, tmp_path):
    """No test may block on a dialog: questions are answered "Discard"/"No", messages "Ok"
    (recorded in ``dialogs``); autosaves go to a temporary data folder."""
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setenv("JACDESK_DATA_DIR", str(tmp_path / "jacdesk-data"))
    seen: list[tuple[str, str]] = []
    buttons = QMessageBox.StandardButton

    def recorder(kind: str, answer):
        def ask(_parent, title, text, *_args, **_kwargs):
            seen.append((kind, f"{title}: {text}"))
            return answer

        return staticmethod(ask)

    monkeypatch.setattr(QMessageBox, "question", recorder("question", buttons.Discard))
    monkeypatch.setattr(QMessageBox, "warning", recorder("warning", buttons.Ok))
    monkeypatch.setattr(QMessageBox, "information", recorder("information", buttons.Ok))
    # Offscreen no one could answer, so the window would not ask; here the recorder answers.
    from jacdesk.app.window import document

    monkeypatch.setattr(document, "someone_can_answer", lambda _window: True)
    return seen


@pytest.fixture
def dialogs(_no_modal_dialogs):
    """The (kind, "title: text") of every message box a test caused."""
    return _no_modal_dialogs


@pytest.fixture
def make(qtbot):
    """Build a widget and let pytest-qt close and delete it after the test."""

    def build(cls, *args, **kwargs):
        widget = cls(*args, **kwargs)
        qtbot.addWidget(widget)
        return widget

    return build
