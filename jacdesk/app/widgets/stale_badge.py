"""A small amber badge: "stale — showing the last valid result"."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

TEXT = QT_TRANSLATE_NOOP("StaleBadge", "stale — showing the last valid result")
TIP = QT_TRANSLATE_NOOP(
    "StaleBadge",
    "The input changed and its result is not ready yet (or the new input has an error): "
    "these numbers belong to the previous input.",
)


class StaleBadge(QLabel):
    """Hidden until ``set_stale(True)``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setText(self.tr(TEXT))
        self.setToolTip(self.tr(TIP))
        self.setStyleSheet(
            "QLabel { background: #ffe3a3; color: #5c4400; border: 1px solid #e0b54a;"
            " border-radius: 8px; padding: 1px 8px; font-size: 90%; }"
        )
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.setVisible(False)

    def set_stale(self, stale: bool) -> None:
        self.setVisible(stale)
