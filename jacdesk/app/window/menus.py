"""The menu bar of the main window, and the Recompute / Cancel actions the tool bar shares.

The menus hold no state of their own and never see the window's insides: what they trigger
arrives as :class:`MenuCommands` (callables), the result tabs, the File menu and the two
compute actions (made from the controller by :func:`compute_actions`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QPlainTextEdit, QWidget

from jacdesk.app.system import i18n
from jacdesk.app.system.i18n import translate, translate_core
from jacdesk.core.content.examples import EXAMPLES, GROUPS, Example

if TYPE_CHECKING:
    from jacdesk.app.state.controller import Controller
    from jacdesk.app.views.result_tabs import ResultTabs

    from .file_menu import FileMenu


@dataclass(frozen=True)
class MenuCommands:
    """What the Edit, Examples, Settings and Help menus trigger (the window supplies them)."""

    undo: Callable[[], None]
    redo: Callable[[], None]
    copy: Callable[[], None]
    load_example: Callable[[Example], None]
    set_language: Callable[[str], object]
    open_lessons: Callable[[], object]
    about: Callable[[], None]


def compute_actions(parent: QObject, controller: Controller) -> tuple[QAction, QAction]:
    """Recompute (Ctrl+Enter) and Cancel (Esc), for the Compute menu and the tool bar."""
    recompute = QAction(parent, triggered=controller.recompute)
    recompute.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
    cancel = QAction(parent, triggered=controller.cancel)
    cancel.setShortcut(QKeySequence("Esc"))
    cancel.setEnabled(False)  # until something runs
    return recompute, cancel


class Menus:
    """Builds (and, after a language switch, rebuilds) every menu of ``window``'s menu bar.

    ``compute`` is (Recompute, Cancel) from :func:`compute_actions`; the menus retranslate
    them, the tool bar shows them too.
    """

    def __init__(
        self,
        window: QMainWindow,
        tabs: ResultTabs,
        file_menu: FileMenu,
        commands: MenuCommands,
        compute: tuple[QAction, QAction],
    ) -> None:
        self.window = window
        self.tabs = tabs
        self.file_menu = file_menu
        self.commands = commands
        self.recompute_action, self.cancel_action = compute
        self.language_actions: list[QAction] = []

    def build(self) -> None:
        """(Re)build every menu in the current language (Settings ▸ Language calls it again)."""
        mb = self.window.menuBar()
        old = [a.menu() for a in mb.actions() if a.menu() is not None]
        mb.clear()
        for menu in old:
            menu.deleteLater()
        self._retranslate_shared()
        self.file_menu.build()
        do = self.commands

        edit = mb.addMenu(translate("Actions", "&Edit"))
        undo = QAction(
            translate("Actions", "&Undo"),
            edit,
            shortcut=QKeySequence.StandardKey.Undo,
            triggered=lambda: do.undo(),
        )
        redo = QAction(
            translate("Actions", "&Redo"),
            edit,
            shortcut=QKeySequence.StandardKey.Redo,
            triggered=lambda: do.redo(),
        )
        copy = QAction(translate("Actions", "&Copy"), edit, triggered=lambda: do.copy())
        copy.setToolTip(
            translate(
                "Actions", "Copy the selected cells (as tab-separated values) or the selected text"
            )
        )
        edit.addActions([undo, redo, copy])

        compute = mb.addMenu(translate("Actions", "&Compute"))
        compute.addActions([self.recompute_action, self.cancel_action])

        view = mb.addMenu(translate("Actions", "&View"))
        tabs = self.tabs
        for i in range(min(9, tabs.count())):
            act = QAction(tabs.tabText(i), view, shortcut=QKeySequence(f"Ctrl+{i + 1}"))
            act.triggered.connect(lambda _=False, k=i: tabs.setCurrentIndex(k))
            view.addAction(act)

        examples = mb.addMenu(translate("Actions", "E&xamples"))
        examples.setToolTipsVisible(True)
        for group in GROUPS:
            sub = examples.addMenu(translate_core("Examples", group))
            sub.setToolTipsVisible(True)
            for ex in (e for e in EXAMPLES if e.group == group):
                act = QAction(
                    translate_core("Examples", ex.title),
                    sub,
                    triggered=lambda _=False, e=ex: do.load_example(e),
                )
                act.setToolTip(translate_core("Examples", ex.note))
                sub.addAction(act)

        self._build_settings_menu()

        help_ = mb.addMenu(translate("Actions", "&Help"))
        help_.setToolTipsVisible(True)
        lessons = QAction(
            translate("Actions", "&Lessons"), help_, triggered=lambda: do.open_lessons()
        )
        lessons.setShortcut(QKeySequence("F1"))
        lessons.setToolTip(translate("Actions", "A guided walk through the tutorial, step by step"))
        help_.addAction(lessons)
        help_.addAction(
            QAction(translate("Actions", "&About jacdesk"), help_, triggered=lambda: do.about())
        )

    def _retranslate_shared(self) -> None:
        """Texts of the actions the menu and the tool bar share."""
        self.recompute_action.setText(translate("Actions", "&Recompute"))
        self.recompute_action.setToolTip(
            translate("Actions", "Compute now, without waiting for typing to pause (Ctrl+Enter)")
        )
        self.cancel_action.setText(translate("Actions", "&Cancel"))
        self.cancel_action.setToolTip(
            translate("Actions", "Stop the running computation; the last result stays (Esc)")
        )

    def _build_settings_menu(self) -> None:
        settings = self.window.menuBar().addMenu(translate("Actions", "&Settings"))
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
            act.triggered.connect(lambda _=False, c=code: self.commands.set_language(c))
            group.addAction(act)
            language.addAction(act)
        self.language_actions = group.actions()


def copy_focused() -> None:
    """Edit ▸ Copy: the selected cells of the focused matrix (or a view holding it), else the
    selected text of the focused text box."""
    widget: QWidget | None = QApplication.focusWidget()
    while widget is not None:
        if hasattr(widget, "copy_selection"):
            widget.copy_selection()
            return
        if isinstance(widget, QPlainTextEdit):
            widget.copy()
            return
        widget = widget.parentWidget()


def install_language(language: str) -> str:
    """Store ``language`` (Settings ▸ Language) and install it; the language installed."""
    i18n.save_language(language)
    return i18n.install_translator(None, language)


def tell_restart_needed(parent: QWidget) -> None:
    """Say, in the new language, which texts follow only at the next start."""
    QMessageBox.information(
        parent,
        translate("Actions", "Language"),
        translate(
            "Actions",
            "The menus, the tool bar and the tab names now use the new language. "
            "The rest of the window follows when jacdesk starts again.",
        ),
    )
