"""Memory is predicted from shapes before anything runs, and refused over the budget."""

from __future__ import annotations

import pytest

from jacdesk.core.diff import budget
from jacdesk.core.errors import JacdeskError
from jacdesk.core.language.program import build_program

pytestmark = pytest.mark.usefixtures("default_memory_budget")


def _estimate(expr, shapes, **extras):
    flags = {"rows": False, "fd_check": False, "det": False, "hessian": False, **extras}
    return budget.estimate_analysis(build_program(expr, shapes), **flags)


def test_the_issue_cases_are_predicted_far_over_any_budget() -> None:
    outer = _estimate("outer(x, x)", {"x": (1000,)})
    assert (outer.m, outer.n) == (1_000_000, 1000)
    assert outer.total >= 8 * 10**9  # J alone is 10⁹ float64
    square = _estimate("X @ X", {"X": (1000, 1000)})
    assert square.total >= 8 * 10**12  # J alone is 10¹² float64


def test_the_tutorial_and_moderate_problems_are_small() -> None:
    seed = _estimate(["x1**2 + 2*x2", "3*x1 + 4*x2**2"], {"x1": (), "x2": ()}, det=True)
    assert seed.total < 10_000
    mid = _estimate("X @ X", {"X": (32, 32)}, det=True)
    assert 8 * 1024 * 1024 <= mid.total < 200 * 2**20  # J is 8 MB; the estimate stays sane


def test_extras_add_their_own_parts() -> None:
    base = _estimate("sin(x)", {"x": (50,)})
    full = _estimate("sin(x)", {"x": (50,)}, rows=True, fd_check=True, det=True, hessian=True)
    names = [p for p, _ in full.parts]
    assert full.total > base.total
    assert any("Hessian" in p for p in names) and any("finite" in p for p in names)
    big_h = _estimate("sin(x)", {"x": (2000,)}, hessian=True)
    assert big_h.largest()[0] == "Hessian"  # m·n² = 8·10⁹ entries


def test_refusal_is_one_line_with_size_budget_and_advice() -> None:
    est = _estimate("X @ X", {"X": (1000, 1000)})
    with pytest.raises(JacdeskError) as info:
        budget.check_fits(est, budget.analysis_advice(est, False), budget=2**30)
    err = info.value
    assert err.about == "memory"
    text = str(err)
    assert "\n" not in text
    assert "1,000,000 × 1,000,000" in text and "1.0 GB" in text and "TB" in text
    assert "smaller shapes" in text


def test_hessian_advice_names_the_hessian() -> None:
    est = _estimate("sin(x)", {"x": (2000,)}, hessian=True)
    with pytest.raises(JacdeskError, match="turn the Hessian off"):
        budget.check_fits(est, budget.analysis_advice(est, True), budget=2**30)


def test_fits_passes_silently() -> None:
    est = _estimate("x**2", {"x": (3,)})
    budget.check_fits(est, "never shown", budget=10**6)


def test_budget_sources_in_order(monkeypatch) -> None:
    default = budget.memory_budget()
    assert default >= budget.MIN_DEFAULT_BUDGET
    assert default <= max(budget.MIN_DEFAULT_BUDGET, budget.available_memory())
    monkeypatch.setenv("JACDESK_MEMORY_BUDGET", "512M")
    assert budget.memory_budget() == 512 * 2**20
    budget.set_memory_budget(10**6)  # the user's setting wins over the environment
    assert budget.memory_budget() == 10**6
    budget.set_memory_budget(None)
    assert budget.memory_budget() == 512 * 2**20


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4G", 4 * 2**30),
        ("512M", 512 * 2**20),
        ("1000", 1000),
        ("1.5GiB", int(1.5 * 2**30)),
        ("2kb", 2048),
        ("1e9", 10**9),
    ],
)
def test_parse_bytes(text, expected) -> None:
    assert budget.parse_bytes(text) == expected


@pytest.mark.parametrize("text", ["", "lots", "-1G", "4Q", "0"])
def test_parse_bytes_refuses_nonsense(text) -> None:
    with pytest.raises(JacdeskError):
        budget.parse_bytes(text)


def test_format_bytes() -> None:
    assert budget.format_bytes(512) == "512 B"
    assert budget.format_bytes(8 * 10**12) == "7.3 TB"
    assert budget.format_bytes(1536 * 2**20) == "1.5 GB"


def test_grid_estimate_grows_with_points() -> None:
    prog = build_program("outer(x, x)", {"x": (300,)})
    small = budget.estimate_grid(prog, 100, 2)
    large = budget.estimate_grid(prog, 40_000, 2)
    assert large.total > 100 * small.total
