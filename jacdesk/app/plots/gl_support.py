"""Can this machine draw the 3-D views? Plus the display arithmetic those views share.

``opengl_available()`` answers before any ``GLViewWidget`` exists, so that the window can fall
back to its 2-D views instead of crashing or showing a black box. The helpers below only map
given arrays into a unit-ish display box and colour them; they never compute derivatives.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass

import numpy as np

from jacdesk.core.conventions import COL
from jacdesk.core.results.analysis import Analysis
from jacdesk.core.results.grid import GridResult

HEADLESS_PLATFORMS = frozenset({"offscreen", "minimal", "minimalegl", "vnc", "linuxfb"})
Z_HALF = 0.6  # display heights span [-Z_HALF, Z_HALF]; x and y span [-1, 1]
_answer: tuple[bool, str] | None = None


def opengl_available() -> tuple[bool, str]:
    """``(True, "OpenGL 4.5 — llvmpipe …")`` or ``(False, why)``; cached once a probe ran.

    ``JACDESK_NO_GL=1`` forces ``False``. Call it from the GUI thread after the QApplication
    exists (without one the answer is ``False`` and is not cached).
    """
    global _answer
    if os.environ.get("JACDESK_NO_GL", "").strip() not in ("", "0"):
        from jacdesk.app.system.i18n import translate

        return False, translate("GlSupport", "3-D views turned off (JACDESK_NO_GL is set)")
    if _answer is None:
        answer, final = _probe()
        if not final:
            return answer
        _answer = answer
    return _answer


def share_gl_contexts() -> None:
    """Let every GL view share one context group (call before the QApplication exists).

    pyqtgraph keeps one global set of shader programs; views in different windows need shared
    contexts to use them (Surfaces3D copes without, by rebuilding them on a switch).
    """
    from PySide6.QtCore import QCoreApplication, Qt

    if QCoreApplication.instance() is None:
        QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)


def forget_opengl_answer() -> None:
    """Drop the cached answer (tests)."""
    global _answer
    _answer = None


def _probe() -> tuple[tuple[bool, str], bool]:
    """(answer, whether it may be cached)."""
    from PySide6.QtCore import QThread
    from PySide6.QtGui import QGuiApplication, QOffscreenSurface, QOpenGLContext

    from jacdesk.app.system.i18n import translate

    app = QGuiApplication.instance()
    if app is None:
        return (False, "no QApplication yet"), False
    if QThread.currentThread() is not app.thread():
        return (False, "asked from a worker thread; ask from the GUI thread"), False
    platform = QGuiApplication.platformName().lower()
    if platform in HEADLESS_PLATFORMS:
        why = translate("GlSupport", "the Qt platform '{platform}' shows no OpenGL windows")
        return (False, why.format(platform=platform)), True
    try:
        from OpenGL import GL
        from pyqtgraph import opengl  # noqa: F401
    except Exception as exc:  # ImportError, or PyOpenGL failing to find a GL library
        why = translate("GlSupport", "PyOpenGL / pyqtgraph.opengl do not load: {error}")
        return (False, why.format(error=exc)), True
    context = QOpenGLContext()
    if not context.create():
        return (False, translate("GlSupport", "no OpenGL context could be created")), True
    surface = QOffscreenSurface()
    surface.setFormat(context.format())
    surface.create()
    try:
        if not surface.isValid() or not context.makeCurrent(surface):
            return (
                False,
                translate("GlSupport", "an OpenGL context could not be made current"),
            ), True
        try:
            renderer = GL.glGetString(GL.GL_RENDERER)
        except Exception as exc:
            renderer, error = None, exc
        else:
            error = translate("GlSupport", "glGetString returned nothing")
        context.doneCurrent()
    finally:
        surface.destroy()
    if not renderer:
        why = translate("GlSupport", "PyOpenGL cannot reach Qt's OpenGL context ({error})")
        return (False, why.format(error=error)), True
    major, minor = context.format().majorVersion(), context.format().minorVersion()
    if major < 2:
        why = translate("GlSupport", "OpenGL {version} is too old (shaders need 2.0)")
        return (False, why.format(version=f"{major}.{minor}")), True
    return (True, f"OpenGL {major}.{minor} — {bytes(renderer).decode(errors='replace')}"), True


@dataclass(frozen=True)
class DisplayBox:
    """Maps true (x, y, z) into the display box: x, y in [-1, 1], z in [-Z_HALF, Z_HALF]."""

    x_range: tuple[float, float]
    y_range: tuple[float, float]
    z_range: tuple[float, float]
    clipped: bool = False  # heights far beyond z_range (a pole's spike) are clamped near its edges

    @classmethod
    def fit(cls, x: np.ndarray, y: np.ndarray, z: np.ndarray) -> DisplayBox:
        finite = z[np.isfinite(z)]
        lo, hi = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 0.0)
        clipped = False
        if finite.size > 100 and hi > lo:
            p_lo, p_hi = (float(v) for v in np.percentile(finite, [2.0, 98.0]))
            if p_hi > p_lo and hi - lo > 8.0 * (p_hi - p_lo):  # a pole: show the bulk
                pad = 0.25 * (p_hi - p_lo)
                lo, hi, clipped = max(lo, p_lo - pad), min(hi, p_hi + pad), True
        return cls(_span(x), _span(y), (lo, hi), clipped)

    def dx(self, x: np.ndarray | float) -> np.ndarray:
        return _to_unit(x, self.x_range, 1.0)

    def dy(self, y: np.ndarray | float) -> np.ndarray:
        return _to_unit(y, self.y_range, 1.0)

    def dz(self, z: np.ndarray | float) -> np.ndarray:
        out = _to_unit(z, self.z_range, Z_HALF)
        return np.clip(out, -1.2 * Z_HALF, 1.2 * Z_HALF) if self.clipped else out

    def slopes(self, gx: np.ndarray, gy: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """True slopes dz/dx, dz/dy expressed in display units."""
        z = _half(self.z_range) / Z_HALF
        return gx * _half(self.x_range) / z, gy * _half(self.y_range) / z


def height_colors(z: np.ndarray, box: DisplayBox, shade: np.ndarray | None) -> np.ndarray:
    """RGBA float32 per vertex: viridis by height, darkened by ``shade`` (0..1); NaN → grey."""
    lo, hi = box.z_range
    t = np.clip((z - lo) / (hi - lo), 0.0, 1.0) if hi > lo else np.full(z.shape, 0.5)
    idx = np.nan_to_num(t * 255.0, nan=0.0).astype(np.intp)
    rgba = _viridis()[idx]
    if shade is not None:
        rgba[..., :3] *= np.nan_to_num(shade, nan=1.0)[..., None]
    rgba[~np.isfinite(z)] = (0.6, 0.6, 0.6, 1.0)
    return rgba


def lambert(sx: np.ndarray, sy: np.ndarray) -> np.ndarray:
    """Brightness of a surface with display slopes (sx, sy) under a fixed upper-left light."""
    light = np.array([-0.45, -0.35, 1.0]) / np.linalg.norm([-0.45, -0.35, 1.0])
    dot = (-sx * light[0] - sy * light[1] + light[2]) / np.sqrt(sx * sx + sy * sy + 1.0)
    return (0.5 + 0.5 * np.abs(dot)).astype(np.float32)


Point = tuple[float, float, float, float, float]  # x0, y0, f_i(x0), J[i, x-axis], J[i, y-axis]


def point_of(grid: GridResult, result: Analysis | None, comp: int) -> Point | None:
    """Component ``comp``'s point, value and J row (plotted columns) from ``result``, matched by
    label; ``None`` when the result does not describe this grid's inputs and outputs."""
    if result is None:
        return None
    r = result
    try:
        row = r.output_labels.index(grid.output_labels[comp])
        cols = [r.input_labels.index(a) for a in grid.axes[:2]]
    except ValueError:
        return None
    x = np.concatenate([_flat(r.point[name], r.vec) for name, _ in r.inputs])
    f = _flat(r.value, r.vec)
    if len(x) != len(r.input_labels) or len(f) != len(r.output_labels):
        return None
    j = r.jacobian[row, cols]
    return float(x[cols[0]]), float(x[cols[1]]), float(f[row]), float(j[0]), float(j[1])


def tangent_patch(
    point: Point, box: DisplayBox, n: int = 9, share: float = 0.3
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(x, y, z) of the plane z = f0 + gx·(x − x0) + gy·(y − y0) over a patch around the point:
    ±``share`` of each axis's range, shrunk so that a steep plane spans at most 60 % of the
    surface's height, and cut to the grid where the point lies inside it. z is (ny, nx)."""
    x0, y0, f0, gx, gy = point
    hx, hy = (share * (r[1] - r[0]) or 0.5 for r in (box.x_range, box.y_range))
    rise = abs(gx) * hx + abs(gy) * hy
    s = min(1.0, 0.3 * (box.z_range[1] - box.z_range[0] or 1.0) / rise) if rise > 0 else 1.0
    px, py = (
        _patch_axis(v, s * h, r, n) for v, h, r in ((x0, hx, box.x_range), (y0, hy, box.y_range))
    )
    return px, py, f0 + gx * (px[None, :] - x0) + gy * (py[:, None] - y0)


def wireframe(x: np.ndarray, y: np.ndarray, z: np.ndarray, lines: int = 11) -> np.ndarray:
    """Segments (point pairs) of about ``lines`` grid lines each way over z[x_index, y_index];
    segments touching a non-finite height are dropped."""
    v = np.stack(np.broadcast_arrays(x[:, None], y[None, :], z), axis=-1)  # (n1, n2, 3)
    ix = np.unique(np.linspace(0, len(x) - 1, lines).round().astype(int))
    iy = np.unique(np.linspace(0, len(y) - 1, lines).round().astype(int))
    along_x = np.stack([v[:-1, iy], v[1:, iy]], axis=-2).reshape(-1, 2, 3)
    along_y = np.stack([v[ix, :-1], v[ix, 1:]], axis=-2).reshape(-1, 2, 3)
    seg = np.concatenate([along_x, along_y])
    return seg[np.isfinite(seg).all(axis=(1, 2))].reshape(-1, 3)


def num(x: float) -> str:
    return "0" if x == 0 else f"{x:.4g}"


def tick(x: float, span: float) -> str:
    """An axis tick's label rounded to the axis's scale: -1.999 on a range 4 wide reads "-2"."""
    if not math.isfinite(span) or span <= 0:
        return num(x)
    digits = max(0, 2 - math.ceil(math.log10(span)))
    value = round(x, digits)
    return "0" if value == 0 else f"{value:.{digits}f}".rstrip("0").rstrip(".")


def _flat(a: np.ndarray, vec: str) -> np.ndarray:
    """Entries in J's row/column order: row-major, or column-major for matrices when vec='col'."""
    arr = np.asarray(a, dtype=np.float64)
    return arr.reshape(-1, order="F" if vec == COL and arr.ndim == 2 else "C")


def _patch_axis(v0: float, half: float, r: tuple[float, float], n: int) -> np.ndarray:
    lo, hi = v0 - half, v0 + half
    if r[0] <= v0 <= r[1] and r[1] > r[0]:
        lo, hi = max(lo, r[0]), min(hi, r[1])
    return np.linspace(lo, hi if hi > lo else lo + half, n)


_LUT: np.ndarray | None = None


def _viridis() -> np.ndarray:
    global _LUT
    if _LUT is None:
        import pyqtgraph as pg

        lut = pg.colormap.get("viridis").getLookupTable(0.0, 1.0, 256, alpha=True)
        _LUT = lut.astype(np.float32) / 255.0
    return _LUT


def _span(a: np.ndarray) -> tuple[float, float]:
    finite = np.asarray(a, dtype=np.float64)[np.isfinite(a)]
    return (float(finite.min()), float(finite.max())) if finite.size else (0.0, 0.0)


def _half(r: tuple[float, float]) -> float:
    h = 0.5 * (r[1] - r[0])
    return h if h > 0 else max(abs(r[0]), 1.0)


def _to_unit(v: np.ndarray | float, r: tuple[float, float], half: float) -> np.ndarray:
    return (np.asarray(v, dtype=np.float64) - 0.5 * (r[0] + r[1])) / _half(r) * half
