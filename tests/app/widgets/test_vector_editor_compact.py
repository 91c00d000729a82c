"""The v / u editors are compact: cells as wide as their contents, not the whole tab."""

from __future__ import annotations

from jacdesk.app.widgets.style import MATH_FAMILIES, math_font
from jacdesk.app.widgets.vector_editor import VectorEditor


def test_three_components_stay_narrow_in_a_wide_window(qtbot):
    editor = VectorEditor("v")
    qtbot.addWidget(editor)
    editor.resize(1400, 120)
    editor.set_labels(["f1", "f2", "f3"])
    editor.show()
    widths = {editor.table.columnWidth(k) for k in range(3)}
    assert len(widths) == 1 and widths.pop() < 120
    assert editor.table.width() < 500


def test_the_math_font_puts_a_latin_font_before_the_interface_font(qapp):
    base = qapp.font()
    families = math_font(base).families()
    assert families[: len(MATH_FAMILIES)] == list(MATH_FAMILIES)
    assert families[len(MATH_FAMILIES) :] == base.families()
