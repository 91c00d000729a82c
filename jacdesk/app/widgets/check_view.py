"""Three independent routes to J compared: autograd, finite differences, the symbolic form."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from jacdesk.core.results import Analysis

from .stale_badge import StaleBadge
from .style import big_font, is_finite, set_stale_look

BADGES = {
    True: ("PASS", "#1e7b34", "every comparison that ran agrees within its tolerance"),
    False: ("FAIL", "#b3261e", "a comparison disagrees: see the rows above"),
    None: ("NOT RUN", "#8a8a8a", "no comparison ran for this result"),
}
SYMBOLIC_WHY = {
    "too_large": "f is too large for a symbolic form",
    "timeout": "the symbolic form took too long",
    "cancelled": "the symbolic form was cancelled",
    "error": "the symbolic form failed",
    "disabled": "symbolic forms are turned off",
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
            "J from autograd against J from central differences (f(x+h) − f(x−h)) / 2h; "
            "the relative error divides by max(|J|, 1)"
        )
        self.symbolic = QLabel(self)
        self.symbolic.setWordWrap(True)
        self.symbolic.setToolTip("J from autograd against the sympy J evaluated at the point")
        self.badge = QLabel(self)
        self.badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.badge.setFont(big_font(self.font(), 2.4))
        self.badge.setMinimumWidth(180)
        self.badge.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.addRow(self._caption("autograd vs finite differences:", self.fd), self.fd)
        form.addRow(self._caption("autograd vs symbolic:", self.symbolic), self.symbolic)
        form.addRow(self._caption("verdict:", self.badge), self.badge)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stale_badge, 0, Qt.AlignmentFlag.AlignRight)
        layout.addLayout(form)
        layout.addStretch(1)
        self.clear()

    def show_result(self, result: Analysis) -> None:
        self._result = result
        c = result.check
        if c.fd_ok is None:
            why = next((w for w in result.warnings if w.startswith("finite-difference")), "")
            self.fd.setText(f"not run{': ' + why if why else ''}")
        else:
            mark = "✓ agree" if c.fd_ok else "✗ disagree"
            self.fd.setText(
                f"max abs err {_err(c.fd_max_abs_err)}, max rel err {_err(c.fd_max_rel_err)}"
                f" — {mark}"
            )
        self.symbolic.setText(self._symbolic_text(result))
        self._set_badge(c.ok)

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

    def badge_text(self) -> str:
        return self.badge.text()

    def _symbolic_text(self, r: Analysis) -> str:
        c, sym = r.check, r.symbolic
        if c.symbolic_ok is not None:
            mark = "✓ agree" if c.symbolic_ok else "✗ disagree"
            return f"max abs err {_err(c.symbolic_max_abs_err)} — {mark}"
        if sym is None:
            return "not available: the symbolic form has not arrived yet"
        why = getattr(sym, "notice", None) or SYMBOLIC_WHY.get(sym.status, "no symbolic J")
        return f"not available: {why}"

    def _set_badge(self, ok: bool | None) -> None:
        text, colour, tip = BADGES[ok]
        self.badge.setText(text)
        self.badge.setToolTip(tip)
        self.badge.setStyleSheet(
            f"QLabel {{ background: {colour}; color: white; border-radius: 8px; padding: 6px 18px; }}"
        )

    def _caption(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setToolTip(buddy.toolTip())
        return label
