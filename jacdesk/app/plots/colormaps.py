"""Colour maps, colour levels and the light plot look shared by the 2-D plot views (no widgets)."""

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
    item.titleLabel.item.setDefaultTextColor(pg.mkColor(FOREGROUND))


def style_color_bar(bar: pg.ColorBarItem) -> None:
    bar.axis.setPen(FOREGROUND)
    bar.axis.setTextPen(FOREGROUND)
