"""The surfaces z = f_i(x, y) in 3-D, with the current point and its tangent plane (OpenGL).

Import this module only where ``gl_support.opengl_available()`` said yes: it loads
``pyqtgraph.opengl``. Heights are scaled into a unit-ish box for display; labels and tooltips
give true values. The tangent plane z = f_i(x0) + J[i]·(x − x0) uses the given row of J.
"""

from __future__ import annotations

import time

import numpy as np
import pyqtgraph as pg
import pyqtgraph.opengl as gl
from OpenGL import GL
from pyqtgraph.opengl import shaders
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from jacdesk.app.system.i18n import translate
from jacdesk.app.widgets.stale_badge import StaleBadge
from jacdesk.app.widgets.style import set_stale_look
from jacdesk.core.results.analysis import Analysis
from jacdesk.core.results.grid import GridResult

from . import gl_support as gs
from .gl_support import Z_HALF, DisplayBox, Point

MAX_VIEWS = 4
CAMERA = {"distance": 3.5, "elevation": 30.0, "azimuth": -58.0, "center": (0.0, 0.0, -0.22)}
_BLEND = (GL.GL_SRC_ALPHA, GL.GL_ONE_MINUS_SRC_ALPHA, GL.GL_ONE, GL.GL_ONE_MINUS_SRC_ALPHA)
SOLID = {
    GL.GL_DEPTH_TEST: True,
    GL.GL_BLEND: False,
    GL.GL_CULL_FACE: False,
    GL.GL_POLYGON_OFFSET_FILL: True,
    "glPolygonOffset": (1.0, 1.0),
}
SEE_THROUGH = {
    GL.GL_DEPTH_TEST: True,
    GL.GL_BLEND: True,
    GL.GL_CULL_FACE: False,
    GL.GL_POLYGON_OFFSET_FILL: False,
    "glBlendFuncSeparate": _BLEND,
}
ON_TOP = {**SEE_THROUGH, GL.GL_DEPTH_TEST: False}
FLOOR = -Z_HALF - 0.06  # the floor grid sits a little below the lowest height (no z-fighting)
PLANE_RGB = (0.95, 0.3, 0.15)
VIEW_TIP = QT_TRANSLATE_NOOP(
    "Surfaces3D",
    "Drag to rotate, wheel to zoom, Ctrl+drag to pan. Heights are scaled to fit the box.",
)


def _fit(w: int, h: int) -> float:
    """Camera distance factor that keeps the box and its labels in frame.

    pyqtgraph's field of view is horizontal: a wide, short view needs the camera further back;
    a narrow one needs room for the labels, which keep their pixel size (tuned on 636×530).
    """
    if w <= 0 or h <= 0:
        return 1.0
    return max((w / h) / 1.25, (536 / 636) * w / max(w - 100, 0.5 * w))


class _View(gl.GLViewWidget):
    """A GLViewWidget that moves its camera back when it gets wide and short, and that rebuilds
    pyqtgraph's shader programs (global, one set) when it paints in a context that does not
    share with the one they were built in (another window, without AA_ShareOpenGLContexts)."""

    fit = 1.0
    built_in: object | None = None  # the QOpenGLContextGroup of pyqtgraph's shader programs

    def paintGL(self) -> None:
        group = self.context().shareGroup()
        if group is not _View.built_in:
            _View.built_in = group
            group.destroyed.connect(_forget_share_group)
            _drop_pyqtgraph_programs()
        super().paintGL()

    def resizeEvent(self, event: QResizeEvent) -> None:
        fit = _fit(event.size().width(), event.size().height())
        self.opts["distance"] *= fit / self.fit
        self.fit = fit
        super().resizeEvent(event)


def _forget_share_group() -> None:
    _View.built_in = None


def _drop_pyqtgraph_programs() -> None:
    """pyqtgraph caches compiled programs globally; drop them so the next paint rebuilds them."""
    for program in shaders.ShaderProgram.names.values():
        program.prog = None
    for cls in vars(gl).values():  # GLLinePlotItem, GLScatterPlotItem, … keep one per class
        if isinstance(cls, type) and "_shaderProgram" in vars(cls):
            cls._shaderProgram = None


class _Panel:
    """One GL view: surface, sparse wireframe, floor grid, labels, point and tangent plane."""

    def __init__(self, parent: QWidget) -> None:
        self.frame = QWidget(parent)
        self.title = QLabel(self.frame)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.view = _View(self.frame)
        self.view.setBackgroundColor((250, 250, 250))
        self.view.setMinimumSize(200, 160)
        layout = QVBoxLayout(self.frame)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.view, 1)
        floor = gl.GLGridItem(glOptions=SEE_THROUGH, color=(0, 0, 0, 40))
        floor.setSize(2, 2)
        floor.setSpacing(0.25, 0.25)
        floor.translate(0, 0, FLOOR)
        self.surface = gl.GLSurfacePlotItem(computeNormals=False, glOptions=SOLID)
        self.wire = gl.GLLinePlotItem(mode="lines", color=(0, 0, 0, 0.3), glOptions=SEE_THROUGH)
        c, h, d = (-1.0, -1.0, FLOOR), Z_HALF, FLOOR
        axes = np.array([c, (1, -1, d), c, (-1, 1, d), c, (-1, -1, h), (1, -1, d), (1, 1, d)])
        edges = gl.GLLinePlotItem(
            pos=axes, mode="lines", color=(0.3, 0.3, 0.3, 1), width=1.5, glOptions=SEE_THROUGH
        )
        self.plane = gl.GLSurfacePlotItem(
            computeNormals=False,
            glOptions=SEE_THROUGH,
            color=(*PLANE_RGB, 0.55),
            showGrid=True,
            lineColor=(0.65, 0.15, 0.05, 0.9),
        )
        # A convex f hides its tangent plane; this copy shows the hidden part faintly.
        self.ghost = gl.GLSurfacePlotItem(
            computeNormals=False,
            glOptions=ON_TOP,
            color=(*PLANE_RGB, 0.2),
            showGrid=True,
            lineColor=(0.65, 0.15, 0.05, 0.35),
        )
        self.ghost.lineplot.setGLOptions(ON_TOP)
        self.stem = gl.GLLinePlotItem(mode="lines", color=(0.7, 0.1, 0.1, 0.8), glOptions=ON_TOP)
        self.marker = gl.GLScatterPlotItem(size=11, color=(0.85, 0.05, 0.05, 1), glOptions=ON_TOP)
        font = QFont(self.title.font())
        font.setPointSizeF(max(font.pointSizeF(), 8.0) * 1.1)
        self.texts = [gl.GLTextItem(color=(40, 40, 40), font=font) for _ in range(12)]
        layers = [floor, self.surface, self.wire, edges, self.plane, self.ghost]
        for depth, item in enumerate([*layers, self.stem, self.marker, *self.texts]):
            item.setDepthValue(min(depth, len(layers)))
            self.view.addItem(item)
        self.box: DisplayBox | None = None
        self.patch: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
        self.tip = translate("Surfaces3D", VIEW_TIP)
        self.reset_camera()

    def reset_camera(self) -> None:
        self.view.fit = _fit(self.view.width(), self.view.height())
        self.view.setCameraPosition(
            pos=pg.Vector(*CAMERA["center"]),
            distance=CAMERA["distance"] * self.view.fit,
            elevation=CAMERA["elevation"],
            azimuth=CAMERA["azimuth"],
        )

    def show_surface(self, grid: GridResult, comp: int, expression: str) -> None:
        x, y = (np.asarray(c, dtype=np.float64) for c in grid.coords)
        z = np.asarray(grid.values[..., comp], dtype=np.float64).T  # z[x_index, y_index]
        self.box = box = DisplayBox.fit(x, y, z)
        shade = None
        if grid.jacobian is not None:  # light the surface by its given slopes
            j = np.asarray(grid.jacobian[..., comp, :], dtype=np.float64)
            shade = gs.lambert(*box.slopes(j[..., 0].T, j[..., 1].T))
        xs, ys, zs = (v.astype(np.float32) for v in (box.dx(x), box.dy(y), box.dz(z)))
        self.surface.setData(x=xs, y=ys, z=zs, colors=gs.height_colors(z, box, shade))
        self.wire.setData(pos=gs.wireframe(xs, ys, zs))
        label, a, b, h, d = grid.output_labels[comp], grid.axes[0], grid.axes[1], Z_HALF, FLOOR
        clip = ""
        if box.clipped:
            fin = z[np.isfinite(z)]
            clip = translate(
                "Surfaces3D", " (spikes clamped: the values reach {low} … {high})"
            ).format(low=gs.num(fin.min()), high=gs.num(fin.max()))
        self.title.setText((f"{label} = {expression}" if expression else label) + clip)
        (x_lo, x_hi), (y_lo, y_hi), (z_lo, z_hi) = box.x_range, box.y_range, box.z_range
        f = Qt.AlignmentFlag
        below, beside = f.AlignHCenter | f.AlignTop, f.AlignLeft | f.AlignVCenter
        places = [
            ((0, -1.3, d), a, below),
            ((1.22, 0, d), b, beside),
            ((-1, -1, h + 0.12), label, f.AlignHCenter | f.AlignBottom),
        ]
        for t, v in zip((-1, 0, 1), (x_lo, (x_lo + x_hi) / 2, x_hi), strict=True):
            places.append(((t, -1.06, d), gs.tick(v, x_hi - x_lo), below))
        for t, v in zip((-1, 0, 1), (y_lo, (y_lo + y_hi) / 2, y_hi), strict=True):
            places.append(((1.08, t, d), gs.tick(v, y_hi - y_lo), beside))
        for t, v in zip((-h, 0, h), (z_lo, (z_lo + z_hi) / 2, z_hi), strict=True):
            flag = f.AlignBottom if t < 0 else f.AlignVCenter  # clear of the x axis's first tick
            places.append(((-1.04, -1.04, t), gs.tick(v, z_hi - z_lo) + " –", f.AlignRight | flag))
        for item, (pos, text, align) in zip(self.texts, places, strict=True):
            item.setData(pos=np.array(pos, dtype=np.float64), text=text, alignment=align)
        self.tip = (
            translate(
                "Surfaces3D",
                "{label} over {a} ∈ [{a_lo}, {a_hi}], {b} ∈ [{b_lo}, {b_hi}]; "
                "{label} from {z_lo} to {z_hi}{clip}.",
            ).format(
                label=label,
                a=a,
                b=b,
                a_lo=gs.num(x_lo),
                a_hi=gs.num(x_hi),
                b_lo=gs.num(y_lo),
                b_hi=gs.num(y_hi),
                z_lo=gs.num(z_lo),
                z_hi=gs.num(z_hi),
                clip=clip,
            )
            + "\n"
            + translate("Surfaces3D", VIEW_TIP)
        )
        self.view.setToolTip(self.tip)

    def show_point(self, point: Point | None, tangent: bool, axes: tuple[str, ...]) -> None:
        box, self.patch = self.box, None
        ok = box is not None and point is not None and bool(np.isfinite(point[:3]).all())
        for item in (self.marker, self.stem, self.plane, self.ghost):
            item.setVisible(ok and item not in (self.plane, self.ghost))
        if not ok:
            return
        x0, y0, f0, gx, gy = point
        p = np.array([[box.dx(x0), box.dy(y0), box.dz(f0)]], dtype=np.float32)
        self.marker.setData(pos=p)
        self.stem.setData(pos=np.array([p[0], (p[0, 0], p[0, 1], FLOOR)]))
        self.title.setToolTip(
            translate("Surfaces3D", "The point ({x0}, {y0}): value {f0}").format(
                x0=gs.num(x0), y0=gs.num(y0), f0=gs.num(f0)
            )
        )
        if not (np.isfinite(gx) and np.isfinite(gy)):
            return
        self.patch = px, py, pz = gs.tangent_patch(point, box)
        xs, ys, zs = (v.astype(np.float32) for v in (box.dx(px), box.dy(py), box.dz(pz.T)))
        for item in (self.plane, self.ghost):
            item.setData(x=xs, y=ys, z=zs)
            item.setVisible(tangent)
        a, b = axes[:2]
        plane = (
            f"{gs.num(f0)} + {gs.num(gx)}·({a} − {gs.num(x0)}) + {gs.num(gy)}·({b} − {gs.num(y0)})"
        )
        self.view.setToolTip(
            self.tip
            + "\n"
            + translate("Surfaces3D", "Tangent plane at the point: z = {plane}").format(plane=plane)
        )


class Surfaces3D(QWidget):
    """Up to four GL views (small multiples) of the output components; a page selector for more.

    Signals
    -------
    tangentVisibleChanged(bool)
        The "tangent planes" box (or ``set_tangent_visible``) changed the planes' visibility.
    """

    tangentVisibleChanged = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._grid: GridResult | None = None
        self._result: Analysis | None = None
        self._panels: list[_Panel] = []
        self._shown: list[int] = []
        self._tangent = True
        self.redraw_seconds = 0.0
        self.caption = QLabel(self)
        self.caption.setToolTip(
            self.tr("Each output component f_i as a surface over the two plotted inputs")
        )
        self.badge = StaleBadge(self)
        self.pages = QComboBox(self)
        self.pages.setToolTip(self.tr("More than four components: choose which four to show"))
        self.pages.currentIndexChanged.connect(self._draw_page)
        self.tangent_box = QCheckBox(self.tr("tangent planes"), self)
        self.tangent_box.setChecked(True)
        self.tangent_box.setToolTip(
            self.tr("Show the plane z = f_i(x0) + J[i]·(x − x0) at the point")
        )
        self.tangent_box.toggled.connect(self.set_tangent_visible)
        self.reset_button = QPushButton(self.tr("reset camera"), self)
        self.reset_button.setToolTip(self.tr("Back to the default viewing angle and distance"))
        self.reset_button.clicked.connect(self.reset_camera)
        self.message = QLabel(self)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.views = QWidget(self)
        self.views_layout = QGridLayout(self.views)
        self.views_layout.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.message)
        self.stack.addWidget(self.views)
        top = QHBoxLayout()
        top.addWidget(self.caption, 1)
        for w in (self.badge, self.pages, self.tangent_box, self.reset_button):
            top.addWidget(w)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        self.clear()

    def show_grid(self, grid: GridResult, result: Analysis | None = None) -> None:
        """Draw f over a 2-D grid; ``result`` (at the point) gives the marker and J's rows."""
        start = time.perf_counter()
        if grid.values is None or len(grid.axes) != 2 or grid.values.ndim != 3:
            self.clear(self.tr("3-D surfaces need f over two plotted inputs"))
            return
        self._grid, self._result = grid, result
        m = grid.values.shape[-1]
        self.pages.blockSignals(True)
        self.pages.clear()
        for first in range(0, m, MAX_VIEWS):
            names = grid.output_labels[first : first + MAX_VIEWS]
            self.pages.addItem(", ".join(names) if len(names) < 3 else f"{names[0]} … {names[-1]}")
        self.pages.blockSignals(False)
        self.pages.setVisible(m > MAX_VIEWS)
        self._draw_page()
        self.redraw_seconds = time.perf_counter() - start

    def set_point(self, result: Analysis) -> None:
        """A new point's result on the same grid: move the markers and tangent planes only."""
        self._result = result
        if self._grid is not None:
            for panel, comp in zip(self._panels, self._shown, strict=False):
                panel.show_point(
                    gs.point_of(self._grid, result, comp), self._tangent, self._grid.axes
                )

    def set_tangent_visible(self, visible: bool) -> None:
        changed, self._tangent = visible != self._tangent, visible
        self.tangent_box.setChecked(visible)
        for panel in self._panels:
            panel.plane.setVisible(visible and panel.patch is not None)
            panel.ghost.setVisible(visible and panel.patch is not None)
        if changed:
            self.tangentVisibleChanged.emit(visible)

    def set_stale(self, stale: bool) -> None:
        self.badge.set_stale(stale)
        set_stale_look([self.caption, *(p.title for p in self._panels)], stale)

    def clear(self, message: str = "") -> None:
        self._grid, self._result, self._shown = None, None, []
        self.caption.setText(self.tr("f_i over two inputs, in 3-D"))
        self.message.setText(message or self.tr("choose two inputs to plot f over a grid"))
        self.pages.setVisible(False)
        self.stack.setCurrentWidget(self.message)

    def reset_camera(self) -> None:
        for panel in self._panels:
            panel.reset_camera()

    # -- for tests: ``i`` is the output component's index; it must be on the shown page --------
    def view(self, i: int) -> gl.GLViewWidget:
        return self._panel(i).view

    def surface_item(self, i: int) -> gl.GLSurfacePlotItem:
        return self._panel(i).surface

    def tangent_item(self, i: int) -> gl.GLSurfacePlotItem:
        return self._panel(i).plane

    def display_box(self, i: int) -> DisplayBox:
        """How component i's true values map into its display box."""
        box = self._panel(i).box
        if box is None:
            raise ValueError(f"component {i} has no surface yet")
        return box

    def tangent_plane_z(self, i: int) -> np.ndarray:
        """The plane's true z over its patch, (ny, nx) like GridResult; see tangent_plane_xy."""
        return self._patch(i)[2]

    def tangent_plane_xy(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        """The patch's 1-D x and y coordinates, in true units."""
        return self._patch(i)[0], self._patch(i)[1]

    def _panel(self, comp: int) -> _Panel:
        if comp not in self._shown:
            raise IndexError(f"component {comp} is not on the shown page {self._shown}")
        return self._panels[self._shown.index(comp)]

    def _patch(self, comp: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        patch = self._panel(comp).patch
        if patch is None:
            raise ValueError(f"component {comp} has no tangent plane (no finite point or J row)")
        return patch

    def _draw_page(self) -> None:
        grid = self._grid
        if grid is None:
            return
        m = grid.values.shape[-1]
        first = max(self.pages.currentIndex(), 0) * MAX_VIEWS
        self._shown = list(range(first, min(m, first + MAX_VIEWS)))
        while len(self._panels) < len(self._shown):
            self._panels.append(_Panel(self.views))
        columns = 1 if len(self._shown) == 1 else 2
        exprs = grid.expressions if len(grid.expressions) == m else ("",) * m
        for slot, panel in enumerate(self._panels):
            panel.frame.setVisible(slot < len(self._shown))
            if slot < len(self._shown):
                comp = self._shown[slot]
                self.views_layout.removeWidget(panel.frame)
                self.views_layout.addWidget(panel.frame, slot // columns, slot % columns)
                panel.show_surface(grid, comp, exprs[comp])
                panel.show_point(gs.point_of(grid, self._result, comp), self._tangent, grid.axes)
        n1, n2 = len(grid.coords[0]), len(grid.coords[1])
        self.caption.setText(
            self.tr(
                "<b>f over {a} × {b}</b> — {n1}×{n2} grid; "
                "heights scaled to fit, labels in true units"
            ).format(a=grid.axes[0], b=grid.axes[1], n1=n1, n2=n2)
        )
        self.stack.setCurrentWidget(self.views)
