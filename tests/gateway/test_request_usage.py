"""The request's record of upstream usage (its reads and writes), as the upstream client fills it."""

from __future__ import annotations

import httpx
import pytest

from gateway import Source, UpstreamError, request_scope
from gateway import usage as usage_record
from gateway.identity.credentials import StoreCredential
from gateway.usage import UpstreamUsage
from tests.gateway.test_upstream import Store, limits, make_client, replies


@pytest.fixture
def usage():
    usage = UpstreamUsage()
    tokens = request_scope.enter("req-1", usage)
    yield usage
    request_scope.leave(tokens)


async def test_a_read_records_where_it_came_from_its_freshness_and_the_budget(clock, usage):
    store = Store(
        lambda r: httpx.Response(
            200, json={}, headers={"Cache-Control": "max-age=60", **limits(clock, 42)}
        )
    )
    async with make_client(store, clock) as client:
        await client.get_json("/p")
        clock.advance(20)
        await client.get_json("/p")
    record = usage.stores[client.source]
    assert (record.from_store, record.from_cache, record.stale, record.private) == (
        1,
        1,
        False,
        False,
    )
    assert usage.max_age(clock()) == pytest.approx(40)
    assert (record.limit, record.remaining) == (100, 42)
    assert record.reset_at == pytest.approx(clock() - 20 + 60)
    assert usage.cacheable and not usage.private


async def test_the_shortest_freshness_wins(clock, usage):
    def reply(request):
        age = 10 if request.url.path == "/short" else 300
        return httpx.Response(200, json={}, headers={"Cache-Control": f"max-age={age}"})

    async with make_client(Store(reply), clock) as client:
        await client.get_json("/long")
        await client.get_json("/short")
    assert usage.max_age(clock()) == pytest.approx(10)


async def test_a_stale_answer_records_how_stale_and_has_no_freshness_left(clock, usage):
    store = Store(
        replies(
            httpx.Response(200, json={"n": 1}, headers={"Cache-Control": "max-age=10"}),
            httpx.Response(503),
        )
    )
    async with make_client(store, clock) as client:
        await client.get_json("/p")
        clock.advance(25)
        served = await client.get_json("/p")
    assert served.stale
    record = usage.stores[client.source]
    assert record.stale and record.stale_for_s == pytest.approx(15)
    assert usage.max_age(clock()) == 0
    ext = usage.extensions(clock())[client.source.name]
    assert ext["stale"] is True and ext["staleSeconds"] == 15.0


async def test_a_users_read_and_a_store_marked_private_read_are_private(clock, usage):
    def reply(request):
        marked = "private, max-age=30" if request.url.path == "/mine" else "max-age=30"
        return httpx.Response(200, json={}, headers={"Cache-Control": marked})

    async with make_client(Store(reply), clock) as client:
        await client.get_json("/public")
        assert not usage.private
        await client.get_json("/mine")
        assert usage.private
    other = UpstreamUsage()
    tokens = request_scope.enter("req-2", other)
    try:
        async with make_client(Store(reply), clock) as client:
            user = StoreCredential(
                "rewards-user", identity="u1", headers={"livelike-user-token": "user-token-1"}
            )
            await client.get_json("/public", credential=user)
    finally:
        request_scope.leave(tokens)
    assert other.private


async def test_failures_and_writes_make_the_answer_not_reusable(clock, usage):
    async with make_client(Store(lambda r: httpx.Response(500)), clock) as client:
        with pytest.raises(UpstreamError):
            await client.get_json("/p")
    assert usage.stores[client.source].failures == 1 and not usage.cacheable

    writes = UpstreamUsage()
    tokens = request_scope.enter("req-3", writes)
    try:
        async with make_client(Store(lambda r: httpx.Response(201, json={})), clock) as client:
            await client.send_json("POST", "/orders", {"n": 1})
    finally:
        request_scope.leave(tokens)
    assert writes.stores[client.source].writes == 1 and not writes.cacheable


async def test_the_request_id_is_sent_on_each_call(clock, usage):
    store = Store()
    async with make_client(store, clock) as client:
        await client.get_json("/p")
        await client.send_json("POST", "/p", {})
    assert [r.headers["x-request-id"] for r in store.requests] == ["req-1", "req-1"]


async def test_outside_a_request_nothing_is_recorded_or_sent(clock):
    store = Store()
    async with make_client(store, clock) as client:
        await client.get_json("/p")
    assert "x-request-id" not in store.requests[0].headers
    assert usage_record.current() is None


def test_the_extensions_name_each_store_and_its_budget():
    usage = UpstreamUsage()
    assert usage.extensions(0.0) == {} and not usage.touched and usage.max_age(0.0) is None
    record = usage._store(Source.REWARDS)
    record.from_store, record.limit, record.remaining, record.reset_at = 2, 300, 7, 1_700_000_030.0
    assert usage.extensions(1_700_000_000.0) == {
        "REWARDS": {
            "fromStore": 2,
            "fromCache": 0,
            "stale": False,
            "rateLimit": {
                "limit": 300,
                "remaining": 7,
                "resetAt": "2023-11-14T22:13:50+00:00",
                "resetSeconds": 30,
            },
        }
    }
