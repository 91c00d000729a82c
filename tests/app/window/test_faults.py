"""Faults at the edges: a full or read-only disk at save and autosave, a corrupted autosave at
start. Each ends with one line for the user and the previous file intact; nothing crashes."""

from __future__ import annotations

import errno
import os

import pytest
from PySide6.QtWidgets import QMessageBox

from jacdesk.app.state.autosave import Autosave
from jacdesk.app.window.main_window import MainWindow
from jacdesk.core.errors import JacdeskError
from jacdesk.core.sessions.session import Session, load_session, save_session

SEED = Session(expressions=("x1**2 + 2*x2", "3*x1 + 4*x2**2"), variables={"x1": 1.0, "x2": 2.0})


def _no_space(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize("fault", ["full", "read-only"])
def test_a_failed_save_says_so_in_one_line_and_keeps_the_old_file(tmp_path, monkeypatch, fault):
    path = tmp_path / "work.jacdesk"
    save_session(SEED, path)
    before = path.read_bytes()
    if fault == "full":
        monkeypatch.setattr(os, "fsync", _no_space)
    else:
        monkeypatch.setattr(
            "tempfile.mkstemp",
            lambda *a, **k: (_ for _ in ()).throw(
                PermissionError(errno.EACCES, "Permission denied")
            ),
        )
    changed = Session(expressions=("x1 * x2",), variables={"x1": 1.0, "x2": 2.0})
    with pytest.raises(JacdeskError) as err:
        save_session(changed, path)
    assert "\n" not in str(err.value) and str(err.value)
    assert path.read_bytes() == before
    assert load_session(path) == SEED
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]  # no debris


def test_autosave_on_a_full_disk_never_raises(tmp_path, monkeypatch):
    saver = Autosave(tmp_path / "data")
    saver.start()
    assert saver.write(SEED.to_json())
    before = saver.file.read_bytes()
    monkeypatch.setattr(os, "fsync", _no_space)
    assert saver.write(SEED.to_json().replace("x1**2", "x1**3")) is False
    assert saver.file.read_bytes() == before  # the previous autosave is intact


def test_a_corrupted_autosave_at_start_is_reported_and_the_window_works(
    qtbot, tmp_path, monkeypatch
):
    data = tmp_path / "data"
    data.mkdir()
    (data / "autosave.jacdesk").write_text('{"format": "jacdesk-session", "vers', encoding="utf-8")
    monkeypatch.setenv("JACDESK_DATA_DIR", str(data))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "warning", lambda _w, _t, text, *a: warnings.append(text))
    w = MainWindow(restore=False)
    qtbot.addWidget(w)
    w.show()
    w.recover_or_restore()
    assert len(warnings) == 1 and "\n" not in warnings[0]
    qtbot.waitUntil(lambda: w.controller.last_result is not None, timeout=60_000)
    assert w.controller.last_result.jacobian.tolist() == [[2.0, 2.0], [3.0, 16.0]]
    w.close()
