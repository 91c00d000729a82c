"""The typeset preview under the formula box: what is typed, as math, while typing."""

from __future__ import annotations

from jacdesk.app.widgets.expression_editor import ExpressionEditor, preview_latex


def test_the_seed_lines_are_previewed_as_math(qtbot, make):
    editor = make(ExpressionEditor)
    editor.show()
    with qtbot.waitSignal(editor.preview.rendered, timeout=20_000):
        editor.edit.setPlainText("x1**2 + 2*x2\n3*x1 + 4*x2**2")
    assert editor.preview.latex() == (
        r"f_{1} = x_{1}^{2} + 2 x_{2} \\ f_{2} = 3 x_{1} + 4 x_{2}^{2}"
    )
    assert editor.preview.isVisible() and editor.preview.picture().image is not None


def test_a_line_that_does_not_parse_is_left_out_and_still_underlined():
    assert preview_latex(["x1 +", "2*x2"]) == r"f_{2} = 2 x_{2}"
    assert preview_latex(["x1 +"]) is None
    assert preview_latex([]) is None


def test_loading_expressions_previews_at_once(make):
    editor = make(ExpressionEditor)
    editor.set_expressions(["sin(x)"])
    assert editor.preview.latex() == r"\sin\left(x\right)"
    editor.set_expressions([])
    assert editor.preview.latex() is None and not editor.preview.isVisibleTo(editor)
