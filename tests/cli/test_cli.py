"""jacdesk-cli as a user runs it: a subprocess, JSON/CSV/text out, one-line errors, exit codes.

Every subprocess spends ~2 s importing torch, so the subprocess runs start together (two at a
time) in one module fixture; the long tables of options and errors also run through ``main()``
in this interpreter, which is the same code without the import.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

import jacdesk
from jacdesk.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ["-e", "x1**2 + 2*x2", "-e", "3*x1 + 4*x2**2", "--var", "x1=1", "--var", "x2=2"]
FAST = ["--no-symbolic"]
BIT_EXACT = ["sin(x1)/3 + x2**0.1", "exp(-x1*x2) + 1/7"]


def cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("PYTHONWARNINGS", None)
    return subprocess.run(
        [sys.executable, "-m", "jacdesk.cli", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        cwd=ROOT,
        env=env,
    )


def in_process(capsys, *args: str) -> tuple[int, str, str]:
    """main() in this interpreter: the same code path without a 2 s torch import per case."""
    capsys.readouterr()
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def _symbolic_available() -> bool:
    return all(
        importlib.util.find_spec(m) is not None
        for m in ("jacdesk.core.symbolic.entrywise", "jacdesk.core.symbolic.process")
    )


def _good_runs(folder: Path) -> dict[str, list[str]]:
    return {
        "symbolic": ["jacobian", *TUTORIAL, "--symbolic-timeout", "30"],
        "json": ["jacobian", *TUTORIAL, *FAST],
        "csv bit exact": [
            "jacobian", "-e", BIT_EXACT[0], "-e", BIT_EXACT[1],
            "--var", "x1=0.3", "--var", "x2=1.7", *FAST, "--format", "csv",
        ],
        "text": ["jacobian", *TUTORIAL, *FAST, "--format", "text"],
        "output file": [
            "jacobian", *TUTORIAL, *FAST, "--format", "csv", "-o", str(folder / "out" / "j.csv"),
        ],
        "functions": ["functions"],
        "help": ["--help"],
    }  # fmt: skip


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict[str, subprocess.CompletedProcess]:
    folder = tmp_path_factory.mktemp("cli")
    (folder / "out").mkdir()
    (folder / "out" / "j.csv").write_text("old\n")
    commands = {**_good_runs(folder), **{n: BAD_INPUT[n][0] for n in BAD_INPUT_SUBPROCESS}}
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {name: pool.submit(cli, *args) for name, args in commands.items()}
        done = {name: f.result() for name, f in futures.items()}
    done["folder"] = folder  # type: ignore[assignment]
    return done


def ok(runs, name: str) -> str:
    p = runs[name]
    assert p.returncode == 0, p.stderr
    assert "Traceback" not in p.stdout + p.stderr
    return p.stdout


def strict_json(text: str):
    return json.loads(text, parse_constant=lambda c: pytest.fail(f"non-JSON constant {c}"))


# -- the tutorial ----------------------------------------------------------------------------


def test_tutorial_json_with_symbolic(runs):
    out = strict_json(ok(runs, "symbolic"))
    assert out["jacobian"] == [[2.0, 2.0], [3.0, 16.0]]
    assert out["vjp"] == [5.0, 18.0]
    assert out["determinant"] == 26.0
    assert out["value"] == [5.0, 19.0]
    assert out["rows_by_backward"] == [[2.0, 2.0], [3.0, 16.0]]
    assert out["input_labels"] == ["x1", "x2"]
    if _symbolic_available():
        assert out["symbolic_status"] in ("ok", "partial"), out["warnings"]
        assert out["jacobian_symbolic"] == [["2*x1", "2"], ["3", "8*x2"]]
        assert out["check"]["symbolic_ok"] is True


def test_tutorial_json_without_symbolic(runs):
    out = strict_json(ok(runs, "json"))
    assert out["jacobian"] == [[2.0, 2.0], [3.0, 16.0]]
    assert out["vjp"] == [5.0, 18.0]
    assert out["determinant"] == 26.0
    assert out["gradients"] == {"x1": 5.0, "x2": 18.0}
    assert out["jacobian_symbolic"] is None
    assert out["symbolic_status"] == "disabled"
    assert out["check"]["fd_ok"] is True


def test_json_with_non_finite_values_is_strict(capsys):
    code, text, _ = in_process(capsys, "jacobian", "-e", "sqrt(x)", "--var", "x=0", *FAST)
    assert code == 0
    out = strict_json(text)
    assert out["jacobian"] == [["inf"]]
    assert any("not differentiable" in w for w in out["warnings"])


def test_vjp_option(capsys):
    code, text, _ = in_process(capsys, "jacobian", *TUTORIAL, *FAST, "--vjp", "[0, 1]")
    assert code == 0
    assert json.loads(text)["vjp"] == [3.0, 16.0]


def test_layout_option_transposes_and_is_stated(capsys):
    args = ("jacobian", "-e", "A @ X", "--var", "X=[[1, 2], [3, 4]]", "--const",
            "A=[[1, 2], [0, 1]]", *FAST)  # fmt: skip
    code, text, _ = in_process(capsys, *args, "--layout", "denominator")
    assert code == 0
    out = json.loads(text)
    num = jacdesk.analyze("A @ X", {"X": [[1, 2], [3, 4]]}, {"A": [[1, 2], [0, 1]]}, symbolic=False)
    assert out["jacobian"] == num.jacobian.T.tolist()
    assert out["layout"] == "denominator" and "rows = inputs" in out["conventions"]
    assert out["kronecker"]["row_vec"]["formula"] == "kron(A, I)"
    assert out["closed_forms"] == {"X": None}  # F is a matrix: no gradient closed form
    code, text, _ = in_process(capsys, *args, "--layout", "denominator", "--format", "csv",
                               "--labels")  # fmt: skip
    assert text.splitlines()[0].startswith('"denominator layout, row-major vec","F[0,0]"')
    code, _, err = in_process(capsys, *args, "--layout", "sideways")
    assert code == 2 and "invalid choice" in err


# -- CSV -------------------------------------------------------------------------------------


def test_csv_is_bit_exact(runs):
    got = np.loadtxt(io.StringIO(ok(runs, "csv bit exact")), delimiter=",", ndmin=2)
    expected = jacdesk.analyze(BIT_EXACT, {"x1": "0.3", "x2": "1.7"}, symbolic=False).jacobian
    assert got.shape == expected.shape == (2, 2)
    assert np.array_equal(got.view(np.uint64), expected.view(np.uint64))


def test_tutorial_csv(capsys):
    code, out, _ = in_process(capsys, "jacobian", *TUTORIAL, *FAST, "--format", "csv")
    assert (code, out) == (0, "2.0,2.0\n3.0,16.0\n")


def test_csv_labels(capsys):
    code, text, _ = in_process(capsys, "jacobian", *TUTORIAL, *FAST, "--format", "csv", "--labels")
    assert code == 0
    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [
        ["numerator layout, row-major vec", "x1", "x2"],
        ["f1", "2.0", "2.0"],
        ["f2", "3.0", "16.0"],
    ]


def test_csv_labels_of_a_matrix_variable(capsys):
    code, text, _ = in_process(
        capsys, "jacobian", "-e", "X @ X", "--var", "X=[[1, 2], [3, 4]]", *FAST,
        "--format", "csv", "--labels", "--vec", "col",
    )  # fmt: skip
    assert code == 0
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["numerator layout, column-major vec", "X[0,0]", "X[1,0]", "X[0,1]", "X[1,1]"]
    assert [r[0] for r in rows[1:]] == ["F[0,0]", "F[1,0]", "F[0,1]", "F[1,1]"]
    X = np.array([[1.0, 2.0], [3.0, 4.0]])
    expected = np.kron(np.eye(2), X) + np.kron(X.T, np.eye(2))
    assert np.array([[float(c) for c in r[1:]] for r in rows[1:]]).tolist() == expected.tolist()


@pytest.mark.parametrize(
    ("what", "extra", "expected"),
    [
        ("vjp", [], "5.0,18.0\n"),
        ("gradient:x1", [], "5.0\n"),
        ("gradient:x2", [], "18.0\n"),
        ("rows", [], "2.0,2.0\n3.0,16.0\n"),
        ("value", [], "5.0\n19.0\n"),
        ("jvp", [], "4.0\n19.0\n"),
        ("hessian:1", ["--hessian"], "2.0,0.0\n0.0,0.0\n"),
        ("hessian:2", ["--hessian"], "0.0,0.0\n0.0,8.0\n"),
    ],
)
def test_what(capsys, what, extra, expected):
    code, out, err = in_process(capsys, "jacobian", *TUTORIAL, *FAST, *extra, "--format", "csv", "--what", what)  # fmt: skip
    assert (code, err) == (0, "")
    assert out == expected


def test_what_hessian_of_scalar(capsys):
    code, out, _ = in_process(
        capsys, "jacobian", "-e", "x1**2*x2", "--var", "x1=1", "--var", "x2=2", *FAST,
        "--hessian", "--format", "csv", "--what", "hessian",
    )  # fmt: skip
    assert code == 0
    assert out == "4.0,2.0\n2.0,0.0\n"


# -- text ------------------------------------------------------------------------------------


def test_text_format(runs):
    text = ok(runs, "text")
    assert "26" in text
    assert "[5, 18]" in text
    assert "16" in text
    assert "check: pass" in text


# -- files -----------------------------------------------------------------------------------


def test_output_file(runs):
    p = runs["output file"]
    assert p.returncode == 0, p.stderr
    assert p.stdout == "" and p.stderr == ""
    folder = runs["folder"] / "out"
    assert (folder / "j.csv").read_text() == "2.0,2.0\n3.0,16.0\n"
    assert sorted(x.name for x in folder.iterdir()) == ["j.csv"]  # no temp files left


def test_failed_run_leaves_the_output_file(tmp_path, capsys):
    target = tmp_path / "j.json"
    target.write_text("old\n")
    code, _, _ = in_process(
        capsys, "jacobian", "-e", "x +* 1", "--var", "x=1", *FAST, "-o", str(target)
    )
    assert code == 2
    assert target.read_text() == "old\n"
    assert sorted(x.name for x in tmp_path.iterdir()) == ["j.json"]


# -- errors: exit 2, one line, no traceback ------------------------------------------------------

BAD_INPUT = {
    "syntax error": (["jacobian", "-e", "x +* 2", "--var", "x=1", *FAST], "column 4"),
    "unknown name": (["jacobian", "-e", "sinn(x)", "--var", "x=1", *FAST], "did you mean sin"),
    "no value": (["jacobian", "-e", "x + y", "--var", "x=1", *FAST], "'y'"),
    "shape mismatch": (
        ["jacobian", "-e", "X @ y", "--var", "X=[[1,2,3],[4,5,6]]", "--var", "y=[1,2]", *FAST],
        "2×3",
    ),
    "bad --var": (["jacobian", "-e", "x", "--var", "x", *FAST], "NAME=VALUE"),
    "empty --var value": (["jacobian", "-e", "x", "--var", "x=", *FAST], "NAME=VALUE"),
    "bad --var value": (["jacobian", "-e", "x", "--var", "x=[1,", *FAST], "value of"),
    "function as variable": (["jacobian", "-e", "x", "--var", "sin=1", *FAST], "sin"),
    "variable twice": (["jacobian", "-e", "x", "--var", "x=1", "--var", "x=2", *FAST], "twice"),
    "unknown --what (csv)": (
        ["jacobian", "-e", "x", "--var", "x=1", *FAST, "--format", "csv", "--what", "nope"],
        "nope",
    ),
    "unknown --what (json)": (
        ["jacobian", "-e", "x", "--var", "x=1", *FAST, "--what", "nope"],
        "nope",
    ),
    "hessian not computed": (
        ["jacobian", "-e", "x", "--var", "x=1", *FAST, "--format", "csv", "--what", "hessian"],
        "--hessian",
    ),
    "gradient of unknown": (
        ["jacobian", "-e", "x", "--var", "x=1", *FAST, "--format", "csv", "--what", "gradient:y"],
        "'y'",
    ),
    "missing -e": (["jacobian", "--var", "x=1", *FAST], "-e"),
    "bad --vjp": (["jacobian", "-e", "x", "--var", "x=1", *FAST, "--vjp", "[1, 2]"], "2-vector"),
    "bad --vec": (["jacobian", "-e", "x", "--var", "x=1", *FAST, "--vec", "diag"], "vec"),
    "bad --format": (["jacobian", "-e", "x", "--var", "x=1", *FAST, "--format", "xml"], "format"),
    "singular": (["jacobian", "-e", "inv(X)", "--var", "X=[[1,1],[1,1]]", *FAST], "singular"),
    "hostile": (["jacobian", "-e", "__import__('os')", "--var", "x=1", *FAST], "column"),
    "unknown command": (["frobnicate"], "frobnicate"),
    "no command": ([], "required"),
    "unwritable -o": (
        ["jacobian", *TUTORIAL, *FAST, "-o", "/nonexistent/folder/j.json"],
        "cannot write",
    ),
}

#: Run as real subprocesses too (the rest run in-process: a torch import costs 2 s each).
BAD_INPUT_SUBPROCESS = [
    "syntax error",
    "unknown name",
    "shape mismatch",
    "bad --var",
    "unknown --what (json)",
    "missing -e",
    "unwritable -o",
]


def _check_one_line_error(code: int, out: str, err: str, fragment: str) -> None:
    assert code == 2, (code, out, err)
    assert "Traceback" not in out + err
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("jacdesk-cli: error: ")
    assert fragment in lines[0]


@pytest.mark.parametrize("name", BAD_INPUT_SUBPROCESS)
def test_bad_input_subprocess(runs, name):
    p = runs[name]
    _check_one_line_error(p.returncode, p.stdout, p.stderr, BAD_INPUT[name][1])


@pytest.mark.parametrize("name", list(BAD_INPUT))
def test_bad_input(capsys, name):
    args, fragment = BAD_INPUT[name]
    _check_one_line_error(*in_process(capsys, *args), fragment)


def test_unwritable_output_path(tmp_path, capsys):
    (tmp_path / "file").write_text("")
    for path in (tmp_path / "missing" / "j.json", tmp_path / "file" / "j.json", tmp_path):
        _check_one_line_error(
            *in_process(capsys, "jacobian", *TUTORIAL, *FAST, "-o", str(path)), "cannot write"
        )


# -- other commands --------------------------------------------------------------------------


def test_functions_lists_sin(runs):
    out = ok(runs, "functions")
    names = [line.split("(")[0].split()[0] for line in out.splitlines() if line.strip()]
    assert "sin" in names
    assert "atan2" in names
    assert "pi" in names


def test_help_exits_zero(runs):
    p = runs["help"]
    assert p.returncode == 0
    assert "jacobian" in p.stdout
    assert "Traceback" not in p.stderr
