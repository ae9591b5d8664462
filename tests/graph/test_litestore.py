"""The Litestore slice: products, reviews, analytics, creators and content."""

from __future__ import annotations

from gateway.sources import Source
from schema.ids import encode_id
from tests.graph.conftest import Graph

LISTING = """{
  litestore {
    products(first: 10, filter: {category: "skincare"}) {
      totalCount
      nodes {
        sourceId name price { amount currency } category { sourceId name }
        reviews(first: 3, sort: HELPFUL) { totalCount nodes { rating helpfulCount product { sourceId } } }
        analytics(period: D7) { period views avgOrderValue { amount } }
      }
    }
  }
}"""

PROFILE = """query ($id: ID!) {
  litestore {
    creator(id: $id) {
      sourceId
      analytics { contentCount totalCommission { amount currency } topContent { id title } }
      content(first: 50) { totalCount nodes { sourceId title status creator { sourceId } products { sourceId } } }
      products { sourceId name }
    }
  }
}"""


async def routes(graph: Graph) -> dict[str, int]:
    return (await graph.stats(Source.LITESTORE))["routes"]


async def test_a_listing_with_reviews_and_analytics_costs_one_call_per_product(
    graph: Graph,
) -> None:
    graph.as_operator()  # people, money and operations data: an admin
    data = await graph.data(LISTING)
    page = data["litestore"]["products"]
    nodes = page["nodes"]
    assert len(nodes) == 10 and page["totalCount"] >= 10
    assert {n["category"]["sourceId"] for n in nodes} == {"skincare"}
    for node in nodes:
        helpful = [r["helpfulCount"] for r in node["reviews"]["nodes"]]
        assert helpful == sorted(helpful, reverse=True)
        assert {r["product"]["sourceId"] for r in node["reviews"]["nodes"]} <= {node["sourceId"]}
        assert node["analytics"]["period"] == "7d"
    # no multi-id endpoint: reviews and analytics are one call per product; the
    # reviews' products come from the primed product loader, at no cost
    assert await routes(graph) == {
        "GET /api/products": 1,
        "GET /api/products/{id}/reviews": 10,
        "GET /api/analytics/products/{id}": 10,
    }
    await graph.reset_stats()
    assert await graph.data(LISTING) == data
    assert await graph.calls(Source.LITESTORE) == 0


async def test_a_creator_profile_costs_the_minimum(graph: Graph) -> None:
    graph.as_operator()  # people, money and operations data: an admin
    data = await graph.data(PROFILE, {"id": "creator-001"})
    creator = data["litestore"]["creator"]
    content = creator["content"]
    assert content["totalCount"] == creator["analytics"]["contentCount"] == len(content["nodes"])
    assert {c["creator"]["sourceId"] for c in content["nodes"]} == {"creator-001"}
    featured = {p["sourceId"] for c in content["nodes"] for p in c["products"]}
    assert {p["sourceId"] for p in creator["products"]} == featured
    assert await routes(graph) == {
        "GET /api/analytics/creators/{id}": 1,
        "GET /api/creators/content": 1,
        "GET /api/products/{id}": len(featured),  # one per distinct product, never twice
    }


async def test_unknown_creators_and_products_are_null(graph: Graph) -> None:
    graph.as_operator()  # people, money and operations data: an admin
    data = await graph.data(
        '{ litestore { creator(id: "creator-999") { sourceId } product(id: "prod-999") { name } } }'
    )
    assert data == {"litestore": {"creator": None, "product": None}}


async def test_nodes_of_every_litestore_type(graph: Graph) -> None:
    graph.as_operator()  # people, money and operations data: an admin
    first = await graph.data(
        """{ litestore {
          content(first: 1, filter: {status: APPROVED}) { nodes { id sourceId status } }
          product(id: "prod-001") {
            id category { id name }
            reviews(first: 1) { nodes { id sourceId } }
          }
          creator(id: "creator-002") { id }
        } }"""
    )
    store = first["litestore"]
    ids = [
        store["content"]["nodes"][0]["id"],
        store["product"]["id"],
        store["product"]["category"]["id"],
        store["product"]["reviews"]["nodes"][0]["id"],
        store["creator"]["id"],
        encode_id("CreatorContent", "litestore", "content-999"),
    ]
    data = await graph.data(
        """query ($ids: [ID!]!) { nodes(ids: $ids) {
          __typename id
          ... on CreatorContent { status }
          ... on LitestoreCategory { name }
          ... on LitestoreReview { sourceId rating }
        } }""",
        {"ids": ids},
    )
    found = data["nodes"]
    assert [n and n["__typename"] for n in found] == [
        "CreatorContent",
        "LitestoreProduct",
        "LitestoreCategory",
        "LitestoreReview",
        "Creator",
        None,
    ]
    assert [n["id"] for n in found[:5]] == ids[:5]
    assert found[0]["status"] == "APPROVED"
    assert found[2]["name"] == store["product"]["category"]["name"]
    assert found[3]["sourceId"] == store["product"]["reviews"]["nodes"][0]["sourceId"]


async def test_every_litestore_read_endpoint_is_reached(graph: Graph) -> None:
    graph.as_operator()  # people, money and operations data: an admin
    await graph.data(LISTING)
    await graph.data(PROFILE, {"id": "creator-003"})
    await graph.data(
        '{ litestore { product(id: "prod-002") { name creatorContent(first: 2) { totalCount } } } }'
    )
    app = graph.store_apps[Source.LITESTORE]
    documented = {f"GET {p}" for p, methods in app.openapi()["paths"].items() if "get" in methods}
    assert documented <= set(await routes(graph))


async def test_a_litestore_fault_leaves_the_rest_of_the_query(graph: Graph) -> None:
    await graph.configure(Source.LITESTORE, fail_next={"count": 10, "status": 502})
    body = await graph.query(
        '{ litestore { product(id: "prod-003") { name } } catalog { product(id: "prod_100001") { name } } }'
    )
    assert body["data"]["litestore"]["product"] is None
    assert body["data"]["catalog"]["product"]["name"]
    [error] = body["errors"]
    assert error["path"] == ["litestore", "product"]
    assert error["extensions"] == {"code": "UPSTREAM_ERROR", "source": "LITESTORE"}
