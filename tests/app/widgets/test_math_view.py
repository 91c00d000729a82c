"""Typeset formulas: pictures that are not blank, sized by the font, cached, drawn off the GUI
thread, and exported as SVG / PNG or copied as LaTeX."""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QImage

from jacdesk.app.widgets.math_render import MathKey, MathRenderer, draw
from jacdesk.app.widgets.math_view import MathView

SEED_J = (
    r"J = {\begin{bmatrix}\frac{\partial f_{1}}{\partial x_{1}} & \frac{\partial f_{1}}"
    r"{\partial x_{2}} \\ \frac{\partial f_{2}}{\partial x_{1}} & \frac{\partial f_{2}}"
    r"{\partial x_{2}}\end{bmatrix}} = {\begin{bmatrix}2 & 2 \\ 3 & 16\end{bmatrix}}"
)


def _ink(image: QImage) -> int:
    """How many pixels are not transparent."""
    step = max(1, image.width() // 200)
    return sum(
        1
        for y in range(0, image.height(), step)
        for x in range(0, image.width(), step)
        if QColor(image.pixel(x, y)).alpha() > 0
    )


def test_a_formula_draws_ink_and_grows_with_the_font():
    small = draw(MathKey(SEED_J, 12.0, "#000000"))
    large = draw(MathKey(SEED_J, 24.0, "#000000"))
    assert small.error == "" and small.image is not None
    assert _ink(small.image) > 50
    assert large.image.height() > 1.8 * small.image.height()
    assert large.image.width() > 1.8 * small.image.width()
    assert "<svg" in small.svg and "<symbol" not in small.svg  # QtSvg cannot draw <symbol>


def test_the_pixel_ratio_sharpens_without_changing_the_size():
    one = draw(MathKey("x_{1}^{2}", 16.0, "#000000", 1.0)).image
    two = draw(MathKey("x_{1}^{2}", 16.0, "#000000", 2.0)).image
    assert two.devicePixelRatio() == 2.0
    assert abs(two.width() / 2 - one.width()) <= 1


def test_unknown_latex_is_one_line_not_an_exception():
    picture = draw(MathKey(r"\frac{", 16.0, "#000000"))
    assert picture.image is None
    assert picture.error and "\n" not in picture.error


def test_pictures_come_from_the_cache_and_from_another_thread(qtbot):
    renderer = MathRenderer()
    key = MathKey("3 x_{1} + 4 x_{2}^{2}", 16.0, "#202020")
    with qtbot.waitSignal(renderer.pictureReady, timeout=20_000) as blocker:
        assert renderer.request(key) is None  # not drawn yet: it is drawn off this thread
    key_back, picture = blocker.args
    assert key_back == key and picture.image is not None
    assert renderer.request(key) is picture  # cached: at once
    renderer.shutdown()


def test_the_view_shows_the_formula_at_its_font_size(qtbot, make):
    view = make(MathView)
    view.show()
    with qtbot.waitSignal(view.rendered, timeout=20_000):
        view.set_latex(SEED_J)
    first = view.sizeHint()
    assert view.picture().image is not None and first.height() > 20
    font = view.font()
    font.setPointSizeF(font.pointSizeF() * 2)
    with qtbot.waitSignal(view.rendered, timeout=20_000):
        view.setFont(font)
    assert view.sizeHint().height() > 1.6 * first.height()
    view.resize(view.sizeHint())
    image = view.grab().toImage()
    assert _ink(image) > 50


def test_copy_and_export(qtbot, make, tmp_path):
    view = make(MathView)
    with qtbot.waitSignal(view.rendered, timeout=20_000):
        view.set_latex("x_{1}^{2} + 2 x_{2}")
    view.copy_latex()
    assert QGuiApplication.clipboard().text() == "x_{1}^{2} + 2 x_{2}"
    svg = view.save_svg(tmp_path / "f.svg")
    assert svg.read_text(encoding="utf-8").startswith("<svg")
    png = view.save_png(tmp_path / "f.png")
    assert not QImage(str(png)).isNull()


def test_nothing_to_show(qtbot, make):
    view = make(MathView)
    view.set_latex(None)
    assert view.is_rendered() and view.picture() is None
    assert view.sizeHint().height() == 0


def test_a_formula_nobody_waits_for_is_not_drawn(qtbot):
    renderer = MathRenderer()
    done = []
    renderer.pictureReady.connect(lambda key, _picture: done.append(key.latex))
    busy = MathKey(SEED_J, 20.0, "#000000")  # keeps the one drawing thread busy a while
    first, second = (MathKey(t, 20.0, "#000000") for t in ("x_{1}", "x_{2}"))
    renderer.request(busy)
    renderer.request(first)
    with qtbot.waitSignal(
        renderer.pictureReady, timeout=20_000, check_params_cb=lambda k, _p: k == second
    ):
        renderer.request(second, instead_of=first)
    assert "x_{1}" not in done and renderer.cached(first) is None
    renderer.shutdown()
