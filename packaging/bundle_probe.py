"""Self-test of the frozen window, used by ``check_bundle.py`` (not part of the app proper).

With ``JACDESK_BUNDLE_PROBE=<file.json>`` set, ``launch_jacdesk.py`` calls :func:`install`
before the window is built: once the window shows, the probe reads every table in it until one
holds the tutorial's J = [[2, 2], [3, 16]] and the sympy child runs (or
``JACDESK_BUNDLE_PROBE_TIMEOUT_S``, default 60 s, runs out), asks whether the 3-D views could
draw (PyOpenGL and pyqtgraph.opengl load), writes what it saw to the file and closes the window
through its normal close path.
Everything runs on the GUI thread, from Qt timers.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import time
from pathlib import Path

ENV = "JACDESK_BUNDLE_PROBE"
WANT = [[2.0, 2.0], [3.0, 16.0]]
POLL_MS = 200


def install(out: str) -> None:
    from PySide6.QtCore import QTimer

    t0 = time.monotonic()
    timeout = float(os.environ.get(f"{ENV}_TIMEOUT_S", "60"))

    def tick() -> None:
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        windows = [
            w
            for w in (app.topLevelWidgets() if app is not None else [])
            if type(w).__name__ == "MainWindow" and w.isVisible()
        ]
        elapsed = time.monotonic() - t0
        tables = _tables(windows[0]) if windows else []
        found = any(_numbers(t) == WANT for t in tables)
        children = sorted(p.name for p in multiprocessing.active_children())
        if not (found and children) and elapsed < timeout:
            QTimer.singleShot(POLL_MS, tick)
            return
        report = {
            "window": bool(windows),
            "title": windows[0].windowTitle() if windows else None,
            "platform": app.platformName() if app is not None else None,
            "jacobian_found": found,
            "children": children,
            "elapsed_s": round(elapsed, 2),
            "gl_modules": _gl_modules(),
            "gl": _gl(),
            "math": _math(),
            "tables": [t for t in tables if len(t) > 1][:12],
        }
        Path(out).write_text(json.dumps(report, indent=1), encoding="utf-8")
        if windows:
            windows[0].close()

    QTimer.singleShot(0, tick)


def _tables(window) -> list[list[list[str]]]:
    """The display text of every visible item view's cells (small ones)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractItemView

    out = []
    for view in window.findChildren(QAbstractItemView):
        model = view.model()
        if model is None or model.rowCount() > 20 or model.columnCount() > 20:
            continue
        rows = []
        for r in range(model.rowCount()):
            row = []
            for c in range(model.columnCount()):
                value = model.data(model.index(r, c), Qt.ItemDataRole.DisplayRole)
                row.append("" if value is None else str(value))
            rows.append(row)
        out.append(rows)
    return out


def _numbers(table: list[list[str]]) -> list[list[float]] | None:
    try:
        return [[float(cell.replace("\u2212", "-")) for cell in row] for row in table]
    except ValueError:
        return None


def _gl_modules() -> str:
    """ "ok" when PyOpenGL and pyqtgraph.opengl import (a bundling question, not a GPU one)."""
    try:
        import pyqtgraph.opengl  # noqa: F401
        from OpenGL import GL  # noqa: F401
    except Exception as exc:  # ImportError, or PyOpenGL finding no GL library
        return f"{type(exc).__name__}: {exc}"
    return "ok"


def _gl() -> list:
    try:
        from jacdesk.app.plots.gl_support import opengl_available

        ok, why = opengl_available()
        return [bool(ok), str(why)]
    except Exception as exc:  # report, never break the run
        return [False, f"probe failed: {type(exc).__name__}: {exc}"]


def _math() -> str:
    """Typeset the seed's J once, as the J tab does: "ok WxH" or why not."""
    try:
        from jacdesk.app.widgets.math_render import MathKey, draw

        picture = draw(MathKey(r"J = \begin{bmatrix} 2 & 2 \\ 3 & 16 \end{bmatrix}", 20.0, "#000"))
    except Exception as exc:  # reported, not raised: the check names what failed
        return f"{type(exc).__name__}: {exc}"
    if picture.image is None:
        return picture.error or "no image"
    return f"ok {picture.image.width()}x{picture.image.height()}"
