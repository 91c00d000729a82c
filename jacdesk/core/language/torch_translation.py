"""What the PyTorch reader hands on: the translated problem, and its one-line refusals."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from jacdesk.core.errors import JacdeskError

from . import torch_terms as tt
from .functions import RESERVED
from .program import check_name
from .torch_args import Seq
from .torch_script import OnesLike
from .torch_values import TensorValue, Unreadable

#: The pointer every refusal of an unsupported name ends with.
SEE_SUBSET = "(see jacdesk-cli functions --torch)"


class TorchSourceError(JacdeskError):
    """A problem in a PyTorch script, in one line that starts with its place.

    ``line`` is 1-based; ``col`` counts characters from 0, as Python's ``ast`` does
    (``line 6, col 4`` is the ``o`` of ``    os.system(...)``). ``column`` (inherited) is the
    same place counted from 1, for editors that underline it.
    """

    def __init__(self, message: str, line: int | None, col: int | None = None):
        self.line = line
        self.col = col
        super().__init__(message, None if col is None else col + 1)

    def __str__(self) -> str:
        if self.line is None:
            return self.message
        if self.col is None:
            return f"line {self.line}: {self.message}"
        return f"line {self.line}, col {self.col}: {self.message}"

    def located(self, source: str) -> JacdeskError:
        return self


def not_supported(what: str, line: int, col: int) -> TorchSourceError:
    """The refusal of a name or construct outside the subset."""
    return TorchSourceError(
        f"{what} is not part of the PyTorch that jacdesk reads {SEE_SUBSET}", line, col
    )


def jacdesk_name(name: str, taken: set[str]) -> str:
    """``name`` as a jacdesk variable or constant name: ``_`` is added where it would clash
    with jacdesk's functions and constants (``e`` → ``e_``) or with a name already ``taken``."""
    out = name.lstrip("_") or "x"
    while out in RESERVED or out in taken:
        out += "_"
    check_name(out, "variable")
    taken.add(out)
    return out


def _frozen(a: np.ndarray | None) -> np.ndarray | None:
    if a is None:
        return None
    arr = np.array(a, dtype=np.float64)
    arr.flags.writeable = False
    return arr


@dataclass(frozen=True, eq=False)
class TorchTranslation:
    """A PyTorch function read as jacdesk's problem: what ``analyze`` needs, and where from.

    Attributes
    ----------
    function
        The Python function's name (``funx``).
    parameters
        Its parameters, in order: the columns of J.
    variables
        jacdesk's variable name → value at the point, in the order of ``parameters`` (a name
        is the parameter's, with ``_`` added where it would clash with jacdesk's own names).
    expressions
        jacdesk expression texts: several scalar components, or one of any shape.
    output_shape
        The shape of the function's value.
    constants
        Module-level tensors the function uses: name → value (not differentiated).
    v, u
        ``y.backward(v)``'s v (shaped like f when f is a matrix, else flat) and a ``jvp``'s u
        (flat, each input row-major as torch flattens it) from the script; ``None`` for ones.
        ``u_in(vec)`` gives u in J's column order for ``analyze(jvp=...)``.
    dtype
        The dtype of the script's point: ``"float32"`` for ``dtype=torch.float`` (and for
        torch's default), ``"float64"``, ``"int64"``, or ``"mixed"``.
    notes
        What a user should know about the translation (float64 instead of float32, renamed
        names, …), one line each; front ends show them with the result.
    source
        The script's text, as read.
    """

    function: str
    parameters: tuple[str, ...]
    variables: dict[str, np.ndarray]
    expressions: tuple[str, ...]
    output_shape: tuple[int, ...]
    constants: dict[str, np.ndarray] = field(default_factory=dict)
    v: np.ndarray | None = None
    u: np.ndarray | None = None
    dtype: str = "float64"
    notes: tuple[str, ...] = ()
    source: str = ""

    def __post_init__(self) -> None:
        put = object.__setattr__
        put(self, "variables", {k: _frozen(a) for k, a in self.variables.items()})
        put(self, "constants", {k: _frozen(a) for k, a in self.constants.items()})
        put(self, "v", _frozen(self.v))
        put(self, "u", _frozen(self.u))

    def u_in(self, vec: str = "row") -> np.ndarray | None:
        """u in the column order of J for ``vec`` (``"col"`` lists a matrix column by column)."""
        if self.u is None or vec == "row":
            return self.u
        parts, offset = [], 0
        for a in self.variables.values():
            block = self.u[offset : offset + a.size].reshape(a.shape)
            parts.append(block.T.reshape(-1) if a.ndim == 2 else block.reshape(-1))
            offset += a.size
        return np.concatenate(parts)

    @property
    def names(self) -> dict[str, str]:
        """Parameter name → jacdesk's variable name."""
        return dict(zip(self.parameters, self.variables, strict=True))

    def summary(self) -> str:
        """The translation as a learner reads it (the window's "as jacdesk expressions")."""
        lines = [f"{self.function}({', '.join(self.parameters)}) as jacdesk expressions:"]
        if len(self.expressions) > 1:
            lines += [f"  f{k} = {t}" for k, t in enumerate(self.expressions, start=1)]
        else:
            lines.append(f"  f = {self.expressions[0]}")
        lines.append("at the point:")
        lines += [f"  {k} = {_numbers(a)}" for k, a in self.variables.items()]
        if self.constants:
            lines.append("constants:")
            lines += [f"  {k} = {_numbers(a)}" for k, a in self.constants.items()]
        lines.append(f"v (y.backward) = {'ones' if self.v is None else _numbers(self.v)}")
        if self.u is not None:
            lines.append(f"u (jvp) = {_numbers(self.u)}")
        lines += [f"note: {n}" for n in self.notes]
        return "\n".join(lines) + "\n"


def _numbers(a: np.ndarray) -> str:
    if a.size > 12:
        return f"<{'×'.join(map(str, a.shape))} values>"
    return repr(a.tolist())


def no_point(name: str, param: str, problem: Unreadable | None, fn: ast.AST) -> TorchSourceError:
    hint = f"build it with torch.tensor([...]) or give its value (--var {param}=...)"
    if problem is not None:
        return TorchSourceError(
            f"the point for {param} cannot be read: {problem.reason}; {hint}",
            problem.line,
            problem.col,
        )
    return TorchSourceError(
        f"{name}'s parameter {param} has no value: the script never calls {name} with a tensor; "
        f"add e.g. x = torch.tensor([1.0, 2.0]) and y = {name}(x), or give its value (--var {param}=...)",
        fn.lineno,
        fn.col_offset,
    )


# -- parts of a translation ----------------------------------------------------------------
def outputs(
    out: Any, name: str, fn: ast.AST, notes: list[str]
) -> tuple[tuple[str, ...], tuple[int, ...]]:
    line = fn.body[-1].lineno if isinstance(fn, ast.FunctionDef) else fn.lineno
    if isinstance(out, Seq):
        if not out.items or not all(isinstance(t, tt.Term) and t.ndim == 0 for t in out.items):
            raise TorchSourceError(
                f"{name} returns a tuple of tensors; return one tensor (torch.stack or torch.cat them)",
                line,
            )
        notes.append(
            f"{name} returns a tuple of {len(out.items)} numbers; jacdesk stacks them into one vector (rows of J)"
        )
        return tuple(t.text for t in out.items), (len(out.items),)
    if not isinstance(out, tt.Term):
        raise TorchSourceError(f"{name} returns {out!r}, not a tensor", line)
    if out.items is not None and len(out.items) > 1 and all(t.ndim == 0 for t in out.items):
        return tuple(t.text for t in out.items), out.shape  # stack of scalars: one row of J each
    return (out.text,), out.shape


def vector(value: Any, size: int, what: str, notes: list[str]) -> np.ndarray | None:
    """v or u as the script gives it, flat in torch's (row-major) order; ``None`` for ones."""
    if value is None or isinstance(value, OnesLike):
        return None
    if isinstance(value, tuple) and all(isinstance(t, TensorValue) for t in value):
        arr = np.concatenate([t.array.reshape(-1) for t in value]) if value else np.zeros(0)
    elif isinstance(value, TensorValue):
        arr = value.array.reshape(-1)
    else:
        reason = value.reason if isinstance(value, Unreadable) else "it is not a tensor of numbers"
        notes.append(f"{what} cannot be read ({reason}); jacdesk uses ones")
        return None
    if arr.size != size:
        line = value.line if isinstance(value, TensorValue) else None
        raise TorchSourceError(
            f"{what} has {arr.size} entries but needs {size}, one per entry of {'f' if what[0] == 'v' else 'the inputs'}",
            line,
        )
    return arr


def dtype_note(dtype: str, dtypes: list[str]) -> str:
    if dtype == "float32":
        return (
            "the script's point is float32 (torch.float, also torch's default dtype); jacdesk computes "
            "in float64, so digits beyond float32's first 7 or so may differ from what the script prints"
        )
    if dtype.startswith("int"):
        return (
            f"the script's point is {dtype} (whole numbers without dtype=); torch cannot differentiate "
            "integer tensors (write 1.0 or dtype=torch.float64); jacdesk computes in float64"
        )
    return f"the script's point is {dtype if dtype != 'mixed' else ' / '.join(sorted(set(dtypes)))}; jacdesk computes in float64"
