"""Completion of function, constant and variable names in a QPlainTextEdit (not a widget)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRect, Qt
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel, QTextCursor
from PySide6.QtWidgets import QCompleter, QPlainTextEdit

from jacdesk.core.language.functions import CONSTANTS, FUNCTIONS

NAME_ROLE = Qt.ItemDataRole.UserRole + 1  # the bare name a completion inserts
ACCEPT_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab)
MIN_TYPED = 2  # letters of a name before the popup opens by itself
MAX_POPUP_WIDTH = 480


class NameCompleter(QCompleter):
    """A popup of names for ``edit``: opens after two typed letters of a name or on Ctrl+Space;
    Tab or Enter inserts the chosen name (a function gets its opening parenthesis)."""

    def __init__(self, edit: QPlainTextEdit) -> None:
        self.model = QStandardItemModel(edit)
        super().__init__(self.model, edit)
        self.edit = edit
        self._variables: list[str] = []
        self._typed = False
        self.setWidget(edit)
        self.setCompletionRole(NAME_ROLE)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.popup().setToolTip(self.tr("Tab or Enter inserts the name; Esc closes the list"))
        self.activated[str].connect(self._on_self_activated)
        self.popup().installEventFilter(self)  # installed after QCompleter's own: runs first
        edit.installEventFilter(self)
        edit.textChanged.connect(self._on_edit_text_changed)
        self._fill()

    def set_variable_names(self, names: Sequence[str]) -> None:
        """Offer these variable names besides the functions and constants."""
        self._variables = [n for n in dict.fromkeys(names) if n not in FUNCTIONS]
        self._fill()

    def names(self) -> list[str]:
        """Every name the popup can offer: variables, constants, then functions."""
        return [self.model.item(r).data(NAME_ROLE) for r in range(self.model.rowCount())]

    def prefix(self) -> str:
        """The part of a name just left of the text cursor ('' after a digit-led word)."""
        cursor = self.edit.textCursor()
        before = cursor.block().text()[: cursor.positionInBlock()]
        k = len(before)
        while k > 0 and (before[k - 1].isalnum() or before[k - 1] == "_"):
            k -= 1
        word = before[k:]
        return "" if word[:1].isdigit() else word

    def update_popup(self, force: bool) -> None:
        """Show the names that start with the prefix; without ``force`` only from 2 letters."""
        prefix = self.prefix()
        popup = self.popup()
        if not force and len(prefix) < MIN_TYPED:
            popup.hide()
            return
        self.setCompletionPrefix(prefix)
        exact = self.completionCount() == 1 and self.currentCompletion() == prefix
        if self.completionCount() == 0 or (exact and not force):
            popup.hide()
            return
        popup.setCurrentIndex(self.completionModel().index(0, 0))
        rect: QRect = self.edit.cursorRect()
        width = popup.sizeHintForColumn(0) + popup.verticalScrollBar().sizeHint().width() + 8
        rect.setWidth(min(width, MAX_POPUP_WIDTH))
        self.complete(rect)

    def insert(self, name: str) -> None:
        """Replace the prefix left of the cursor by ``name`` (plus '(' for a function)."""
        cursor = self.edit.textCursor()
        cursor.movePosition(
            QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor, len(self.prefix())
        )
        following = cursor.block().text()[cursor.selectionEnd() - cursor.block().position() :]
        call = name in FUNCTIONS and not following.startswith("(")
        cursor.insertText(name + ("(" if call else ""))
        self.edit.setTextCursor(cursor)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress:
            return super().eventFilter(watched, event)
        key: QKeyEvent = event
        ctrl = bool(key.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if ctrl and key.key() == Qt.Key.Key_Space:
            self.update_popup(force=True)
            return True
        if watched is self.popup():
            if ctrl:  # Ctrl+Enter and other shortcuts belong to the editor
                self.popup().hide()
                QCoreApplication.sendEvent(self.edit, key)
                return True
            if key.key() in ACCEPT_KEYS:
                index = self.popup().currentIndex()
                if not index.isValid():
                    index = self.completionModel().index(0, 0)
                self.popup().hide()
                if index.isValid():
                    self.insert(index.data(NAME_ROLE))
                return True
        text = key.text()
        self._typed = key.key() == Qt.Key.Key_Backspace or text.isalnum() or text == "_"
        return super().eventFilter(watched, event)

    def _on_edit_text_changed(self) -> None:
        if self._typed:
            self._typed = False
            self.update_popup(force=False)
        elif self.popup().isVisible():
            self.popup().hide()

    def _on_self_activated(self, text: str) -> None:  # a click in the popup
        index = self.popup().currentIndex()
        self.insert(index.data(NAME_ROLE) if index.isValid() else text)

    def _fill(self) -> None:
        self.model.clear()
        variable, constant = self.tr("{name} — variable"), self.tr("{name} = {value} (constant)")
        entries = [(n, variable.format(name=n)) for n in self._variables]
        entries += [(n, constant.format(name=n, value=f"{v:.6g}")) for n, v in CONSTANTS.items()]
        entries += [(n, f"{sig.usage} — {sig.meaning}") for n, sig in sorted(FUNCTIONS.items())]
        for name, shown in entries:
            item = QStandardItem(shown)
            item.setData(name, NAME_ROLE)
            item.setToolTip(shown)
            item.setEditable(False)
            self.model.appendRow(item)
