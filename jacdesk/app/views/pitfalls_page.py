"""Questions ▸ Pitfalls: the classic autograd mistakes, run with real torch on the current f.

Each button runs ``run_pitfall(key, …)`` on the controller's worker; the page shows the code
it stands for, torch's own error text (quoted as torch wrote it: that is what a learner will
meet), the tensors torch produced, and why.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, cast

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from jacdesk.app.widgets.style import number_text

from .lab_page import LabPage

if TYPE_CHECKING:  # core.diff.pitfalls imports torch: never at start-up, on the GUI thread
    from jacdesk.core.diff.pitfalls import PitfallResult

#: (key, button text, the torch code it runs) in the order of issue 17's list.
PITFALLS = (
    (
        "non_scalar",
        QT_TRANSLATE_NOOP("PitfallsPage", "(a) backward on a non-scalar y"),
        "y = f(x); y.backward()  # then y.backward(v), v = ones",
    ),
    (
        "accumulate",
        QT_TRANSLATE_NOOP("PitfallsPage", "(b) backward twice without zeroing"),
        "f(x).backward(v); f(x).backward(v); x.grad.zero_()",
    ),
    (
        "retain_graph",
        QT_TRANSLATE_NOOP("PitfallsPage", "(c) second backward without retain_graph"),
        "y = f(x); y.backward(v); y.backward(v)",
    ),
    (
        "transpose",
        QT_TRANSLATE_NOOP("PitfallsPage", "(d) J from x.grad by columns is Jᵀ"),
        "for i: f(x).backward(e_i); J[:, i] = x.grad",
    ),
    (
        "gradcheck",
        QT_TRANSLATE_NOOP("PitfallsPage", "(e) gradcheck in float32 and float64"),
        "torch.autograd.gradcheck(f, (x,))  # x float32, then float64",
    ),
)
#: core's explanations by key, shown translated (a text core changed is shown as it is).
EXPLANATIONS = {
    "non_scalar": QT_TRANSLATE_NOOP(
        "PitfallsPage",
        "y has m components, so backward needs v (one weight per output): it computes vᵀJ. "
        "v = ones sums the rows of J.",
    ),
    "accumulate": QT_TRANSLATE_NOOP(
        "PitfallsPage",
        "backward adds into x.grad (it accumulates); call x.grad.zero_() (or optimizer.zero_grad()) "
        "between passes.",
    ),
    "retain_graph": QT_TRANSLATE_NOOP(
        "PitfallsPage",
        "backward frees the graph's saved tensors to save memory; pass retain_graph=True to the "
        "first backward to walk the same graph twice.",
    ),
    "transpose": QT_TRANSLATE_NOOP(
        "PitfallsPage",
        "y.backward(e_i) puts e_iᵀJ, row i of J, into x.grad; storing it as column i builds Jᵀ. "
        "A symmetric J hides the mistake.",
    ),
    "gradcheck": QT_TRANSLATE_NOOP(
        "PitfallsPage",
        "gradcheck compares autograd with finite differences of step 1e-6 and tolerance 1e-5: "
        "float32's rounding (ε ≈ 1.2e-7, divided by h) is far larger, so only float64 passes.",
    ),
}
#: The names of the values torch produced.
VALUE_NAMES = {
    "once": QT_TRANSLATE_NOOP("PitfallsPage", "x.grad after one backward"),
    "twice": QT_TRANSLATE_NOOP("PitfallsPage", "x.grad after two backwards"),
    "after zero_": QT_TRANSLATE_NOOP("PitfallsPage", "x.grad after zero_() and one backward"),
    "by columns": QT_TRANSLATE_NOOP("PitfallsPage", "J built from x.grad by columns"),
    "symmetric J": QT_TRANSLATE_NOOP("PitfallsPage", "a symmetric J"),
    "symmetric by columns": QT_TRANSLATE_NOOP("PitfallsPage", "the symmetric J by columns"),
    "float32 passed": QT_TRANSLATE_NOOP("PitfallsPage", "gradcheck passed in float32"),
    "float64 passed": QT_TRANSLATE_NOOP("PitfallsPage", "gradcheck passed in float64"),
}


def array_text(a: np.ndarray, digits: int) -> str:
    """``[10, 36]`` / ``[[2, 2], [3, 16]]``: numbers as the result views write them."""
    arr = np.asarray(a, dtype=np.float64)
    if arr.ndim == 0:
        return number_text(float(arr), digits)
    return "[" + ", ".join(array_text(x, digits) for x in arr) + "]"


class PitfallsPage(LabPage):
    """Five buttons; the last one clicked is shown, and run again when f changes here."""

    kind = "pitfall"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        intro = QLabel(
            self.tr("Classic autograd mistakes, made for real with torch on this f"), self
        )
        intro.setWordWrap(True)
        intro.setStyleSheet("font-weight: bold;")
        self.buttons: dict[str, QPushButton] = {}
        self._group = QButtonGroup(self)  # the pitfall shown stays pressed
        grid = QGridLayout()
        for i, (key, text, code) in enumerate(PITFALLS):
            button = QPushButton(self.tr(text), self)
            button.setToolTip(code)
            button.setCheckable(True)
            self._group.addButton(button)
            button.clicked.connect(lambda _=False, k=key: self._on_button_clicked(k))
            self.buttons[key] = button
            grid.addWidget(button, i // 2, i % 2)
        grid.addWidget(self.badge, 2, 1)
        self.code = QLabel(self)
        self.code.setStyleSheet("font-family: monospace;")
        self.torch_error = QLabel(self)
        self.torch_error.setWordWrap(True)
        self.values = QLabel(self)
        self.values.setWordWrap(True)
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        self.status = QLabel(self.tr("Click a pitfall to run it on this f"), self)
        box = QVBoxLayout(self)
        box.addWidget(intro)
        box.addLayout(grid)
        box.addWidget(self.status)
        box.addWidget(self.error_label)
        for label in (self.code, self.torch_error, self.values, self.explanation):
            box.addWidget(label)
        box.addStretch(1)
        self.key: str | None = None
        self.answer: PitfallResult | None = None

    def wants_refresh(self) -> bool:
        return self.key is not None and self.out_of_date and not self.busy

    def run(self, key: str) -> None:
        """Run pitfall ``key`` (one of core's ``PITFALLS``) on the current f."""
        self.key = key
        self.buttons[key].setChecked(True)
        self.code.setText(next(code for k, _, code in PITFALLS if k == key))
        self.refresh()

    def _on_button_clicked(self, key: str) -> None:
        self.run(key)

    def _params(self) -> dict:
        return {"key": self.key}

    def _set_busy(self, busy: bool) -> None:
        for button in self.buttons.values():
            button.setEnabled(not busy)
        self.status.setVisible(busy or not self.has_answer)
        if busy:
            self.status.setText(self.tr("running torch…"))

    def _grey(self, stale: bool) -> None:
        for label in (self.torch_error, self.values):
            label.setEnabled(not stale)

    def _show(self, answer: object) -> None:
        answer = cast("PitfallResult", answer)
        self.answer = answer
        if answer.error:
            said = self.tr("torch raised: {error}").format(error=escape(answer.error))
        else:
            said = self.tr("torch raised no error")
        if answer.warning:
            said += "<br>" + self.tr("torch warned: {warning}").format(
                warning=escape(answer.warning)
            )
        self.torch_error.setText(said)
        lines = []
        for name, value in answer.values.items():
            shown = self.tr(VALUE_NAMES[name]) if name in VALUE_NAMES else name
            if name.endswith("passed"):
                text = self.tr("yes") if bool(np.asarray(value)) else self.tr("no")
            else:
                text = array_text(value, self._digits)
            lines.append(f"{escape(shown)} = <b>{escape(text)}</b>")
        self.values.setText("<br>".join(lines))
        english = EXPLANATIONS.get(answer.key)
        same = english == answer.explanation
        self.explanation.setText(self.tr(english) if same else answer.explanation)

    def values_text(self) -> str:
        """The values as shown, without markup (for tests and copying)."""
        return self.values.text().replace("<br>", "\n").replace("<b>", "").replace("</b>", "")
