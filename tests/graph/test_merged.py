"""The cross-store roots over all five stores: merged products and orders,
paging completeness, filters, partial failure, rate limits and cache freshness."""

from __future__ import annotations

import asyncio
from decimal import Decimal
from typing import Any

import pytest

from gateway.settings import Settings
from gateway.sources import Source
from tests.graph.conftest import Graph, make_graph

PRODUCTS = """
query ($first: Int!, $after: String, $filter: ProductFilter, $sort: ProductSort) {
  products(first: $first, after: $after, filter: $filter, sort: $sort) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage endCursor }
    edges { cursor node { id source sourceId name createdAt price { amount currency }
                          priceIn(currency: "USD") { amount } } }
  }
}
"""


async def walk(graph: Graph, **variables: Any) -> tuple[list[dict[str, Any]], list[int | None]]:
    """Every product of the merged list, page by page; and each page's totalCount."""
    nodes: list[dict[str, Any]] = []
    totals: list[int | None] = []
    after = None
    for _ in range(200):
        data = await graph.data(PRODUCTS, {"first": 100, "after": after, **variables})
        page = data["products"]
        nodes.extend(edge["node"] for edge in page["edges"])
        totals.append(page["totalCount"])
        if not page["pageInfo"]["hasNextPage"]:
            return nodes, totals
        after = page["pageInfo"]["endCursor"]
    raise AssertionError("the walk did not end")


def price(node: dict[str, Any]) -> Decimal | None:
    """The price the merged list compares: converted to dollars (``priceIn``)."""
    return Decimal(node["priceIn"]["amount"]) if node["priceIn"] else None


@pytest.fixture
async def roomy_graph() -> Any:
    """A gateway whose stores allow plenty of calls (walks touch every store many times)."""
    graph = await make_graph()
    for source in Source:
        await graph.configure(source, rate_limit={"limit": 100_000, "window_s": 60})
    yield graph
    await graph.aclose()


async def test_walking_by_name_returns_every_product_once_in_order(roomy_graph: Graph) -> None:
    nodes, totals = await walk(roomy_graph, sort={"field": "NAME", "direction": "ASC"})
    ids = [n["id"] for n in nodes]
    assert len(ids) == len(set(ids)) == totals[0]
    assert {n["source"] for n in nodes} == {s.name for s in Source}
    names = [n["name"].casefold() for n in nodes]
    assert names == sorted(names)
    assert len(set(totals)) == 1  # the total does not drift while paging


async def test_price_filter_and_sort_across_stores(roomy_graph: Graph) -> None:
    window = {"priceMin": "20", "priceMax": "60"}
    nodes, totals = await walk(
        roomy_graph, filter=window, sort={"field": "PRICE", "direction": "DESC"}
    )
    prices = [price(n) for n in nodes]
    assert nodes and len(nodes) == totals[0]
    assert all(p is not None and Decimal("20") <= p <= Decimal("60") for p in prices)
    assert prices == sorted(prices, reverse=True)
    assert len({n["id"] for n in nodes}) == len(nodes)


async def test_sources_and_search_filters(roomy_graph: Graph) -> None:
    query = """query ($filter: ProductFilter) {
      products(first: 100, filter: $filter) { totalCount nodes { source name description } }
    }"""
    data = await roomy_graph.data(query, {"filter": {"sources": ["CATALOG"], "search": "tea"}})
    nodes = data["products"]["nodes"]
    assert nodes and len(nodes) == data["products"]["totalCount"]
    for node in nodes:
        assert node["source"] == "CATALOG"
        assert "tea" in (node["name"] + " " + (node["description"] or "")).casefold()
    both = await roomy_graph.data(
        query, {"filter": {"sources": ["CATALOG", "LITESTORE"], "search": "tea"}}
    )
    sources = {n["source"] for n in both["products"]["nodes"]}
    assert sources == {"CATALOG", "LITESTORE"}


async def test_newest_first_is_the_default_order(graph: Graph) -> None:
    data = await graph.data(PRODUCTS, {"first": 50})
    stamps = [n["node"]["createdAt"] for n in data["products"]["edges"]]
    present = [s for s in stamps if s is not None]
    assert present == sorted(present, reverse=True)
    assert stamps[: len(present)] == present  # unknown dates come last


async def test_a_store_that_is_down_leaves_the_others_answering(graph: Graph) -> None:
    await graph.configure(Source.LITESTORE, fail_next={"count": 50, "status": 503})
    body = await graph.query(PRODUCTS, {"first": 30})
    page = body["data"]["products"]
    assert len(page["edges"]) == 30
    assert "LITESTORE" not in {e["node"]["source"] for e in page["edges"]}
    [error] = body["errors"]
    assert error["extensions"] == {"code": "UPSTREAM_ERROR", "source": "LITESTORE"}
    assert page["totalCount"] is None and page["pageInfo"]["hasNextPage"]
    assert "503" not in error["message"] and "Injected" not in error["message"]


async def test_a_cursor_cannot_be_reused_with_another_filter(graph: Graph) -> None:
    data = await graph.data(PRODUCTS, {"first": 2})
    cursor = data["products"]["pageInfo"]["endCursor"]
    body = await graph.query(
        PRODUCTS, {"first": 2, "after": cursor, "sort": {"field": "NAME", "direction": "ASC"}}
    )
    assert body["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": "after"}


async def test_the_same_query_again_costs_no_upstream_call(graph: Graph) -> None:
    first = await graph.data(PRODUCTS, {"first": 40, "sort": {"field": "NAME", "direction": "ASC"}})
    assert await graph.calls() > 0
    await graph.reset_stats()
    again = await graph.data(PRODUCTS, {"first": 40, "sort": {"field": "NAME", "direction": "ASC"}})
    assert again == first
    revalidating = {"GET /api/products"}  # Litekart: authenticated reads are `no-cache` + ETag
    counted = await graph.stats(Source.LITEKART)
    assert set(counted["routes"]) <= revalidating
    others = [s for s in Source if s is not Source.LITEKART]
    assert sum([await graph.calls(s) for s in others]) == 0


async def test_at_the_rate_limit_no_call_is_made(graph: Graph) -> None:
    query = """query ($s: String) {
      products(first: 5, filter: {sources: [CATALOG], search: $s}) { totalCount }
    }"""
    await graph.configure(Source.CATALOG, rate_limit={"limit": 4, "window_s": 60})
    await graph.reset_stats()
    seen = []
    for term in ("a", "b", "c", "d", "e", "f"):
        seen.append(await graph.query(query, {"s": term}))
    calls_at_limit = (await graph.stats(Source.CATALOG))["routes"].get("GET /api/v1/products", 0)
    assert calls_at_limit <= 4  # never past the budget: no 429 is ever spent
    limited = [b for b in seen if b.get("errors")]
    assert limited, seen
    error = limited[-1]["errors"][0]
    assert error["extensions"]["code"] == "RATE_LIMITED"
    assert error["extensions"]["source"] == "CATALOG"
    assert error["extensions"]["retryAfter"] > 0
    # what was cached is still served while the budget is gone, with no call
    again = await graph.query(query, {"s": "a"})
    assert again["data"] == seen[0]["data"]
    routes = (await graph.stats(Source.CATALOG))["routes"]
    assert routes.get("GET /api/v1/products", 0) == calls_at_limit


async def test_cached_entries_expire_after_their_ttl() -> None:
    settings = Settings.from_env({"STOREGRAPH_LITESTORE_TTL_S": "1.0"})  # slack for a busy machine
    graph = await make_graph(settings)
    try:
        query = (
            '{ products(first: 3, filter: {sources: [LITESTORE], search: "serum"}) { totalCount } }'
        )
        await graph.data(query)
        await graph.reset_stats()
        await graph.data(query)
        assert await graph.calls(Source.LITESTORE) == 0
        await asyncio.sleep(1.1)
        await graph.data(query)
        assert await graph.calls(Source.LITESTORE) > 0
    finally:
        await graph.aclose()


async def test_etag_revalidation_answers_from_cache_with_a_304(graph: Graph) -> None:
    query = "{ products(first: 5, filter: {sources: [LITEKART]}) { nodes { name } } }"
    first = await graph.data(query)
    again = await graph.data(query)
    assert again == first
    metrics = (await graph.client.get("/metrics")).text
    assert 'storegraph_cache_hits_total{kind="revalidated",source="litekart"}' in metrics
