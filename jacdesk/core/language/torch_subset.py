"""The allow-list of the PyTorch that jacdesk reads: every torch function, ``F.`` function and
tensor method the PyTorch reader translates, with its parameters and its jacdesk meaning.

A name that is not in these tables is refused by the reader; ``jacdesk-cli functions --torch``
prints them (:func:`describe_subset`).
"""

from __future__ import annotations

from . import torch_calls as c
from .functions import ELEMENTWISE_1
from .torch_args import DType, Op, Seq

__all__ = [
    "BUILTINS",
    "CONSTANTS",
    "DTYPES",
    "FUNCTIONS",
    "MATH",
    "METHODS",
    "MODULES",
    "DType",
    "Op",
    "Seq",
    "describe_subset",
]

#: Dtypes torch spells, by the attribute names of ``torch``.
DTYPES = {
    "float": "float32",
    "float32": "float32",
    "double": "float64",
    "float64": "float64",
    "half": "float16",
    "float16": "float16",
    "bfloat16": "bfloat16",
    "int": "int32",
    "int32": "int32",
    "long": "int64",
    "int64": "int64",
}

#: Modules the reader knows by name (what ``import`` may bring in).
MODULES = (
    "torch",
    "torch.nn",
    "torch.nn.functional",
    "torch.linalg",
    "torch.func",
    "torch.autograd",
    "torch.autograd.functional",
    "torch.special",
    "math",
)

#: Named numbers: (jacdesk's name, value).
CONSTANTS = {
    "math.pi": ("pi", 3.141592653589793),
    "math.e": ("e", 2.718281828459045),
    "torch.pi": ("pi", 3.141592653589793),
    "torch.e": ("e", 2.718281828459045),
}

#: torch's elementwise functions that the reader maps: the language's own (softplus lives in
#: torch.nn.functional only), then those torch spells that the language writes otherwise.
ELEMENTWISE = (
    *(name for name in ELEMENTWISE_1 if name != "softplus"),
    *("square", "reciprocal", "rsqrt", "log1p", "expm1", "log2", "log10", "exp2", "neg"),
    "positive",
)

#: torch's other spellings of the same functions.
ALIASES = {
    "arcsin": "asin",
    "arccos": "acos",
    "arctan": "atan",
    "negative": "neg",
    "absolute": "abs",
    "arctan2": "atan2",
    "subtract": "sub",
    "multiply": "mul",
    "divide": "div",
    "true_divide": "div",
    "concat": "cat",
    "concatenate": "cat",
    "ger": "outer",
    "inverse": "linalg.inv",
    "special.expit": "sigmoid",
}

_NORM = ("input", "p='fro'", "dim=None", "keepdim=False", "dtype=None")
_LINALG_NORM = ("input", "ord=None", "dim=None", "keepdim=False", "dtype=None")

#: torch.X, torch.linalg.X and torch.nn.functional.X → how each is written in jacdesk.
FUNCTIONS: dict[str, Op] = {
    **{f"torch.{f}": c.unary(f) for f in ELEMENTWISE},
    "torch.nn.functional.relu": Op(
        ("input", "inplace=False"), c.unary("relu").build, "max(x, 0) of each entry"
    ),
    "torch.nn.functional.sigmoid": c.unary("sigmoid"),
    "torch.nn.functional.tanh": c.unary("tanh"),
    "torch.nn.functional.silu": Op(("input", "inplace=False"), c.silu, "x * sigmoid(x)"),
    "torch.nn.functional.softplus": Op(
        ("input", "beta=None", "threshold=None"), c.softplus, "log(1 + exp(beta x)) / beta"
    ),
    "torch.softmax": c.softmax(False),
    "torch.nn.functional.softmax": c.softmax(False),
    "torch.log_softmax": c.softmax(True),
    "torch.nn.functional.log_softmax": c.softmax(True),
    "torch.nn.functional.linear": Op(("input", "weight", "bias=None"), c.linear, "x @ W.T + b"),
    "torch.nn.functional.mse_loss": Op(
        ("input", "target", "reduction='mean'"), c.mse_loss, "mean((a - b)**2) (or sum)"
    ),
    "torch.add": c.binary("+", "a + alpha b"),
    "torch.sub": c.binary("-", "a - alpha b"),
    "torch.mul": c.binary("*", "a * b, entry by entry"),
    "torch.div": c.binary("/", "a / b, entry by entry"),
    "torch.pow": Op(("input", "exponent"), c.power, "a ** b"),
    "torch.matmul": c.binary("@", "matrix product a @ b"),
    "torch.mm": c.binary("@", "matrix product of two matrices"),
    "torch.mv": c.binary("@", "matrix times vector"),
    "torch.dot": c.function("dot", "dot product of two vectors", 2),
    "torch.inner": c.function("dot", "dot product of two vectors", 2),
    "torch.outer": c.function("outer", "outer product a b^T", 2),
    "torch.atan2": c.function("atan2", "angle of (x, y), entry by entry", 2),
    "torch.maximum": c.function("max", "larger entry of a and b", 2),
    "torch.minimum": c.function("min", "smaller entry of a and b", 2),
    "torch.max": c.extreme("max"),
    "torch.min": c.extreme("min"),
    "torch.amax": Op(
        ("input", "dim=None", "keepdim=False"), c.extreme("max").build, "largest entry"
    ),
    "torch.amin": Op(
        ("input", "dim=None", "keepdim=False"), c.extreme("min").build, "smallest entry"
    ),
    "torch.sum": c.reduction("sum"),
    "torch.mean": c.reduction("mean"),
    "torch.prod": Op(("input", "dtype=None"), c.prod, "product of all entries"),
    "torch.logsumexp": Op(
        ("input", "dim", "keepdim=False"), c.logsumexp, "log(sum(exp(x))) over dim"
    ),
    "torch.norm": Op(_NORM, c.norm, "Euclidean / Frobenius norm"),
    "torch.linalg.norm": Op(_LINALG_NORM, c.norm, "Euclidean / Frobenius norm"),
    "torch.linalg.vector_norm": Op(
        ("input", "ord=2", "dim=None", "keepdim=False", "dtype=None"),
        c.norm,
        "Euclidean norm of all entries",
    ),
    "torch.trace": c.function("trace", "sum of the diagonal"),
    "torch.det": c.function("det", "determinant"),
    "torch.linalg.det": c.function("det", "determinant"),
    "torch.logdet": c.function("logdet", "log of the determinant"),
    "torch.linalg.inv": c.function("inv", "matrix inverse"),
    "torch.diag": Op(
        ("input", "diagonal=0"), c.diag, "vector → diagonal matrix; matrix → its diagonal"
    ),
    "torch.tensor": Op(("data",), c.constant_data, "numbers written in the function (a constant)"),
    "torch.ones": c.creation(1.0),
    "torch.zeros": c.creation(0.0),
    "torch.full": c.creation(None),
    "torch.eye": Op(("n", "m=None"), c.eye, "the identity matrix"),
    "torch.ones_like": c.like(1.0),
    "torch.zeros_like": c.like(0.0),
    "torch.full_like": c.like(None),
    "torch.stack": Op(("tensors", "dim=0"), c.stack, "[a, b, ...] (dim=1: its transpose)"),
    "torch.cat": Op(("tensors", "dim=0"), c.cat, "vectors or matrices joined along dim"),
    "torch.t": Op(("input",), c.swap, "transpose (.T)"),
    "torch.transpose": Op(("input", "dim0", "dim1"), c.swap, "transpose of a matrix"),
    "torch.reshape": Op(("input", "shape"), c.reshape, "the entries in a new shape (at most 2-D)"),
    "torch.flatten": Op(("input",), c.flatten, "the entries as a vector"),
    "torch.squeeze": Op(("input", "dim=None"), c.squeeze, "drop size-1 dimensions"),
    "torch.unsqueeze": Op(("input", "dim"), c.unsqueeze, "vector → row (dim 0) or column (dim 1)"),
}
FUNCTIONS.update({f"torch.{a}": FUNCTIONS[f"torch.{t}"] for a, t in ALIASES.items()})

#: math.X on numbers.
MATH: dict[str, Op] = {
    **{
        f"math.{f}": c.unary(f)
        for f in (
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
            "sqrt",
        )
    },
    "math.fabs": c.unary("abs"),
    "math.atan2": c.function("atan2", "angle of (x, y)", 2),
    "math.log": Op(("x", "base=None"), c.log, "natural log (or log to a base)"),
}

NOT_METHODS = frozenset(
    {
        "tensor",
        "ones",
        "zeros",
        "full",
        "eye",
        "ones_like",
        "zeros_like",
        "full_like",
        "stack",
        "cat",
        "concat",
        "concatenate",
    }
)

#: Tensor methods (``x.sum(0)``, ``x.pow(2)``): the torch function with the tensor first.
METHODS: dict[str, Op] = {
    name.removeprefix("torch."): c.method(op)
    for name, op in FUNCTIONS.items()
    if name.count(".") == 1 and name.removeprefix("torch.") not in NOT_METHODS
}
METHODS.update(
    {
        "pow": c.method(FUNCTIONS["torch.pow"]),
        "reshape": c.method(
            Op(("input", "*shape"), c.reshape, "the entries in a new shape (at most 2-D)")
        ),
        "view": c.method(
            Op(("input", "*shape"), c.reshape, "the entries in a new shape (at most 2-D)")
        ),
        "diagonal": c.method(Op(("input",), c.diag, "the diagonal of a matrix")),
        **{
            keep: Op(("self", "*args"), c.same, "the same values (jacdesk computes in float64)")
            for keep in ("clone", "contiguous", "float", "double", "to", "cpu", "requires_grad_")
        },
    }
)

#: Python builtins allowed inside the function (len and sum of a list are handled apart).
BUILTINS: dict[str, Op] = {
    "abs": c.unary("abs"),
    "pow": Op(("input", "exponent"), c.power, "a ** b"),
}


def describe_subset() -> str:
    """The text of ``jacdesk-cli functions --torch``: what the reader accepts, one per line."""
    lines = [
        "The PyTorch that jacdesk reads (jacdesk-cli jacobian --torch FILE.py). The script is",
        "parsed, never run. It defines the function with def f(x, y): simple assignments",
        "(a = ..., a, b = x, a += ...) and one return, or f = lambda x: ...; other functions of",
        "the script it calls are read the same way (no recursion).",
        "Imports: import torch, import torch.nn.functional as F, from torch import nn,",
        "from torch.autograd.functional import jacobian, import math (and torch.func).",
        "The point: tensors built with torch.tensor, ones, zeros, full, eye, arange or linspace",
        "and passed to the function (y = f(x), jacobian(f, x), torch.func.jacrev(f)(x)), also under",
        "if __name__ == '__main__':. v comes from y.backward(v) (torch.ones_like(y), a",
        "torch.tensor, nothing for a scalar y), u from jvp(f, x, u). Module-level tensors the",
        "function uses are constants. Every other top-level statement is ignored.",
        "Operators: + - * / ** @, unary -, x.T, x.mT, indexing x[0], x[-1], x[:2], X[:, 0], x[::2].",
        "Numbers: literals, math.pi, math.e, x.shape, x.shape[0], len(x), x.size(0), x.numel().",
        "",
        f"Elementwise (torch.X and x.X()): {' '.join(ELEMENTWISE)}",
        f"On numbers: {' '.join(MATH)}(x, base), abs, pow",
        "",
    ]
    names: dict[int, list[str]] = {}
    for name, op in FUNCTIONS.items():
        if not (name.startswith("torch.") and name[6:] in ELEMENTWISE):
            names.setdefault(id(op), []).append(name.replace("torch.nn.functional.", "F."))
    ops = {id(op): op for op in FUNCTIONS.values()}
    for key, spelled in names.items():
        op = ops[key]
        params = ", ".join(p for p in op.params if not p.startswith("_"))
        usage = f"{spelled[0]}({params})"
        also = f" (also {', '.join(spelled[1:])})" if len(spelled) > 1 else ""
        lines.append(f"  {usage:<58} {op.meaning}{also}")
    own = sorted(set(METHODS) - {n.removeprefix("torch.") for n in FUNCTIONS})
    lines.append("Tensor methods: x.X(...) for each torch.X(x, ...) above (x.sum(0), x.pow(2),")
    lines.append(
        f"  x.softmax(dim=0), ...), x.reshape(2, 2) and x.view(2, 2), x.{', x.'.join(own)}"
    )
    lines.append(
        "dtypes (noted; jacdesk computes in float64): " + ", ".join(f"torch.{d}" for d in DTYPES)
    )
    return "\n".join(lines) + "\n"
