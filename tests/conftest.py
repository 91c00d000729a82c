"""Fixtures shared by the core and CLI tests: the default memory budget and a hang bound."""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager

import pytest

#: A bound on "no hang" for fuzzed input, far above any honest run; not a timing threshold.
HANG_S = 20


@pytest.fixture
def default_memory_budget(monkeypatch) -> Iterator[None]:
    """The budget as a fresh process has it: no setting, no JACDESK_MEMORY_BUDGET."""
    from jacdesk.core.diff import budget

    monkeypatch.delenv("JACDESK_MEMORY_BUDGET", raising=False)
    budget.set_memory_budget(None)
    yield
    budget.set_memory_budget(None)


@contextmanager
def _alarm() -> Iterator[None]:
    def _hang(signum, frame):
        raise AssertionError(f"no answer within {HANG_S} s")

    old = signal.signal(signal.SIGALRM, _hang)
    signal.alarm(HANG_S)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


@pytest.fixture
def bounded() -> Callable[[], AbstractContextManager[None]]:
    """``with bounded(): ...`` fails the test instead of hanging past :data:`HANG_S`."""
    return _alarm
