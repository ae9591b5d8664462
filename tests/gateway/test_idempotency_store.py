"""The in-process idempotency store: one owner per key, replays for the same request,
refusal of a reused key, waiting twins, release, expiry and its bound."""

from __future__ import annotations

import asyncio

import pytest

from gateway.state.idempotency import MemoryIdempotencyStore, Owner, Replay, Reused


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


async def test_the_first_claim_owns_the_key_and_later_ones_replay_its_record() -> None:
    store = MemoryIdempotencyStore()
    owner = await store.claim("k", "same")
    assert isinstance(owner, Owner)
    owner.finish({"kind": "done", "body": 1})
    assert await store.claim("k", "same") == Replay({"kind": "done", "body": 1})


async def test_a_key_used_for_another_request_is_refused() -> None:
    store = MemoryIdempotencyStore()
    owner = await store.claim("k", "first")
    assert isinstance(await store.claim("k", "second"), Reused)  # while in flight
    assert isinstance(owner, Owner)
    owner.finish({"kind": "done"})
    assert isinstance(await store.claim("k", "second"), Reused)  # and after


async def test_a_concurrent_twin_waits_for_the_owner_and_replays() -> None:
    store = MemoryIdempotencyStore()
    owner = await store.claim("k", "same")
    assert isinstance(owner, Owner)
    twin = asyncio.ensure_future(store.claim("k", "same"))
    await asyncio.sleep(0)
    assert not twin.done()
    owner.finish({"kind": "done", "body": "first"})
    assert await twin == Replay({"kind": "done", "body": "first"})


async def test_a_released_key_may_be_claimed_again() -> None:
    store = MemoryIdempotencyStore()
    owner = await store.claim("k", "same")
    twin = asyncio.ensure_future(store.claim("k", "same"))
    await asyncio.sleep(0)
    assert isinstance(owner, Owner)
    owner.release()
    assert isinstance(await twin, Owner)  # the waiting twin becomes the owner
    assert len(store) == 0


async def test_records_expire_and_are_bounded() -> None:
    clock = Clock()
    store = MemoryIdempotencyStore(ttl_s=10, max_keys=2, clock=clock)
    for key in ("a", "b", "c"):
        owner = await store.claim(key, "h")
        assert isinstance(owner, Owner)
        owner.finish({"kind": "done", "key": key})
    assert len(store) == 2  # the oldest went first
    assert isinstance(await store.claim("a", "h"), Owner)
    clock.now = 11
    assert isinstance(await store.claim("c", "h"), Owner)  # expired


def test_bounds_must_be_positive() -> None:
    with pytest.raises(ValueError):
        MemoryIdempotencyStore(ttl_s=0)
    with pytest.raises(ValueError):
        MemoryIdempotencyStore(max_keys=0)
