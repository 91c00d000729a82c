"""Tracing a callable into jacdesk's language, and the numbers of one that cannot be."""

from __future__ import annotations

import numpy as np
import pytest
import torch

import jacdesk
from jacdesk.core.diff.callable_numeric import analyze_callable
from jacdesk.core.diff.trace_fn import as_inputs, input_names, trace

F64 = torch.float64


def test_names_come_from_the_signature_and_avoid_jacdesk_s_own() -> None:
    assert input_names(lambda r, theta: r, 2) == ["r", "theta"]
    assert input_names(lambda e, sum: e, 2) == ["e_", "sum_"]
    assert input_names(lambda *xs: xs[0], 2) == ["x1", "x2"]
    assert input_names(torch.sin, 1) in (["input"], ["x"])


@pytest.mark.parametrize(
    ("fn", "point", "expected"),
    [
        (lambda x: 2 * x[0] + x[1] ** 2, [[1.0, 2.0]], ("2 * x[0] + x[1] ** 2",)),
        (lambda x: torch.stack([x.sum(), x.prod()]), [[1.0, 2.0]], ("sum(x)", "x[0] * x[1]")),
        (lambda X: torch.softmax(X, dim=0), [[[1.0, 2.0], [3.0, 4.0]]], ("softmax(X.T).T",)),
        (lambda x: torch.nn.functional.softplus(x, beta=2.0), [[1.0]], ("softplus(2 * x) / 2",)),
        (lambda a, b: torch.outer(a, b) - 1, [[1.0, 2.0], [3.0]], ("outer(a, b) - 1",)),
    ],
)
def test_operations_are_written_as_jacdesk_expressions(fn, point, expected) -> None:
    traced = trace(fn, as_inputs(point))
    assert traced.unmapped is None
    assert traced.expressions == expected


@pytest.mark.parametrize(
    ("fn", "op"),
    [
        (lambda x: x.clamp(0, 1), "aten.clamp"),
        (lambda x: torch.where(x > 0, x, -x), "aten.gt"),
        (lambda x: x.detach() * x, "aten.detach"),
        (lambda x: torch.div(x, 2, rounding_mode="floor"), "div with rounding_mode"),
        (lambda x: torch.linalg.norm(x, ord=1), "a norm with ord=1"),
    ],
)
def test_the_first_unmapped_operation_is_named(fn, op) -> None:
    traced = trace(fn, as_inputs([[1.0, -2.0]]))
    assert traced.expressions is None
    assert op in traced.unmapped


def test_a_callable_that_raises_is_reported_not_raised() -> None:
    def broken(x):
        raise RuntimeError("boom")

    traced = trace(broken, as_inputs([[1.0]]))
    assert (
        traced.expressions is None and "tracing it failed (RuntimeError: boom)" in traced.unmapped
    )


def test_callable_numbers_follow_the_conventions_like_analyze() -> None:
    fn = lambda X: X @ X  # noqa: E731
    X = [[1.0, 2.0], [3.0, 4.0]]
    for vec in ("row", "col"):
        for layout in ("numerator", "denominator"):
            ours = analyze_callable(
                fn,
                as_inputs([X]),
                ["X"],
                vec=vec,
                layout=layout,
                vjp=[1, 2, 3, 4],
                jvp=[1, 0, 0, 1],
                hessian=True,
            )
            theirs = jacdesk.analyze(
                "X @ X",
                {"X": X},
                vec=vec,
                layout=layout,
                vjp=[1, 2, 3, 4],
                jvp=[1, 0, 0, 1],
                hessian=True,
                symbolic=False,
            )
            a, b = ours.to_dict(), theirs.to_dict()
            for key in ("jacobian", "vjp", "jvp", "rows_by_backward", "hessian", "v", "u"):
                assert np.allclose(a[key], b[key], rtol=1e-12), (vec, layout, key)
            assert a["determinant"] == pytest.approx(b["determinant"], rel=1e-12)
            assert (a["input_labels"], a["output_labels"]) == (
                b["input_labels"],
                b["output_labels"],
            )
            assert ours.check.fd_ok is True
