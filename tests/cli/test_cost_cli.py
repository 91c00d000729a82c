"""``jacdesk-cli cost``: strategies with name, mode, passes, median_s; the fastest."""

from __future__ import annotations

import json

from jacdesk.cli.main import main


def test_json_has_the_issue_keys(capsys) -> None:
    assert main(["cost", "-e", "sum(x**2)", "--var", "x=[1, 2, 3]"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert set(d["strategies"][0]) == {"name", "mode", "passes", "median_s"}
    by_mode = {s["mode"]: s["passes"] for s in d["strategies"]}
    assert by_mode["reverse"] == 1 and by_mode["forward"] == 3
    assert d["fastest"] in [s["name"] for s in d["strategies"]]


def test_text_and_bad_input(capsys) -> None:
    assert main(["cost", "-e", "x1", "--var", "x1=1", "--format", "text"]) == 0
    assert "fastest:" in capsys.readouterr().out
    assert main(["cost", "-e", "x1 +", "--var", "x1=1"]) == 2
    assert capsys.readouterr().err.count("\n") == 1
