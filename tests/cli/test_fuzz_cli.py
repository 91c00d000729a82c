"""Fuzz the CLI: random and hostile argument lists and session files give exit status 0 or 2,
never a traceback or "internal error", never a hang, and nothing executed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jacdesk.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
MARK = "_".join(("jacdesk", "cli", "fuzz"))  # built from parts: never in any source text
FUZZ = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture
def canary(tmp_path, monkeypatch, default_memory_budget):
    monkeypatch.chdir(tmp_path)  # -o / --save of random text land here
    path = tmp_path / MARK
    yield path
    assert not path.exists(), "hostile input was executed"


def _run(bounded, argv: list[str], capsys) -> int:
    with bounded():
        rc = main(argv)
    _, err = capsys.readouterr()
    assert rc in (0, 2), (argv, rc, err)
    assert "Traceback" not in err and "internal error" not in err, (argv, err)
    if rc == 2:
        assert err.count("\n") == 1, (argv, err)
    return rc


HOSTILE = [
    ["jacobian", "-e", f"__import__('os').system('touch {MARK}')", "--var", "x=1"],
    ["jacobian", "-e", "x", "--var", f"x=__import__('os').system('touch {MARK}')"],
    ["jacobian", "-e", "x", "--var", "x=[1, [2]]"],
    ["jacobian", "-e", "x", "--var", "x=" + "[" * 5000 + "1" + "]" * 5000],
    ["jacobian", "-e", "x", "--var", "x=1e999"],
    ["jacobian", "-e", "x", "--var", "x=nan"],
    ["jacobian", "-e", "x", "--var", "x"],
    ["jacobian", "-e", "x", "--var", "=1"],
    ["jacobian", "-e", "x", "--var", "x=1", "--var", "x=2"],
    ["jacobian", "-e", "x", "--var", "x=1", "--vjp", "{"],
    ["jacobian", "-e", "x", "--var", "x=1", "--jvp", "[1, 2]"],
    ["jacobian", "-e", "x", "--var", "x=1", "--what", "gradient:"],
    ["jacobian", "-e", "x", "--var", "x=1", "--what", "hessian:1", "--format", "csv"],
    ["jacobian", "-e", "x", "--var", "x=1", "--symbolic-timeout", "-1"],
    ["jacobian", "-e", "x", "--var", "x=1", "--device", "tpu"],
    ["jacobian", "-e", "x", "--var", "x=1", "-o", "/nonexistent/dir/out.json"],
    ["jacobian", "-e", "outer(x, x)", "--var", "x=[" + ",".join(["1"] * 1000) + "]"],
    ["jacobian", "--torch", "/nonexistent.py"],
    ["run", "/nonexistent.jacdesk"],
    ["run", "/dev/null"],
    ["export-all", "/nonexistent.jacdesk", "out"],
    ["grid", "-e", "x1", "--var", "x1=1", "--over", "x1=1:0:-5"],
    ["grid", "-e", "x1", "--var", "x1=1", "--over", "x1=0:1:99999999999"],
    ["grid", "-e", "x1", "--var", "x1=1", "--over", "y=0:1:5"],
    ["code", "-e", f"__import__('{MARK}')", "--var", "x=1"],
    ["functions", "--torch", "/nonexistent.py"],
    ["no-such-command"],
    [],
    ["jacobian"],
    ["--format"],
]


@pytest.mark.parametrize("argv", HOSTILE, ids=lambda a: " ".join(a)[:40])
def test_hostile_arguments(bounded, canary, capsys, argv) -> None:
    _run(bounded, [*argv, "--no-symbolic"] if argv[:1] == ["jacobian"] else argv, capsys)


def _session(tmp: Path, text: str) -> Path:
    path = tmp / "fuzz.jacdesk"
    path.write_text(text, encoding="utf-8", errors="surrogateescape")
    return path


SESSIONS = [
    "[" * 100_000 + "]" * 100_000,
    '{"format": "jacdesk-session", "schema": 1, "expressions": ["x"], "variables": '
    '[{"name": "x", "shape": [100000, 100000], "value": 1}]}',
    '{"format": "jacdesk-session", "schema": 1, "expressions": ["outer(x, x)"], "variables":'
    ' [{"name": "x", "shape": [1000], "value": [' + ",".join(["1"] * 1000) + "]}]}",
    '{"format": "jacdesk-session", "schema": 1, "expressions": ["__import__(\'os\')"]}',
    '{"format": "jacdesk-session", "schema": 1, "expressions": "x", "variables": 1}',
    '{"format": "jacdesk-session", "schema": 1, "__reduce__": ["os.system", ["touch '
    + MARK
    + '"]]}',
    "\x00\x01\x02",
]


@pytest.mark.parametrize("text", SESSIONS, ids=lambda t: repr(t[:30]))
@pytest.mark.parametrize("command", ["run", "export-all"])
def test_hostile_session_files(bounded, canary, capsys, tmp_path, text, command) -> None:
    path = _session(tmp_path, text)
    argv = ["run", str(path)] if command == "run" else ["export-all", str(path), "bundle"]
    _run(bounded, argv, capsys)


WORDS = st.sampled_from(
    [
        "jacobian",
        "grid",
        "run",
        "code",
        "functions",
        "-e",
        "--var",
        "--const",
        "--vjp",
        "--jvp",
        "--format",
        "csv",
        "text",
        "json",
        "--what",
        "hessian",
        "hessian:2",
        "--hessian",
        "--vec",
        "col",
        "--layout",
        "denominator",
        "--over",
        "x=0:1:3",
        "x=1",
        "x=[1,2]",
        "sin(x)",
        "x @ x",
        "softmax(x)",
        "--rows",
        "--det",
        "--labels",
        "--no-symbolic",
        "--",
        "-o",
        "=",
        "x",
        "",
    ]
)


@FUZZ
@given(st.lists(WORDS | st.text(max_size=6), min_size=1, max_size=10))
def test_random_argument_lists(bounded, canary, capsys, argv) -> None:
    if argv[0] == "jacobian":
        argv = [*argv, "--no-symbolic"]
    _run(bounded, argv, capsys)


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (["jacobian", "-e", "outer(x, x)", "--var", "x=[" + ",".join(["1"] * 1000) + "]"], 2),
        (
            [
                "jacobian",
                "-e",
                "x**2",
                "--var",
                "x=3",
                "--hessian",
                "--format",
                "csv",
                "--what",
                "hessian:99",
                "--no-symbolic",
            ],
            2,
        ),
    ],
)
def test_the_real_entry_point(tmp_path, argv, code) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("JACDESK_MEMORY_BUDGET", None)
    done = subprocess.run(
        [sys.executable, "-m", "jacdesk.cli", *argv],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        env=env,
    )
    assert done.returncode == code, done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
