"""Issue 13: the autograd graph lab — capture (hooks on every node + the real backward) and
layout, against plain ``y.backward(v)`` of the same f built directly in torch, in the same run.
"""

from __future__ import annotations

import torch
from harness import Case

from jacdesk.core.diff.backward_graph import backward_graph
from jacdesk.core.results.graph_layout import layout

SEED = (["x1**2 + 2*x2", "3*x1 + 4*x2**2"], {"x1": 1.0, "x2": 2.0})
# 74 terms sin(k*x1*x2): 297 autograd nodes, just under the summarising threshold (300).
TERMS = 74
BIG = (" + ".join(f"sin({k}*x1*x2)" for k in range(1, TERMS + 1)), {"x1": 1.0, "x2": 2.0})
# Twice as many terms: captured in full, then summarised (collapsed) before the layout.
HUGE = (" + ".join(f"sin({k}*x1*x2)" for k in range(1, 2 * TERMS + 1)), {"x1": 1.0, "x2": 2.0})


def _plain_seed() -> None:
    x = torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True)
    y = torch.stack([x[0] ** 2 + 2 * x[1], 3 * x[0] + 4 * x[1] ** 2])
    y.backward(torch.ones(2, dtype=torch.float64))


def _plain(terms: int) -> None:
    x1 = torch.tensor(1.0, dtype=torch.float64, requires_grad=True)
    x2 = torch.tensor(2.0, dtype=torch.float64, requires_grad=True)
    y = sum(torch.sin(k * x1 * x2) for k in range(1, terms + 1))
    y.backward()


def _lab(exprs, variables) -> None:
    layout(backward_graph(exprs, variables))


def cases() -> list[Case]:
    nodes = len(backward_graph(*BIG).nodes)
    huge = 4 * (2 * TERMS) + 1  # Mul, Mul, Sin, Add per term, one Add fewer, two leaves
    return [
        Case(
            "graph lab: capture + layout, seed",
            lambda: _lab(*SEED),
            "plain torch",
            {"forward + y.backward(v), seed": _plain_seed},
            100,
            "<= 30 ms",
        ),
        Case(
            f"graph lab: capture + layout, {nodes} nodes",
            lambda: _lab(*BIG),
            "plain torch",
            {f"forward + y.backward(v), {nodes} nodes": lambda: _plain(TERMS)},
            20,
            "<= 200 ms",
        ),
        Case(
            f"graph lab: capture + summarise + layout, {huge} nodes",
            lambda: _lab(*HUGE),
            "plain torch",
            {f"forward + y.backward(v), {huge} nodes": lambda: _plain(2 * TERMS)},
            10,
            "no freeze (summarised)",
        ),
    ]
