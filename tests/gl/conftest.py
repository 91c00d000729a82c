"""GL tests need a real X server: ``xvfb-run -a python -m pytest tests/gl``.

Qt fixes its platform when the first QApplication is made (pytest-qt makes one per session).
With a DISPLAY these tests want xcb, so this sets it before any application exists. When
tests/app, which chooses offscreen, is collected in the same session first, its choice stands:
the in-process GL tests then skip and ``test_gl_checks_in_a_fresh_process`` reruns them on xcb.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_CONFTEST = Path(__file__).resolve().parents[1] / "app" / "conftest.py"


def pytest_configure(config) -> None:
    from PySide6.QtWidgets import QApplication

    if not os.environ.get("DISPLAY") or QApplication.instance() is not None:
        return
    offscreen_tests_collected = any(
        Path(getattr(p, "__file__", "") or "").resolve() == APP_CONFTEST
        for p in config.pluginmanager.get_plugins()
    )
    if not offscreen_tests_collected:
        os.environ["QT_QPA_PLATFORM"] = "xcb"
