"""Export formats: exact CSV (numpy and pandas read back the same bits), the spreadsheet
profile of the locale (de_DE: ';' and decimal commas, BOM, CRLF), TSV, Markdown, LaTeX,
NumPy/PyTorch literals (read back without eval), and atomic writes that fail cleanly."""

from __future__ import annotations

import csv
import io
import json
import os
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import jacdesk
from jacdesk import JacdeskError
from jacdesk.core.formats.plain import atomic_write, to_csv
from jacdesk.core.formats.tables import (
    spreadsheet_profile,
    system_locale_name,
    to_csv_exact,
    to_csv_spreadsheet,
    to_latex_bmatrix,
    to_markdown,
    to_numpy_literal,
    to_torch_literal,
    to_tsv,
)
from jacdesk.core.results.matrices import select

SPECIAL = [0.0, -0.0, 0.1, 1 / 3, -1e-300, 5e-324, 2.2250738585072014e-308,
           1.7976931348623157e308, 1e16, 123456789.123456789, np.pi, np.nextafter(1.0, 2.0)]  # fmt: skip
FINITE = hnp.arrays(
    np.float64,
    hnp.array_shapes(min_dims=2, max_dims=2, max_side=5),
    elements=st.floats(allow_nan=False, allow_infinity=False, width=64),
)


def _bits(a) -> bytes:
    return np.ascontiguousarray(a, dtype=np.float64).tobytes()


def _matrix_example():
    r = jacdesk.analyze("A @ X", {"X": [[1, 2], [3, 4]]}, {"A": [[0.1, 2], [3, 1 / 3]]},
                        symbolic=False)  # fmt: skip
    return select(r, "jacobian")


# -- exact CSV -------------------------------------------------------------------------------


def test_exact_csv_round_trips_through_numpy():
    a = np.array(SPECIAL).reshape(3, 4)
    text = to_csv_exact(a)
    assert text == to_csv(a)
    back = np.loadtxt(io.StringIO(text), delimiter=",", ndmin=2)
    assert _bits(back) == _bits(a)


@settings(max_examples=60, deadline=None)
@given(FINITE)
def test_exact_csv_round_trips_any_finite_matrix(a):
    back = np.loadtxt(io.StringIO(to_csv_exact(a)), delimiter=",", ndmin=2)
    assert _bits(back) == _bits(a)


def test_exact_csv_with_labels_reads_back_through_pandas():
    pd = pytest.importorskip("pandas")
    m = _matrix_example()
    frame = pd.read_csv(
        io.StringIO(to_csv_exact(m.data, m.row_labels, m.col_labels, m.corner)),
        index_col=0,
        float_precision="round_trip",
    )
    assert list(frame.columns) == list(m.col_labels)
    assert _bits(frame.to_numpy()) == _bits(m.data)


def test_labels_of_matrix_variables_are_quoted():
    m = _matrix_example()
    text = to_csv_exact(m.data, m.row_labels, m.col_labels, m.corner)
    assert (
        text.splitlines()[0]
        == '"numerator layout, row-major vec","X[0,0]","X[0,1]","X[1,0]","X[1,1]"'
    )
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][1:] == ["X[0,0]", "X[0,1]", "X[1,0]", "X[1,1]"]
    assert [r[0] for r in rows[1:]] == ["F[0,0]", "F[0,1]", "F[1,0]", "F[1,1]"]
    back = np.array([[float(c) for c in r[1:]] for r in rows[1:]])
    assert _bits(back) == _bits(m.data)


def test_text_grid_csv():
    grid = [["2*x1", "2"], ['a,"b"', "-sin(x2)"]]
    text = to_csv_exact(grid, ["f1", "f2"], ["x1", "x2"], "numerator layout, row-major vec")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [
        ["numerator layout, row-major vec", "x1", "x2"],
        ["f1", "2*x1", "2"],
        ["f2", 'a,"b"', "-sin(x2)"],
    ]


# -- the spreadsheet profile -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "profile"),
    [
        ("de_DE", (";", ",")),
        ("de_DE.UTF-8", (";", ",")),
        ("de-AT", (";", ",")),
        ("fr", (";", ",")),
        ("fr_CA.utf8", (";", ",")),
        ("pt_BR", (";", ",")),
        ("pt_PT", (";", ",")),
        ("ru_RU.UTF-8", (";", ",")),
        ("sr_RS@latin", (";", ",")),
        ("es_ES", (";", ",")),
        ("nb_NO", (";", ",")),
        ("en_US", (",", ".")),
        ("en_GB.UTF-8", (",", ".")),
        ("ja_JP", (",", ".")),
        ("zh_CN", (",", ".")),
        ("ko_KR", (",", ".")),
        ("he_IL", (",", ".")),
        ("th_TH", (",", ".")),
        ("de_CH", (",", ".")),
        ("es_MX", (",", ".")),
        ("C", (",", ".")),
        ("POSIX", (",", ".")),
        ("", (",", ".")),
    ],
)
def test_spreadsheet_profile(name, profile):
    assert spreadsheet_profile(name) == profile


def test_system_locale_name(monkeypatch):
    for key in ("LC_ALL", "LC_NUMERIC", "LANG"):
        monkeypatch.delenv(key, raising=False)
    assert system_locale_name() == "C"
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    assert spreadsheet_profile(system_locale_name()) == (";", ",")
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    assert spreadsheet_profile(system_locale_name()) == (",", ".")


def test_spreadsheet_csv_under_de_DE():
    separator, decimal = spreadsheet_profile("de_DE.UTF-8")
    m = _matrix_example()
    data = to_csv_spreadsheet(m.data, m.row_labels, m.col_labels, m.corner,
                              decimal=decimal, separator=separator)  # fmt: skip
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    lines = text.split("\r\n")
    assert lines[0] == "numerator layout, row-major vec;X[0,0];X[0,1];X[1,0];X[1,1]"
    assert lines[1] == "F[0,0];0,1;0,0;2,0;0,0"
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert [r[0] for r in rows[1:]] == list(m.row_labels)
    back = np.array([[float(c.replace(",", ".")) for c in r[1:]] for r in rows[1:]])
    assert _bits(back) == _bits(m.data)


@settings(max_examples=40, deadline=None)
@given(FINITE)
def test_spreadsheet_numbers_read_back_exactly(a):
    text = to_csv_spreadsheet(a).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert _bits(np.array([[float(c.replace(",", ".")) for c in r] for r in rows])) == _bits(a)


def test_spreadsheet_csv_under_en_US_quotes_labels_and_defuses_formulas():
    separator, decimal = spreadsheet_profile("en_US")
    grid = [["-2*x1", "=HYPERLINK(1)"], ["+x", "@sum"]]
    text = to_csv_spreadsheet(grid, ["f1", "f2"], ["X[0,1]", "x2"], "c",
                              decimal=decimal, separator=separator).decode("utf-8-sig")  # fmt: skip
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == ["c", "X[0,1]", "x2"]
    assert text.split("\r\n")[0] == 'c,"X[0,1]",x2'
    assert rows[1][1:] == ["'-2*x1", "'=HYPERLINK(1)"] and rows[2][1:] == ["'+x", "'@sum"]
    numbers = to_csv_spreadsheet([[1.5, -2.25]], decimal=".", separator=",")
    assert numbers == b"\xef\xbb\xbf1.5,-2.25\r\n"


def test_spreadsheet_refuses_an_ambiguous_profile():
    with pytest.raises(JacdeskError, match="separator"):
        to_csv_spreadsheet([[1.0]], decimal=",", separator=",")


# -- TSV, Markdown, LaTeX, literals ----------------------------------------------------------


def test_tsv_is_exact_and_labelled():
    m = _matrix_example()
    text = to_tsv(m.data, m.row_labels, m.col_labels, m.corner)
    lines = text.splitlines()
    assert lines[0] == "numerator layout, row-major vec\tX[0,0]\tX[0,1]\tX[1,0]\tX[1,1]"
    back = np.loadtxt(io.StringIO(text), delimiter="\t", skiprows=1,
                      usecols=range(1, 5), ndmin=2)  # fmt: skip
    assert _bits(back) == _bits(m.data)
    assert to_tsv([["a\tb", "c\nd"]]) == "a b\tc d\n"


def test_markdown():
    text = to_markdown(np.array([[2.0, 2.0], [3.0, 16.0]]), ["f1", "f2"], ["x1", "x2"], "J")
    assert text == (
        "| J | x1 | x2 |\n| --- | ---: | ---: |\n| f1 | 2.0 | 2.0 |\n| f2 | 3.0 | 16.0 |\n"
    )
    assert to_markdown([[0.1]]) == "|  |\n| ---: |\n| 0.1 |\n"
    assert to_markdown([["a|b"]], ["r"], ["c"]) == "|  | c |\n| --- | ---: |\n| r | a\\|b |\n"


def test_latex_bmatrix():
    assert to_latex_bmatrix(np.array([[2.0, 2.0], [3.0, 16.0]])) == (
        "\\begin{bmatrix}\n2 & 2 \\\\\n3 & 16\n\\end{bmatrix}"
    )
    assert to_latex_bmatrix([[0.1, 1e-05, float("nan"), -float("inf")]]) == (
        "\\begin{bmatrix}\n0.1 & 1 \\times 10^{-5} & \\mathrm{NaN} & -\\infty\n\\end{bmatrix}"
    )
    assert to_latex_bmatrix([["2 x_{1}", "2"], ["3", "8 x_{2}"]]) == (
        "\\begin{bmatrix}\n2 x_{1} & 2 \\\\\n3 & 8 x_{2}\n\\end{bmatrix}"
    )


def _read_literal(text: str, prefix: str, suffix: str) -> np.ndarray:
    """Read a literal back as data (never eval): strip the call, map the specials to JSON."""
    assert text.startswith(prefix) and text.endswith(suffix)
    body = text[len(prefix) : len(text) - len(suffix)]
    body = body.replace("float('nan')", "NaN").replace("float('-inf')", "-Infinity")
    body = body.replace("float('inf')", "Infinity")
    return np.array(json.loads(body), dtype=np.float64)


def test_numpy_literal():
    assert (
        to_numpy_literal(np.array([[2.0, 2.0], [3.0, 16.0]]))
        == "np.array([[2.0, 2.0], [3.0, 16.0]])"
    )
    a = np.array([*SPECIAL, np.nan, np.inf, -np.inf]).reshape(3, 5)
    back = _read_literal(to_numpy_literal(a), "np.array(", ")")
    assert np.array_equal(np.isnan(back), np.isnan(a))
    ok = ~np.isnan(a)
    assert _bits(back[ok]) == _bits(a[ok])
    assert to_numpy_literal(np.float64(0.1)) == "np.array(0.1)"
    assert to_numpy_literal([5.0, 18.0]) == "np.array([5.0, 18.0])"


def test_torch_literal():
    text = to_torch_literal(np.array([[2.0, 2.0], [3.0, 16.0]]))
    assert text == "torch.tensor([[2.0, 2.0], [3.0, 16.0]], dtype=torch.float64)"
    a = np.array(SPECIAL).reshape(2, 6)
    back = _read_literal(to_torch_literal(a), "torch.tensor(", ", dtype=torch.float64)")
    assert _bits(back) == _bits(a)
    assert re.fullmatch(r"torch\.tensor\(\[float\('nan'\)\], dtype=torch\.float64\)",
                        to_torch_literal([np.nan]))  # fmt: skip


def test_three_dimensional_arrays_are_refused():
    for fn in (to_csv_exact, to_markdown, to_tsv, to_latex_bmatrix, to_numpy_literal):
        with pytest.raises(JacdeskError):
            fn(np.zeros((2, 2, 2)))


# -- atomic writes that fail -----------------------------------------------------------------


def _leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "out.csv")


def test_a_failed_rename_leaves_the_previous_file(tmp_path, monkeypatch):
    target = tmp_path / "out.csv"
    target.write_text("previous\n")

    def refuse(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(
        JacdeskError, match=r"cannot write .*out\.csv: No space left on device; nothing was changed"
    ):
        atomic_write(target, to_csv_spreadsheet(np.eye(50)))
    assert target.read_text() == "previous\n"
    assert _leftovers(tmp_path) == []


def test_a_write_that_fails_halfway_leaves_the_previous_file(tmp_path, monkeypatch):
    target = tmp_path / "out.csv"
    target.write_text("previous\n")
    real_fdopen = os.fdopen

    class HalfWriter:
        def __init__(self, fh):
            self.fh = fh

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

        def write(self, data):
            self.fh.write(data[: len(data) // 2])  # half of it lands on disk, then the disk is full
            self.fh.flush()
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fdopen", lambda fd, mode: HalfWriter(real_fdopen(fd, mode)))
    with pytest.raises(JacdeskError, match="nothing was changed"):
        atomic_write(target, to_csv_exact(np.arange(1000.0).reshape(100, 10)))
    assert target.read_text() == "previous\n"
    assert _leftovers(tmp_path) == []
