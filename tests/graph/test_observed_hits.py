"""An answer from the whole-response cache is still an operation: counted, logged and
traced; the cache's and APQ's lookups are counted where they are answered; in-flight
operations are counted while they run."""

from __future__ import annotations

import asyncio
import hashlib
from typing import Any

import pytest
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from gateway.metrics import Metrics
from gateway.sources import Source
from tests.conftest import Logged
from tests.graph.conftest import Graph, make_graph

PRODUCT = 'query Lamp { litestore { product(id: "prod-001") { name } } }'


def metrics_of(graph: Graph) -> Metrics:
    return graph.client._transport.app.state.runtime.metrics  # type: ignore[attr-defined]


@pytest.fixture
async def traced() -> Any:
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    graph = await make_graph(tracer_provider=provider)
    yield graph, exporter
    await graph.aclose()
    provider.shutdown()


async def test_a_whole_response_cache_hit_is_counted_logged_and_traced(
    traced: Any, logged: Logged
) -> None:
    graph, exporter = traced
    metrics = metrics_of(graph)
    exporter.clear()
    first = await graph.client.post("/graphql", json={"query": PRODUCT})
    calls = await graph.calls(Source.LITESTORE)
    second = await graph.client.post("/graphql", json={"query": PRODUCT})
    assert (
        second.json()["data"]
        == first.json()["data"]
        == {
            "litestore": {"product": {"name": first.json()["data"]["litestore"]["product"]["name"]}}
        }
    )
    assert await graph.calls(Source.LITESTORE) == calls  # the hit called no store

    assert metrics.value("storegraph_response_cache_total", result="miss") == 1
    assert metrics.value("storegraph_response_cache_total", result="hit") == 1
    ok = {"operation": "Lamp", "type": "query", "outcome": "ok"}
    assert metrics.value("storegraph_graphql_requests_total", **ok) == 2
    assert metrics.value("storegraph_graphql_request_seconds_count", operation="Lamp") == 2
    assert metrics.value("storegraph_graphql_in_flight") == 0

    executed, answered = logged.lines("request")
    assert executed["operation"] == answered["operation"] == "Lamp"
    assert executed["response_cache"] == {"miss": 1} and answered["response_cache"] == {"hit": 1}
    assert answered["request_id"] == second.headers["x-request-id"]
    assert executed["upstream"] == {"litestore": {"calls": calls, "cache_hits": 0}}
    assert "upstream" not in answered  # nothing was read for it

    spans = [s for s in exporter.get_finished_spans() if s.name == "query Lamp"]
    assert [s.attributes["storegraph.response_cache"] for s in spans] == ["miss", "hit"]
    miss, hit = spans
    assert miss.attributes["storegraph.upstream.calls"] == calls
    assert "storegraph.upstream.calls" not in hit.attributes
    digest = hashlib.sha256(PRODUCT.encode()).hexdigest()
    assert hit.attributes["graphql.document.sha256"] == digest
    assert hit.attributes["graphql.operation.name"] == "Lamp"
    assert hit.attributes["storegraph.identity"] == "anonymous"
    under_hit = [
        s
        for s in exporter.get_finished_spans()
        if s.parent and s.parent.span_id == hit.context.span_id
    ]
    assert under_hit == []  # no upstream call under it


async def test_an_unnamed_hit_is_counted_as_anonymous(graph) -> None:
    metrics = metrics_of(graph)
    for _ in range(2):
        await graph.data('{ litestore { product(id: "prod-002") { name } } }')
    assert metrics.value("storegraph_response_cache_total", result="hit") == 1
    assert (
        metrics.value(
            "storegraph_graphql_requests_total", operation="anonymous", type="query", outcome="ok"
        )
        == 2
    )


async def test_apq_lookups_are_counted_hit_and_miss(graph) -> None:
    metrics = metrics_of(graph)
    query = "query Apq { __typename }"
    digest = hashlib.sha256(query.encode()).hexdigest()
    extensions = {"persistedQuery": {"version": 1, "sha256Hash": digest}}
    unknown = await graph.client.post("/graphql", json={"extensions": extensions})
    assert unknown.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"
    assert metrics.value("storegraph_apq_total", result="miss") == 1
    registered = await graph.client.post(
        "/graphql", json={"query": query, "extensions": extensions}
    )
    assert registered.json()["data"] == {"__typename": "Query"}
    assert metrics.value("storegraph_apq_total", result="hit") == 0  # sent with its query
    by_hash = await graph.client.post("/graphql", json={"extensions": extensions})
    assert by_hash.json()["data"] == {"__typename": "Query"}
    assert metrics.value("storegraph_apq_total", result="hit") == 1
    assert metrics.value("storegraph_apq_total", result="miss") == 1


async def test_an_operation_is_in_flight_while_it_waits_for_a_store() -> None:
    held = asyncio.Event()
    release = asyncio.Event()

    def hold(app: Any) -> Any:
        async def held_app(scope: Any, receive: Any, send: Any) -> None:
            if scope["type"] == "http" and scope["path"].startswith("/api/products/"):
                held.set()
                await release.wait()
            await app(scope, receive, send)

        return held_app

    graph = await make_graph(wrap={Source.LITESTORE: hold})
    try:
        metrics = metrics_of(graph)
        running = asyncio.ensure_future(graph.data(PRODUCT))
        await asyncio.wait_for(held.wait(), 30)
        assert metrics.value("storegraph_graphql_in_flight") == 1
        release.set()
        assert (await running)["litestore"]["product"]["name"]
        assert metrics.value("storegraph_graphql_in_flight") == 0
    finally:
        release.set()
        await graph.aclose()
