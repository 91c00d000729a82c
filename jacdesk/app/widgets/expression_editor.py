"""The formula box: one output component per line (or one vector/matrix expression), coloured,
with name completion and a red wavy underline + message strip for the first parse error."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFontDatabase,
    QHelpEvent,
    QPalette,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QLabel,
    QPlainTextEdit,
    QTextEdit,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from jacdesk.core.errors import JacdeskError
from jacdesk.core.formats.latex_expr import expression_latex
from jacdesk.core.language.tokens import tokenize

from .highlighter import ExpressionHighlighter
from .math_view import MathView
from .name_completer import NameCompleter

HINT = QT_TRANSLATE_NOOP(
    "ExpressionEditor",
    "One output component per line, or one vector/matrix expression; # starts a comment.",
)
KEYS = QT_TRANSLATE_NOOP("ExpressionEditor", "Ctrl+Space completes a name · Ctrl+Enter recomputes")
ERROR_RED = "#d32f2f"
#: The preview typesets at most this many lines (and waits this long after typing).
PREVIEW_LINES = 12
PREVIEW_MS = 200


def preview_latex(lines: Sequence[str]) -> str | None:
    """The lines as one typeset block: ``f_{1} = …`` per line (just the expression for one
    line); lines that do not parse are left out (the editor underlines them)."""
    parts = [expression_latex(line) for line in lines[:PREVIEW_LINES]]
    if len(lines) == 1:
        return parts[0]
    shown = [f"f_{{{i + 1}}} = {p}" for i, p in enumerate(parts) if p is not None]
    if len(lines) > PREVIEW_LINES:
        shown.append(r"\ldots")
    return r" \\ ".join(shown) or None


def split_lines(text: str) -> list[tuple[int, str]]:
    """(block number, expression) for each line that holds one: comments and blanks dropped.

    ``#`` starts a comment that runs to the end of the line; the expression is what precedes
    it, stripped of surrounding blanks.
    """
    out: list[tuple[int, str]] = []
    for number, line in enumerate(text.split("\n")):
        code = line.split("#", 1)[0].strip()
        if code:
            out.append((number, code))
    return out


class ExpressionEditor(QWidget):
    """A monospace, syntax-coloured :class:`QPlainTextEdit` (``edit``) plus an error strip.

    Signals: ``expressionsEdited(list)`` on every text change, with :meth:`expressions`;
    ``recomputeRequested()`` on Ctrl+Enter (which inserts no newline).
    """

    expressionsEdited = Signal(list)
    recomputeRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self._error_range: tuple[int, int] | None = None
        self._error_message = ""

        self.edit = QPlainTextEdit(self)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(max(font.pointSizeF(), 10.0) + 1)
        self.edit.setFont(font)
        self.edit.setTabChangesFocus(True)
        self.edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.edit.setPlaceholderText("x1**2 + 2*x2\n3*x1 + 4*x2**2")
        hint, keys = self.tr(HINT), self.tr(KEYS)
        self.edit.setToolTip(
            f"{hint}\n{keys}.\n"
            + self.tr(
                "Operators: + - * / ** (or ^) @ and .T; functions such as sin, exp, det, trace."
            )
        )
        self.highlighter = ExpressionHighlighter(self.edit.document())

        self.hint = QLabel(f"{hint}\n{keys}", self)
        self.hint.setWordWrap(True)
        self.hint.setToolTip(self.tr("How the formula box reads what you type"))
        hint_palette = self.hint.palette()
        hint_palette.setColor(
            QPalette.ColorRole.WindowText, hint_palette.color(QPalette.ColorRole.PlaceholderText)
        )
        self.hint.setPalette(hint_palette)
        hint_font = self.hint.font()
        hint_font.setPointSizeF(hint_font.pointSizeF() * 0.9)
        self.hint.setFont(hint_font)

        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.setToolTip(self.tr("The first problem found in the expressions"))
        self.error_label.setStyleSheet(
            f"QLabel {{ border-left: 4px solid {ERROR_RED}; padding: 4px 8px;"
            " background: rgba(211, 47, 47, 0.10); }"
        )
        self.error_label.hide()

        self.preview = MathView(self, scale=1.2)
        self.preview.setToolTip(
            self.tr("What you typed, typeset. Right-click: copy as LaTeX, save as SVG or PNG")
        )
        self.preview.hide()
        self._preview_timer = QTimer(self, singleShot=True, interval=PREVIEW_MS)
        self._preview_timer.timeout.connect(self._update_preview)

        self.completer = NameCompleter(self.edit)
        self.edit.installEventFilter(self)
        self.edit.viewport().installEventFilter(self)
        self.edit.textChanged.connect(self._on_edit_text_changed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.hint)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.preview)

    # ----------------------------------------------------------------------------- public API
    def set_expressions(self, lines: Sequence[str]) -> None:
        """Replace the whole text (no undo step per line); emits ``expressionsEdited`` once."""
        self._loading = True
        try:
            self.edit.setPlainText("\n".join(lines))
        finally:
            self._loading = False
        self.clear_error()
        self._update_preview()
        self.expressionsEdited.emit(self.expressions())

    def expressions(self) -> list[str]:
        """The non-empty, non-comment lines, stripped, in order."""
        return [code for _, code in split_lines(self.edit.toPlainText())]

    def show_error(self, message: str, line: int | None, column: int | None) -> None:
        """Underline from ``column`` (1-based) of expression ``line`` (0-based index into
        :meth:`expressions`) to the end of that token, and show the message under the box."""
        self._error_message = message
        self._error_range = None
        prefix = ""
        where = self._locate(line, column)
        if where is not None:
            block_number, indent, start, end = where
            if column is None:
                prefix = self.tr("line {line}: ").format(line=block_number + 1)
            else:
                prefix = self.tr("line {line}, column {column}: ").format(
                    line=block_number + 1, column=indent + column
                )
            self._error_range = (start, end)
        self.error_label.setText(prefix + message)
        self.error_label.show()
        self._apply_error_selection()

    def clear_error(self) -> None:
        self._error_range = None
        self._error_message = ""
        self.error_label.clear()
        self.error_label.hide()
        self.edit.setExtraSelections([])

    def error_text(self) -> str:
        """What the error strip says ('' when there is no error)."""
        return self.error_label.text() if self.error_label.isVisibleTo(self) else ""

    def set_variable_names(self, names: Sequence[str]) -> None:
        """Offer these names in the completion popup, besides the functions and constants."""
        self.completer.set_variable_names(names)

    def completion_names(self) -> list[str]:
        """Every name the completion popup can offer."""
        return self.completer.names()

    # ----------------------------------------------------------------------------- events
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.KeyPress and watched is self.edit:
            ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
            if ctrl and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.recomputeRequested.emit()
                return True
        if kind == QEvent.Type.ToolTip and watched is self.edit.viewport():
            return self._tooltip(event)
        return super().eventFilter(watched, event)

    def _tooltip(self, event: QHelpEvent) -> bool:
        selections = self.edit.extraSelections()
        if not selections or not self._error_message:
            return False
        pos = self.edit.cursorForPosition(event.pos()).position()
        cursor = selections[0].cursor  # follows later edits, unlike stored positions
        if cursor.selectionStart() <= pos <= cursor.selectionEnd():
            QToolTip.showText(event.globalPos(), self._error_message, self.edit.viewport())
            return True
        return False

    # ----------------------------------------------------------------------------- slots
    def _on_edit_text_changed(self) -> None:
        if not self._loading:
            self._preview_timer.start()
            self.expressionsEdited.emit(self.expressions())

    def _update_preview(self) -> None:
        self._preview_timer.stop()
        latex = preview_latex(self.expressions())
        self.preview.set_latex(latex)
        self.preview.setVisible(latex is not None)

    # ----------------------------------------------------------------------------- helpers
    def _locate(self, line: int | None, column: int | None) -> tuple[int, int, int, int] | None:
        """(block number, indent, start, end) of the error in the document, or None."""
        if line is None:
            return None
        lines = split_lines(self.edit.toPlainText())
        if not 0 <= line < len(lines):
            return None
        block_number, code = lines[line]
        block = self.edit.document().findBlockByNumber(block_number)
        indent = len(block.text()) - len(block.text().lstrip())
        base = block.position() + indent
        if column is None:
            return block_number, indent, base, base + len(code)
        col = min(max(column, 1), len(code) + 1)
        if col > len(code):  # "ends too early": mark the last character
            return block_number, indent, base + len(code) - 1, base + len(code)
        end = col + 1
        try:
            for tok in tokenize(code):
                if tok.col <= col < tok.end:
                    end = tok.end
                    break
        except JacdeskError:
            pass
        return block_number, indent, base + col - 1, base + end - 1

    def _apply_error_selection(self) -> None:
        if self._error_range is None:
            self.edit.setExtraSelections([])
            return
        start, end = self._error_range
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.edit.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        fmt = QTextCharFormat()
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(QColor(ERROR_RED))
        fmt.setBackground(QColor(211, 47, 47, 40))
        fmt.setToolTip(self._error_message)
        selection.cursor = cursor
        selection.format = fmt
        self.edit.setExtraSelections([selection])
