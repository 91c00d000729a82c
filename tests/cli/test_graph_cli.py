"""``jacdesk-cli graph``: JSON, DOT and text of the captured backward graph; one-line errors."""

from __future__ import annotations

import json

import pytest

from jacdesk.cli.main import main

SEED_ARGS = [
    "graph",
    "-e",
    "x1**2 + 2*x2",
    "-e",
    "3*x1 + 4*x2**2",
    "--var",
    "x1=1",
    "--var",
    "x2=2",
]


def test_json_is_the_issue_shape_with_the_seed_leaves(capsys) -> None:
    assert main(SEED_ARGS) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"root", "nodes", "edges", "order", "leaves"}
    assert data["leaves"] == {"x1": 5.0, "x2": 18.0}
    root = next(n for n in data["nodes"] if n["id"] == data["root"])
    assert root["op"] == "StackBackward0" and root["grad"] == [1.0, 1.0]


def test_vjp_e2_gives_row_two_of_j_in_text(capsys) -> None:
    assert main([*SEED_ARGS, "--vjp", "[0, 1]", "--format", "text"]) == 0
    out = capsys.readouterr().out
    assert "x1.grad = 3" in out and "x2.grad = 16" in out
    assert "PowBackward0" in out


def test_dot_to_a_file(tmp_path, capsys) -> None:
    target = tmp_path / "g.dot"
    assert main([*SEED_ARGS, "--format", "dot", "-o", str(target)]) == 0
    text = target.read_text(encoding="utf-8")
    assert text.startswith("digraph backward {") and "->" in text
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize(
    "extra",
    [
        ["graph", "-e", "x1**2 +", "--var", "x1=1"],
        ["graph", "-e", "x1**2", "--var", "x1=1", "--vjp", "[1, 2]"],
        ["graph", "-e", "x1**2", "--var", "x1"],
        ["graph", "-e", "x1**2", "--var", "x1=1", "--format", "svg"],
    ],
)
def test_bad_input_exits_2_with_one_line(extra, capsys) -> None:
    assert main(extra) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("jacdesk-cli: error:")
