"""Serving paces the garbage collector: start-up's objects frozen, the young generation
collected less often (the suite's ``_collector_pace_restored`` fixture restores the
interpreter's defaults after the test)."""

from __future__ import annotations

import gc

from gateway.collector import YOUNG_THRESHOLD, pace_for_serving


def test_serving_freezes_start_up_and_raises_the_young_threshold() -> None:
    before = gc.get_threshold()
    pace_for_serving()
    assert gc.get_threshold() == (YOUNG_THRESHOLD, before[1], before[2])
    assert gc.get_freeze_count() > 0
    cycle: list[object] = []
    cycle.append(cycle)  # cyclic garbage is still collected
    del cycle
    assert gc.collect() >= 1


def test_the_next_test_runs_at_the_interpreters_pace() -> None:
    assert gc.get_threshold()[0] != YOUNG_THRESHOLD
    assert gc.get_freeze_count() == 0
