"""Budgets under load: permits shared by every request, 404s remembered, a per-request
call budget, a per-caller limit, stale answers when a store is slow, and readiness
that a store's trouble cannot take down. Call counts come from the stores' stats."""

from __future__ import annotations

import asyncio
import statistics
import time
from collections import Counter
from typing import Any

from gateway.identity import Role
from gateway.settings import Settings
from gateway.sources import Source
from tests.graph.conftest import TEST_JWT_SECRET, Graph, make_graph

LOOKUP = "query ($id: ID!) { litestore { product(id: $id) { name } } }"
FAN_OUT = """query ($ids: [ID!]!) { nodes(ids: $ids) { ... on LitestoreProduct { name } } }"""
LIST = "query ($n: Int!) { litestore { products(first: $n) { nodes { name } } } }"


def product_gid(n: int) -> str:
    from schema.ids import encode_id

    return encode_id("LitestoreProduct", "litestore", f"prod-{n:03d}")


def outcome(body: dict[str, Any]) -> str:
    """What a client got: data, stale data, or RATE_LIMITED with a retryAfter."""
    errors = body.get("errors") or []
    for error in errors:
        ext = error["extensions"]
        assert ext["code"] == "RATE_LIMITED", error
        assert ext["retryAfter"] >= 1, error
    if errors:
        return "rate_limited"
    if body.get("extensions", {}).get("stale"):
        return "stale"
    return "data"


async def test_600_requests_from_8_clients_never_meet_a_store_429() -> None:
    graph = await make_graph(Settings.from_env({"STOREGRAPH_CALLER_RATE_LIMIT": "0"}))
    try:
        await graph.configure(Source.LITESTORE, rate_limit={"limit": 20, "window_s": 20})

        def request(client: int, n: int) -> tuple[str, dict[str, Any]]:
            kind = (client + n) % 3
            if kind == 0:
                return LOOKUP, {"id": f"prod-{(client * 7 + n) % 60 + 1:03d}"}
            if kind == 1:
                return FAN_OUT, {"ids": [product_gid((n + i) % 60 + 1) for i in range(8)]}
            return LIST, {"n": 10 + n % 5}

        async def client(number: int) -> Counter[str]:
            seen: Counter[str] = Counter()
            for n in range(75):
                query, variables = request(number, n)
                seen[outcome(await graph.query(query, variables))] += 1
            return seen

        results = await asyncio.gather(*(client(i) for i in range(8)))
        total = sum(results, Counter())
        stats = await graph.stats(Source.LITESTORE)
        metrics = (await graph.client.get("/metrics")).text
    finally:
        await graph.aclose()
    assert sum(total.values()) == 600
    assert total["data"] > 0 and total["rate_limited"] > 0
    # the store allows 20 per window; the gateway keeps 2 back and never overruns it
    assert stats["total"] <= 18, stats
    assert 'status="429"' not in metrics


async def test_unknown_ids_cost_one_call_each_until_the_negative_entry_expires(
    graph: Graph,
) -> None:
    ids = [product_gid(900 + i) for i in range(5)]
    for _ in range(3):
        data = await graph.data(FAN_OUT, {"ids": ids})
        assert data["nodes"] == [None] * 5
    stats = await graph.stats(Source.LITESTORE)
    assert stats["routes"] == {"GET /api/products/{id}": 5}


async def test_a_request_stops_at_its_upstream_call_budget() -> None:
    graph = await make_graph(Settings.from_env({"STOREGRAPH_MAX_UPSTREAM_CALLS": "3"}))
    try:
        ids = [product_gid(i) for i in range(1, 9)]
        body = await graph.query(FAN_OUT, {"ids": ids})
        codes = Counter(e["extensions"]["code"] for e in body["errors"])
        found = [n for n in body["data"]["nodes"] if n is not None]
        assert len(found) == 3 and codes == {"UPSTREAM_CALL_LIMIT_EXCEEDED": 5}
        assert all(e["extensions"]["limit"] == 3 for e in body["errors"])
        assert (await graph.stats(Source.LITESTORE))["total"] == 3
    finally:
        await graph.aclose()


async def test_one_caller_is_held_to_its_own_rate() -> None:
    graph = await make_graph(
        Settings.from_env(
            {
                "STOREGRAPH_CALLER_RATE_LIMIT": "5",
                "STOREGRAPH_CALLER_RATE_WINDOW_S": "60",
                "STOREGRAPH_JWT_SECRET": TEST_JWT_SECRET,
            }
        )
    )
    body = {"query": LIST, "variables": {"n": 1}}
    try:
        statuses = []
        for _ in range(7):
            response = await graph.client.post("/graphql", json=body)
            statuses.append(response.status_code)
        assert statuses == [200] * 5 + [429] * 2  # the limit is 5 per window
        assert 1 <= int(response.headers["retry-after"]) <= 60
        [error] = response.json()["errors"]
        assert error["extensions"]["code"] == "RATE_LIMITED"
        assert error["extensions"]["limit"] == 5
        # a token nobody verified is not a new caller: still this address's count
        forged = {"livelike-user-token": "made-up", "authorization": "Bearer not-a-jwt"}
        response = await graph.client.post("/graphql", json=body, headers=forged)
        assert response.status_code == 429
        # a verified operator is a caller of its own
        operator = {"authorization": f"Bearer {graph.mint(Role.STAFF, subject='ops-1')}"}
        response = await graph.client.post("/graphql", json=body, headers=operator)
        assert response.status_code == 200
        assert (await graph.stats(Source.LITESTORE))["total"] == 1  # refused ones cost nothing
        assert (await graph.client.get("/healthz")).status_code == 200  # only GraphQL counts
    finally:
        await graph.aclose()


async def test_a_slow_store_serves_warm_requests_stale_and_fast() -> None:
    graph = await make_graph(
        Settings.from_env({"STOREGRAPH_LITESTORE_TTL_S": "1", "STOREGRAPH_CALLER_RATE_LIMIT": "0"})
    )
    try:
        ids = [f"prod-{n:03d}" for n in range(1, 11)]
        warm = " ".join(f'p{i}: product(id: "{pid}") {{ name }}' for i, pid in enumerate(ids))
        await graph.data(f"{{ litestore {{ {warm} }} }}")  # one request warms all ten
        await asyncio.sleep(1.1)  # every entry is now stale (TTL 1 s), kept 10 s more
        await graph.configure(Source.LITESTORE, latency_ms=7000)
        elapsed, baseline = [], []
        for product_id in ids:
            started = time.perf_counter()
            body = await graph.query(LOOKUP, {"id": product_id})
            elapsed.append(time.perf_counter() - started)
            assert body["data"]["litestore"]["product"]["name"]
            assert body["extensions"]["stale"] == ["LITESTORE"]
            started = time.perf_counter()
            await graph.data("{ __typename }")  # the same stack, waiting for no store
            baseline.append(time.perf_counter() - started)
        # against the hang (7 s), net of what this machine takes to answer at all
        assert statistics.median(elapsed) - statistics.median(baseline) < 0.5, elapsed
    finally:
        await graph.aclose()


async def test_readiness_stays_200_with_a_store_down_and_answers_while_one_hangs(
    graph: Graph,
) -> None:
    await graph.configure(Source.FRESHSTORE, fail_next={"count": 1000, "status": 503})
    await graph.configure(Source.CATALOG, latency_ms=5000)  # its probe hangs
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        assert (await graph.client.get("/healthz")).status_code == 200
        baseline = time.perf_counter() - started  # what this machine takes to answer at all
        started = time.perf_counter()
        response = await graph.client.get("/readyz")
        timings.append(time.perf_counter() - started - baseline)
        assert response.status_code == 200
        assert response.json()["ready"] is True
    assert min(timings) < 0.1, timings  # while Catalog's probe hangs for 5 s
    stores = response.json()["stores"]
    assert stores["catalog"] == {"ready": False, "code": "CHECKING"}
    assert stores["freshstore"]["ready"] is False
    assert stores["litestore"] == {"ready": True}
