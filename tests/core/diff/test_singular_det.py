"""A singular J says det J = 0 with its rank, decided from the singular values (not by luck)."""

from __future__ import annotations

import math

from jacdesk.cli.main import main
from jacdesk.core.engine import analyze


def test_softmax_is_singular_rank_two_of_three() -> None:
    r = analyze("softmax(z)", {"z": [1.0, 2.0, 0.5]}, symbolic=False)
    assert r.determinant == 0.0 and r.det_sign == 0.0 and r.log_abs_det == -math.inf
    assert r.rank == 2
    assert r.to_dict()["rank"] == 2


def test_the_seed_keeps_its_exact_determinant() -> None:
    r = analyze(["x1**2 + 2*x2", "3*x1 + 4*x2**2"], {"x1": 1, "x2": 2}, symbolic=False)
    assert r.determinant == 26.0 and r.rank == 2


def test_a_tiny_but_regular_j_is_not_called_singular() -> None:
    # Scale is relative: 1e-200 · identity is perfectly invertible.
    r = analyze("1e-100 * x", {"x": [1.0, 2.0]}, symbolic=False)
    assert r.rank == 2 and r.determinant != 0.0


def test_text_output_says_singular(capsys) -> None:
    assert (
        main(
            [
                "jacobian",
                "-e",
                "softmax(z)",
                "--var",
                "z=[1,2,0.5]",
                "--no-symbolic",
                "--format",
                "text",
            ]
        )
        == 0
    )
    assert "det J = 0   (J is singular: rank 2 of 3)" in capsys.readouterr().out


def test_a_python_function_gets_the_same_verdict() -> None:
    import torch

    import jacdesk

    z = torch.tensor([1.0, 2.0, 0.5], dtype=torch.float64)
    r = jacdesk.analyze_fn(lambda z: torch.softmax(z, dim=0), z, symbolic=False)
    assert r.determinant == 0.0 and r.rank == 2
