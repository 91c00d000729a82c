"""Sessions keep the PyTorch source; a script as a problem (file, analysis, session)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jacdesk.core.errors import JacdeskError
from jacdesk.core.language.torch_reader import read_torch
from jacdesk.core.sessions.session import Session, load_session, save_session, session_from_json
from jacdesk.core.sessions.torch_problem import (
    analyze_translation,
    read_script,
    read_torch_file,
    session_from_translation,
)

DATA = Path(__file__).resolve().parents[2] / "data"
SEED = DATA / "JacobianTest.py"


def test_a_session_keeps_the_source_and_saves_it(tmp_path) -> None:
    tr = read_torch_file(SEED)
    session = session_from_translation(tr)
    assert session.torch_source == SEED.read_text(encoding="utf-8")
    assert session.torch_function == "funx"
    path = tmp_path / "seed.jacdesk"
    save_session(session, path)
    loaded = load_session(path)
    assert loaded == session
    assert loaded.analyze(symbolic=False).jacobian.tolist() == [[2.0, 2.0], [3.0, 16.0]]
    assert json.loads(path.read_text(encoding="utf-8"))["torch"]["function"] == "funx"


def test_sessions_without_source_are_unchanged() -> None:
    old = (DATA / "tutorial.jacdesk").read_text(encoding="utf-8")
    session = session_from_json(old)
    assert session.torch_source is None and session.torch_function is None
    assert "torch" not in json.loads(session.to_json())
    assert Session(expressions=("x",), variables={"x": 1.0}) != Session(
        expressions=("x",), variables={"x": 1.0}, torch_source="def f(x):\n    return x\n"
    )


@pytest.mark.parametrize(
    ("torch_field", "message"),
    [
        ("[1, 2]", '"torch" must be an object'),
        ('{"source": 3, "function": "f"}', "the PyTorch source must be text"),
        ('{"source": "x", "function": "not a name"}', "is not the name of a Python function"),
        (
            '{"source": null, "function": "f"}',
            "names a PyTorch function but keeps no PyTorch source",
        ),
        ('{"source": "' + "x" * 200_001 + '", "function": null}', "longer than 200,000 characters"),
    ],
)
def test_a_bad_torch_field_is_refused(torch_field, message) -> None:
    data = json.loads((DATA / "tutorial.jacdesk").read_text(encoding="utf-8"))
    text = json.dumps(data)[:-1] + f', "torch": {torch_field}}}'
    with pytest.raises(JacdeskError, match=message):
        session_from_json(text)


def test_analyze_translation_adds_the_notes_and_keeps_the_numbers() -> None:
    tr = read_torch(SEED.read_text(encoding="utf-8"))
    r = analyze_translation(tr, symbolic=False)
    assert r.vjp.tolist() == [5.0, 18.0]
    assert r.warnings[-1] == tr.notes[0]
    other = analyze_translation(tr, symbolic=False, vjp=[0.0, 1.0])
    assert other.vjp.tolist() == [3.0, 16.0]


def test_script_files_are_read_safely(tmp_path) -> None:
    latin = tmp_path / "latin.py"
    latin.write_bytes("# -*- coding: latin-1 -*-\n# café\nimport torch\n".encode("latin-1"))
    assert "café" in read_script(latin)
    with pytest.raises(JacdeskError, match="is a folder"):
        read_script(tmp_path)
    big = tmp_path / "big.py"
    big.write_bytes(b"#" * 900_000)
    with pytest.raises(JacdeskError, match="larger than"):
        read_script(big)
    with pytest.raises(JacdeskError, match=r"x\.py: no such file"):
        read_script(tmp_path / "x.py")


def test_values_may_be_text() -> None:
    tr = read_torch_file(SEED, values={"x": "[pi, 2]"})
    assert tr.variables["x"][0] == pytest.approx(3.141592653589793)
