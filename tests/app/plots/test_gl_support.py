"""opengl_available() says no (with a reason) where the 3-D views cannot draw; display arithmetic."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

import jacdesk
from jacdesk.app.plots import gl_support
from jacdesk.app.plots.gl_support import (
    Z_HALF,
    DisplayBox,
    height_colors,
    opengl_available,
    point_of,
    tangent_patch,
    wireframe,
)
from jacdesk.core.results.grid import GridResult

ROOT = Path(__file__).resolve().parents[3]
EXPRS = ["x1**2 + 2*x2", "3*x1 + 4*x2**2"]

PROBE = textwrap.dedent(
    """
    import json, sys
    from jacdesk.app.plots.gl_support import opengl_available
    before = opengl_available()
    from PySide6.QtWidgets import QApplication
    app = QApplication(sys.argv)
    print(json.dumps([before, opengl_available(), app.platformName()]))
    """
)


def test_offscreen_qapp_has_no_opengl(qapp):
    if qapp.platformName() != "offscreen":
        pytest.skip(f"this session runs on '{qapp.platformName()}'")
    gl_support.forget_opengl_answer()
    ok, why = opengl_available()
    assert not ok and "offscreen" in why


@pytest.mark.parametrize("platform", ["offscreen", "minimal"])
def test_headless_platforms_in_a_fresh_process(platform):
    env = dict(
        os.environ,
        QT_QPA_PLATFORM=platform,
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    )
    env.pop("JACDESK_NO_GL", None)
    proc = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    before, after, name = json.loads(proc.stdout.strip().splitlines()[-1])
    assert before == [False, "no QApplication yet"]  # not cached: asked again below
    assert name == platform
    assert after[0] is False and platform in after[1]


def test_jacdesk_no_gl_turns_the_3d_views_off(qapp, monkeypatch):
    monkeypatch.setenv("JACDESK_NO_GL", "1")
    ok, why = opengl_available()
    assert not ok and "JACDESK_NO_GL" in why


def test_point_of_takes_the_point_value_and_j_row_by_label():
    r = jacdesk.analyze(EXPRS, {"x1": 1, "x2": 2}, symbolic=False)
    x = np.linspace(-3, 3, 4)
    g = GridResult(tuple(EXPRS), ("x2", "x1"), (x, x), (2.0, 1.0), ("f2", "f1"), None, None, None)
    # Axes and outputs in another order than the result's: matched by label.
    assert point_of(g, r, 0) == (2.0, 1.0, 19.0, 16.0, 3.0)
    assert point_of(g, r, 1) == (2.0, 1.0, 5.0, 2.0, 2.0)
    assert point_of(g, None, 0) is None
    other = GridResult(tuple(EXPRS), ("y", "x1"), (x, x), (0.0, 1.0), ("f1",), None, None, None)
    assert point_of(other, r, 0) is None


def test_point_of_matrix_entries_in_column_order():
    r = jacdesk.analyze("X @ X", {"X": [[0.0, 1.0], [2.0, 3.0]]}, symbolic=False, vec="col")
    x = np.linspace(-1, 1, 3)
    g = GridResult(
        ("X @ X",), ("X[1,0]", "X[0,1]"), (x, x), (2.0, 1.0), ("F[1,0]",), None, None, None
    )
    x0, y0, f0, gx, gy = point_of(g, r, 0)
    row = r.output_labels.index("F[1,0]")
    assert (x0, y0, f0) == (2.0, 1.0, 6.0)  # (X @ X)[1,0] = 2·0 + 3·2
    assert (gx, gy) == (r.jacobian[row, 1], r.jacobian[row, 2])


def test_tangent_patch_is_the_plane_through_the_point():
    box = DisplayBox((-3.0, 3.0), (-3.0, 3.0), (-9.0, 45.0))
    px, py, pz = tangent_patch((1.0, 2.0, 19.0, 3.0, 16.0), box)
    assert pz.shape == (len(py), len(px)) and py[-1] <= 3.0  # cut to the grid
    assert px[0] < 1.0 < px[-1] and py[0] < 2.0 < py[-1]
    expect = 19.0 + 3.0 * (px[None, :] - 1.0) + 16.0 * (py[:, None] - 2.0)
    np.testing.assert_allclose(pz, expect)
    assert np.ptp(pz) <= 0.6 * 54.0 + 1e-9  # a steep plane gets a smaller patch


def test_display_box_scales_each_axis_into_the_unit_box():
    box = DisplayBox.fit(np.linspace(0, 1e-3, 5), np.linspace(-50, 150, 5), np.array([2e6, 4e6]))
    assert box.dx(0.0) == pytest.approx(-1) and box.dx(1e-3) == pytest.approx(1)
    assert box.dy(150.0) == pytest.approx(1)
    assert box.dz(2e6) == pytest.approx(-Z_HALF) and box.dz(4e6) == pytest.approx(Z_HALF)
    flat = DisplayBox.fit(np.arange(3.0), np.arange(3.0), np.full((3, 3), 7.0))
    assert np.all(flat.dz(np.full(3, 7.0)) == 0.0)


def test_a_pole_is_clamped_and_nan_is_grey_and_left_out_of_the_wireframe():
    x = np.linspace(-1, 1, 60)
    z = 1.0 / (x[:, None] ** 2 + x[None, :] ** 2)  # up to 1741 near the centre
    z[10, 10] = np.inf
    box = DisplayBox.fit(x, x, z)
    assert box.clipped and box.z_range[0] == pytest.approx(0.5) and box.z_range[1] < 100.0
    assert np.nanmax(box.dz(z)) <= 1.2 * Z_HALF + 1e-12
    z[0, 0] = np.nan
    rgba = height_colors(z, box, None)
    assert rgba.shape == (60, 60, 4) and tuple(rgba[0, 0]) == pytest.approx((0.6, 0.6, 0.6, 1.0))
    seg = wireframe(x, x, box.dz(z)).reshape(-1, 2, 3)
    assert np.isfinite(seg).all() and len(seg) > 0
