"""Colours, fonts and small formatting helpers shared by the result views (no widgets here)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QWidget

NON_FINITE_BG = QColor("#ffd6d6")
STALE_FG = QColor("#8a8a8a")
WARNING_STYLE = (
    "QLabel { background: #fff4ce; color: #5c4400; border: 1px solid #e8d48a;"
    " border-radius: 3px; padding: 4px 6px; }"
)
NOT_FINITE_TIP = QT_TRANSLATE_NOOP(
    "MatrixModel", "not finite: f is not differentiable here, or the value overflows"
)
DEFAULT_DIGITS = 6


def number_text(x: float, digits: int) -> str:
    """``f"{x:.{digits}g}"``: integers without ".0"; -0 reads "0"; nan / inf as such."""
    if x == 0.0:
        return "0"
    return f"{x:.{digits}g}"


def short_list(labels: Sequence[str], keep: int = 4) -> str:
    """``f1, f2`` or ``F[0,0], F[0,1], …, F[63,63]`` for long lists (O(1) for any length)."""
    if len(labels) <= keep:
        return ", ".join(labels)
    return ", ".join([*labels[: keep - 1], "…", labels[-1]])


def is_finite(x: float | None) -> bool:
    return x is not None and math.isfinite(x)


def big_font(base: QFont, factor: float = 2.0, bold: bool = True) -> QFont:
    font = QFont(base)
    size = base.pointSizeF() if base.pointSizeF() > 0 else 10.0
    font.setPointSizeF(size * factor)
    font.setBold(bold)
    return font


#: Latin fonts with ∂, ², subscripts and arrows at their natural width, tried before the
#: interface font: a CJK font draws "∂/∂x1" with full-width gaps.
MATH_FAMILIES = ("DejaVu Sans", "Segoe UI", "Helvetica Neue", "Noto Sans", "Liberation Sans")


def math_font(base: QFont) -> QFont:
    """``base`` with a math-capable Latin font first, its own families (CJK) as fallback."""
    font = QFont(base)
    font.setFamilies([*MATH_FAMILIES, *base.families()])
    return font


def set_stale_look(widgets: Iterable[QWidget], stale: bool) -> None:
    """Grey italic text on labels (keeps each label's own size and weight)."""
    for w in widgets:
        font = w.font()
        font.setItalic(stale)
        w.setFont(font)
        pal = w.palette()
        if stale:
            pal.setColor(QPalette.ColorRole.WindowText, STALE_FG)
            pal.setColor(QPalette.ColorRole.Text, STALE_FG)
        else:
            default = QApplication.palette(w)
            for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text):
                pal.setColor(role, default.color(role))
        w.setPalette(pal)
