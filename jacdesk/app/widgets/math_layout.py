"""A long equation as pieces: ``a = b = c, \\quad d \\\\ e = f`` is laid out piece by piece and
the pictures are put side by side on a common baseline.

Laying out LaTeX costs time in proportion to its size, and a live equation changes one piece
at a time (the numbers move with the point; f, ∂f_i/∂x_j and the symbolic J stay), so each
piece is drawn once and kept; only what changed is drawn again.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter

#: Top-level separators, longest first: (text, what stands between the pieces).
SEPARATORS = ((r", \quad ", ","), (" = ", "="))
LINE_BREAK = r" \\ "
RELATION_SPACE = 0.28  # em either side of "=" (TeX's thick space, 5/18 em)
QUAD = 1.0  # em after the comma of ", \quad"
LINE_GAP = 0.35  # em between lines


@dataclass(frozen=True)
class Glyphs:
    """A drawn piece: its image and the baseline's distance from its top, in pixels."""

    image: QImage
    baseline: float


def _top_level(latex: str, sep: str) -> list[str]:
    """``latex`` split at ``sep`` where it is outside every brace and environment."""
    parts, depth, start, i, n = [], 0, 0, 0, len(latex)
    while i < n:
        if depth == 0 and latex.startswith(sep, i):
            parts.append(latex[start:i])
            i += len(sep)
            start = i
            continue
        if latex.startswith(r"\begin", i) or latex.startswith(r"\end", i):
            depth += 1 if latex[i + 1] == "b" else -1
            i += 4
            continue
        c = latex[i]
        if c == "\\" and i + 1 < n and latex[i + 1] in "{}\\":
            i += 2  # \{, \} and a line break inside a matrix do not nest
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        i += 1
    parts.append(latex[start:])
    return parts


def split(latex: str) -> list[list[tuple[str, str]]]:
    """Lines of (piece, separator after it): ``a = b, \\quad c`` → [[(a, "="), (b, ","),
    (c, "")]]. A formula with no top-level separator is one piece."""
    lines = []
    for line in _top_level(latex, LINE_BREAK):
        pieces: list[tuple[str, str]] = [(line, "")]
        for text, mark in SEPARATORS:
            out: list[tuple[str, str]] = []
            for piece, after in pieces:
                parts = _top_level(piece, text)
                out += [(p, mark) for p in parts[:-1]] + [(parts[-1], after)]
            pieces = out
        lines.append(pieces)
    return lines


def compose(lines: list[list[tuple[Glyphs, float]]], em: float, ratio: float) -> QImage:
    """Pictures side by side on their baseline, each followed by a gap (in em); lines under
    each other, left-aligned."""
    laid = []
    for row in lines:
        up = max((g.baseline for g, _ in row), default=0.0)
        down = max((g.image.height() - g.baseline for g, _ in row), default=0.0)
        width = sum(g.image.width() + gap * em * ratio for g, gap in row)
        laid.append((row, up, down, width))
    gap = LINE_GAP * em * ratio
    w = max(1, math.ceil(max((x[3] for x in laid), default=1)))
    h = max(1, math.ceil(sum(x[1] + x[2] for x in laid) + gap * (len(laid) - 1)))
    image = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    y = 0.0
    for row, up, down, _ in laid:
        x = 0.0
        for g, after in row:
            src = QRectF(0, 0, g.image.width(), g.image.height())  # in device pixels
            painter.drawImage(
                QRectF(x, y + up - g.baseline, src.width(), src.height()), g.image, src
            )
            x += g.image.width() + after * em * ratio
        y += up + down + gap
    painter.end()
    image.setDevicePixelRatio(ratio)
    return image
