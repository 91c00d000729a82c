"""Qt tests run without a screen unless the caller chose a platform (e.g. xcb under Xvfb)."""

import os

# Must happen before any QApplication exists; pytest-qt creates it lazily (qapp fixture).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


import gc

import pytest


@pytest.fixture(autouse=True)
def _destroy_leftover_widgets(qapp):
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


@pytest.fixture
def make(qtbot):
    """Build a widget and let pytest-qt close and delete it after the test."""

    def build(cls, *args, **kwargs):
        widget = cls(*args, **kwargs)
        qtbot.addWidget(widget)
        return widget

    return build
