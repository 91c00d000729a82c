"""The LaTeX that jacdesk writes, read into a small tree for the fast typesetter.

jacdesk's formulas (the chains of :mod:`jacdesk.core.formats.latex_chain`, sympy's forms, the
editor's preview) use a small part of LaTeX: letters and numbers, sub- and superscripts,
fractions, square roots, matrices, stretched brackets, a few fonts and symbols. That part is
read here; anything else raises :class:`Unsupported`, and the formula goes the slow, complete
way (ziamath). The text is only read as LaTeX, never evaluated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Letters are drawn as Unicode's mathematical italic letters (ℎ has its own place).
_ITALIC = {chr(ord("a") + i): chr(0x1D44E + i) for i in range(26)}
_ITALIC.update({chr(ord("A") + i): chr(0x1D434 + i) for i in range(26)})
_ITALIC["h"] = "\u210e"
# In Unicode's order (mathematical italic α at U+1D6FC onwards): the order gives the code point.
_GREEK = [
    "alpha",
    "beta",
    "gamma",
    "delta",
    "epsilon",
    "zeta",
    "eta",
    "theta",
    "iota",
    "kappa",
    "lambda",
    "mu",
    "nu",
    "xi",
    "omicron",
    "pi",
    "rho",
    "varsigma",
    "sigma",
    "tau",
    "upsilon",
    "phi",
    "chi",
    "psi",
    "omega",
]
SYMBOLS = {name: chr(0x1D6FC + i) for i, name in enumerate(_GREEK)}
SYMBOLS.update(
    {
        "Gamma": "Γ",
        "Delta": "Δ",
        "Theta": "Θ",
        "Lambda": "Λ",
        "Xi": "Ξ",
        "Pi": "Π",
        "Sigma": "Σ",
        "Upsilon": "Υ",
        "Phi": "Φ",
        "Psi": "Ψ",
        "Omega": "Ω",
        "varepsilon": "\U0001d700",
        "vartheta": "\U0001d717",
        "varphi": "\U0001d711",
        "partial": "∂",
        "infty": "∞",
        "nabla": "∇",
        "top": "⊤",
        "ell": "ℓ",
        "ldots": "…",
        "cdots": "⋯",
        "vdots": "⋮",
        "ddots": "⋱",
        "dots": "…",
        "sum": "∑",
        "prod": "∏",
        "prime": "′",
    }
)
BINARY = {"cdot": "⋅", "times": "×", "otimes": "⊗", "pm": "±", "mp": "∓", "circ": "∘"}
RELATION = {
    "le": "≤",
    "leq": "≤",
    "ge": "≥",
    "geq": "≥",
    "neq": "≠",
    "ne": "≠",
    "approx": "≈",
    "to": "→",
    "rightarrow": "→",
    "mapsto": "↦",
    "in": "∈",
    "equiv": "≡",
    "sim": "∼",
}
FUNCTIONS = frozenset(
    [
        "sin",
        "cos",
        "tan",
        "cot",
        "sec",
        "csc",
        "sinh",
        "cosh",
        "tanh",
        "arcsin",
        "arccos",
        "arctan",
        "exp",
        "log",
        "ln",
        "det",
        "max",
        "min",
        "lim",
        "sgn",
    ]
)
SPACES = {",": 3 / 18, ":": 4 / 18, ";": 5 / 18, "!": -3 / 18, "quad": 1.0, "qquad": 2.0, " ": 0.25}
FONTS = frozenset(
    ["mathrm", "text", "textrm", "mathsf", "texttt", "mathbf", "mathit", "operatorname"]
)
MATRICES = {"bmatrix": "[]", "pmatrix": "()", "vmatrix": "||", "matrix": "", "Bmatrix": "{}"}
DELIMITERS = {
    "(": "(",
    ")": ")",
    "[": "[",
    "]": "]",
    "|": "|",
    ".": "",
    "\\{": "{",
    "\\}": "}",
    "\\|": "‖",
}
_TOKEN = re.compile(r"\\[A-Za-z]+|\\.|\s+|.", re.DOTALL)


class Unsupported(ValueError):
    """The formula uses LaTeX this reader does not know (it goes the complete way)."""


@dataclass(frozen=True)
class Atom:
    """Text in one font; ``kind`` is ord, bin, rel, punct, open or close (TeX's spacing)."""

    text: str
    kind: str = "ord"
    font: str = "math"


@dataclass(frozen=True)
class Space:
    em: float


@dataclass(frozen=True)
class Row:
    items: tuple


@dataclass(frozen=True)
class Scripts:
    base: object
    sub: Row | None
    sup: Row | None


@dataclass(frozen=True)
class Frac:
    num: Row
    den: Row


@dataclass(frozen=True)
class Sqrt:
    body: Row


@dataclass(frozen=True)
class Fenced:
    left: str
    right: str
    body: Row


@dataclass(frozen=True)
class Matrix:
    rows: tuple[tuple[Row, ...], ...]
    fence: str


class _Reader:
    def __init__(self, latex: str) -> None:
        self.tokens = [t for t in _TOKEN.findall(latex)]
        self.i = 0

    def peek(self) -> str | None:
        while self.i < len(self.tokens) and self.tokens[self.i].isspace():
            self.i += 1
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> str:
        token = self.peek()
        if token is None:
            raise Unsupported("the formula ends too early")
        self.i += 1
        return token

    def word(self) -> str:
        """The text of a ``{name}`` argument, read raw (environment names, font text)."""
        if self.take() != "{":
            raise Unsupported("a brace is missing")
        out = []
        while (token := self.tokens[self.i] if self.i < len(self.tokens) else None) != "}":
            if token is None or token == "{":
                raise Unsupported("nested braces in a name")
            out.append(token)
            self.i += 1
        self.i += 1
        return "".join(out)

    def row(self, stop: tuple[str, ...] = ()) -> Row:
        items: list = []
        while (token := self.peek()) is not None and token not in stop:
            if token in ("^", "_"):
                self.take()
                base = items.pop() if items else Atom("")
                sub, sup = (base.sub, base.sup) if isinstance(base, Scripts) else (None, None)
                base = base.base if isinstance(base, Scripts) else base
                arg = self.argument()
                sub, sup = (arg, sup) if token == "_" else (sub, arg)
                items.append(Scripts(base, sub, sup))
            elif token == "}":
                raise Unsupported("an unmatched }")
            else:
                items.extend(self.item())
        return Row(tuple(items))

    def argument(self) -> Row:
        if self.peek() == "{":
            self.take()
            body = self.row(("}",))
            self.take()
            return body
        return Row(tuple(self.item()))

    def item(self) -> list:
        token = self.take()
        if token == "{":
            body = self.row(("}",))
            self.take()
            return [body]
        if token[0] != "\\" or len(token) == 1:
            return [_char(token)]
        return self.command(token[1:])

    def command(self, name: str) -> list:
        if name in SPACES:
            return [Space(SPACES[name])]
        if name in SYMBOLS:
            kind = "op" if name in ("sum", "prod") else "ord"
            return [Atom(SYMBOLS[name], kind)]
        if name in BINARY:
            return [Atom(BINARY[name], "bin")]
        if name in RELATION:
            return [Atom(RELATION[name], "rel")]
        if name in FUNCTIONS:
            return [Atom(name, "op", "rm")]
        if name in ("{", "}", "|"):
            return [Atom({"{": "{", "}": "}", "|": "‖"}[name], "ord")]
        if name in FONTS:
            return [self.styled(name)]
        if name in ("frac", "dfrac", "tfrac"):
            return [Frac(self.argument(), self.argument())]
        if name == "sqrt":
            if self.peek() == "[":
                raise Unsupported("roots other than square roots")
            return [Sqrt(self.argument())]
        if name == "left":
            left = self.delimiter()
            body = self.row((r"\right",))
            self.take()
            return [Fenced(left, self.delimiter(), body)]
        if name == "begin":
            return [self.matrix(self.word())]
        raise Unsupported(f"\\{name}")

    def delimiter(self) -> str:
        token = self.take()
        if token not in DELIMITERS:
            raise Unsupported(f"the delimiter {token}")
        return DELIMITERS[token]

    def styled(self, name: str) -> Row:
        if name in ("text", "textrm", "texttt"):  # words with their spaces, as written
            raw = re.sub(r"\\([_{}&%$#])", r"\1", self.word())
            return Row((Atom(raw, "ord", "tt" if name == "texttt" else "rm"),))
        body = self.argument()
        out = []
        for item in body.items:
            if not isinstance(item, Atom):
                raise Unsupported("structure inside a font command")
            text = item.text if name == "mathit" else _upright(item.text)
            font = "rm"
            if name in _ALPHABETS:  # sans-serif and bold letters have code points of their own
                capital, small = _ALPHABETS[name]
                text = "".join(_shift(c, capital, small) for c in text)
                font = "math"
            out.append(Atom(text, "op" if name == "operatorname" else item.kind, font))
        if name in ("operatorname", "mathrm") and out:  # one word, not letters spaced apart
            out = [
                Atom("".join(a.text for a in out), out[0].kind if name == "mathrm" else "op", "rm")
            ]
        return Row(tuple(out))

    def matrix(self, env: str) -> Matrix:
        if env not in MATRICES:
            raise Unsupported(f"the environment {env}")
        rows, cells = [], []
        while True:
            cells.append(self.row(("&", r"\\", r"\end")))
            token = self.take()
            if token == r"\\":
                rows.append(tuple(cells))
                cells = []
            elif token == r"\end":
                if self.word() != env:
                    raise Unsupported("an environment that ends with another name")
                rows.append(tuple(cells))
                return Matrix(tuple(rows), MATRICES[env])


_ALPHABETS = {"mathsf": (0x1D5A0, 0x1D5BA), "mathbf": (0x1D400, 0x1D41A)}


def _shift(c: str, capital: int, small: int) -> str:
    if "A" <= c <= "Z":
        return chr(capital + ord(c) - ord("A"))
    if "a" <= c <= "z":
        return chr(small + ord(c) - ord("a"))
    return c


def _upright(text: str) -> str:
    back = {v: k for k, v in _ITALIC.items()}
    return "".join(back.get(c, c) for c in text)


def _char(c: str) -> Atom:
    if c in _ITALIC:
        return Atom(_ITALIC[c])
    if c in "+*":
        return Atom(c.replace("*", "∗"), "bin")
    if c == "-":
        return Atom("−", "bin")
    if c in "=<>":
        return Atom(c, "rel")
    if c in ",;":
        return Atom(c, "punct")
    if c in "([":
        return Atom(c, "open")
    if c in ")]":
        return Atom(c, "close")
    if c in "&#%$~":
        raise Unsupported(f"the character {c}")
    return Atom("′" if c == "'" else c)


def parse(latex: str) -> list[Row]:
    """The lines of ``latex`` (split at top-level ``\\\\``) as trees; raises
    :class:`Unsupported` for LaTeX outside jacdesk's part."""
    reader = _Reader(latex)
    lines = [reader.row((r"\\",))]
    while reader.peek() == r"\\":
        reader.take()
        lines.append(reader.row((r"\\",)))
    return lines
