"""Immutable results: numpy arrays (read-only) in frozen dataclasses, with ``to_dict()``."""

from __future__ import annotations

import dataclasses
import functools
import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from jacdesk.core.conventions import DENOMINATOR, NUMERATOR

from .symbolic import Grid, SymbolicResult


def frozen(a: Any) -> np.ndarray | None:
    """A read-only float64 view of ``a`` (``None`` stays ``None``).

    No copy: callers hand over arrays they alone hold, and a 1024×1024 J is 8 MB.
    """
    if a is None:
        return None
    arr = np.asarray(a, dtype=np.float64).view()
    arr.flags.writeable = False
    return arr


def evolve(obj: Any, **changes: Any) -> Any:
    """``dataclasses.replace`` for a frozen result whose fields are already checked.

    ``replace`` re-runs ``__init__`` over every field (an Analysis has over thirty): a tenth
    of a small analysis, paid three times per call. A class with a ``__post_init__`` (it
    copies or freezes what it is given) still goes through ``replace``.
    """
    cls = type(obj)
    if hasattr(cls, "__post_init__"):
        return dataclasses.replace(obj, **changes)
    names = _field_names(cls)
    unknown = [k for k in changes if k not in names]
    if unknown:
        raise TypeError(f"{cls.__name__} has no field {unknown[0]!r}")
    new = object.__new__(cls)
    new.__dict__.update(obj.__dict__)
    new.__dict__.update(changes)
    return new


@functools.cache
def _field_names(cls: type) -> frozenset[str]:
    return frozenset(f.name for f in dataclasses.fields(cls))


def json_number(x: float) -> float | str:
    """JSON has no NaN or infinity: those become the strings "nan", "inf", "-inf"."""
    x = float(x)
    if math.isfinite(x):
        return x
    if math.isnan(x):
        return "nan"
    return "inf" if x > 0 else "-inf"


def json_array(a: np.ndarray | None) -> Any:
    """Nested lists of JSON numbers (a 0-d array gives one number)."""
    if a is None:
        return None
    arr = np.asarray(a, dtype=np.float64)
    if arr.ndim == 0:
        return json_number(arr)
    return [json_array(row) for row in arr]


@dataclass(frozen=True)
class Check:
    """Autograd against central differences and against the symbolic Jacobian."""

    fd_max_abs_err: float | None
    fd_max_rel_err: float | None
    fd_ok: bool | None
    symbolic_max_abs_err: float | None = None
    symbolic_ok: bool | None = None

    @property
    def ok(self) -> bool | None:
        """``False`` if any check failed, ``True`` if all that ran passed, ``None`` if none ran."""
        verdicts = [v for v in (self.fd_ok, self.symbolic_ok) if v is not None]
        return all(verdicts) if verdicts else None

    def to_dict(self) -> dict[str, Any]:
        num = lambda x: None if x is None else json_number(x)  # noqa: E731
        return {
            "fd_max_abs_err": num(self.fd_max_abs_err),
            "fd_max_rel_err": num(self.fd_max_rel_err),
            "fd_ok": self.fd_ok,
            "symbolic_max_abs_err": num(self.symbolic_max_abs_err),
            "symbolic_ok": self.symbolic_ok,
            "ok": self.ok,
        }


@dataclass(frozen=True)
class Analysis:
    """Everything jacdesk knows about f at one point.

    ``jacobian`` is 2-D: rows are output components, columns the inputs flattened in declared
    variable order (matrices row-major when ``vec == "row"``, column-major when ``"col"``).
    ``jacobian_blocks`` holds torch's layout per variable: ``output_shape + variable_shape``.
    ``jacobian`` is always in numerator layout (rows = outputs); ``layout`` is the convention
    the user chose, applied by ``jacobian_in_layout`` and stated by ``conventions``.
    """

    expressions: tuple[str, ...]
    inputs: tuple[tuple[str, tuple[int, ...]], ...]
    input_labels: tuple[str, ...]
    output_labels: tuple[str, ...]
    output_shape: tuple[int, ...]
    vec: str
    point: dict[str, np.ndarray]
    value: np.ndarray
    jacobian: np.ndarray
    jacobian_blocks: dict[str, np.ndarray]
    v: np.ndarray
    vjp: np.ndarray
    gradients: dict[str, np.ndarray]
    u: np.ndarray
    jvp: np.ndarray
    rows_by_backward: np.ndarray | None
    backward_passes: int
    forward_passes: int
    determinant: float | None
    log_abs_det: float | None
    det_sign: float | None
    hessian: np.ndarray | None
    strategy: str
    check: Check
    symbolic: SymbolicResult | None
    warnings: tuple[str, ...]
    device: str = "cpu"
    dtype: str = "float64"  # what torch computed in; the arrays hold those values as float64
    elapsed_s: float = 0.0
    generation: int = 0
    extras: dict[str, Any] = field(default_factory=dict)
    layout: str = "numerator"
    kronecker: Any = None  # KroneckerLesson | None: J of A @ X @ B next to its kron formula

    @property
    def rank(self) -> int | None:
        """J's numerical rank when det J was computed (square J), else ``None``."""
        return self.extras.get("rank")

    @property
    def skipped(self) -> tuple[tuple[str, int], ...]:
        """Extras left out for size, each with the bytes it would add: ``(("rows", 8_000), ...)``.

        Names are ``"rows"``, ``"fd_check"`` and ``"det"`` (the keywords of ``analyze``), so a
        front end can offer to compute one anyway and say what it costs.
        """
        return tuple(self.extras.get("skipped", {}).items())

    @property
    def is_square(self) -> bool:
        return self.jacobian.shape[0] == self.jacobian.shape[1]

    @property
    def jacobian_in_layout(self) -> np.ndarray:
        """J as the chosen layout shows it: numerator (rows = outputs) or its transpose."""
        return self.jacobian if self.layout == NUMERATOR else self.jacobian.T

    @property
    def labels_in_layout(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(row labels, column labels) of ``jacobian_in_layout``."""
        if self.layout == NUMERATOR:
            return self.output_labels, self.input_labels
        return self.input_labels, self.output_labels

    @property
    def conventions(self) -> str:
        """One line stating the layout and vec conventions of every 2-D matrix here."""
        from jacdesk.core.conventions import statement

        return statement(self.layout, self.vec)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object printed by ``jacdesk-cli jacobian --format json``."""
        from .closed_form import closed_forms_json

        sym = self.symbolic
        num = lambda x: None if x is None else json_number(x)  # noqa: E731
        return {
            "expressions": list(self.expressions),
            "inputs": [{"name": n, "shape": list(s)} for n, s in self.inputs],
            "input_labels": list(self.input_labels),
            "output_labels": list(self.output_labels),
            "output_shape": list(self.output_shape),
            "vec": self.vec,
            "layout": self.layout,
            "conventions": self.conventions,
            "point": {k: json_array(v) for k, v in self.point.items()},
            "value": json_array(self.value),
            "jacobian": json_array(self.jacobian_in_layout),
            "jacobian_symbolic": _grid(None if sym is None else sym.jacobian_text, self.layout),
            "jacobian_latex": _grid(None if sym is None else sym.jacobian_latex, self.layout),
            "jacobian_blocks": {k: json_array(b) for k, b in self.jacobian_blocks.items()},
            "determinant": num(self.determinant),
            "log_abs_det": num(self.log_abs_det),
            "det_sign": num(self.det_sign),
            "rank": self.extras.get("rank"),
            "determinant_symbolic": None if sym is None else sym.determinant_text,
            "v": json_array(self.v),
            "vjp": json_array(self.vjp),
            "u": json_array(self.u),
            "jvp": json_array(self.jvp),
            "gradients": {k: json_array(g) for k, g in self.gradients.items()},
            "rows_by_backward": json_array(self.rows_by_backward),
            "backward_passes": self.backward_passes,
            "forward_passes": self.forward_passes,
            "hessian": json_array(self.hessian),
            "strategy": self.strategy,
            "check": self.check.to_dict(),
            "kronecker": None if self.kronecker is None else self.kronecker.to_dict(),
            "closed_forms": closed_forms_json(
                None if sym is None else sym.closed_forms, [name for name, _ in self.inputs]
            ),
            "symbolic_status": "disabled" if sym is None else sym.status,
            "warnings": list(self.warnings),
            "device": self.device,
            "dtype": self.dtype,
        }


def _grid(rows: Grid | None, layout: str = "numerator") -> list[list[str]] | None:
    if rows is None:
        return None
    if layout == DENOMINATOR:
        return [list(c) for c in zip(*rows, strict=True)] if rows else []
    return [list(r) for r in rows]
