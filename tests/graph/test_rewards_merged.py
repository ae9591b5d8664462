"""Rewards under the cross-store roots: the product adapter pushes search,
category, status and sort down to Strapi filters (a price filter matches no
points-priced product, with no call); the order adapter lists the caller's
orders newest first (none without a caller); the same item is found by name
and joined on the variant SKUs (MPNs)."""

from __future__ import annotations

from typing import Any

from gateway.sources import Source
from tests.graph.conftest import Graph
from tests.graph.rewards_helpers import routes, spied_graph, user

PRODUCTS = """query ($filter: ProductFilter, $sort: ProductSort, $first: Int!, $after: String) {
  products(first: $first, after: $after, filter: $filter, sort: $sort) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      source sourceId name description status createdAt price { amount currency }
      ... on RewardProduct { isExpired categories { name } }
    }
  }
}"""


async def rewards_products(graph: Graph, **variables: Any) -> tuple[list[dict[str, Any]], int]:
    """Every Rewards product of the merged list (walked page by page), and its total."""
    flt = {**variables.pop("filter", {}), "sources": ["REWARDS"]}
    nodes: list[dict[str, Any]] = []
    after = None
    while True:
        data = await graph.data(PRODUCTS, {"filter": flt, "first": 25, "after": after, **variables})
        page = data["products"]
        nodes += page["nodes"]
        if not page["pageInfo"]["hasNextPage"]:
            return nodes, page["totalCount"]
        after = page["pageInfo"]["endCursor"]


async def test_search_and_category_are_strapi_filters() -> None:
    async with spied_graph() as (graph, spy):
        found, total = await rewards_products(graph, filter={"search": "GIFT CARD"})
        # names and descriptions: Strapi's $containsi searches one field, so the
        # gateway searches the whole (one-block) list itself
        assert total == len(found) == 7
        text = [(n["name"] + " " + (n["description"] or "")).lower() for n in found]
        assert all("gift card" in t for t in text)
        assert sum("gift card" in n["name"].lower() for n in found) == 4
        # priced in points: the price is the cost, in POINTS (populated in the same call)
        assert all(n["source"] == "REWARDS" and n["price"]["currency"] == "POINTS" for n in found)
        assert all("filters[name][$containsi]" not in c.query for c in spy.exchanges)
        assert len(spy.exchanges) == 1

        spy.clear()
        found, total = await rewards_products(graph, filter={"categoryName": "experiences"})
        assert total == len(found) > 5
        assert all("Experiences" in {c["name"] for c in n["categories"]} for n in found)
        [call] = spy.exchanges  # 25 at a time, every page from one cached block of 100
        assert call.query["filters[categories][name][$eqi]"] == "experiences"


async def test_status_maps_to_publication_and_expiry(graph: Graph) -> None:
    archived, _ = await rewards_products(graph, filter={"status": "ARCHIVED"})
    assert sorted(int(n["sourceId"]) for n in archived) == [16, 35, 50]
    assert all(n["status"] == "ARCHIVED" and n["isExpired"] for n in archived)
    drafts, _ = await rewards_products(graph, filter={"status": "DRAFT"})
    assert sorted(int(n["sourceId"]) for n in drafts) == [30, 61, 64]
    active, total = await rewards_products(graph, filter={"status": "ACTIVE"})
    assert total == 64 - 3 - 3
    assert all(n["status"] == "ACTIVE" and not n["isExpired"] for n in active)


async def test_a_price_filter_matches_no_reward_and_asks_nothing(graph: Graph) -> None:
    data = await graph.data(
        PRODUCTS, {"filter": {"sources": ["REWARDS"], "priceMin": "1"}, "first": 10}
    )
    assert data["products"]["totalCount"] == 0 and data["products"]["nodes"] == []
    assert await graph.calls(Source.REWARDS) == 0


async def test_sorting_by_name_and_date_is_the_stores(graph: Graph) -> None:
    by_name, total = await rewards_products(graph, sort={"field": "NAME", "direction": "ASC"})
    names = [n["name"] for n in by_name]
    assert len(names) == total == 61  # every published product, each once
    assert names == sorted(names, key=str.casefold)
    newest, _ = await rewards_products(graph, sort={"field": "CREATED_AT", "direction": "DESC"})
    stamps = [n["createdAt"] for n in newest]
    assert stamps == sorted(stamps, reverse=True)
    assert {n["sourceId"] for n in newest} == {n["sourceId"] for n in by_name}


ORDERS = """query ($status: OrderStatus) {
  orders(first: 100, filter: {sources: [REWARDS], status: $status}) {
    totalCount
    nodes { source sourceId status storeStatus createdAt ... on RewardOrder { product { name } } }
  }
}"""


async def test_merged_orders_are_the_callers_newest_first() -> None:
    async with spied_graph() as (graph, spy):
        graph.user_token = await user(graph, 0)
        merged = (await graph.data(ORDERS))["orders"]
        mine = await graph.data("{ rewards { me { orders(first: 100) { totalCount } } } }")
        assert merged["totalCount"] == mine["rewards"]["me"]["orders"]["totalCount"] > 0
        stamps = [n["createdAt"] for n in merged["nodes"]]
        assert stamps == sorted(stamps, reverse=True)
        assert all(n["source"] == "REWARDS" and n["product"]["name"] for n in merged["nodes"])

        spy.clear()
        fulfilled = (await graph.data(ORDERS, {"status": "COMPLETED"}))["orders"]
        statuses = {(n["status"], n["storeStatus"]) for n in fulfilled["nodes"]}
        assert fulfilled["nodes"] and statuses == {("COMPLETED", "FULFILLED")}
        assert fulfilled["totalCount"] < merged["totalCount"]
        [call] = spy.exchanges
        assert call.query["filters[status][$eq]"] == "FULFILLED"


async def test_an_operator_without_a_user_token_gets_no_reward_orders(graph: Graph) -> None:
    graph.as_operator()  # Rewards lists orders per user only: an admin alone sees none
    data = await graph.data(ORDERS)
    assert data["orders"] == {"totalCount": 0, "nodes": []}
    assert await graph.calls(Source.REWARDS) == 0


async def test_the_same_item_is_joined_on_variant_skus() -> None:
    async with spied_graph() as (graph, spy):
        data = await graph.data(
            """{ rewards { product(id: "3") { name identifiers { mpn }
                 sameItemElsewhere { source sourceId identifiers { mpn } } } } }"""
        )
        product = data["rewards"]["product"]
        assert product["identifiers"]["mpn"] == "KYO-1042"
        elsewhere = product["sameItemElsewhere"]
        [listed] = [e for e in spy.to("/api/products") if "filters[id][$in]" not in e.query]
        assert "variants" in listed.query["populate"] and "sponsor" in listed.query["populate"]
        assert {s["source"] for s in elsewhere} >= {"LITESTORE", "LITEKART", "FRESHSTORE"}
        assert all(s["source"] != "REWARDS" for s in elsewhere)

        spy.clear()
        await graph.reset_stats()
        data = await graph.data(
            """query ($name: String!) { products(first: 5,
                  filter: {search: $name, sources: [LITEKART]}) {
                nodes { sameItemElsewhere { source sourceId } } } }""",
            {"name": product["name"]},
        )
        [litekart] = data["products"]["nodes"]
        assert {"source": "REWARDS", "sourceId": "3"} in litekart["sameItemElsewhere"]
        # the same-item index read every reward (64: one block) with the variants and
        # sponsor it joins on, in the first request; the cache answers the second
        assert spy.exchanges == [] and await routes(graph) == {}
