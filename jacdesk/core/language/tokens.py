"""Text → tokens, each with its 1-based column; any character outside the language is refused."""

from __future__ import annotations

import re
from dataclasses import dataclass

from jacdesk.core.errors import JacdeskError

MAX_TEXT = 10_000

_TOKEN = re.compile(
    r"(?P<ws>\s+)"
    r"|(?P<num>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)"
    r"|(?P<name>[A-Za-z_][A-Za-z0-9_]*)"
    r"|(?P<op>\*\*|[-+*/^@()\[\],.:])"
)


@dataclass(frozen=True)
class Token:
    kind: str  # num, name, op, end
    text: str
    col: int  # 1-based
    end: int  # 1-based column just after the token


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into tokens, refusing any character outside the language."""
    if len(text) > MAX_TEXT:
        raise JacdeskError(
            f"the expression is {len(text):,} characters long; the limit is {MAX_TEXT:,}", None
        )
    tokens: list[Token] = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:
            ch = text[pos]
            hint = {
                "'": "strings are not part of the language",
                '"': "strings are not part of the language",
                "=": "write only the right-hand side, e.g. x1**2 + 2*x2",
                "{": "use [ ] for vectors and matrices",
                "%": "there is no % operator",
            }.get(ch, "use numbers, names, + - * / ** ^ @ ( ) [ ] , and .T")
            raise JacdeskError(f"unexpected character {ch!r}: {hint}", pos + 1)
        kind = m.lastgroup
        if kind != "ws":
            tokens.append(Token(kind, m.group(), pos + 1, m.end() + 1))
        pos = m.end()
    tokens.append(Token("end", "", len(text) + 1, len(text) + 1))
    return tokens


def describe_token(t: Token) -> str:
    if t.kind == "end":
        return "the end of the expression"
    if t.kind == "num":
        return f"the number {t.text}"
    if t.kind == "name":
        return f"the name {t.text!r}"
    return repr(t.text)
