"""Screens of the typeset equations, as a learner sees them: the J tab reads like the seed's
eq. 2 and the Backward lab like its eqs. 3–6, in English and 简体中文, at 1024×640 and
1600×1000. Each screen is saved (JACDESK_SCREENS=folder keeps them to look at)."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QRect

from jacdesk.app.system.i18n import install_translator
from jacdesk.app.window.main_window import MainWindow

SEED_J = (
    r"= {\begin{bmatrix}2 x_{1} & 2 \\ 3 & 8 x_{2}\end{bmatrix}}"
    r" = {\begin{bmatrix}2 & 2 \\ 3 & 16\end{bmatrix}}"
)
SEED_BACKWARD = r"= {\begin{bmatrix}5 & 18\end{bmatrix}} = \left(\texttt{x1.grad}"


def _painted(image, rect: QRect) -> int:
    """Pixels in ``rect`` darker than the background: the formula's ink."""
    part = image.copy(rect).convertToFormat(image.Format.Format_Grayscale8)
    rows = np.frombuffer(part.constBits(), np.uint8).reshape(part.height(), -1)
    return int(np.count_nonzero(rows[:, : part.width()] < 128))


@pytest.mark.parametrize("size", [(1024, 640), (1600, 1000)])
@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_j_tab_and_the_backward_lab_read_like_the_seed(
    qtbot, qapp, language, size, monkeypatch, tmp_path
):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    keep = Path(os.environ.get("JACDESK_SCREENS", tmp_path))
    install_translator(qapp, language)
    try:
        win = MainWindow(restore=False)
        qtbot.addWidget(win)
        win.resize(*size)
        win.show()
        qtbot.waitExposed(win)
        qtbot.waitUntil(
            lambda: (r := win.controller.last_result) is not None and r.symbolic is not None,
            timeout=60_000,
        )
        for tab, expected in (("J", SEED_J), ("Backward lab", SEED_BACKWARD)):
            view = win.tabs.view(tab)
            win.tabs.setCurrentWidget(view)
            equation = view.equation
            qtbot.waitUntil(lambda e=equation: e.picture() is not None, timeout=20_000)
            assert expected in equation.latex()
            qtbot.waitUntil(lambda e=equation: e.isVisible() and e.height() > 40, timeout=5_000)
            shot = win.grab().toImage()
            shot.save(str(keep / f"{language}_{size[0]}x{size[1]}_{tab.replace(' ', '_')}.png"))
            where = QRect(equation.mapTo(win, QPoint(0, 0)), equation.size())
            # the whole formula is inside the window and drawn, not clipped or blank
            assert QRect(0, 0, *size).contains(where), (tab, where)
            picture = equation.picture().image
            assert picture.width() / picture.devicePixelRatio() <= where.width() + 1
            assert _painted(shot, where) > 200, tab
        assert (win.width(), win.height()) == size
    finally:
        install_translator(qapp, "en")
