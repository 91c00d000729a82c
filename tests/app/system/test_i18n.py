"""English and Simplified Chinese: the .ts is complete, the .qm loads, the menus switch."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QCoreApplication, QSettings

from jacdesk.app.system import i18n
from jacdesk.app.views.result_tabs import ORDER
from jacdesk.app.window.main_window import MainWindow

TS = i18n.I18N_DIR / "jacdesk_zh_CN.ts"
SCRIPT = i18n.I18N_DIR / "update_translations.py"
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
HAN = re.compile(r"[\u4e00-\u9fff]")
UNCHANGED = {
    "J",
    "det J",
    "JVP",
    "det J = {det}",
    "{name}[*] — jacdesk",
    "LaTeX bmatrix (*.tex)",
    "∂/∂{name} — {name}.grad",
    # file-format names on the Graph's export buttons read the same in every language
    "SVG/PNG…",
    "DOT…",
}


def _messages() -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(TS).getroot()
    return [
        (ctx.findtext("name") or "", msg.findtext("source") or "", msg.find("translation"))
        for ctx in root.iter("context")
        for msg in ctx.iter("message")
    ]


def _menu_titles(w: MainWindow) -> list[str]:
    return [a.text() for a in w.menuBar().actions()]


@pytest.fixture
def english_after(qapp):
    """Whatever a test installs, later tests see the English source texts again."""
    yield
    i18n.install_translator(qapp, "en")


@pytest.fixture
def stored(monkeypatch, tmp_path):
    """QSettings in a temporary file, so the test never touches the user's language choice."""
    path = str(tmp_path / "settings.ini")
    monkeypatch.setattr(i18n, "_settings", lambda: QSettings(path, QSettings.Format.IniFormat))
    return path


@pytest.fixture
def window(qtbot, stored):
    def build() -> MainWindow:
        w = MainWindow(restore=False)
        qtbot.addWidget(w)
        return w

    return build


# -- the translation files -----------------------------------------------------------------------
def test_every_source_text_has_a_finished_chinese_translation() -> None:
    messages = _messages()
    assert len(messages) > 400
    for ctx, source, translation in messages:
        assert translation is not None, (ctx, source)
        assert translation.get("type") is None, (ctx, source, translation.get("type"))
        assert (translation.text or "").strip(), (ctx, source)


def test_placeholders_and_accelerators_survive_translation() -> None:
    for ctx, source, translation in _messages():
        text = translation.text or ""
        assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(text)), (
            ctx,
            source,
            text,
        )
        if re.search(r"&[A-Za-z]", source):  # a menu accelerator stays reachable
            assert re.search(r"&[A-Za-z]", text), (ctx, source, text)
        if HAN.search(text) is None:  # only notation may stay as it is
            assert source in UNCHANGED, (ctx, source, text)


def test_lrelease_reports_nothing_unfinished(tmp_path) -> None:
    tool = shutil.which("pyside6-lrelease")
    if tool is None:
        pytest.skip("pyside6-lrelease is not installed")
    done = subprocess.run(
        [tool, str(TS), "-qm", str(tmp_path / "out.qm")], capture_output=True, text=True, check=True
    )
    report = done.stdout + done.stderr
    assert re.search(r"\(\d+ finished and 0 unfinished\)", report), report
    assert "untranslated" not in report, report


def test_the_ts_holds_every_text_the_sources_mark() -> None:
    if shutil.which("pyside6-lupdate") is None or shutil.which("pyside6-lrelease") is None:
        pytest.skip("the Qt Linguist tools are not installed")
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_compiled_qm_ships_in_the_package_and_translates(qapp, english_after) -> None:
    assert i18n.qm_path().is_file()
    assert i18n.install_translator(qapp, "zh_CN") == "zh_CN"
    assert QCoreApplication.translate("FileMenu", "&File") == "文件(&F)"
    assert QCoreApplication.translate("ResultTabs", "Backward lab") == "反向传播实验"
    i18n.install_translator(qapp, "en")
    assert QCoreApplication.translate("FileMenu", "&File") == "&File"


# -- choosing the language -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("choice", "system", "expected"),
    [
        (None, "zh_CN", "zh_CN"),
        ("system", "zh_TW", "zh_CN"),
        ("system", "de_DE", "en"),
        ("en", "zh_CN", "en"),
        ("zh_CN", "en_US", "zh_CN"),
    ],
)
def test_language_follows_the_system_unless_forced(monkeypatch, choice, system, expected) -> None:
    class FakeLocale:
        @staticmethod
        def system():
            return FakeLocale()

        def name(self) -> str:
            return system

    monkeypatch.setattr(i18n, "QLocale", FakeLocale)
    assert i18n.resolve(choice) == expected


def test_the_choice_is_stored(stored) -> None:
    assert i18n.saved_language() == "system"
    i18n.save_language("zh_CN")
    assert i18n.saved_language() == "zh_CN"
    assert QSettings(stored, QSettings.Format.IniFormat).value(i18n.SETTING) == "zh_CN"
    with pytest.raises(ValueError):
        i18n.save_language("fr")


# -- the window ----------------------------------------------------------------------------------
def test_a_window_built_under_zh_cn_has_chinese_menus_and_english_keys(
    qapp, window, english_after
) -> None:
    i18n.install_translator(qapp, "zh_CN")
    w = window()
    titles = _menu_titles(w)
    assert titles[0] == "文件(&F)" and "&File" not in titles
    assert "设置(&S)" in titles and "帮助(&H)" in titles
    assert w.tabs.tabText(0) == "J" and "反向传播实验" in [
        w.tabs.tabText(i) for i in range(w.tabs.count())
    ]
    assert w.tabs.names() == [*ORDER, "Plots"]  # the keys stay English
    assert w.tabs.view("J") is w.tabs.widget(0)
    w.tabs.setCurrentIndex(w.tabs.names().index("Backward lab"))
    assert w.tabs.current_name() == "Backward lab"
    vec = w.compute_toolbar.vec_combo
    assert vec.currentText() == "按行展开（torch）" and vec.currentData() == "row"

    i18n.install_translator(qapp, "en")
    english = window()
    assert _menu_titles(english)[0] == "&File"
    assert english.tabs.tabText(english.tabs.indexOf(english.backward_lab)) == "Backward lab"


def test_settings_language_switches_the_menus_at_once(qapp, window, dialogs, english_after):
    i18n.install_translator(qapp, "en")
    w = window()
    assert _menu_titles(w) == [
        "&File",
        "&Edit",
        "&Compute",
        "&View",
        "E&xamples",
        "&Settings",
        "&Help",
    ]
    english_tabs = [w.tabs.tabText(i) for i in range(w.tabs.count())]
    vec = w.compute_toolbar.vec_combo
    vec.setCurrentIndex(1)
    heard: list[str] = []
    w.languageChanged.connect(heard.append)
    chinese = next(a for a in w.menus.language_actions if a.data() == "zh_CN")
    chinese.trigger()
    assert _menu_titles(w) == [
        "文件(&F)",
        "编辑(&E)",
        "计算(&C)",
        "视图(&V)",
        "示例(&X)",
        "设置(&S)",
        "帮助(&H)",
    ]
    assert i18n.saved_language() == "zh_CN" and i18n.current_language() == "zh_CN"
    assert heard == ["zh_CN"]
    assert [kind for kind, _ in dialogs] == ["information"]  # says what needs a restart …
    assert "重新启动" in dialogs[0][1]  # … in the new language
    view_menu = w.menuBar().actions()[3].menu()
    assert view_menu.actions()[3].text() == "反向传播实验"
    assert w.menus.recompute_action.text() == "重新计算(&R)"
    assert vec.currentData() == "col" and vec.currentText().startswith("按列")
    assert w.tabs.names() == [*ORDER, "Plots"]
    checked = [a.data() for a in w.menus.language_actions if a.isChecked()]
    assert checked == ["zh_CN"]

    w.set_language("en", tell=False)
    assert _menu_titles(w)[0] == "&File"
    assert [w.tabs.tabText(i) for i in range(w.tabs.count())] == english_tabs
    assert w.menus.recompute_action.text() == "&Recompute"
    assert i18n.saved_language() == "en"
