"""Matrix differentiation in the window: gradients shaped like X, layout and vec switches,
block form, the Kronecker lesson and verified closed forms."""

from __future__ import annotations

import numpy as np
import pytest

from jacdesk.app.views.jacobian_view import JacobianView
from jacdesk.app.views.kronecker_view import KroneckerView
from jacdesk.app.window.main_window import MainWindow
from jacdesk.core.content.examples import example
from jacdesk.core.engine import analyze


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    w = MainWindow(restore=False)
    qtbot.addWidget(w)
    w.show()
    yield w
    w.close()


def _cells(view) -> list[list[str]]:
    m = view.model
    return [[view.cell_text(r, c) for c in range(m.columnCount())] for r in range(m.rowCount())]


def _load(qtbot, w: MainWindow, key: str, symbolic: bool = True):
    ex = example(key)
    w.load_example(ex)

    def done() -> bool:
        r = w.controller.last_result
        return (
            r is not None
            and r.expressions == ex.expressions
            and (r.symbolic is not None or not symbolic)
            and w.tabs.pending() == 0  # the hidden tabs get the result one per turn
        )

    qtbot.waitUntil(done, timeout=60_000)
    return w.controller.last_result


def test_trace_AX_example_shows_the_gradient_A_transposed(qtbot, window):
    r = _load(qtbot, window, "trace_AX")
    a = np.array(example("trace_AX").constants["A"])
    grads = window.tabs.view("Gradients")
    assert _cells(grads.matrix_view("X")) == [[str(int(x)) for x in row] for row in a.T]
    assert _cells(grads.value_view("X")) == [["1", "2"], ["3", "4"]]  # X beside ∂f/∂X
    np.testing.assert_array_equal(r.gradients["X"], a.T)
    qtbot.waitUntil(lambda: "✓ Closed form" in grads.closed_form_text("X"), timeout=30_000)
    assert "A.T" in grads.closed_form_text("X")


def test_layout_switch_transposes_j_and_says_so(qtbot, window):
    w = window
    r = _load(qtbot, w, "AXB", symbolic=False)
    view = w.tabs.view("J")
    before = view.matrix_view.matrix().copy()
    np.testing.assert_array_equal(before, r.jacobian)
    bar = w.compute_toolbar
    bar.layout_combo.setCurrentIndex(bar.layout_combo.findData("denominator"))
    qtbot.waitUntil(lambda: w.controller.last_result.layout == "denominator", timeout=30_000)
    np.testing.assert_array_equal(view.matrix_view.matrix(), before.T)
    assert "denominator layout" in view.conventions.text()
    bar.vec_combo.setCurrentIndex(bar.vec_combo.findData("col"))
    qtbot.waitUntil(lambda: w.controller.last_result.vec == "col", timeout=30_000)
    assert "column-major" in view.conventions.text()
    lesson = w.controller.last_result.kronecker
    np.testing.assert_array_equal(view.matrix_view.matrix(), lesson.j_col.T)


def test_jacobian_view_block_form_and_lines(make):
    x = np.arange(6.0).reshape(2, 3) + 1
    r = analyze("X @ B", {"X": x}, {"B": [[1.0, 2.0], [0.0, 1.0], [3.0, 1.0]]}, symbolic=False)
    view = make(JacobianView)
    view.show_result(r)
    lines = view.matrix_view.block_lines
    assert sorted(lines.row_breaks) == [2] and sorted(lines.col_breaks) == [3]  # rows of F, X
    view.show_form("X")
    blocks = view.matrix_view.matrix()
    assert blocks.shape == (4, 6)  # a 2×3 grid of 2×2 blocks ∂F/∂X[i,j]
    for i in range(2):
        for j in range(3):
            np.testing.assert_array_equal(
                blocks[2 * i : 2 * i + 2, 2 * j : 2 * j + 2], r.jacobian_blocks["X"][:, :, i, j]
            )
    assert sorted(lines.row_breaks) == [2] and sorted(lines.col_breaks) == [2, 4]
    assert "∂F/∂X[i,j]" in view.conventions.text()


def test_block_form_of_a_scalar_function_is_the_gradient(make):
    x = np.array([[2.0, 1.0], [1.0, 3.0]])
    r = analyze("logdet(X)", {"X": x}, symbolic=False)
    view = make(JacobianView)
    view.show_result(r)
    view.show_form("X")
    np.testing.assert_allclose(view.matrix_view.matrix(), np.linalg.inv(x).T, rtol=1e-14)


def test_kronecker_view_shows_both_conventions(make):
    a = np.array([[1.0, 2.0], [3.0, 4.0]])
    b = np.array([[1.0, 0.0], [2.0, 1.0], [0.0, 3.0]])
    r = analyze("A @ X @ B", {"X": np.ones((2, 3))}, {"A": a, "B": b}, symbolic=False)
    view = make(KroneckerView)
    view.show_result(r)
    np.testing.assert_array_equal(view.views["kron_col"].matrix(), np.kron(b.T, a))
    np.testing.assert_array_equal(view.views["kron_row"].matrix(), np.kron(a, b.T))
    np.testing.assert_array_equal(view.views["diff_row"].matrix(), np.zeros((4, 6)))
    assert "kron(B.T, A)" in view.intro.text() and "✓" in view.verdict.text()
    view.show_result(analyze("X @ X", {"X": np.eye(2)}, symbolic=False))
    assert not view.verdict.isVisible() and "A @ X @ B" in view.intro.text()
