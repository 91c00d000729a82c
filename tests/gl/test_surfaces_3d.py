"""The 3-D surfaces under a real X server with OpenGL (Xvfb + Mesa llvmpipe in CI).

Run with ``xvfb-run -a python -m pytest tests/gl``. The tutorial f1 = x1² + 2·x2,
f2 = 3·x1 + 4·x2² has J = [[2·x1, 2], [3, 8·x2]]; at (1, 2): f = (5, 19), J = [[2, 2], [3, 16]].
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from jacdesk.core.results.grid import GridResult

ROOT = Path(__file__).resolve().parents[2]
HEADLESS = {"offscreen", "minimal", "minimalegl", "vnc", "linuxfb"}
EXPRS = ("x1**2 + 2*x2", "3*x1 + 4*x2**2")
pytestmark = [
    pytest.mark.gl,
    pytest.mark.skipif(not os.environ.get("DISPLAY"), reason="needs an X server (Xvfb)"),
]


def tutorial_grid(n1: int = 61, n2: int = 41, extra: int = 0) -> GridResult:
    """The tutorial over −3..3 × −3..3 (n1 ≠ n2 catches a transposed layout)."""
    x, y = np.linspace(-3, 3, n1), np.linspace(-3, 3, n2)
    X, Y = np.meshgrid(x, y)  # (n2, n1): values[j, i] is f at (x[i], y[j])
    f = [X**2 + 2 * Y, 3 * X + 4 * Y**2] + [(k + 1) * X * Y for k in range(extra)]
    d = [(2 * X, 2 + 0 * X), (3 + 0 * X, 8 * Y)] + [
        ((k + 1) * Y, (k + 1) * X) for k in range(extra)
    ]
    jac = np.stack([np.stack(row, -1) for row in d], -2)
    labels = tuple(f"f{k + 1}" for k in range(len(f)))
    exprs = EXPRS + tuple(f"{k + 1}*x1*x2" for k in range(extra))
    return GridResult(exprs, ("x1", "x2"), (x, y), (1.0, 2.0), labels, np.stack(f, -1), jac, None)


@pytest.fixture(scope="module")
def tutorial():
    import jacdesk

    return jacdesk.analyze(list(EXPRS), {"x1": 1, "x2": 2}, symbolic=False)


@pytest.fixture
def gl_ready(qapp):
    platform = qapp.platformName()
    if platform in HEADLESS:
        pytest.skip(
            f"this session's QApplication is on '{platform}' (made before tests/gl); "
            "test_gl_checks_in_a_fresh_process runs these on xcb"
        )
    from jacdesk.app.plots.gl_support import opengl_available

    ok, why = opengl_available()
    if not ok:
        pytest.skip(f"no usable OpenGL here: {why}")
    return qapp


@pytest.fixture
def surfaces(gl_ready, qtbot):
    from jacdesk.app.plots.surfaces_3d import Surfaces3D

    w = Surfaces3D()
    qtbot.addWidget(w)
    w.resize(1000, 500)
    w.show()
    qtbot.waitExposed(w)
    return w


def mesh_xyz(item) -> np.ndarray:
    return item.opts["meshdata"].vertexes().astype(np.float64)


def test_the_surface_item_holds_the_grid(surfaces, tutorial):
    g = tutorial_grid()
    surfaces.show_grid(g, tutorial)
    for i in range(2):
        v = mesh_xyz(surfaces.surface_item(i)).reshape(61, 41, 3)  # z[x_index, y_index]
        box = surfaces.display_box(i)
        true = g.values[..., i].T
        np.testing.assert_allclose(v[..., 2], box.dz(true), atol=1e-5)
        np.testing.assert_allclose(v[:, 0, 0], box.dx(g.coords[0]), atol=1e-6)
        np.testing.assert_allclose(v[0, :, 1], box.dy(g.coords[1]), atol=1e-6)
        # Independently of the box: display heights are an increasing affine map of f_i.
        slope, icpt = np.polyfit(true.ravel(), v[..., 2].ravel(), 1)
        assert slope > 0
        np.testing.assert_allclose(v[..., 2], slope * true + icpt, atol=1e-4)
        assert np.ptp(v[..., 2]) > 0.5 and np.abs(v).max() < 1.3  # fills a unit-ish box
    assert surfaces.view(0).toolTip().startswith("f1 over x1 ∈ [-3, 3], x2 ∈ [-3, 3]")


@pytest.mark.parametrize(("i", "f0", "row"), [(0, 5.0, (2.0, 2.0)), (1, 19.0, (3.0, 16.0))])
def test_the_tangent_plane_touches_the_point_with_the_slopes_of_j(surfaces, tutorial, i, f0, row):
    surfaces.show_grid(tutorial_grid(), tutorial)
    x, y = surfaces.tangent_plane_xy(i)
    z = surfaces.tangent_plane_z(i)
    assert z.shape == (len(y), len(x)) and x[0] <= 1.0 <= x[-1] and y[0] <= 2.0 <= y[-1]
    np.testing.assert_allclose(np.diff(z, axis=1) / np.diff(x)[None, :], row[0], rtol=1e-9)
    np.testing.assert_allclose(np.diff(z, axis=0) / np.diff(y)[:, None], row[1], rtol=1e-9)
    at_point = z[0, 0] + row[0] * (1.0 - x[0]) + row[1] * (2.0 - y[0])
    assert at_point == pytest.approx(f0)
    box = surfaces.display_box(i)
    v = mesh_xyz(surfaces.tangent_item(i)).reshape(len(x), len(y), 3)
    np.testing.assert_allclose(v[..., 2], box.dz(z.T), atol=1e-5)
    assert surfaces.tangent_item(i).visible()
    seen = []
    surfaces.tangentVisibleChanged.connect(seen.append)
    surfaces.set_tangent_visible(False)
    assert not surfaces.tangent_item(i).visible() and not surfaces.tangent_box.isChecked()
    surfaces.tangent_box.setChecked(True)
    assert surfaces.tangent_item(i).visible()
    assert seen == [False, True]


def test_a_new_point_moves_the_marker_and_the_plane(surfaces, tutorial):
    import jacdesk

    surfaces.show_grid(tutorial_grid(), tutorial)
    surfaces.set_point(jacdesk.analyze(list(EXPRS), {"x1": -1, "x2": 0}, symbolic=False))
    x, y = surfaces.tangent_plane_xy(1)
    z = surfaces.tangent_plane_z(1)
    np.testing.assert_allclose(np.diff(z, axis=1) / np.diff(x)[None, :], 3.0)
    np.testing.assert_allclose(np.diff(z, axis=0) / np.diff(y)[:, None], 0.0, atol=1e-12)
    assert z[0, 0] + 3.0 * (-1.0 - x[0]) == pytest.approx(-3.0)  # f2(-1, 0) = -3


def test_the_framebuffer_shows_coloured_surfaces(surfaces, tutorial, qtbot):
    surfaces.show_grid(tutorial_grid(), tutorial)
    qtbot.wait(50)
    for i in range(2):
        img = surfaces.view(i).grabFramebuffer()
        assert img.width() > 200 and img.height() > 150
        pixels = [
            img.pixelColor(x, y)
            for x in range(0, img.width(), 5)
            for y in range(0, img.height(), 5)
        ]
        colours = {p.rgb() for p in pixels}
        dark = sum(p.value() < 30 for p in pixels) / len(pixels)
        vivid = sum(p.saturation() > 80 for p in pixels) / len(pixels)
        assert len(colours) > 200, "the GL view is (nearly) one colour"
        assert dark < 0.2, "the GL view is mostly black"
        assert vivid > 0.1, "no coloured surface in the picture"


def test_four_100_by_100_surfaces_redraw_well_under_a_second(surfaces, tutorial):
    g = tutorial_grid(100, 100, extra=2)
    surfaces.show_grid(g, tutorial)  # first time: views and shaders are created
    for i in range(4):
        surfaces.view(i).grabFramebuffer()
    start = time.perf_counter()
    surfaces.show_grid(g, tutorial)
    for i in range(4):
        surfaces.view(i).grabFramebuffer()  # forces the upload and a full render
    elapsed = time.perf_counter() - start
    assert surfaces.redraw_seconds < 0.5
    assert elapsed < 1.0, f"four 100×100 surfaces took {elapsed:.3f} s"


def test_more_than_four_components_get_a_page_selector(surfaces, tutorial):
    surfaces.show_grid(tutorial_grid(extra=3), tutorial)
    assert surfaces.pages.isVisibleTo(surfaces) and surfaces.pages.count() == 2
    assert surfaces.surface_item(3) is not None
    surfaces.pages.setCurrentIndex(1)
    assert surfaces.surface_item(4) is not None
    with pytest.raises(IndexError):
        surfaces.view(0)
    with pytest.raises(ValueError):  # f5 = 3·x1·x2 is not in the tutorial's result
        surfaces.tangent_plane_z(4)


def test_clear_stale_one_axis_and_tooltips(surfaces, tutorial):
    from PySide6.QtWidgets import QAbstractButton, QComboBox

    surfaces.show_grid(tutorial_grid(), tutorial)
    surfaces.set_stale(True)
    assert surfaces.badge.isVisibleTo(surfaces)
    surfaces.set_stale(False)
    surfaces.reset_camera()
    assert surfaces.view(0).opts["elevation"] == pytest.approx(30.0)
    one_axis = GridResult(
        EXPRS,
        ("x1",),
        (np.linspace(0, 1, 5),),
        (1.0,),
        ("f1", "f2"),
        np.zeros((5, 2)),
        np.zeros((5, 2, 1)),
        None,
    )
    surfaces.show_grid(one_axis, tutorial)
    assert surfaces.stack.currentWidget() is surfaces.message
    assert "two" in surfaces.message.text()
    surfaces.clear("nothing to plot")
    assert surfaces.message.text() == "nothing to plot"
    for w in surfaces.findChildren(QAbstractButton) + surfaces.findChildren(QComboBox):
        assert w.toolTip(), w


def test_a_grid_from_the_core(surfaces, tutorial):
    grid_mod = pytest.importorskip("jacdesk.core.diff.grid")
    g = grid_mod.grid(list(EXPRS), {"x1": 1, "x2": 2}, over={"x1": (-3, 3, 31), "x2": (-3, 3, 21)})
    surfaces.show_grid(g, tutorial)
    v = mesh_xyz(surfaces.surface_item(1)).reshape(31, 21, 3)
    X, Y = np.meshgrid(g.coords[0], g.coords[1], indexing="ij")
    np.testing.assert_allclose(v[..., 2], surfaces.display_box(1).dz(3 * X + 4 * Y**2), atol=1e-5)
    assert surfaces.tangent_plane_z(1).shape == (9, 9)


def test_gl_checks_in_a_fresh_process(qapp):
    """When this session's QApplication is headless, run the checks above in a fresh xcb one."""
    if qapp.platformName() not in HEADLESS:
        pytest.skip("the GL checks ran in this process")
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="xcb",
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    )
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x", __file__],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    assert " passed" in proc.stdout and "failed" not in proc.stdout, proc.stdout[-2000:]
