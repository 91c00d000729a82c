"""The Kronecker lesson: J of X ↦ A X B beside kron(Bᵀ, A) (column-major vec) and
kron(A, Bᵀ) (row-major vec), with the differences."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from jacdesk.app.widgets.math_view import MathView
from jacdesk.app.widgets.matrix_view import MatrixView
from jacdesk.app.widgets.stale_badge import StaleBadge
from jacdesk.app.widgets.style import DEFAULT_DIGITS, number_text, set_stale_look
from jacdesk.core.diff.kronecker import KroneckerLesson
from jacdesk.core.formats.latex_chain import kronecker_latex
from jacdesk.core.language.program import entry_labels
from jacdesk.core.results.analysis import Analysis

ABSENT = QT_TRANSLATE_NOOP(
    "KroneckerView",
    "This tab fills in when f is a linear map of one matrix variable X: A @ X, X @ B or "
    "A @ X @ B with constant matrices A and B (try Examples ▸ Matrix calculus ▸ Linear map "
    "A @ X @ B).",
)
INTRO = QT_TRANSLATE_NOOP(
    "KroneckerView",
    "X ↦ {form} is linear, so its Jacobian is a constant matrix. Flatten X and F column by "
    "column (the textbook vec) and J = {col}; flatten them row by row (torch's reshape) and "
    "J = {row}. Autograd's J is on the left of each pair, the formula beside it, their "
    "difference below.",
)


class KroneckerView(QWidget):
    """Two columns (column-major vec, row-major vec) of J, the Kronecker formula and J − formula."""

    statusMessage = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._digits = DEFAULT_DIGITS
        self._lesson: KroneckerLesson | None = None
        body = QWidget(self)
        self.badge = StaleBadge(body)
        self.intro = QLabel(self.tr(ABSENT), body)
        self.intro.setWordWrap(True)
        self.intro.setToolTip(self.tr("vec(A X B) = (Bᵀ ⊗ A) vec(X): the Matrix Cookbook, eq. 520"))
        self.verdict = QLabel(body)
        self.verdict.setToolTip(self.tr("Largest |J − formula| over both conventions"))
        names = ("j_col", "kron_col", "diff_col", "j_row", "kron_row", "diff_row")
        self.views: dict[str, MatrixView] = {}
        grid = QGridLayout()
        for k, key in enumerate(names):
            view = MatrixView("", body, badge=False, fit_height=True)
            view.statusMessage.connect(self.statusMessage)
            self.views[key] = view
            col, row = divmod(k, 3)
            grid.addWidget(view, row, col, Qt.AlignmentFlag.AlignTop)
        inner = QVBoxLayout(body)
        inner.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignRight)
        inner.addWidget(self.intro)
        self.equation = MathView(body)
        self.equation.setVisible(False)
        inner.addWidget(self.equation)
        inner.addWidget(self.verdict)
        inner.addLayout(grid)
        inner.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.clear()

    def show_result(self, result: Analysis) -> None:
        lesson = result.kronecker
        self._lesson = lesson
        if lesson is None:
            self.clear()
            return
        self.intro.setText(
            self.tr(INTRO).format(
                form=lesson.form[4:], col=lesson.formula_col, row=lesson.formula_row
            )
        )
        latex = kronecker_latex(lesson)
        self.equation.set_latex(latex)
        self.equation.setVisible(latex is not None)
        x = lesson.variable
        titles = {
            "j_col": self.tr("autograd J, column-major vec (vec F by vec {x})").format(x=x),
            "kron_col": f"{lesson.formula_col}",
            "diff_col": self.tr("J − formula (column-major)"),
            "j_row": self.tr(
                "autograd J, row-major vec (torch: F.reshape(-1) by {x}.reshape(-1))"
            ).format(x=x),
            "kron_row": f"{lesson.formula_row}",
            "diff_row": self.tr("J − formula (row-major)"),
        }
        p, q = lesson.left.shape[0], lesson.right.shape[1]
        r, s = lesson.left.shape[1], lesson.right.shape[0]
        labels = {
            vec: (entry_labels("F", (p, q), vec), entry_labels(x, (r, s), vec))
            for vec in ("col", "row")
        }
        for key, view in self.views.items():
            rows, cols = labels[key[-3:]]
            view.set_title(titles[key])
            view.set_matrix(getattr(lesson, key), rows, cols)
            view.setVisible(True)
        self._show_verdict()

    def set_stale(self, stale: bool) -> None:
        self.badge.set_stale(stale)
        for view in self.views.values():
            view.set_stale(stale)
        set_stale_look([self.intro, self.verdict], stale)

    def set_precision(self, digits: int) -> None:
        self._digits = digits
        for view in self.views.values():
            view.set_precision(digits)
        self._show_verdict()

    def clear(self, message: str = "") -> None:
        self._lesson = None
        self.intro.setText(message or self.tr(ABSENT))
        self.verdict.setVisible(False)
        self.equation.set_latex(None)
        self.equation.setVisible(False)
        for view in self.views.values():
            view.clear()
            view.setVisible(False)

    def _show_verdict(self) -> None:
        lesson = self._lesson
        if lesson is None:
            return
        diff = number_text(lesson.max_abs_diff, self._digits)
        if lesson.agree:
            text = self.tr(
                "✓ Both formulas equal autograd's J exactly (largest difference {diff})."
            ).format(diff=diff)
            style = "color: #1b7a1b; font-weight: bold;"
        else:
            text = self.tr("✗ The formulas differ from autograd's J by up to {diff}.").format(
                diff=diff
            )
            style = "color: #b00020; font-weight: bold;"
        self.verdict.setText(text)
        self.verdict.setStyleSheet(style)
        self.verdict.setVisible(True)
