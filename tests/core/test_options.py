"""One ComputeOptions through analyze, sessions and the CLI."""

from __future__ import annotations

import pytest

from jacdesk.core.conventions import COL, DENOMINATOR, ComputeOptions
from jacdesk.core.engine import analyze
from jacdesk.core.errors import JacdeskError
from jacdesk.core.sessions.session import Session

X = {"X": [[1.0, 2.0], [3.0, 4.0]]}


def test_analyze_takes_the_options_object() -> None:
    opts = ComputeOptions(vec=COL, layout=DENOMINATOR, hessian=True, symbolic=False)
    by_options = analyze("X @ X", X, options=opts)
    by_keywords = analyze("X @ X", X, vec="col", layout="denominator", hessian=True, symbolic=False)
    assert (by_options.vec, by_options.layout) == ("col", "denominator")
    assert by_options.symbolic is None and by_options.hessian is not None
    assert by_options.to_dict()["jacobian"] == by_keywords.to_dict()["jacobian"]


def test_a_keyword_that_contradicts_the_options_is_refused() -> None:
    with pytest.raises(JacdeskError, match=r"conflicts with options\.vec"):
        analyze("X @ X", X, vec="col", options=ComputeOptions(symbolic=False))


def test_session_options_round_trip() -> None:
    opts = ComputeOptions(vec=COL, hessian=True, symbolic=False)
    s = Session.from_options(opts, expressions=("X @ X",), variables=X)
    assert s.options == opts
    assert s.analyze().vec == "col"
    assert s.analyze(vec="row").vec == "row"  # a keyword still overrides the session's own
