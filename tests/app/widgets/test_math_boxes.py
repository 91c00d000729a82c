"""The fast typesetter: jacdesk's own LaTeX read into boxes and painted (well under a
millisecond a formula), anything else left to ziamath; pictures with ink, sized by the font."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QImage

from jacdesk.app.widgets.math_boxes import layout, paint
from jacdesk.app.widgets.math_parse import Atom, Frac, Matrix, Scripts, Unsupported, parse
from jacdesk.app.widgets.math_render import MathKey, MathRenderer, draw
from jacdesk.core import engine
from jacdesk.core.formats import latex_blocks, latex_chain
from jacdesk.core.formats.latex_expr import expression_latex

SEED = ["x1**2 + 2*x2", "3*x1 + 4*x2**2"]


def _ink(image: QImage) -> int:
    """How many pixels are painted (alpha > 0), read from the alpha channel at once."""
    alpha = image.convertToFormat(QImage.Format.Format_Alpha8)
    rows = np.frombuffer(alpha.constBits(), np.uint8).reshape(alpha.height(), -1)
    return int(np.count_nonzero(rows[:, : alpha.width()]))


@pytest.fixture(scope="module")
def seed():
    return engine.analyze(
        SEED, {"x1": 1.0, "x2": 2.0}, vjp=[1.0, 1.0], jvp=[1.0, 0.0], symbolic=True
    )


def test_the_reader_builds_scripts_fractions_and_matrices():
    (line,) = parse(
        r"x_{1}^{2} + \frac{\partial f}{\partial x} \begin{bmatrix}1 & 2 \\ 3 & 4\end{bmatrix}"
    )
    kinds = [type(item) for item in line.items]
    assert kinds[0] is Scripts and Frac in kinds and Matrix in kinds
    matrix = next(i for i in line.items if isinstance(i, Matrix))
    assert len(matrix.rows) == 2 and all(len(r) == 2 for r in matrix.rows)
    assert isinstance(line.items[1], Atom) and line.items[1].kind == "bin"
    assert len(parse(r"a \\ b")) == 2  # a top-level line break starts a new line


@pytest.mark.parametrize(
    "latex", [r"\int_{0}^{1} x", r"\frac{", r"\sqrt[3]{x}", r"\begin{align}x\end{align}", "a & b"]
)
def test_latex_outside_jacdesks_part_is_left_to_ziamath(latex):
    with pytest.raises(Unsupported):
        parse(latex)


def test_every_chain_jacdesk_writes_for_the_seed_goes_the_fast_way(seed):
    chains = [
        latex_chain.jacobian_chain(seed),
        latex_chain.backward_chain(seed),
        latex_chain.jvp_chain(seed),
        latex_chain.determinant_chain(seed),
        latex_chain.hessian_chain("f1", ["x1", "x2"], np.array([[2.0, 0.0], [0.0, 0.0]])),
    ]
    matrix = engine.analyze(
        "A @ X @ B", {"X": [[1.0, 2.0], [3.0, 4.0]]}, constants={"A": np.eye(2), "B": np.eye(2)}
    )
    chains += [latex_blocks.header_chain(matrix), latex_blocks.header_chain(matrix, "X")]
    typed = ["sqrt(x1**2 + x2**2)", "exp(-x1)*sin(x2)/(1+x1**2)", "norm(x)", "softmax(x)[0]"]
    chains += [expression_latex(t) for t in typed]
    for latex in chains:
        assert latex is not None
        lines = layout(latex, 16.0)
        image, baseline = paint(lines, 16.0, "#000000", 1.0)
        assert _ink(image) > 20, latex
        assert 0 < baseline <= image.height()


def test_pictures_grow_with_the_font_and_sharpen_with_the_pixel_ratio(seed):
    latex = latex_chain.jacobian_chain(seed)
    small, _ = paint(layout(latex, 12.0), 12.0, "#000000", 1.0)
    large, _ = paint(layout(latex, 24.0), 24.0, "#000000", 1.0)
    assert 1.8 < large.height() / small.height() < 2.2
    assert 1.8 < large.width() / small.width() < 2.2
    sharp, _ = paint(layout(latex, 12.0), 12.0, "#000000", 2.0)
    assert sharp.devicePixelRatio() == 2.0
    assert abs(sharp.width() / 2 - small.width()) <= 1


def test_the_fast_picture_is_about_as_large_as_ziamaths(seed):
    latex = latex_chain.jacobian_chain(seed)
    fast, _ = paint(layout(latex, 18.0), 18.0, "#000000", 1.0)
    slow = draw(MathKey(latex, 18.0, "#000000")).image
    assert 0.75 < fast.width() / slow.width() < 1.25
    assert 0.75 < fast.height() / slow.height() < 1.25


def test_the_renderer_draws_jacdesks_latex_fast_and_other_latex_through_ziamath(qtbot):
    renderer = MathRenderer()
    try:
        ours = renderer.render_now(
            MathKey(r"J = \begin{bmatrix}2 & 2 \\ 3 & 16\end{bmatrix}", 16.0, "#000")
        )
        other = renderer.render_now(MathKey(r"\int_{0}^{1} x \, dx", 16.0, "#000"))
        assert ours.image is not None and ours.svg == ""  # painted directly, no SVG on the way
        assert other.image is not None and "<svg" in other.svg
        renderer.warmed.result(timeout=30)  # the warm-up ran in the background and is done
    finally:
        renderer.shutdown()
