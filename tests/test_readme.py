"""The README's set-up lines are the ones CI runs, and its worked example is what the CLI prints."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEST_LINE = 'python3 -m pip install torch==2.13.0 -e ".[test]" && python3 -m pytest -q'
START_LINE = "python3 -m pip install torch==2.13.0 -e . && jacdesk"


def test_readme_has_exactly_the_two_setup_lines():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    indented = [ln.strip() for ln in text.splitlines() if ln.startswith("    python3 -m pip")]
    assert indented == [START_LINE, TEST_LINE]


def test_ci_runs_the_readme_test_line_verbatim():
    lines = [ln for ln in (ROOT / ".ci/run").read_text().splitlines() if ln.strip()]
    assert lines[-1].strip() == TEST_LINE


def test_readme_worked_example_matches_the_numbers():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for fragment in ("J = [[2, 2], [3, 16]]", "det J = 26", "x.grad = [5, 18]"):
        assert fragment in text


def _console_examples(text: str) -> list[tuple[str, str]]:
    """``(command, expected output)`` for every ``$ `` line of the README's console blocks."""
    examples: list[tuple[str, str]] = []
    in_block = False
    command: str | None = None
    output: list[str] = []
    for line in text.splitlines():
        if line.strip() == "```console":
            in_block, command, output = True, None, []
            continue
        if in_block and line.strip() == "```":
            if command is not None:
                examples.append((command, "\n".join(output) + "\n"))
            in_block = False
            continue
        if in_block and line.startswith("$ "):
            if command is not None:
                examples.append((command, "\n".join(output) + "\n"))
            command, output = line[2:], []
        elif in_block:
            output.append(line)
    return examples


def test_readme_console_examples_print_exactly_what_is_shown() -> None:
    """Each ``$ jacdesk-cli …`` shown in the README prints exactly the lines below it."""
    import shlex
    import subprocess
    import sys

    examples = _console_examples((ROOT / "README.md").read_text(encoding="utf-8"))
    assert examples, "the README shows no console example"
    for command, expected in examples:
        argv = shlex.split(command)
        assert argv[0] == "jacdesk-cli", command
        proc = subprocess.run(
            [sys.executable, "-m", "jacdesk.cli", *argv[1:]],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
            stdin=subprocess.DEVNULL,
        )
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout == expected, f"$ {command}\n{proc.stdout}"
