"""The FreshStore slice: include= push-down and exact call counts, lookups, the WAF,
faults that stay local, and every GET route of the store reached from the graph."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs

from gateway.settings import Settings
from gateway.sources import Source
from schema.ids import encode_id
from tests.graph.conftest import Graph, make_graph

LISTING = """{
  freshstore {
    products(first: 100) {
      totalCount
      nodes {
        id name price { amount currency } brand { name }
        offers { merchant stockAvailable enabled price { amount currency } }
        categories { name }
      }
    }
  }
}"""


async def routes(graph: Graph) -> dict[str, int]:
    return (await graph.stats(Source.FRESHSTORE))["routes"]


def spy_on(queries: list[dict[str, list[str]]]) -> Any:
    """ASGI middleware recording the query of every ``GET /api/products``."""

    def wrap(app: Any) -> Any:
        async def asgi(scope: Any, receive: Any, send: Any) -> None:
            if scope["type"] == "http" and scope["path"] == "/api/products":
                queries.append(parse_qs(scope["query_string"].decode()))
            await app(scope, receive, send)

        return asgi

    return wrap


async def test_a_hundred_products_with_every_relation_cost_one_call(graph: Graph) -> None:
    data = await graph.data(LISTING)
    nodes = data["freshstore"]["products"]["nodes"]
    assert len(nodes) == 100 and data["freshstore"]["products"]["totalCount"] == 210
    assert all(n["brand"] and n["categories"] for n in nodes)
    priced = [n for n in nodes if n["price"]]
    assert len(priced) > 50
    for node in priced:  # the lowest in-stock, enabled offer, in its currency
        buyable = [o for o in node["offers"] if o["stockAvailable"] and o["enabled"]]
        usd = [o["price"]["amount"] for o in buyable if o["price"]["currency"] == "USD"]
        assert node["price"]["currency"] == "USD" if usd else True
        assert node["price"]["amount"] == min(usd, key=float) if usd else True
    assert await routes(graph) == {"GET /api/products": 1}

    await graph.reset_stats()
    assert await graph.data(LISTING) == data
    assert await graph.calls(Source.FRESHSTORE) == 0


async def test_include_follows_the_selection() -> None:
    queries: list[dict[str, list[str]]] = []
    graph = await make_graph(wrap={Source.FRESHSTORE: spy_on(queries)})
    try:
        await graph.data("{ freshstore { products(first: 2) { nodes { name } } } }")
        await graph.data(
            "{ freshstore { products(first: 3) { edges { node { brand { name } } } } } }"
        )
        await graph.data("{ freshstore { products(first: 4) { nodes { price { amount } } } } }")
        await graph.data(
            "{ freshstore { products(first: 5) { nodes { ... on FreshStoreProduct {"
            " categories { name } offers { title } } } } } }"
        )
        await graph.data(
            '{ freshstore { brand(id: "1") { products { nodes { brand { name } } } } } }'
        )
    finally:
        await graph.aclose()
    assert [q.get("include") for q in queries] == [
        None,
        ["brand"],
        ["offers"],
        ["offers,categories"],
        ["brand"],
    ]
    assert all(q["per_page"] == ["100"] for q in queries)
    assert queries[-1]["brand_id"] == ["1"]


async def test_a_lookup_brings_its_selected_relations_in_one_call(graph: Graph) -> None:
    data = await graph.data(
        """{ freshstore { product(id: "1") {
            name slug highlights meta { title } reviewScore inSitemap upc ean mpn status
            identifiers { upc ean mpn } createdAt
            brand { name } offers { merchant priceFull { amount currency } url } categories { name }
        } } }"""
    )
    product = data["freshstore"]["product"]
    assert product["name"] == "Aurora Wireless Noise-Cancelling Headphones"
    assert product["brand"] == {"name": "Sonora"} and product["status"] == "ACTIVE"
    assert product["createdAt"].startswith("2026-01-01T00:12:00")
    assert {o["merchant"] for o in product["offers"]} >= {"amazon"}
    assert await routes(graph) == {"GET /api/products/{id}": 1}


async def test_relations_without_include_are_deduplicated_lookups(graph: Graph) -> None:
    graph.as_operator()  # people, money and operations data: an admin
    data = await graph.data(
        """{ freshstore { analytics { clicks(first: 8) { nodes {
            productId offerId product { name brand { name } } offer { merchant }
        } } } } }"""
    )
    clicks = data["freshstore"]["analytics"]["clicks"]["nodes"]
    products = {c["productId"] for c in clicks}
    offers = {c["offerId"] for c in clicks}
    brands = {c["product"]["brand"]["name"] for c in clicks}
    assert await routes(graph) == {
        "GET /api/analytics/clicks": 1,
        "GET /api/products/{id}": len(products),
        "GET /api/offers/{id}": len(offers),
        "GET /api/brands/{id}": len(brands),
    }


async def test_the_category_tree_answers_every_parent_and_child_in_one_call(graph: Graph) -> None:
    data = await graph.data(
        """{ freshstore {
            categoryTree { name children { name parent { name } children { name } } }
            categories(first: 30) { totalCount nodes { name productsCount parent { name } } }
        } }"""
    )
    tree = data["freshstore"]["categoryTree"]
    electronics = next(c for c in tree if c["name"] == "Electronics")
    assert {c["parent"]["name"] for c in electronics["children"]} == {"Electronics"}
    assert data["freshstore"]["categories"]["totalCount"] == 81
    assert await routes(graph) == {"GET /api/categories/tree": 1, "GET /api/categories": 1}


async def test_missing_objects_are_null_and_faults_stay_local(graph: Graph) -> None:
    graph.as_operator()  # people, money and operations data: an admin
    gid = encode_id("FreshStoreProduct", "freshstore", "99999")
    data = await graph.data(
        """query ($gid: ID!) { freshstore {
            product(id: "99999") { name } offer(id: "77777") { merchant } brand(id: "99999") { name }
            user(id: "404") { email } loginLink(email: "nobody@example.com")
            settings(group: STORE) { group }
        } node(id: $gid) { id } }""",
        {"gid": gid},
    )
    fresh = data["freshstore"]
    assert fresh["product"] is None and fresh["offer"] is None and fresh["brand"] is None
    assert fresh["user"] is None and fresh["loginLink"] is None and data["node"] is None
    assert fresh["settings"] == {"group": "STORE"}

    body = await graph.query('{ freshstore { offer(id: "abc") { merchant } } }')
    assert body["data"]["freshstore"]["offer"] is None
    assert [e["extensions"]["code"] for e in body["errors"]] == ["BAD_USER_INPUT"]
    # a global id of another type is the caller's mistake too, not a missing brand
    body = await graph.query(
        "query ($g: ID!) { freshstore { brand(id: $g) { name } } }", {"g": gid}
    )
    assert body["data"]["freshstore"]["brand"] is None
    assert [e["extensions"] for e in body["errors"]] == [{"code": "BAD_USER_INPUT", "field": "id"}]

    await graph.configure(Source.FRESHSTORE, fail_next={"count": 10, "status": 500})
    body = await graph.query(
        '{ freshstore { brand(id: "2") { name } } litestore { product(id: "prod-001") { name } } }'
    )
    assert body["data"]["freshstore"]["brand"] is None
    assert body["data"]["litestore"]["product"]["name"]
    [error] = body["errors"]
    assert error["path"] == ["freshstore", "brand"]
    assert error["extensions"] == {"code": "UPSTREAM_ERROR", "source": "FRESHSTORE"}


async def test_a_generic_user_agent_is_blocked_by_the_waf() -> None:
    settings = Settings.from_env({"STOREGRAPH_FRESHSTORE_USER_AGENT": "python-httpx/0.28.1"})
    graph = await make_graph(settings)
    try:
        body = await graph.query(
            '{ freshstore { info { name } } catalog { product(id: "prod_100001") { name } } }'
        )
        ready = (await graph.readiness()).json()["stores"]
    finally:
        await graph.aclose()
    assert body["data"]["freshstore"]["info"] is None
    assert body["data"]["catalog"]["product"]["name"]
    [error] = body["errors"]
    assert error["extensions"] == {"code": "FORBIDDEN", "source": "FRESHSTORE"}
    assert ready["freshstore"] == {"ready": False, "code": "FORBIDDEN"}


async def test_the_default_gateway_passes_the_waf(graph: Graph) -> None:
    data = await graph.data("{ freshstore { status { up } info { name live enabledCountries } } }")
    assert data["freshstore"]["status"] == {"up": True}
    assert data["freshstore"]["info"]["enabledCountries"] == ["US", "GB", "DE"]
