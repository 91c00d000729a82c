"""Export all: every matrix as exact labelled CSV, the session copy and session.json."""

from __future__ import annotations

import csv
import io
import json
import os

import numpy as np
import pytest

from jacdesk import JacdeskError
from jacdesk.core.results.matrices import select
from jacdesk.core.sessions.bundle import export_all, matrix_files
from jacdesk.core.sessions.session import Session, load_session

TUTORIAL = Session(("x1**2 + 2*x2", "3*x1 + 4*x2**2"), {"x1": 1.0, "x2": 2.0}, symbolic=False)


def _read(path) -> tuple[list[str], list[str], np.ndarray]:
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8"))))
    data = np.array([[float(c) for c in r[1:]] for r in rows[1:]])
    return rows[0], [r[0] for r in rows[1:]], data


def _bits(a) -> bytes:
    return np.ascontiguousarray(a, dtype=np.float64).tobytes()


def test_tutorial_bundle(tmp_path):
    result = TUTORIAL.analyze()
    folder = tmp_path / "new" / "bundle"
    paths = export_all(TUTORIAL, result, folder)
    names = [p.name for p in paths]
    assert names == [
        "jacobian.csv", "value.csv", "vjp.csv", "jvp.csv", "rows_by_backward.csv",
        "gradient_x1.csv", "gradient_x2.csv", "session.jacdesk", "session.json",
    ]  # fmt: skip
    assert sorted(p.name for p in folder.iterdir()) == sorted(names)  # no temp files left
    assert (folder / "jacobian.csv").read_text() == (
        '"numerator layout, row-major vec",x1,x2\nf1,2.0,2.0\nf2,3.0,16.0\n'
    )
    assert (folder / "vjp.csv").read_text() == "row-major vec,x1,x2\nv^T J,5.0,18.0\n"
    assert load_session(folder / "session.jacdesk") == TUTORIAL
    info = json.loads((folder / "session.json").read_text("utf-8"))
    assert info["expressions"] == list(TUTORIAL.expressions)
    assert info["point"] == {"x1": 1.0, "x2": 2.0}
    assert info["conventions"]["vec"] == "row" and info["conventions"]["layout"] == "numerator"
    assert info["conventions"]["statement"] == result.conventions
    assert set(info["versions"]) == {"jacdesk", "python", "torch", "numpy", "sympy"}
    assert info["files"] == names[:-1]


def test_matrix_bundle_reads_back_bit_for_bit(tmp_path):
    rng = np.random.default_rng(3)
    s = Session(
        ("A @ X @ B",),
        {"X": rng.standard_normal((2, 3))},
        {"A": rng.standard_normal((2, 2)), "B": rng.standard_normal((3, 3))},
        vec="col",
        layout="denominator",
        hessian=True,
        symbolic=False,
    )
    r = s.analyze()
    names = {p.name for p in export_all(s, r, tmp_path)}
    assert {"kronecker_col.csv", "kronecker_row.csv", "gradient_X.csv"} <= names
    assert {f"hessian_{k}.csv" for k in range(1, 7)} <= names
    head, rows, data = _read(tmp_path / "jacobian.csv")
    m = select(r, "jacobian")
    assert head == ["denominator layout, column-major vec", *m.col_labels]
    assert rows == list(m.row_labels) and rows[:2] == ["X[0,0]", "X[1,0]"]
    assert _bits(data) == _bits(r.jacobian.T)
    head, rows, data = _read(tmp_path / "kronecker_col.csv")
    assert head[0] == f"{r.kronecker.formula_col}, column-major vec"
    assert rows[:2] == ["F[0,0]", "F[1,0]"] and head[1:3] == ["X[0,0]", "X[1,0]"]
    assert _bits(data) == _bits(r.kronecker.kron_col)
    head, rows, data = _read(tmp_path / "gradient_X.csv")
    assert _bits(data) == _bits(r.gradients["X"])


def test_scalar_hessian_and_symbolic_files(tmp_path):
    s = Session(("x1**2 * x2",), {"x1": 1.0, "x2": 2.0}, hessian=True, symbolic=True)
    r = s.analyze(symbolic_timeout=60)
    files = matrix_files(r)
    assert "hessian.csv" in files
    if r.symbolic is None or r.symbolic.jacobian_text is None:
        pytest.skip("no symbolic J here")
    rows = list(csv.reader(io.StringIO(files["jacobian_symbolic.csv"])))
    assert rows == [["numerator layout, row-major vec", "x1", "x2"], ["f", "2*x1*x2", "x1**2"]]


def test_extra_files_and_bad_names(tmp_path):
    r = TUTORIAL.analyze()
    paths = export_all(TUTORIAL, r, tmp_path / "a", {"plot_grid.csv": "x,y\n1,2\n"})
    assert (tmp_path / "a" / "plot_grid.csv").read_text() == "x,y\n1,2\n"
    info = json.loads((tmp_path / "a" / "session.json").read_text())
    assert "plot_grid.csv" in info["files"] and paths[-1].name == "session.json"
    for bad in ("../escape.csv", "sub/x.csv", "a\\b.csv", ".hidden", "", "jacobian.csv",
                "session.json"):  # fmt: skip
        with pytest.raises(JacdeskError):
            export_all(TUTORIAL, r, tmp_path / "b", {bad: "x"})
        assert not (tmp_path / "b").exists()  # refused before anything was written
    assert not (tmp_path / "escape.csv").exists()


def test_a_folder_that_cannot_be_made(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(JacdeskError, match="cannot create the folder"):
        export_all(TUTORIAL, TUTORIAL.analyze(), tmp_path / "file" / "sub")


def test_a_failing_write_keeps_the_previous_files(tmp_path, monkeypatch):
    r = TUTORIAL.analyze()
    export_all(TUTORIAL, r, tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    other = Session(TUTORIAL.expressions, {"x1": 3.0, "x2": 4.0}, symbolic=False)
    calls = []
    real = os.replace

    def flaky(src, dst):
        calls.append(dst)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        real(src, dst)

    monkeypatch.setattr(os, "replace", flaky)
    with pytest.raises(JacdeskError, match="nothing was changed"):
        export_all(other, other.analyze(), tmp_path)
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert set(after) == set(before)  # no temp files left behind
    assert after["vjp.csv"] == before["vjp.csv"]  # the third file kept its old contents whole
    assert after["jacobian.csv"] != before["jacobian.csv"]  # the first two were replaced
