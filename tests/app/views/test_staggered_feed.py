"""A large result reaches the shown view at once and the hidden views one per event-loop
turn; a view the user switches to gets it at once; a newer result replaces what waits."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from PySide6.QtWidgets import QWidget

from jacdesk.app.views.staggered_feed import STAGGER_CELLS, StaggeredFeed
from jacdesk.core import engine


class _View(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.got: list[int] = []

    def show_result(self, result) -> None:
        self.got.append(result.generation)


def _result(n: int, generation: int):
    """An n×n J, tagged with a request generation."""
    r = engine.analyze("2 * x", {"x": np.ones(n)}, symbolic=False)
    return dataclasses.replace(r, generation=generation)


@pytest.fixture
def views(qtbot):
    made = [_View() for _ in range(4)]
    for v in made:
        qtbot.addWidget(v)
    return made


def test_even_a_small_result_goes_to_the_shown_view_first(qtbot, views):
    # The seed's hidden views take ~10 ms together: the numbers the user looks at come first.
    feed = StaggeredFeed(lambda: views[1])
    small = _result(3, 1)
    assert small.jacobian.size > STAGGER_CELLS
    feed.feed(views, small)
    assert views[1].got == [1] and feed.pending() == 3
    qtbot.waitUntil(lambda: feed.pending() == 0)
    assert [v.got for v in views] == [[1]] * 4


def test_a_large_result_goes_to_the_shown_view_first_then_one_per_turn(qtbot, views):
    feed = StaggeredFeed(lambda: views[2])
    big = _result(70, 5)
    assert big.jacobian.size > STAGGER_CELLS
    feed.feed(views, big)
    assert views[2].got == [5] and feed.pending() == 3
    assert all(v.got == [] for k, v in enumerate(views) if k != 2)
    qtbot.waitUntil(lambda: feed.pending() == 0, timeout=5_000)
    assert [v.got for v in views] == [[5]] * 4  # each exactly once


def test_switching_to_a_waiting_view_gives_it_the_result_now(qtbot, views):
    feed = StaggeredFeed(lambda: views[0])
    feed.feed(views, _result(70, 7))
    feed.bring_forward(views[3])
    assert views[3].got == [7]
    qtbot.waitUntil(lambda: feed.pending() == 0, timeout=5_000)
    assert views[3].got == [7]  # not fed twice


def test_a_newer_result_replaces_the_one_still_waiting(qtbot, views):
    feed = StaggeredFeed(lambda: views[0])
    feed.feed(views, _result(70, 1))
    feed.feed(views, _result(70, 2))
    qtbot.waitUntil(lambda: feed.pending() == 0, timeout=5_000)
    assert views[0].got == [1, 2]
    assert all(v.got == [2] for v in views[1:])  # the older one never reached a hidden view
