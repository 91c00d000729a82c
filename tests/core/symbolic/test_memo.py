"""The in-process memo of symbolic results: the same question asked again is answered here,
with exactly the result the sympy child gave; a changed value or a timeout is not reused."""

from __future__ import annotations

import numpy as np
import torch

import jacdesk
from jacdesk.core.symbolic import memo


def _seed(x):
    return torch.stack([x[0] ** 2 + 2 * x[1], 3 * x[0] + 4 * x[1] ** 2])


def test_keys_see_every_value_bit_for_bit():
    x = {"x": np.array([1.0, 2.0])}
    k = memo.key(["x[0]"], x, {}, "row", 5.0)
    assert k == memo.key(("x[0]",), {"x": [1.0, 2.0]}, {}, "row", 5.0)
    assert k != memo.key(["x[0]"], {"x": np.array([1.0, 2.0 + 1e-15])}, {}, "row", 5.0)
    assert k != memo.key(["x[0]"], x, {}, "col", 5.0)
    assert k != memo.key(["x[0]"], x, {"c": 1.0}, "row", 5.0)


def test_only_complete_results_are_kept():
    memo.forget()

    class Result:
        def __init__(self, status):
            self.status = status

    memo.remember(("a",), Result("timeout"))
    assert memo.recall(("a",)) is None
    done = Result("ok")
    memo.remember(("a",), done)
    assert memo.recall(("a",)) is done
    memo.forget()
    assert memo.recall(("a",)) is None


def test_analyze_fn_asked_again_gives_the_same_analysis():
    memo.forget()
    x = torch.tensor([1.0, 2.0], dtype=torch.float64)
    first = jacdesk.analyze_fn(_seed, x)
    again = jacdesk.analyze_fn(_seed, x)
    assert first.symbolic.status == "ok"
    # From the memo, not a second trip to the child: the child's own timing is the first's.
    assert again.symbolic.elapsed_s == first.symbolic.elapsed_s
    assert memo.recall(memo.key(first.expressions, first.point, {}, "row", 5.0)) is not None
    assert again.symbolic.jacobian_text == first.symbolic.jacobian_text
    np.testing.assert_array_equal(again.jacobian, [[2.0, 2.0], [3.0, 16.0]])
    np.testing.assert_array_equal(again.vjp, [5.0, 18.0])
    assert again.check == first.check
    assert again.warnings == first.warnings
    moved = jacdesk.analyze_fn(_seed, torch.tensor([2.0, 1.0], dtype=torch.float64))
    np.testing.assert_array_equal(moved.symbolic.jacobian_at_point, [[4.0, 2.0], [3.0, 8.0]])
