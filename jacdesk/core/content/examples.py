"""Built-in examples: the tutorial's first, then classic Jacobians and matrix derivatives.

Pure data, shared by the window's Examples menu, the lessons and the tests.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from jacdesk.core.texts import QT_TRANSLATE_NOOP


@dataclass(frozen=True)
class Example:
    """One ready-made session: expressions, the point, and what to look at."""

    key: str
    title: str
    expressions: tuple[str, ...]
    variables: dict[str, object]  # name → value, in J's column order
    constants: dict[str, object] = field(default_factory=dict)
    note: str = ""
    group: str = ""  # the Examples submenu: one of GROUPS


#: The Examples menu's submenus, in order.
TUTORIAL = QT_TRANSLATE_NOOP("Examples", "Tutorial")
COORDINATES = QT_TRANSLATE_NOOP("Examples", "Coordinates")
LAYERS = QT_TRANSLATE_NOOP("Examples", "Layers & softmax")
MATRIX = QT_TRANSLATE_NOOP("Examples", "Matrix calculus")
GROUPS: tuple[str, ...] = (TUTORIAL, COORDINATES, LAYERS, MATRIX)
_GROUP_OF = {
    "tutorial": TUTORIAL,
    "polar": COORDINATES,
    "spherical": COORDINATES,
    "softmax": LAYERS,
    "linear_x": LAYERS,
    "linear_W": LAYERS,
    "softmax_ce": LAYERS,
}


_UNGROUPED: tuple[Example, ...] = (
    Example(
        "tutorial",
        QT_TRANSLATE_NOOP("Examples", "The tutorial: f = (x1² + 2x2, 3x1 + 4x2²) at (1, 2)"),
        ("x1**2 + 2*x2", "3*x1 + 4*x2**2"),
        {"x1": 1.0, "x2": 2.0},
        note=QT_TRANSLATE_NOOP(
            "Examples", "J = [[2, 2], [3, 16]], det J = 26, and backward(ones) gives [5, 18]."
        ),
    ),
    Example(
        "polar",
        QT_TRANSLATE_NOOP("Examples", "Polar → Cartesian"),
        ("r*cos(t)", "r*sin(t)"),
        {"r": 2.0, "t": 0.5},
        note=QT_TRANSLATE_NOOP(
            "Examples", "det J = r: area grows with the distance from the origin."
        ),
    ),
    Example(
        "spherical",
        QT_TRANSLATE_NOOP("Examples", "Spherical coordinates"),
        ("r*sin(theta)*cos(phi)", "r*sin(theta)*sin(phi)", "r*cos(theta)"),
        {"r": 2.0, "theta": 0.8, "phi": 0.3},
        note=QT_TRANSLATE_NOOP(
            "Examples", "det J = r² sin θ, the volume element of spherical coordinates."
        ),
    ),
    Example(
        "softmax",
        QT_TRANSLATE_NOOP("Examples", "Softmax"),
        ("softmax(z)",),
        {"z": [1.0, 2.0, 0.5]},
        note=QT_TRANSLATE_NOOP(
            "Examples", "J = diag(s) − s sᵀ: symmetric, and every row sums to 0 (det J = 0)."
        ),
    ),
    Example(
        "linear_x",
        QT_TRANSLATE_NOOP("Examples", "Linear layer tanh(W @ x + b), with respect to x"),
        ("tanh(W @ x + b)",),
        {"x": [0.5, -1.0, 2.0]},
        {"W": [[0.2, -0.5, 0.1], [0.4, 0.3, -0.2]], "b": [0.1, -0.1]},
        note=QT_TRANSLATE_NOOP("Examples", "J = diag(1 − tanh²(W x + b)) W."),
    ),
    Example(
        "linear_W",
        QT_TRANSLATE_NOOP("Examples", "Linear layer tanh(W @ x + b), with respect to W"),
        ("tanh(W @ x + b)",),
        {"W": [[0.2, -0.5, 0.1], [0.4, 0.3, -0.2]]},
        {"x": [0.5, -1.0, 2.0], "b": [0.1, -0.1]},
        note=QT_TRANSLATE_NOOP(
            "Examples", "Each output depends only on its own row of W: J has a block structure."
        ),
    ),
    Example(
        "trace_AX",
        QT_TRANSLATE_NOOP("Examples", "trace(A @ X)"),
        ("trace(A @ X)",),
        {"X": [[1.0, 2.0], [3.0, 4.0]]},
        {"A": [[1.0, 2.0], [3.0, 4.0]]},
        note=QT_TRANSLATE_NOOP("Examples", "The gradient with respect to X is Aᵀ."),
    ),
    Example(
        "det_X",
        QT_TRANSLATE_NOOP("Examples", "det(X)"),
        ("det(X)",),
        {"X": [[2.0, 1.0], [1.0, 3.0]]},
        note=QT_TRANSLATE_NOOP(
            "Examples", "The gradient of det X is det(X) · X⁻ᵀ (the cofactor matrix)."
        ),
    ),
    Example(
        "trace_XtAX",
        QT_TRANSLATE_NOOP("Examples", "trace(X.T @ A @ X)"),
        ("trace(X.T @ A @ X)",),
        {"X": [[1.0, 2.0], [0.5, -1.0]]},
        {"A": [[2.0, 1.0], [0.0, 3.0]]},
        note=QT_TRANSLATE_NOOP(
            "Examples", "The gradient is A X + Aᵀ X (= 2 A X when A is symmetric)."
        ),
    ),
    Example(
        "logdet_X",
        QT_TRANSLATE_NOOP("Examples", "logdet(X)"),
        ("logdet(X)",),
        {"X": [[2.0, 1.0], [1.0, 3.0]]},
        note=QT_TRANSLATE_NOOP("Examples", "The gradient of log det X is X⁻ᵀ."),
    ),
    Example(
        "inv_entry",
        QT_TRANSLATE_NOOP("Examples", "An entry of inv(X): inv(X)[0, 1]"),
        ("inv(X)[0, 1]",),
        {"X": [[2.0, 1.0], [1.0, 3.0]]},
        note=QT_TRANSLATE_NOOP(
            "Examples",
            "∂(X⁻¹)[i,j]/∂X = −X⁻ᵀ e_i e_jᵀ X⁻ᵀ: the outer product of a column and a row of X⁻¹.",
        ),
    ),
    Example(
        "aXb",
        QT_TRANSLATE_NOOP("Examples", "Bilinear form a.T @ X @ b"),
        ("a.T @ X @ b",),
        {"X": [[1.0, 2.0, 0.0], [0.5, -1.0, 1.0]]},
        {"a": [1.0, 2.0], "b": [3.0, -1.0, 0.5]},
        note=QT_TRANSLATE_NOOP(
            "Examples", "The gradient is the outer product a bᵀ, whatever X is."
        ),
    ),
    Example(
        "norm_sq",
        QT_TRANSLATE_NOOP("Examples", "Squared Frobenius norm norm(X)**2"),
        ("norm(X)**2",),
        {"X": [[1.0, 2.0], [3.0, 4.0]]},
        note=QT_TRANSLATE_NOOP("Examples", "The gradient is 2 X."),
    ),
    Example(
        "XX",
        QT_TRANSLATE_NOOP("Examples", "Matrix square X @ X"),
        ("X @ X",),
        {"X": [[1.0, 2.0], [3.0, 4.0]]},
        note=QT_TRANSLATE_NOOP(
            "Examples",
            "A matrix function of a matrix: J is 4×4, block (i, j) is ∂F/∂X[i,j] = E_ij X + X E_ij.",
        ),
    ),
    Example(
        "AXB",
        QT_TRANSLATE_NOOP("Examples", "Linear map A @ X @ B (Kronecker)"),
        ("A @ X @ B",),
        {"X": [[1.0, 2.0, 0.0], [0.5, -1.0, 1.0]]},
        {"A": [[1.0, 2.0], [3.0, 4.0]], "B": [[1.0, 0.0], [2.0, 1.0], [0.0, 3.0]]},
        note=QT_TRANSLATE_NOOP(
            "Examples", "Column-major vec: J = kron(Bᵀ, A); row-major vec (torch): J = kron(A, Bᵀ)."
        ),
    ),
    Example(
        "softmax_ce",
        QT_TRANSLATE_NOOP("Examples", "Softmax cross-entropy, with respect to the logits"),
        ("-dot(t, log(softmax(z)))",),
        {"z": [2.0, 1.0, 0.1]},
        {"t": [0.0, 1.0, 0.0]},
        note=QT_TRANSLATE_NOOP(
            "Examples",
            "The gradient is Σt · softmax(z) − t = softmax(z) − t for a one-hot t: predicted minus true.",
        ),
    ),
    Example(
        "quadratic",
        QT_TRANSLATE_NOOP("Examples", "Quadratic form x.T @ A @ x"),
        ("x.T @ A @ x",),
        {"x": [1.0, 2.0]},
        {"A": [[2.0, 1.0], [0.0, 3.0]]},
        note=QT_TRANSLATE_NOOP("Examples", "The gradient is (A + Aᵀ) x."),
    ),
)

#: Every example, each in its group (matrix calculus unless listed in _GROUP_OF).
EXAMPLES: tuple[Example, ...] = tuple(
    dataclasses.replace(ex, group=_GROUP_OF.get(ex.key, MATRIX)) for ex in _UNGROUPED
)


def example(key: str) -> Example:
    """The example with this key."""
    for ex in EXAMPLES:
        if ex.key == key:
            return ex
    raise KeyError(key)
