"""``jacdesk-cli jacobian --torch FILE.py``: exactly what ``-e`` gives for the translated problem."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from jacdesk.cli.main import main
from jacdesk.core.sessions.session import load_session

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "tests" / "data" / "JacobianTest.py"
SEED_E = ["-e", "x[0] ** 2 + 2 * x[1]", "-e", "3 * x[0] + 4 * x[1] ** 2", "--var", "x=[1.0, 2.0]"]
FAST = ["--no-symbolic"]


def run(capsys, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def _note(result: dict) -> list[str]:
    return [w for w in result["warnings"] if "float32" in w]


def test_json_is_what_e_gives_plus_the_dtype_note(capsys) -> None:
    code, torch_json, err = run(capsys, "jacobian", "--torch", str(SEED))
    assert code == 0, err
    code, e_json, _ = run(capsys, "jacobian", *SEED_E)
    ours, theirs = json.loads(torch_json), json.loads(e_json)
    assert len(_note(ours)) == 1 and _note(theirs) == []
    assert ours.pop("warnings") == theirs.pop("warnings") + _note(json.loads(torch_json))
    assert ours == theirs
    assert ours["jacobian"] == [[2.0, 2.0], [3.0, 16.0]]
    assert ours["vjp"] == [5.0, 18.0]
    assert ours["jacobian_symbolic"] == [["2*x[0]", "2"], ["3", "8*x[1]"]]


@pytest.mark.parametrize("what", ["jacobian", "vjp", "rows"])
def test_csv_is_byte_for_byte_what_e_gives(capsys, what) -> None:
    _, ours, _ = run(
        capsys, "jacobian", "--torch", str(SEED), *FAST, "--format", "csv", "--what", what
    )
    _, theirs, _ = run(capsys, "jacobian", *SEED_E, *FAST, "--format", "csv", "--what", what)
    assert ours == theirs


def test_text_is_what_e_gives_plus_one_warning_line(capsys) -> None:
    _, ours, _ = run(capsys, "jacobian", "--torch", str(SEED), *FAST, "--format", "text")
    _, theirs, _ = run(capsys, "jacobian", *SEED_E, *FAST, "--format", "text")
    extra = [line for line in ours.splitlines() if line not in theirs.splitlines()]
    assert len(extra) == 1 and extra[0].startswith("warning: the script's point is float32")
    assert "x.grad = v^T J = [5, 18]" in ours


def test_var_replaces_the_script_s_point(capsys) -> None:
    code, text, _ = run(capsys, "jacobian", "--torch", str(SEED), "--var", "x=[3, pi]", *FAST)
    out = json.loads(text)
    assert code == 0 and out["point"]["x"][0] == 3.0
    assert out["jacobian"][0] == [6.0, 2.0]
    assert _note(out) == []  # the script's float32 point is not used


def test_the_script_s_v_and_constants_are_used(tmp_path, capsys) -> None:
    script = tmp_path / "layer.py"
    script.write_text(
        "import torch\nW = torch.tensor([[1.0, 2.0], [0.0, 1.0]], dtype=torch.float64)\n"
        "def f(x):\n    return torch.tanh(W @ x)\n"
        "x = torch.tensor([0.5, -0.5], dtype=torch.float64, requires_grad=True)\n"
        "y = f(x)\ny.backward(torch.tensor([1.0, 0.0], dtype=torch.float64))\n",
        encoding="utf-8",
    )
    _, ours, _ = run(capsys, "jacobian", "--torch", str(script), *FAST)
    _, theirs, _ = run(capsys, "jacobian", "-e", "tanh(W @ x)", "--var", "x=[0.5, -0.5]",
                       "--const", "W=[[1, 2], [0, 1]]", "--vjp", "[1, 0]", *FAST)  # fmt: skip
    assert json.loads(ours) == json.loads(theirs)
    _, replaced, _ = run(
        capsys,
        "jacobian",
        "--torch",
        str(script),
        "--const",
        "W=[[2, 0], [0, 2]]",
        "--vjp",
        "[0, 1]",
        *FAST,
    )
    assert json.loads(replaced)["v"] == [0.0, 1.0]
    code, _, err = run(capsys, "jacobian", "--torch", str(script), "--const", "A=1", *FAST)
    assert code == 2 and "the script has no constant A (its constants: W)" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["-e", "x", "--torch", str(SEED)],
            "give either -e expressions or --torch FILE.py, not both",
        ),
        ([], "give at least one expression with -e (or a PyTorch script with --torch FILE.py)"),
        (
            ["-e", "x", "--var", "x=1", "--function", "f"],
            "--function NAME goes with --torch FILE.py",
        ),
        (
            ["--torch", str(SEED), "--function", "g"],
            "the script defines no function 'g'; it defines funx",
        ),
        (
            ["--torch", str(SEED), "--var", "z=1"],
            "'z' is not a parameter of funx (its parameters: x)",
        ),
        (["--torch", "no_such_script.py"], "no_such_script.py: no such file"),
    ],
)
def test_argument_errors_are_one_line_and_exit_2(capsys, args, message) -> None:
    code, out, err = run(capsys, "jacobian", *args, *FAST)
    assert code == 2 and out == ""
    assert message in err and err.count("\n") == 1


def test_a_refused_script_exits_2_with_its_line_and_column(tmp_path, capsys) -> None:
    script = tmp_path / "bad.py"
    script.write_text(
        "import torch\nimport os\n\n\ndef f(x):\n    os.system('ls')\n    return x\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "jacobian", "--torch", str(script), "--var", "x=[1, 2]")
    assert (code, out) == (2, "")
    assert err == (
        "jacdesk-cli: error: line 6, col 4: os.system is not part of the PyTorch that jacdesk "
        "reads (see jacdesk-cli functions --torch)\n"
    )


def test_functions_torch_lists_the_subset(capsys) -> None:
    code, out, _ = run(capsys, "functions", "--torch")
    assert code == 0
    assert "torch.stack(tensors, dim=0)" in out and "F.softmax" in out and "never run" in out
    code, plain, _ = run(capsys, "functions")
    assert code == 0 and "torch.stack" not in plain and "softmax(x)" in plain


def test_save_keeps_the_source_and_run_reproduces(tmp_path, capsys) -> None:
    saved = tmp_path / "seed.jacdesk"
    code, _, _ = run(capsys, "jacobian", "--torch", str(SEED), *FAST, "--save", str(saved))
    assert code == 0
    session = load_session(saved)
    assert session.torch_source == SEED.read_text(encoding="utf-8")
    assert session.torch_function == "funx"
    assert session.expressions == ("x[0] ** 2 + 2 * x[1]", "3 * x[0] + 4 * x[1] ** 2")
    code, replay, _ = run(capsys, "run", str(saved), "--format", "csv")
    _, csv, _ = run(capsys, "jacobian", "--torch", str(SEED), *FAST, "--format", "csv")
    assert code == 0 and replay == csv


def test_the_installed_command_reads_the_seed_script() -> None:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("PYTHONWARNINGS", None)
    proc = subprocess.run(
        [sys.executable, "-m", "jacdesk.cli", "jacobian", "--torch", str(SEED), "--format", "json", *FAST],
        capture_output=True, text=True, encoding="utf-8", timeout=300, cwd=ROOT, env=env,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["jacobian"] == [[2.0, 2.0], [3.0, 16.0]] and out["vjp"] == [5.0, 18.0]


@pytest.mark.parametrize("vec", ["row", "col"])
def test_matrix_v_and_u_follow_vec_like_e(tmp_path, capsys, vec) -> None:
    script = tmp_path / "square.py"
    script.write_text(
        "import torch\nfrom torch.autograd.functional import jvp\n"
        "def f(X):\n    return X @ X\n"
        "X = torch.tensor([[1.0, 2.0], [3.0, 4.0]], dtype=torch.float64, requires_grad=True)\n"
        "y = f(X)\ny.backward(torch.tensor([[1.0, 2.0], [3.0, 4.0]], dtype=torch.float64))\n"
        "jvp(f, X, torch.tensor([[1.0, 2.0], [0.0, 3.0]], dtype=torch.float64))\n",
        encoding="utf-8",
    )
    u_flat = "[1, 2, 0, 3]" if vec == "row" else "[1, 0, 2, 3]"  # J's column order
    _, ours, _ = run(capsys, "jacobian", "--torch", str(script), "--vec", vec, *FAST)
    _, theirs, _ = run(capsys, "jacobian", "-e", "X @ X", "--var", "X=[[1, 2], [3, 4]]", "--vec", vec,
                       "--vjp", "[[1, 2], [3, 4]]", "--jvp", u_flat, *FAST)  # fmt: skip
    assert json.loads(ours) == json.loads(theirs)
