"""What a grid computation hands back: plain read-only arrays, safe to pass between threads."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from jacdesk.core.errors import JacdeskError
from jacdesk.core.formats.plain import exact

from .analysis import json_array


@dataclass(frozen=True)
class GridResult:
    """f, J (with respect to the plotted inputs) and det J over a 1-D or 2-D grid.

    Attributes
    ----------
    axes
        Labels of the plotted inputs (``"x1"``, ``"x[0]"``, ``"X[0,1]"``); one or two.
    coords
        One 1-D array per axis: ``coords[0]`` has n1 points, ``coords[1]`` n2.
    point
        The current point's coordinate along each axis (the other inputs are held there).
    values
        f over the grid: ``(n2, n1, m)`` for two axes — ``values[j, i]`` is f at
        ``(coords[0][i], coords[1][j])`` — or ``(n1, m)`` for one axis.
    jacobian
        ∂f/∂(plotted inputs): ``(n2, n1, m, k)`` or ``(n1, m, k)``, k the number of axes.
    det
        det of that m × k block where it is square (m == k), else ``None``.
    """

    expressions: tuple[str, ...]
    axes: tuple[str, ...]
    coords: tuple[np.ndarray, ...]
    point: tuple[float, ...]
    output_labels: tuple[str, ...]
    values: np.ndarray | None
    jacobian: np.ndarray | None
    det: np.ndarray | None
    strategy: str = ""
    elapsed_s: float = 0.0
    generation: int = 0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready (non-finite numbers as "nan"/"inf"/"-inf" strings)."""
        return {
            "expressions": list(self.expressions),
            "axes": list(self.axes),
            "coords": {a: json_array(c) for a, c in zip(self.axes, self.coords, strict=True)},
            "point": dict(zip(self.axes, self.point, strict=True)),
            "output_labels": list(self.output_labels),
            "value": json_array(self.values),
            "jacobian": json_array(self.jacobian),
            "det": json_array(self.det),
            "strategy": self.strategy,
        }


def to_long_csv(g, what: str) -> str:
    """One row per grid point: the plotted inputs, then the chosen quantities (exact floats)."""
    mesh = np.meshgrid(*g.coords) if len(g.coords) == 2 else [g.coords[0]]
    cols = [c.reshape(-1) for c in mesh]
    head = list(g.axes)
    if what == "value":
        data = g.values.reshape(cols[0].size, -1)
        head += list(g.output_labels)
    elif what == "jacobian":
        data = g.jacobian.reshape(cols[0].size, -1)
        head += [f"d{f}/d{a}" for f in g.output_labels for a in g.axes]
    else:
        if g.det is None:
            m, k = len(g.output_labels), len(g.axes)
            raise JacdeskError(
                f"det J needs as many outputs as plotted inputs ({m} outputs, {k} inputs)"
            )
        data = g.det.reshape(-1, 1)
        head.append("det J")
    quoted = [f'"{h}"' if "," in h else h for h in head]
    rows = [",".join(quoted)]
    table = np.column_stack([*cols, data])
    rows += [",".join(exact(x) for x in row) for row in table]
    return "\n".join(rows) + "\n"
