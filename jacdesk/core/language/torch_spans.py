"""Syntax colours for PyTorch source, one line at a time, without Qt (the editor's PyTorch mode).

:func:`python_spans` gives ``(start, length, role)`` for the tokens of one line, with the
roles of the expression editor's highlighter (``num``, ``function``, ``constant``,
``variable``, ``op``, ``bracket``, ``comment``, ``bad``) plus ``keyword`` and ``string``.
Names the reader refuses by name (``eval``, ``open``, ``__import__``, dunders) are ``bad``.
"""

from __future__ import annotations

import keyword
import re

from .torch_subset import CONSTANTS, DTYPES, FUNCTIONS, MATH, METHODS, MODULES

_TOKEN = re.compile(
    r"(?P<comment>#.*)"
    r"|(?P<string>[rRbBuUfF]{0,2}(?:'''.*?'''|\"\"\".*?\"\"\"|'(?:\\.|[^'\\])*'|\"(?:\\.|[^\"\\])*\"))"
    r"|(?P<num>(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d+)?j?)"
    r"|(?P<name>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)"
    r"|(?P<bracket>[()\[\]{}])"
    r"|(?P<op>\*\*=?|//=?|[-+*/%@<>=!&|^~:,.;]=?|->)"
    r"|(?P<ws>\s+)"
)

#: Names that run or reach code: refused by the reader wherever they are used.
REFUSED_NAMES = frozenset(
    {
        "eval",
        "exec",
        "compile",
        "open",
        "__import__",
        "getattr",
        "setattr",
        "delattr",
        "globals",
        "locals",
        "vars",
        "input",
        "breakpoint",
    }
)

_ALIASES = {
    "F.": "torch.nn.functional.",
    "nn.functional.": "torch.nn.functional.",
    "nn.": "torch.nn.",
}
_KNOWN = frozenset(FUNCTIONS) | frozenset(MATH)
#: Modules whose use the reader always refuses (the rest of torch outside the subset too).
_FOREIGN = frozenset(
    {
        "os",
        "sys",
        "subprocess",
        "shutil",
        "pathlib",
        "socket",
        "builtins",
        "importlib",
        "pickle",
        "ctypes",
        "io",
        "numpy",
        "np",
    }
)


def _role(dotted: str, after_dot: bool = False) -> str:
    full = dotted
    for short, long in _ALIASES.items():
        if dotted.startswith(short):
            full = long + dotted[len(short) :]
    head, _, last = full.rpartition(".")
    if any(part.startswith("__") for part in full.split(".")) or full in REFUSED_NAMES:
        return "bad"
    if keyword.iskeyword(full) or full in ("True", "False", "None"):
        return "keyword"
    if full in _KNOWN:
        return "function"
    if full in CONSTANTS or (head == "torch" and last in DTYPES):
        return "constant"
    root = full.partition(".")[0]
    if (root == "torch" and full not in MODULES) or (head and root in _FOREIGN):
        return "bad"  # torch.load, os.system: refused by the reader
    if (head or after_dot) and last in METHODS:
        return "function"  # x.sum, (…).pow: a tensor method of the subset
    return "variable"


def python_spans(line: str) -> list[tuple[int, int, str]]:
    """``(0-based start, length, role)`` for each token of one line of Python source.

    A dotted name (``torch.nn.functional.relu``, ``x.sum``) is one span, coloured by what the
    reader makes of it; a character Python does not use (``$``, ``?``) is ``bad``.
    """
    out: list[tuple[int, int, str]] = []
    pos = 0
    while pos < len(line):
        m = _TOKEN.match(line, pos)
        if m is None or m.end() == pos:
            out.append((pos, 1, "bad"))
            pos += 1
            continue
        kind = m.lastgroup
        if kind != "ws":
            after_dot = (
                bool(out) and out[-1][2] == "op" and line[out[-1][0]] == "." and out[-1][1] == 1
            )
            role = _role(m.group(), after_dot) if kind == "name" else kind
            out.append((pos, m.end() - pos, role))
        pos = m.end()
    return out
