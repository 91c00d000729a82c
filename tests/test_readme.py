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
