"""Heatmaps of each output f_i over two plotted inputs, with contours and the gradient at the point.

Also the two plot panels the other 2-D views reuse: :class:`HeatmapPanel` (image, colour bar,
contours, point, arrow) and :class:`CurvePanel` (f over one input and its tangent line).
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from jacdesk.app.widgets.stale_badge import StaleBadge
from jacdesk.core.results.analysis import Analysis
from jacdesk.core.results.grid import GridResult

from . import colormaps as cm
from .panels import ARROW_FRACTION, MAX_VISIBLE, CurvePanel, HeatmapPanel


class ComponentMaps(QWidget):
    """Small multiples: one map (or curve, for one plotted input) per output component f_i."""

    pointPicked = Signal(dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._grid: GridResult | None = None
        self._result: Analysis | None = None
        self._coords: tuple[float, ...] = ()
        self._panels: list[HeatmapPanel | CurvePanel] = []
        self._cmap = cm.sequential()
        self.caption = QLabel(self)
        self.caption.setWordWrap(True)
        self.caption.setToolTip(
            self.tr(
                "Colour: the value of f_i; thin lines: contours of f_i; red arrow: the gradient "
                "∇f_i = row i of J (the plotted columns), drawn at a fixed share of the plot. "
                "Click a map to move the point there."
            )
        )
        self.page = QComboBox(self)
        self.page.setToolTip(self.tr("At most four maps fit at once: pick which outputs to show"))
        self.page.currentIndexChanged.connect(self._on_page_changed)
        self.badge = StaleBadge(self)
        self.message = QLabel(self)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.area = QWidget(self)
        self.area_layout = QGridLayout(self.area)
        self.area_layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.caption, 1)
        top.addWidget(self.page)
        top.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.area, 1)
        self.clear()

    def show_grid(self, grid: GridResult, result: Analysis | None = None) -> None:
        """Draw ``grid``; ``result`` (at ``grid.point``) gives the exact J for the arrows."""
        if grid.values is None:
            self.clear(self.tr("f has no values over this grid"))
            return
        self._grid, self._result, self._coords = grid, result, tuple(grid.point)
        m = len(grid.output_labels)
        pages = [
            f"{grid.output_labels[s]} … {grid.output_labels[min(s + MAX_VISIBLE, m) - 1]}"
            for s in range(0, m, MAX_VISIBLE)
        ]
        self.page.blockSignals(True)
        keep = self.page.currentIndex() if self.page.count() == len(pages) else 0
        self.page.clear()
        self.page.addItems(pages)
        self.page.setCurrentIndex(keep)
        self.page.blockSignals(False)
        self.page.setVisible(m > MAX_VISIBLE)
        axes = " × ".join(grid.axes)
        self.caption.setText(
            self.tr("<b>{outputs}</b> over {axes}").format(
                outputs=", ".join(grid.output_labels[:8]), axes=axes
            )
        )
        self.message.setVisible(False)
        self.area.setVisible(True)
        self._draw()

    def set_point(self, coords: tuple[float, ...], result: Analysis | None = None) -> None:
        """Move markers and arrows (``result``, if given, is the Analysis at ``coords``)."""
        self._coords, self._result = tuple(coords), result
        if self._grid is not None:
            for k, panel in zip(self._shown(), self._panels, strict=False):
                self._place_point(k, panel)

    def set_stale(self, stale: bool) -> None:
        self.badge.set_stale(stale)
        for panel in self._panels:
            panel.set_stale(stale)

    def clear(self, message: str = "") -> None:
        self._grid = self._result = None
        self.page.setVisible(False)
        self.caption.setText(self.tr("Maps of f over two inputs"))
        self.message.setText(
            message or self.tr("Maps of each output appear here once f has values.")
        )
        self.message.setVisible(True)
        self.area.setVisible(False)

    def image_data(self, i: int) -> np.ndarray:
        """The array the map of output i hands its ImageItem (row-major: rows are y)."""
        panel = self._panel_of(i)
        assert isinstance(panel, HeatmapPanel), "one plotted input: curves, no image"
        return panel.image.image

    def plot_widget(self, i: int) -> pg.PlotWidget:
        """The plot of output i (it must be on the page shown)."""
        return self._panel_of(i).plot

    def panel(self, i: int) -> HeatmapPanel | CurvePanel:
        """The items drawn for output i: image, contours, marker, arrow (or curve, tangent)."""
        return self._panel_of(i)

    def _panel_of(self, i: int) -> HeatmapPanel | CurvePanel:
        shown = self._shown()
        if i not in shown:
            raise IndexError(f"output {i} is not among the maps shown ({list(shown)})")
        return self._panels[shown.index(i)]

    def _shown(self) -> list[int]:
        if self._grid is None:
            return []
        start = max(self.page.currentIndex(), 0) * MAX_VISIBLE
        return list(range(start, min(start + MAX_VISIBLE, len(self._grid.output_labels))))

    def _on_page_changed(self, _index: int) -> None:
        if self._grid is not None:
            self._draw()

    def _on_panel_clicked(self, x: float, y: float | None) -> None:
        if self._grid is not None:
            picked = [x] if y is None else [x, y]
            self.pointPicked.emit(dict(zip(self._grid.axes, picked, strict=False)))

    def _draw(self) -> None:
        grid = self._grid
        assert grid is not None and grid.values is not None
        shown = self._shown()
        two = len(grid.axes) == 2
        kind = HeatmapPanel if two else CurvePanel
        if len(self._panels) != len(shown) or not all(isinstance(p, kind) for p in self._panels):
            self._rebuild(len(shown), two)
        for k, panel in zip(shown, self._panels, strict=True):
            label = grid.output_labels[k]
            expr = grid.expressions[k] if len(grid.expressions) == len(grid.output_labels) else ""
            if isinstance(panel, HeatmapPanel):
                z = grid.values[:, :, k]
                tip = f"{label} = {expr}" if expr else label
                panel.set_data(
                    grid.coords[0],
                    grid.coords[1],
                    z,
                    (*grid.axes, label),
                    label,
                    cm.finite_levels(z),
                    tip + self.tr(" — click to move the point here"),
                )
            else:
                panel.set_data(grid.coords[0], grid.values[:, k], (grid.axes[0], label), label)
            self._place_point(k, panel)

    def _rebuild(self, count: int, two: bool) -> None:
        for panel in self._panels:
            self.area_layout.removeWidget(panel.plot)
            panel.plot.deleteLater()
        make = (
            (lambda: HeatmapPanel(self._cmap, self._on_panel_clicked))
            if two
            else (lambda: CurvePanel(self._on_panel_clicked))
        )
        self._panels = [make() for _ in range(count)]
        cols = 1 if count == 1 else 2
        for n, panel in enumerate(self._panels):
            self.area_layout.addWidget(panel.plot, n // cols, n % cols)
            panel.set_stale(self.badge.isVisibleTo(self))

    def _jacobian_row(self, k: int) -> np.ndarray:
        """Row k of J over the plotted inputs at the point: exact from the Analysis, if any."""
        grid, result = self._grid, self._result
        assert grid is not None
        if result is not None and all(a in result.input_labels for a in grid.axes):
            cols = [result.input_labels.index(a) for a in grid.axes]
            return np.asarray(result.jacobian, dtype=np.float64)[k, cols]
        if grid.jacobian is None:
            return np.full(len(grid.axes), np.nan)
        ys = grid.coords[1] if len(grid.axes) == 2 else None
        py = self._coords[1] if ys is not None else None
        return cm.bilinear(grid.coords[0], ys, grid.jacobian, self._coords[0], py)[0, k]

    def _place_point(self, k: int, panel: HeatmapPanel | CurvePanel) -> None:
        grid = self._grid
        assert grid is not None and grid.values is not None
        row = self._jacobian_row(k)
        label = grid.output_labels[k]
        if isinstance(panel, CurvePanel):
            x0 = self._coords[0]
            if self._result is not None:
                y0 = float(np.ravel(self._result.value)[k])
            else:
                y0 = float(cm.bilinear(grid.coords[0], None, grid.values[:, k], x0, None)[0])
            panel.set_point(x0, y0)
            slope = float(row[0])
            panel.plot.setTitle(
                self.tr("{label}   (slope at the point: {slope})").format(
                    label=label, slope=f"{slope:.4g}"
                ),
                color=cm.FOREGROUND,
            )
            tip = self.tr("tangent at {axis} = {x0}: slope = J[{k}, 0] = {slope}").format(
                axis=grid.axes[0], x0=f"{x0:.6g}", k=k, slope=f"{slope:.6g}"
            )
            panel.set_tangent(x0, y0, slope, tip)
            return
        x0, y0 = self._coords[:2]
        panel.set_point(x0, y0)
        rect = panel.rect
        gx, gy = float(row[0]), float(row[1])
        size = math.hypot(gx / rect.width(), gy / rect.height())
        if not (math.isfinite(size) and size > 0):
            panel.set_arrow(None)
            return
        scale = ARROW_FRACTION / size
        length = math.hypot(gx, gy)
        panel.set_arrow(
            (x0, y0, gx * scale, gy * scale),
            f"∇{label}",
            self.tr(
                "∇{label}: ({gx}, {gy}) = row {row} of J over {axes}; "
                "true length |∇{label}| = {length} (drawn at {share} of the plot)"
            ).format(
                label=label,
                gx=f"{gx:.4g}",
                gy=f"{gy:.4g}",
                row=k + 1,
                axes=", ".join(grid.axes),
                length=f"{length:.6g}",
                share=f"{ARROW_FRACTION:.0%}",
            ),
        )
