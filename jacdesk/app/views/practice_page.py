"""Questions ▸ Practice: one exercise at a time, checked against jacdesk's own numbers.

Checking runs torch (``check_answer`` computes the expected answer with ``analyze``), so it
goes through the controller's worker like the other pages. Which exercises are solved, and
which one was shown last, are kept in the settings (``practice/solved``, ``practice/current``).
"""

from __future__ import annotations

import re

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from jacdesk.app.system import i18n, settings
from jacdesk.core.content.exercises import EXERCISES, CheckResult, Exercise

from .lab_page import LabPage
from .pitfalls_page import array_text

PLACEHOLDERS = {
    "grad": QT_TRANSLATE_NOOP("PracticePage", "a list like [1, 2]"),
    "row": QT_TRANSLATE_NOOP("PracticePage", "a list like [1, 2]"),
    "jacobian": QT_TRANSLATE_NOOP("PracticePage", "a matrix like [[1, 2], [3, 4]]"),
    "det": QT_TRANSLATE_NOOP("PracticePage", "a number"),
    "mode": QT_TRANSLATE_NOOP("PracticePage", "reverse or forward"),
}
#: The answers to the "which mode is cheaper?" questions, as core writes them.
MODE_WORDS = {
    "reverse": QT_TRANSLATE_NOOP("PracticePage", "reverse"),
    "forward": QT_TRANSLATE_NOOP("PracticePage", "forward"),
}
#: core's one-line refusals of an unreadable answer, shown translated.
CORE_ERRORS = (
    QT_TRANSLATE_NOOP("PracticePage", "answer reverse or forward (反向 or 前向)"),
    QT_TRANSLATE_NOOP("PracticePage", "write a number or a list like [1, 2] (or [[1, 2], [3, 4]])"),
)
MODE_LINE = re.compile(
    r"m = (\d+) outputs, n = (\d+) inputs: reverse needs \d+ backward passes, forward \d+ JVPs"
)


class PracticePage(LabPage):
    """Prompt, f and point, an answer box, Check, Previous / Next, and the solved ones."""

    kind = "practice"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.solved = settings.load_solved()
        keys = [ex.key for ex in EXERCISES]
        last = settings.load_current_exercise()
        self.index = keys.index(last) if last in keys else 0
        self._checking: str | None = None  # the exercise whose answer is being checked
        self.counter = QLabel(self)
        self.counter.setStyleSheet("font-weight: bold;")
        self.progress = QLabel(self)
        self.progress.setToolTip(self.tr("✓: solved; the current exercise is in brackets"))
        self.prompt = QLabel(self)
        self.prompt.setWordWrap(True)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("font-family: monospace;")
        self.answer_box = QLineEdit(self)
        self.answer_box.setToolTip(self.tr("Numbers and lists as [1, 2] or [[1, 2], [3, 4]]"))
        self.answer_box.returnPressed.connect(self._on_answer_box_returnPressed)
        self.check_button = QPushButton(self.tr("Check"), self)
        self.check_button.setToolTip(self.tr("Compare with what jacdesk computes (Enter)"))
        self.check_button.clicked.connect(self._on_check_button_clicked)
        self.previous_button = QPushButton(self.tr("Previous"), self)
        self.previous_button.setToolTip(self.tr("The exercise before this one"))
        self.previous_button.clicked.connect(self._on_previous_button_clicked)
        self.next_button = QPushButton(self.tr("Next"), self)
        self.next_button.setToolTip(self.tr("The next exercise"))
        self.next_button.clicked.connect(self._on_next_button_clicked)
        self.verdict = QLabel(self)
        self.verdict.setWordWrap(True)
        self.worked = QLabel(self)
        self.worked.setWordWrap(True)
        self.worked.setStyleSheet("font-family: monospace;")
        top = QHBoxLayout()
        top.addWidget(self.counter)
        top.addWidget(self.progress, 1)
        answer_row = QHBoxLayout()
        answer_row.addWidget(QLabel(self.tr("Your answer:"), self))
        answer_row.addWidget(self.answer_box, 1)
        answer_row.addWidget(self.check_button)
        nav = QHBoxLayout()
        nav.addWidget(self.previous_button)
        nav.addWidget(self.next_button)
        nav.addStretch(1)
        box = QVBoxLayout(self)
        box.addLayout(top)
        for w in (self.prompt, self.problem):
            box.addWidget(w)
        box.addLayout(answer_row)
        box.addWidget(self.error_label)
        box.addWidget(self.verdict)
        box.addWidget(self.worked)
        box.addLayout(nav)
        box.addStretch(1)
        self._show_exercise()

    def exercise(self) -> Exercise:
        return EXERCISES[self.index]

    def go_to(self, index: int) -> None:
        """Show exercise ``index`` (clamped); the choice is remembered."""
        self.index = max(0, min(index, len(EXERCISES) - 1))
        settings.save_current_exercise(self.exercise().key)
        self._show_exercise()

    def check(self, answer: str | None = None) -> None:
        """Check ``answer`` (default: the box's text) for the shown exercise, on the worker."""
        if answer is not None:
            self.answer_box.setText(answer)
        if not self.answer_box.text().strip():
            self.show_error(self.tr("type an answer first"))
            return
        self._checking = self.exercise().key
        self.refresh()

    def _params(self) -> dict:
        return {"exercise": self._checking, "answer": self.answer_box.text()}

    # -- slots -------------------------------------------------------------------------------
    def _on_check_button_clicked(self) -> None:
        self.check()

    def _on_answer_box_returnPressed(self) -> None:
        self.check()

    def _on_previous_button_clicked(self) -> None:
        self.go_to(self.index - 1)

    def _on_next_button_clicked(self) -> None:
        self.go_to(self.index + 1)

    # -- answers -----------------------------------------------------------------------------
    def _show(self, answer: object) -> None:
        assert isinstance(answer, CheckResult)
        key, self._checking = self._checking, None
        if answer.correct and key is not None:
            self.solved.add(key)
            settings.save_solved(self.solved)
        if key != self.exercise().key:
            self._show_progress()
            return  # the learner moved on while it was checked
        if answer.correct:
            self.verdict.setText(self.tr("✓ Right."))
            self.verdict.setStyleSheet("color: #1e7b34; font-weight: bold;")
            self.worked.setVisible(False)
        else:
            self.verdict.setText(
                self.tr("✗ Not quite: jacdesk computes {expected}.").format(
                    expected=self._expected_text(answer.expected)
                )
            )
            self.verdict.setStyleSheet("color: #b3261e; font-weight: bold;")
            self.worked.setText(
                self.tr("The chain rule, worked:") + "\n" + self._worked_text(answer.worked)
            )
            self.worked.setVisible(True)
        self._show_progress()

    def show_error(self, message: str) -> None:
        """An unreadable answer: one line, translated; nothing shown goes stale."""
        self._checking = None
        self.busy = False
        self._set_busy(False)
        for english in CORE_ERRORS:
            if message == english:
                message = self.tr(english)
        self.error_label.setText(message)
        self.error_label.setVisible(True)

    def _set_busy(self, busy: bool) -> None:
        self.check_button.setEnabled(not busy)
        if busy:
            self.verdict.setStyleSheet("")
            self.verdict.setText(self.tr("checking…"))

    def _expected_text(self, value: object) -> str:
        if isinstance(value, str):
            return self.tr(MODE_WORDS[value]) if value in MODE_WORDS else value
        return array_text(np.asarray(value, dtype=np.float64), self._digits)

    def _worked_text(self, text: str) -> str:
        """core's worked lines, their few words in the interface language."""
        text = text.replace("(rows: ", self.tr("(rows: "))
        return MODE_LINE.sub(
            lambda m: self.tr(
                "m = {m} outputs, n = {n} inputs: reverse needs {m} backward passes, "
                "forward {n} JVPs"
            ).format(m=m.group(1), n=m.group(2)),
            text,
        )

    # -- showing -----------------------------------------------------------------------------
    def _show_exercise(self) -> None:
        ex = self.exercise()
        chinese = i18n.current_language() == i18n.CHINESE
        self.prompt.setText(ex.prompt_zh if chinese else ex.prompt_en)
        point = ", ".join(f"{k} = {array_text(np.asarray(v), 6)}" for k, v in ex.variables.items())
        f = ", ".join(ex.exprs)
        self.problem.setText(self.tr("f = [{f}] at {point}").format(f=f, point=point))
        self.answer_box.clear()
        self.answer_box.setPlaceholderText(self.tr(PLACEHOLDERS.get(ex.kind, "")))
        self.verdict.clear()
        self.worked.clear()
        self.worked.setVisible(False)
        self.error_label.setVisible(False)
        self.previous_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(self.index < len(EXERCISES) - 1)
        self._show_progress()

    def _show_progress(self) -> None:
        self.counter.setText(
            self.tr("Exercise {i} of {n}").format(i=self.index + 1, n=len(EXERCISES))
        )
        marks = []
        for i, ex in enumerate(EXERCISES):
            mark = f"{i + 1}{'✓' if ex.key in self.solved else ''}"
            marks.append(f"[{mark}]" if i == self.index else mark)
        solved = sum(1 for ex in EXERCISES if ex.key in self.solved)
        self.progress.setText(
            self.tr("solved {k} of {n}: {marks}").format(
                k=solved, n=len(EXERCISES), marks=" ".join(marks)
            )
        )
