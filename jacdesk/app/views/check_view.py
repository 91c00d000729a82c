"""Three independent routes to J compared: autograd, finite differences, the symbolic form."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from jacdesk.app.widgets.math_view import MathView
from jacdesk.app.widgets.stale_badge import StaleBadge
from jacdesk.app.widgets.style import big_font, is_finite, set_stale_look
from jacdesk.core.formats.latex_check import check_chain
from jacdesk.core.results.analysis import Analysis

BADGES = {
    True: (
        QT_TRANSLATE_NOOP("CheckView", "PASS"),
        "#1e7b34",
        QT_TRANSLATE_NOOP("CheckView", "every comparison that ran agrees within its tolerance"),
    ),
    False: (
        QT_TRANSLATE_NOOP("CheckView", "FAIL"),
        "#b3261e",
        QT_TRANSLATE_NOOP("CheckView", "a comparison disagrees: see the rows above"),
    ),
    None: (
        QT_TRANSLATE_NOOP("CheckView", "NOT RUN"),
        "#8a8a8a",
        QT_TRANSLATE_NOOP("CheckView", "no comparison ran for this result"),
    ),
}
SYMBOLIC_WHY = {
    "too_large": QT_TRANSLATE_NOOP("CheckView", "f is too large for a symbolic form"),
    "timeout": QT_TRANSLATE_NOOP("CheckView", "the symbolic form took too long"),
    "cancelled": QT_TRANSLATE_NOOP("CheckView", "the symbolic form was cancelled"),
    "error": QT_TRANSLATE_NOOP("CheckView", "the symbolic form failed"),
    "disabled": QT_TRANSLATE_NOOP("CheckView", "symbolic forms are turned off"),
}


def _err(x: float | None) -> str:
    if x is None:
        return "—"
    return f"{x:.3g}" if is_finite(x) else repr(float(x))


class CheckView(QWidget):
    """Max errors of autograd against central differences and against sympy, and a verdict."""

    statusMessage = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._result: Analysis | None = None
        self.stale_badge = StaleBadge(self)
        self.fd = QLabel(self)
        self.fd.setWordWrap(True)
        self.fd.setToolTip(
            self.tr(
                "J from autograd against J from central differences (f(x+h) − f(x−h)) / 2h; "
                "the relative error divides by max(|J|, 1)"
            )
        )
        self.symbolic = QLabel(self)
        self.symbolic.setWordWrap(True)
        self.symbolic.setToolTip(
            self.tr("J from autograd against the sympy J evaluated at the point")
        )
        self.badge = QLabel(self)
        self.badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.badge.setFont(big_font(self.font(), 2.4))
        self.badge.setMinimumWidth(180)
        self.badge.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.addRow(self._caption(self.tr("autograd vs finite differences:"), self.fd), self.fd)
        form.addRow(self._caption(self.tr("autograd vs symbolic:"), self.symbolic), self.symbolic)
        form.addRow(self._caption(self.tr("verdict:"), self.badge), self.badge)
        self.equation = MathView(self)
        self.equation.setToolTip(
            self.tr(
                "What the check compares, with this point's errors. Right-click: copy as LaTeX, save"
            )
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.stale_badge, 0, Qt.AlignmentFlag.AlignRight)
        layout.addLayout(form)
        layout.addWidget(self.equation)
        layout.addStretch(1)
        self.clear()

    def show_result(self, result: Analysis) -> None:
        self._result = result
        c = result.check
        if c.fd_ok is None:
            why = next((w for w in result.warnings if w.startswith("finite-difference")), "")
            self.fd.setText(
                self.tr("not run: {why}").format(why=why) if why else self.tr("not run")
            )
        else:
            mark = self.tr("✓ agree") if c.fd_ok else self.tr("✗ disagree")
            self.fd.setText(
                self.tr("max abs err {abs}, max rel err {rel} — {mark}").format(
                    abs=_err(c.fd_max_abs_err), rel=_err(c.fd_max_rel_err), mark=mark
                )
            )
        self.symbolic.setText(self._symbolic_text(result))
        self._set_badge(c.ok)
        latex = check_chain(result)
        self.equation.set_latex(latex)
        self.equation.setVisible(latex is not None)

    def set_stale(self, stale: bool) -> None:
        self.stale_badge.set_stale(stale)
        set_stale_look([self.fd, self.symbolic], stale)

    def set_precision(self, digits: int) -> None:
        """Errors always show 3 significant digits; kept so every view takes the same calls."""

    def clear(self, message: str = "") -> None:
        self._result = None
        self.fd.setText(message or "—")
        self.symbolic.setText("—")
        self._set_badge(None)
        self.equation.set_latex(None)
        self.equation.setVisible(False)

    def badge_text(self) -> str:
        return self.badge.text()

    def _symbolic_text(self, r: Analysis) -> str:
        c, sym = r.check, r.symbolic
        if c.symbolic_ok is not None:
            mark = self.tr("✓ agree") if c.symbolic_ok else self.tr("✗ disagree")
            return self.tr("max abs err {abs} — {mark}").format(
                abs=_err(c.symbolic_max_abs_err), mark=mark
            )
        if sym is None:
            return self.tr("not available: the symbolic form has not arrived yet")
        why = getattr(sym, "notice", None) or self.tr(
            SYMBOLIC_WHY.get(sym.status, QT_TRANSLATE_NOOP("CheckView", "no symbolic J"))
        )
        return self.tr("not available: {why}").format(why=why)

    def _set_badge(self, ok: bool | None) -> None:
        text, colour, tip = BADGES[ok]
        self.badge.setText(self.tr(text))
        self.badge.setToolTip(self.tr(tip))
        self.badge.setStyleSheet(
            f"QLabel {{ background: {colour}; color: white; border-radius: 8px; padding: 6px 18px; }}"
        )

    def _caption(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setToolTip(buddy.toolTip())
        return label
