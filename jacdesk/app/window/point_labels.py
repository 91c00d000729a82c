"""Between a result's input entries and the plots' labels ("x1", "X[0,1]") of a point."""

from __future__ import annotations

import numpy as np

from jacdesk.core.conventions import ROW
from jacdesk.core.language.program import entry_labels
from jacdesk.core.results.analysis import Analysis


def point_by_label(result: Analysis) -> dict[str, float]:
    """{"x1": 1.0, "X[0,1]": 2.0, …}: every input entry's value at the point."""
    out: dict[str, float] = {}
    for name, shape in result.inputs:
        values = np.asarray(result.point[name], dtype=np.float64).reshape(-1)
        out.update(zip(entry_labels(name, shape, ROW), values.tolist(), strict=True))
    return out


def split_label(label: str) -> tuple[str, tuple[int, ...]]:
    """ "X[0,1]" → ("X", (0, 1)); "x[2]" → ("x", (2,)); "x1" → ("x1", ())."""
    name, _, rest = label.partition("[")
    if not rest:
        return name, ()
    return name, tuple(int(k) for k in rest.rstrip("]").split(","))
