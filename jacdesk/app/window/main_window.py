"""The main window: composes the editor, the variables panel and the result views."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from jacdesk.app.state.controller import Controller
from jacdesk.app.state.plot_controller import PlotController
from jacdesk.app.state.session_io import SessionIO
from jacdesk.app.system import i18n, settings
from jacdesk.app.views.backward_lab import BackwardLab
from jacdesk.app.views.jvp_view import JvpView
from jacdesk.app.views.plots_panel import PlotsPanel
from jacdesk.app.views.result_tabs import ResultTabs
from jacdesk.app.widgets.anyway_button import AnywayButton
from jacdesk.app.widgets.compute_toolbar import ComputeToolbar
from jacdesk.app.widgets.formula_input import FormulaInput
from jacdesk.app.widgets.status_line import StatusLine
from jacdesk.app.widgets.variables_panel import VariablesPanel
from jacdesk.core.content.examples import EXAMPLES, Example

from .about import show_about
from .document import Document, dropped_session
from .file_menu import FileMenu
from .menus import (
    MenuCommands,
    Menus,
    compute_actions,
    copy_focused,
    install_language,
    tell_restart_needed,
)
from .persistence import last_example, restore_layout, save_layout
from .point_labels import point_by_label, split_label
from .session_view import ShownSession

if TYPE_CHECKING:
    from .lesson_driver import LessonDriver


class MainWindow(QMainWindow):
    """jacdesk's window: composes the parts and wires them. Widgets talk through signals;
    the controller owns state (the compute options included) and workers; the menus, the
    File menu, the document and the lessons get what they need, never the window.

    ``languageChanged(str)`` ("en" / "zh_CN"): Settings ▸ Language installed a new language
    and the menus, tool bar and tab names were retranslated (others may follow it).
    """

    languageChanged = Signal(str)

    def __init__(self, controller: Controller | None = None, restore: bool = True):
        super().__init__()
        self.setWindowTitle(self.tr("jacdesk — vector and matrix differentiation"))
        self.controller = controller or Controller(self)
        self.formula = FormulaInput()
        self.editor = self.formula.expressions_editor
        self.torch_editor = self.formula.torch_editor
        self.variables = VariablesPanel()
        self.tabs = ResultTabs()
        self.backward_lab = BackwardLab()
        self.jvp_view = JvpView()
        self.plots = PlotsPanel()
        self.plot_controller = PlotController(self)
        self._plotted_generation = -1
        self._add_lab_tabs()
        self.tabs.add_view(
            "Plots",
            self.plots,
            QT_TRANSLATE_NOOP(
                "ResultTabs", "Component surfaces, maps, the det J field and the local linear map"
            ),
        )

        self.left = QSplitter(Qt.Orientation.Vertical)
        self.left.addWidget(self.formula)
        self.left.addWidget(self.variables)
        self.left.setStretchFactor(1, 1)
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.note_label = QLabel(wordWrap=True)
        self.note_label.setToolTip(self.tr("What to look for in the loaded example"))
        self.note_label.setStyleSheet("QLabel { padding: 4px 8px; }")
        right = QWidget()
        box = QVBoxLayout(right)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.note_label)
        box.addWidget(self.tabs, 1)
        self.split.addWidget(self.left)
        self.split.addWidget(right)
        self.split.setStretchFactor(1, 2)
        self.split.setSizes([430, 770])
        self.left.setSizes([230, 470])
        self.setCentralWidget(self.split)

        self._build_commands()
        self.status_line = StatusLine(self.statusBar())
        self.anyway = AnywayButton(self)
        self.statusBar().addPermanentWidget(self.anyway)
        self._connect()
        self.setAcceptDrops(True)
        self.resize(1200, 760)
        if restore:
            self._restore()
        else:
            self.load_example(EXAMPLES[0])
        self.document.mark_clean()
        self.document.start()

    def _add_lab_tabs(self) -> None:
        self.tabs.add_view(
            "Backward lab",
            self.backward_lab,
            QT_TRANSLATE_NOOP(
                "ResultTabs", "What y.backward(v) computes: vᵀJ; one-hot v gives one row of J"
            ),
        )
        self.tabs.add_view(
            "JVP",
            self.jvp_view,
            QT_TRANSLATE_NOOP("ResultTabs", "Forward mode: J u; one-hot u gives one column"),
        )  # both take their place after det J (ORDER)

    def _build_commands(self) -> None:
        """Tool bar, session I/O, document, menus: each gets its parts, not the window."""
        c = self.controller
        actions = compute_actions(self, c)
        self.compute_toolbar = ComputeToolbar(actions, self)
        self.addToolBar(self.compute_toolbar)
        shown = ShownSession(
            self.editor,
            self.variables,
            self.compute_toolbar,
            self.tabs,
            self.plots,
            self.load_example_parts,
            self.formula,
            (self.backward_lab, self.jvp_view),
        )
        self.sessions = SessionIO(c, shown)
        self.document = Document(self, self.sessions)
        self.file_menu = FileMenu(self, self.document, c, self.sessions, self.plots)
        edit = self.editor.edit
        commands = MenuCommands(
            undo=edit.undo,
            redo=edit.redo,
            copy=copy_focused,
            load_example=self.load_example,
            set_language=self.set_language,
            open_lessons=lambda: self.show_lessons(i18n.current_language()),
            about=lambda: show_about(self),
        )
        self.menus = Menus(self, self.tabs, self.file_menu, commands, actions)
        self.menus.build()

    def _connect(self) -> None:
        c, bar = self.controller, self.compute_toolbar
        bar.optionsChanged.connect(c.set_options)
        c.optionsChanged.connect(bar.set_options)  # the controller holds the options
        bar.digitsChanged.connect(self.tabs.set_precision)
        self.editor.expressionsEdited.connect(c.set_expressions)
        self.editor.expressionsEdited.connect(self._on_editor_expressionsEdited)
        self.editor.recomputeRequested.connect(c.recompute)
        self.torch_editor.translationReady.connect(self._on_torch_editor_translationReady)
        self.formula.modeChanged.connect(self._on_formula_modeChanged)
        self.variables.pointChanged.connect(self._on_variables_pointChanged)
        self.backward_lab.vChanged.connect(c.set_v)
        self.jvp_view.uChanged.connect(c.set_u)
        graph = self.tabs.view("Graph")  # captured on the controller's worker
        graph.graphRequested.connect(c.request_graph)
        c.graphReady.connect(graph.show_graph)
        c.graphFailed.connect(graph.show_error)
        questions = self.tabs.view("Questions")  # computed on the controller's lab worker
        questions.labRequested.connect(c.request_lab)
        questions.labCancelRequested.connect(c.cancel_lab)
        c.labReady.connect(questions.show_lab)
        c.labFailed.connect(questions.show_lab_error)
        c.labCancelled.connect(questions.show_lab_cancelled)
        c.namesDiscovered.connect(self._on_controller_namesDiscovered)
        c.resultReady.connect(self._on_controller_resultReady)
        c.settledShown.connect(self._on_controller_settledShown)
        c.anywayOffered.connect(self.anyway.set_offer)
        self.anyway.computeAnyway.connect(c.compute_anyway)
        c.errorOccurred.connect(self._on_controller_errorOccurred)
        c.staleChanged.connect(self.tabs.set_stale)
        c.symbolicPending.connect(self.tabs.set_symbolic_pending)
        c.busyChanged.connect(self._on_controller_busyChanged)
        self.plots.settingsChanged.connect(lambda _: self._request_plots(force=True))
        self.plots.pointPicked.connect(self._on_plots_pointPicked)
        self.tabs.currentChanged.connect(lambda _: self._request_plots())
        # "copied 4 cells", "saved J.csv": a tab's short message, for a few seconds.
        self.tabs.statusMessage.connect(lambda text: self.statusBar().showMessage(text, 4000))
        self.plot_controller.gridReady.connect(self.plots.show_grids)
        self.plot_controller.gridFailed.connect(self.plots.show_message)
        d = self.document
        for signal in (
            self.editor.expressionsEdited,
            self.variables.pointChanged,
            self.backward_lab.vChanged,
            self.jvp_view.uChanged,
            c.optionsChanged,
        ):
            signal.connect(lambda *_: d.touch())

    # -- slots -------------------------------------------------------------------------------
    def _on_variables_pointChanged(self) -> None:
        self.controller.set_point(self.variables.variables(), self.variables.constants())
        self.torch_editor.set_point(self.variables.variables())

    def _on_controller_namesDiscovered(self, names: list, shapes: dict) -> None:
        self.variables.set_names(names, shapes)
        self.editor.set_variable_names(names)
        self._on_variables_pointChanged()

    def _on_torch_editor_translationReady(self, translation) -> None:
        """The PyTorch text read as a problem: its expressions, point, v and u are shown."""
        self.load_example_parts(
            translation.expressions, translation.variables, translation.constants
        )
        u = translation.u_in(self.controller.options.vec)
        self.controller.set_v(translation.v)
        self.controller.set_u(u)
        self.backward_lab.follow(translation.v)  # the labs' editors show the script's v, u
        self.jvp_view.follow(u)

    def _on_formula_modeChanged(self, mode: str) -> None:
        # A script needs more lines than a few expressions: give the editor the larger share.
        sizes = self.left.sizes()
        total = sum(sizes)
        if mode == "torch" and total and sizes[0] < 0.6 * total:
            self.left.setSizes([int(0.6 * total), total - int(0.6 * total)])

    def _on_controller_resultReady(self, result) -> None:
        self.editor.clear_error()
        self.torch_editor.clear_problem()
        self.tabs.show_result(result)
        self.status_line.show_result(result)
        self.plots.set_inputs(list(result.input_labels), point_by_label(result))
        self._request_plots()

    def _on_controller_settledShown(self, result) -> None:
        """The last settled result again, in place of a momentary keystroke's (kept stale)."""
        self.tabs.show_result(result)
        self.plots.set_inputs(list(result.input_labels), point_by_label(result))

    def _on_controller_errorOccurred(self, message: str, line, column) -> None:
        self.editor.show_error(message, line, column)
        if self.formula.mode() == "torch":
            self.torch_editor.show_problem(message)
        self.status_line.show_stale()

    def _on_controller_busyChanged(self, busy: bool) -> None:
        self.status_line.set_busy(busy)
        self.tabs.set_busy(busy)
        self.menus.cancel_action.setEnabled(busy)

    def _request_plots(self, force: bool = False) -> None:
        """Grids for the newest result, when the Plots tab is showing (they cost a batch pass)."""
        result = self.controller.last_result
        if result is None or self.tabs.currentWidget() is not self.plots:
            return
        if not force and result.generation == self._plotted_generation:
            return
        self._plotted_generation = result.generation
        self.plot_controller.request(result, self.variables.constants(), self.plots.settings())

    def _on_plots_pointPicked(self, coords: dict) -> None:
        values = self.variables.variables()
        for label, x in coords.items():
            name, index = split_label(label)
            if name not in values:
                continue
            arr = np.array(values[name], dtype=np.float64)
            arr[index] = x
            self.variables.row(name).set_value(arr)
        self._on_variables_pointChanged()

    # -- commands ----------------------------------------------------------------------------
    def load_example(self, ex: Example) -> None:
        """Put an example's expressions and point into the editor and the panel."""
        title, text = (i18n.translate_core("Examples", t) for t in (ex.title, ex.note))
        note = f"<b>{title}</b> — {text}" if ex.note else ""
        self.load_example_parts(ex.expressions, ex.variables, ex.constants, note)

    def load_example_parts(self, expressions, variables, constants, note: str = "") -> None:
        """Expressions, variables (J's column order) and constants into the editor and panel."""
        self.controller.set_v(None)
        self.controller.set_u(None)
        for lab in (self.backward_lab, self.jvp_view):
            # The labs' editors follow: a one-hot v left over from before would otherwise never
            # match a result again (v = ones from here on), and the lab would wait forever.
            lab.editor.set_vector(np.ones(len(lab.editor.labels())))
        self.editor.set_expressions(list(expressions))
        self.variables.load(dict(variables), dict(constants))
        self._on_variables_pointChanged()
        self.note_label.setText(note)
        self.note_label.setVisible(bool(note))
        self._note_for = tuple(expressions)

    def _on_editor_expressionsEdited(self, lines: list) -> None:
        # The example's (or lesson step's) note speaks of its f: once f is another, it goes.
        if tuple(lines) != getattr(self, "_note_for", None):
            self.note_label.setVisible(False)
            self._lesson_clean = False

    def _load_lesson_step(self, expressions, variables, constants, note: str = "") -> None:
        """A lesson step is shown, not written: a session that was clean stays clean."""
        was_clean = not self.document.is_modified() or getattr(self, "_lesson_clean", False)
        self.load_example_parts(expressions, variables, constants, note)
        self._lesson_clean = was_clean
        if was_clean:
            self.document.mark_clean()

    def _on_lessons_stepApplied(self, _index: int) -> None:
        if getattr(self, "_lesson_clean", False):  # the step's v and u arrived
            self.document.mark_clean()

    def retranslate_ui(self) -> None:
        """After a language switch: menus, tool bar, tab names and the title in the new
        language (the other texts change at the next start)."""
        self.tabs.retranslate()
        self.menus.build()
        self.compute_toolbar.retranslate()
        self.document.refresh()

    def set_language(self, language: str, tell: bool = True) -> str:
        """Settings ▸ Language: store and install ``language``, and retranslate the menus,
        tool bar, tab names and an open lessons dock at once; the language installed."""
        from .lesson_driver import retranslate_lessons

        applied = install_language(language)
        self.retranslate_ui()
        retranslate_lessons(self, applied)
        self.languageChanged.emit(applied)
        if tell:
            tell_restart_needed(self)
        return applied

    def show_lessons(
        self, language: str | None = "en", step: int | None = None
    ) -> LessonDriver | None:
        """Help ▸ Lessons: the lessons dock in ``language``, at ``step`` (see
        :func:`~jacdesk.app.window.lesson_driver.show_lessons`)."""
        from .lesson_driver import LessonStage, show_lessons  # on first use: not at start-up

        stage = LessonStage(
            self,
            self.controller,
            self.tabs,
            self.plots,
            self.backward_lab,
            self.jvp_view,
            self._load_lesson_step,
        )
        driver = show_lessons(stage, language, step)
        if driver is not None and not getattr(self, "_lessons_connected", False):
            driver.stepApplied.connect(self._on_lessons_stepApplied)
            self._lessons_connected = True
        return driver

    def _restore(self) -> None:
        restore_layout(self, self.split, self.left)
        try:
            last = last_example()
            if last is not None:
                self.load_example(last)
                return
        except (TypeError, ValueError):
            pass  # a malformed record: start from the first example
        self.load_example(EXAMPLES[0])

    def open_file(self, path: str) -> bool:
        """Open a session file (``jacdesk FILE``, a drop, Open Recent); asks about unsaved work."""
        return self.document.open(path)

    def recover_or_restore(self) -> None:
        """At start-up: offer the autosave of a crashed session (else keep what was restored)."""
        self.document.offer_recovery()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_session(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = dropped_session(event.mimeData())
        if path is not None:
            event.acceptProposedAction()
            self.open_file(path)

    def close_unattended(self) -> None:
        """Close without asking (SIGTERM, SIGINT): unsaved work goes to the autosave."""
        self.document.keep_unsaved()
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.document.maybe_save():
            event.ignore()
            return
        self.document.close()
        save_layout(self, self.split, self.left)
        settings.save_session(
            self.editor.expressions(), self.variables.variables(), self.variables.constants()
        )
        self.plot_controller.shutdown()
        self.torch_editor.shutdown()
        self.controller.shutdown()
        super().closeEvent(event)
