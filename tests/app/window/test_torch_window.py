"""PyTorch scripts in the window: File ▸ Open / drop a .py (read, never run), the PyTorch mode
filled from it, refusals in one line with line:col, sessions keeping the source, and the
"Show as PyTorch code" script opening again with the same numbers."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtWidgets import QFileDialog

from jacdesk.app.widgets.formula_input import EXPRESSIONS, TORCH
from jacdesk.app.window.document import dropped_session
from jacdesk.app.window.main_window import MainWindow
from jacdesk.core.content.examples import example

SEED = Path(__file__).parents[2] / "data" / "JacobianTest.py"


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    w = MainWindow(restore=False)
    qtbot.addWidget(w)
    w.show()
    yield w
    w.close()


def _result_for(qtbot, w: MainWindow, expressions):
    qtbot.waitUntil(
        lambda: (
            w.controller.last_result is not None
            and w.controller.last_result.expressions == tuple(expressions)
        ),
        timeout=60_000,
    )
    return w.controller.last_result


def _seed_numbers(result) -> None:
    np.testing.assert_array_equal(result.jacobian, [[2.0, 2.0], [3.0, 16.0]])
    np.testing.assert_array_equal(result.vjp, [5.0, 18.0])


def test_opening_the_seed_script_shows_its_problem_in_pytorch_mode(qtbot, window, dialogs):
    w = window
    assert w.document.open(SEED)
    assert w.formula.mode() == TORCH
    assert w.torch_editor.source() == SEED.read_text(encoding="utf-8")
    qtbot.waitUntil(lambda: w.torch_editor.translation() is not None, timeout=10_000)
    translation = w.torch_editor.translation()
    _seed_numbers(_result_for(qtbot, w, translation.expressions))
    assert "float32" in w.torch_editor.notes_text()
    assert w.document.path is None  # saving never writes JSON over the script
    assert dialogs == []


def test_a_hostile_script_is_refused_in_one_line_and_nothing_runs(qtbot, window, dialogs, tmp_path):
    w = window
    canary = tmp_path / "ran"
    script = tmp_path / "evil.py"
    script.write_text(
        "import torch\nimport os\n\ndef f(x):\n"
        f"    os.system('touch {canary}')\n    return x ** 2\n\n"
        "x = torch.tensor([1.0, 2.0])\ny = f(x)\n",
        encoding="utf-8",
    )
    before = w.editor.expressions()
    assert not w.document.open(script)
    ((kind, text),) = dialogs
    assert kind == "warning"
    first = text.split(": ", 1)[1].split("\n")[0]
    assert first.startswith("line 5, col 4: os.system")
    assert w.editor.expressions() == before
    assert w.formula.mode() == EXPRESSIONS
    assert not canary.exists()


def test_typing_in_pytorch_mode_fills_every_view(qtbot, window):
    w = window
    w.formula.torch_button.click()
    w.torch_editor.edit.setPlainText(SEED.read_text(encoding="utf-8"))
    qtbot.waitUntil(lambda: w.torch_editor.translation() is not None, timeout=10_000)
    result = _result_for(qtbot, w, w.torch_editor.translation().expressions)
    _seed_numbers(result)
    assert w.variables.variables()["x"].tolist() == [1.0, 2.0]


def test_a_session_keeps_the_source_and_reopens_in_pytorch_mode(
    qtbot, window, tmp_path, monkeypatch
):
    w = window
    assert w.document.open(SEED)
    qtbot.waitUntil(lambda: w.torch_editor.translation() is not None, timeout=10_000)
    _result_for(qtbot, w, w.torch_editor.translation().expressions)
    saved = tmp_path / "seed.jacdesk"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(saved), ""))
    )
    assert w.document.save()
    w.load_example(example("AXB"))
    w.formula.set_mode(EXPRESSIONS)
    _result_for(qtbot, w, example("AXB").expressions)
    assert w.document.open(saved)
    assert w.formula.mode() == TORCH
    assert w.torch_editor.source() == SEED.read_text(encoding="utf-8")
    assert w.sessions.collect().torch_source == SEED.read_text(encoding="utf-8")
    assert w.sessions.collect().torch_function == "funx"
    _seed_numbers(_result_for(qtbot, w, w.sessions.collect().expressions))


def test_switching_to_expressions_drops_the_source_from_the_session(qtbot, window):
    w = window
    assert w.document.open(SEED)
    assert w.sessions.collect().torch_source is not None
    w.formula.expressions_button.click()
    assert w.sessions.collect().torch_source is None


@pytest.mark.parametrize("name", ["seed", "AXB"])
def test_show_as_pytorch_code_opens_again_with_the_same_numbers(qtbot, window, tmp_path, name):
    w = window
    if name != "seed":
        w.load_example(example(name))
    before = _result_for(qtbot, w, w.editor.expressions())
    dialog = w.file_menu.show_code()
    path = tmp_path / f"{name}.py"
    path.write_text(dialog.script, encoding="utf-8")
    dialog.close()
    assert w.document.open(path)
    qtbot.waitUntil(lambda: w.torch_editor.translation() is not None, timeout=10_000)
    after = _result_for(qtbot, w, w.torch_editor.translation().expressions)
    np.testing.assert_allclose(after.jacobian, before.jacobian, rtol=1e-12, atol=0)
    np.testing.assert_allclose(after.vjp, before.vjp, rtol=1e-12, atol=0)
    if name == "seed":
        _seed_numbers(after)


def test_a_dropped_script_is_accepted():
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile("/tmp/notes.txt"), QUrl.fromLocalFile(str(SEED))])
    assert dropped_session(mime) == str(SEED)


def test_a_problem_computing_the_script_shows_in_pytorch_mode(qtbot, window):
    w = window
    w.formula.torch_button.click()
    w.torch_editor.edit.setPlainText(
        "import torch\n\ndef f(X):\n    return torch.inverse(X)\n\n"
        "X = torch.tensor([[1.0, 2.0], [2.0, 4.0]])\ny = f(X)\n"
    )
    qtbot.waitUntil(lambda: "singular" in w.torch_editor.error_text(), timeout=60_000)
    assert w.torch_editor.error_range() is None  # the source itself is fine: nothing underlined


CUSTOM_V = (
    "import torch\n\ndef f(x):\n"
    "    return torch.stack([x[0] ** 2 + 2 * x[1], 3 * x[0] + 4 * x[1] ** 2])\n\n"
    "x = torch.tensor([1.0, 2.0], requires_grad=True)\ny = f(x)\n"
    "y.backward(torch.tensor([1.0, 0.0]))\n"
)


@pytest.mark.parametrize("how", ["open", "type", "session"])
def test_the_scripts_v_reaches_the_backward_lab(qtbot, window, tmp_path, how):
    w = window
    _result_for(qtbot, w, w.editor.expressions())
    script = tmp_path / "v.py"
    script.write_text(CUSTOM_V, encoding="utf-8")
    if how == "type":
        w.formula.torch_button.click()
        w.torch_editor.edit.setPlainText(CUSTOM_V)
    else:
        assert w.document.open(script)
    if how == "session":
        from jacdesk.core.sessions.session import save_session
        from jacdesk.core.sessions.torch_problem import read_torch_file, session_from_translation

        saved = tmp_path / "v.jacdesk"
        save_session(session_from_translation(read_torch_file(script)), saved)
        w.load_example(w_seed_example())
        _result_for(qtbot, w, w.editor.expressions())
        assert w.document.open(saved)
    qtbot.waitUntil(lambda: w.backward_lab.grad_text() == "[2, 2]", timeout=60_000)
    np.testing.assert_array_equal(w.controller.last_result.vjp, [2.0, 2.0])
    np.testing.assert_array_equal(w.backward_lab.v(), [1.0, 0.0])


def w_seed_example():
    from jacdesk.core.content.examples import EXAMPLES

    return EXAMPLES[0]
