"""Shared fixtures for the gateway tests: no backoff sleeps, a controllable clock."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from gateway import retry


class FakeClock:
    """A clock that only moves when told to (usable for wall and monotonic time)."""

    def __init__(self, start: float = 1_700_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture(autouse=True)
def _no_backoff_sleep() -> Iterator[None]:
    retry.set_testing(True)
    yield
    retry.set_testing(False)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()
