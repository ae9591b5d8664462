"""One product card and one order row for every store: a single fragment on the
interface, no aliases, no per-store fragments — and every store's items fill it, at
the fewest upstream calls each store allows."""

from __future__ import annotations

from typing import Any

from gateway.identity import Role
from gateway.sources import Source
from tests.graph.conftest import Graph
from tests.graph.rewards_helpers import user

CARD = """
fragment Card on Product {
  __typename id source sourceId name slug url updatedAt status
  price { amount currency }
  images { url alt }
  categories { id name }
  brand { name }
  availability { status quantity }
  rating { average count }
  identifiers { gtin mpn }
}
"""

ROW = """
fragment Row on Order {
  __typename id source sourceId status storeStatus placedAt createdAt
  total { amount currency }
  items { name quantity unitPrice { amount currency } total { amount currency } product { id name } }
}
"""

PAGE = 10


def cards_query(source: Source) -> str:
    return (
        CARD
        + f"{{ products(first: {PAGE}, filter: {{sources: [{source.name}]}}) "
        + "{ nodes { ...Card } } }"
    )


async def routes(graph: Graph, source: Source) -> dict[str, int]:
    """The store's data reads (Catalog's OAuth token grant left out)."""
    found = (await graph.stats(source))["routes"]
    return {route: n for route, n in found.items() if route.startswith("GET ")}


async def cards(graph: Graph, source: Source) -> list[dict[str, Any]]:
    await graph.reset_stats()
    nodes = (await graph.data(cards_query(source)))["products"]["nodes"]
    assert len(nodes) == PAGE
    assert {n["source"] for n in nodes} == {source.name}
    for node in nodes:
        assert node["categories"], node
        assert node["availability"]["status"] in {"IN_STOCK", "OUT_OF_STOCK", "PREORDER", "UNKNOWN"}
        assert node["images"], node
        for image in node["images"]:
            assert image["url"].startswith(("https://", "http://")), image
            assert image["alt"], image
        # a price whenever it can be bought (FreshStore prices from in-stock offers)
        assert node["price"] or node["availability"]["status"] != "IN_STOCK", node
    return nodes


async def test_the_card_is_filled_by_litekart_in_three_calls(graph: Graph) -> None:
    nodes = await cards(graph, Source.LITEKART)
    assert all(n["price"] for n in nodes)
    assert all(n["brand"]["name"] and n["slug"] for n in nodes)
    assert all(n["availability"]["quantity"] is not None for n in nodes)
    assert {n["price"]["currency"] for n in nodes} == {"USD"}
    assert all(n["rating"] is None for n in nodes)  # Litekart keeps no reviews
    # the list, then one ids= batch each for the categories and the brands
    assert await routes(graph, Source.LITEKART) == {
        "GET /api/products": 1,
        "GET /api/categories": 1,
        "GET /api/brands": 1,
    }


async def test_the_card_is_filled_by_freshstore_in_one_call_plus_the_store_url(
    graph: Graph,
) -> None:
    nodes = await cards(graph, Source.FRESHSTORE)
    assert all(n["brand"]["name"] for n in nodes)
    assert all(n["url"] == f"https://freshstore.example/products/{n['slug']}" for n in nodes)
    assert all(n["rating"]["count"] >= 0 for n in nodes)
    assert any(n["rating"]["average"] is not None for n in nodes)
    assert {n["availability"]["status"] for n in nodes} <= {"IN_STOCK", "OUT_OF_STOCK"}
    assert any(n["price"] for n in nodes)
    # include=brand,offers,categories brings everything; the URL needs the store's address
    assert await routes(graph, Source.FRESHSTORE) == {
        "GET /api/products": 1,
        "GET /api/store/info": 1,
    }


async def test_the_card_is_filled_by_rewards_in_one_call(graph: Graph) -> None:
    nodes = await cards(graph, Source.REWARDS)
    assert all(n["price"] for n in nodes)
    assert {n["price"]["currency"] for n in nodes} == {"POINTS"}
    assert all(
        n["images"][0]["url"].startswith("https://rewards.media.example/uploads/") for n in nodes
    )
    assert all(n["availability"]["quantity"] is not None for n in nodes)
    assert any(n["brand"] for n in nodes)  # sponsored rewards name their brand
    assert await routes(graph, Source.REWARDS) == {"GET /api/products": 1}


async def test_the_card_is_filled_by_catalog_in_two_calls(graph: Graph) -> None:
    nodes = await cards(graph, Source.CATALOG)
    assert all(n["price"] for n in nodes)
    assert all(n["brand"]["name"] for n in nodes)
    assert all(n["availability"]["quantity"] is not None for n in nodes)
    assert await routes(graph, Source.CATALOG) == {
        "GET /api/v1/products": 1,
        "GET /api/v1/categories": 1,
    }


async def test_the_card_is_filled_by_litestore_with_one_reviews_read_per_product(
    graph: Graph,
) -> None:
    nodes = await cards(graph, Source.LITESTORE)
    assert all(n["price"] for n in nodes)
    # Litestore has no brand, slug, URL or stock (null, never guessed from its tags);
    # its rating comes from the reviews
    assert all(n["brand"] is None and n["slug"] is None and n["url"] is None for n in nodes)
    assert {n["availability"]["status"] for n in nodes} == {"UNKNOWN"}
    assert all(n["rating"]["count"] >= 0 for n in nodes)
    assert any(n["rating"]["average"] for n in nodes)
    calls = await routes(graph, Source.LITESTORE)
    # the whole list (Litestore cannot sort), and no aggregate rating: one reviews
    # read per product on the page, concurrently
    assert calls["GET /api/products/{id}/reviews"] == PAGE
    assert set(calls) == {"GET /api/products", "GET /api/products/{id}/reviews"}


async def test_a_renamed_card_field_still_answers_deprecated(graph: Graph) -> None:
    data = await graph.data(
        """{ litekart { product(id: "prod_0001") { category { name } categories { name } } } }"""
    )
    product = data["litekart"]["product"]
    assert product["category"] == product["categories"][0]


async def test_the_order_row_is_one_fragment_for_both_stores(graph: Graph) -> None:
    graph.user_token = await user(graph, 0)
    graph.as_operator(Role.SUPPORT)  # every Litekart order, beside the user's reward orders
    data = await graph.data(
        ROW + "{ a: orders(first: 5, filter: {sources: [LITEKART]}) { nodes { ...Row } } "
        "b: orders(first: 5, filter: {sources: [REWARDS]}) { nodes { ...Row } } }"
    )
    litekart, rewards = data["a"]["nodes"], data["b"]["nodes"]
    assert len(litekart) == len(rewards) == 5
    for row in litekart + rewards:
        assert row["status"] != "UNKNOWN" and row["storeStatus"]
        assert row["placedAt"] and row["total"]["amount"]
        assert row["items"] and all(
            i["quantity"] > 0 and i["product"]["name"] for i in row["items"]
        )
    assert {r["total"]["currency"] for r in litekart} == {"USD"}
    assert {r["total"]["currency"] for r in rewards} == {"POINTS"}
    for row in rewards:
        [line] = row["items"]
        assert line["total"] == row["total"] and line["name"] == line["product"]["name"]
