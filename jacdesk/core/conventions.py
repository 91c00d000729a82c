"""The two conventions behind every 2-D Jacobian: the layout (which side the outputs are on)
and vec (how a matrix is flattened), and the block form ∂F/∂X[i,j] of a matrix derivative.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Literal

import numpy as np

from jacdesk.core.language.program import entry_labels

from .errors import JacdeskError
from .texts import QT_TRANSLATE_NOOP

Layout = Literal["numerator", "denominator"]
Vec = Literal["row", "col"]
NUMERATOR: Layout = "numerator"
DENOMINATOR: Layout = "denominator"
ROW: Vec = "row"
COL: Vec = "col"
LAYOUTS: tuple[Layout, ...] = (NUMERATOR, DENOMINATOR)
VECS: tuple[Vec, ...] = (ROW, COL)
FLOAT64 = "float64"
FLOAT32 = "float32"
#: Floating-point types a computation may ask for (float32 is really computed in float32).
DTYPES = (FLOAT64, FLOAT32)

_VEC_WORDS = {
    "row": QT_TRANSLATE_NOOP("Conventions", "matrices flattened row-major (torch's reshape(-1))"),
    "col": QT_TRANSLATE_NOOP("Conventions", "matrices flattened column-major (the textbook vec)"),
}


def check_dtype(dtype: str) -> None:
    """Refuse, in one line, a dtype jacdesk does not compute in."""
    if dtype not in DTYPES:
        raise JacdeskError(f"dtype must be one of {', '.join(DTYPES)}, not {dtype!r}")


def check(layout: str, vec: str) -> None:
    """Refuse an unknown convention with a one-line message."""
    if layout not in LAYOUTS:
        raise JacdeskError(f"layout must be 'numerator' or 'denominator', not {layout!r}")
    if vec not in VECS:
        raise JacdeskError(f"vec must be 'row' or 'col', not {vec!r}")


def statement(layout: str, vec: str) -> str:
    """One line stating both conventions, for captions and exports.

    Parameters
    ----------
    layout
        ``"numerator"`` (rows = outputs, as torch returns J) or ``"denominator"`` (its
        transpose: rows = inputs).
    vec
        ``"row"`` or ``"col"``.
    """
    check(layout, vec)
    sides = (
        QT_TRANSLATE_NOOP("Conventions", "rows = outputs, columns = inputs")
        if layout == "numerator"
        else QT_TRANSLATE_NOOP(
            "Conventions", "rows = inputs, columns = outputs: the transpose of the numerator layout"
        )
    )
    return f"{layout} layout ({sides}); {_VEC_WORDS[vec]}"


@dataclass(frozen=True)
class ComputeOptions:
    """How a problem is computed and presented: the choices that the CLI, sessions, the
    window's tool bar and :func:`~jacdesk.core.engine.analyze` share, defined once.

    Parameters
    ----------
    vec
        ``"row"`` (torch's reshape(-1)) or ``"col"`` (the textbook vec) flattening of matrices.
    layout
        ``"numerator"`` (rows of J = outputs, torch's) or ``"denominator"`` (the transpose).
    hessian
        Also compute second derivatives of every output component.
    symbolic
        Also derive the symbolic forms (time-bounded, in a child process).
    dtype
        The floating-point type of the computation.
    """

    vec: Vec = ROW
    layout: Layout = NUMERATOR
    hessian: bool = False
    symbolic: bool = True
    dtype: str = "float64"

    def __post_init__(self) -> None:
        check(self.layout, self.vec)
        check_dtype(self.dtype)

    def replace(self, **changes: object) -> ComputeOptions:
        """A copy with some fields changed (checked again)."""
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]

    @property
    def statement(self) -> str:
        """The one-line statement of both conventions."""
        return statement(self.layout, self.vec)


def short(layout: str, vec: str) -> str:
    """A few words for a CSV corner cell: ``numerator layout, row-major vec``."""
    return f"{layout} layout, {'row' if vec == 'row' else 'column'}-major vec"


def group_breaks(labels_shape: list[tuple[int, ...]], vec: str) -> list[int]:
    """Positions (in presented order) where a new group starts: a new variable, or a new row
    (row vec) / column (col vec) of a matrix. Used to draw lines between blocks of J.
    """
    breaks: list[int] = []
    offset = 0
    for shape in labels_shape:
        size = int(np.prod(shape, dtype=np.int64))
        if offset:
            breaks.append(offset)
        if len(shape) == 2 and shape[0] > 1 and shape[1] > 1:
            step = shape[1] if vec == "row" else shape[0]
            breaks.extend(offset + k for k in range(step, size, step))
        offset += size
    return breaks


@dataclass(frozen=True)
class BlockForm:
    """The 4-index ∂F/∂X arranged as a grid of blocks: block (i, j) is ∂F/∂X[i,j].

    For a scalar f each block is one number and the grid is the gradient shaped like X.
    """

    data: np.ndarray
    row_labels: tuple[str, ...]
    col_labels: tuple[str, ...]
    row_breaks: tuple[int, ...]
    col_breaks: tuple[int, ...]
    out_shape: tuple[int, ...] = ()
    var_shape: tuple[int, ...] = ()
    name: str = "X"

    def cell_name(self, r: int, c: int) -> str:
        """``∂F[a,b]/∂X[i,j]`` for the cell at grid row ``r``, column ``c``.

        Made on demand (a tooltip asks for one cell): naming all 2.56 million cells of a
        40×40 X @ X up front took seconds.
        """
        p, q = _as_2d(self.out_shape)
        i, a = divmod(r, p)
        j, b = divmod(c, q)
        f_name = "f" if not self.out_shape else "F"
        f = _entry(f_name, self.out_shape, a, b)
        return f"∂{f}/∂{_entry(self.name, self.var_shape, i, j)}"


def block_form(j4: np.ndarray, out_shape: tuple[int, ...], name: str) -> BlockForm:
    """Arrange ``j4`` (``out_shape + X.shape``) so that block (i, j) is ∂F/∂X[i,j].

    Parameters
    ----------
    j4
        Torch's layout of the derivative of F with respect to one variable X.
    out_shape
        F's shape: ``()``, ``(p,)`` (a column) or ``(p, q)``.
    name
        X's name, for the labels.
    """
    out_shape = tuple(out_shape)
    var_shape = tuple(j4.shape[len(out_shape) :])
    p, q = _as_2d(out_shape)
    r, s = _as_2d(var_shape)
    t = np.asarray(j4, dtype=np.float64).reshape(p, q, r, s)
    data = t.transpose(2, 0, 3, 1).reshape(r * p, s * q)  # [i*p + a, j*q + b] = t[a, b, i, j]
    f_rows = _out_index(out_shape, p, axis=0)
    f_cols = _out_index(out_shape, q, axis=1)
    x_at = _var_index(name, var_shape)
    scalar_f = p == q == 1
    row_labels = tuple(
        x_at(i, None) if scalar_f else f"{x_at(i, None)} {f_rows[a]}"
        for i in range(r)
        for a in range(p)
    )
    col_labels = tuple(
        x_at(None, j) if scalar_f else f"{x_at(None, j)} {f_cols[b]}"
        for j in range(s)
        for b in range(q)
    )
    return BlockForm(
        data,
        row_labels,
        col_labels,
        tuple(range(p, r * p, p)) if p > 1 else (),
        tuple(range(q, s * q, q)) if q > 1 else (),
        out_shape,
        var_shape,
        name,
    )


def _as_2d(shape: tuple[int, ...]) -> tuple[int, int]:
    if len(shape) == 0:
        return 1, 1
    if len(shape) == 1:
        return shape[0], 1
    return shape[0], shape[1]


def _out_index(shape: tuple[int, ...], k: int, axis: int) -> list[str]:
    if len(shape) == 2:
        return [f"F[{i},:]" if axis == 0 else f"F[:,{i}]" for i in range(k)]
    if len(shape) == 1 and axis == 0:
        return [f"f{i + 1}" for i in range(k)]
    return ["f"] * k


def _var_index(name: str, shape: tuple[int, ...]):
    def at(i: int | None, j: int | None) -> str:
        if len(shape) == 2:
            return f"{name}[{i},:]" if j is None else f"{name}[:,{j}]"
        if len(shape) == 1:
            return f"{name}[{i}]" if j is None else name
        return name

    return at


def _entry(name: str, shape: tuple[int, ...], i: int, j: int) -> str:
    if len(shape) == 2:
        return f"{name}[{i},{j}]"
    if len(shape) == 1:
        return entry_labels(name, shape)[i] if name != "F" else f"f{i + 1}"
    return name
