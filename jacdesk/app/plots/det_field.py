"""det J over the grid: where f keeps orientation, flips it, or folds (det J = 0)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from jacdesk.app.widgets.stale_badge import StaleBadge
from jacdesk.core.results.grid import GridResult

from . import colormaps as cm
from .panels import CurvePanel, HeatmapPanel

LEGEND = QT_TRANSLATE_NOOP(
    "DetField", "det J > 0: orientation kept · < 0: flipped · 0: not invertible"
)
LEGEND_TIP = QT_TRANSLATE_NOOP(
    "DetField",
    "Red: f keeps orientation near that point; blue: f mirrors it; the thick black curve is "
    "det J = 0, where f folds and has no local inverse. White is 0 (colours are symmetric "
    "about 0); thin lines are contours of det J. Click to move the point.",
)


class DetField(QWidget):
    """det J as a diverging heatmap centred on 0 (a curve for one plotted input)."""

    pointPicked = Signal(dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._grid: GridResult | None = None
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.badge = StaleBadge(self)
        self.map = HeatmapPanel(
            cm.diverging(), self._on_panel_clicked, contours=6, zero_contour=True
        )
        self.curve = CurvePanel(self._on_panel_clicked, zero_line=True)
        self.legend = QLabel(self.tr(LEGEND), self)
        self.legend.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.legend.setToolTip(self.tr(LEGEND_TIP))
        self.message = QLabel(self)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.map.plot, 1)
        layout.addWidget(self.curve.plot, 1)
        layout.addWidget(self.legend)
        self.clear()

    def show_grid(self, grid: GridResult) -> None:
        m, k = len(grid.output_labels), len(grid.axes)
        outs, ins = ", ".join(grid.output_labels), ", ".join(grid.axes)
        self.heading.setText(
            self.tr("<b>det J = det ∂({outs})/∂({ins})</b> over {axes}").format(
                outs=outs, ins=ins, axes=" × ".join(grid.axes)
            )
        )
        if grid.det is None:
            outputs = self.tr("1 output") if m == 1 else self.tr("{m} outputs").format(m=m)
            inputs = self.tr("1 input") if k == 1 else self.tr("{n} inputs").format(n=k)
            self.clear(
                self.tr(
                    "det J needs as many outputs as plotted inputs (here {outputs}, {inputs})."
                ).format(outputs=outputs, inputs=inputs)
            )
            return
        self._grid = grid
        self.message.setVisible(False)
        self.legend.setVisible(True)
        self.map.plot.setVisible(k == 2)
        self.curve.plot.setVisible(k == 1)
        if k == 2:
            levels = cm.symmetric_levels(grid.det)
            tip = self.tr("det J — click to move the point here")
            labels = (*grid.axes, "det J")
            self.map.set_data(
                grid.coords[0], grid.coords[1], grid.det, labels, "det J", levels, tip
            )
        else:
            labels = (grid.axes[0], "det J")
            self.curve.set_data(grid.coords[0], grid.det, labels, f"det J = d{outs}/d{ins}")
        self.set_point(tuple(grid.point))

    def set_point(self, coords: tuple[float, ...]) -> None:
        grid = self._grid
        if grid is None or grid.det is None:
            return
        if len(grid.axes) == 2:
            self.map.set_point(coords[0], coords[1])
        else:
            y0 = float(cm.bilinear(grid.coords[0], None, grid.det, coords[0], None)[0])
            self.curve.set_point(coords[0], y0)

    def set_stale(self, stale: bool) -> None:
        self.badge.set_stale(stale)
        self.map.set_stale(stale)
        self.curve.set_stale(stale)

    def clear(self, message: str = "") -> None:
        self._grid = None
        self.map.has_data = self.curve.has_data = False
        if not message:
            self.heading.setText(self.tr("det J over the grid"))
        self.message.setText(
            message or self.tr("det J over the grid appears here once f has values.")
        )
        self.message.setVisible(True)
        self.legend.setVisible(False)
        self.map.plot.setVisible(False)
        self.curve.plot.setVisible(False)

    def image_data(self) -> np.ndarray | None:
        """The array handed to the ImageItem (row-major: rows are y); None without a map."""
        return (
            self.map.image.image if self._grid is not None and len(self._grid.axes) == 2 else None
        )

    def plot_widget(self) -> pg.PlotWidget:
        return self.map.plot if self.map.plot.isVisibleTo(self) else self.curve.plot

    def _on_panel_clicked(self, x: float, y: float | None) -> None:
        if self._grid is not None:
            picked = [x] if y is None else [x, y]
            self.pointPicked.emit(dict(zip(self._grid.axes, picked, strict=False)))
