"""Help ▸ Lessons: the bundled lesson files (both languages) and every step in the window."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame

from jacdesk.app.widgets.lesson_panel import LessonPanel
from jacdesk.app.window.lesson_driver import lesson_driver
from jacdesk.app.window.main_window import MainWindow
from jacdesk.core.content.lessons import (
    LANGUAGES,
    LessonError,
    lesson_folder,
    load_lesson,
    resolve_language,
)
from jacdesk.core.engine import analyze

FOLDER = Path(str(lesson_folder()))
SETUP = ("key", "expressions", "variables", "constants", "view", "plot", "part", "v", "u", "expect")


def _vec(values) -> str:
    return "[" + ", ".join(f"{x:g}" for x in values) + "]"


# -- the files --------------------------------------------------------------------------------
def test_both_languages_have_the_same_steps_and_labels():
    en, zh = load_lesson("en"), load_lesson("zh_CN")
    assert (en.language, zh.language) == ("en", "zh_CN")
    assert len(en.steps) == len(zh.steps) == 10  # 7 + three pitfall steps (issue 17)
    assert en.ui.keys() == zh.ui.keys()
    for a, b in zip(en.steps, zh.steps, strict=True):
        assert [getattr(a, k) for k in SETUP] == [getattr(b, k) for k in SETUP]
        assert a.title.strip() and a.text.strip()
        for text in (b.title, b.text):
            assert any("\u4e00" <= ch <= "\u9fff" for ch in text), (b.key, text)
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in s) for s in zh.ui.values())


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_lesson_text_links_anywhere(language):
    raw = (FOLDER / f"{language}.json").read_text(encoding="utf-8").lower()
    for bad in ("http", "://", "<a ", "href", "<img", "www."):
        assert bad not in raw
    for step in load_lesson(language).steps:
        assert "http" not in step.text.lower() and "http" not in step.title.lower()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_expected_number_is_in_the_explanation(language):
    """The texts and the checked numbers tell the same story, in both languages."""
    for step in load_lesson(language).steps:
        e = step.expect
        wanted = [_vec(e[k]) for k in ("x_grad", "jvp") if k in e]
        wanted += [f"[{', '.join(_vec(r) for r in e['jacobian'])}]"] if "jacobian" in e else []
        wanted += [f"{e['det']:g}"] if "det" in e else []
        for grad in e.get("gradient", {}).values():
            wanted.append(f"[{', '.join(_vec(r) for r in grad)}]")
        for text in wanted:
            assert text in step.text, (language, step.key, text)


def test_the_expected_numbers_are_what_analyze_computes():
    for step in load_lesson("en").steps:
        r = analyze(list(step.expressions), step.variables, step.constants, vjp=step.v, jvp=step.u)
        e = step.expect
        for key, got in (
            ("jacobian", r.jacobian),
            ("rows", r.rows_by_backward),
            ("x_grad", r.vjp),
            ("jvp", r.jvp),
            ("det", r.determinant),
        ):
            if key in e:
                np.testing.assert_allclose(got, e[key], err_msg=f"{step.key}: {key}")
        if "row" in e:
            np.testing.assert_allclose(r.vjp, r.jacobian[e["row"]])
        if "column" in e:
            np.testing.assert_allclose(r.jvp, r.jacobian[:, e["column"]])
        for name, grad in e.get("gradient", {}).items():
            np.testing.assert_allclose(r.gradients[name], grad)


@pytest.mark.parametrize(
    ("code", "language"),
    [
        ("en", "en"),
        ("zh_CN", "zh_CN"),
        ("zh-CN", "zh_CN"),
        ("zh", "zh_CN"),
        ("fr_FR", "en"),
        (None, "en"),
        ("", "en"),
    ],
)
def test_language_codes_fall_back_to_english(code, language):
    assert resolve_language(code) == language
    assert load_lesson(code).language == language


def test_a_missing_translation_falls_back_to_english(tmp_path):
    for name in ("steps.json", "en.json"):
        shutil.copy(FOLDER / name, tmp_path / name)
    assert load_lesson("zh_CN", tmp_path).language == "en"


def _broken(tmp_path: Path, edit) -> Path:
    for name in ("steps.json", "en.json", "zh_CN.json"):
        shutil.copy(FOLDER / name, tmp_path / name)
    path = tmp_path / "zh_CN.json"
    if isinstance(edit, str):  # the file's whole text
        path.write_text(edit, encoding="utf-8")
        return tmp_path
    data = json.loads(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        ('{"format": 1, "steps": [', r"zh_CN.json is not valid JSON \(line 1"),
        ("[1, 2]", "the top level must be an object"),
        (lambda d: d["steps"][1].pop("title"), r"steps\[1\] must be an object with"),
        (lambda d: d["steps"][2].update(text=["  "]), r"steps\[2\].text must be a list of non"),
        (lambda d: d["steps"][0].update(title=""), r"steps\[0\].title must be a non-empty"),
        (lambda d: d["steps"][3]["text"].append('see <a href="x">x</a>'), "no links"),
        (lambda d: d["steps"][4]["text"].append("https://example.org"), "no links"),
        (lambda d: d["steps"].pop(), "must be a list of 10 steps"),
        (lambda d: d["steps"][6].update(key="other"), r"steps\[6\].key must be 'matrix_gradient'"),
        (lambda d: d["ui"].pop("next"), "ui.next must be a non-empty string"),
        (lambda d: d.update(language="en"), "language must be 'zh_CN'"),
    ],
)
def test_a_malformed_lesson_file_is_refused_clearly(tmp_path, edit, message):
    folder = _broken(tmp_path, edit)
    with pytest.raises(LessonError, match=message):
        load_lesson("zh_CN", folder)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda s: s.update(view="Nowhere"), r"steps\[0\].view must be one of"),
        (lambda s: s.update(variables={"x1": "1; rm"}), r"steps\[0\].variables must map"),
        (lambda s: s.update(part="__class__"), r"steps\[0\].part must be a public attribute"),
        (lambda s: s.update(expect={"jacobian": 3}), r"steps\[0\].expect must map"),
        (lambda s: s.update(colour="red"), r"steps\[0\] has unknown fields \['colour'\]"),
        (lambda s: s.update(formula=["J"]), r"steps\[0\].formula must be LaTeX text"),
        (lambda s: s.update(formula="x" * 601), r"steps\[0\].formula must be LaTeX text"),
    ],
)
def test_a_malformed_step_setup_is_refused_clearly(tmp_path, edit, message):
    for name in ("steps.json", "en.json"):
        shutil.copy(FOLDER / name, tmp_path / name)
    data = json.loads((tmp_path / "steps.json").read_text(encoding="utf-8"))
    edit(data["steps"][0])
    (tmp_path / "steps.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(LessonError, match=f"lesson file steps.json: {message}"):
        load_lesson("en", tmp_path)


# -- in the window ----------------------------------------------------------------------------
@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    w = MainWindow(restore=False)
    qtbot.addWidget(w)
    w.show()
    yield w
    w.close()


def _cells(view, shape) -> list[list[float]]:
    return [[float(view.cell_text(r, c)) for c in range(shape[1])] for r in range(shape[0])]


def _shows(w: MainWindow, step) -> bool:
    """Whether the views hold the step's expected numbers (False while they are coming)."""
    e, lab, jvp = step.expect, w.backward_lab, w.jvp_view
    try:
        if "jacobian" in e and _cells(w.tabs.view("J").matrix_view, (2, 2)) != e["jacobian"]:
            return False
        if "rows" in e and _cells(lab.rows_view, (2, 2)) != e["rows"]:
            return False
        checks = [
            "x_grad" not in e or lab.grad_text() == _vec(e["x_grad"]),
            "row" not in e or lab.highlighted_row() == e["row"],
            "jvp" not in e or jvp.jvp_text() == _vec(e["jvp"]),
            "column" not in e or jvp.highlighted_column() == e["column"],
            "det" not in e or f"det J = {e['det']:g}" in w.tabs.view("det J").text(),
            "det" not in e or f"det J = {e['det']:g}" in w.plots.linear_map.numbers.text(),
        ]
        gradients = w.tabs.view("Gradients")
        for name, grad in e.get("gradient", {}).items():
            shape = np.shape(grad)
            checks.append(_cells(gradients.matrix_view(name), shape) == grad)
        for name, form in e.get("closed_form", {}).items():
            checks.append(f"∂f/∂{name} = {form} " in gradients.closed_form_text(name))
    except (KeyError, IndexError, ValueError):
        return False
    return all(checks)


def _expected_widget(w: MainWindow, step):
    view = w.tabs.view(step.view)
    if step.plot:
        view = getattr(w.plots, step.plot)
    return getattr(view, step.part) if step.part else view


def _check_step(qtbot, w: MainWindow, driver, index: int) -> None:
    step = driver.lesson.steps[index]
    qtbot.waitUntil(lambda: _shows(w, step), timeout=60_000)
    assert driver.highlighted is _expected_widget(w, step)
    assert w.tabs.currentWidget() is w.tabs.view(step.view)
    if step.plot:
        assert w.plots.views.currentWidget() is getattr(w.plots, step.plot)
    assert driver.panel.counter_text() == f"{index + 1} / {len(driver.lesson.steps)}"
    assert driver.panel.heading.text() == step.title
    assert step.title in w.note_label.text()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_lesson_step_shows_its_numbers(qtbot, window, language):
    w = window
    driver = w.show_lessons(language)
    assert driver is not None and driver.lesson.language == language
    panel = driver.panel
    assert panel.isVisible() and w.dockWidgetArea(panel) == Qt.DockWidgetArea.RightDockWidgetArea
    assert not panel.back_button.isEnabled()
    for index in range(panel.count()):
        if index:
            qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)
        _check_step(qtbot, w, driver, index)
        assert panel.explanation().strip()
    assert not panel.next_button.isEnabled()
    # Straight from the matrix step (one output) back to one-hot v, then back to v = ones.
    panel.step_list.setCurrentRow(2)
    _check_step(qtbot, w, driver, 2)
    qtbot.mouseClick(panel.back_button, Qt.MouseButton.LeftButton)
    _check_step(qtbot, w, driver, 1)


def test_the_view_flashes_and_the_flash_goes(qtbot, window):
    w = window
    driver = w.show_lessons("en", step=0)
    frames = w.tabs.view("J").matrix_view.findChildren(QFrame, "lessonHighlight")
    assert len(frames) == 1 and frames[0].testAttribute(
        Qt.WidgetAttribute.WA_TransparentForMouseEvents
    )
    qtbot.waitUntil(
        lambda: not driver.highlighted.findChildren(QFrame, "lessonHighlight"), timeout=10_000
    )


def test_one_dock_reopened_keeps_its_step_and_switches_language(qtbot, window):
    w = window
    driver = w.show_lessons("en", step=3)
    qtbot.waitUntil(lambda: _shows(w, driver.lesson.steps[3]), timeout=60_000)
    driver.panel.close_button.click()
    assert not driver.panel.isVisible()
    again = w.show_lessons("zh_CN")
    assert again is driver and lesson_driver(w) is driver
    assert len(w.findChildren(LessonPanel)) == 1
    assert driver.panel.isVisible() and driver.panel.current() == 3
    assert driver.panel.windowTitle() == "课程" and driver.panel.next_button.text() == "下一步 ▶"
    _check_step(qtbot, w, driver, 3)


def test_a_broken_lesson_file_is_reported_not_raised(qtbot, window, dialogs, monkeypatch):
    from jacdesk.app.window import lesson_driver as lessons

    def broken(_language):
        raise LessonError("lesson file en.json is not valid JSON (line 1, column 2: oops)")

    monkeypatch.setattr(lessons, "load_lesson", broken)
    assert window.show_lessons("en") is None
    assert dialogs and "not valid JSON" in dialogs[-1][1]
    assert window.findChild(LessonPanel) is None


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_with_the_lessons_open_the_window_still_fits_1024_pixels(qtbot, language):
    win = MainWindow(restore=False)
    qtbot.addWidget(win)
    win.resize(1024, 640)
    win.show()
    qtbot.waitExposed(win)
    for step in range(len(load_lesson(language).steps)):  # each step shows another tab
        win.show_lessons(language, step)
        panel = win.findChild(LessonPanel)
        qtbot.waitUntil(lambda p=panel: p.formula.is_rendered(), timeout=20_000)
        assert win.minimumSizeHint().width() <= 1024, step
    assert win.width() == 1024


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_every_step_typesets_its_formula_the_fast_way(qtbot, language):
    from jacdesk.app.widgets.lesson_panel import LessonPanel
    from jacdesk.app.widgets.math_boxes import layout, paint

    lesson = load_lesson(language)
    assert all(step.formula for step in lesson.steps)
    for step in lesson.steps:  # jacdesk's own LaTeX: no step waits for ziamath
        image, _ = paint(layout(step.formula, 16.0), 16.0, "#000000", 1.0)
        assert image.width() > 40 and image.height() > 10, step.key
    panel = LessonPanel()
    qtbot.addWidget(panel)
    panel.set_lesson(lesson.ui, [(s.title, s.text, s.formula) for s in lesson.steps])
    panel.show()
    panel.go_to(1)
    assert panel.formula.latex() == lesson.steps[1].formula
    assert r"\begin{bmatrix}5 & 18\end{bmatrix}" in panel.formula.latex()
    qtbot.waitUntil(lambda: panel.formula.picture() is not None, timeout=20_000)
    assert panel.formula.isVisible()
    panel.set_lesson(lesson.ui, [(s.title, s.text) for s in lesson.steps])  # no formulas
    assert panel.formula.latex() is None and not panel.formula.isVisible()
