"""Menus, tool bar and shortcuts of the main window (kept apart from the composition)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QMessageBox, QSpinBox, QToolBar

from jacdesk.app.system import i18n
from jacdesk.app.system.i18n import translate
from jacdesk.core.content.examples import EXAMPLES

from .about import show_about
from .file_menu import build_file_menu

if TYPE_CHECKING:
    from .main_window import MainWindow


def build_actions(win: MainWindow) -> None:
    """Create the menu bar and tool bar of ``win`` and connect them."""
    win.recompute_action = QAction(win, triggered=win.controller.recompute)
    win.recompute_action.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
    win.cancel_action = QAction(win, triggered=win.controller.cancel)
    win.cancel_action.setShortcut(QKeySequence("Esc"))
    win.cancel_action.setEnabled(False)
    build_menus(win)
    _build_toolbar(win)


def build_menus(win: MainWindow) -> None:
    """(Re)build every menu in the current language (Settings ▸ Language calls it again)."""
    mb = win.menuBar()
    old = [a.menu() for a in mb.actions() if a.menu() is not None]
    mb.clear()
    for menu in old:
        menu.deleteLater()
    _retranslate_shared(win)
    build_file_menu(win)

    edit = mb.addMenu(translate("Actions", "&Edit"))
    undo = QAction(translate("Actions", "&Undo"), edit, shortcut=QKeySequence.StandardKey.Undo,
                   triggered=lambda: win.editor.edit.undo())  # fmt: skip
    redo = QAction(translate("Actions", "&Redo"), edit, shortcut=QKeySequence.StandardKey.Redo,
                   triggered=lambda: win.editor.edit.redo())  # fmt: skip
    copy = QAction(translate("Actions", "&Copy"), edit, triggered=win.copy_focused)
    copy.setToolTip(
        translate(
            "Actions", "Copy the selected cells (as tab-separated values) or the selected text"
        )
    )
    edit.addActions([undo, redo, copy])

    compute = mb.addMenu(translate("Actions", "&Compute"))
    compute.addActions([win.recompute_action, win.cancel_action])

    view = mb.addMenu(translate("Actions", "&View"))
    for i in range(min(9, win.tabs.count())):
        act = QAction(win.tabs.tabText(i), view, shortcut=QKeySequence(f"Ctrl+{i + 1}"))
        act.triggered.connect(lambda _=False, k=i: win.tabs.setCurrentIndex(k))
        view.addAction(act)

    examples = mb.addMenu(translate("Actions", "E&xamples"))
    for ex in EXAMPLES:
        act = QAction(ex.title, examples, triggered=lambda _=False, e=ex: win.load_example(e))
        act.setToolTip(ex.note)
        examples.addAction(act)
    examples.setToolTipsVisible(True)

    _build_settings_menu(win)

    help_ = mb.addMenu(translate("Actions", "&Help"))
    help_.setToolTipsVisible(True)
    lessons = QAction(translate("Actions", "&Lessons"), help_, triggered=lambda: open_lessons(win))
    lessons.setShortcut(QKeySequence("F1"))
    lessons.setToolTip(translate("Actions", "A guided walk through the tutorial, step by step"))
    help_.addAction(lessons)
    help_.addAction(
        QAction(translate("Actions", "&About jacdesk"), help_, triggered=lambda: show_about(win))
    )


def open_lessons(win: MainWindow) -> None:
    """Help ▸ Lessons: the lessons dock in the interface language."""
    from .lesson_driver import show_lessons  # imported on first use: nothing at start-up

    show_lessons(win, i18n.current_language())


def _retranslate_shared(win: MainWindow) -> None:
    """Texts of the actions the menu and the tool bar share."""
    win.recompute_action.setText(translate("Actions", "&Recompute"))
    win.recompute_action.setToolTip(
        translate("Actions", "Compute now, without waiting for typing to pause (Ctrl+Enter)")
    )
    win.cancel_action.setText(translate("Actions", "&Cancel"))
    win.cancel_action.setToolTip(
        translate("Actions", "Stop the running computation; the last result stays (Esc)")
    )


def _build_settings_menu(win: MainWindow) -> None:
    settings = win.menuBar().addMenu(translate("Actions", "&Settings"))
    language = settings.addMenu(translate("Actions", "&Language"))
    language.setToolTipsVisible(True)
    group = QActionGroup(language)
    chosen = i18n.saved_language()
    names = {i18n.SYSTEM: translate("Actions", "System"), **i18n.NATIVE_NAMES}
    for code in i18n.LANGUAGES:
        act = QAction(names[code], language, checkable=True)
        act.setData(code)
        act.setChecked(code == chosen)
        if code == i18n.SYSTEM:
            act.setToolTip(translate("Actions", "Follow the language of the operating system"))
        act.triggered.connect(lambda _=False, c=code: set_language(win, c))
        group.addAction(act)
        language.addAction(act)
    win.language_actions = group.actions()


def set_language(win: MainWindow, language: str, tell: bool = True) -> str:
    """Store ``language`` (Settings ▸ Language), install it, and retranslate the window's
    menus, tool bar and tab names at once; the rest follows at the next start."""
    i18n.save_language(language)
    applied = i18n.install_translator(None, language)
    win.retranslate_ui()
    from .lesson_driver import retranslate_lessons

    retranslate_lessons(win, applied)
    win.languageChanged.emit(applied)
    if tell:
        QMessageBox.information(
            win,
            translate("Actions", "Language"),
            translate(
                "Actions",
                "The menus, the tool bar and the tab names now use the new language. "
                "The rest of the window follows when jacdesk starts again.",
            ),
        )
    return applied


def _build_toolbar(win: MainWindow) -> None:
    bar = QToolBar(win)
    bar.setObjectName("computeToolbar")
    win.compute_toolbar = bar
    win.addToolBar(bar)
    bar.addAction(win.recompute_action)
    bar.addAction(win.cancel_action)
    bar.addSeparator()

    win.digits_label = QLabel()
    bar.addWidget(win.digits_label)
    win.precision = QSpinBox(minimum=1, maximum=17, value=6)
    win.precision.valueChanged.connect(win.tabs.set_precision)
    bar.addWidget(win.precision)

    win.vec_label = QLabel()
    bar.addWidget(win.vec_label)
    win.vec_combo = QComboBox()
    win.vec_combo.addItem("", "row")
    win.vec_combo.addItem("", "col")
    win.vec_combo.currentIndexChanged.connect(
        lambda _: win.controller.set_options(vec=win.vec_combo.currentData())
    )
    bar.addWidget(win.vec_combo)

    win.layout_label = QLabel()
    bar.addWidget(win.layout_label)
    win.layout_combo = QComboBox()
    win.layout_combo.addItem("", "numerator")
    win.layout_combo.addItem("", "denominator")
    win.layout_combo.currentIndexChanged.connect(
        lambda _: win.controller.set_options(layout=win.layout_combo.currentData())
    )
    bar.addWidget(win.layout_combo)

    win.hessian_box = QCheckBox()
    win.hessian_box.toggled.connect(lambda on: win.controller.set_options(hessian=on))
    bar.addWidget(win.hessian_box)

    win.symbolic_box = QCheckBox(checked=True)
    win.symbolic_box.toggled.connect(lambda on: win.controller.set_options(symbolic=on))
    bar.addWidget(win.symbolic_box)
    retranslate_toolbar(win)


def retranslate_toolbar(win: MainWindow) -> None:
    """The tool bar's texts in the current language (its widgets and state stay)."""
    win.compute_toolbar.setWindowTitle(translate("Actions", "Compute"))
    win.digits_label.setText(translate("Actions", " digits "))
    win.precision.setToolTip(
        translate("Actions", "Significant digits shown in every matrix (exports stay exact)")
    )
    win.vec_label.setText(translate("Actions", " vec "))
    win.vec_combo.setItemText(0, translate("Actions", "row-major (torch)"))
    win.vec_combo.setItemText(1, translate("Actions", "column-major (textbook vec)"))
    win.vec_combo.setToolTip(
        translate(
            "Actions", "How matrix inputs and outputs are flattened into J's rows and columns"
        )
    )
    win.layout_label.setText(translate("Actions", " layout "))
    win.layout_combo.setItemText(0, translate("Actions", "numerator (rows = outputs)"))
    win.layout_combo.setItemText(1, translate("Actions", "denominator (rows = inputs)"))
    win.layout_combo.setToolTip(
        translate(
            "Actions",
            "Numerator layout: J's rows are the outputs (torch.autograd.functional.jacobian);\n"
            "denominator layout: its transpose, rows are the inputs",
        )
    )
    win.hessian_box.setText(translate("Actions", "Hessian"))
    win.hessian_box.setToolTip(
        translate("Actions", "Also compute second derivatives (one Hessian per output component)")
    )
    win.symbolic_box.setText(translate("Actions", "Symbolic"))
    win.symbolic_box.setToolTip(
        translate(
            "Actions", "Derive the symbolic Jacobian with sympy (time-bounded, in the background)"
        )
    )
