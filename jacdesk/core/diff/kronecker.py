"""The Kronecker lesson: for F = A X B, J under column-major vec is kron(Bᵀ, A) and under
row-major vec kron(A, Bᵀ). Detected from the expression, checked against autograd's J.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from jacdesk.core.language.nodes import BinOp, Name, Node, Transpose
from jacdesk.core.language.parser import parse
from jacdesk.core.results.analysis import frozen, json_array, json_number

#: Past this many J entries the lesson is skipped (two Kronecker products the size of J).
MAX_ENTRIES = 1 << 20


@dataclass(frozen=True)
class KroneckerLesson:
    """J of a linear map X ↦ A X B next to its Kronecker formula, under both vec conventions.

    ``j_col`` / ``j_row`` are autograd's J (numerator layout) under column- / row-major vec;
    ``kron_col`` = kron(Bᵀ, A), ``kron_row`` = kron(A, Bᵀ); ``diff_*`` = J − formula.
    """

    variable: str
    left_text: str  # "A", "A.T @ C", or "" when there is no left factor (A = I)
    right_text: str
    left: np.ndarray
    right: np.ndarray
    j_col: np.ndarray
    kron_col: np.ndarray
    j_row: np.ndarray
    kron_row: np.ndarray

    @property
    def form(self) -> str:
        a = f"{_paren(self.left_text)} " if self.left_text else ""
        b = f" {_paren(self.right_text)}" if self.right_text else ""
        return f"F = {a}{self.variable}{b}"

    @property
    def formula_col(self) -> str:
        return f"kron({_t(self.right_text)}, {self.left_text or 'I'})"

    @property
    def formula_row(self) -> str:
        return f"kron({self.left_text or 'I'}, {_t(self.right_text)})"

    @property
    def diff_col(self) -> np.ndarray:
        return self.j_col - self.kron_col

    @property
    def diff_row(self) -> np.ndarray:
        return self.j_row - self.kron_row

    @property
    def max_abs_diff(self) -> float:
        return float(max(np.abs(self.diff_col).max(), np.abs(self.diff_row).max(), 0.0))

    @property
    def agree(self) -> bool:
        scale = max(1.0, float(np.abs(self.j_row).max()) if self.j_row.size else 1.0)
        return self.max_abs_diff <= 1e-12 * scale

    def to_dict(self) -> dict[str, Any]:
        return {
            "form": self.form,
            "col_vec": {"formula": self.formula_col, "matrix": json_array(self.kron_col)},
            "row_vec": {"formula": self.formula_row, "matrix": json_array(self.kron_row)},
            "max_abs_diff": json_number(self.max_abs_diff),
            "agree": self.agree,
        }


def lesson_for(
    texts: tuple[str, ...],
    variables: tuple[tuple[str, tuple[int, ...]], ...],
    constants: Mapping[str, np.ndarray],
    blocks: Mapping[str, np.ndarray],
) -> KroneckerLesson | None:
    """The lesson when f is one product L @ X @ R of constant matrices around the only
    variable X (a matrix); ``None`` otherwise.

    Parameters
    ----------
    texts
        The expressions (one, for the lesson to apply).
    variables
        ``((name, shape), ...)``; exactly one, 2-D.
    constants
        Values of the constants the factors are made of.
    blocks
        Autograd's ``output_shape + X.shape`` derivative (``Analysis.jacobian_blocks``).
    """
    if len(texts) != 1 or len(variables) != 1 or len(variables[0][1]) != 2:
        return None
    name, (r, s) = variables[0]
    factors = _factors(texts[0])
    at = [k for k, f in enumerate(factors) if isinstance(f, Name) and f.id == name]
    if len(at) != 1:
        return None
    k = at[0]
    try:
        left = _product(factors[:k], constants, r)
        right = _product(factors[k + 1 :], constants, s)
    except _NotConstant:
        return None
    if left is None or right is None or left.shape[1] != r or right.shape[0] != s:
        return None
    p, q = left.shape[0], right.shape[1]
    j4 = np.asarray(blocks[name])
    if j4.shape != (p, q, r, s) or (p * q) * (r * s) > MAX_ENTRIES:
        return None
    j_row = j4.reshape(p * q, r * s)
    j_col = j4.transpose(1, 0, 3, 2).reshape(q * p, s * r)
    return KroneckerLesson(
        variable=name,
        left_text=" @ ".join(_text(f) for f in factors[:k]),
        right_text=" @ ".join(_text(f) for f in factors[k + 1 :]),
        left=frozen(left),
        right=frozen(right),
        j_col=frozen(j_col),
        kron_col=frozen(np.kron(right.T, left)),
        j_row=frozen(j_row),
        kron_row=frozen(np.kron(left, right.T)),
    )


class _NotConstant(Exception):
    pass


@functools.lru_cache(maxsize=64)
def _factors(text: str) -> tuple[Node, ...]:
    return tuple(_chain(parse(text)))  # nodes are frozen: safe to share between calls


def _chain(node: Node) -> list[Node]:
    if isinstance(node, BinOp) and node.op == "@":
        return _chain(node.left) + _chain(node.right)
    return [node]


def _value(node: Node, constants: Mapping[str, np.ndarray]) -> np.ndarray:
    if isinstance(node, Name) and node.id in constants:
        v = np.asarray(constants[node.id], dtype=np.float64)
        if v.ndim == 2:
            return v
    if isinstance(node, Transpose):
        return _value(node.operand, constants).T
    if isinstance(node, BinOp) and node.op == "@":
        return _value(node.left, constants) @ _value(node.right, constants)
    raise _NotConstant


def _product(
    factors: list[Node], constants: Mapping[str, np.ndarray], size: int
) -> np.ndarray | None:
    if not factors:
        return np.eye(size)
    out = _value(factors[0], constants)
    for f in factors[1:]:
        nxt = _value(f, constants)
        if out.shape[1] != nxt.shape[0]:
            return None
        out = out @ nxt
    return out


def _text(node: Node) -> str:
    if isinstance(node, Name):
        return node.id
    if isinstance(node, Transpose):
        inner = _text(node.operand)
        return f"{inner}.T" if isinstance(node.operand, Name) else f"({inner}).T"
    if isinstance(node, BinOp):
        return f"{_text(node.left)} @ {_text(node.right)}"
    raise _NotConstant


def _paren(text: str) -> str:
    return f"({text})" if "@" in text else text


def _t(text: str) -> str:
    if not text:
        return "I"
    if "@" in text:
        return f"({text}).T"
    return text[:-2] if text.endswith(".T") else f"{text}.T"
