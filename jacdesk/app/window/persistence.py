"""What the window keeps between runs (QSettings): its geometry, the tool bar and dock
state, the two splitters, and the last expressions and point."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QSplitter

from jacdesk.app.system import settings
from jacdesk.core.content.examples import Example


def _layout_parts(window: QMainWindow, split: QSplitter, left: QSplitter):
    """(key, saved state, restore) for every part of the layout that is kept."""
    return (
        ("window/geometry", window.saveGeometry, window.restoreGeometry),
        ("window/state", window.saveState, window.restoreState),
        ("window/split", split.saveState, split.restoreState),
        ("window/left", left.saveState, left.restoreState),
    )


def restore_layout(window: QMainWindow, split: QSplitter, left: QSplitter) -> None:
    """Geometry, tool bar / dock state and splitters as the window last closed."""
    for key, _save, restore in _layout_parts(window, split, left):
        value = settings.load_bytes(key)
        if value is not None:
            restore(value)


def save_layout(window: QMainWindow, split: QSplitter, left: QSplitter) -> None:
    for key, save, _restore in _layout_parts(window, split, left):
        settings.save_bytes(key, save())


def last_example() -> Example | None:
    """The problem shown when the window last closed (None when nothing was kept).

    Raises TypeError or ValueError when the kept record is malformed.
    """
    data = settings.load_session()
    if not data:
        return None
    return Example(
        "last",
        "last session",
        tuple(data["expressions"]),
        data["variables"],
        data["constants"],
    )
