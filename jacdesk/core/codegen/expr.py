"""Expression tree → readable PyTorch source text, with the semantics of :mod:`torch_eval`.

Only source *text* is produced here; nothing is run. Every sub-expression is rendered with its
precedence and its kind: ``tensor``, ``num`` (a Python number such as ``2`` or ``math.pi / 4``)
or ``numlist`` (a nested list of numbers, ``[1.0, 2.0]``). Numbers stay Python numbers next to
tensors (``2 * x``) and become ``torch.tensor(..., dtype=torch.float64)`` where torch needs a
tensor (``torch.sin``, ``torch.stack``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from jacdesk.core.language.functions import ELEMENTWISE_1
from jacdesk.core.language.nodes import (
    BinOp,
    Call,
    Index,
    ListLit,
    Name,
    Neg,
    Node,
    Num,
    Slice,
    Transpose,
    fold,
    postorder,
)
from jacdesk.core.language.shapes import Shape

# Python precedence levels, lowest first (our grammar has the same structure as Python's).
ADD, MUL, UNARY, POW, ATOM = 1, 2, 3, 4, 5

F64 = "dtype=torch.float64"
INLINE_DEPTH = 200  # deeper sub-expressions get a name of their own in f

_UNARY = {
    f: "torch.nn.functional.softplus" if f == "softplus" else f"torch.{f}" for f in ELEMENTWISE_1
}
_SIMPLE_CALLS = {
    "sum": "torch.sum",
    "mean": "torch.mean",
    "trace": "torch.trace",
    "logdet": "torch.logdet",
    "inv": "torch.linalg.inv",
    "dot": "torch.dot",
    "outer": "torch.outer",
    "diag": "torch.diag",
    "atan2": "torch.atan2",
}
_BUILTIN_CONSTANTS = {"pi": ("math.pi", math.pi), "e": ("math.e", math.e)}


@dataclass(frozen=True)
class Src:
    """Rendered source of one sub-expression.

    ``ftext`` is the same number written with float literals (``2.0``), for arithmetic whose
    whole-number result would outgrow float64 if Python kept it exact.
    """

    text: str
    prec: int
    kind: str = "tensor"  # tensor | num | numlist
    value: float | None = None  # a num's value, known at generation time
    simple: bool = False  # black hugs '**' around names, literals and attributes
    ftext: str = ""


class ExprWriter:
    """Translate parsed expressions into torch source.

    Parameters
    ----------
    shapes
        Shapes of the nodes (``shapes.infer``), keyed by ``id(node)``.
    names
        User variable/constant name → its name in the script.
    """

    def __init__(self, shapes: Mapping[int, Shape], names: Mapping[str, str]):
        self.shapes = shapes
        self.names = names
        self.uses_math = False
        self.det_sizes: set[int] = set()  # det helpers the script must define
        self.parts: list[str] = []  # assignments f makes before returning (deep expressions)

    def write(self, root: Node) -> str:
        """Source of ``root`` as a tensor expression."""
        return self.tensor(self.render(root))

    def render(self, root: Node) -> Src:
        """Source of ``root``, of any kind. Post-order without recursion: chains such as
        ``x + x + … + x`` can be thousands of nodes deep."""
        out: dict[int, Src] = {}
        depth: dict[int, int] = {}
        for node, kids in postorder(root):
            src = self._node(node, [out[id(k)] for k in kids])
            d = 1 + max((depth[id(k)] for k in kids), default=0)
            if d > INLINE_DEPTH:
                # Python's compiler recurses once per nested operation and gives up near
                # 3,000: long sums become named parts, assigned before the return.
                name = self._part_name()
                self.parts.append(f"{name} = {src.text}")
                src, d = Src(name, ATOM, src.kind, src.value, True, name), 1
            out[id(node)], depth[id(node)] = src, d
        return out[id(root)]

    def _part_name(self) -> str:
        taken = set(self.names.values()) | {p.partition(" = ")[0] for p in self.parts}
        k = len(self.parts) + 1
        while f"part{k}" in taken:
            k += 1
        return f"part{k}"

    # -- helpers ----------------------------------------------------------------------------
    def tensor(self, s: Src) -> str:
        """Text of ``s`` as a tensor: Python numbers and lists are wrapped in torch.tensor."""
        if s.kind == "tensor":
            return s.text
        return f"torch.tensor({s.text}, {F64})"

    def _as_tensor(self, s: Src) -> Src:
        return s if s.kind == "tensor" else Src(self.tensor(s), ATOM)

    @staticmethod
    def _p(s: Src, least: int) -> str:
        return s.text if s.prec >= least else f"({s.text})"

    @staticmethod
    def _pf(s: Src, least: int) -> str:
        return s.ftext if s.prec >= least else f"({s.ftext})"

    def _node(self, node: Node, kids: list[Src]) -> Src:
        if isinstance(node, Num):
            return _number(node)
        if isinstance(node, Name):
            if node.id in self.names:
                name = self.names[node.id]
                return Src(name, ATOM, simple=True, ftext=name)
            text, value = _BUILTIN_CONSTANTS[node.id]
            self.uses_math = True
            return Src(text, ATOM, "num", value, True, text)
        if isinstance(node, Neg):
            return self._neg(kids[0])
        if isinstance(node, BinOp):
            return self._binop(node.op, *kids)
        if isinstance(node, Transpose):
            if len(self.shapes[id(node)]) == 2:
                a = self._as_tensor(kids[0])
                return Src(f"{self._p(a, ATOM)}.T", ATOM)
            return kids[0]  # torch_eval: .T of a scalar or vector is itself (x.T warns in torch)
        if isinstance(node, Index):
            base = self._as_tensor(kids[0])
            return Src(f"{self._p(base, ATOM)}[{', '.join(map(_item, node.items))}]", ATOM)
        if isinstance(node, ListLit):
            return self._list(kids)
        assert isinstance(node, Call)
        return self._call(node, kids)

    def _neg(self, a: Src) -> Src:
        if a.kind == "numlist":
            a = self._as_tensor(a)
        # -(-x) rather than --x, which is legal Python but reads like a typo.
        text = f"-{self._p(a, POW)}"
        if a.kind == "num":
            return Src(text, UNARY, "num", -a.value, a.simple, f"-{self._pf(a, POW)}")
        return Src(text, UNARY, simple=a.simple)

    def _binop(self, op: str, a: Src, b: Src) -> Src:
        if a.kind == "num" and b.kind == "num":
            value = fold(op, a.value, b.value)
            if value is not None:
                return self._join(op, a, b, "num", value)
            a = self._as_tensor(a)  # 1/0, 0**-1, (-8)**(1/3): torch gives inf or nan, Python raises
        if a.kind == "numlist":
            a = self._as_tensor(a)
        if b.kind == "numlist":
            b = self._as_tensor(b)
        return self._join(op, a, b, "tensor", None)

    def _join(self, op: str, a: Src, b: Src, kind: str, value: float | None) -> Src:
        if op in "+-":
            prec, left, right = ADD, ADD, MUL
        elif op == "**":
            prec, left, right = POW, ATOM, UNARY
        else:
            prec, left, right = MUL, MUL, UNARY
        hug = op == "**" and a.simple and b.simple and a.prec >= left
        sep = op if hug else f" {op} "
        text = f"{self._p(a, left)}{sep}{self._p(b, right)}"
        ftext = f"{self._pf(a, left)}{sep}{self._pf(b, right)}" if kind == "num" else text
        if kind == "num" and math.isfinite(value) and value.is_integer() and abs(value) >= 2**53:
            # Python's whole numbers would stay exact and outgrow float64 (and torch's int64):
            # float literals compute what torch computes.
            text = ftext
        return Src(text, prec, kind, value, False, ftext)

    def _list(self, kids: list[Src]) -> Src:
        if all(k.kind in ("num", "numlist") for k in kids) and len({k.kind for k in kids}) == 1:
            text = f"[{', '.join(k.text for k in kids)}]"
            return Src(text, ATOM, "numlist", ftext=f"[{', '.join(k.ftext for k in kids)}]")
        items = ", ".join(self.tensor(k) for k in kids)
        return Src(f"torch.stack([{items}])", ATOM)

    def _call(self, node: Call, kids: list[Src]) -> Src:
        f = node.func
        arg_shape = self.shapes[id(node.args[0])]
        args = [self.tensor(k) for k in kids]
        if f in _UNARY:
            return Src(f"{_UNARY[f]}({args[0]})", ATOM)
        if f in ("min", "max"):
            if len(args) == 2:
                return Src(f"torch.{f}imum({args[0]}, {args[1]})", ATOM)
            return Src(f"torch.{f}({args[0]})", ATOM)  # one argument: over all entries
        if f in _SIMPLE_CALLS:
            return Src(f"{_SIMPLE_CALLS[f]}({', '.join(args)})", ATOM)
        if f == "norm":
            if not arg_shape:
                return Src(f"torch.abs({args[0]})", ATOM)  # torch_eval: |x| for a scalar
            # Frobenius for a matrix: with no ord, torch.linalg.norm flattens its argument.
            return Src(f"torch.linalg.norm({args[0]})", ATOM)
        if f == "logsumexp":
            if not arg_shape:
                return kids[0]  # log(exp(x)) is x itself, as torch_eval returns it
            dims = "0" if len(arg_shape) == 1 else "(0, 1)"
            return Src(f"torch.logsumexp({args[0]}, dim={dims})", ATOM)
        if f == "softmax":
            return Src(f"torch.softmax({args[0]}, dim=-1)", ATOM)  # a matrix: row by row
        if f == "det":
            k = arg_shape[0]
            if k == 1:
                a = self._as_tensor(kids[0])
                return Src(f"{self._p(a, ATOM)}[0, 0]", ATOM)
            if k <= 3:
                self.det_sizes.add(k)
                return Src(f"det{k}({args[0]})", ATOM)
            return Src(f"torch.linalg.det({args[0]})", ATOM)
        raise AssertionError(f"no torch source rule for {f}")  # functions.py grew a name


def _number(node: Num) -> Src:
    value = node.value
    # Small whole numbers as typed (2, not 2.0), minus leading zeros (a Python syntax error).
    text = str(int(node.text)) if node.text.isdigit() and len(node.text) <= 15 else repr(value)
    return Src(text, ATOM, "num", value, True, repr(value))


def _item(item: int | Slice) -> str:
    if isinstance(item, Slice):
        start = "" if item.start is None else str(item.start)
        stop = "" if item.stop is None else str(item.stop)
        return f"{start}:{stop}"
    return str(item)
