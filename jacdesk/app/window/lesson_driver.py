"""Help ▸ Lessons: puts a lesson step into the window (expressions, point, v / u, the tab),
flashes the view it is about, and shows its explanation in the lessons dock.

The lesson texts are data (``jacdesk/resources/lessons``, read by :mod:`jacdesk.core.content.lessons`);
this driver owns no widget class: the dock is :class:`~.widgets.lesson_panel.LessonPanel`.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QMainWindow, QMessageBox, QWidget

from jacdesk.app.state.controller import Controller
from jacdesk.app.views.backward_lab import BackwardLab
from jacdesk.app.views.jvp_view import JvpView
from jacdesk.app.views.plots_panel import PlotsPanel
from jacdesk.app.views.result_tabs import ResultTabs
from jacdesk.app.widgets.lesson_panel import LessonPanel
from jacdesk.core.content.lessons import Lesson, LessonError, Step, load_lesson

FLASH_MS = 2000
BLINK_MS = 250
HIGHLIGHT_STYLE = (
    "QFrame#lessonHighlight { border: 3px solid #f39c12; border-radius: 4px;"
    " background: rgba(243, 156, 18, 28); }"
)
DOCK_WIDTH = 380


@dataclass(frozen=True)
class LessonStage:
    """What a lesson step acts on, handed over by the window.

    ``load(expressions, variables, constants, note)`` puts a problem into the editor and the
    variables panel (and resets v and u); ``window`` hosts the lessons dock.
    """

    window: QMainWindow
    controller: Controller
    tabs: ResultTabs
    plots: PlotsPanel
    backward_lab: BackwardLab
    jvp_view: JvpView
    load: Callable[[Sequence[str], Mapping[str, Any], Mapping[str, Any], str], None]


class LessonDriver(QObject):
    """Applies the panel's steps to the ``stage``; lives as long as the panel (its parent).

    Signals
    -------
    stepApplied(int)
        The step's own result is on screen, with the step's v and u (or ones).
    """

    stepApplied = Signal(int)

    def __init__(self, stage: LessonStage, panel: LessonPanel) -> None:
        super().__init__(panel)
        self.stage = stage
        self.panel = panel
        self.lesson: Lesson | None = None
        self.highlighted: QWidget | None = None
        self._pending: tuple[int, Step] | None = None
        panel.stepChanged.connect(self._on_panel_stepChanged)
        stage.controller.resultReady.connect(self._on_controller_resultReady)

    def set_lesson(self, lesson: Lesson) -> None:
        """New texts (another language): the panel keeps its step and nothing is reloaded."""
        self.lesson = lesson
        self.panel.set_lesson(lesson.ui, [(s.title, s.text, s.formula) for s in lesson.steps])

    def apply(self, index: int) -> QWidget:
        """Load step ``index`` into the window, show its view and flash it; the flashed widget."""
        if self.lesson is None:
            raise RuntimeError("no lesson loaded")
        step = self.lesson.steps[index]
        stage = self.stage
        label = self.lesson.ui["lesson"]
        note = (
            f"<b>{html.escape(label)} {index + 1} / {len(self.lesson.steps)}</b> — "
            f"{html.escape(step.title)}"
        )
        stage.load(step.expressions, step.variables, step.constants, note)
        # Loading reset v and u; the step's own go with this request. The labs' editors
        # follow when the result is back (they need its labels): see the slot.
        if step.v is not None:
            stage.controller.set_v(np.array(step.v))
        if step.u is not None:
            stage.controller.set_u(np.array(step.u))
        self._pending = (index, step)
        self.highlighted = self._show_view(step)
        flash(self.highlighted)
        return self.highlighted

    # -------------------------------------------------------------------------------- slots
    def _on_panel_stepChanged(self, index: int) -> None:
        self.apply(index)

    def _on_controller_resultReady(self, result) -> None:
        """Once the step's expressions are computed: give both labs the step's v and u."""
        if self._pending is None or tuple(result.expressions) != self._pending[1].expressions:
            return
        index, step = self._pending
        c = self.stage.controller
        done = True
        for lab, ask, wanted, have, labels in (
            (self.stage.backward_lab, c.set_v, step.v, result.v, result.output_labels),
            (self.stage.jvp_view, c.set_u, step.u, result.u, result.input_labels),
        ):
            n = len(labels)
            want = np.array(wanted if wanted is not None and len(wanted) == n else np.ones(n))
            if len(lab.editor.labels()) == n and not np.array_equal(lab.editor.vector(), want):
                lab.set_vector(want)
            if not np.array_equal(np.ravel(have), want):
                ask(want)
                done = False
        if done:
            self._pending = None
            self.stepApplied.emit(index)

    # -------------------------------------------------------------------------------- helpers
    def _show_view(self, step: Step) -> QWidget:
        """Make the step's tab (and plot view) current; the widget to flash."""
        tabs, plots = self.stage.tabs, self.stage.plots
        target = tabs.view(step.view)
        tabs.setCurrentWidget(target)
        if step.plot is not None:
            # step.plot and step.part name public attributes (checked when the lesson loads).
            sub = getattr(plots, step.plot, None)
            if isinstance(sub, QWidget) and plots.views.indexOf(sub) >= 0:
                plots.views.setCurrentWidget(sub)
                target = sub
        part = getattr(target, step.part, None) if step.part else None
        return part if isinstance(part, QWidget) else target


def flash(widget: QWidget, ms: int = FLASH_MS) -> QFrame:
    """Blink an amber frame over ``widget`` for ``ms`` (not blocking; clicks pass through)."""
    for old in widget.findChildren(
        QFrame, "lessonHighlight", Qt.FindChildOption.FindDirectChildrenOnly
    ):
        old.hide()
        old.deleteLater()
    frame = QFrame(widget)
    frame.setObjectName("lessonHighlight")
    frame.setStyleSheet(HIGHLIGHT_STYLE)
    frame.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    frame.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    frame.setGeometry(widget.rect())
    frame.show()
    frame.raise_()
    ticks = {"left": max(1, ms // BLINK_MS)}
    timer = QTimer(frame, interval=BLINK_MS)

    def tick() -> None:
        ticks["left"] -= 1
        if ticks["left"] <= 0:
            timer.stop()
            frame.hide()
            frame.deleteLater()
            return
        frame.setGeometry(widget.rect())  # follows a resize
        frame.setVisible(ticks["left"] % 2 == 0 or ticks["left"] <= 2)

    timer.timeout.connect(tick)
    timer.start()
    return frame


def lesson_driver(window: QMainWindow) -> LessonDriver | None:
    """The window's lesson driver, once ``show_lessons`` made one."""
    panel = window.findChild(LessonPanel)
    return None if panel is None else panel.findChild(LessonDriver)


def show_lessons(
    stage: LessonStage, language: str | None = "en", step: int | None = None
) -> LessonDriver | None:
    """Help ▸ Lessons: open (or raise) the dock on the right in ``language`` ("en" / "zh_CN",
    others fall back to English) and load ``step`` (default: the one shown, else the first)."""
    win = stage.window
    try:
        lesson = load_lesson(language)
    except LessonError as err:
        QMessageBox.warning(win, "jacdesk", str(err))
        return None
    driver = lesson_driver(win)
    fresh = driver is None
    if driver is None:
        panel = LessonPanel(win)
        win.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, panel)
        _make_room(win, DOCK_WIDTH)
        win.resizeDocks([panel], [DOCK_WIDTH], Qt.Orientation.Horizontal)
        driver = LessonDriver(stage, panel)
    panel = driver.panel
    was_open = panel.isVisible()
    driver.set_lesson(lesson)
    panel.show()
    panel.raise_()
    if step is not None or fresh or not was_open:
        panel.go_to(step if step is not None else max(panel.current(), 0))
    return driver


def _make_room(win: QMainWindow, width: int) -> None:
    """Widen a normal window by the dock's width where the screen has room for it."""
    screen = win.screen()
    if screen is None or win.isMaximized() or win.isFullScreen():
        return
    area = screen.availableGeometry()
    wide = min(win.width() + width, area.width())
    if wide <= win.width():
        return
    win.resize(wide, win.height())
    if win.x() + wide > area.right():
        win.move(max(area.left(), area.right() - wide), win.y())


def retranslate_lessons(window: QMainWindow, language: str) -> None:
    """After Settings ▸ Language: an open lessons dock switches its texts (the step stays)."""
    driver = lesson_driver(window)
    if driver is not None:
        try:
            driver.set_lesson(load_lesson(language))
        except LessonError as err:
            QMessageBox.warning(window, "jacdesk", str(err))
