"""The finite-difference V: max |J_fd(h) − J| against the step h, log-log, forward and central.

Forward differences fall with h (truncation, slope 1) until rounding (slope −1) takes over near
h ≈ √ε; central differences fall faster (slope 2) and turn near h ≈ ∛ε. The best step of each
is marked, and √ε, ∛ε of the dtype used are drawn as dashed lines for comparison.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from jacdesk.core.results.precision import PrecisionResult

from . import colormaps as cm
from .panels import STALE_OPACITY

FORWARD_COLOR = "#1f77b4"
CENTRAL_COLOR = "#d62728"
GUIDE_PEN = (90, 90, 90, 150)
#: An error of exactly 0 (a quadratic f's central differences) has no logarithm: it is drawn
#: at this floor, well below any rounding error of float64, instead of vanishing from the V.
FLOOR = 1e-18
DECADE_PEN = (228, 228, 228)  # light and opaque: the decades behind the curves
_GUIDE = {"position": 0.95, "color": (70, 70, 70)}  # the √ε, ∛ε labels, near the top
EPS = {"float64": float(np.finfo(np.float64).eps), "float32": float(np.finfo(np.float32).eps)}


class PrecisionPlot(QWidget):
    """Two curves on log-log axes, the two best steps marked and labelled, √ε and ∛ε lines.

    The texts (axis titles, legend, labels) come translated from the page that owns the plot,
    through :meth:`set_texts`; this widget only draws.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plot = pg.PlotWidget(self)
        cm.style_plot(self.plot)
        self.plot.setMinimumSize(260, 220)
        self.plot.setLogMode(x=True, y=True)
        # A line at every decade, opaque: pyqtgraph's own grid blends every minor tick of
        # both log axes across the plot (40 ms a paint in software, against 4 ms for these).
        decade = pg.mkPen(DECADE_PEN, width=1)
        for k in range(-15, 2):
            self.plot.addItem(pg.InfiniteLine(pos=k, angle=90, pen=decade), ignoreBounds=True)
        for k in range(-20, 5):
            self.plot.addItem(pg.InfiniteLine(pos=k, angle=0, pen=decade), ignoreBounds=True)
        # Bottom left: the V leaves that corner empty (the curves fall from the left, rise right).
        self.legend = self.plot.addLegend(
            offset=(10, -10), labelTextColor=cm.FOREGROUND, brush=(255, 255, 255, 200)
        )
        self.forward = self.plot.plot(
            [], [], pen=pg.mkPen(FORWARD_COLOR, width=2), symbol="o", symbolSize=6,
            symbolBrush=FORWARD_COLOR, symbolPen=None,
        )  # fmt: skip
        self.central = self.plot.plot(
            [], [], pen=pg.mkPen(CENTRAL_COLOR, width=2), symbol="s", symbolSize=6,
            symbolBrush=CENTRAL_COLOR, symbolPen=None,
        )  # fmt: skip
        # The best steps: stars (PlotDataItems, so log mode applies) with text beside them.
        self.best_forward = self.plot.plot(
            [], [], pen=None, symbol="star", symbolSize=16, symbolBrush=FORWARD_COLOR
        )
        self.best_central = self.plot.plot(
            [], [], pen=None, symbol="star", symbolSize=16, symbolBrush=CENTRAL_COLOR
        )
        self.forward_label = pg.TextItem(color=FORWARD_COLOR, anchor=(0, 1.2))
        self.central_label = pg.TextItem(color=CENTRAL_COLOR, anchor=(1, -0.2))
        guide = pg.mkPen(GUIDE_PEN, width=1, style=Qt.PenStyle.DashLine)
        self.sqrt_eps = pg.InfiniteLine(angle=90, pen=guide, label="√ε", labelOpts=_GUIDE)
        self.cbrt_eps = pg.InfiniteLine(angle=90, pen=guide, label="∛ε", labelOpts=_GUIDE)
        for item in (self.forward_label, self.central_label, self.sqrt_eps, self.cbrt_eps):
            self.plot.addItem(item, ignoreBounds=True)
        self._best_texts = ("", "")
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.plot)

    def set_texts(self, x_title: str, y_title: str, forward: str, central: str) -> None:
        """Axis titles and the legend's names of the two curves (translated by the caller)."""
        self.plot.setLabel("bottom", x_title, color=cm.FOREGROUND)
        self.plot.setLabel("left", y_title, color=cm.FOREGROUND)
        self.legend.clear()
        self.legend.addItem(self.forward, forward)
        self.legend.addItem(self.central, central)
        self._best_texts = (forward, central)

    def show_result(self, result: PrecisionResult, best_forward: str, best_central: str) -> None:
        """Draw ``result``'s two curves; ``best_*`` label the marked best steps."""
        steps = np.asarray(result.steps, dtype=np.float64)
        fwd = np.maximum(np.asarray(result.forward_error, dtype=np.float64), FLOOR)
        cen = np.maximum(np.asarray(result.central_error, dtype=np.float64), FLOOR)
        self.forward.setData(steps, fwd)
        self.central.setData(steps, cen)
        for star, label, h, errors, text in (
            (self.best_forward, self.forward_label, result.best_forward, fwd, best_forward),
            (self.best_central, self.central_label, result.best_central, cen, best_central),
        ):
            err = float(errors[int(np.argmin(np.abs(steps - h)))])
            star.setData([h], [err])
            label.setText(text)
            label.setPos(math.log10(h), math.log10(err))  # log mode: view coordinates are log10
        eps = EPS.get(result.dtype, EPS["float64"])
        self.sqrt_eps.setPos(math.log10(math.sqrt(eps)))
        self.cbrt_eps.setPos(math.log10(eps ** (1.0 / 3.0)))
        self.plot.getPlotItem().enableAutoRange()

    def clear(self) -> None:
        for item in (self.forward, self.central, self.best_forward, self.best_central):
            item.setData([], [])
        for label in (self.forward_label, self.central_label):
            label.setText("")

    def curve(self, which: str) -> tuple[np.ndarray, np.ndarray]:
        """(steps, errors) drawn for ``"forward"`` or ``"central"`` (as given, not log10)."""
        item = self.forward if which == "forward" else self.central
        x, y = item.getOriginalDataset()
        return (np.array([]), np.array([])) if x is None else (np.asarray(x), np.asarray(y))

    def best(self, which: str) -> float | None:
        """The step marked best for ``"forward"`` or ``"central"`` (None before a result)."""
        item = self.best_forward if which == "forward" else self.best_central
        x, _ = item.getOriginalDataset()
        return None if x is None or len(x) == 0 else float(x[0])

    def set_stale(self, stale: bool) -> None:
        self.plot.getPlotItem().setOpacity(STALE_OPACITY if stale else 1.0)
