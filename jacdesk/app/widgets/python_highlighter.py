"""Syntax colours for the PyTorch editor: Python keywords, torch names, numbers, strings and
comments, found by patterns on one line at a time (the text is only looked at, never run)."""

from __future__ import annotations

import keyword
import re

from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
)

from .highlighter import is_dark

#: Colour per role, for a light and for a dark editor background.
PALETTES: dict[str, dict[str, str]] = {
    "light": {
        "keyword": "#7b2fa0",
        "torch": "#00695c",
        "builtin": "#a3530a",
        "num": "#0b5cad",
        "string": "#2e7d32",
        "comment": "#737373",
        "def": "#0b5cad",
    },
    "dark": {
        "keyword": "#d2a8ff",
        "torch": "#7ee0c6",
        "builtin": "#ffab70",
        "num": "#79b8ff",
        "string": "#a5d6a7",
        "comment": "#8b949e",
        "def": "#79b8ff",
    },
}

#: (role, pattern) in the order they are applied: later ones win where they overlap.
RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("keyword", re.compile(r"\b(?:" + "|".join(keyword.kwlist) + r")\b")),
    ("builtin", re.compile(r"\b(?:print|len|range|float|int|list|tuple|self|None)\b")),
    ("torch", re.compile(r"\b(?:torch|F|nn|math)(?:\.\w+)+")),
    ("num", re.compile(r"\b(?:\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)\b")),
    ("def", re.compile(r"(?<=\bdef )\w+")),
    (
        "string",
        re.compile(r"""[rRbBfFuU]{0,2}("[^"\\]*(?:\\.[^"\\]*)*"?|'[^'\\]*(?:\\.[^'\\]*)*'?)"""),
    ),
)
COMMENT = re.compile(r"#.*$")
#: Longer lines are left plain (colouring them would cost more than it helps).
MAX_COLOURED = 2000


def python_spans(line: str) -> list[tuple[int, int, str]]:
    """(start, length, role) for one line of Python; strings and comments hide what is inside."""
    if len(line) > MAX_COLOURED:
        return []
    marks: dict[int, str] = {}
    for role, pattern in RULES:
        for m in pattern.finditer(line):
            for i in range(m.start(), m.end()):
                marks[i] = role
    # A '#' outside a string starts a comment that hides the rest of the line.
    for m in COMMENT.finditer(line):
        if marks.get(m.start()) != "string":
            for i in range(m.start(), len(line)):
                marks[i] = "comment"
            break
    out: list[tuple[int, int, str]] = []
    for i in sorted(marks):
        role = marks[i]
        if out and out[-1][2] == role and out[-1][0] + out[-1][1] == i:
            start, length, _ = out[-1]
            out[-1] = (start, length + 1, role)
        else:
            out.append((i, 1, role))
    return out


class PythonHighlighter(QSyntaxHighlighter):
    """Colours a PyTorch script as an editor would; the reader's refusal is shown elsewhere."""

    def __init__(self, document: QTextDocument, dark: bool | None = None) -> None:
        super().__init__(document)
        self._formats: dict[str, QTextCharFormat] = {}
        self.set_dark(is_dark(QGuiApplication.palette()) if dark is None else dark)

    def set_dark(self, dark: bool) -> None:
        """Switch between the light- and the dark-background colours and re-colour."""
        self.dark = dark
        self._formats = {}
        for role, colour in PALETTES["dark" if dark else "light"].items():
            fmt = QTextCharFormat()
            fmt.setForeground(QColor(colour))
            if role in ("keyword", "def"):
                fmt.setFontWeight(QFont.Weight.DemiBold)
            elif role == "comment":
                fmt.setFontItalic(True)
            self._formats[role] = fmt
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        for start, length, role in python_spans(text):
            self.setFormat(start, length, self._formats[role])
