"""Issue 17: the precision sweep (float32 vs float64 J, FD against 13 steps) for n, m ≤ 10,
and the cost measurement, against plain torch's jacrev of the same f in the same run.
"""

from __future__ import annotations

import numpy as np
import torch
from harness import Case

from jacdesk.core.diff.cost import cost
from jacdesk.core.diff.precision import precision

SEED = (["x1**2 + 2*x2", "3*x1 + 4*x2**2"], {"x1": 1.0, "x2": 2.0})
# R^10 -> R^10: ten scalar outputs mixing sin, exp and products of the ten inputs.
TEN = (
    [f"sin(x[{i}])*exp(x[{(i + 1) % 10}]) + x[{i}]*x[{(i + 3) % 10}]" for i in range(10)],
    {"x": np.linspace(0.1, 1.0, 10)},
)


def _plain_jacrev_ten() -> None:
    x = torch.linspace(0.1, 1.0, 10, dtype=torch.float64)

    def f(x: torch.Tensor) -> torch.Tensor:
        return torch.sin(x) * torch.exp(x.roll(-1)) + x * x.roll(-3)

    torch.func.jacrev(f)(x)


def cases() -> list[Case]:
    return [
        Case(
            "precision sweep, seed (2×2)",
            lambda: precision(*SEED),
            "plain torch",
            {"jacrev of the same f, 10×10": _plain_jacrev_ten},
            50,
            "<= 200 ms",
        ),
        Case(
            "precision sweep, 10×10",
            lambda: precision(*TEN),
            "plain torch",
            {"jacrev of the same f, 10×10": _plain_jacrev_ten},
            30,
            "<= 200 ms",
        ),
        Case(
            "cost measurement, 10×10 (5 strategies)",
            lambda: cost(*TEN),
            "plain torch",
            {"jacrev of the same f, 10×10": _plain_jacrev_ten},
            3,
            "<= 2 s",
        ),
    ]
