"""The once-set: the first sighting of a key within its window."""

from __future__ import annotations

import pytest

from gateway.state import InProcessOnceSet


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_key_is_new_once_within_its_window():
    clock = Clock()
    seen = InProcessOnceSet(60, clock=clock)
    assert seen.first_time("litekart:evt_1")
    assert not seen.first_time("litekart:evt_1")
    assert seen.first_time("litestore:evt_1")
    clock.now += 61
    assert seen.first_time("litekart:evt_1")


def test_it_holds_at_most_max_keys():
    seen = InProcessOnceSet(60, max_keys=3)
    for n in range(10):
        assert seen.first_time(str(n))
    assert len(seen) == 3


def test_bounds_must_be_positive():
    with pytest.raises(ValueError):
        InProcessOnceSet(0)
