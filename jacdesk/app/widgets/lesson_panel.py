"""The lessons dock: the step list, the step's title and explanation, Back / Next / Close."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSizePolicy,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from .math_view import MathView
from .style import big_font

TEXT_STYLE = (
    "p { margin-top: 0px; margin-bottom: 8px; } "
    "code { font-family: monospace; background-color: #eef1f5; }"
)
LIST_ROWS = 6  # steps visible in the list without scrolling


#: px: narrow enough to open beside the window at 1024 wide; long step titles wrap.
MIN_WIDTH = 240


class LessonPanel(QDockWidget):
    """Shows one step of a lesson at a time; the driver loads the step into the window.

    Signals
    -------
    stepChanged(int)
        The user (or :meth:`go_to`) chose step ``index``: the driver applies it.
    """

    stepChanged = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lessonDock")
        self.setAllowedAreas(
            Qt.DockWidgetArea.RightDockWidgetArea | Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self._index = -1
        self._steps: list[tuple[str, str, str | None]] = []
        body = QWidget(self)
        self.step_list = QListWidget(body)
        self.step_list.setAlternatingRowColors(True)
        self.step_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Long titles wrap onto a second line (readable in a narrow dock) instead of "…".
        self.step_list.setWordWrap(True)
        self.step_list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.step_list.currentRowChanged.connect(self._on_step_list_currentRowChanged)
        self.heading = QLabel(body)
        self.heading.setWordWrap(True)
        self.heading.setFont(big_font(self.font(), 1.25))
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        # The dock keeps its width (a 1024 px window still fits): the formula shrinks to it.
        self.formula = MathView(body, scale=1.1, min_scale=0.3)
        self.formula.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.formula.setVisible(False)
        self.text = QTextBrowser(body)
        self.text.setOpenLinks(False)  # the texts have no links; nothing is ever fetched
        self.text.setOpenExternalLinks(False)
        self.text.document().setDefaultStyleSheet(TEXT_STYLE)
        self.text.setMinimumHeight(220)
        self.counter = QLabel("0 / 0", body)
        self.back_button = QPushButton(body)
        self.back_button.clicked.connect(self._on_back_button_clicked)
        self.next_button = QPushButton(body)
        self.next_button.clicked.connect(self._on_next_button_clicked)
        self.next_button.setDefault(True)
        self.close_button = QPushButton(body)
        self.close_button.clicked.connect(self._on_close_button_clicked)

        # The counter sits above the buttons, not beside them: beside, the dock would need
        # 311 px and a 1024 px window with the lessons open would not fit.
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.back_button, self.next_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(body)
        layout.addWidget(self.step_list)
        layout.addWidget(self.heading)
        layout.addWidget(self.formula)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.counter, 0, Qt.AlignmentFlag.AlignRight)
        layout.addLayout(buttons)
        self.setWidget(body)
        self.setMinimumWidth(MIN_WIDTH)
        self._fit_list()
        self.set_lesson({}, [])

    # ----------------------------------------------------------------------------- public API
    def set_lesson(self, labels: Mapping[str, str], steps: Sequence[tuple[str, ...]]) -> None:
        """Labels ("title", "back", "next", "close" and tool tips) and the (title, rich text)
        or (title, rich text, LaTeX formula or None) of every step; the step shown stays
        (clamped), without ``stepChanged``."""
        self.setWindowTitle(labels.get("title", "Lessons"))
        self.back_button.setText(labels.get("back", "Back"))
        self.next_button.setText(labels.get("next", "Next"))
        self.close_button.setText(labels.get("close", "Close"))
        for widget, key in (
            (self.back_button, "back_tip"),
            (self.next_button, "next_tip"),
            (self.close_button, "close_tip"),
            (self.step_list, "steps_tip"),
            (self.text, "text_tip"),
        ):
            widget.setToolTip(labels.get(key, ""))
        self._steps = [
            (str(step[0]), str(step[1]), step[2] if len(step) > 2 else None) for step in steps
        ]
        blocked = self.step_list.blockSignals(True)
        self.step_list.clear()
        for k, (title, _, _) in enumerate(self._steps):
            self.step_list.addItem(f"{k + 1}. {title}")
            self.step_list.item(k).setToolTip(title)
        self.step_list.blockSignals(blocked)
        self._show(min(max(self._index, 0), len(self._steps) - 1))

    def go_to(self, index: int) -> None:
        """Show step ``index`` (clamped) and emit ``stepChanged`` (also for the same step)."""
        if not self._steps:
            return
        self._show(min(max(index, 0), len(self._steps) - 1))
        self.stepChanged.emit(self._index)

    def current(self) -> int:
        """The step shown (0-based), -1 without steps."""
        return self._index

    def count(self) -> int:
        return len(self._steps)

    def counter_text(self) -> str:
        return self.counter.text()

    def explanation(self) -> str:
        """The explanation as plain text (for tests and copying)."""
        return self.text.toPlainText()

    # -------------------------------------------------------------------------------- slots
    def _on_step_list_currentRowChanged(self, row: int) -> None:
        if row >= 0 and row != self._index:
            self.go_to(row)

    def _on_back_button_clicked(self) -> None:
        self.go_to(self._index - 1)

    def _on_next_button_clicked(self) -> None:
        self.go_to(self._index + 1)

    def _on_close_button_clicked(self) -> None:
        self.close()

    # -------------------------------------------------------------------------------- helpers
    def _show(self, index: int) -> None:
        self._index = index
        n = len(self._steps)
        title, text, formula = self._steps[index] if index >= 0 else ("", "", None)
        self.heading.setText(title)
        self.formula.set_latex(formula)
        self.formula.setVisible(formula is not None)
        self.text.setHtml(text)
        self.counter.setText(f"{index + 1} / {n}")
        self.back_button.setEnabled(index > 0)
        self.next_button.setEnabled(0 <= index < n - 1)
        blocked = self.step_list.blockSignals(True)
        self.step_list.setCurrentRow(index)
        self.step_list.blockSignals(blocked)

    def _fit_list(self) -> None:
        """Tall enough for LIST_ROWS steps; the explanation gets the rest."""
        row = self.step_list.fontMetrics().height() + 6
        self.step_list.setFixedHeight(row * LIST_ROWS + 2 * self.step_list.frameWidth())
