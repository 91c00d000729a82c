"""``jacobian --save``, ``run`` and ``export-all``: a saved session replays exactly what
``jacobian`` printed; bad session files give exit status 2 and one line on stderr.

Most cases run ``main()`` in this interpreter (no 2 s torch import each); one subprocess
checks the real entry point end to end.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from jacdesk.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
TUTORIAL = ["-e", "x1**2 + 2*x2", "-e", "3*x1 + 4*x2**2", "--var", "x1=1", "--var", "x2=2"]
FAST = ["--no-symbolic"]
MATRIX = [
    "-e", "A @ X @ B + c * X", "--var", "X=[[1, 2, 3], [4, 5, 6.5]]",
    "--const", "A=[[0.1, 2], [3, 1/3]]", "--const", "B=[[1, 0, 2], [0, 1, 0], [pi, 0, 1]]",
    "--const", "c=sqrt(2)", "--vec", "col", "--layout", "denominator",
    "--vjp", "[[1, 2, 3], [4, 5, 6]]", "--jvp", "[1, 0, 0, 0, 0, 7]", "--hessian",
]  # fmt: skip


def in_process(capsys, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def _one_line_error(code: int, err: str) -> str:
    assert code == 2, err
    assert err.count("\n") == 1 and err.startswith("jacdesk-cli: error: "), err
    assert "Traceback" not in err
    return err


@pytest.mark.parametrize(
    ("name", "args"), [("tutorial", TUTORIAL), ("matrix", MATRIX)], ids=["tutorial", "matrix"]
)
@pytest.mark.parametrize("fmt", ["json", "text", "csv"])
def test_run_replays_jacobian_exactly(capsys, tmp_path, name, args, fmt):
    path = tmp_path / f"{name}.jacdesk"
    extra = ["--format", fmt] + (["--what", "vjp", "--labels"] if fmt == "csv" else [])
    code, direct, err = in_process(capsys, "jacobian", *args, *FAST, *extra, "--save", str(path))
    assert code == 0, err
    code, replay, err = in_process(capsys, "run", str(path), *extra)
    assert code == 0, err
    assert replay == direct


def test_tutorial_through_save_and_run(capsys, tmp_path):
    path = tmp_path / "tutorial.jacdesk"
    assert in_process(capsys, "jacobian", *TUTORIAL, *FAST, "--save", str(path))[0] == 0
    code, text, _ = in_process(capsys, "run", str(path))
    out = json.loads(text)
    assert code == 0
    assert out["jacobian"] == [[2.0, 2.0], [3.0, 16.0]]
    assert out["vjp"] == [5.0, 18.0] and out["determinant"] == 26.0
    code, text, _ = in_process(capsys, "run", str(path), "--format", "csv", "--what", "rows")
    assert text == "2.0,2.0\n3.0,16.0\n"


def test_run_with_symbolic_matches_jacobian(capsys, tmp_path):
    path = tmp_path / "s.jacdesk"
    timeout = ["--symbolic-timeout", "60"]
    code, direct, err = in_process(capsys, "jacobian", *TUTORIAL, *timeout, "--save", str(path))
    assert code == 0, err
    code, replay, err = in_process(capsys, "run", str(path), *timeout)
    assert code == 0, err
    assert replay == direct


def test_run_writes_to_a_file(capsys, tmp_path):
    session, out = tmp_path / "t.jacdesk", tmp_path / "j.csv"
    in_process(capsys, "jacobian", *TUTORIAL, *FAST, "--save", str(session))
    code, text, _ = in_process(capsys, "run", str(session), "--format", "csv", "-o", str(out))
    assert (code, text, out.read_text()) == (0, "", "2.0,2.0\n3.0,16.0\n")


def test_save_is_skipped_when_the_inputs_fail(capsys, tmp_path):
    path = tmp_path / "never.jacdesk"
    code, _, err = in_process(
        capsys, "jacobian", "-e", "x1 +", "--var", "x1=1", "--save", str(path)
    )
    _one_line_error(code, err)
    assert not path.exists()


def test_save_into_a_missing_folder_is_one_line(capsys, tmp_path):
    path = tmp_path / "missing" / "s.jacdesk"
    code, _, err = in_process(capsys, "jacobian", *TUTORIAL, *FAST, "--save", str(path))
    assert "nothing was changed" in _one_line_error(code, err)


def test_export_all(capsys, tmp_path):
    session = tmp_path / "t.jacdesk"
    in_process(capsys, "jacobian", *MATRIX, *FAST, "--save", str(session))
    folder = tmp_path / "bundle"
    code, text, err = in_process(capsys, "export-all", str(session), str(folder))
    assert code == 0, err
    assert text.startswith(f"wrote {len(list(folder.iterdir()))} files to {folder}")
    names = {p.name for p in folder.iterdir()}
    assert {
        "jacobian.csv",
        "gradient_X.csv",
        "hessian_6.csv",
        "session.json",
        "session.jacdesk",
    } <= names
    code, csv_text, _ = in_process(capsys, "run", str(session), "--format", "csv", "--labels")
    assert (folder / "jacobian.csv").read_text() == csv_text


BAD = sorted((DATA / "sessions_bad").glob("*.jacdesk"))


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_bad_files_exit_2_with_one_line(capsys, tmp_path, path):
    code, out, err = in_process(capsys, "run", str(path))
    assert out == ""
    assert path.name in _one_line_error(code, err)
    code, _, err = in_process(capsys, "export-all", str(path), str(tmp_path / "out"))
    _one_line_error(code, err)
    assert not (tmp_path / "out").exists()


def test_missing_file_folder_and_bad_what(capsys, tmp_path):
    _one_line_error(*in_process(capsys, "run", str(tmp_path / "nope.jacdesk"))[::2])
    _one_line_error(*in_process(capsys, "run", str(tmp_path))[::2])
    code, _, err = in_process(capsys, "run", str(DATA / "tutorial.jacdesk"), "--what", "jacobain")
    assert "unknown matrix 'jacobain'" in _one_line_error(code, err)
    _one_line_error(*in_process(capsys, "run")[::2])


def test_the_real_command(tmp_path):
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("PYTHONWARNINGS", None)
    session = tmp_path / "t.jacdesk"
    script = (
        "import sys; from jacdesk.cli import main\n"
        "for args in sys.argv[1:]:\n"
        "    print('exit', main(args.split('|')), flush=True)\n"
    )
    steps = [
        ["jacobian", *TUTORIAL, *FAST, "--save", str(session)],
        ["run", str(session), "--format", "text"],
        ["run", str(DATA / "sessions_bad" / "hostile_import.jacdesk")],
    ]
    p = subprocess.run(
        [sys.executable, "-c", script, *["|".join(s) for s in steps]],
        capture_output=True, text=True, encoding="utf-8", timeout=180, cwd=ROOT, env=env,
    )  # fmt: skip
    assert p.stdout.count("exit 0") == 2 and "exit 2" in p.stdout, p.stderr
    assert "x.grad = v^T J = [5, 18]" in p.stdout
    assert p.stderr.count("\n") == 1 and "hostile_import.jacdesk: expression 1" in p.stderr
    assert "Traceback" not in p.stderr
    real = subprocess.run(
        [sys.executable, "-m", "jacdesk.cli", "run", str(session), "--format", "csv"],
        capture_output=True, text=True, encoding="utf-8", timeout=180, cwd=ROOT, env=env,
    )  # fmt: skip
    assert (real.returncode, real.stdout) == (0, "2.0,2.0\n3.0,16.0\n"), real.stderr


def test_code_prints_a_script_that_reproduces_the_tutorial(capsys, tmp_path):
    path = tmp_path / "tutorial.jacdesk"
    assert in_process(capsys, "jacobian", *TUTORIAL, *FAST, "--save", str(path))[0] == 0
    script = tmp_path / "tutorial.py"
    code, _, err = in_process(capsys, "code", str(path), "-o", str(script))
    assert code == 0, err
    done = subprocess.run([sys.executable, "-W", "error", str(script)], capture_output=True,
                          text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = dict(line.split(" = ", 1) for line in done.stdout.splitlines())
    assert lines["J"] == "[[2.0, 2.0], [3.0, 16.0]]" and lines["v^T J"] == "[5.0, 18.0]"
    code, _, err = in_process(capsys, "code", str(tmp_path / "missing.jacdesk"))
    _one_line_error(code, err)
