"""The per-request record of upstream usage: levels, critical path, store timing."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from gateway.errors import UpstreamUnavailable
from gateway.settings import Settings
from gateway.sources import Source
from gateway.upstream import UpstreamClient
from gateway.usage import UpstreamCall, UpstreamUsage, current, recording, store_time_ms


def call(started: float, ended: float, store_ms: float | None = 1.0) -> UpstreamCall:
    return UpstreamCall(Source.LITESTORE, "GET", started, ended, 200, store_ms)


def test_independent_calls_are_one_level_and_a_call_after_them_is_the_next() -> None:
    usage = UpstreamUsage(started=0.0)
    assert usage.levels() == 0
    usage.calls += [call(0.0, 1.0), call(0.1, 0.9), call(0.2, 1.5)]
    assert usage.levels() == 1
    usage.add(call(1.2, 2.0))  # sent after the first two were answered, before the third
    assert usage.levels() == 2  # /a and /b together, then /down
    usage.add(call(2.1, 3.0))
    assert usage.levels() == 3


def test_the_critical_path_is_the_heaviest_chain_of_dependent_calls() -> None:
    usage = UpstreamUsage(started=0.0)
    usage.calls += [call(0.0, 1.0, 4.0), call(0.0, 1.0, 9.0), call(1.1, 2.0, 2.0)]
    assert usage.critical_path(lambda c: 10 + (c.store_ms or 0)) == 19 + 12
    assert usage.critical_path(lambda c: 1.0) == 2


def test_store_time_is_read_from_server_timing() -> None:
    assert store_time_ms({"server-timing": "app;dur=1.25"}) == 1.25
    assert store_time_ms({"server-timing": "db;dur=3, app;desc=x;dur=0.5"}) == 0.5
    assert store_time_ms({"server-timing": "db;dur=3"}) is None
    assert store_time_ms({"server-timing": "app;dur=soon"}) is None
    assert store_time_ms({}) is None


def test_the_record_shown_to_a_client_has_times_from_the_request_start_and_no_path() -> None:
    usage = UpstreamUsage(started=10.0)
    usage.add(UpstreamCall(Source.CATALOG, "GET", 10.5, 10.75, 200, 0.25))
    assert usage.as_json() == [
        {
            "source": "catalog",
            "method": "GET",
            "startMs": 500.0,
            "endMs": 750.0,
            "status": 200,
            "storeMs": 0.25,
        }
    ]


async def test_a_client_adds_each_exchange_to_the_current_record_and_only_there() -> None:
    async def store(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/down":
            raise httpx.ConnectError("refused", request=request)
        await asyncio.sleep(0.01)  # /a and /b are in flight together
        return httpx.Response(200, json={"ok": True}, headers={"server-timing": "app;dur=2"})

    settings = Settings(cache_enabled=False, retry_attempts=1)
    client = UpstreamClient(
        Source.LITEKART, settings, transport=httpx.MockTransport(store), base_url="http://t"
    )
    async with client:
        await client.get_json("/outside")  # no request is being served: recorded nowhere
        assert current() is None
        with recording() as usage:
            await asyncio.gather(client.get_json("/a"), client.get_json("/b"))
            with pytest.raises(UpstreamUnavailable):
                await client.get_json("/down")
        assert current() is None
    assert [(c.status, c.store_ms) for c in usage.calls] == [(200, 2.0), (200, 2.0), (None, None)]
    assert all(c.source is Source.LITEKART and c.started <= c.ended for c in usage.calls)
    assert usage.levels() == 2  # /a and /b together, then /down


async def test_an_operations_record_is_inside_its_requests_and_keeps_its_own_reads() -> None:
    """One record: the request's sums what each of its operations (a batch) used, while
    each operation keeps only its own reads (what the whole-response cache decides on)."""
    from gateway import request_scope

    async def store(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={}, headers={"cache-control": "max-age=60"})

    client = UpstreamClient(
        Source.CATALOG, Settings(), transport=httpx.MockTransport(store), base_url="http://t"
    )
    request = UpstreamUsage()
    tokens = request_scope.enter("req-1", request)
    try:
        async with client:

            async def operation(path: str) -> UpstreamUsage:
                with recording() as usage:
                    assert current() is usage and usage.parent is request
                    await client.get_json(path)
                    await client.get_json("/shared")
                    return usage

            first, second = await asyncio.gather(operation("/a"), operation("/b"))
            assert current() is request
            await client.get_json("/a")  # fresh in the cache now
    finally:
        request_scope.leave(tokens)
    assert len(first.reads) == len(second.reads) == 2 and len(request.reads) == 5
    assert [c.status for c in request.calls] == [200, 200, 200]  # /shared coalesced: one call
    assert len(first.calls) + len(second.calls) == 3
    assert request.by_store() == {"catalog": {"calls": 3, "cache_hits": 1}}
    assert request.stores[Source.CATALOG].from_store == 4  # the coalesced read shares a body


def test_a_long_lived_record_stops_keeping_calls_one_by_one_but_keeps_counting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A WebSocket connection's record lives as long as the connection: bounded."""
    from gateway import usage as module
    from gateway.cache import Reuse
    from gateway.ratelimit import RateLimitState
    from gateway.upstream import UpstreamResponse

    monkeypatch.setattr(module, "MAX_KEPT", 3)
    record = UpstreamUsage(started=0.0)
    reuse = Reuse(key=None, fresh_until=1e12, revalidate=False, private=False, tags=frozenset())  # type: ignore[arg-type]
    for n in range(5):
        record.add(UpstreamCall(Source.CATALOG, "GET", n, n + 0.5, 200, None))
        response = UpstreamResponse(200, {}, {}, fresh_until=10**12, reuse=reuse)
        record.answered(Source.CATALOG, response, RateLimitState(), False, 0.0)
    assert len(record.calls) == 3 and record.by_store()["catalog"]["calls"] == 5
    assert len(record.reads) == 3 and record.reads[-1] is None  # past the bound: not reusable
    assert record.stores[Source.CATALOG].from_store == 5
