import asyncio

import httpx
import pytest

from gateway import (
    BadUpstreamRequest,
    BearerAuth,
    Forbidden,
    GatewayError,
    Metrics,
    NotFound,
    OAuthClientCredentials,
    RateLimited,
    RetryPolicy,
    Settings,
    Source,
    Unauthenticated,
    UpstreamClient,
    UpstreamError,
    UpstreamTimeout,
    UpstreamUnavailable,
)
from gateway.identity import Caller, Requirement, RewardsUser, StoreCredential, credential_for
from gateway.limits import calls
from gateway.settings import BROWSER_USER_AGENT
from gateway.upstream import plain_headers

API_KEY = "sk-live-SECRET-123"


class Store:
    """A MockTransport handler: answers with ``reply(request)`` and records requests."""

    def __init__(self, reply=None):
        self.reply = reply or (lambda request: httpx.Response(200, json={"data": []}))
        self.requests: list[httpx.Request] = []

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        result = self.reply(request)
        if asyncio.iscoroutine(result):
            result = await result
        return result

    @property
    def calls(self) -> int:
        return len(self.requests)


def replies(*responses):
    """A reply function answering ``responses`` in turn (exceptions are raised)."""
    queue = list(responses)

    def reply(request):
        outcome = queue.pop(0) if len(queue) > 1 else queue[0]
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    return reply


def make_client(store, clock, *, source=Source.LITEKART, settings=None, **kwargs):
    settings = settings or Settings()
    kwargs.setdefault("auth", BearerAuth(API_KEY))
    kwargs.setdefault(
        "retry", RetryPolicy(attempts=settings.retry_attempts, clock=clock, wall_clock=clock)
    )
    return UpstreamClient(
        source,
        settings,
        transport=httpx.MockTransport(store),
        base_url="http://store.test",
        clock=clock,
        monotonic=clock,
        **kwargs,
    )


def limits(clock, remaining, limit=100, reset_in=60):
    return {
        "X-RateLimit-Limit": str(limit),
        "X-RateLimit-Remaining": str(remaining),
        "X-RateLimit-Reset": str(int(clock() + reset_in)),
    }


# --------------------------------------------------------------------------- cache


async def test_cache_hit_makes_no_call(clock):
    store = Store()
    async with make_client(store, clock) as client:
        first = await client.get_json("/api/products", {"page": 1, "limit": 10})
        second = await client.get_json("/api/products", {"limit": "10", "page": "1"})
    assert store.calls == 1
    assert (first.from_cache, second.from_cache) == (False, True)
    assert second.json == {"data": []}
    assert store.requests[0].headers["authorization"] == f"Bearer {API_KEY}"


async def test_max_age_is_honoured(clock):
    store = Store(lambda r: httpx.Response(200, json={}, headers={"Cache-Control": "max-age=10"}))
    async with make_client(store, clock) as client:
        await client.get_json("/p")
        clock.advance(9)
        await client.get_json("/p")
        assert store.calls == 1
        clock.advance(2)
        await client.get_json("/p")
        assert store.calls == 2


async def test_no_store_is_not_cached(clock):
    store = Store(lambda r: httpx.Response(200, json={}, headers={"Cache-Control": "no-store"}))
    async with make_client(store, clock) as client:
        await client.get_json("/p")
        await client.get_json("/p")
    assert store.calls == 2


async def test_etag_revalidation_sends_if_none_match_and_304_refreshes(clock):
    def reply(request):
        if request.headers.get("if-none-match") == '"v1"':
            return httpx.Response(304, headers={"ETag": '"v1"', "Cache-Control": "max-age=60"})
        return httpx.Response(
            200, json={"name": "lamp"}, headers={"ETag": '"v1"', "Cache-Control": "no-cache"}
        )

    store = Store(reply)
    metrics = Metrics()
    async with make_client(store, clock, metrics=metrics) as client:
        await client.get_json("/p/1")
        again = await client.get_json("/p/1")
        assert store.requests[1].headers["if-none-match"] == '"v1"'
        assert again.json == {"name": "lamp"} and again.from_cache and not again.stale
        await client.get_json("/p/1")  # fresh for 60 s after the 304
    assert store.calls == 2
    assert metrics.value("storegraph_cache_hits_total", source="litekart", kind="revalidated") == 1


def rewards_user(token: str) -> StoreCredential:
    caller = Caller(rewards_user=RewardsUser(token))
    return credential_for(caller, Source.REWARDS, Requirement.of(viewer=[Source.REWARDS]))


async def test_users_never_share_entries_and_the_token_is_forwarded(clock):
    store = Store(lambda r: httpx.Response(200, json={"user": r.headers["livelike-user-token"]}))
    async with make_client(store, clock, source=Source.REWARDS) as client:
        alice = await client.get_json("/api/orders", credential=rewards_user("alice"))
        bob = await client.get_json("/api/orders", credential=rewards_user("bob"))
        alice_again = await client.get_json("/api/orders", credential=rewards_user("alice"))
    assert (alice.json, bob.json, alice_again.json) == (
        {"user": "alice"},
        {"user": "bob"},
        alice.json,
    )
    assert store.calls == 2


async def test_cache_disabled_bypasses_cache_and_coalescing(clock):
    gate = asyncio.Event()

    async def reply(request):
        await gate.wait()
        return httpx.Response(200, json={})

    store = Store(reply)
    async with make_client(store, clock, settings=Settings(cache_enabled=False)) as client:
        pending = [asyncio.ensure_future(client.get_json("/p")) for _ in range(3)]
        await asyncio.sleep(0)
        gate.set()
        await asyncio.gather(*pending)
        await client.get_json("/p")
    assert store.calls == 4


# --------------------------------------------------------------------------- budgets


async def test_low_budget_serves_cache_until_reset_without_calling(clock):
    store = Store(
        lambda r: httpx.Response(
            200, json={"n": 1}, headers={"Cache-Control": "max-age=1", **limits(clock, 5)}
        )
    )
    async with make_client(store, clock) as client:
        await client.get_json("/p")
        clock.advance(30)  # stale, and only 5 of 100 left (reserve 10)
        served = await client.get_json("/p")
        assert served.from_cache and served.stale and served.json == {"n": 1}
        assert store.calls == 1
        clock.advance(31)  # window reset
        await client.get_json("/p")
        assert store.calls == 2


async def test_exhausted_without_cache_is_rate_limited_without_calling(clock):
    store = Store(
        lambda r: httpx.Response(
            200, json={}, headers={"Cache-Control": "no-store", **limits(clock, 0)}
        )
    )
    async with make_client(store, clock) as client:
        await client.get_json("/p")
        clock.advance(15)
        with pytest.raises(RateLimited) as info:
            await client.get_json("/p")
    assert store.calls == 1
    assert info.value.extensions() == {
        "code": "RATE_LIMITED",
        "source": "LITEKART",
        "retryAfter": 45.0,
    }


async def test_concurrent_reads_never_spend_past_the_reserve(clock):
    """Twenty concurrent distinct reads against 8 remaining (reserve 2): 6 calls go out,
    the rest are refused without calling — no read ever meets a 429."""
    left = {"n": 8}
    gate = asyncio.Event()

    async def reply(request):
        if request.url.path != "/warm":
            await gate.wait()
        left["n"] -= 1
        if left["n"] < 0:
            return httpx.Response(429, headers={"Retry-After": "30"})
        return httpx.Response(200, json={}, headers=limits(clock, left["n"], limit=20))

    store = Store(reply)
    async with make_client(store, clock) as client:
        await client.get_json("/warm")  # learns the budget: 7 left
        pending = [asyncio.ensure_future(client.get_json(f"/p/{i}")) for i in range(20)]
        await asyncio.sleep(0.01)
        gate.set()
        outcomes = await asyncio.gather(*pending, return_exceptions=True)
    ok = [o for o in outcomes if not isinstance(o, BaseException)]
    refused = [o for o in outcomes if isinstance(o, RateLimited)]
    assert (len(ok), len(refused)) == (5, 15)  # 7 left, 2 kept back
    assert all(o.retry_after == 60.0 for o in refused)
    assert store.calls == 6 and left["n"] >= 0


async def test_a_404_is_remembered_briefly(clock):
    store = Store(lambda r: httpx.Response(404, json={"error": {"message": "no"}}))
    settings = Settings.from_env({"STOREGRAPH_NEGATIVE_TTL_S": "10"})
    async with make_client(store, clock, settings=settings) as client:
        for _ in range(3):
            with pytest.raises(NotFound):
                await client.get_json("/p/404")
        assert store.calls == 1
        clock.advance(11)
        with pytest.raises(NotFound):
            await client.get_json("/p/404")
        assert store.calls == 2
        client.cache.invalidate(Source.LITEKART, "/p")  # a write creating it
        with pytest.raises(NotFound):
            await client.get_json("/p/404")
        assert store.calls == 3


async def test_negative_caching_can_be_turned_off(clock):
    store = Store(lambda r: httpx.Response(404, json={}))
    settings = Settings.from_env({"STOREGRAPH_NEGATIVE_TTL_S": "0"})
    async with make_client(store, clock, settings=settings) as client:
        for _ in range(2):
            with pytest.raises(NotFound):
                await client.get_json("/p/404")
    assert store.calls == 2


async def test_the_request_call_budget_stops_calls_and_serves_stale(clock):
    store = Store(
        lambda r: httpx.Response(
            200, json={"p": r.url.path}, headers={"Cache-Control": "max-age=1"}
        )
    )
    async with make_client(store, clock) as client:
        await client.get_json("/cached")
        clock.advance(5)  # stale now
        with calls.opened(2) as budget:
            await client.get_json("/a")
            await client.get_json("/b")
            with pytest.raises(calls.CallLimitExceeded) as refused:
                await client.get_json("/c")
            stale = await client.get_json("/cached")
        assert stale.stale and stale.json == {"p": "/cached"}
        assert budget.spent == 2 and budget.stale == {Source.LITEKART}
        assert refused.value.extensions()["code"] == "UPSTREAM_CALL_LIMIT_EXCEEDED"
        assert refused.value.extensions()["limit"] == 2
    assert store.calls == 3


async def test_a_slow_store_serves_the_stale_entry_and_refreshes_behind(clock):
    slow = {"on": False}
    version = {"n": 0}

    async def reply(request):
        if slow["on"]:
            await asyncio.sleep(0.3)
        version["n"] += 1
        return httpx.Response(200, json={"v": version["n"]}, headers={"Cache-Control": "max-age=1"})

    store = Store(reply)
    settings = Settings.from_env({"STOREGRAPH_STALE_IF_SLOW_MS": "20"})
    async with make_client(store, clock, settings=settings) as client:
        assert (await client.get_json("/p")).json == {"v": 1}
        clock.advance(5)
        slow["on"] = True
        with calls.opened(10) as budget:
            served = await client.get_json("/p")
        assert served.stale and served.json == {"v": 1} and budget.stale == {Source.LITEKART}
        await asyncio.sleep(0.4)  # the refresh finished behind the answer
        slow["on"] = False
        fresh = await client.get_json("/p")
        assert not fresh.stale and fresh.json == {"v": 2}
    assert store.calls == 2


# --------------------------------------------------------------------------- coalescing


async def test_ten_concurrent_identical_gets_make_one_call(clock):
    gate = asyncio.Event()

    async def reply(request):
        await gate.wait()
        return httpx.Response(200, json={"id": 1})

    store = Store(reply)
    metrics = Metrics()
    async with make_client(store, clock, metrics=metrics) as client:
        pending = [asyncio.ensure_future(client.get_json("/p/1")) for _ in range(10)]
        await asyncio.sleep(0.001)
        gate.set()
        results = await asyncio.gather(*pending)
    assert store.calls == 1
    assert all(r.json == {"id": 1} for r in results)
    assert metrics.value("storegraph_cache_hits_total", source="litekart", kind="coalesced") == 9


async def test_coalesced_failure_reaches_every_awaiter(clock):
    gate = asyncio.Event()

    async def reply(request):
        await gate.wait()
        return httpx.Response(404, json={"error": {"message": "nope"}})

    store = Store(reply)
    async with make_client(store, clock) as client:
        pending = [asyncio.ensure_future(client.get_json("/p/9")) for _ in range(3)]
        await asyncio.sleep(0.001)
        gate.set()
        results = await asyncio.gather(*pending, return_exceptions=True)
    assert store.calls == 1
    assert all(isinstance(r, NotFound) for r in results)


# --------------------------------------------------------------------------- retries


async def test_retries_503_then_succeeds(clock):
    store = Store(replies(httpx.Response(503), httpx.Response(200, json={"ok": 1})))
    async with make_client(store, clock) as client:
        assert (await client.get_json("/p")).json == {"ok": 1}
    assert store.calls == 2


async def test_429_retry_waits_retry_after(clock):
    delays = []

    def waited(attempt, delay, outcome):  # the wait is skipped in tests: time moves on
        delays.append(delay)
        clock.advance(delay)

    retry = RetryPolicy(clock=clock, wall_clock=clock, on_retry=waited)
    store = Store(
        replies(httpx.Response(429, headers={"Retry-After": "3"}), httpx.Response(200, json={}))
    )
    async with make_client(store, clock, retry=retry) as client:
        await client.get_json("/p")
    assert store.calls == 2 and delays == [3.0]


async def test_gives_up_after_attempts(clock):
    store = Store(lambda r: httpx.Response(502))
    async with make_client(store, clock, settings=Settings(retry_attempts=4)) as client:
        with pytest.raises(UpstreamError):
            await client.get_json("/p")
    assert store.calls == 4


async def test_gives_up_before_the_deadline(clock):
    store = Store(lambda r: httpx.Response(429, headers={"Retry-After": "30"}))
    async with make_client(store, clock) as client:
        with pytest.raises(RateLimited) as info:
            await client.get_json("/p", deadline=clock() + 10)
    assert store.calls == 1
    assert info.value.retry_after == 30.0


async def test_passed_deadline_makes_no_call(clock):
    store = Store()
    async with make_client(store, clock) as client:
        with pytest.raises(UpstreamTimeout):
            await client.get_json("/p", deadline=clock() - 1)
    assert store.calls == 0


# --------------------------------------------------------------------------- store down


@pytest.mark.parametrize(
    "failure", [httpx.ConnectError("refused"), httpx.Response(503), httpx.ReadTimeout("slow")]
)
async def test_store_down_serves_a_stale_entry(clock, failure):
    store = Store(
        replies(httpx.Response(200, json={"n": 1}, headers={"Cache-Control": "max-age=5"}), failure)
    )
    async with make_client(store, clock) as client:
        await client.get_json("/p")
        clock.advance(10)
        served = await client.get_json("/p")
    assert served.from_cache and served.stale and served.json == {"n": 1}
    assert store.calls == 1 + Settings().retry_attempts


# --------------------------------------------------------------------------- auth


async def test_token_expired_refreshes_and_retries_once(clock):
    tokens = {"n": 0}

    def reply(request):
        path = request.url.path
        if path == "/api/v1/auth/token":
            return httpx.Response(
                200,
                json={"data": {"access_token": "a1", "refresh_token": "r1", "expires_in": 3600}},
            )
        if path == "/api/v1/auth/refresh":
            tokens["n"] += 1
            return httpx.Response(
                200,
                json={"data": {"access_token": "a2", "refresh_token": "r2", "expires_in": 3600}},
            )
        if request.headers["authorization"] == "Bearer a1":
            return httpx.Response(
                401,
                json={
                    "status": "error",
                    "error": {"code": "token_expired", "message": "Token has expired"},
                },
            )
        return httpx.Response(200, json={"status": "success", "data": [1]})

    store = Store(reply)
    auth = OAuthClientCredentials("cid", "csecret", clock=clock)
    async with make_client(store, clock, source=Source.CATALOG, auth=auth) as client:
        response = await client.get_json("/api/v1/products")
    assert response.json == {"status": "success", "data": [1]}
    assert [r.url.path for r in store.requests] == [
        "/api/v1/auth/token",
        "/api/v1/products",
        "/api/v1/auth/refresh",
        "/api/v1/products",
    ]


async def test_persistent_401_is_unauthenticated_after_one_retry(clock):
    def reply(request):
        if request.url.path.startswith("/api/v1/auth"):
            return httpx.Response(200, json={"data": {"access_token": "a", "expires_in": 3600}})
        return httpx.Response(401, json={"error": {"code": "token_expired"}})

    store = Store(reply)
    auth = OAuthClientCredentials("cid", "csecret", clock=clock)
    async with make_client(store, clock, source=Source.CATALOG, auth=auth) as client:
        with pytest.raises(Unauthenticated):
            await client.get_json("/api/v1/products")
    assert [r.url.path for r in store.requests].count("/api/v1/products") == 2


async def test_freshstore_sends_a_browser_user_agent(clock):
    store = Store()
    async with make_client(store, clock, source=Source.FRESHSTORE) as client:
        await client.get_json("/api/products")
    assert store.requests[0].headers["user-agent"] == BROWSER_USER_AGENT


# --------------------------------------------------------------------------- errors

RAW = f"Traceback (most recent call last): db password=hunter2 key={API_KEY}"


@pytest.mark.parametrize(
    ("status", "body", "error", "message"),
    [
        (404, {"error": {"code": "NOT_FOUND", "message": RAW}}, NotFound, "Not found"),
        (401, {"error": {"message": RAW}}, Unauthenticated, None),
        (403, {"message": "This token does not have write access."}, Forbidden, None),
        (
            400,
            {"error": {"code": "VALIDATION_ERROR", "message": "limit must be <= 100"}},
            BadUpstreamRequest,
            "limit must be <= 100",
        ),
        (
            422,
            {"success": False, "message": f"Bad key {API_KEY} for field price"},
            BadUpstreamRequest,
            "Bad key *** for field price",
        ),
        (400, RAW, BadUpstreamRequest, "The store rejected the request"),
        (429, {"error": {"message": RAW}}, RateLimited, None),
        (500, {"error": {"message": RAW}}, UpstreamError, None),
        (502, RAW, UpstreamError, None),
        (503, RAW, UpstreamError, None),
        (504, RAW, UpstreamTimeout, None),
    ],
)
async def test_error_mapping_never_leaks(clock, status, body, error, message):
    def reply(request):
        if isinstance(body, str):
            return httpx.Response(status, text=body)
        return httpx.Response(status, json=body)

    metrics = Metrics()
    store = Store(reply)
    async with make_client(store, clock, metrics=metrics) as client:
        with pytest.raises(error) as info:
            await client.get_json("/p")
    exc = info.value
    if message is not None:
        assert exc.message == message
    for leaked in (API_KEY, "hunter2", "Traceback"):
        assert leaked not in exc.message and leaked not in str(exc.extensions())
    assert metrics.value("storegraph_upstream_errors_total", source="litekart", code=exc.code) == 1


@pytest.mark.parametrize(
    ("exception", "error"),
    [
        (httpx.ConnectError("[Errno 111] Connection refused"), UpstreamUnavailable),
        (httpx.ConnectTimeout("connect timeout"), UpstreamTimeout),
        (httpx.ReadTimeout("read timeout"), UpstreamTimeout),
        (httpx.RemoteProtocolError("bad framing"), UpstreamError),
    ],
)
async def test_transport_failures_map_to_errors(clock, exception, error):
    store = Store(replies(exception))
    async with make_client(store, clock) as client:
        with pytest.raises(error) as info:
            await client.get_json("/p")
    assert type(info.value) is error
    assert "Errno" not in info.value.message
    assert isinstance(info.value, GatewayError)


async def test_unparseable_success_is_an_upstream_error(clock):
    store = Store(lambda r: httpx.Response(200, text="<html>WAF says no</html>"))
    async with make_client(store, clock) as client:
        with pytest.raises(UpstreamError) as info:
            await client.get_json("/p")
    assert "WAF" not in info.value.message


async def test_custom_parse_error_hook(clock):
    store = Store(lambda r: httpx.Response(422, json={"errs": ["name is required"]}))

    def parse(response):
        return "invalid", response.json()["errs"][0]

    async with make_client(store, clock, parse_error=parse) as client:
        with pytest.raises(BadUpstreamRequest) as info:
            await client.get_json("/p")
    assert info.value.message == "name is required"
    assert info.value.upstream_code == "invalid"


# --------------------------------------------------------------------------- writes


async def test_writes_are_not_cached_and_invalidate(clock):
    store = Store(lambda r: httpx.Response(201 if r.method == "POST" else 200, json={"id": 7}))
    async with make_client(store, clock) as client:
        await client.get_json("/api/orders", tags=["orders"])
        await client.get_json("/api/products/1", tags=["product:1"])
        created = await client.send_json(
            "POST", "/api/orders", {"item": 1}, invalidate=["/api/orders"]
        )
        await client.send_json("PUT", "/api/products/1", {"x": 1}, invalidate=["product:1"])
        await client.get_json("/api/orders", tags=["orders"])
        await client.get_json("/api/products/1")
    assert created.status == 201 and not created.from_cache
    assert [f"{r.method} {r.url.path}" for r in store.requests] == [
        "GET /api/orders",
        "GET /api/products/1",
        "POST /api/orders",
        "PUT /api/products/1",
        "GET /api/orders",
        "GET /api/products/1",
    ]


async def test_post_is_not_retried_once_it_may_have_reached_the_store(clock):
    store = Store(lambda r: httpx.Response(503))
    async with make_client(store, clock) as client:
        with pytest.raises(UpstreamError):
            await client.send_json("POST", "/api/orders", {})
    assert store.calls == 1


async def test_post_is_retried_when_the_connection_never_opened(clock):
    store = Store(replies(httpx.ConnectError("refused"), httpx.Response(201, json={"id": 1})))
    async with make_client(store, clock) as client:
        response = await client.send_json(
            "POST", "/api/orders", {"a": 1}, credential=rewards_user("u1")
        )
    assert response.json == {"id": 1} and store.calls == 2
    assert store.requests[-1].headers["livelike-user-token"] == "u1"


async def test_failed_write_keeps_the_cache(clock):
    store = Store(lambda r: httpx.Response(400 if r.method == "POST" else 200, json={}))
    async with make_client(store, clock) as client:
        await client.get_json("/api/orders")
        with pytest.raises(BadUpstreamRequest):
            await client.send_json("POST", "/api/orders", {}, invalidate=["/api/orders"])
        await client.get_json("/api/orders")
    assert store.calls == 2


# --------------------------------------------------------------------------- metrics


async def test_metrics_after_calls(clock):
    store = Store(lambda r: httpx.Response(200, json={}, headers=limits(clock, 77)))
    metrics = Metrics()
    async with make_client(store, clock, metrics=metrics) as client:
        await client.get_json("/p")
        await client.get_json("/p")
    text = metrics.render().decode()
    assert (
        'storegraph_upstream_requests_total{method="GET",source="litekart",status="200"} 1.0'
        in text
    )
    assert 'storegraph_cache_misses_total{source="litekart"} 1.0' in text
    assert 'storegraph_cache_hits_total{kind="fresh",source="litekart"} 1.0' in text
    assert 'storegraph_rate_limit_remaining{source="litekart"} 77.0' in text
    assert 'storegraph_upstream_latency_seconds_count{source="litekart"} 1.0' in text


async def test_a_store_cookie_never_rides_along_on_a_later_call(clock):
    """One caller's answer setting a cookie must not reach the store on anyone's next call."""
    store = Store(
        lambda r: httpx.Response(200, json={}, headers={"set-cookie": "session=alice; Path=/"})
    )
    async with make_client(store, clock) as client:
        await client.get_json("/api/me", credential=rewards_user("alice"))
        await client.get_json("/api/products")
        await client.send_json("POST", "/api/carts", {})
    assert [r.headers.get("cookie") for r in store.requests] == [None, None, None]


def test_repeated_answer_headers_are_read_joined():
    headers = httpx.Headers([("Cache-Control", "max-age=60"), ("cache-control", "private")])
    assert plain_headers(headers) == {"cache-control": "max-age=60, private"}


async def test_a_call_sends_the_clients_headers_then_its_own_each_name_once(clock):
    """The exchange sends what ``AsyncClient.request`` would: the client's headers, the
    auth's, the call's (a later one of the same name, in any case, replaces an earlier)."""
    store = Store()
    async with make_client(store, clock, source=Source.FRESHSTORE) as client:
        await client.get_json("/api/products", {"page": 2}, headers={"ACCEPT": "text/csv"})
        await client.send_json("POST", "/api/carts", {"sku": "a"})
    read, write = store.requests
    names = [name.lower() for name, _ in read.headers.raw]
    assert len(names) == len(set(names))
    assert read.headers["user-agent"] == BROWSER_USER_AGENT
    assert read.headers["accept"] == "text/csv"
    assert read.headers["authorization"] == f"Bearer {API_KEY}"
    assert "gzip" in read.headers["accept-encoding"]
    assert str(read.url) == "http://store.test/api/products?page=2"
    assert write.headers["accept"] == "application/json"
    assert write.headers["content-type"] == "application/json"
    assert httpx.Response(200, content=write.content).json() == {"sku": "a"}


async def test_a_redirect_is_not_followed(clock):
    """A store's redirect is its answer (httpx's default), never a call to another URL."""
    store = Store(lambda r: httpx.Response(302, headers={"location": "http://elsewhere.test/"}))
    async with make_client(store, clock) as client:
        with pytest.raises(GatewayError):
            await client.get_json("/api/products")
    assert [str(r.url) for r in store.requests] == ["http://store.test/api/products"]
