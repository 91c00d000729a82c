"""The CLI refuses, with exit status 2 and one line, what would not fit in memory, and a
``--what hessian:K`` that names no output."""

from __future__ import annotations

import pytest

from jacdesk.cli.main import main

SEED = ["-e", "x1**2 + 2*x2", "-e", "3*x1 + 4*x2**2", "--var", "x1=1", "--var", "x2=2"]
ONE = ["-e", "x1**2 * x2", "--var", "x1=1", "--var", "x2=3"]
FAST = ["--no-symbolic"]


pytestmark = pytest.mark.usefixtures("default_memory_budget")


def _one_line_error(capsys) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err


def test_jacobian_outer_of_a_long_vector_is_refused(capsys) -> None:
    x = "x=[" + ", ".join(["1"] * 1000) + "]"
    assert main(["jacobian", "-e", "outer(x, x)", "--var", x]) == 2
    err = _one_line_error(capsys)
    assert "1,000,000 × 1,000" in err and "memory budget of" in err and "fewer variables" in err


@pytest.mark.parametrize("fmt", ["json", "text", "csv"])
def test_budget_from_the_environment_refuses_every_format(monkeypatch, capsys, fmt) -> None:
    monkeypatch.setenv("JACDESK_MEMORY_BUDGET", "64")
    assert main(["jacobian", *SEED, *FAST, "--format", fmt]) == 2
    assert "memory budget of 64 B" in _one_line_error(capsys)


def test_run_and_export_all_of_a_session_are_refused(tmp_path, monkeypatch, capsys) -> None:
    path = tmp_path / "seed.jacdesk"
    assert main(["jacobian", *SEED, *FAST, "--save", str(path)]) == 0
    capsys.readouterr()
    monkeypatch.setenv("JACDESK_MEMORY_BUDGET", "64")
    assert main(["run", str(path)]) == 2
    assert "memory budget" in _one_line_error(capsys)
    assert main(["export-all", str(path), str(tmp_path / "out")]) == 2
    assert "memory budget" in _one_line_error(capsys)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_grid_is_refused(monkeypatch, capsys) -> None:
    monkeypatch.setenv("JACDESK_MEMORY_BUDGET", "1K")
    argv = ["grid", *SEED, "--over", "x1=-3:3:200", "--over", "x2=-3:3:200", "--what", "det"]
    assert main(argv) == 2
    assert "grid points" in _one_line_error(capsys)


@pytest.mark.parametrize("k", ["99", "abc", "0", "2", "-1", ""])
@pytest.mark.parametrize("fmt", ["csv", "json", "text"])
def test_hessian_k_is_checked_with_one_output(capsys, k, fmt) -> None:
    argv = ["jacobian", *ONE, *FAST, "--hessian", "--format", fmt, "--what", f"hessian:{k}"]
    assert main(argv) == 2
    assert "hessian:" in _one_line_error(capsys)


@pytest.mark.parametrize("k", ["3", "abc", "0"])
def test_hessian_k_is_checked_with_two_outputs(capsys, k) -> None:
    argv = ["jacobian", *SEED, *FAST, "--hessian", "--format", "csv", "--what", f"hessian:{k}"]
    assert main(argv) == 2
    assert "hessian:" in _one_line_error(capsys)


def test_hessian_1_and_2_exist(capsys) -> None:
    argv = ["jacobian", *ONE, *FAST, "--hessian", "--format", "csv", "--what", "hessian:1"]
    assert main(argv) == 0
    assert capsys.readouterr().out.splitlines() == ["6.0,2.0", "2.0,0.0"]
    argv = ["jacobian", *SEED, *FAST, "--hessian", "--format", "csv", "--what", "hessian:2"]
    assert main(argv) == 0
    assert capsys.readouterr().out.splitlines() == ["0.0,0.0", "0.0,8.0"]


def test_help_says_k_counts_from_1(capsys) -> None:
    assert main(["jacobian", "--help"]) == 0
    assert "counted from 1" in " ".join(capsys.readouterr().out.split())
