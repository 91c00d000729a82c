"""Colour maps, levels, the light plot look and display arithmetic shared by the 2-D plot views.

No widgets here, and no derivatives: only arrays that a view is about to draw.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF

BACKGROUND = "w"
FOREGROUND = "#303030"
POINT_BRUSH = "#ffffff"
POINT_PEN = "#000000"
ARROW_COLOR = "#d62728"
CONTOUR_PEN = (0, 0, 0, 110)
ZERO_PEN_WIDTH = 3.0

# Viridis at 9 stops (matplotlib's values): used when pyqtgraph's bundled table is missing.
_VIRIDIS = [
    (68, 1, 84),
    (71, 44, 122),
    (59, 81, 139),
    (44, 113, 142),
    (33, 144, 141),
    (39, 173, 129),
    (92, 200, 99),
    (170, 220, 50),
    (253, 231, 37),
]
_BLUE_WHITE_RED = [(33, 102, 172), (146, 197, 222), (247, 247, 247), (244, 165, 130), (178, 24, 43)]


def _hand_made(colors: Sequence[tuple[int, int, int]], name: str) -> pg.ColorMap:
    cmap = pg.ColorMap(np.linspace(0.0, 1.0, len(colors)), np.array(colors, dtype=np.ubyte))
    cmap.name = name
    return cmap


def sequential() -> pg.ColorMap:
    """Viridis for values of f: perceptually even, readable in grey, colour-blind safe."""
    try:
        cmap = pg.colormap.get("viridis")
    except (FileNotFoundError, OSError, KeyError, ValueError):
        cmap = None
    return cmap if cmap is not None else _hand_made(_VIRIDIS, "viridis")


def diverging() -> pg.ColorMap:
    """Blue – white – red for det J: white at 0 (with symmetric levels), red > 0, blue < 0."""
    return _hand_made(_BLUE_WHITE_RED, "blue-white-red")


def finite_levels(a: np.ndarray) -> tuple[float, float]:
    """(min, max) of the finite entries, widened when flat; (0, 1) when none is finite."""
    arr = np.asarray(a, dtype=np.float64)
    finite = arr[np.isfinite(arr)]
    if finite.size == 0:
        return 0.0, 1.0
    lo, hi = float(finite.min()), float(finite.max())
    if lo == hi:
        pad = max(abs(lo) * 0.05, 0.5)
        return lo - pad, hi + pad
    return lo, hi


def symmetric_levels(a: np.ndarray) -> tuple[float, float]:
    """(−a, a) with a the largest finite |entry| (1 when all are 0 or none is finite)."""
    arr = np.asarray(a, dtype=np.float64)
    finite = np.abs(arr[np.isfinite(arr)])
    top = float(finite.max()) if finite.size else 0.0
    if top == 0.0:
        top = 1.0
    return -top, top


def contour_levels(lo: float, hi: float, count: int = 8) -> list[float]:
    """``count`` evenly spaced levels strictly inside (lo, hi)."""
    return [float(v) for v in np.linspace(lo, hi, count + 2)[1:-1]]


def display_array(a: np.ndarray) -> np.ndarray:
    """float64 with every non-finite entry as NaN (pyqtgraph draws NaN pixels transparent)."""
    arr = np.asarray(a, dtype=np.float64)
    return np.where(np.isfinite(arr), arr, np.nan)


def pixel_rect(xs: np.ndarray, ys: np.ndarray) -> QRectF:
    """The rectangle an (len(ys), len(xs)) image covers when its pixel centres sit on the grid."""
    dx = float(xs[-1] - xs[0]) / (len(xs) - 1) if len(xs) > 1 else 1.0
    dy = float(ys[-1] - ys[0]) / (len(ys) - 1) if len(ys) > 1 else 1.0
    return QRectF(
        float(xs[0]) - dx / 2, float(ys[0]) - dy / 2, dx * len(xs), dy * len(ys)
    ).normalized()


def style_plot(plot: pg.PlotWidget) -> None:
    """White background, dark axes and text: readable next to the light Qt widgets."""
    plot.setBackground(BACKGROUND)
    item = plot.getPlotItem()
    for name in ("left", "bottom", "top", "right"):
        axis = item.getAxis(name)
        axis.setPen(FOREGROUND)
        axis.setTextPen(FOREGROUND)
        axis.enableAutoSIPrefix(False)  # no "x1 (x0.001)" with ticks in thousandths


def style_color_bar(bar: pg.ColorBarItem) -> None:
    bar.axis.setPen(FOREGROUND)
    bar.axis.setTextPen(FOREGROUND)
    bar.axis.enableAutoSIPrefix(False)


def bilinear(
    xs: np.ndarray, ys: np.ndarray | None, arr: np.ndarray, px: np.ndarray, py: np.ndarray | None
) -> np.ndarray:
    """``arr`` (``(n2, n1, ...)``, or ``(n1, ...)`` when ``ys`` is None) at the points (px, py).

    Linear interpolation between the grid's samples (clamped at its edges), for drawing things
    between grid points: the gradient at a moved point, f along a circle.
    """
    arr = np.asarray(arr, dtype=np.float64)
    with np.errstate(invalid="ignore", over="ignore"):
        i, i1, tx = _cell(xs, np.atleast_1d(px))
        tx = tx.reshape(tx.shape + (1,) * (arr.ndim - (1 if ys is None else 2)))
        if ys is None:
            return (1 - tx) * arr[i] + tx * arr[i1]
        j, j1, ty = _cell(ys, np.atleast_1d(py))
        ty = ty.reshape(tx.shape)
        low = (1 - tx) * arr[j, i] + tx * arr[j, i1]
        high = (1 - tx) * arr[j1, i] + tx * arr[j1, i1]
        return (1 - ty) * low + ty * high


def _cell(axis: np.ndarray, p: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per point: the grid cell's two indices along ``axis`` and the fraction between them."""
    axis = np.asarray(axis, dtype=np.float64)
    p = np.asarray(p, dtype=np.float64)
    if len(axis) < 2:
        zero = np.zeros(p.shape, dtype=int)
        return zero, zero, np.zeros(p.shape)
    k = np.clip(np.searchsorted(axis, p) - 1, 0, len(axis) - 2)
    t = np.clip((p - axis[k]) / (axis[k + 1] - axis[k]), 0.0, 1.0)
    return k, k + 1, t


def contour_segments(xs: np.ndarray, ys: np.ndarray, z: np.ndarray, level: float) -> np.ndarray:
    """Marching squares, vectorised: the line pieces (k, 2, 2) where ``z`` crosses ``level``.

    ``z[j, i]`` sits at ``(xs[i], ys[j])``; crossings are linear between neighbouring samples.
    Cells with a non-finite corner are skipped; saddles are split by the cell's mean.
    """
    z = np.asarray(z, dtype=np.float64)
    if z.ndim != 2 or min(z.shape) < 2:
        return np.zeros((0, 2, 2))
    x = np.asarray(xs, dtype=np.float64)[None, :]
    y = np.asarray(ys, dtype=np.float64)[:, None]
    a, b, c, d = z[:-1, :-1], z[:-1, 1:], z[1:, 1:], z[1:, :-1]  # corners: BL, BR, TR, TL
    xl, xr, yb, yt = x[:, :-1], x[:, 1:], y[:-1], y[1:]
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        edges = []  # (crossed, px, py) for the bottom, right, top and left edge
        for p, q, x0, y0, x1, y1 in (
            (a, b, xl, yb, xr, yb),
            (b, c, xr, yb, xr, yt),
            (d, c, xl, yt, xr, yt),
            (a, d, xl, yb, xl, yt),
        ):
            crossed = ((p < level) != (q < level)) & np.isfinite(p) & np.isfinite(q)
            t = (level - p) / (q - p)
            edges.append((crossed, x0 + t * (x1 - x0), y0 + t * (y1 - y0)))
        mask = np.stack([e[0] for e in edges])
        px = np.stack([np.broadcast_to(e[1], a.shape) for e in edges])
        py = np.stack([np.broadcast_to(e[2], a.shape) for e in edges])
        count = mask.sum(axis=0)
        pieces = []
        two = count == 2
        if two.any():
            first, second = np.argsort(~mask[:, two], axis=0, kind="stable")[:2]
            cols = np.arange(first.size)
            pts = [(px[:, two][e, cols], py[:, two][e, cols]) for e in (first, second)]
            pieces.append(np.stack([np.column_stack(p) for p in pts], axis=1))
        four = count == 4
        if four.any():
            centre_low = (a + b + c + d)[four] / 4 < level
            a_low = a[four] < level
            pairs = np.where((centre_low == a_low)[:, None], [[0, 1, 2, 3]], [[0, 3, 2, 1]])
            cols = np.arange(pairs.shape[0])
            for s in (0, 2):
                ends = [
                    (px[:, four][pairs[:, s + k], cols], py[:, four][pairs[:, s + k], cols])
                    for k in (0, 1)
                ]
                pieces.append(np.stack([np.column_stack(e) for e in ends], axis=1))
    return np.concatenate(pieces) if pieces else np.zeros((0, 2, 2))
