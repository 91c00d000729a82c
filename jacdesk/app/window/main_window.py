"""The main window: composes the editor, the variables panel and the result views."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QMimeData, Qt, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QPlainTextEdit,
    QProgressBar,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from jacdesk.app.state.controller import Controller
from jacdesk.app.state.plot_controller import PlotController
from jacdesk.app.system import settings
from jacdesk.app.views.backward_lab import BackwardLab
from jacdesk.app.views.jvp_view import JvpView
from jacdesk.app.views.plots_panel import PlotsPanel
from jacdesk.app.views.result_tabs import ResultTabs
from jacdesk.app.widgets.expression_editor import ExpressionEditor
from jacdesk.app.widgets.variables_panel import VariablesPanel
from jacdesk.core.content.examples import EXAMPLES, Example
from jacdesk.core.language.program import entry_labels
from jacdesk.core.sessions.session import SUFFIX

from .document import Document
from .menus import build_actions, build_menus, retranslate_toolbar


class MainWindow(QMainWindow):
    """jacdesk's window. Widgets talk through signals; the controller owns state and workers.

    ``languageChanged(str)`` ("en" / "zh_CN"): Settings ▸ Language installed a new language
    and the menus, tool bar and tab names were retranslated (others may follow it).
    """

    languageChanged = Signal(str)

    def __init__(self, controller: Controller | None = None, restore: bool = True):
        super().__init__()
        self.setWindowTitle(self.tr("jacdesk — vector and matrix differentiation"))
        self.controller = controller or Controller(self)
        self.editor = ExpressionEditor()
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
        self.left.addWidget(self.editor)
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

        self.document = Document(self)
        build_actions(self)
        self._build_status_bar()
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
        self.tabs.add_view("Backward lab", self.backward_lab, QT_TRANSLATE_NOOP(
            "ResultTabs", "What y.backward(v) computes: vᵀJ; one-hot v gives one row of J"))  # fmt: skip
        self.tabs.add_view("JVP", self.jvp_view, QT_TRANSLATE_NOOP(
            "ResultTabs", "Forward mode: J u; one-hot u gives one column"))  # fmt: skip
        bar = self.tabs.tabBar()
        det_index = self.tabs.names().index("det J")
        bar.moveTab(self.tabs.indexOf(self.backward_lab), det_index + 1)
        bar.moveTab(self.tabs.indexOf(self.jvp_view), det_index + 2)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.strategy_label = QLabel(self.tr("starting…"))
        self.strategy_label.setToolTip(self.tr("How the last Jacobian was computed"))
        self.time_label = QLabel("")
        self.time_label.setToolTip(self.tr("Time of the last numeric computation"))
        self.device_label = QLabel("CPU · float64")
        self.device_label.setToolTip(self.tr("Where jacdesk computes"))
        self.busy = QProgressBar(maximum=0, maximumWidth=120, visible=False)
        self.busy.setToolTip(self.tr("Computing… (Esc cancels)"))
        bar.addWidget(self.strategy_label, 1)
        bar.addPermanentWidget(self.busy)
        bar.addPermanentWidget(self.time_label)
        bar.addPermanentWidget(self.device_label)

    def _connect(self) -> None:
        c = self.controller
        self.editor.expressionsEdited.connect(c.set_expressions)
        self.editor.recomputeRequested.connect(c.recompute)
        self.variables.pointChanged.connect(self._on_variables_pointChanged)
        self.backward_lab.vChanged.connect(c.set_v)
        self.jvp_view.uChanged.connect(c.set_u)
        c.namesDiscovered.connect(self._on_controller_namesDiscovered)
        c.resultReady.connect(self._on_controller_resultReady)
        c.errorOccurred.connect(self._on_controller_errorOccurred)
        c.staleChanged.connect(self.tabs.set_stale)
        c.symbolicPending.connect(self.tabs.set_symbolic_pending)
        c.busyChanged.connect(self._on_controller_busyChanged)
        self.plots.settingsChanged.connect(lambda _: self._request_plots(force=True))
        self.plots.pointPicked.connect(self._on_plots_pointPicked)
        self.tabs.currentChanged.connect(lambda _: self._request_plots())
        self.plot_controller.gridReady.connect(self.plots.show_grids)
        self.plot_controller.gridFailed.connect(self.plots.show_message)
        d = self.document
        for signal in (self.editor.expressionsEdited, self.variables.pointChanged,
                       self.backward_lab.vChanged, self.jvp_view.uChanged,
                       self.vec_combo.currentIndexChanged, self.layout_combo.currentIndexChanged,
                       self.hessian_box.toggled, self.symbolic_box.toggled):  # fmt: skip
            signal.connect(lambda *_: d.touch())

    # -- slots -------------------------------------------------------------------------------
    def _on_variables_pointChanged(self) -> None:
        self.controller.set_point(self.variables.variables(), self.variables.constants())

    def _on_controller_namesDiscovered(self, names: list, shapes: dict) -> None:
        self.variables.set_names(names, shapes)
        self.editor.set_variable_names(names)
        self._on_variables_pointChanged()

    def _on_controller_resultReady(self, result) -> None:
        self.editor.clear_error()
        self.tabs.show_result(result)
        self.strategy_label.setText(self.tr("J by {strategy}").format(strategy=result.strategy))
        self.time_label.setText(
            self.tr("computed in {ms} ms").format(ms=f"{result.elapsed_s * 1e3:.1f}")
        )
        self.device_label.setText(f"{result.device.upper()} · float64")
        self.plots.set_inputs(list(result.input_labels), point_by_label(result))
        self._request_plots()

    def _on_controller_errorOccurred(self, message: str, line, column) -> None:
        self.editor.show_error(message, line, column)
        self.strategy_label.setText(self.tr("the last valid result is shown (marked stale)"))

    def _on_controller_busyChanged(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.cancel_action.setEnabled(busy)

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
        note = f"<b>{ex.title}</b> — {ex.note}" if ex.note else ""
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

    def retranslate_ui(self) -> None:
        """After a language switch: menus, tool bar, tab names and the title in the new
        language (the other texts change at the next start)."""
        self.tabs.retranslate()
        build_menus(self)
        retranslate_toolbar(self)
        self.document.refresh()

    def copy_focused(self) -> None:
        widget: QWidget | None = QApplication.focusWidget()
        while widget is not None:
            if hasattr(widget, "copy_selection"):
                widget.copy_selection()
                return
            if isinstance(widget, QPlainTextEdit):
                widget.copy()
                return
            widget = widget.parentWidget()

    def _restore(self) -> None:
        for key, apply in (("window/geometry", self.restoreGeometry),
                           ("window/state", self.restoreState),
                           ("window/split", self.split.restoreState),
                           ("window/left", self.left.restoreState)):  # fmt: skip
            value = settings.load_bytes(key)
            if value is not None:
                apply(value)
        data = settings.load_session()
        if not data:
            self.load_example(EXAMPLES[0])
            return
        try:
            self.load_example(Example("last", "last session", tuple(data["expressions"]),
                                      data["variables"], data["constants"]))  # fmt: skip
        except (TypeError, ValueError):
            self.load_example(EXAMPLES[0])

    def open_file(self, path: str) -> bool:
        """Open a session file (``jacdesk FILE``, a drop, Open Recent); asks about unsaved work."""
        return self.document.open(path)

    def recover_or_restore(self) -> None:
        """At start-up: offer the autosave of a crashed session (else keep what was restored)."""
        self.document.offer_recovery()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _dropped_session(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = _dropped_session(event.mimeData())
        if path is not None:
            event.acceptProposedAction()
            self.open_file(path)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.document.maybe_save():
            event.ignore()
            return
        self.document.close()
        settings.save_bytes("window/geometry", self.saveGeometry())
        settings.save_bytes("window/state", self.saveState())
        settings.save_bytes("window/split", self.split.saveState())
        settings.save_bytes("window/left", self.left.saveState())
        settings.save_session(self.editor.expressions(), self.variables.variables(),
                              self.variables.constants())  # fmt: skip
        self.plot_controller.shutdown()
        self.controller.shutdown()
        super().closeEvent(event)


def point_by_label(result) -> dict[str, float]:
    """{"x1": 1.0, "X[0,1]": 2.0, …}: every input entry's value at the point."""
    out: dict[str, float] = {}
    for name, shape in result.inputs:
        values = np.asarray(result.point[name], dtype=np.float64).reshape(-1)
        out.update(zip(entry_labels(name, shape, "row"), values.tolist(), strict=True))
    return out


def split_label(label: str) -> tuple[str, tuple[int, ...]]:
    """ "X[0,1]" → ("X", (0, 1)); "x[2]" → ("x", (2,)); "x1" → ("x1", ())."""
    name, _, rest = label.partition("[")
    if not rest:
        return name, ()
    return name, tuple(int(k) for k in rest.rstrip("]").split(","))


def _dropped_session(mime: QMimeData) -> str | None:
    """The first local ``*.jacdesk`` file among dropped URLs."""
    for url in mime.urls() if mime.hasUrls() else []:
        path = url.toLocalFile()
        if path.endswith(SUFFIX):
            return path
    return None
