"""A 简体中文 window shows no untranslated English: every tab, menu, action, tool tip, the
status bar, the About box and each lessons step are walked and their visible texts checked.

The check is a heuristic: two or more consecutive English words of three or more letters. Math,
code and identifiers (``torch.func.jacrev``, ``x.T @ A @ x``) are not words of letters only, so
they pass; the few single names that stay English everywhere are in ``ALLOWED`` with a reason.
"""

from __future__ import annotations

import re
from html import unescape

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

from jacdesk.app.plots.gl_support import forget_opengl_answer
from jacdesk.app.system import i18n
from jacdesk.app.window.main_window import MainWindow
from jacdesk.core.content.examples import EXAMPLES, example

#: Words that are the same in both languages (each a name, never a phrase to translate).
ALLOWED = {
    # the expression language's functions, as typed
    *[
        "softmax",
        "tanh",
        "sin",
        "cos",
        "exp",
        "log",
        "sqrt",
        "trace",
        "det",
        "logdet",
        "norm",
        "inv",
        "dot",
        "sum",
        "kron",
        "sigmoid",
    ],
    *["relu", "abs", "mean"],
    # names of things: the library, the tool, the file type, the machine, float types
    *[
        "jacdesk",
        "pytorch",
        "torch",
        "python",
        "numpy",
        "sympy",
        "pyqtgraph",
        "float",
        "cpu",
        "cuda",
        "json",
    ],
    # terms kept in English in Chinese texts on matrix calculus (Frobenius norm, logits, vec)
    *["frobenius", "kronecker", "logits", "vec", "hessian", "jacobian", "jvp", "vjp"],
}
#: Phrases that are names, kept in English in the Chinese texts too.
ALLOWED_PHRASES = (
    "LaTeX bmatrix",  # the LaTeX environment that "Copy as" writes
    "Matrix Cookbook",  # the title of the book the Kronecker tab cites
    # torch's own error messages, quoted word for word so that a learner recognises them
    "grad can be implicitly created only for scalar outputs",
    "Trying to backward through the graph a second time",
)
WORD = re.compile(r"[A-Za-z]{3,}[,.;:!?)]?")


def english_phrases(text: str) -> list[str]:
    """Runs of two or more consecutive English words (≥ 3 letters, not in ALLOWED)."""
    text = unescape(re.sub(r"<[^>]+>", " ", text))  # rich text: the words, not the tags
    for phrase in ALLOWED_PHRASES:
        text = text.replace(phrase, " ")
    found, run = [], []
    for token in re.split(r"[\s　]+", text):
        word = token.strip("([\"'“”")
        if WORD.fullmatch(word) and word.rstrip(",.;:!?)").lower() not in ALLOWED:
            run.append(word)
            continue
        if len(run) >= 2:
            found.append(" ".join(run))
        run = []
    if len(run) >= 2:
        found.append(" ".join(run))
    return found


def test_the_heuristic_finds_english_and_passes_math():
    assert english_phrases("<b>J by</b> reverse mode (one batched backward pass)")
    assert english_phrases("反向模式 Rows are outputs")
    assert not english_phrases("J = ∂(f1, f2)/∂(x1, x2) — 2×2 — 反向模式（torch.func.jacrev）")
    assert not english_phrases("二次型 x.T @ A @ x；softmax tanh")


def _widget_texts(w: QWidget) -> list[str]:
    out = [w.toolTip(), w.windowTitle(), w.statusTip(), w.whatsThis()]
    if isinstance(w, (QLabel, QAbstractButton)):
        out.append(w.text())
    elif isinstance(w, QGroupBox):
        out.append(w.title())
    elif isinstance(w, QTabBar):
        out += [w.tabText(i) for i in range(w.count())]
        out += [w.tabToolTip(i) for i in range(w.count())]
    elif isinstance(w, QComboBox):
        out += [w.itemText(i) for i in range(w.count())]
    elif isinstance(w, QLineEdit):
        out.append(w.placeholderText())
    elif isinstance(w, (QPlainTextEdit, QTextEdit)):
        out.append(w.placeholderText())
        if w.isReadOnly():
            out.append(w.toPlainText())
    return out


def _action_texts(action: QAction) -> list[str]:
    out = [action.text(), action.toolTip(), action.statusTip()]
    menu = action.menu()
    if isinstance(menu, QMenu):
        out.append(menu.title())
        for sub in menu.actions():
            out += _action_texts(sub)
    return out


def _collect(window: MainWindow, where: str, seen: dict[str, str]) -> None:
    texts: list[str] = []
    for w in [window, *window.findChildren(QWidget)]:
        if isinstance(w, QWidget) and (w.isVisible() or isinstance(w, QMenu)):
            texts += _widget_texts(w)
    for action in [*window.findChildren(QAction), *window.menuBar().actions()]:
        texts += _action_texts(action)
    for text in texts:
        for phrase in english_phrases(text or ""):
            seen.setdefault(phrase, f"{where}: {text[:120]!r}")


@pytest.fixture
def zh_window(qtbot, qapp, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    i18n.install_translator(qapp, "zh_CN")
    forget_opengl_answer()  # an earlier test's answer would be in English
    w = MainWindow(restore=False)
    qtbot.addWidget(w)
    w.resize(1600, 1000)
    w.show()
    yield w
    w.close()
    i18n.install_translator(qapp, "en")
    forget_opengl_answer()


def _settled(w: MainWindow, expression: str) -> bool:
    r = w.controller.last_result
    return r is not None and r.symbolic is not None and r.expressions[0] == expression


def _walk_tabs(qtbot, w: MainWindow, where: str, seen: dict[str, str]) -> None:
    for i in range(w.tabs.count()):
        w.tabs.setCurrentIndex(i)
        qtbot.wait(0)  # let the tab lay out and draw what it shows on first view
        _collect(w, f"{where}, tab {w.tabs.tabText(i)}", seen)


def test_a_chinese_window_shows_no_english(qtbot, zh_window, monkeypatch):
    w, seen = zh_window, {}
    for key in ("tutorial", "softmax", "AXB", "linear_W"):
        ex = example(key)
        w.load_example(ex)
        qtbot.waitUntil(lambda e=ex: _settled(w, e.expressions[0]), timeout=60_000)
        _walk_tabs(qtbot, w, key, seen)
    about: list[str] = []
    monkeypatch.setattr(QMessageBox, "about", lambda _p, title, text: about.extend([title, text]))
    help_menu = w.menuBar().actions()[-1].menu()
    for action in help_menu.actions():
        if "jacdesk" in action.text():
            action.trigger()
    assert about, "the About box was not shown"
    for text in about:
        for phrase in english_phrases(text):
            seen.setdefault(phrase, f"About: {text[:120]!r}")
    driver = w.show_lessons("zh_CN")
    assert driver is not None
    panel = driver.panel
    for index in range(panel.count()):
        panel.step_list.setCurrentRow(index)
        qtbot.wait(0)
        _collect(w, f"lesson step {index + 1}", seen)
    assert not seen, "untranslated English:\n" + "\n".join(f"{p!r} in {s}" for p, s in seen.items())


def test_every_example_title_and_note_is_translated(qapp):
    i18n.install_translator(qapp, "zh_CN")
    try:
        for ex in EXAMPLES:
            for text in (ex.title, ex.note, ex.group):
                assert not english_phrases(i18n.translate_core("Examples", text)), text
    finally:
        i18n.install_translator(qapp, "en")
