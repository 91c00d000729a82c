"""jacdesk expressions and names as LaTeX, for typesetting what was typed.

``x1**2 + 2*x2`` reads :math:`x_{1}^{2} + 2 x_{2}`. The text is parsed by jacdesk's own parser
(never evaluated) and printed with the usual precedence, so brackets appear only where they
are needed; a line that does not parse has no LaTeX (``None``).
"""

from __future__ import annotations

import re

from jacdesk.core.errors import JacdeskError
from jacdesk.core.language import nodes as nd
from jacdesk.core.language.parser import parse

__all__ = ["expression_latex", "name_latex"]

GREEK = frozenset(
    [
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
        "pi",
        "rho",
        "sigma",
        "tau",
        "upsilon",
        "phi",
        "chi",
        "psi",
        "omega",
        "Gamma",
        "Delta",
        "Theta",
        "Lambda",
        "Xi",
        "Pi",
        "Sigma",
        "Upsilon",
        "Phi",
        "Psi",
        "Omega",
    ]
)
#: Functions with a LaTeX operator of their own; the rest are written upright.
OPERATORS = frozenset(["sin", "cos", "tan", "sinh", "cosh", "tanh", "exp", "log", "det"])
_INDEXED = re.compile(r"(?P<base>[^\[]+)\[(?P<idx>[0-9, ]+)\]\Z")
_NUMBERED = re.compile(r"(?P<base>[A-Za-z]+)(?P<idx>[0-9]+)\Z")
_ESCAPE = str.maketrans({"_": r"\_", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%"})

# Binding strength: a sub-expression weaker than its place needs brackets.
_ADD, _MUL, _NEG, _POW, _ATOM = 1, 2, 3, 4, 5


def name_latex(label: str) -> str:
    """A variable, constant or output label as LaTeX: ``x1`` → ``x_{1}``, ``x[0]`` →
    ``x_{0}``, ``X[1,2]`` → ``X_{1,2}``, ``theta`` → ``\\theta``, ``x_b`` → ``x_{b}``."""
    m = _INDEXED.match(label) or _NUMBERED.match(label)
    if m is not None:
        return f"{_base(m['base'])}_{{{m['idx'].replace(' ', '')}}}"
    return _base(label)


def _base(name: str) -> str:
    if name in GREEK:
        return "\\" + name
    head, sep, tail = name.partition("_")
    if sep and head and tail and "_" not in tail:
        return f"{_base(head)}_{{{_base(tail)}}}"
    if len(name) == 1:
        return name
    return r"\mathrm{" + name.translate(_ESCAPE) + "}"


def expression_latex(text: str) -> str | None:
    """One expression line as LaTeX, or ``None`` when it does not parse."""
    try:
        tree = parse(text)
    except (JacdeskError, RecursionError):
        return None
    try:
        return _latex(tree)[0]
    except RecursionError:  # pragma: no cover - the parser bounds nesting first
        return None


def _wrap(part: tuple[str, int], need: int) -> str:
    text, strength = part
    return text if strength >= need else rf"\left({text}\right)"


def _latex(node: nd.Node) -> tuple[str, int]:
    """(LaTeX, binding strength) of ``node``."""
    if isinstance(node, nd.Num):
        text = node.text
        if "e" in text.lower():
            mantissa, _, power = text.lower().partition("e")
            return rf"{mantissa} \cdot 10^{{{int(power)}}}", _MUL
        return text, _ATOM
    if isinstance(node, nd.Name):
        return name_latex(node.id), _ATOM
    if isinstance(node, nd.Neg):
        return "-" + _wrap(_latex(node.operand), _MUL), _NEG
    if isinstance(node, nd.Transpose):
        return _wrap(_latex(node.operand), _ATOM) + r"^{\mathsf{T}}", _POW
    if isinstance(node, nd.Index):
        items = ", ".join(_item(i) for i in node.items)
        return _wrap(_latex(node.base), _ATOM) + f"_{{{items}}}", _ATOM
    if isinstance(node, nd.ListLit):
        rows = [_latex(i)[0] for i in node.items]
        return r"\begin{bmatrix}" + r" \\ ".join(rows) + r"\end{bmatrix}", _ATOM
    if isinstance(node, nd.Call):
        return _call(node)
    if isinstance(node, nd.BinOp):
        return _binop(node)
    raise JacdeskError(f"cannot typeset {type(node).__name__}")  # pragma: no cover


def _item(item: int | nd.Slice) -> str:
    if isinstance(item, nd.Slice):
        start = "" if item.start is None else str(item.start)
        stop = "" if item.stop is None else str(item.stop)
        return f"{start}:{stop}"
    return str(item)


def _binop(node: nd.BinOp) -> tuple[str, int]:
    left, right = _latex(node.left), _latex(node.right)
    op = node.op
    if op in ("+", "-"):
        r = _wrap(right, _MUL) if op == "-" else _wrap(right, _ADD)
        if r.startswith("-"):  # x - -y reads x - (-y)
            r = rf"\left({r}\right)"
        return f"{_wrap(left, _ADD)} {op} {r}", _ADD
    if op == "/":
        return rf"\frac{{{left[0]}}}{{{right[0]}}}", _MUL
    if op == "**":
        return f"{_wrap(left, _ATOM)}^{{{right[0]}}}", _POW
    a, b = _wrap(left, _MUL), _wrap(right, _POW)
    if op == "@":
        return f"{a} {b}", _MUL
    # A number times a name reads 2 x; two numbers (or a number after a name) need a dot.
    dot = isinstance(node.right, nd.Num) or (isinstance(node.right, nd.Neg) or b[:1].isdigit())
    return (f"{a} \\cdot {b}" if dot else f"{a} {b}"), _MUL


def _call(node: nd.Call) -> tuple[str, int]:
    args = [_latex(a) for a in node.args]
    f = node.func
    if f == "sqrt" and len(args) == 1:
        return rf"\sqrt{{{args[0][0]}}}", _ATOM
    if f == "abs" and len(args) == 1:
        return rf"\left|{args[0][0]}\right|", _ATOM
    if f == "norm" and len(args) == 1:
        return rf"\left\|{args[0][0]}\right\|", _ATOM
    if f == "inv" and len(args) == 1:
        return _wrap(args[0], _ATOM) + "^{-1}", _POW
    if f == "trace":
        head = r"\operatorname{tr}"
    elif f in OPERATORS:
        head = "\\" + f
    else:
        head = r"\operatorname{" + f + "}"
    inner = ", ".join(a[0] for a in args)
    return rf"{head}\left({inner}\right)", _ATOM
