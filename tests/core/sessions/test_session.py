"""Session files: save → load gives the same session and the same analysis bit for bit; every
broken or hostile file (tests/data/sessions_bad, plus huge ones made here) is refused with one
line naming the file, and nothing is run or changed."""

from __future__ import annotations

import builtins
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import jacdesk.core.engine  # noqa: F401  (with layout, imported before the spies below)
from jacdesk import JacdeskError
from jacdesk.core.sessions.session import (
    MAX_FILE_BYTES,
    SCHEMA_VERSION,
    SUFFIX,
    Session,
    load_session,
    save_session,
    session_from_args,
    session_from_json,
)
from jacdesk.core.sessions.strict_json import MAX_VIEW_BYTES

DATA = Path(__file__).resolve().parents[2] / "data"
BAD = sorted((DATA / "sessions_bad").glob("*.jacdesk"))
TUTORIAL = ("x1**2 + 2*x2", "3*x1 + 4*x2**2")
TRICKY = [0.1, 1 / 3, -0.0, 5e-324, 1.7976931348623157e308, -2.2250738585072014e-308, np.pi]


def _bits(a: np.ndarray) -> bytes:
    return np.ascontiguousarray(a, dtype=np.float64).tobytes()


def _same_result(a, b) -> None:
    """Two analyses agree in every number, bit for bit, and in their JSON."""
    assert json.dumps(a.to_dict()) == json.dumps(b.to_dict())
    for name in ("value", "jacobian", "v", "vjp", "u", "jvp", "rows_by_backward", "hessian"):
        x, y = getattr(a, name), getattr(b, name)
        assert (x is None) == (y is None), name
        if x is not None:
            assert x.shape == y.shape and _bits(x) == _bits(y), name
    for k in a.gradients:
        assert _bits(a.gradients[k]) == _bits(b.gradients[k])


def _round_trip(session: Session, tmp_path: Path) -> Session:
    path = tmp_path / f"s{SUFFIX}"
    save_session(session, path)
    return load_session(path)


# -- round trips ------------------------------------------------------------------------------


def test_tutorial_round_trip(tmp_path):
    s = session_from_args(TUTORIAL, [("x1", "1"), ("x2", "2")], symbolic=False)
    loaded = _round_trip(s, tmp_path)
    assert loaded == s
    r = loaded.analyze()
    assert r.jacobian.tolist() == [[2.0, 2.0], [3.0, 16.0]]
    assert r.vjp.tolist() == [5.0, 18.0]
    _same_result(r, s.analyze())


def test_matrix_session_round_trips_bit_for_bit(tmp_path):
    rng = np.random.default_rng(0)
    X = rng.standard_normal((2, 3))
    X.flat[:4] = TRICKY[:4]
    s = Session(
        expressions=("A @ X @ B + c * x[0] * X",),
        variables={"X": X, "x": [0.5, -0.25, 2.0]},
        constants={"A": [[1.0, 2.0], [3.0, 4.5]], "B": rng.standard_normal((3, 3)), "c": 1 / 7},
        vec="col",
        layout="denominator",
        hessian=True,
        symbolic=False,
        v=rng.standard_normal(6),
        u=rng.standard_normal(9),
        view={"digits": 6, "tab": "J", "plot": {"range": [-3.5, 3], "on": True, "c": None}},
    )
    loaded = _round_trip(s, tmp_path)
    assert loaded == s
    assert list(loaded.variables) == ["X", "x"] and list(loaded.constants) == ["A", "B", "c"]
    assert _bits(loaded.variables["X"]) == _bits(X)
    assert not loaded.variables["X"].flags.writeable
    assert loaded.view == s.view
    _same_result(loaded.analyze(), s.analyze())


def test_tricky_floats_and_order_survive(tmp_path):
    s = Session(
        ("sum(b) * a1 + z",),
        {"z": 1.0, "b": TRICKY, "a1": -0.0},
        v=[2.5],
        u=[1.0] * (len(TRICKY) + 2),
        symbolic=False,
    )
    loaded = _round_trip(s, tmp_path)
    assert list(loaded.variables) == ["z", "b", "a1"]
    assert _bits(loaded.variables["b"]) == _bits(np.array(TRICKY))
    assert np.signbit(loaded.variables["a1"])  # -0.0 stays -0.0
    assert loaded == s


def test_equality_is_bitwise_and_by_order():
    a = Session(("x + y",), {"x": 0.0, "y": 1.0})
    assert a == Session(("x + y",), {"x": 0.0, "y": 1.0})
    assert a != Session(("x + y",), {"x": -0.0, "y": 1.0})
    assert a != Session(("x + y",), {"y": 1.0, "x": 0.0})
    assert a != Session(("x + y",), {"x": 0.0, "y": 1.0}, view={"digits": 3})


def test_file_format_is_plain_versioned_json(tmp_path):
    s = session_from_args(TUTORIAL, {"x1": "pi/4", "x2": 2}, v="[1, 0]")
    path = tmp_path / "no_suffix"
    save_session(s, path)
    assert path.is_file() and not (tmp_path / f"no_suffix{SUFFIX}").exists()
    doc = json.loads(path.read_text("utf-8"))
    assert doc["format"] == "jacdesk-session" and doc["schema"] == SCHEMA_VERSION == 1
    assert doc["variables"][0] == {"name": "x1", "shape": [], "value": np.pi / 4}
    assert doc["conventions"] == {"vec": "row", "layout": "numerator"}
    assert doc["options"] == {"hessian": False, "symbolic": True}
    assert doc["v"] == [1.0, 0.0] and doc["u"] is None
    assert "jacdesk" in doc["saved_by"]


def test_checked_in_session_with_unknown_keys_loads():
    s = load_session(DATA / "tutorial.jacdesk")
    assert s.expressions == TUTORIAL and s.view == {"digits": 4}
    r = s.analyze(symbolic=False)
    assert r.jacobian.tolist() == [[2.0, 2.0], [3.0, 16.0]] and r.vjp.tolist() == [5.0, 18.0]


def test_a_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "bom.jacdesk"
    path.write_bytes(b"\xef\xbb\xbf" + (DATA / "tutorial.jacdesk").read_bytes())
    assert load_session(path).expressions == TUTORIAL


def test_session_checks_what_it_is_given():
    with pytest.raises(JacdeskError, match="nan or inf"):
        Session(("x",), {"x": float("nan")})
    with pytest.raises(JacdeskError, match="view"):
        Session(("x",), {"x": 1.0}, view={"bad": {1, 2}})
    with pytest.raises(JacdeskError, match="finite"):
        Session(("x",), {"x": 1.0}, view={"zoom": float("inf")})
    with pytest.raises(JacdeskError, match="both"):
        Session(("x",), {"x": 1.0}, {"x": 2.0})
    with pytest.raises(JacdeskError, match="vec"):
        Session(("x",), {"x": 1.0}, vec="diagonal")
    assert Session(("x",), {"x": 1.0}, view={"size": (1, 2)}).view == {"size": [1, 2]}


def test_saving_what_could_not_be_read_back_is_refused(tmp_path):
    path = tmp_path / "big.jacdesk"
    path.write_text("previous\n")
    big = np.random.default_rng(1).standard_normal((600, 400))  # ~ 4.6 MB of digits
    with pytest.raises(JacdeskError, match="nothing was changed"):
        save_session(Session(("sum(X)",), {"X": big}), path)
    assert path.read_text() == "previous\n"


def test_saving_a_session_that_would_not_load_is_refused(tmp_path):
    path = tmp_path / "s.jacdesk"
    path.write_text("previous\n")
    for broken, words in [
        (Session(("x1 +",), {"x1": 1.0}), "cannot save s.jacdesk: expression 1, column 5"),
        (Session(("x1 + y",), {"x1": 1.0}), "'y' has no value"),
        (Session(), "1 to 1,000 expressions"),
        (Session(("2",), {}), "at least one variable"),
    ]:
        with pytest.raises(JacdeskError) as info:
            save_session(broken, path)
        assert words in str(info.value) and str(info.value).endswith("nothing was changed")
    assert path.read_text() == "previous\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.jacdesk"]


def test_analyze_options_pass_through_and_override():
    s = Session(TUTORIAL, {"x1": 1.0, "x2": 2.0}, symbolic=True)
    r = s.analyze(symbolic=False, rows=False)
    assert r.symbolic is None and r.rows_by_backward is None


# -- refused files ----------------------------------------------------------------------------


def _refused(path: Path) -> str:
    before = {p.name: p.read_bytes() for p in path.parent.iterdir() if p.is_file()}
    with pytest.raises(JacdeskError) as info:
        load_session(path)
    message = str(info.value)
    assert "\n" not in message and len(message) < 400, message
    assert message.startswith(path.name), message
    assert "Traceback" not in message
    after = {p.name: p.read_bytes() for p in path.parent.iterdir() if p.is_file()}
    assert after == before  # nothing written, nothing changed
    return message


@pytest.fixture
def no_code_runs(monkeypatch):
    """Loading a file must never reach Python's code paths or the shell."""

    def spy(name):
        def called(*args, **kwargs):
            raise AssertionError(f"{name} was called while loading a session")

        return called

    for name in ("eval", "exec"):
        monkeypatch.setattr(builtins, name, spy(name))
    monkeypatch.setattr(os, "system", spy("os.system"))
    monkeypatch.setattr(subprocess, "Popen", spy("subprocess.Popen"))


def test_the_corpus_is_there():
    assert len(BAD) >= 100


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_bad_file_is_refused(path, no_code_runs):
    _refused(path)


@pytest.mark.parametrize(
    ("stem", "words"),
    [
        ("future_schema", "made by a newer jacdesk (schema 2); this version reads schema 1"),
        ("schema_zero", "schema 0 does not exist"),
        ("hostile_import", "expression 1, column 12"),
        ("hostile_dunder_class", "expression 1"),
        ("deep_parentheses_short", "nests deeper"),
        ("long_expression", "the limit is 10,000"),
        ("truncated", "cut short"),
        ("non_utf8", "not UTF-8"),
        ("nan_literal", "NaN is not allowed"),
        ("overflow_1e999", "too large for float64"),
        ("deep_nesting_arrays", "nested too deeply"),
        ("duplicate_variable", "used twice"),
        ("duplicate_variable_constant", "used twice"),
        ("name_function", "is a function name"),
        ("name_dunder", "cannot be a variable name"),
        ("shape_mismatch", "declared with shape [3] but its value has shape [2]"),
        ("unknown_name", "'y' has no value"),
        ("top_level_array", "not a JSON object"),
        ("no_format", "not a jacdesk session file"),
        ("no_expressions", "no 'expressions'"),
        ("v_wrong_length", "one entry per output"),
    ],
)
def test_messages_say_what_is_wrong(stem, words):
    assert words in _refused(DATA / "sessions_bad" / f"{stem}.jacdesk")


def _write(tmp_path: Path, name: str, doc: dict) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def _doc(**changes) -> dict:
    doc = json.loads((DATA / "tutorial.jacdesk").read_text("utf-8"))
    doc.update(changes)
    return doc


def test_huge_file_is_refused_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "huge.jacdesk"
    with path.open("wb") as fh:
        fh.truncate(MAX_FILE_BYTES + 1)  # sparse: no megabytes written
    monkeypatch.setattr(Path, "open", lambda *a, **k: pytest.fail("the file was opened"))
    with pytest.raises(
        JacdeskError, match=r"huge.jacdesk is 4,000,001 bytes; .* at most 4,000,000"
    ):
        load_session(path)


def test_huge_matrix_is_refused(tmp_path):
    row = [0] * 1001
    path = _write(
        tmp_path,
        "matrix.jacdesk",
        _doc(
            expressions=["sum(X)"],
            variables=[{"name": "X", "shape": [1001, 1001], "value": [row] * 1001}],
        ),
    )
    assert "the limit is 1,000,000" in _refused(path)


def test_too_many_numbers_in_total_are_refused(tmp_path):
    values = [
        {"name": n, "shape": [600_000], "value": [0] * 600_000} for n in ("a", "b")
    ]  # each under the per-value limit, both over the total
    path = _write(
        tmp_path, "total.jacdesk", _doc(expressions=["sum(a) + sum(b)"], variables=values)
    )
    assert "1,200,000 numbers" in _refused(path)


def test_too_many_expressions_or_names_are_refused(tmp_path):
    path = _write(tmp_path, "exprs.jacdesk", _doc(expressions=["x1"] * 1001))
    assert "1 to 1,000 expressions" in _refused(path)
    names = [{"name": f"x{k}", "shape": [], "value": 1} for k in range(1001)]
    path = _write(tmp_path, "names.jacdesk", _doc(variables=names))
    assert "limit of 1,000" in _refused(path)


def test_huge_expression_and_view_are_refused(tmp_path):
    path = _write(tmp_path, "expr.jacdesk", _doc(expressions=["x1+" * 33_333 + "x2"]))
    assert "the limit is 10,000" in _refused(path)
    path = _write(tmp_path, "view.jacdesk", _doc(view={"note": "x" * (MAX_VIEW_BYTES + 1)}))
    assert f"the limit is {MAX_VIEW_BYTES:,}" in _refused(path)


def test_very_deep_nesting_is_refused(tmp_path):
    path = tmp_path / "deep.jacdesk"
    path.write_text('{"format": "jacdesk-session", "x": ' + "[" * 200_000 + "]" * 200_000 + "}")
    assert "nested too deeply" in _refused(path)


def test_folders_missing_files_and_fifos(tmp_path):
    with pytest.raises(JacdeskError, match="is a folder"):
        load_session(tmp_path)
    with pytest.raises(JacdeskError, match="no such file"):
        load_session(tmp_path / "missing.jacdesk")
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.jacdesk")
        with pytest.raises(JacdeskError, match="not a regular file"):
            load_session(tmp_path / "pipe.jacdesk")


def test_session_from_json_never_leaks_another_exception():
    for text in ["", "{", "[]", "1", '{"format": 1}', "\ud800", None, b"{}"]:
        with pytest.raises(JacdeskError):
            session_from_json(text, "t")  # type: ignore[arg-type]


@pytest.mark.skipif(sys.platform == "win32", reason="chmod has no effect")
def test_unreadable_file(tmp_path):
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        pytest.skip("root reads everything")
    path = tmp_path / "locked.jacdesk"
    path.write_text("{}")
    path.chmod(0)
    with pytest.raises(JacdeskError, match=r"cannot read locked\.jacdesk"):
        load_session(path)
