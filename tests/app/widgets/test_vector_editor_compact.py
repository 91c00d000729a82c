"""The v / u editors are compact: cells as wide as their contents, not the whole tab."""

from __future__ import annotations

from PySide6.QtCore import Qt

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


def test_the_same_labels_again_keep_the_vector_and_new_ones_rename_the_tips(qtbot):
    editor = VectorEditor("v")
    qtbot.addWidget(editor)
    editor.set_labels(["f1", "f2"])
    editor.set_vector([0.0, 1.0])
    editor.table.item(0, 0).setText("zero")  # refused: marked bad, v keeps 0
    editor.set_labels(["f1", "f2"])  # each result of the same f names them again
    assert editor.vector().tolist() == [0.0, 1.0]
    editor.set_vector([0.0, 1.0])  # shown again: the bad mark goes
    assert editor.table.item(0, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    assert "type a number" in editor.table.item(0, 0).toolTip()
    editor.set_labels(["y1", "y2"])  # same count, new names: the values stay, the tips follow
    assert editor.vector().tolist() == [0.0, 1.0]
    assert "v[y2]" in editor.table.item(0, 1).toolTip()
    assert editor.table.horizontalHeaderItem(1).text() == "y2"
    editor.set_labels(["a", "b", "c"])  # a new count: ones
    assert editor.vector().tolist() == [1.0, 1.0, 1.0]
    assert {editor.table.columnWidth(k) for k in range(3)} == {editor.table.columnWidth(0)}
