"""The upstream calls of a request, shown on request when the gateway allows it."""

from __future__ import annotations

from gateway.settings import Settings
from tests.graph.conftest import TEST_JWT_SECRET, make_graph

QUERY = '{ litestore { product(id: "prod-012") { name reviews(first: 2) { totalCount } } } }'
TRACE = {"storegraph-trace": "upstream"}


async def test_the_calls_a_query_made_come_back_when_asked_and_allowed() -> None:
    graph = await make_graph(
        Settings.from_env(
            {"STOREGRAPH_TRACE_UPSTREAM": "1", "STOREGRAPH_JWT_SECRET": TEST_JWT_SECRET}
        )
    )
    try:
        body = await graph.query(QUERY, headers=TRACE)
        calls = body["extensions"]["upstreamCalls"]
        assert len(calls) == await graph.calls() == 2
        assert {c["source"] for c in calls} == {"litestore"}
        for c in calls:
            assert c["method"] == "GET" and c["status"] == 200
            assert 0 <= c["startMs"] <= c["endMs"]
            assert c["storeMs"] is not None and c["storeMs"] >= 0
            assert set(c) == {"source", "method", "startMs", "endMs", "status", "storeMs"}
        # asked again: answered from the cache, so no call was made
        again = await graph.query(QUERY, headers=TRACE)
        assert again.get("extensions", {}).get("upstreamCalls", []) == []
        assert again["data"] == body["data"]
        assert "upstreamCalls" not in (await graph.query(QUERY)).get("extensions", {})  # not asked
    finally:
        await graph.aclose()


async def test_no_trace_unless_the_gateway_allows_it(graph) -> None:
    body = await graph.query(QUERY, headers=TRACE)
    # the usual per-store summary (extensions.upstream), never the calls' trace
    assert "upstreamCalls" not in body.get("extensions", {})
    assert body["extensions"]["upstream"]["LITESTORE"]["fromStore"] == 2
    assert body["data"]["litestore"]["product"]["name"]
