"""Practice mode: every exercise has an answer jacdesk computes, checked with a tolerance."""

from __future__ import annotations

import json

import numpy as np
import pytest

from jacdesk.core.content.exercises import EXERCISES, KINDS, check_answer, expected
from jacdesk.core.errors import JacdeskError


def test_at_least_twelve_exercises_in_two_languages() -> None:
    assert len(EXERCISES) >= 12 and len({e.key for e in EXERCISES}) == len(EXERCISES)
    for e in EXERCISES:
        assert e.kind in KINDS and e.prompt_en and e.prompt_zh and e.prompt_en != e.prompt_zh


@pytest.mark.parametrize("ex", EXERCISES, ids=lambda e: e.key)
def test_every_exercise_accepts_its_computed_answer_and_rejects_a_wrong_one(ex) -> None:
    want = expected(ex)
    if ex.kind == "mode":
        right, wrong = want, "forward" if want == "reverse" else "reverse"
    else:
        arr = np.asarray(want, dtype=float)
        right, wrong = json.dumps(arr.tolist()), json.dumps((arr + 1).tolist())
    good, bad = check_answer(ex, right), check_answer(ex, wrong)
    assert good.correct and good.worked == ""
    assert not bad.correct and "J =" in bad.worked


def test_seed_answers_match_the_seed() -> None:
    by_key = {e.key: e for e in EXERCISES}
    np.testing.assert_array_equal(expected(by_key["seed-grad-ones"]), [5, 18])
    np.testing.assert_array_equal(expected(by_key["seed-jacobian"]), [[2, 2], [3, 16]])
    assert expected(by_key["seed-det"]) == pytest.approx(26.0)
    assert check_answer(by_key["seed-grad-ones"], "[5.0000001, 18]").correct  # tolerance
    assert check_answer(by_key["mode-many-inputs"], "反向").correct


def test_wrong_answer_shows_the_worked_chain_rule() -> None:
    result = check_answer(EXERCISES[0], "[5, 19]")
    assert "x2.grad = Σᵢ vᵢ ∂fᵢ/∂x2 = 1·2 + 1·16 = 18" in result.worked


def test_unreadable_answer_is_one_line_error() -> None:
    with pytest.raises(JacdeskError) as err:
        check_answer(EXERCISES[0], "__import__('os')")
    assert "\n" not in str(err.value)
