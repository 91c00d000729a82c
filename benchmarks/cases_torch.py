"""Issue: bring your own PyTorch — reading the seed's script, and analyze_fn on a callable.

Reading is measured against ``ast.parse`` of the same text (the floor of any reader) and has
an absolute goal; ``analyze_fn`` after its first call (the trace is cached) against plain
``torch.func.jacrev`` / ``jacfwd`` on the same function, in the same run.
"""

from __future__ import annotations

import ast
import itertools
from pathlib import Path

import torch
from harness import Case

import jacdesk
from jacdesk.core.language.torch_reader import read_torch

SEED_SCRIPT = Path(__file__).resolve().parents[1] / "tests" / "data" / "JacobianTest.py"


def _seed(x: torch.Tensor) -> torch.Tensor:
    return torch.stack([x[0] ** 2 + 2 * x[1], 3 * x[0] + 4 * x[1] ** 2])


def cases() -> list[Case]:
    source = SEED_SCRIPT.read_text(encoding="utf-8")
    x = torch.tensor([1.0, 2.0], dtype=torch.float64)
    jac = {
        "jacrev": lambda: torch.func.jacrev(_seed)(x),
        "jacfwd": lambda: torch.func.jacfwd(_seed)(x),
    }
    jacdesk.analyze_fn(_seed, x)  # the first call traces (make_fx); the cases measure the next ones
    # A point that moves every call: nothing but the trace can be reused (the symbolic forms
    # are re-evaluated by the sympy child at each point).
    moving = itertools.cycle([x + k * 1e-3 for k in range(1, 1000)])
    return [
        Case(
            "read the seed script (JacobianTest.py)",
            lambda: read_torch(source),
            "plain Python",
            {"ast.parse of the same text": lambda: ast.parse(source)},
            300,
            "<= 20 ms",
        ),
        Case(
            "analyze_fn seed lambda, after the first call",
            lambda: jacdesk.analyze_fn(_seed, x),
            "torch.func",
            jac,
            150,
            "ratio <= 2",
        ),
        Case(
            "analyze_fn seed lambda, a new point each call",
            lambda: jacdesk.analyze_fn(_seed, next(moving)),
            "torch.func",
            jac,
            150,
            "ratio <= 2",
        ),
        Case(
            "analyze_fn seed lambda, numeric only",
            lambda: jacdesk.analyze_fn(_seed, x, symbolic=False),
            "torch.func",
            jac,
            300,
            "ratio <= 2",
        ),
    ]
