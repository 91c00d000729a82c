"""Issue: typeset math — the seed's J chain drawn as a picture, the first time and from the
cache, against Qt drawing the finished SVG (the floor of any SVG route)."""

from __future__ import annotations

import dataclasses
import os

from harness import Case

import jacdesk
from jacdesk.core.formats.latex_chain import jacobian_chain

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
EXAMPLE = ["x1**2 + 2*x2", "3*x1 + 4*x2**2"]


def cases() -> list[Case]:
    from PySide6.QtCore import QByteArray, QRectF, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer
    from PySide6.QtWidgets import QApplication  # a widget suite may run after this one

    from jacdesk.app.widgets.math_render import MathKey, MathRenderer, draw, to_svg

    _app = QApplication.instance() or QApplication([])
    seed = jacdesk.analyze(EXAMPLE, {"x1": 1.0, "x2": 2.0})
    key = MathKey(jacobian_chain(seed), 20.0, "#202020")
    renderer = MathRenderer()
    renderer.render_now(key)  # also loads the font once
    svg = to_svg(key.latex, key.size, key.colour).encode("utf-8")

    def qt_draws_the_svg():
        r = QSvgRenderer(QByteArray(svg))
        box = r.viewBoxF()
        image = QImage(
            int(box.width()) + 1, int(box.height()) + 1, QImage.Format.Format_ARGB32_Premultiplied
        )
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        r.render(painter, QRectF(0, 0, image.width(), image.height()))
        painter.end()
        return image

    floor = {"QSvgRenderer on the finished SVG": qt_draws_the_svg}
    # The point moves: f, ∂f_i/∂x_j and the symbolic J are kept, the numbers are new.
    moved = []
    for k in range(1, 400):
        at = jacdesk.analyze(EXAMPLE, {"x1": 1.0 + k / 1000, "x2": 2.0}, symbolic=False)
        at = dataclasses.replace(at, symbolic=seed.symbolic)  # the same forms, sympy spared
        moved.append(MathKey(jacobian_chain(at), 20.0, "#202020"))
    walk = iter(moved)

    def first_time():
        """A new renderer (empty cache) draws it; the font is registered once per process,
        at start, by the renderer's background warm-up."""
        fresh = MathRenderer()
        picture = fresh.render_now(key)
        fresh.shutdown()
        return picture

    def ziamath_route():
        return draw(key)

    return [
        Case(
            "typeset the seed's J chain, first time (LaTeX → boxes → image)",
            first_time,
            "Qt",
            floor,
            10,
            "<= 10 ms",
        ),
        Case(
            "typeset the seed's J chain after the point moved (new numbers)",
            lambda: renderer.render_now(next(walk)),
            "Qt",
            floor,
            150,
            "<= 10 ms",
        ),
        Case(
            "typeset the seed's J chain through ziamath (the route for other LaTeX)",
            ziamath_route,
            "Qt",
            floor,
            20,
            "",
        ),
        Case(
            "typeset the seed's J chain, from the cache",
            lambda: renderer.cached(key),
            "Qt",
            floor,
            300,
            "<= 0.2 ms",
        ),
    ]
