"""The PyTorch mode of the formula box: reading (never running) a function, colouring,
refusals underlined at line:col, the translation shown, and the mode toggle."""

from __future__ import annotations

from pathlib import Path

import pytest

from jacdesk.app.widgets.formula_input import EXPRESSIONS, TORCH, FormulaInput
from jacdesk.app.widgets.python_highlighter import python_spans
from jacdesk.app.widgets.torch_editor import TorchEditor

SEED = (Path(__file__).parents[2] / "data" / "JacobianTest.py").read_text(encoding="utf-8")


def _read(qtbot, editor: TorchEditor, text: str):
    with qtbot.waitSignal(editor.translationReady, timeout=10_000) as blocker:
        editor.edit.setPlainText(text)
    return blocker.args[0]


def test_the_seed_script_reads_as_the_seed_problem(qtbot, make):
    editor = make(TorchEditor)
    translation = _read(qtbot, editor, SEED)
    assert translation.function == "funx"
    assert translation.variables["x"].tolist() == [1.0, 2.0]
    assert editor.translation_view.toPlainText() == "\n".join(translation.expressions)
    assert editor.translation_view.isReadOnly()
    assert "float32" in editor.notes_text()
    assert editor.error_text() == ""


def test_a_refusal_is_one_line_underlined_at_its_place(qtbot, make, tmp_path):
    canary = tmp_path / "canary"
    editor = make(TorchEditor)
    editor.show()
    source = (
        "import torch\nimport os\n\ndef f(x):\n"
        f"    os.system('touch {canary}')\n    return x ** 2\n\n"
        "x = torch.tensor([1.0, 2.0])\ny = f(x)\n"
    )
    editor.edit.setPlainText(source)
    qtbot.waitUntil(lambda: editor.error_text() != "", timeout=10_000)
    message = editor.error_text()
    assert "\n" not in message
    assert message.startswith("line 5, col 4:")
    start, end = editor.error_range()
    underlined = source[start:end]
    assert underlined.startswith("os.system")
    assert editor.translation() is None
    assert not canary.exists()


def test_a_syntax_error_names_its_line(qtbot, make):
    editor = make(TorchEditor)
    editor.show()
    editor.edit.setPlainText("import torch\ndef f(x):\n    return torch.stack([x[0], x[1]\n")
    qtbot.waitUntil(lambda: editor.error_text() != "", timeout=10_000)
    assert editor.error_text().startswith("line ")
    assert editor.error_range() is not None


def test_the_newest_text_wins(qtbot, make):
    editor = make(TorchEditor)
    editor.edit.setPlainText("def f(x):\n    return os.getcwd()\n")
    with qtbot.waitSignal(editor.translationReady, timeout=10_000) as blocker:
        editor.edit.setPlainText(
            "import torch\ndef f(x):\n    return torch.sin(x)\n\nprint(f(torch.ones(2)))\n"
        )
    assert blocker.args[0].expressions
    qtbot.waitUntil(lambda: not editor.is_reading(), timeout=10_000)
    assert editor.error_text() == ""


def test_set_source_without_announcing_shows_the_translation_only(qtbot, make):
    editor = make(TorchEditor)
    seen = []
    editor.translationReady.connect(seen.append)
    editor.set_source(SEED, "funx", announce=False)
    qtbot.waitUntil(lambda: editor.translation() is not None, timeout=10_000)
    qtbot.wait(DEBOUNCE_WAIT)
    assert seen == []
    assert editor.function() == "funx"
    assert editor.source() == SEED


DEBOUNCE_WAIT = 400


def test_a_bare_function_takes_the_windows_point(qtbot, make):
    editor = make(TorchEditor)
    editor.set_point({"x": [1.0, 2.0]})
    translation = _read(
        qtbot, editor, "import torch\ndef f(x):\n    return torch.stack([x[0] ** 2, x[1]])\n"
    )
    assert translation.variables["x"].tolist() == [1.0, 2.0]
    assert "the point in the window is used" in editor.notes_text()


def test_python_colouring_marks_keywords_torch_numbers_and_comments():
    line = "    return torch.stack([x[0] ** 2, 1.5])  # why"
    roles = {line[s : s + n]: role for s, n, role in python_spans(line)}
    assert roles["return"] == "keyword"
    assert roles["torch.stack"] == "torch"
    assert roles["1.5"] == "num"
    assert roles["# why"] == "comment"
    assert python_spans("s = '# not a comment'")[-1][2] == "string"
    assert python_spans("x" * 5000) == []


def test_the_toggle_switches_editors(qtbot, make):
    box = make(FormulaInput)
    box.show()
    assert box.mode() == EXPRESSIONS
    assert box.stack.currentWidget() is box.expressions_editor
    with qtbot.waitSignal(box.modeChanged) as blocker:
        box.torch_button.click()
    assert blocker.args == [TORCH]
    assert box.stack.currentWidget() is box.torch_editor
    box.set_mode(EXPRESSIONS)
    assert box.mode() == EXPRESSIONS
    assert box.stack.currentWidget() is box.expressions_editor


def test_clicking_pytorch_again_reads_the_source_again(qtbot, make):
    box = make(FormulaInput)
    box.show()
    box.torch_editor.set_source(SEED, announce=False)
    qtbot.waitUntil(lambda: box.torch_editor.translation() is not None, timeout=10_000)
    with qtbot.waitSignal(box.torch_editor.translationReady, timeout=10_000):
        box.torch_button.click()


@pytest.fixture(autouse=True)
def _stop_reader_threads(qapp):
    yield
    for editor in qapp.allWidgets():
        if isinstance(editor, TorchEditor):
            editor.shutdown()


def test_a_new_script_is_read_for_its_own_function(qtbot, make):
    editor = make(TorchEditor)
    editor.set_source(SEED, "funx", announce=False)
    qtbot.waitUntil(lambda: editor.translation() is not None, timeout=10_000)
    other = "import torch\ndef g(x):\n    return torch.sin(x)\n\nprint(g(torch.ones(2)))\n"
    assert _read(qtbot, editor, other).function == "g"
