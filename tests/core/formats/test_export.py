"""Exact CSV that numpy reads back bit for bit; labels per RFC 4180; atomic file writes."""

from __future__ import annotations

import csv
import io
import os
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import jacdesk
from jacdesk import JacdeskError
from jacdesk.core.formats import plain as export
from jacdesk.core.formats.plain import atomic_write, exact, readable, to_csv, to_text_table
from jacdesk.core.results.matrices import select


def _same_bits(a: np.ndarray, b: np.ndarray) -> bool:
    """Equal bit for bit, except that every NaN counts as the same NaN."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        return False
    nan_a, nan_b = np.isnan(a), np.isnan(b)
    if not np.array_equal(nan_a, nan_b):
        return False
    return np.array_equal(a[~nan_a].view(np.uint64), b[~nan_b].view(np.uint64))


def _loadtxt(text: str, **kwargs) -> np.ndarray:
    return np.loadtxt(io.StringIO(text), delimiter=",", ndmin=2, **kwargs)


SPECIAL = [
    0.0,
    -0.0,
    0.1,
    1 / 3,
    2 / 3,
    -1e-300,
    5e-324,  # the smallest subnormal
    2.2250738585072014e-308,
    1.7976931348623157e308,
    -1.7976931348623157e308,
    1e16,
    123456789.123456789,
    np.pi,
    np.nextafter(1.0, 2.0),
    float("nan"),
    float("inf"),
    float("-inf"),
]


def test_special_values_round_trip():
    a = np.array(SPECIAL).reshape(1, -1)
    text = to_csv(a)
    assert _same_bits(_loadtxt(text), a)
    assert "nan" in text and "inf" in text and "-inf" in text


def test_exact_texts():
    assert exact(0.1) == "0.1"
    assert exact(1 / 3) == "0.3333333333333333"
    assert exact(float("nan")) == "nan"
    assert exact(float("-inf")) == "-inf"
    assert exact(-0.0) == "-0.0"
    assert float(exact(5e-324)) == 5e-324


def test_readable_texts():
    assert readable(26.0) == "26"
    assert readable(-2.0) == "-2"
    assert readable(1 / 3) == "0.3333333333"
    assert readable(float("inf")) == "inf"


@settings(max_examples=150, deadline=None)
@given(
    hnp.arrays(
        np.float64,
        hnp.array_shapes(min_dims=2, max_dims=2, max_side=6),
        elements=st.floats(allow_nan=True, allow_infinity=True, width=64),
    )
)
def test_matrix_round_trips_bit_for_bit(a):
    assert _same_bits(_loadtxt(to_csv(a)), a)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.floats(allow_nan=True, allow_infinity=True), min_size=1, max_size=8))
def test_vector_is_one_row(values):
    a = np.array(values)
    text = to_csv(a)
    assert text.count("\n") == 1
    assert _same_bits(_loadtxt(text)[0], a)


def test_scalar_is_one_cell():
    assert to_csv(np.float64(1 / 3)) == "0.3333333333333333\n"


def test_three_dimensional_array_is_refused():
    with pytest.raises(JacdeskError):
        to_csv(np.zeros((2, 2, 2)))


# -- labels ----------------------------------------------------------------------------------


def test_labels_for_matrix_variables_are_quoted():
    X = np.array([[1.0, 2.0], [3.0, 4.0]])
    r = jacdesk.analyze("X @ X", {"X": X}, symbolic=False)
    text = to_csv(r.jacobian, r.output_labels, r.input_labels)
    assert '"X[0,1]"' in text
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["", "X[0,0]", "X[0,1]", "X[1,0]", "X[1,1]"]
    assert [row[0] for row in rows[1:]] == ["F[0,0]", "F[0,1]", "F[1,0]", "F[1,1]"]
    data = np.array([[float(c) for c in row[1:]] for row in rows[1:]])
    assert _same_bits(data, r.jacobian)


@pytest.mark.parametrize("vec", ["row", "col"])
def test_labels_follow_the_vec_order(vec):
    X = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    r = jacdesk.analyze("sum(X * X)", {"X": X}, vec=vec, symbolic=False)
    rows = list(csv.reader(io.StringIO(to_csv(r.jacobian, r.output_labels, r.input_labels))))
    if vec == "row":
        assert rows[0][1:] == ["X[0,0]", "X[0,1]", "X[0,2]", "X[1,0]", "X[1,1]", "X[1,2]"]
        expected = 2 * X.reshape(-1)
    else:
        assert rows[0][1:] == ["X[0,0]", "X[1,0]", "X[0,1]", "X[1,1]", "X[0,2]", "X[1,2]"]
        expected = 2 * X.reshape(-1, order="F")
    assert rows[1][0] == "f"
    assert [float(c) for c in rows[1][1:]] == expected.tolist()


def test_labels_with_quotes_and_commas_round_trip():
    labels = ['a"b', "c,d", "plain", "new\nline"]
    text = to_csv(np.array([[1.0, 2.0, 3.0, 4.0]]), ["r,1"], labels)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["", *labels]
    assert rows[1][0] == "r,1"


def test_header_only_columns():
    text = to_csv(np.array([[1.0, 2.0]]), None, ["x1", "x2"])
    assert text == "x1,x2\n1.0,2.0\n"
    assert _loadtxt(text, skiprows=1).tolist() == [[1.0, 2.0]]


def test_tutorial_csv():
    r = jacdesk.analyze(["x1**2 + 2*x2", "3*x1 + 4*x2**2"], {"x1": 1, "x2": 2}, symbolic=False)
    assert to_csv(r.jacobian) == "2.0,2.0\n3.0,16.0\n"
    assert (
        to_csv(r.jacobian, r.output_labels, r.input_labels) == ",x1,x2\nf1,2.0,2.0\nf2,3.0,16.0\n"
    )


def test_selected_matrices():
    r = jacdesk.analyze(
        ["x1**2 + 2*x2", "3*x1 + 4*x2**2"], {"x1": 1, "x2": 2}, symbolic=False, hessian=True
    )
    assert select(r, "vjp").data.tolist() == [[5.0, 18.0]]
    assert select(r, "value").data.tolist() == [[5.0], [19.0]]
    assert select(r, "gradient:x1").data.tolist() == [[5.0]]
    assert select(r, "rows").data.tolist() == [[2.0, 2.0], [3.0, 16.0]]
    assert select(r, "hessian:2").data.tolist() == [[0.0, 0.0], [0.0, 8.0]]
    for bad in ("nope", "hessian", "hessian:3", "gradient:x9", "jacobian:1"):
        with pytest.raises(JacdeskError):
            select(r, bad)


def test_text_table_is_aligned():
    table = to_text_table(np.array([[2.0, 2.0], [3.0, 16.0]]), ["f1", "f2"], ["x1", "x2"])
    lines = table.splitlines()
    assert len(lines) == 3
    assert len({len(line) for line in lines}) == 1
    assert lines[2].split() == ["f2", "3", "16"]


# -- atomic writes ---------------------------------------------------------------------------


def _leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "out.csv")


def test_atomic_write_creates_and_replaces(tmp_path):
    target = tmp_path / "out.csv"
    atomic_write(target, "1.0,2.0\n")
    assert target.read_text() == "1.0,2.0\n"
    atomic_write(str(target), b"3.0\n")
    assert target.read_bytes() == b"3.0\n"
    assert _leftovers(tmp_path) == []


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_atomic_write_keeps_the_file_mode(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("old\n")
    target.chmod(0o640)
    atomic_write(target, "new\n")
    assert target.stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize("failing", ["replace", "fsync", "write"])
def test_failed_write_leaves_the_old_file(tmp_path, monkeypatch, failing):
    target = tmp_path / "out.csv"
    target.write_text("old content\n")

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    if failing == "write":
        real_fdopen = os.fdopen

        class HalfWriter:
            def __init__(self, fh):
                self.fh = fh

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.fh.close()
                return False

            def write(self, data):
                self.fh.write(data[: len(data) // 2])  # half of it lands, then the disk is full
                raise OSError(28, "No space left on device")

            def __getattr__(self, name):
                return getattr(self.fh, name)

        monkeypatch.setattr(export.os, "fdopen", lambda *a, **k: HalfWriter(real_fdopen(*a, **k)))
    else:
        monkeypatch.setattr(export.os, failing, boom)

    with pytest.raises(JacdeskError) as info:
        atomic_write(target, "new content that must not appear\n" * 100)
    assert "\n" not in str(info.value)
    assert "nothing was changed" in info.value.message
    assert target.read_text() == "old content\n"
    assert _leftovers(tmp_path) == []


def test_failed_first_write_creates_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(export.os, "replace", lambda *a: (_ for _ in ()).throw(OSError(5, "I/O")))
    with pytest.raises(JacdeskError):
        atomic_write(tmp_path / "out.csv", "x\n")
    assert list(tmp_path.iterdir()) == []


def test_missing_folder(tmp_path):
    with pytest.raises(JacdeskError) as info:
        atomic_write(tmp_path / "no" / "such" / "folder" / "out.csv", "x\n")
    assert "cannot write" in info.value.message


def test_parent_is_a_file(tmp_path):
    (tmp_path / "file").write_text("")
    with pytest.raises(JacdeskError):
        atomic_write(tmp_path / "file" / "out.csv", "x\n")


def test_target_is_a_folder(tmp_path):
    (tmp_path / "out.csv").mkdir()
    with pytest.raises(JacdeskError) as info:
        atomic_write(tmp_path / "out.csv", "x\n")
    assert "folder" in info.value.message
    assert (tmp_path / "out.csv").is_dir()


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root may write anywhere")
def test_unwritable_folder(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    (folder / "out.csv").write_text("old\n")
    folder.chmod(0o500)
    try:
        with pytest.raises(JacdeskError):
            atomic_write(folder / "out.csv", "new\n")
        assert (folder / "out.csv").read_text() == "old\n"
    finally:
        folder.chmod(0o700)


def test_unwritable_folder_as_seen_by_mkstemp(tmp_path, monkeypatch):
    """Runs as root too: the OS refusal arrives from mkstemp, as it would in a locked folder."""

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(export.tempfile, "mkstemp", denied)
    (tmp_path / "out.csv").write_text("old\n")
    with pytest.raises(JacdeskError) as info:
        atomic_write(tmp_path / "out.csv", "new\n")
    assert "Permission denied" in info.value.message
    assert (tmp_path / "out.csv").read_text() == "old\n"
