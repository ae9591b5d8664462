"""Catalog's side of the merged ``products`` root: what is pushed down to the store,
what the gateway applies itself, and what each costs in upstream calls."""

from __future__ import annotations

from collections.abc import AsyncIterator
from decimal import Decimal
from typing import Any
from urllib.parse import parse_qs

import pytest

from gateway.sources import Source
from tests.graph.conftest import Graph, make_graph

PRODUCTS = """
query ($first: Int!, $after: String, $filter: ProductFilter, $sort: ProductSort) {
  products(first: $first, after: $after, filter: $filter, sort: $sort) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      source sourceId name price { amount }
      ... on CatalogProduct { category { sourceId path } }
    }
  }
}
"""

CATEGORY_PRODUCTS = """
query ($id: ID!) {
  catalog { category(id: $id) { products(first: 50) { totalCount nodes { sourceId } } } }
}
"""


class Seen:
    """The query strings of the product-list calls the gateway made to Catalog."""

    def __init__(self) -> None:
        self.queries: list[dict[str, list[str]]] = []

    def wrap(self, app: Any) -> Any:
        async def asgi(scope: Any, receive: Any, send: Any) -> None:
            if scope["type"] == "http" and scope["path"] == "/api/v1/products":
                self.queries.append(parse_qs(scope["query_string"].decode()))
            await app(scope, receive, send)

        return asgi

    def param(self, name: str) -> list[str | None]:
        return [q.get(name, [None])[0] for q in self.queries]


@pytest.fixture
async def seen() -> Seen:
    return Seen()


@pytest.fixture
async def spied(seen: Seen) -> AsyncIterator[Graph]:
    graph = await make_graph(wrap={Source.CATALOG: seen.wrap})
    await graph.configure(Source.CATALOG, rate_limit={"limit": 10_000, "window_s": 60})
    yield graph
    await graph.aclose()


def catalog_only(**filter: Any) -> dict[str, Any]:
    return {"sources": ["CATALOG"], **filter}


async def routes(graph: Graph) -> dict[str, int]:
    return (await graph.stats(Source.CATALOG))["routes"]


async def category_ids(graph: Graph, *ids: str) -> set[str]:
    """The ids of the products filed directly under ``ids`` (through the graph)."""
    found: set[str] = set()
    for category_id in ids:
        data = await graph.data(CATEGORY_PRODUCTS, {"id": category_id})
        found |= {n["sourceId"] for n in data["catalog"]["category"]["products"]["nodes"]}
    return found


async def test_a_leaf_category_name_is_pushed_down_as_its_id(spied: Graph, seen: Seen) -> None:
    sort = {"field": "PRICE", "direction": "ASC"}
    data = await spied.data(
        PRODUCTS, {"first": 5, "filter": catalog_only(categoryName="tea"), "sort": sort}
    )
    page = data["products"]
    assert page["totalCount"] == 7 and page["pageInfo"]["hasNextPage"]
    assert {n["category"]["sourceId"] for n in page["nodes"]} == {"grocery-tea"}
    prices = [Decimal(n["price"]["amount"]) for n in page["nodes"]]
    assert prices == sorted(prices)
    assert await routes(spied) == {
        "POST /api/v1/auth/token": 1,
        "GET /api/v1/categories": 1,  # name -> id
        "GET /api/v1/products": 1,  # that category's list, paged by the store
    }
    assert seen.param("category_id") == ["grocery-tea"]
    assert seen.param("sort") == ["price"] and seen.param("order") == ["asc"]


async def test_a_small_subtree_is_read_category_by_category(spied: Graph, seen: Seen) -> None:
    # "Outdoor" is sports-outdoor and its child sports-outdoor-hiking: two lists of
    # one page each cost less than the whole list's three pages.
    filter = catalog_only(categoryName="Outdoor", status="ACTIVE")
    data = await spied.data(PRODUCTS, {"first": 100, "filter": filter})
    nodes = data["products"]["nodes"]
    assert data["products"]["totalCount"] == len(nodes) > 0
    paths = {tuple(n["category"]["path"][:2]) for n in nodes}
    assert paths == {("sports", "sports-outdoor")}
    assert sorted(seen.param("category_id")) == ["sports-outdoor", "sports-outdoor-hiking"]
    assert set(seen.param("status")) == {"active"}
    assert (await routes(spied))["GET /api/v1/products"] == 2
    everything = await category_ids(spied, "sports-outdoor", "sports-outdoor-hiking")
    assert {n["sourceId"] for n in nodes} <= everything


async def test_a_large_subtree_reads_the_whole_list_once(spied: Graph, seen: Seen) -> None:
    # Electronics has seven categories with products: the whole list (3 pages) is cheaper.
    filter = catalog_only(categoryName="Electronics")
    sort = {"field": "NAME", "direction": "ASC"}
    first = await spied.data(PRODUCTS, {"first": 20, "filter": filter, "sort": sort})
    page = first["products"]
    assert page["pageInfo"]["hasNextPage"]
    assert all(n["category"]["path"][0] == "electronics" for n in page["nodes"])
    assert seen.param("category_id") == [None, None, None]
    assert seen.param("limit") == ["100", "100", "100"]
    assert (await routes(spied))["GET /api/v1/products"] == 3
    await spied.reset_stats()
    after = page["pageInfo"]["endCursor"]
    rest = await spied.data(
        PRODUCTS, {"first": 100, "after": after, "filter": filter, "sort": sort}
    )
    nodes = page["nodes"] + rest["products"]["nodes"]
    assert await spied.calls(Source.CATALOG) == 0  # the next page comes from the cached list
    names = [n["name"].casefold() for n in nodes]
    assert names == sorted(names) and len(nodes) == page["totalCount"]
    assert len({n["sourceId"] for n in nodes}) == len(nodes)
    expected = await category_ids(
        spied,
        "electronics",
        "electronics-audio",
        "electronics-audio-headphones",
        "electronics-audio-speakers",
        "electronics-wearables",
        "electronics-computer-accessories",
        "electronics-mobile-accessories",
    )
    assert {n["sourceId"] for n in nodes} == expected


async def test_an_unknown_category_name_costs_no_product_call(spied: Graph) -> None:
    data = await spied.data(PRODUCTS, {"first": 5, "filter": catalog_only(categoryName="Garden")})
    assert data["products"]["totalCount"] == 0 and data["products"]["nodes"] == []
    assert "GET /api/v1/products" not in await routes(spied)


async def test_price_bounds_are_applied_over_the_cached_whole_list(
    spied: Graph, seen: Seen
) -> None:
    filter = catalog_only(priceMin="20", priceMax="60", search="a")
    sort = {"field": "PRICE", "direction": "DESC"}
    first = await spied.data(PRODUCTS, {"first": 10, "filter": filter, "sort": sort})
    # 236 products match "a": the store's three pages of 100, each read once
    assert (await routes(spied))["GET /api/v1/products"] == 3
    assert sorted(seen.param("page")) == ["1", "2", "3"]
    assert set(seen.param("search")) == {"a"} and set(seen.param("sort")) == {"price"}
    await spied.reset_stats()
    after = first["products"]["pageInfo"]["endCursor"]
    rest = await spied.data(
        PRODUCTS, {"first": 100, "after": after, "filter": filter, "sort": sort}
    )
    assert await spied.calls(Source.CATALOG) == 0
    nodes = first["products"]["nodes"] + rest["products"]["nodes"]
    assert len(nodes) == first["products"]["totalCount"] > 10
    prices = [Decimal(n["price"]["amount"]) for n in nodes]
    assert prices == sorted(prices, reverse=True)
    assert all(Decimal("20") <= p <= Decimal("60") for p in prices)


async def test_a_category_name_with_a_price_bound_reads_only_that_category(
    spied: Graph, seen: Seen
) -> None:
    filter = catalog_only(categoryName="Tea", priceMax="15")
    data = await spied.data(PRODUCTS, {"first": 20, "filter": filter})
    nodes = data["products"]["nodes"]
    assert len(nodes) == data["products"]["totalCount"] == 3  # of tea's seven
    assert all(Decimal(n["price"]["amount"]) <= 15 for n in nodes)
    assert {n["category"]["sourceId"] for n in nodes} <= {"grocery-tea"}
    assert seen.param("category_id") == ["grocery-tea"]
    tea = await category_ids(spied, "grocery-tea")
    assert {n["sourceId"] for n in nodes} <= tea


async def test_a_categorys_products_sort_is_pushed_down(spied: Graph, seen: Seen) -> None:
    query = """{ catalog { category(id: "grocery-coffee") {
      products(first: 10, sort: {field: PRICE, direction: ASC}, status: ACTIVE) {
        nodes { price { amount } status }
      } } } }"""
    data = await spied.data(query)
    nodes = data["catalog"]["category"]["products"]["nodes"]
    prices = [Decimal(n["price"]["amount"]) for n in nodes]
    assert prices and prices == sorted(prices)
    assert {n["status"] for n in nodes} == {"ACTIVE"}
    [sent] = seen.queries
    assert sent["category_id"] == ["grocery-coffee"] and sent["sort"] == ["price"]
    assert sent["order"] == ["asc"] and sent["status"] == ["active"]
