"""The generated PyTorch script: read it, copy it, save it."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jacdesk.core.errors import JacdeskError
from jacdesk.core.formats.plain import atomic_write

INTRO = QT_TRANSLATE_NOOP(
    "CodeDialog",
    "A standalone script (needs only torch) that reproduces these numbers the tutorial's way: "
    "f, torch.autograd.functional.jacobian, y.backward(v) and x.grad, rows by one-hot backward, "
    "and J u. Run it with python3.",
)


class CodeDialog(QDialog):
    """Read-only script with Copy and Save…"""

    def __init__(self, script: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Show as PyTorch code"))
        self.resize(760, 600)
        self.script = script
        intro = QLabel(self.tr(INTRO), self)
        intro.setWordWrap(True)
        self.text = QPlainTextEdit(script, self)
        self.text.setReadOnly(True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setToolTip(self.tr("Select and copy any part, or use the buttons"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = QPushButton(self.tr("Copy"), self)
        self.copy_button.setToolTip(self.tr("Copy the whole script"))
        self.save_button = QPushButton(self.tr("Save…"), self)
        self.save_button.setToolTip(self.tr("Save the script as a .py file"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self.copy)
        self.save_button.clicked.connect(lambda: self.save())
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.script)

    def save(self, path: str | None = None) -> str | None:
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Save script"), "jacobian.py", self.tr("Python (*.py);;All files (*)")
            )
            if not path:
                return None
        try:
            atomic_write(path, self.script)
        except JacdeskError as err:
            QMessageBox.warning(self, self.tr("Cannot save"), str(err))
            return None
        return path
