"""The plot panels the 2-D views are built from: a heatmap with contours and a gradient arrow,
and a curve with its tangent line (split from maps_2d so each module stays small)."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np
import pyqtgraph as pg
from pyqtgraph.GraphicsScene.mouseEvents import MouseClickEvent
from PySide6.QtCore import QPointF, QRectF, Qt

from . import colormaps as cm

MAX_VISIBLE = 4
ARROW_FRACTION = 0.15
CONTOUR_SAMPLES = 200  # contours are traced on at most this many samples per axis (speed)
STALE_OPACITY = 0.45
HEAD_PX = 14
Click = Callable[[float, float | None], None]


def make_plot(title: str) -> pg.PlotWidget:
    plot = pg.PlotWidget()
    cm.style_plot(plot)
    plot.setTitle(title, color=cm.FOREGROUND)
    plot.setMinimumSize(220, 180)
    plot.setAntialiasing(True)
    return plot


def make_marker() -> pg.ScatterPlotItem:
    return pg.ScatterPlotItem(
        size=11, symbol="o", pen=pg.mkPen(cm.POINT_PEN, width=1.5), brush=cm.POINT_BRUSH
    )


def _subsample(n: int) -> np.ndarray:
    """At most CONTOUR_SAMPLES evenly spread indices of range(n), first and last included."""
    if n <= CONTOUR_SAMPLES:
        return np.arange(n)
    return np.unique(np.linspace(0, n - 1, CONTOUR_SAMPLES).round().astype(int))


class _Panel:
    """A PlotWidget that reports left clicks inside its view box as view coordinates."""

    def __init__(self, title: str, on_click: Click) -> None:
        self.plot = make_plot(title)
        self.view = self.plot.getViewBox()
        self._on_click = on_click
        self.has_data = False
        self.plot.scene().sigMouseClicked.connect(self._on_scene_clicked)

    def _on_scene_clicked(self, event: MouseClickEvent) -> None:
        pos = event.scenePos()
        if event.button() != Qt.MouseButton.LeftButton or not self.has_data:
            return
        if self.view.sceneBoundingRect().contains(pos):
            p = self.view.mapSceneToView(pos)
            self.emit_click(p.x(), p.y())

    def emit_click(self, x: float, y: float) -> None:
        self._on_click(x, y)

    def set_stale(self, stale: bool) -> None:
        self.plot.getPlotItem().setOpacity(STALE_OPACITY if stale else 1.0)


class HeatmapPanel(_Panel):
    """z over (x, y): image with pixel centres on the grid, colour bar, contours, point, arrow."""

    def __init__(
        self, cmap: pg.ColorMap, on_click: Click, contours: int = 8, zero_contour: bool = False
    ) -> None:
        super().__init__("", on_click)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.plot.addItem(self.image)
        self.bar = pg.ColorBarItem(colorMap=cmap, interactive=False, width=14)
        self.bar.setImageItem(self.image, insert_in=self.plot.getPlotItem())
        cm.style_color_bar(self.bar)
        self.count = contours
        self.levels: list[float] = []
        self.contours = pg.PlotCurveItem(pen=pg.mkPen(cm.CONTOUR_PEN, width=1), antialias=True)
        thick = pg.mkPen("k", width=cm.ZERO_PEN_WIDTH, capStyle=Qt.PenCapStyle.RoundCap)
        self.zero = pg.PlotCurveItem(pen=thick, antialias=True)
        self.zero.setVisible(zero_contour)
        self._zero = zero_contour
        for item in (self.contours, self.zero):
            self.plot.addItem(item, ignoreBounds=True)
        self.marker = make_marker()
        self.arrow_line = pg.PlotCurveItem(pen=pg.mkPen(cm.ARROW_COLOR, width=2.5), antialias=True)
        self.arrow_head = pg.ArrowItem(
            headLen=HEAD_PX, tipAngle=36, tailLen=None, pen=None, brush=cm.ARROW_COLOR
        )
        self.arrow_label = pg.TextItem(
            color=cm.ARROW_COLOR, anchor=(0, 1), fill=(255, 255, 255, 170)
        )
        for item in (self.marker, self.arrow_line, self.arrow_head, self.arrow_label):
            self.plot.addItem(item, ignoreBounds=True)
        self._arrow: tuple[float, float, float, float] | None = None
        self.rect = QRectF(0, 0, 1, 1)
        self.view.sigTransformChanged.connect(self._on_view_transform_changed)
        self.set_arrow(None)

    def set_data(
        self,
        xs: np.ndarray,
        ys: np.ndarray,
        z: np.ndarray,
        labels: Sequence[str],
        title: str,
        levels: tuple[float, float],
        tip: str = "",
    ) -> None:
        """``z[j, i]`` is drawn at ``(xs[i], ys[j])``; ``labels`` are (x, y, colour bar)."""
        data = cm.display_array(z)
        rect = cm.pixel_rect(xs, ys)
        # The item keeps this exact array (and the QImage built from it) alive while it paints.
        self._image_data = np.ascontiguousarray(data)
        self.image.setImage(self._image_data, levels=levels, autoLevels=False)
        self.image.render()  # build the QImage now, not inside a later paint event
        self.image.setRect(rect)
        self.rect = rect
        self.image.setToolTip(tip)
        self.bar.setLevels(levels)
        self.bar.axis.setLabel(labels[2], color=cm.FOREGROUND)
        self._set_contours(xs, ys, data, levels)
        self.plot.setTitle(title, color=cm.FOREGROUND)
        self.plot.setLabel("bottom", labels[0], color=cm.FOREGROUND)
        self.plot.setLabel("left", labels[1], color=cm.FOREGROUND)
        self.view.setRange(rect, padding=0)
        self.has_data = True

    def _set_contours(
        self, xs: np.ndarray, ys: np.ndarray, data: np.ndarray, levels: tuple[float, float]
    ) -> None:
        """Thin lines at evenly spaced levels (and the thick 0 line), traced on at most
        CONTOUR_SAMPLES samples per axis: the edges are always among them."""
        rows, cols = (_subsample(n) for n in data.shape)
        small, sx, sy = data[np.ix_(rows, cols)], np.asarray(xs)[cols], np.asarray(ys)[rows]
        self.levels = cm.contour_levels(*levels, self.count) if self.count else []
        for item, lvls in ((self.contours, self.levels), (self.zero, [0.0] * self._zero)):
            found = [cm.contour_segments(sx, sy, small, v) for v in lvls]
            pieces = np.concatenate(found) if found else np.zeros((0, 2, 2))
            # One NaN after each piece: connect="pairs" crashed PySide6 6.11 here (see report).
            gaps = np.full((len(pieces), 1), np.nan)
            xs3 = np.hstack([pieces[:, :, 0], gaps]).ravel()
            ys3 = np.hstack([pieces[:, :, 1], gaps]).ravel()
            item.setData(xs3, ys3, connect="finite")

    def set_point(self, x: float, y: float) -> None:
        self.marker.setData([x], [y])

    def set_arrow(
        self, vector: tuple[float, float, float, float] | None, name: str = "", tip: str = ""
    ) -> None:
        """An arrow from (x, y) by (dx, dy) in data coordinates; ``None`` hides it.

        The view grows past the image only when the arrow would leave it.
        """
        self._arrow = vector
        for item in (self.arrow_line, self.arrow_head, self.arrow_label):
            item.setVisible(vector is not None)
        view = QRectF(self.rect)
        if vector is not None:
            x, y, dx, dy = vector
            self.arrow_head.setPos(x + dx, y + dy)
            self.arrow_label.setPos(x + dx / 2, y + dy / 2)
            self.arrow_label.setText(name)
            for item in (self.arrow_line, self.arrow_head):
                item.setToolTip(tip)
            pad_x, pad_y = 0.02 * view.width(), 0.02 * view.height()
            tip_box = QRectF(x + dx - pad_x, y + dy - pad_y, 2 * pad_x, 2 * pad_y)
            if not view.contains(tip_box) and view.contains(QPointF(x, y)):
                view = view.united(tip_box)
        if self.has_data:
            self.view.setRange(view, padding=0)
        self._on_view_transform_changed()

    def _on_view_transform_changed(self) -> None:
        """Head and label are drawn in pixels: turn the head along the line as the screen
        shows it, and put the label beside the middle of the line."""
        if self._arrow is None:
            return
        x, y, dx, dy = self._arrow
        a = self.view.mapViewToScene(QPointF(x, y))
        b = self.view.mapViewToScene(QPointF(x + dx, y + dy))
        sx, sy = b.x() - a.x(), b.y() - a.y()
        self.arrow_head.setStyle(angle=math.degrees(math.atan2(-sy, -sx)))
        norm = math.hypot(sx, sy) or 1.0
        shaft = max(0.0, 1.0 - (HEAD_PX - 2) / norm)  # stop under the head: keep its tip sharp
        self.arrow_line.setData([x, x + shaft * dx], [y, y + shaft * dy])
        px, py = sy / norm, -sx / norm  # the screen normal on the line's left
        self.arrow_label.setAnchor((0.5 - 0.6 * px, 0.5 - 0.6 * py))


class CurvePanel(_Panel):
    """y over one input, with an optional tangent line through the point and a zero line."""

    def __init__(self, on_click: Click, zero_line: bool = False) -> None:
        super().__init__("", on_click)
        self.curve = pg.PlotDataItem(pen=pg.mkPen("#1f77b4", width=2), antialias=True)
        self.tangent = pg.PlotCurveItem(
            pen=pg.mkPen(cm.ARROW_COLOR, width=2, style=Qt.PenStyle.DashLine), antialias=True
        )
        self.marker = make_marker()
        self.plot.addItem(self.curve)
        if zero_line:
            self.plot.addItem(pg.InfiniteLine(pos=0.0, angle=0, pen=pg.mkPen("k", width=1.5)))
        self.plot.addItem(self.tangent, ignoreBounds=True)
        self.plot.addItem(self.marker, ignoreBounds=True)
        self._xs = np.zeros(0)

    def set_data(self, xs: np.ndarray, ys: np.ndarray, labels: Sequence[str], title: str) -> None:
        self._xs = np.asarray(xs, dtype=np.float64)
        self.curve.setData(self._xs, cm.display_array(ys), connect="finite")
        self.plot.setTitle(title, color=cm.FOREGROUND)
        self.plot.setLabel("bottom", labels[0], color=cm.FOREGROUND)
        self.plot.setLabel("left", labels[1], color=cm.FOREGROUND)
        xr = (float(self._xs.min()), float(self._xs.max())) if len(self._xs) else (0.0, 1.0)
        self.view.setRange(xRange=xr, yRange=cm.finite_levels(ys), padding=0.05)
        self.has_data = True

    def emit_click(self, x: float, y: float) -> None:
        self._on_click(x, None)

    def set_point(self, x: float, y: float) -> None:
        self.marker.setData([x], [y])

    def set_tangent(self, x0: float, y0: float, slope: float | None, tip: str = "") -> None:
        """The line y0 + slope·(x − x0) across the plotted range (hidden when not finite)."""
        ok = slope is not None and math.isfinite(slope) and math.isfinite(y0) and len(self._xs)
        self.tangent.setVisible(bool(ok))
        if ok:
            ends = np.array([self._xs[0], self._xs[-1]])
            self.tangent.setData(ends, y0 + slope * (ends - x0))
            self.tangent.setToolTip(tip)

    def tangent_line(self) -> np.ndarray:
        """The drawn tangent's two end points, rows (x, y)."""
        xs, ys = self.tangent.getData()
        return np.column_stack([xs, ys])
