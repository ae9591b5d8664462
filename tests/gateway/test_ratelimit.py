import asyncio

import pytest

from gateway import RateLimited, RateLimitRegistry, RateLimitReserve, RateLimitState, Source
from gateway.ratelimit import Permit, parse_reset, parse_retry_after

NOW = 1_700_000_000.0


def headers(limit=100, remaining=50, reset=NOW + 60):
    return {
        "x-ratelimit-limit": str(limit),
        "x-ratelimit-remaining": str(remaining),
        "x-ratelimit-reset": str(int(reset)),
    }


def test_update_from_headers():
    state = RateLimitState()
    state.update(headers(remaining=95), NOW)
    assert (state.limit, state.remaining, state.reset) == (100, 95, NOW + 60)
    assert not state.is_low(NOW)
    assert state.seconds_to_reset(NOW + 10) == 50
    assert state.seconds_to_reset(NOW + 100) == 0


def test_low_uses_fraction_and_floor():
    state = RateLimitState(reserve=RateLimitReserve(fraction=0.1, minimum=2))
    state.update(headers(limit=100, remaining=11), NOW)
    assert not state.is_low(NOW)
    state.update(headers(limit=100, remaining=10), NOW)
    assert state.is_low(NOW)
    small = RateLimitState(reserve=RateLimitReserve(fraction=0.1, minimum=2))
    small.update(headers(limit=10, remaining=2), NOW)
    assert small.is_low(NOW)
    assert not small.is_low(NOW + 61)  # window over


def test_exhausted_until_reset():
    state = RateLimitState()
    state.update(headers(remaining=0), NOW)
    assert state.is_exhausted(NOW + 59)
    assert not state.is_exhausted(NOW + 60)


def test_out_of_order_responses_never_raise_remaining_within_a_window():
    state = RateLimitState()
    state.update(headers(remaining=40), NOW)
    state.update(headers(remaining=42), NOW + 1)
    assert state.remaining == 40
    state.update(headers(remaining=99, reset=NOW + 120), NOW + 61)  # new window
    assert state.remaining == 99


def test_429_sets_remaining_zero_and_honours_retry_after():
    state = RateLimitState()
    state.update({"retry-after": "30"}, NOW, status=429)
    assert state.remaining == 0
    assert state.is_exhausted(NOW + 29)
    assert state.seconds_to_reset(NOW) == 30


def test_reset_formats():
    assert parse_reset("1700000100", NOW) == 1_700_000_100
    assert parse_reset("30", NOW) == NOW + 30
    assert parse_reset("2023-11-14T22:15:00Z", NOW) == 1_700_000_100
    assert parse_reset("garbage", NOW) is None
    assert parse_retry_after("Tue, 14 Nov 2023 22:14:00 GMT", NOW) == 40
    assert parse_retry_after("5", NOW) == 5


def test_registry_is_keyed_by_source_and_fingerprint(clock):
    registry = RateLimitRegistry(clock=clock)
    registry.update(Source.LITEKART, "a", headers(remaining=0, reset=clock() + 60))
    assert registry.state(Source.LITEKART, "a").is_exhausted(clock())
    assert registry.state(Source.LITEKART, "b").remaining is None
    assert registry.state(Source.CATALOG, "a").remaining is None


async def test_permits_are_remaining_minus_reserve_minus_in_flight(clock):
    registry = RateLimitRegistry(reserve=RateLimitReserve(0.1, 2), clock=clock)
    registry.update(Source.LITESTORE, "k", headers(limit=20, remaining=7, reset=clock() + 20))
    held = [await registry.acquire(Source.LITESTORE, "k", timeout_s=5) for _ in range(5)]
    with pytest.raises(RateLimited) as refused:  # 7 left, 2 kept back, 5 in flight
        await registry.acquire(Source.LITESTORE, "k", timeout_s=5)
    assert refused.value.retry_after == 20.0
    held[0].release(headers(limit=20, remaining=6, reset=clock() + 20))
    held[0].release(headers(limit=20, remaining=6, reset=clock() + 20))  # once only
    assert registry.state(Source.LITESTORE, "k").in_flight == 4
    with pytest.raises(RateLimited):  # the answer spent the permit it gave back
        await registry.acquire(Source.LITESTORE, "k", timeout_s=5)
    clock.advance(21)  # the window reset: a fresh 20, less the reserve and the 4 in flight
    more = [await registry.acquire(Source.LITESTORE, "k", timeout_s=5) for _ in range(14)]
    assert len(more) == 14
    with pytest.raises(RateLimited):
        await registry.acquire(Source.LITESTORE, "k", timeout_s=5)


async def test_an_unknown_budget_sends_the_reserve_and_the_rest_wait_for_an_answer(clock):
    registry = RateLimitRegistry(reserve=RateLimitReserve(0.1, 2), clock=clock)
    first = await registry.acquire(Source.LITEKART, "k", timeout_s=5)
    second = await registry.acquire(Source.LITEKART, "k", timeout_s=5)  # the reserve: 2
    waiting = [
        asyncio.ensure_future(registry.acquire(Source.LITEKART, "k", timeout_s=5)) for _ in range(4)
    ]
    await asyncio.sleep(0)
    assert not any(w.done() for w in waiting)
    first.release(headers(limit=6, remaining=5, reset=clock() + 60))  # 5 left, 2 kept back
    outcomes = await asyncio.gather(*waiting, return_exceptions=True)
    assert sum(isinstance(o, Permit) for o in outcomes) == 2  # 5 - 2 - the one still out
    assert sum(isinstance(o, RateLimited) for o in outcomes) == 2
    second.release(headers(limit=6, remaining=4, reset=clock() + 60))


async def test_a_probe_waited_on_past_the_deadline_is_rate_limited(clock):
    registry = RateLimitRegistry(reserve=RateLimitReserve(0, 1), clock=clock)
    await registry.acquire(Source.LITEKART, "k", timeout_s=5)
    with pytest.raises(RateLimited):
        await registry.acquire(Source.LITEKART, "k", timeout_s=0.01)


async def test_a_store_without_rate_limit_headers_is_not_held_back(clock):
    registry = RateLimitRegistry(clock=clock)
    (await registry.acquire(Source.FRESHSTORE, "k", timeout_s=5)).release({})
    held = [await registry.acquire(Source.FRESHSTORE, "k", timeout_s=5) for _ in range(50)]
    assert len(held) == 50


async def test_a_call_without_an_answer_counts_as_spent(clock):
    registry = RateLimitRegistry(reserve=RateLimitReserve(0, 0), clock=clock)
    registry.update(Source.LITESTORE, "k", headers(limit=10, remaining=1, reset=clock() + 60))
    (await registry.acquire(Source.LITESTORE, "k", timeout_s=5)).release()
    assert registry.state(Source.LITESTORE, "k").remaining == 0
