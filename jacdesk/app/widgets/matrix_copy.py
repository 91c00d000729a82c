"""Text for the clipboard from a :class:`MatrixModel`: exact TSV and a LaTeX bmatrix."""

from __future__ import annotations

from collections.abc import Callable

from .matrix_model import MatrixModel

Box = tuple[int, int, int, int]  # top, left, bottom, right (inclusive)
Picked = Callable[[int, int], bool] | None  # None: every cell of the box
LATEX_SPECIAL = {"inf": "\\infty", "-inf": "-\\infty", "nan": "\\mathrm{NaN}"}


def tsv(model: MatrixModel, box: Box, picked: Picked = None) -> str:
    """Tab-separated exact values (``repr``), one line a row; unpicked cells stay empty."""
    top, left, bottom, right = box
    array = model.array()
    if array is not None and picked is None:
        block = array[top : bottom + 1, left : right + 1].tolist()
        return "\n".join("\t".join(map(repr, row)) for row in block)
    return "\n".join(
        "\t".join(
            model.exact_text(r, c) if picked is None or picked(r, c) else ""
            for c in range(left, right + 1)
        )
        for r in range(top, bottom + 1)
    )


def latex(model: MatrixModel, box: Box, picked: Picked = None) -> str:
    """``\\begin{bmatrix} … \\end{bmatrix}`` with the cells as displayed (or LaTeX forms)."""
    top, left, bottom, right = box
    forms = model.latex()

    def cell(r: int, c: int) -> str:
        if picked is not None and not picked(r, c):
            return ""
        if forms is not None:
            return forms[r][c]
        text = model.text(r, c)
        return LATEX_SPECIAL.get(text, text)

    body = " \\\\\n".join(
        " & ".join(cell(r, c) for c in range(left, right + 1)) for r in range(top, bottom + 1)
    )
    return f"\\begin{{bmatrix}}\n{body}\n\\end{{bmatrix}}"
