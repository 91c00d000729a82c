"""What J does near the point: a small square and circle, their images under f and under
the linearisation f(x0) + J (x − x0) — a parallelogram of area |det J|·area and an ellipse with
semi-axes σ1·r, σ2·r (the singular values of J)."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsPolygonItem, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from jacdesk.app.widgets.stale_badge import StaleBadge
from jacdesk.core.conventions import COL
from jacdesk.core.results.analysis import Analysis
from jacdesk.core.results.grid import GridResult

from . import colormaps as cm
from .panels import STALE_OPACITY, CurvePanel, make_marker, make_plot

TRUE_PEN = pg.mkPen("#1f77b4", width=1.5)
CIRCLE_PEN = pg.mkPen("#2ca02c", width=2)
LINEAR_PEN = pg.mkPen("#ff7f0e", width=2, style=Qt.PenStyle.DashLine)
LINEAR_FILL = pg.mkBrush(255, 127, 14, 50)
AXIS_PEN = pg.mkPen(cm.ARROW_COLOR, width=2.5)
LINES = 5  # grid lines per direction in the small square
CIRCLE = 120  # samples on the circle
SHAPES = ((2, 2), (1, 1))  # (outputs, plotted inputs) this view can draw


def point_coords(result: Analysis) -> dict[str, float]:
    """The point as input label → coordinate (entries flattened as J's columns are)."""
    order = "F" if result.vec == COL else "C"
    flat = [
        np.ravel(np.asarray(result.point[name], dtype=np.float64), order=order)
        for name, _shape in result.inputs
    ]
    values = np.concatenate(flat) if flat else np.zeros(0)
    return dict(zip(result.input_labels, (float(v) for v in values), strict=False))


def _line(
    plot: pg.PlotWidget, xs: np.ndarray, ys: np.ndarray, pen: QPen, name: str | None = None
) -> None:
    plot.plot(xs, ys, pen=pen, antialias=True, name=name or None, connect="finite")


class LinearMapView(QWidget):
    """Input square and circle beside their images under f and under its linearisation."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sigma: tuple[float, float] = (math.nan, math.nan)
        self._corners = np.full((4, 2), np.nan)
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.badge = StaleBadge(self)
        self.numbers = QLabel(self)
        self.numbers.setWordWrap(True)
        self.numbers.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.numbers.setToolTip(
            self.tr("Display arithmetic on the 2×2 J at the point: det and SVD")
        )
        self.message = QLabel(self)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.source = make_plot(self.tr("near the point (input space)"))
        self.target = make_plot(self.tr("its images (output space)"))
        for plot in (self.source, self.target):
            plot.setAspectLocked(True)
        # The legend sits under the axes, not over them: J often squeezes the images into a
        # thin shape (σ1/σ2 = 10 for the seed) that an in-plot legend would cover.
        item = self.target.getPlotItem()
        item.legend = pg.LegendItem(colCount=2, labelTextColor=cm.FOREGROUND)
        item.layout.addItem(item.legend, 4, 1)
        self.curve = CurvePanel(lambda _x, _y: None)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        plots = QHBoxLayout()
        for w in (self.source, self.target, self.curve.plot):
            plots.addWidget(w, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message, 1)
        layout.addLayout(plots, 1)
        layout.addWidget(self.numbers)
        self.clear()

    def show(  # type: ignore[override]
        self, result: Analysis | None = None, local: GridResult | None = None
    ) -> None:
        """Draw J of ``result`` near its point; ``local`` is f over point ± r (25×25 or so).

        Without arguments this is ``QWidget.show()``, which it shadows.
        """
        if result is None:
            super().show()
            return
        axes = tuple(local.axes) if local is not None else tuple(result.input_labels)
        m = result.jacobian.shape[0]
        if not all(a in result.input_labels for a in axes) or (m, len(axes)) not in SHAPES:
            k = len(axes)
            outputs = self.tr("1 output") if m == 1 else self.tr("{m} outputs").format(m=m)
            inputs = (
                self.tr("1 plotted input") if k == 1 else self.tr("{n} plotted inputs").format(n=k)
            )
            self.clear(
                self.tr(
                    "This picture needs a map 2 → 2 (or 1 → 1): here f has {outputs} over {inputs}."
                ).format(outputs=outputs, inputs=inputs)
            )
            return
        jac = np.asarray(result.jacobian, dtype=np.float64)[
            :, [result.input_labels.index(a) for a in axes]
        ]
        if not np.isfinite(jac).all():
            self.clear(self.tr("J is not finite at the point (f is not differentiable there)."))
            return
        coords = point_coords(result)
        x0 = np.array(
            local.point if local is not None else [coords[a] for a in axes], dtype=np.float64
        )
        f0 = np.ravel(np.asarray(result.value, dtype=np.float64))
        outs = ", ".join(result.output_labels)
        self.heading.setText(
            self.tr("<b>J as a linear map</b> ({ins}) → ({outs}) near the point").format(
                ins=", ".join(axes), outs=outs
            )
        )
        self.message.setVisible(False)
        two = m == 2
        self.source.setVisible(two)
        self.target.setVisible(two)
        self.curve.plot.setVisible(not two)
        if two:
            self._show_2d(jac, x0, f0, axes, result.output_labels, local)
        else:
            self._show_1d(
                float(jac[0, 0]),
                float(x0[0]),
                float(f0[0]),
                axes[0],
                result.output_labels[0],
                local,
            )

    def set_stale(self, stale: bool) -> None:
        self.badge.set_stale(stale)
        for plot in (self.source, self.target):
            plot.getPlotItem().setOpacity(STALE_OPACITY if stale else 1.0)
        self.curve.set_stale(stale)

    def clear(self, message: str = "") -> None:
        self._sigma = (math.nan, math.nan)
        self._corners = np.full((4, 2), np.nan)
        self.heading.setText(self.tr("J as a linear map near the point"))
        self.message.setText(
            message or self.tr("For f: 2 → 2 (or 1 → 1): what J does to a small square and circle.")
        )
        self.message.setVisible(True)
        self.numbers.setText("")
        for w in (self.source, self.target, self.curve.plot):
            w.setVisible(False)

    def singular_values(self) -> tuple[float, float]:
        return self._sigma

    def parallelogram(self) -> np.ndarray:
        """f(x0) + J (x − x0) at the square's corners (−r, −r), (r, −r), (r, r), (−r, r): 4×2."""
        return self._corners.copy()

    def tangent_line(self) -> np.ndarray:
        return self.curve.tangent_line()

    def _show_1d(
        self, slope: float, x0: float, f0: float, axis: str, out: str, local: GridResult | None
    ) -> None:
        if local is not None and local.values is not None:
            xs, ys = local.coords[0], local.values[:, 0]
        else:
            r = 0.05 * max(1.0, abs(x0))
            xs, ys = np.array([x0 - r, x0 + r]), np.full(2, np.nan)
        self.curve.set_data(
            xs,
            ys,
            (axis, out),
            self.tr("{out} near {axis} = {x0} and its tangent").format(
                out=out, axis=axis, x0=f"{x0:.4g}"
            ),
        )
        self.curve.set_point(x0, f0)
        self.curve.set_tangent(
            x0, f0, slope, f"{out}({x0:.4g}) + J·({axis} − {x0:.4g}), J = {slope:.6g}"
        )
        text = (
            self.tr(
                "J = d{out}/d{axis} = {slope}: near the point f stretches lengths by |J| = "
                "{abs} and reverses direction."
            )
            if slope < 0
            else self.tr(
                "J = d{out}/d{axis} = {slope}: near the point f stretches lengths by |J| = {abs}."
            )
        )
        self.numbers.setText(
            text.format(out=out, axis=axis, slope=f"{slope:.6g}", abs=f"{abs(slope):.6g}")
        )

    def _show_2d(
        self,
        jac: np.ndarray,
        x0: np.ndarray,
        f0: np.ndarray,
        axes: tuple[str, ...],
        outs: tuple[str, ...],
        local: GridResult | None,
    ) -> None:
        has_local = local is not None and local.values is not None
        if has_local:
            half = np.array([(c[-1] - c[0]) / 2 for c in local.coords])
        else:
            half = np.full(2, 0.05 * max(1.0, float(np.abs(x0).max())))
        rho = float(half.min())
        u, sigma, vt = np.linalg.svd(jac)
        self._sigma = (float(sigma[0]), float(sigma[1]))
        square = np.array([[-1, -1], [1, -1], [1, 1], [-1, 1]]) * half
        self._corners = f0 + square @ jac.T
        t = np.linspace(0, 2 * np.pi, CIRCLE)
        circle = rho * np.column_stack([np.cos(t), np.sin(t)])
        self.source.clear()
        self.target.clear()
        # Input space: the square's grid lines, the circle, and the directions v1, v2.
        ends = np.array([-1.0, 1.0])
        for k in np.linspace(-1, 1, LINES):
            _line(self.source, x0[0] + k * half[0] + 0 * ends, x0[1] + half[1] * ends, TRUE_PEN)
            _line(self.source, x0[0] + half[0] * ends, x0[1] + k * half[1] + 0 * ends, TRUE_PEN)
        _line(self.source, x0[0] + circle[:, 0], x0[1] + circle[:, 1], CIRCLE_PEN)
        self._axes(self.source, x0, rho * vt, ("v1", "v2"))
        self._mark(self.source, x0)
        # Output space: the true images (from the local grid) and the linearisation.
        if has_local:
            vals = local.values
            for n, i in enumerate(np.linspace(0, vals.shape[1] - 1, LINES).round().astype(int)):
                _line(self.target, vals[:, i, 0], vals[:, i, 1], TRUE_PEN, "f(grid)" * (n == 0))
            for j in np.linspace(0, vals.shape[0] - 1, LINES).round().astype(int):
                _line(self.target, vals[j, :, 0], vals[j, :, 1], TRUE_PEN)
            xs, ys = local.coords
            ring = cm.bilinear(xs, ys, vals, x0[0] + circle[:, 0], x0[1] + circle[:, 1])
            _line(self.target, ring[:, 0], ring[:, 1], CIRCLE_PEN, "f(circle)")
        poly = np.vstack([self._corners, self._corners[:1]])
        fill = QGraphicsPolygonItem(QPolygonF([QPointF(*c) for c in self._corners]))
        fill.setBrush(LINEAR_FILL)
        fill.setPen(pg.mkPen(None))
        fill.setToolTip(
            self.tr("f(x0) + J (x − x0) over the square: a parallelogram of area |det J| × area")
        )
        self.target.addItem(fill)
        _line(self.target, poly[:, 0], poly[:, 1], LINEAR_PEN, "f(x0) + J(x − x0)")
        ellipse = f0 + circle @ jac.T
        _line(self.target, ellipse[:, 0], ellipse[:, 1], LINEAR_PEN)
        self._axes(self.target, f0, rho * (u * sigma).T, ("σ1", "σ2"))
        self._mark(self.target, f0)
        for plot, (bottom, left) in ((self.source, axes), (self.target, outs)):
            plot.setLabel("bottom", bottom, color=cm.FOREGROUND)
            plot.setLabel("left", left, color=cm.FOREGROUND)
        area = float(4 * half[0] * half[1])
        shape = (
            self.tr("square")
            if math.isclose(half[0], half[1], rel_tol=1e-9)
            else self.tr("rectangle")
        )
        det = float(jac[0, 0] * jac[1, 1] - jac[0, 1] * jac[1, 0])
        s1, s2 = self._sigma
        det_text = (
            self.tr("det J = {det}, orientation flipped") if det < 0 else self.tr("det J = {det}")
        ).format(det=f"{det:.6g}")
        first = self.tr(
            "{shape}: area {area} → parallelogram: area |det J| × {area} = {image} ({det})"
        ).format(shape=shape, area=f"{area:.4g}", image=f"{abs(det) * area:.4g}", det=det_text)
        second = self.tr(
            "circle of radius r = {r} → ellipse with semi-axes σ1·r = {a}, σ2·r = {b} "
            "(σ1 = {s1}, σ2 = {s2}: singular values of J; σ1·σ2 = |det J|; "
            "J maps the directions v1, v2 onto them)"
        ).format(
            r=f"{rho:.4g}",
            a=f"{s1 * rho:.4g}",
            b=f"{s2 * rho:.4g}",
            s1=f"{s1:.6g}",
            s2=f"{s2:.6g}",
        )
        self.numbers.setText(f"{first}<br>{second}")

    @staticmethod
    def _mark(plot: pg.PlotWidget, at: np.ndarray) -> None:
        marker = make_marker()
        marker.setData([at[0]], [at[1]])
        plot.addItem(marker)

    @staticmethod
    def _axes(
        plot: pg.PlotWidget, centre: np.ndarray, vectors: np.ndarray, names: tuple[str, str]
    ) -> None:
        """Lines from ``centre`` along each row of ``vectors``, labelled at their ends."""
        for vec, name in zip(vectors, names, strict=True):
            end = centre + vec
            _line(plot, np.array([centre[0], end[0]]), np.array([centre[1], end[1]]), AXIS_PEN)
            label = pg.TextItem(
                name, color=cm.ARROW_COLOR, anchor=(0.5, 0.5), fill=(255, 255, 255, 170)
            )
            label.setPos(*(centre + 1.15 * vec))
            plot.addItem(label)
