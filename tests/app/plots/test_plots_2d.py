"""The 2-D plot views (maps, det field, linear map, controls) against the tutorial's closed forms.

f1 = x1² + 2·x2, f2 = 3·x1 + 4·x2², J = [[2·x1, 2], [3, 8·x2]], det J = 16·x1·x2 − 6. The grids
are built here from numpy (the ground truth), not by jacdesk.core.diff.grid.
"""

from __future__ import annotations

import gc
import math

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPointF, Qt
from PySide6.QtWidgets import QApplication

import jacdesk
from jacdesk.app.plots import colormaps as cm
from jacdesk.app.plots.det_field import DetField
from jacdesk.app.plots.linear_map import LinearMapView, point_coords
from jacdesk.app.plots.maps_2d import ComponentMaps
from jacdesk.app.plots.plot_controls import PlotControls
from jacdesk.core.results.grid import GridResult

EXPRS = ("x1**2 + 2*x2", "3*x1 + 4*x2**2")
POINT = (1.0, 2.0)


def tutorial_grid(
    x1: tuple[float, float, int] = (-3.0, 3.0, 31),
    x2: tuple[float, float, int] = (-3.0, 3.0, 21),
    point: tuple[float, float] = POINT,
) -> GridResult:
    """The tutorial over a grid; n1 ≠ n2 by default so that a transposed image cannot pass."""
    c1, c2 = np.linspace(*x1), np.linspace(*x2)
    a, b = np.meshgrid(c1, c2)  # (n2, n1): a[j, i] = c1[i], b[j, i] = c2[j]
    values = np.stack([a**2 + 2 * b, 3 * a + 4 * b**2], axis=-1)
    jac = np.empty((*a.shape, 2, 2))
    jac[..., 0, 0], jac[..., 0, 1], jac[..., 1, 0], jac[..., 1, 1] = 2 * a, 2.0, 3.0, 8 * b
    det = 16 * a * b - 6
    return GridResult(EXPRS, ("x1", "x2"), (c1, c2), point, ("f1", "f2"), values, jac, det)


def one_axis_grid(x0: float = 1.0) -> GridResult:
    """f = x², f' = 2x over one plotted input."""
    xs = np.linspace(-2.0, 2.0, 41)
    values = (xs**2)[:, None]
    jac = (2 * xs)[:, None, None]
    return GridResult(("x**2",), ("x",), (xs,), (x0,), ("f",), values, jac, jac[:, 0, 0])


@pytest.fixture(scope="module", autouse=True)
def _flush_deleted_widgets():
    """Free this module's plots before the next module runs (pyqtgraph items hold many refs)."""
    yield
    app = QApplication.instance()
    if app is not None:
        for _ in range(3):
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            app.processEvents()
            gc.collect()


@pytest.fixture(scope="module")
def tutorial():
    return jacdesk.analyze(list(EXPRS), {"x1": 1.0, "x2": 2.0}, symbolic=False)


def shown(qtbot, widget, size=(900, 600)):
    widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def click_at(qtbot, plot: pg.PlotWidget, x: float, y: float) -> None:
    """A real left click on the viewport, at the pixel showing data point (x, y)."""
    scene_pos = plot.getViewBox().mapViewToScene(QPointF(x, y))
    pos = plot.mapFromScene(scene_pos)
    qtbot.mouseClick(plot.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def pixel_size(plot: pg.PlotWidget) -> tuple[float, float]:
    vb = plot.getViewBox()
    (x0, x1), (y0, y1) = vb.viewRange()
    rect = vb.sceneBoundingRect()
    return (x1 - x0) / rect.width(), (y1 - y0) / rect.height()


def value_under(image: pg.ImageItem, x: float, y: float) -> float:
    """What the ImageItem paints at data point (x, y): map to its pixel, read that pixel."""
    p = image.mapFromParent(QPointF(x, y))  # item coordinates = (column, row) for row-major
    return float(image.image[math.floor(p.y()), math.floor(p.x())])


# --- colour maps -----------------------------------------------------------------------------


def test_colormaps_work_offline_and_levels_ignore_non_finite():
    assert isinstance(cm.sequential(), pg.ColorMap)
    div = cm.diverging()
    assert isinstance(div, pg.ColorMap)
    white = div.map(0.5, mode="float")
    assert np.allclose(white[:3], 247 / 255, atol=0.01)  # 0 (the middle) is white
    assert cm.symmetric_levels(np.array([-2.0, 5.0, np.nan, np.inf, -np.inf])) == (-5.0, 5.0)
    assert cm.symmetric_levels(np.array([np.nan, 0.0])) == (-1.0, 1.0)
    assert cm.finite_levels(np.array([1.0, np.inf, 3.0])) == (1.0, 3.0)
    assert len(cm.contour_levels(0.0, 9.0)) == 8


def test_contour_segments_lie_on_the_level_and_skip_non_finite():
    x, y = np.linspace(-2, 2, 41), np.linspace(-2, 2, 31)
    a, b = np.meshgrid(x, y)
    pieces = cm.contour_segments(x, y, a**2 + b**2, 1.0)
    radius = np.hypot(pieces[..., 0], pieces[..., 1])
    assert pieces.shape[1:] == (2, 2) and len(pieces) > 40
    assert np.abs(radius - 1).max() < 0.01
    z = a + b
    z[10:15, 10:15] = np.nan
    holed = cm.contour_segments(x, y, z, 0.0)
    assert np.isfinite(holed).all() and np.allclose(holed.sum(axis=2), 0)


def test_bilinear_is_exact_for_bilinear_data():
    g = tutorial_grid()
    got = cm.bilinear(
        g.coords[0], g.coords[1], g.jacobian, np.array([0.37, -1.2]), np.array([1.9, 2.55])
    )
    assert got.shape == (2, 2, 2)
    assert np.allclose(got[0], [[0.74, 2], [3, 15.2]])
    assert np.allclose(got[1], [[-2.4, 2], [3, 20.4]])


# --- component maps --------------------------------------------------------------------------


def test_maps_image_is_the_grid_in_the_right_orientation(qtbot, make, tutorial):
    g = tutorial_grid()
    maps = shown(qtbot, make(ComponentMaps))
    maps.show_grid(g, tutorial)
    for i in (0, 1):
        image = maps.panel(i).image
        assert image.axisOrder == "row-major"
        assert np.array_equal(maps.image_data(i), g.values[:, :, i])
        # Independently of axis-order conventions: the pixel painted at (x1, x2) holds f there.
        for x1, x2 in ((-3.0, -3.0), (3.0, -3.0), (-3.0, 3.0), (1.0, 2.1), (2.2, -0.9)):
            expected = x1**2 + 2 * x2 if i == 0 else 3 * x1 + 4 * x2**2
            assert value_under(image, x1, x2) == pytest.approx(expected)
    plot = maps.plot_widget(0)
    assert plot.getPlotItem().titleLabel.text == "f1"
    assert plot.getPlotItem().getAxis("bottom").labelText == "x1"
    assert plot.getPlotItem().getAxis("left").labelText == "x2"
    (xl, xh), (yl, yh) = plot.getViewBox().viewRange()
    assert xl <= -3 and xh >= 3 and yl <= -3 and yh >= 3
    panel = maps.panel(0)
    assert panel.bar.levels() == pytest.approx(cm.finite_levels(g.values[:, :, 0]))
    assert len(panel.levels) == 8
    xs, ys = panel.contours.getData()
    assert len(xs) > 100 and len(xs) % 3 == 0  # line pieces, each ended by a NaN gap
    xs, ys = xs[np.isfinite(xs)], ys[np.isfinite(ys)]
    f1 = xs**2 + 2 * ys
    assert all(np.abs(f1 - v).min() < 1e-9 for v in panel.levels)  # every level is drawn
    assert np.min(np.abs(f1[:, None] - np.array(panel.levels)), axis=1).max() < 0.05


def test_maps_gradient_arrow_is_row_i_of_j(qtbot, make, tutorial):
    g = tutorial_grid()
    maps = shown(qtbot, make(ComponentMaps))
    maps.show_grid(g, tutorial)
    for i, row in ((0, (2.0, 2.0)), (1, (3.0, 16.0))):
        panel = maps.panel(i)
        x, y, dx, dy = panel._arrow
        assert (x, y) == POINT
        assert dx / dy == pytest.approx(row[0] / row[1])
        assert dx * row[0] > 0
        # ~15 % of the plot, and inside it
        assert math.hypot(dx / panel.rect.width(), dy / panel.rect.height()) == pytest.approx(0.15)
        (xl, xh), (yl, yh) = panel.view.viewRange()
        assert xl <= x + dx <= xh and yl <= y + dy <= yh
        assert f"{math.hypot(*row):.6g}" in panel.arrow_line.toolTip()


def test_set_point_moves_marker_and_arrow_without_new_data(qtbot, make, tutorial):
    g = tutorial_grid()
    maps = shown(qtbot, make(ComponentMaps))
    maps.show_grid(g, tutorial)
    before = maps.image_data(0)
    maps.set_point((-1.5, 0.5))  # no Analysis: J is read off the grid (exact: J is bilinear)
    assert maps.image_data(0) is before
    for i, row in ((0, (-3.0, 2.0)), (1, (3.0, 4.0))):
        panel = maps.panel(i)
        xs, ys = panel.marker.getData()
        assert (xs[0], ys[0]) == (-1.5, 0.5)
        x, y, dx, dy = panel._arrow
        assert (x, y) == (-1.5, 0.5)
        assert dx / dy == pytest.approx(row[0] / row[1])
        assert dx * row[0] > 0


def test_clicking_a_map_picks_that_point(qtbot, make, tutorial):
    maps = shown(qtbot, make(ComponentMaps))
    maps.show_grid(tutorial_grid(), tutorial)
    for i, target in ((0, (-1.25, 0.8)), (1, (2.1, -2.3))):
        plot = maps.plot_widget(i)
        with qtbot.waitSignal(maps.pointPicked, timeout=2000) as blocker:
            click_at(qtbot, plot, *target)
        picked = blocker.args[0]
        assert set(picked) == {"x1", "x2"}
        px, py = pixel_size(plot)
        assert abs(picked["x1"] - target[0]) <= 1.5 * px
        assert abs(picked["x2"] - target[1]) <= 1.5 * py


def test_maps_page_through_more_than_four_outputs(qtbot, make):
    c = np.linspace(0.0, 1.0, 5)
    a, b = np.meshgrid(c, c)
    values = np.stack([k * a + b for k in range(6)], axis=-1)
    jac = np.zeros((5, 5, 6, 2))
    jac[..., :, 0] = np.arange(6)
    jac[..., :, 1] = 1.0
    labels = tuple(f"f{k + 1}" for k in range(6))
    g = GridResult(labels, ("x1", "x2"), (c, c), (0.5, 0.5), labels, values, jac, None)
    maps = shown(qtbot, make(ComponentMaps))
    maps.show_grid(g)
    assert maps.page.isVisibleTo(maps) and maps.page.count() == 2
    assert np.array_equal(maps.image_data(3), values[:, :, 3])
    with pytest.raises(IndexError):
        maps.image_data(5)
    maps.page.setCurrentIndex(1)
    assert np.array_equal(maps.image_data(5), values[:, :, 5])
    assert maps.plot_widget(4).getPlotItem().titleLabel.text == "f5"


def test_maps_one_axis_draw_curve_and_tangent(qtbot, make):
    maps = shown(qtbot, make(ComponentMaps))
    maps.show_grid(one_axis_grid(1.0))
    panel = maps.panel(0)
    xs, ys = panel.curve.getData()
    assert np.allclose(ys, xs**2)
    (xa, ya), (xb, yb) = panel.tangent_line()
    assert (yb - ya) / (xb - xa) == pytest.approx(2.0)  # J at x = 1
    assert ya + 2.0 * (1.0 - xa) == pytest.approx(1.0)  # through (1, f(1))
    with qtbot.waitSignal(maps.pointPicked, timeout=2000) as blocker:
        click_at(qtbot, panel.plot, -0.5, 0.25)
    assert set(blocker.args[0]) == {"x"}
    assert blocker.args[0]["x"] == pytest.approx(-0.5, abs=1.5 * pixel_size(panel.plot)[0])


def test_maps_stale_and_clear(qtbot, make, tutorial):
    maps = shown(qtbot, make(ComponentMaps))
    maps.show_grid(tutorial_grid(), tutorial)
    maps.set_stale(True)
    assert maps.badge.isVisibleTo(maps)
    assert maps.panel(0).plot.getPlotItem().opacity() < 1
    maps.set_stale(False)
    assert not maps.badge.isVisibleTo(maps)
    maps.clear("no grid yet")
    assert maps.message.isVisibleTo(maps) and maps.message.text() == "no grid yet"
    assert not maps.area.isVisibleTo(maps)


def test_maps_survive_non_finite_values(qtbot, make):
    g = tutorial_grid()
    values = g.values.copy()
    values[:5, :7, 0] = np.nan
    values[0, 0, 1] = np.inf
    jac = g.jacobian.copy()
    jac[:, :, 0, :] = np.nan
    bad = GridResult(EXPRS, g.axes, g.coords, g.point, g.output_labels, values, jac, g.det)
    maps = shown(qtbot, make(ComponentMaps))
    maps.show_grid(bad)
    maps.grab()  # paint once: non-finite pixels and contours must not break it
    image = maps.image_data(0)
    assert np.isnan(image[:5, :7]).all() and np.isfinite(image[5:]).all()
    assert np.isnan(maps.image_data(1)[0, 0])  # inf is drawn as a hole, not as the top colour
    assert maps.panel(0)._arrow is None  # J not finite: no arrow
    assert maps.panel(1)._arrow is not None
    assert np.isfinite(maps.panel(0).contours.getData()[0]).sum() > 20


# --- det J field -----------------------------------------------------------------------------


def test_det_field_changes_sign_where_the_determinant_does(qtbot, make):
    g = tutorial_grid()
    field = shown(qtbot, make(DetField))
    field.show_grid(g)
    a, b = np.meshgrid(*g.coords)
    truth = 16 * a * b - 6
    assert np.array_equal(np.sign(field.image_data()), np.sign(truth))
    lo, hi = field.map.bar.levels()
    assert lo == pytest.approx(-hi) and hi == pytest.approx(np.abs(truth).max())
    zero = field.map.zero
    assert zero.isVisible() and zero.opts["pen"].widthF() >= 2.5
    xs, ys = zero.getData()
    xs, ys = xs[np.isfinite(xs)], ys[np.isfinite(ys)]
    assert len(xs) > 20
    assert np.allclose(16 * xs * ys - 6, 0, atol=1e-9)  # exact: det J is linear along grid edges
    assert "orientation kept" in field.legend.text() and field.legend.isVisibleTo(field)
    for x1, x2 in ((2.0, 2.0), (-2.0, 2.0), (0.1, 0.1)):
        assert np.sign(value_under(field.map.image, x1, x2)) == np.sign(16 * x1 * x2 - 6)
    xs, ys = field.map.marker.getData()
    assert (xs[0], ys[0]) == POINT


def test_det_field_click_and_not_square_message(qtbot, make):
    field = shown(qtbot, make(DetField))
    field.show_grid(tutorial_grid())
    with qtbot.waitSignal(field.pointPicked, timeout=2000) as blocker:
        click_at(qtbot, field.plot_widget(), 0.5, -1.5)
    px, py = pixel_size(field.plot_widget())
    assert abs(blocker.args[0]["x1"] - 0.5) <= 1.5 * px
    assert abs(blocker.args[0]["x2"] + 1.5) <= 1.5 * py
    g = tutorial_grid()
    three = GridResult(
        (*EXPRS, "x1*x2"),
        g.axes,
        g.coords,
        g.point,
        ("f1", "f2", "f3"),
        np.zeros((21, 31, 3)),
        np.zeros((21, 31, 3, 2)),
        None,
    )
    field.show_grid(three)
    assert field.message.isVisibleTo(field)
    assert "det J needs as many outputs as plotted inputs (here 3 outputs, 2 inputs)" in (
        field.message.text()
    )
    assert field.image_data() is None and not field.map.plot.isVisibleTo(field)


# --- linear map ------------------------------------------------------------------------------


def local_tutorial_grid(r: float = 0.3, n: int = 25) -> GridResult:
    return tutorial_grid((1 - r, 1 + r, n), (2 - r, 2 + r, n))


def test_linear_map_singular_values_and_parallelogram_area(qtbot, make, tutorial):
    view = shown(qtbot, make(LinearMapView), (1000, 600))
    local = local_tutorial_grid()
    view.show(tutorial, local)
    j = np.array([[2.0, 2.0], [3.0, 16.0]])
    assert np.allclose(view.singular_values(), np.linalg.svd(j, compute_uv=False))
    corners = view.parallelogram()
    assert corners.shape == (4, 2)
    x, y = corners[:, 0], corners[:, 1]
    area = 0.5 * abs(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))
    square = 0.6 * 0.6
    assert area == pytest.approx(26 * square)
    f0 = np.array([5.0, 19.0])
    assert np.allclose(corners[0], f0 + j @ np.array([-0.3, -0.3]))
    view.show(tutorial, local)  # again: the legend is not doubled
    assert len(view.target.getPlotItem().legend.items) == 3
    view.hide()
    view.show()  # without arguments it is QWidget.show()
    assert view.isVisible()
    text = view.numbers.text()
    assert "9.36" in text and "0.36" in text and "σ1" in text


def test_linear_map_one_input_and_other_shapes(qtbot, make, tutorial):
    view = shown(qtbot, make(LinearMapView), (700, 500))
    r1 = jacdesk.analyze("x**2", {"x": 1.5}, symbolic=False)
    xs = np.linspace(1.4, 1.6, 25)
    local = GridResult(("x**2",), ("x",), (xs,), (1.5,), ("f",), (xs**2)[:, None], None, None)
    view.show(r1, local)
    (xa, ya), (xb, yb) = view.tangent_line()
    assert (yb - ya) / (xb - xa) == pytest.approx(3.0)
    three = jacdesk.analyze(["x1*x2", "x1", "x2"], {"x1": 1.0, "x2": 2.0}, symbolic=False)
    view.show(three)
    assert view.message.isVisibleTo(view) and "2 → 2" in view.message.text()
    nan_j = jacdesk.analyze(["sqrt(x1)", "x2"], {"x1": 0.0, "x2": 1.0}, symbolic=False)
    view.show(nan_j)
    assert "not finite" in view.message.text()
    view.show(tutorial)  # no local grid: the linearisation alone
    assert np.allclose(view.singular_values(), np.linalg.svd([[2, 2], [3, 16]], compute_uv=False))


@pytest.mark.parametrize("vec", ["row", "col"])
def test_point_coords_follow_j_columns(tutorial, vec):
    assert point_coords(tutorial) == {"x1": 1.0, "x2": 2.0}
    x = np.array([[1.0, 2.0], [3.0, 4.0]])
    r = jacdesk.analyze("trace(A @ X)", {"A": np.eye(2), "X": x}, symbolic=False, vec=vec)
    coords = point_coords(r)
    assert list(coords) == list(r.input_labels)
    assert (coords["X[0,1]"], coords["X[1,0]"], coords["A[1,1]"]) == (2.0, 3.0, 1.0)


# --- controls --------------------------------------------------------------------------------


def test_controls_defaults_and_signal(qtbot, make):
    controls = make(PlotControls)
    labels = ["x[0]", "x[1]", "X[0,1]"]
    with qtbot.waitSignal(controls.settingsChanged, timeout=1000) as blocker:
        controls.set_inputs(labels, {"x[0]": 1.0, "x[1]": 2.0, "X[0,1]": 7.0})
    s = blocker.args[0]
    assert s == controls.settings()
    assert (s["x"], s["y"], s["n"], s["tangent"]) == ("x[0]", "x[1]", 100, False)
    assert s["ranges"] == {"x[0]": (-3.0, 3.0), "x[1]": (-1.0, 5.0)}
    assert (controls.n_spin.minimum(), controls.n_spin.maximum()) == (10, 400)
    with qtbot.waitSignal(controls.settingsChanged, timeout=1000) as blocker:
        controls.y_combo.setCurrentIndex(controls.y_combo.findData("X[0,1]"))
    assert blocker.args[0]["y"] == "X[0,1]"
    assert blocker.args[0]["ranges"]["X[0,1]"] == (4.0, 10.0)  # the point ± 3
    with qtbot.waitSignal(controls.settingsChanged, timeout=1000) as blocker:
        controls.x_lo.setValue(-5.0)
    assert blocker.args[0]["ranges"]["x[0]"] == (-5.0, 3.0)
    with qtbot.waitSignal(controls.settingsChanged, timeout=1000) as blocker:
        controls.tangent.setChecked(True)
    assert blocker.args[0]["tangent"] is True
    # Same inputs again: choices kept, nothing emitted.
    with qtbot.assertNotEmitted(controls.settingsChanged):
        controls.set_inputs(labels, {"x[0]": 0.0, "x[1]": 0.0, "X[0,1]": 0.0})
    assert (controls.settings()["x"], controls.settings()["y"]) == ("x[0]", "X[0,1]")


def test_controls_swap_none_and_invalid_range(qtbot, make):
    controls = make(PlotControls)
    controls.set_inputs(["a", "b", "c"], {})
    with qtbot.waitSignal(controls.settingsChanged, timeout=1000) as blocker:
        controls.x_combo.setCurrentIndex(controls.x_combo.findData("b"))  # y's input: swap
    assert (blocker.args[0]["x"], blocker.args[0]["y"]) == ("b", "a")
    with qtbot.waitSignal(controls.settingsChanged, timeout=1000) as blocker:
        controls.y_combo.setCurrentIndex(0)
    assert blocker.args[0]["y"] is None and set(blocker.args[0]["ranges"]) == {"b"}
    controls.set_inputs(["a", "b", "c", "d"], {})
    assert controls.settings()["y"] is None  # "none" is a choice too
    with qtbot.assertNotEmitted(controls.settingsChanged):
        controls.x_lo.setValue(10.0)
    assert controls.warning.isVisibleTo(controls)
    controls.set_inputs(["p"], {"p": 0.0})
    assert (controls.settings()["x"], controls.settings()["y"]) == ("p", None)
    for w in (controls.x_combo, controls.y_combo, controls.n_spin, controls.tangent):
        assert w.toolTip()


def test_the_linear_map_legend_is_under_the_axes_not_over_the_images(qtbot, make, tutorial):
    view = shown(qtbot, make(LinearMapView), (700, 420))
    view.show(tutorial, local_tutorial_grid())
    item = view.target.getPlotItem()
    item.layout.activate()
    QApplication.processEvents()
    box = item.getViewBox().sceneBoundingRect()
    legend = item.legend.sceneBoundingRect()
    assert legend.height() > 0 and not legend.intersects(box)
    assert legend.top() >= box.bottom()


def test_plot_controls_one_line_per_input_fit_a_small_window(qtbot, make):
    controls = make(PlotControls)
    controls.set_inputs(["x1", "x2"], {"x1": 1.0, "x2": 2.0})
    controls.set_one_line(True)
    # Above the plots of a 1024 px window the pane is about 580 px wide: three rows fit in it.
    assert controls.minimumSizeHint().width() <= 580
    controls.resize(580, controls.sizeHint().height())
    controls.show()
    qtbot.waitExposed(controls)
    rows = [w.geometry().center().y() for w in (controls.x_combo, controls.x_lo, controls.x_hi)]
    assert max(rows) - min(rows) <= 3  # the input and its range share a line
    for spin in (controls.x_lo, controls.x_hi, controls.y_lo, controls.y_hi):
        assert spin.width() >= spin.fontMetrics().horizontalAdvance("-1000.0000")
    controls.set_one_line(False)  # a narrow column beside the plots: range under the input
    controls.resize(320, controls.sizeHint().height())
    QApplication.processEvents()
    assert controls.x_lo.geometry().top() > controls.x_combo.geometry().bottom()
