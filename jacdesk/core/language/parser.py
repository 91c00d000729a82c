"""Text → expression tree, by a hand-written grammar (never ``eval``/``sympify``).

Grammar (lowest precedence first)::

    expr     := term (('+' | '-') term)*
    term     := unary (('*' | '/' | '@') unary | <number directly followed by name or '('>)*
    unary    := ('-' | '+') unary | power
    power    := postfix (('**' | '^') unary)?          # right-associative, -x**2 = -(x**2)
    postfix  := atom ('[' index (',' index)* ']' | '.T')*
    atom     := NUMBER | NAME | NAME '(' args ')' | '(' expr ')' | '[' expr (',' expr)* ']'

Anything else is refused with a :class:`JacdeskError` naming the column. Input size, node count,
nesting depth and constant powers are bounded so that hostile text costs bounded time.
"""

from __future__ import annotations

import math
import re

from jacdesk.core.errors import JacdeskError

from .functions import CONSTANTS, FUNCTIONS, suggest
from .nodes import BinOp, Call, Index, ListLit, Name, Neg, Node, Num, Slice, Transpose, fold
from .tokens import MAX_TEXT, Token, describe_token, tokenize

__all__ = ["MAX_DEPTH", "MAX_NODES", "MAX_TEXT", "parse", "tokenize"]

MAX_NODES = 20_000
MAX_DEPTH = 100
MAX_CONST_MAGNITUDE = 1e300


class _Parser:
    def __init__(self, text: str):
        self.tokens = tokenize(text)
        self.i = 0
        self.depth = 0
        self.count = 0
        self.consts: dict[int, float] = {}  # id(node) → its value when it has no names

    # -- helpers -------------------------------------------------------------------------
    @property
    def tok(self) -> Token:
        return self.tokens[self.i]

    def advance(self) -> Token:
        t = self.tokens[self.i]
        self.i += 1
        return t

    def at(self, *texts: str) -> bool:
        return self.tok.kind == "op" and self.tok.text in texts

    def expect(self, text: str, context: str) -> Token:
        if not self.at(text):
            raise JacdeskError(
                f"expected {text!r} {context}, found {describe_token(self.tok)}", self.tok.col
            )
        return self.advance()

    def node(self, node: Node, value: float | None = None) -> Node:
        self.count += 1
        if self.count > MAX_NODES:
            raise JacdeskError(
                f"the expression has more than {MAX_NODES:,} parts; split it up", node.col
            )
        if value is not None:
            if not math.isfinite(value) or abs(value) > MAX_CONST_MAGNITUDE:
                raise JacdeskError(
                    "this constant is too large to compute; use smaller numbers", node.col
                )
            self.consts[id(node)] = value
        return node

    def enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise JacdeskError(
                f"the expression nests deeper than {MAX_DEPTH} levels; simplify it", self.tok.col
            )

    def const(self, node: Node) -> float | None:
        return self.consts.get(id(node))

    # -- grammar -------------------------------------------------------------------------
    def parse(self) -> Node:
        if self.tok.kind == "end":
            raise JacdeskError("the expression is empty; type a formula such as x1**2 + 2*x2", 1)
        node = self.expr()
        if self.tok.kind != "end":
            t = self.tok
            if t.kind in ("num", "name") or t.text in ("(", "["):
                raise JacdeskError(
                    f"missing operator before {describe_token(t)}; did you mean '*'?", t.col
                )
            raise JacdeskError(f"unexpected {describe_token(t)}", t.col)
        return node

    def expr(self) -> Node:
        self.enter()
        left = self.term()
        while self.at("+", "-"):
            op = self.advance()
            right = self.term()
            left = self._binop(op.text, left, right, op.col)
        self.depth -= 1
        return left

    def term(self) -> Node:
        left = self.unary()
        while True:
            if self.at("*", "/", "@"):
                op = self.advance()
                right = self.unary()
                left = self._binop(op.text, left, right, op.col)
            elif self._implicit_product():
                col = self.tok.col
                right = self.unary()
                left = self._binop("*", left, right, col)
            else:
                return left

    def _implicit_product(self) -> bool:
        # Only a number written directly against a name or '(' (3x1, 2(x+1)): anything looser
        # would turn typos like "x y" into silent products.
        prev = self.tokens[self.i - 1]
        t = self.tok
        return prev.kind == "num" and t.col == prev.end and (t.kind == "name" or self.at("("))

    def unary(self) -> Node:
        if self.at("-", "+"):
            op = self.advance()
            self.enter()
            operand = self.unary()
            self.depth -= 1
            if op.text == "+":
                return operand
            c = self.const(operand)
            return self.node(Neg(op.col, operand), None if c is None else -c)
        return self.power()

    def power(self) -> Node:
        base = self.postfix()
        if self.at("**", "^"):
            op = self.advance()
            self.enter()
            exponent = self.unary()
            self.depth -= 1
            return self._binop("**", base, exponent, op.col)
        return base

    def postfix(self) -> Node:
        node = self.atom()
        while True:
            if self.at("["):
                node = self._index(node)
            elif self.at("."):
                dot = self.advance()
                if self.tok.kind == "name" and self.tok.text == "T" and self.tok.col == dot.end:
                    self.advance()
                    node = self.node(Transpose(dot.col, node), self.const(node))
                else:
                    raise JacdeskError("only .T (transpose) may follow a dot", dot.col)
            else:
                return node

    def _index(self, base: Node) -> Node:
        open_ = self.advance()
        items: list[int | Slice] = []
        while True:
            if self.at(":") or self._at_int():
                start = self._int() if self._at_int() else None
                if self.at(":"):
                    self.advance()
                    stop = self._int() if self._at_int() else None
                    items.append(Slice(start, stop))
                else:
                    items.append(start)
            else:
                raise JacdeskError(
                    f"indices must be whole numbers like x[0] or X[1, 0], found {describe_token(self.tok)}",
                    self.tok.col,
                )
            if self.at(","):
                self.advance()
                continue
            self.expect("]", "to close the index")
            break
        if len(items) > 2:
            raise JacdeskError("at most two indices: X[i, j]", open_.col)
        return self.node(Index(open_.col, base, tuple(items)))

    def _at_int(self) -> bool:
        t = self.tok
        if t.kind == "num":
            return True
        return self.at("-") and self.tokens[self.i + 1].kind == "num"  # '-' is never the end token

    def _int(self) -> int:
        sign = -1 if self.at("-") else 1
        if sign < 0:
            self.advance()
        t = self.advance()
        if not re.fullmatch(r"\d{1,9}", t.text):
            raise JacdeskError(f"an index must be a whole number, not {t.text}", t.col)
        return sign * int(t.text)

    def atom(self) -> Node:
        t = self.tok
        if t.kind == "num":
            self.advance()
            return self.node(Num(t.col, float(t.text), t.text), float(t.text))
        if t.kind == "name":
            self.advance()
            if t.text.startswith("__"):
                raise JacdeskError(f"names may not start with '__' ({t.text})", t.col)
            if (self.at("(") and self.tok.col == t.end) or (self.at("(") and t.text in FUNCTIONS):
                return self._call(t)
            if t.text in CONSTANTS:
                return self.node(Name(t.col, t.text), CONSTANTS[t.text])
            return self.node(Name(t.col, t.text))
        if self.at("("):
            self.advance()
            inner = self.expr()
            self.expect(")", f"to close the parenthesis opened at column {t.col}")
            return inner
        if self.at("["):
            return self._list()
        if t.kind == "end":
            raise JacdeskError(
                "the expression ends too early; something is missing at the end", t.col
            )
        if t.text in (")", "]"):
            raise JacdeskError(f"unexpected {t.text!r}: something is missing before it", t.col)
        raise JacdeskError(
            f"unexpected {t.text!r}: a number, name or '(' is missing before it", t.col
        )

    def _call(self, name: Token) -> Node:
        self.advance()  # (
        self.enter()
        args: list[Node] = []
        if not self.at(")"):
            args.append(self.expr())
            while self.at(","):
                self.advance()
                args.append(self.expr())
        self.expect(")", f"to close {name.text}(")
        self.depth -= 1
        sig = FUNCTIONS.get(name.text)
        if sig is None:
            hint = suggest(name.text, FUNCTIONS)
            if hint:
                raise JacdeskError(
                    f"unknown function {name.text!r}; did you mean {hint}?", name.col
                )
            raise JacdeskError(
                f"{name.text!r} is not a function; to multiply, write {name.text}*(...)", name.col
            )
        if not sig.min_args <= len(args) <= sig.max_args:
            want = (
                sig.min_args
                if sig.min_args == sig.max_args
                else f"{sig.min_args} or {sig.max_args}"
            )
            plural = "" if want == 1 else "s"
            raise JacdeskError(
                f"{name.text} takes {want} argument{plural} ({sig.usage}), got {len(args)}",
                name.col,
            )
        return self.node(Call(name.col, name.text, tuple(args)))

    def _list(self) -> Node:
        open_ = self.advance()
        self.enter()
        if self.at("]"):
            raise JacdeskError("an empty list [] has no value; write [a, b, ...]", open_.col)
        items = [self.expr()]
        while self.at(","):
            self.advance()
            if self.at("]"):
                break  # trailing comma, as in JSON-ish lists people paste
            items.append(self.expr())
        self.expect("]", f"to close the list opened at column {open_.col}")
        self.depth -= 1
        return self.node(ListLit(open_.col, tuple(items)))

    def _binop(self, op: str, left: Node, right: Node, col: int) -> Node:
        a, b = self.const(left), self.const(right)
        value = None
        if a is not None and b is not None:
            value = _fold(op, a, b, col)
        return self.node(BinOp(col, op, left, right), value)


def _fold(op: str, a: float, b: float, col: int) -> float | None:
    """Value of a constant sub-expression, refusing those too large to compute."""
    if op == "**" and a != 0 and abs(b) * math.log10(abs(a)) > 300:
        raise JacdeskError("this power is too large to compute; use smaller numbers", col)
    return fold(op, a, b)


def parse(text: str, source: str | None = None) -> Node:
    """Parse one expression.

    Parameters
    ----------
    text
        What the user typed, e.g. ``"x1**2 + 2*x2"``.
    source
        A label for error messages (``"f2"``, ``"line 2"``).

    Returns
    -------
    Node
        The root of the expression tree.

    Raises
    ------
    JacdeskError
        With the column of the first problem found.
    """
    if not isinstance(text, str):
        raise JacdeskError("an expression must be text", None, source)
    try:
        return _Parser(text).parse()
    except JacdeskError as err:
        raise err.located(source) if source else err from None
    except RecursionError:
        raise JacdeskError("the expression nests too deeply; simplify it", None, source) from None
