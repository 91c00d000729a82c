"""The allow-list of functions and constants the expression language knows.

Only names listed here can be called; the evaluators (torch, sympy) each map exactly these
names, and a test checks that the three tables agree.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

#: Applied entry by entry; the result has the argument's shape.
ELEMENTWISE_1 = [
    "sin",
    "cos",
    "tan",
    "asin",
    "acos",
    "atan",
    "sinh",
    "cosh",
    "tanh",
    "exp",
    "log",
    "sqrt",
    "abs",
    "sigmoid",
    "softplus",
    "relu",
]

#: Two arguments broadcast against each other, entry by entry.
ELEMENTWISE_2 = ("atan2",)


@dataclass(frozen=True)
class Signature:
    min_args: int
    max_args: int
    usage: str  # shown in wrong-arity messages
    meaning: str  # one line for completion tooltips and --help


FUNCTIONS: dict[str, Signature] = {
    **{f: Signature(1, 1, f"{f}(x)", f"{f} of each entry") for f in ELEMENTWISE_1},
    "atan2": Signature(2, 2, "atan2(y, x)", "angle of the point (x, y), entry by entry"),
    "min": Signature(1, 2, "min(a, b) or min(x)", "smaller of a and b; or the smallest entry"),
    "max": Signature(1, 2, "max(a, b) or max(x)", "larger of a and b; or the largest entry"),
    "sum": Signature(1, 1, "sum(x)", "sum of all entries"),
    "mean": Signature(1, 1, "mean(x)", "mean of all entries"),
    "trace": Signature(1, 1, "trace(X)", "sum of the diagonal of a square matrix"),
    "det": Signature(1, 1, "det(X)", "determinant of a square matrix"),
    "logdet": Signature(1, 1, "logdet(X)", "log of the determinant (needs det > 0)"),
    "inv": Signature(1, 1, "inv(X)", "inverse of a square matrix"),
    "norm": Signature(1, 1, "norm(x)", "Euclidean (Frobenius for matrices) norm"),
    "dot": Signature(2, 2, "dot(a, b)", "dot product of two vectors"),
    "outer": Signature(2, 2, "outer(a, b)", "outer product a b^T of two vectors"),
    "diag": Signature(1, 1, "diag(x)", "vector → diagonal matrix; matrix → its diagonal"),
    "softmax": Signature(1, 1, "softmax(x)", "exp(x) / sum(exp(x)) (row by row for a matrix)"),
    "logsumexp": Signature(1, 1, "logsumexp(x)", "log(sum(exp(x))), computed stably"),
}

CONSTANTS: dict[str, float] = {"pi": 3.141592653589793, "e": 2.718281828459045}

#: Names a user may not give to a variable.
RESERVED = frozenset(FUNCTIONS) | frozenset(CONSTANTS)


def suggest(name: str, candidates) -> str | None:
    """The closest known name to a mistyped one (``sinn`` → ``sin``), or ``None``."""
    matches = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
    return matches[0] if matches else None
