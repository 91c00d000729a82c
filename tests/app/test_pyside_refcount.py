"""Regression guard for the PySide6 6.12.0 reference-count bug on CPython 3.11.

With PySide6 6.12.0, every QLabel.setText / QWidget.update / signal emission dropped one
reference to None (and to True/False passed as arguments). After a few thousand calls
CPython 3.11 aborts with "Fatal Python error: none_dealloc: deallocating None". Python
3.12+ makes None/True immortal, so there the counts are constant and the test still passes.
"""

from __future__ import annotations

import gc
import os
import subprocess
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import PySide6
import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

ROUNDS = 12_500  # 8 Qt calls per round: 100k calls in all
SLACK = 100  # unrelated objects may come and go while the loop runs


class _Emitter(QObject):
    fired = Signal(object)


def _refcounts() -> tuple[int, int, int]:
    gc.collect()
    return sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)


def test_pyside6_is_not_the_broken_release() -> None:
    if sys.version_info >= (3, 12):
        pytest.skip("None/True are immortal on Python 3.12+; 6.12.0 cannot crash there")
    assert tuple(PySide6.__version_info__[:3]) != (6, 12, 0), (
        f"PySide6 {PySide6.__version__} crashes CPython 3.11 (deallocating None); "
        "pyproject pins PySide6-Essentials<6.12 for Python<3.12"
    )


def test_qt_calls_do_not_leak_or_drop_none_and_bool_references() -> None:
    # A fresh interpreter: in the shared test process, earlier tests' widgets and threads are
    # freed while the loop runs and take their references to None with them.
    proc = subprocess.run(
        [sys.executable, __file__],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.strip() == "ok"


def _measure() -> None:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    root = QWidget()
    label = QLabel("start", root)
    layout = QVBoxLayout(root)
    layout.addWidget(label)
    root.show()

    received: list[object] = []

    def slot(value: object) -> None:
        # Keep only a bounded number so the list itself does not hold thousands of refs.
        if len(received) < 4:
            received.append(value)

    emitter = _Emitter()
    emitter.fired.connect(slot)
    texts = [f"J[{i}]" for i in range(16)]
    app.processEvents()

    before = _refcounts()
    for i in range(ROUNDS):
        label.setText(texts[i & 15])
        label.update()
        root.setEnabled(False)
        root.setEnabled(True)
        label.setToolTip(texts[(i + 1) & 15])
        emitter.fired.emit(None)
        emitter.fired.emit(True)
        root.update()
    app.processEvents()  # let queued paint events through
    assert received == [None, True, None, True]
    received.clear()
    after = _refcounts()

    for name, b, a in zip(("None", "True", "False"), before, after, strict=True):
        assert a >= b - SLACK, (
            f"sys.getrefcount({name}) fell from {b} to {a} over {ROUNDS * 8} Qt calls: "
            "this PySide6 drops references (the 6.12.0 bug); pin a release without it"
        )
    print("ok")


if __name__ == "__main__":
    _measure()
