"""Syntax colours for the expression editor, from jacdesk's own tokenizer (one line at a time)."""

from __future__ import annotations

from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QPalette,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
)

from jacdesk.core.errors import JacdeskError
from jacdesk.core.language.functions import CONSTANTS, FUNCTIONS
from jacdesk.core.language.tokens import Token, tokenize

#: Colour per role, for a light and for a dark editor background (both readable, AA contrast).
PALETTES: dict[str, dict[str, str]] = {
    "light": {
        "num": "#0b5cad",
        "function": "#7b2fa0",
        "constant": "#a3530a",
        "variable": "#00695c",
        "op": "#4a4a4a",
        "bracket": "#4a4a4a",
        "comment": "#737373",
        "bad": "#c62828",
    },
    "dark": {
        "num": "#79b8ff",
        "function": "#d2a8ff",
        "constant": "#ffab70",
        "variable": "#7ee0c6",
        "op": "#c9c9c9",
        "bracket": "#e0e0e0",
        "comment": "#8b949e",
        "bad": "#ff7b72",
    },
}

BRACKETS = frozenset("()[]")


def is_dark(palette: QPalette) -> bool:
    """Whether text is drawn on a dark background in ``palette``."""
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


class ExpressionHighlighter(QSyntaxHighlighter):
    """Colours numbers, functions, constants, variables, operators, brackets and ``#`` comments.

    A character the language does not know is underlined in red and the rest of the line is
    still coloured; the parse error itself is shown by the editor, not here.
    """

    def __init__(self, document: QTextDocument, dark: bool | None = None) -> None:
        super().__init__(document)
        self._formats: dict[str, QTextCharFormat] = {}
        self.set_dark(is_dark(QGuiApplication.palette()) if dark is None else dark)

    def set_dark(self, dark: bool) -> None:
        """Switch between the light- and the dark-background colours and re-colour."""
        self.dark = dark
        colours = PALETTES["dark" if dark else "light"]
        self._formats = {}
        for role, colour in colours.items():
            fmt = QTextCharFormat()
            fmt.setForeground(QColor(colour))
            if role == "function":
                fmt.setFontWeight(QFont.Weight.DemiBold)
            elif role in ("constant", "comment"):
                fmt.setFontItalic(True)
            elif role == "bracket":
                fmt.setFontWeight(QFont.Weight.Bold)
            elif role == "bad":
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
                fmt.setUnderlineColor(QColor(colour))
            self._formats[role] = fmt
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        code, hash_pos = text, text.find("#")
        if hash_pos >= 0:
            code = text[:hash_pos]
            self.setFormat(hash_pos, len(text) - hash_pos, self._formats["comment"])
        for start, length, role in spans(code):
            self.setFormat(start, length, self._formats[role])


def spans(code: str) -> list[tuple[int, int, str]]:
    """(0-based start, length, role) for each token of one line of code, bad characters included.

    Tokenizing stops at a character outside the language; the part before it is coloured, the
    character is marked ``"bad"``, and tokenizing resumes after it.
    """
    out: list[tuple[int, int, str]] = []
    offset = 0
    while offset < len(code):
        rest = code[offset:]
        try:
            tokens = tokenize(rest)
            bad = None
        except JacdeskError as err:
            if err.column is None:  # the whole line is too long: leave it plain
                return out
            bad = offset + err.column - 1
            tokens = tokenize(rest[: err.column - 1])
        previous: Token | None = None
        for tok in tokens:
            if tok.kind != "end":
                out.append((offset + tok.col - 1, tok.end - tok.col, _role(tok, previous)))
            previous = tok
        if bad is None:
            break
        out.append((bad, 1, "bad"))
        offset = bad + 1
    return out


def _role(tok: Token, previous: Token | None) -> str:
    if tok.kind == "num":
        return "num"
    if tok.kind == "op":
        return "bracket" if tok.text in BRACKETS else "op"
    if (
        tok.text == "T"
        and previous is not None
        and previous.text == "."
        and previous.end == tok.col
    ):
        return "op"  # the transpose in X.T
    if tok.text in FUNCTIONS:
        return "function"
    if tok.text in CONSTANTS:
        return "constant"
    return "variable"
