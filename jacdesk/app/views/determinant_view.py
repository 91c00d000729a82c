"""det J at the point, log|det J|, its sign, and what they mean geometrically."""

from __future__ import annotations

import math

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from jacdesk.app.system.i18n import translate
from jacdesk.app.widgets.math_view import MathView
from jacdesk.app.widgets.stale_badge import StaleBadge
from jacdesk.app.widgets.style import DEFAULT_DIGITS, big_font, number_text, set_stale_look
from jacdesk.core.formats.latex_chain import determinant_chain
from jacdesk.core.results.analysis import Analysis

MEASURES = {
    1: QT_TRANSLATE_NOOP("DeterminantView", "length"),
    2: QT_TRANSLATE_NOOP("DeterminantView", "area"),
    3: QT_TRANSLATE_NOOP("DeterminantView", "volume"),
}


class DeterminantView(QWidget):
    """The determinant of a square J, or why there is none."""

    statusMessage = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._result: Analysis | None = None
        self._digits = DEFAULT_DIGITS
        self.badge = StaleBadge(self)
        self.value = QLabel(self)
        self.value.setFont(big_font(self.font(), 2.2))
        self.value.setToolTip(
            self.tr("The determinant of J at the point (exact value in the details)")
        )
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QLabel(self)
        self.details.setToolTip(
            self.tr(
                "log|det J| stays finite when det J itself overflows or underflows; "
                "the sign says whether f keeps (+) or flips (−) orientation"
            )
        )
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.meaning = QLabel(self)
        self.meaning.setWordWrap(True)
        self.meaning.setToolTip(self.tr("What det J says about f near the point"))
        self.symbolic = QLabel(self)
        self.symbolic.setWordWrap(True)
        self.symbolic.setToolTip(self.tr("det J as a formula, from the symbolic Jacobian"))
        top = QHBoxLayout()
        top.addWidget(self.value, 1)
        top.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        self.equation = MathView(self)
        self.equation.setToolTip(
            self.tr("det J: symbolic and at the point. Right-click: copy as LaTeX, save")
        )
        self.equation.setVisible(False)
        layout.addLayout(top)
        layout.addWidget(self.equation)
        layout.addWidget(self.details)
        layout.addSpacing(8)
        layout.addWidget(self.meaning)
        layout.addWidget(self.symbolic)
        layout.addStretch(1)
        self.clear()

    def show_result(self, result: Analysis) -> None:
        self._result = result
        self._refresh()

    def set_stale(self, stale: bool) -> None:
        self.badge.set_stale(stale)
        set_stale_look([self.value, self.details, self.meaning, self.symbolic], stale)

    def set_precision(self, digits: int) -> None:
        self._digits = digits
        self._refresh()

    def clear(self, message: str = "") -> None:
        self._result = None
        self.value.setText("det J")
        self.details.setText("")
        self.meaning.setText(
            message or self.tr("The determinant of a square Jacobian appears here.")
        )
        self.symbolic.setText("")
        self.equation.set_latex(None)
        self.equation.setVisible(False)

    def text(self) -> str:
        """Everything the view says, one label a line (for tests and copying)."""
        labels = (self.value, self.details, self.meaning, self.symbolic)
        return "\n".join(w.text() for w in labels if w.text())

    def _refresh(self) -> None:
        r = self._result
        if r is None:
            return
        m, n = r.jacobian.shape
        latex = determinant_chain(r, self._digits)
        self.equation.set_latex(latex)
        self.equation.setVisible(latex is not None)
        sym = getattr(r.symbolic, "determinant_text", None)
        self.symbolic.setText(
            self.tr("symbolically: det J = {formula}").format(formula=sym) if sym else ""
        )
        if m != n:
            self.value.setText("det J: —")
            self.details.setText("")
            outputs = self.tr("1 output") if m == 1 else self.tr("{m} outputs").format(m=m)
            inputs = self.tr("1 input") if n == 1 else self.tr("{n} inputs").format(n=n)
            self.meaning.setText(
                self.tr(
                    "det J needs a square Jacobian; this one is {m}×{n} ({outputs}, {inputs})."
                ).format(m=m, n=n, outputs=outputs, inputs=inputs)
            )
            return
        if r.determinant is None:
            self.value.setText(self.tr("det J: skipped"))
            self.details.setText("")
            self.meaning.setText(
                self.tr(
                    "det J was skipped for size: J is {m}×{n}, and its LU factorisation would "
                    "hold up the window. The other tabs are complete."
                ).format(m=m, n=n)
            )
            return
        d = self._digits
        det, log_abs, sign = r.determinant, r.log_abs_det, r.det_sign
        if r.rank is not None and r.rank < n:
            self.value.setText(
                self.tr("det J = 0 (J is singular: rank {rank} of {n})").format(rank=r.rank, n=n)
            )
        else:
            self.value.setText(f"det J = {number_text(det, d)}")
        self.value.setToolTip(f"det J = {det!r}")
        sign_text = (
            "nan" if sign is None or math.isnan(sign) else {1: "+1", -1: "−1"}.get(sign, "0")
        )
        log_text = "—" if log_abs is None else number_text(log_abs, d)
        self.details.setText(
            self.tr("log|det J| = {log}     sign = {sign}     ({n}×{n} J)").format(
                log=log_text, sign=sign_text, n=n
            )
        )
        self.meaning.setText(_meaning(det, log_abs, sign, n, d))


def _meaning(det: float, log_abs: float | None, sign: float | None, n: int, digits: int) -> str:
    if math.isnan(det):
        return translate(
            "DeterminantView",
            "det J is not a number: some entry of J is not finite here (f is not differentiable at this point).",
        )
    if det == 0 or sign == 0:
        return translate(
            "DeterminantView",
            "det J = 0: J is not invertible here — the map folds (flattens a neighbourhood of "
            "the point onto something of lower dimension), so f has no local inverse.",
        )
    if n in MEASURES:
        measure = translate("DeterminantView", MEASURES[n])
        measures = {
            1: translate("DeterminantView", "lengths"),
            2: translate("DeterminantView", "areas"),
            3: translate("DeterminantView", "volumes"),
        }[n]
    else:
        measure = translate("DeterminantView", "{n}-dimensional volume").format(n=n)
        measures = translate("DeterminantView", "{n}-dimensional volumes").format(n=n)
    scale = number_text(abs(det), digits)
    if math.isinf(det) and log_abs is not None and math.isfinite(log_abs):
        scale = translate("DeterminantView", "e^{log} (det J overflows float64)").format(
            log=number_text(log_abs, digits)
        )
    turn = (
        translate("DeterminantView", "sign +: orientation is kept.")
        if sign is not None and sign > 0
        else translate("DeterminantView", "sign −: orientation is flipped (a mirror image).")
    )
    return translate(
        "DeterminantView",
        "|det J| is the local {measure} scale factor: near this point f multiplies small "
        "{measures} by {scale}; {turn}",
    ).format(measure=measure, measures=measures, scale=scale, turn=turn)
