"""Issue: the core engine — analyze() against torch.func on hand-written functions."""

from __future__ import annotations

import numpy as np
import torch
from harness import Case

import jacdesk

EXAMPLE = ["x1**2 + 2*x2", "3*x1 + 4*x2**2"]


def _example(x: torch.Tensor) -> torch.Tensor:
    return torch.stack([x[0] ** 2 + 2 * x[1], 3 * x[0] + 4 * x[1] ** 2])


def cases() -> list[Case]:
    x = torch.tensor([1.0, 2.0], dtype=torch.float64)
    example_baselines = {
        "jacrev": lambda: torch.func.jacrev(_example)(x),
        "jacfwd": lambda: torch.func.jacfwd(_example)(x),
    }
    rng = np.random.default_rng(0)
    points = [{"x1": float(a), "x2": float(b)} for a, b in rng.uniform(-3, 3, size=(64, 2))]
    counter = iter(range(10**9))

    def full():
        # A new point each call, as when a slider moves: the symbolic J is derived once and
        # then only evaluated at the point in the warm sympy process.
        return jacdesk.analyze(EXAMPLE, points[next(counter) % 64], symbolic=True)

    def numeric():
        return jacdesk.analyze(EXAMPLE, points[next(counter) % 64], symbolic=False)

    big = rng.standard_normal((32, 32))
    big_t = torch.tensor(big)

    def square(m: torch.Tensor) -> torch.Tensor:
        return m @ m

    x256, a256 = rng.standard_normal((256, 256)), rng.standard_normal((256, 256))
    x256_t, a256_t = torch.tensor(x256), torch.tensor(a256)

    def quad(m: torch.Tensor) -> torch.Tensor:
        return torch.trace(m.T @ a256_t @ m)

    def plain_backward() -> torch.Tensor:
        leaf = x256_t.clone().requires_grad_(True)
        quad(leaf).backward()
        return leaf.grad

    grad_baselines = {
        "torch.func.grad": lambda: torch.func.grad(quad)(x256_t),
        "backward": plain_backward,
        "jacrev": lambda: torch.func.jacrev(quad)(x256_t),
    }
    return [
        Case(
            "gradient of trace(X.T @ A @ X), X 256x256",
            lambda: jacdesk.analyze("trace(X.T @ A @ X)", {"X": x256}, {"A": a256}, symbolic=False),
            "plain torch",
            grad_baselines,
            60,
            "ratio <= 1.5",
        ),
        Case(
            "analyze example, full (symbolic)",
            full,
            "torch.func",
            example_baselines,
            150,
            "full pipeline < 25 ms",
        ),
        Case(
            "analyze example, numeric only",
            numeric,
            "torch.func",
            example_baselines,
            300,
            "ratio <= 3",
        ),
        Case(
            "analyze X @ X, X 32x32 (J 1024x1024)",
            lambda: jacdesk.analyze("X @ X", {"X": big}),
            "torch.func",
            {
                "jacrev": lambda: torch.func.jacrev(square)(big_t),
                "jacfwd": lambda: torch.func.jacfwd(square)(big_t),
            },
            60,
            "ratio <= 1.5",
        ),
    ]
