"""The Questions tab on the seed, through the controller's lab worker as the window wires it:
the precision V, the cost table, the pitfalls with real torch, practice and its progress."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QTabBar, QTableWidget, QWidget

from jacdesk.app.state.controller import Controller
from jacdesk.app.system.i18n import install_translator
from jacdesk.app.views.questions_view import QuestionsView
from jacdesk.core.content.exercises import EXERCISES
from jacdesk.core.diff import pitfalls, precision

SEED = ["x1**2 + 2*x2", "3*x1 + 4*x2**2"]
POINT = {"x1": np.array(1.0), "x2": np.array(2.0)}
TIMEOUT = 30_000


@pytest.fixture
def settings_dir(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    # Qt settles the settings file's place once per process: an earlier test's progress may
    # sit where this test's QSettings looks, so the practice keys start (and end) empty.
    from jacdesk.app.system.settings import settings

    settings().remove("practice")
    yield tmp_path
    settings().remove("practice")


@pytest.fixture
def controller(qtbot):
    c = Controller()
    yield c
    c.shutdown()


def _wired(qtbot, controller: Controller) -> QuestionsView:
    """A Questions view wired to ``controller`` as MainWindow wires the tab."""
    view = QuestionsView()
    qtbot.addWidget(view)
    view.resize(1000, 620)
    view.labRequested.connect(controller.request_lab)
    view.labCancelRequested.connect(controller.cancel_lab)
    controller.labReady.connect(view.show_lab)
    controller.labFailed.connect(view.show_lab_error)
    controller.labCancelled.connect(view.show_lab_cancelled)
    controller.resultReady.connect(view.show_result)
    return view


@pytest.fixture
def view(qtbot, controller, settings_dir):
    return _wired(qtbot, controller)


def _of(kind: str):
    return lambda k, *_: k == kind


def _load(qtbot, c: Controller, exprs=SEED, point=POINT) -> None:
    with qtbot.waitSignal(c.resultReady, timeout=TIMEOUT):
        c.set_expressions(exprs)
        c.set_point(point, {})


def _shown_precision(qtbot, view, controller, exprs=SEED, point=POINT):
    view.show()
    with qtbot.waitSignal(controller.labReady, timeout=TIMEOUT, check_params_cb=_of("precision")):
        _load(qtbot, controller, exprs, point)
    return view.precision


def test_the_seed_draws_the_v_with_13_steps_and_marks_the_best(qtbot, view, controller):
    page = _shown_precision(qtbot, view, controller)
    steps, fwd = page.plot.curve("forward")
    _, cen = page.plot.curve("central")
    assert len(steps) == len(fwd) == len(cen) == 13
    assert np.allclose(steps, precision.STEPS)
    best_fwd = page.plot.best("forward")
    assert best_fwd == page.answer.best_forward and 1e-8 <= best_fwd <= 1e-2
    # The seed is quadratic: f''' = 0, so central differences only round, best at the largest h.
    assert page.plot.best("central") == page.answer.best_central == 1e-1
    assert "f''' = 0" in page.explanation.text()
    assert "√ε" in page.plot.forward_label.toPlainText()
    assert np.array_equal(page.j64.matrix(), [[2, 2], [3, 16]])
    assert np.array_equal(page.j32.matrix(), [[2, 2], [3, 16]])
    assert "largest |J32 − J64| = 0" in page.float32_label.text()


def test_a_curved_f_has_its_best_central_step_inside_the_v(qtbot, view, controller):
    page = _shown_precision(qtbot, view, controller, ["exp(x1)*sin(x2)", "x1*x2**3"])
    assert 1e-8 <= page.plot.best("central") <= 1e-2
    assert page.answer.float32_error > 0 and page.ulps.matrix().max() > 0
    with qtbot.waitSignal(controller.labReady, timeout=TIMEOUT, check_params_cb=_of("precision")):
        page.dtype_box.setCurrentText("float32")
    assert page.answer.dtype == "float32"
    assert page.explanation.text().startswith("In float32")


def test_a_hidden_tab_only_marks_itself_out_of_date(qtbot, view, controller):
    with qtbot.assertNotEmitted(view.labRequested, wait=100):
        _load(qtbot, controller)
    assert view.precision.out_of_date and not view.precision.busy
    with qtbot.waitSignal(view.labRequested) as asked:
        view.show()
    assert asked.args == ["precision", {"dtype": "float64"}]
    # A page that measures on demand does not measure by being shown.
    with qtbot.assertNotEmitted(view.labRequested, wait=100):
        view.show_page("cost")


def test_the_cost_table_has_m_backward_and_n_forward_passes(qtbot, view, controller):
    _load(qtbot, controller, ["x1*x2 + x3"], {k: np.array(1.0) for k in ("x1", "x2", "x3")})
    view.show()
    view.show_page("cost")
    page = view.cost
    with qtbot.waitSignal(controller.labReady, timeout=TIMEOUT, check_params_cb=_of("cost")):
        page.measure_button.click()
        assert page.busy and page.progress.isVisibleTo(page)
    table = page.table
    assert table.item(page.row_of("reverse"), 2).text() == "1"  # m = 1 output
    assert table.item(page.row_of("forward"), 2).text() == "3"  # n = 3 inputs
    fastest = next(r for r in range(table.rowCount()) if table.item(r, 0).font().bold())
    assert page.answer.strategies[fastest].name == page.answer.fastest
    assert "m = 1" in page.verdict.text() and "n = 3" in page.verdict.text()
    assert "reverse mode wins" in page.verdict.text()
    assert not page.busy and page.measure_button.isEnabled()


def test_measuring_can_be_cancelled(qtbot, view, controller):
    _load(qtbot, controller)
    view.show()
    view.show_page("cost")
    page = view.cost
    with qtbot.waitSignal(controller.labCancelled, timeout=TIMEOUT):
        page.measure_button.click()
        page.cancel_button.click()
    assert not page.busy and page.measure_button.isEnabled()
    assert not page.progress.isVisibleTo(page)


def test_pitfalls_run_real_torch_on_the_seed(qtbot, view, controller):
    _load(qtbot, controller)
    view.show()
    view.show_page("pitfall")
    page = view.pitfalls
    with qtbot.waitSignal(controller.labReady, timeout=TIMEOUT, check_params_cb=_of("pitfall")):
        page.buttons["accumulate"].click()
    assert "x.grad after two backwards = [10, 36]" in page.values_text()
    assert "x.grad after zero_() and one backward = [5, 18]" in page.values_text()
    with qtbot.waitSignal(controller.labReady, timeout=TIMEOUT, check_params_cb=_of("pitfall")):
        page.buttons["non_scalar"].click()
    assert "grad can be implicitly created only for scalar outputs" in page.torch_error.text()
    assert "vᵀJ" in page.explanation.text()
    with qtbot.waitSignal(controller.labReady, timeout=TIMEOUT, check_params_cb=_of("pitfall")):
        page.buttons["transpose"].click()
    assert "by columns = [[2, 3], [2, 16]]" in page.values_text()
    # A new point while the page is shown runs the same pitfall again.
    with qtbot.waitSignal(controller.labReady, timeout=TIMEOUT, check_params_cb=_of("pitfall")):
        _load(qtbot, controller, point={"x1": np.array(2.0), "x2": np.array(2.0)})
    assert "J = [[4, 2], [3, 16]]" in page.values_text()


def test_practice_checks_right_and_wrong_and_keeps_progress(qtbot, controller, settings_dir):
    view = _wired(qtbot, controller)
    view.show()
    view.show_page("practice")
    page = view.practice
    page.go_to(0)
    assert page.exercise().key == EXERCISES[0].key
    assert EXERCISES[0].prompt_en in page.prompt.text()
    with qtbot.waitSignal(controller.labReady, timeout=TIMEOUT, check_params_cb=_of("practice")):
        page.check("[5, 17]")
    assert "Not quite" in page.verdict.text() and "[5, 18]" in page.verdict.text()
    assert page.worked.isVisibleTo(page) and "x2.grad = Σᵢ vᵢ" in page.worked.text()
    assert EXERCISES[0].key not in page.solved
    with qtbot.waitSignal(controller.labReady, timeout=TIMEOUT, check_params_cb=_of("practice")):
        page.check("[5, 18]")
    assert "Right" in page.verdict.text() and not page.worked.isVisibleTo(page)
    assert "1✓" in page.progress.text()
    with qtbot.waitSignal(controller.labFailed, timeout=TIMEOUT, check_params_cb=_of("practice")):
        page.check("five")
    assert page.error_label.isVisibleTo(page) and "\n" not in page.error_label.text()
    page.next_button.click()
    assert page.index == 1 and not page.worked.isVisibleTo(page)

    again = _wired(qtbot, controller)
    assert EXERCISES[0].key in again.practice.solved
    assert again.practice.index == 1  # the exercise shown last
    assert "solved 1 of" in again.practice.progress.text()


def test_practice_needs_no_formula_in_the_editor(qtbot, view, controller):
    view.show()
    view.show_page("practice")
    page = view.practice
    page.go_to([ex.key for ex in EXERCISES].index("mode-many-outputs"))
    with qtbot.waitSignal(controller.labReady, timeout=TIMEOUT, check_params_cb=_of("practice")):
        page.check("reverse")
    assert "forward" in page.verdict.text()
    assert "5 backward passes, forward 1 JVPs" in page.worked.text()


def test_core_texts_the_pages_translate_are_core_texts():
    """The English the pages translate piece by piece is what core writes."""
    from jacdesk.app.views.pitfalls_page import EXPLANATIONS
    from jacdesk.app.views.precision_page import EXPLANATION_PARTS

    assert precision.EXPLANATION in EXPLANATION_PARTS
    assert precision.EXPLANATION_32 in EXPLANATION_PARTS
    for key in pitfalls.PITFALLS:
        assert pitfalls.run_pitfall(key, SEED, POINT).explanation == EXPLANATIONS[key]


def _english_phrases():
    """The heuristic of the 简体中文 window test (two or more English words in a row)."""
    path = Path(__file__).parents[1] / "window" / "test_zh_cn_complete.py"
    spec = importlib.util.spec_from_file_location("_zh_cn_complete", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.english_phrases


def _visible_texts(widget) -> list[str]:
    out = []
    for w in [widget, *widget.findChildren(QWidget)]:
        if not w.isVisible():
            continue
        out.append(w.toolTip())
        if isinstance(w, (QLabel, QAbstractButton)):
            out.append(w.text())
        elif isinstance(w, QLineEdit):
            out.append(w.placeholderText())
        elif isinstance(w, QTableWidget):
            out += [
                w.item(r, c).text() for r in range(w.rowCount()) for c in range(w.columnCount())
            ]
            out += [w.horizontalHeaderItem(c).text() for c in range(w.columnCount())]
        elif isinstance(w, QTabBar):
            out += [w.tabText(i) for i in range(w.count())]
    return out


def test_every_page_speaks_chinese_with_its_answers(qtbot, qapp, controller, settings_dir):
    english_phrases = _english_phrases()
    install_translator(qapp, "zh_CN")
    try:
        view = _wired(qtbot, controller)
        page = _shown_precision(qtbot, view, controller, ["exp(x1)*sin(x2)", "x1*x2**3"])
        seen = {}

        def collect(where: str) -> None:
            for text in _visible_texts(view):
                for phrase in english_phrases(text or ""):
                    seen.setdefault(phrase, f"{where}: {text[:100]!r}")

        collect("precision")
        assert page.explanation.text().startswith("前向差分")
        view.show_page("cost")
        with qtbot.waitSignal(controller.labReady, timeout=TIMEOUT, check_params_cb=_of("cost")):
            view.cost.measure_button.click()
        collect("cost")
        view.show_page("pitfall")
        for key in ("non_scalar", "accumulate", "transpose"):  # (c), (e): torch's own words
            with qtbot.waitSignal(
                controller.labReady, timeout=TIMEOUT, check_params_cb=_of("pitfall")
            ):
                view.pitfalls.buttons[key].click()
            collect(f"pitfall {key}")
        view.show_page("practice")
        view.practice.go_to(0)
        assert view.practice.prompt.text() == EXERCISES[0].prompt_zh
        with qtbot.waitSignal(
            controller.labReady, timeout=TIMEOUT, check_params_cb=_of("practice")
        ):
            view.practice.check("[1, 1]")
        assert "不太对" in view.practice.verdict.text()
        collect("practice")
        assert not seen, seen
    finally:
        install_translator(qapp, "en")
