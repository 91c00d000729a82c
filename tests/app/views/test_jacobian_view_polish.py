"""The J tab's small print: "Show as" only with its choice, the 2-D entry named for the layout."""

from __future__ import annotations

import pytest

from jacdesk.app.views.jacobian_view import JacobianView
from jacdesk.core.engine import analyze


@pytest.fixture
def view(qtbot):
    v = JacobianView()
    qtbot.addWidget(v)
    v.show()
    return v


def test_show_as_is_hidden_with_its_combo(view):
    view.show_result(analyze(["x1**2 + 2*x2", "3*x1 + 4*x2**2"], {"x1": 1.0, "x2": 2.0}))
    assert not view.form.isVisible() and not view.show_label.isVisible()
    view.show_result(
        analyze("trace(A @ X)", {"X": [[1.0, 2.0], [3.0, 4.0]]}, {"A": [[1, 2], [3, 4]]})
    )
    assert view.form.isVisible() and view.show_label.isVisible()


@pytest.mark.parametrize(
    ("layout", "words"), [("numerator", "outputs × inputs"), ("denominator", "inputs × outputs")]
)
def test_the_2d_choice_names_the_layout(view, layout, words):
    r = analyze("X @ X", {"X": [[1.0, 2.0], [3.0, 4.0]]}, layout=layout, symbolic=False)
    view.show_result(r)
    assert words in view.form.itemText(0)


def test_the_numbering_convention_is_stated_for_indexed_inputs(view):
    view.show_result(analyze("softmax(z)", {"z": [1.0, 2.0, 0.5]}, symbolic=False))
    assert "count from 1" in view.conventions.text() and "from 0" in view.conventions.text()
    view.show_result(analyze(["x1**2 + 2*x2", "3*x1 + 4*x2**2"], {"x1": 1.0, "x2": 2.0}))
    assert "count from 1" not in view.conventions.text()


def test_block_headers_use_one_slice_notation(view):
    r = analyze("X @ X", {"X": [[1.0, 2.0], [3.0, 4.0]]}, symbolic=False)
    view.show_result(r)
    view.show_form("X")
    _title, _data, rows, cols = view.matrix_view.export_data()
    labels = [*rows, *cols]
    assert labels and all("·" not in s for s in labels)
    assert any("[:," in s or ",:]" in s for s in labels)


def test_the_equation_header_follows_the_form_shown(view):
    view.show_result(analyze("X @ X", {"X": [[1.0, 2.0], [3.0, 4.0]]}, symbolic=False))
    flat = view.equation.latex()
    assert r"\frac{\partial \operatorname{vec}_{r} F}{\partial \operatorname{vec}_{r} X}" in flat
    view.show_form("X")
    assert r"\left[\frac{\partial F}{\partial X_{i, j}}\right]" in view.equation.latex()
    view.show_form(None)
    assert view.equation.latex() == flat
