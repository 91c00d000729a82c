"""The PyTorch mode of the formula box: a Python editor whose text is *read* (parsed with the
allow-list reader, never run) into jacdesk's problem, shown "as jacdesk expressions".

A refusal is one line naming its line and column, with a red wavy underline there; reading
runs on a background thread (a long paste never stalls the window), newest text wins.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFontDatabase, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTextEdit, QVBoxLayout, QWidget

from jacdesk.core.errors import JacdeskError
from jacdesk.core.language.torch_reader import TorchSourceError
from jacdesk.core.language.torch_translation import TorchTranslation

from .python_highlighter import PythonHighlighter
from .torch_reads import Reads, defines, function_start, read_with_point

HINT = QT_TRANSLATE_NOOP(
    "TorchEditor", "A PyTorch function, its point and backward(v): read, never run."
)
PLACEHOLDER = (
    "import torch\n\n"
    "def f(x):\n"
    "    return torch.stack([x[0] ** 2 + 2 * x[1], 3 * x[0] + 4 * x[1] ** 2])\n\n"
    "x = torch.tensor([1.0, 2.0], requires_grad=True)\n"
    "y = f(x)\n"
    "y.backward(torch.ones_like(y))\n"
)
NOTE_FROM_PANEL = QT_TRANSLATE_NOOP(
    "TorchEditor", "the script gives no value for {names}: the point in the window is used"
)
ERROR_RED = "#d32f2f"
DEBOUNCE_MS = 250
WORD = re.compile(r"[\w.]+")


class TorchEditor(QWidget):
    """A monospace, Python-coloured editor (``edit``), an error strip and the translation.

    Signals: ``translationReady(object)`` with a :class:`TorchTranslation` each time the text
    reads as a problem; ``sourceEdited(str)`` on every edit by the user.
    """

    translationReady = Signal(object)
    sourceEdited = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._generation = 0
        self._quiet = -1
        self._done = 0
        self._known: dict[str, np.ndarray] = {}
        self._function: str | None = None
        self._translation: TorchTranslation | None = None
        self._loading = False
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="jacdesk-torch-read")
        self._reads = Reads(self)
        self._reads.finished.connect(self._on_reads_finished)
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self._read_now)

        self.hint = QLabel(self.tr(HINT), self)
        self.hint.setWordWrap(True)
        _dim(self.hint)

        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(max(font.pointSizeF(), 10.0) + 1)
        self.edit = QPlainTextEdit(self)
        self.edit.setFont(font)
        self.edit.setTabChangesFocus(False)
        self.edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.edit.setPlaceholderText(PLACEHOLDER)
        self.edit.setToolTip(
            self.tr(
                "Paste or type a PyTorch function, e.g. def f(x): return torch.stack([...]), "
                "with x = torch.tensor([...]) and y.backward(v). It is read, never run."
            )
        )
        lines = self.edit.fontMetrics().lineSpacing()
        self.edit.setMinimumHeight(4 * lines)
        self.highlighter = PythonHighlighter(self.edit.document())
        self.edit.textChanged.connect(self._on_edit_text_changed)

        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.setStyleSheet(
            f"QLabel {{ border-left: 4px solid {ERROR_RED}; padding: 4px 8px;"
            " background: rgba(211, 47, 47, 0.10); }"
        )
        self.error_label.hide()

        self.translation_title = QLabel(self.tr("as jacdesk expressions"), self)
        _dim(self.translation_title)
        self.translation_view = QPlainTextEdit(self)
        self.translation_view.setReadOnly(True)
        self.translation_view.setFont(font)
        self.translation_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.translation_view.setToolTip(
            self.tr("What jacdesk computes with: the function as its own expressions")
        )
        self._fit_translation(1)
        self.notes_label = QLabel(self)
        self.notes_label.setWordWrap(True)
        _dim(self.notes_label)
        self.notes_label.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.hint)
        layout.addWidget(self.edit, 3)
        layout.addWidget(self.error_label)
        layout.addWidget(self.translation_title)
        layout.addWidget(self.translation_view, 1)
        layout.addWidget(self.notes_label)

    # ----------------------------------------------------------------------------- public API
    def set_source(self, source: str, function: str | None = None, announce: bool = True) -> None:
        """Show ``source`` (read for ``function``) and read it at once. With ``announce``
        False the translation is shown but ``translationReady`` is not emitted: the problem
        is already shown (a session opened with its own point, v and u)."""
        self._function = function
        self._translation = None
        self._loading = True
        try:
            self.edit.setPlainText(source)
        finally:
            self._loading = False
        self._timer.stop()
        self._show_function_start()
        self._read_now(announce)

    def _show_function_start(self) -> None:
        """Scroll to the first ``def`` (a script's header comments are not what matters)."""
        found = self.edit.document().find(function_start())
        if not found.isNull():
            cursor = QTextCursor(found)
            cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
            self.edit.setTextCursor(cursor)
            self.edit.centerCursor()

    def source(self) -> str:
        return self.edit.toPlainText()

    def function(self) -> str | None:
        """The function the source was read for (None: the reader's own choice)."""
        if self._translation is not None:
            return self._translation.function
        return self._function

    def translation(self) -> TorchTranslation | None:
        """The translation of the text shown now (None while it does not read)."""
        return self._translation

    def error_text(self) -> str:
        """What the error strip says ('' when there is no error)."""
        return self.error_label.text() if self.error_label.isVisibleTo(self) else ""

    def notes_text(self) -> str:
        return self.notes_label.text() if self.notes_label.isVisibleTo(self) else ""

    def show_problem(self, message: str) -> None:
        """A problem computing the translated problem (not in the source): shown in the strip,
        with nothing underlined; the next read or result clears it."""
        self.error_label.setText(message)
        self.error_label.show()

    def clear_problem(self) -> None:
        if self._translation is not None:
            self._clear_error()

    def read_now(self) -> None:
        """Read the text at once (instead of after the typing pause) and announce it."""
        self._timer.stop()
        self._read_now()

    def is_reading(self) -> bool:
        """Whether the text shown has neither a translation nor an error yet."""
        return self._done != self._generation

    def set_point(self, values: Mapping[str, Any]) -> None:
        """Values shown in the window: used for parameters the script gives no value."""
        self._known = {k: np.array(v, dtype=np.float64) for k, v in values.items()}

    def shutdown(self) -> None:
        self._timer.stop()
        self._pool.shutdown(wait=True, cancel_futures=True)

    # ----------------------------------------------------------------------------- reading
    def _on_edit_text_changed(self) -> None:
        if self._loading:
            return
        self._translation = None
        self._generation += 1
        if self._function is not None and not defines(self.source(), self._function):
            self._function = None  # a new script: let the reader choose its function
        self.sourceEdited.emit(self.source())
        self._timer.start()

    def _read_now(self, announce: bool = True) -> None:
        self._generation += 1
        generation, source, function = self._generation, self.source(), self._function
        known = dict(self._known)
        note = self.tr(NOTE_FROM_PANEL)
        if not announce:
            self._quiet = generation
        reads = self._reads

        def work() -> None:
            try:
                result = read_with_point(source, function, known, note)
            except JacdeskError as err:
                reads.finished.emit(generation, None, err)
            except RecursionError:  # the reader bounds nesting; this is its last resort
                err = JacdeskError("the script is nested too deeply; write it with fewer brackets")
                reads.finished.emit(generation, None, err)
            else:
                reads.finished.emit(generation, result, None)

        with contextlib.suppress(RuntimeError):  # shut down: the window is closing
            self._pool.submit(work)

    def _on_reads_finished(self, generation: int, translation, error) -> None:
        if generation != self._generation:
            return  # the text changed since: a newer read follows
        self._done = generation
        if error is not None:
            self._translation = None
            self._show_error(error)
            return
        self._show_translation(translation)
        if generation != self._quiet:
            self.translationReady.emit(translation)

    # ----------------------------------------------------------------------------- showing
    def _show_translation(self, translation: TorchTranslation) -> None:
        self._translation = translation
        self._function = translation.function
        self._clear_error()
        self.translation_view.setPlainText("\n".join(translation.expressions))
        self._fit_translation(len(translation.expressions))
        self.translation_title.show()
        self.translation_view.show()
        notes = list(translation.notes)
        self.notes_label.setText("\n".join(f"• {n}" for n in notes))
        self.notes_label.setVisible(bool(notes))

    def _show_error(self, error: JacdeskError) -> None:
        # What the window shows is the last script that read; this text has no translation.
        self.translation_view.clear()
        self.translation_title.hide()
        self.translation_view.hide()
        self.notes_label.hide()
        self.error_label.setText(str(error))
        self.error_label.show()
        line = getattr(error, "line", None) if isinstance(error, TorchSourceError) else None
        col = getattr(error, "col", None) if isinstance(error, TorchSourceError) else None
        self.edit.setExtraSelections(self._underline(line, col, str(error)))

    def _clear_error(self) -> None:
        self.error_label.clear()
        self.error_label.hide()
        self.edit.setExtraSelections([])

    def _underline(self, line: int | None, col: int | None, message: str) -> list:
        """A wavy underline on the word at ``line`` (1-based), ``col`` (0-based), or the line."""
        block = self.edit.document().findBlockByNumber((line or 0) - 1)
        if line is None or not block.isValid():
            return []
        text = block.text()
        if col is None or col >= len(text):
            start, end = len(text) - len(text.lstrip()), len(text)
        else:
            m = WORD.match(text, col)
            start, end = col, (m.end() if m else col + 1)
        if end <= start:
            start, end = max(start - 1, 0), max(start, 1)
        cursor = QTextCursor(self.edit.document())
        cursor.setPosition(block.position() + start)
        cursor.setPosition(block.position() + min(end, len(text)), QTextCursor.MoveMode.KeepAnchor)
        fmt = QTextCharFormat()
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(QColor(ERROR_RED))
        fmt.setBackground(QColor(211, 47, 47, 40))
        fmt.setToolTip(message)
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        selection.format = fmt
        return [selection]

    def _fit_translation(self, lines: int) -> None:
        """As tall as the translation (up to 3 lines; it scrolls beyond)."""
        spacing = self.translation_view.fontMetrics().lineSpacing()
        self.translation_view.setFixedHeight(min(max(lines, 1), 3) * spacing + 12)

    def error_range(self) -> tuple[int, int] | None:
        """(start, end) positions of the underline in the document, or None."""
        selections = self.edit.extraSelections()
        if not selections:
            return None
        c = selections[0].cursor
        return c.selectionStart(), c.selectionEnd()


def _dim(label: QLabel) -> None:
    palette = label.palette()
    palette.setColor(
        QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText)
    )
    label.setPalette(palette)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 0.9)
    label.setFont(font)
