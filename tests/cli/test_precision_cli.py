"""``jacdesk-cli precision``: the issue's JSON keys, text, and one-line errors."""

from __future__ import annotations

import json

from jacdesk.cli.main import main

ARGS = ["precision", "-e", "sin(x1)*exp(x2)", "-e", "x1*x2", "--var", "x1=0.7", "--var", "x2=0.3"]


def test_json_has_the_issue_keys(capsys) -> None:
    assert main(ARGS) == 0
    d = json.loads(capsys.readouterr().out)
    assert {"steps", "forward_error", "central_error", "best_step", "float32_error"} <= set(d)
    assert set(d["best_step"]) == {"forward", "central"}
    assert d["steps"] == sorted(d["steps"], reverse=True)
    assert len(d["forward_error"]) == len(d["central_error"]) == len(d["steps"]) == 13


def test_text_and_float32(capsys) -> None:
    assert main([*ARGS, "--dtype", "float32", "--format", "text"]) == 0
    out = capsys.readouterr().out
    assert "best h:" in out and "float32" in out


def test_bad_input_exits_2_with_one_line(capsys) -> None:
    assert main(["precision", "-e", "x1**", "--var", "x1=1"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "error" in err
