"""The FreshStore slice: include= push-down, the catalogue, content, store,
analytics, the WAF and masked settings."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote

from gateway.settings import Settings
from gateway.sources import Source
from schema.ids import encode_id
from tests.graph.conftest import Graph, make_graph

LISTING = """{
  freshstore {
    products(first: 100) {
      totalCount
      nodes {
        name price { amount currency } brand { name }
        offers { merchant stockAvailable price { amount currency } }
        categories { name }
      }
    }
  }
}"""

STORE = """{
  freshstore {
    status info { name niche } stats { products offers } dataStats { brands }
    warnings { message } locales { code currency } settings storeSettings: settings(group: "store")
    aiTokenUsage { tokensRemaining } merchants
    categoryTree { name children { name children { name } } }
    categories(first: 5) { totalCount nodes { name parent { name } } }
    category(id: "2") { name parent { name } products(first: 2) { totalCount } }
    brands(first: 3) { nodes { name } }
    brand(id: "1") { name products(first: 1) { totalCount } }
    product(id: "1") { name analytics { analyticsVisits totalClicks } }
    offers(first: 2, filter: {merchant: "ebay"}) { totalCount nodes { merchant } }
    offer(id: "1") { merchant price { amount } }
    articles(first: 1) { nodes { title } } article(id: "1") { title }
    articleCategories { nodes { title } } articleCategory(id: "1") { title }
    pages(key: "homepage") { nodes { key } } page(id: "1") { title }
    users(first: 1) { nodes { email } } user(id: "1") { email }
    loginLink(email: "jane.doe@example.com")
    analytics {
      visitsSummary(length: 2) { period visits }
      visits(first: 1) { nodes { city } } visitors(first: 1) { nodes { id } } visitor(id: 1) { visitsCount }
      pages(first: 1) { nodes { label } } countries { nodes { label } } devices { nodes { label } }
      sources { nodes { label } }
      clicksSummary(length: 1) { totalClicks affiliateRevenue { amount } byMerchant { merchant clicks } }
      clicks(first: 1, affiliate: true) { nodes { affiliate price { amount } } }
      checkoutsSummary(length: 1) { today { checkouts revenue { amount } } }
      checkouts(first: 1) { nodes { total { amount } items { title quantity } } }
      actions(first: 1) { nodes { type } }
    }
  }
}"""


async def routes(graph: Graph) -> dict[str, int]:
    return (await graph.stats(Source.FRESHSTORE))["routes"]


async def test_a_hundred_products_with_every_relation_cost_one_call(graph: Graph) -> None:
    data = await graph.data(LISTING)
    nodes = data["freshstore"]["products"]["nodes"]
    assert len(nodes) == 100
    assert all(n["brand"] and n["categories"] for n in nodes)
    priced = [n for n in nodes if n["price"]]
    assert priced
    for node in priced:  # the price is the lowest in-stock offer
        in_stock = [o["price"]["amount"] for o in node["offers"] if o["stockAvailable"]]
        assert float(node["price"]["amount"]) == min(float(p) for p in in_stock)
    assert await routes(graph) == {"GET /api/products": 1}
    await graph.reset_stats()
    assert await graph.data(LISTING) == data
    assert await graph.calls(Source.FRESHSTORE) == 0


async def test_include_follows_the_selection() -> None:
    queries: list[str] = []

    def spy(app: Any) -> Any:
        async def asgi(scope: Any, receive: Any, send: Any) -> None:
            if scope["type"] == "http" and scope["path"] == "/api/products":
                queries.append(unquote(scope["query_string"].decode()))
            await app(scope, receive, send)

        return asgi

    graph = await make_graph(wrap={Source.FRESHSTORE: spy})
    try:
        await graph.data("{ freshstore { products(first: 2) { nodes { name } } } }")
        await graph.data("{ freshstore { products(first: 3) { nodes { brand { name } } } } }")
        await graph.data("{ freshstore { products(first: 4) { nodes { price { amount } } } } }")
    finally:
        await graph.aclose()
    includes = [next((p for p in q.split("&") if p.startswith("include=")), None) for q in queries]
    assert includes == [None, "include=brand", "include=offers"]


async def test_store_content_and_analytics_and_every_read_endpoint(graph: Graph) -> None:
    await graph.configure(Source.FRESHSTORE, rate_limit={"limit": 1000, "window_s": 60})
    data = (await graph.data(STORE))["freshstore"]
    assert data["status"] is True and data["stats"]["products"] >= 200
    assert data["category"]["parent"] and data["offers"]["nodes"][0]["merchant"] == "ebay"
    assert data["storeSettings"]["name"] == data["info"]["name"]
    product_id = encode_id("FreshStoreProduct", "freshstore", "5")
    # a product reached by id alone (no include) reads its offers and categories
    await graph.data(
        "query ($id: ID!) { node(id: $id) { ... on FreshStoreProduct { offers { merchant } categories { name } } } }",
        {"id": product_id},
    )
    app = graph.store_apps[Source.FRESHSTORE]
    documented = {f"GET {p}" for p, methods in app.openapi()["paths"].items() if "get" in methods}
    assert documented - set(await routes(graph)) == {"GET /api/products"}
    await graph.data(LISTING)
    assert documented <= set(await routes(graph))


async def test_third_party_credentials_in_settings_are_masked(graph: Graph) -> None:
    await graph.control(Source.FRESHSTORE).patch(
        "/api/settings/store",
        json={"pexels_api_key": "px-live-secret-123"},
        headers={"authorization": "Bearer fs_demo_full_key", "user-agent": "Mozilla/5.0 (X11)"},
    )
    data = await graph.data('{ freshstore { settings s: settings(group: "store") } }')
    assert data["freshstore"]["settings"]["store_pexels_api_key"] == "***"
    assert data["freshstore"]["s"]["pexels_api_key"] == "***"
    assert data["freshstore"]["s"]["name"]  # everything else as the store says
    assert "px-live-secret-123" not in str(data)


async def test_a_generic_user_agent_is_blocked_by_the_waf() -> None:
    settings = Settings.from_env({"STOREGRAPH_FRESHSTORE_USER_AGENT": "python-httpx/0.28.1"})
    graph = await make_graph(settings)
    try:
        body = await graph.query(
            '{ freshstore { info { name } } catalog { product(id: "prod_100001") { name } } }'
        )
    finally:
        await graph.aclose()
    assert body["data"]["freshstore"]["info"] is None
    assert body["data"]["catalog"]["product"]["name"]
    [error] = body["errors"]
    assert error["extensions"] == {"code": "FORBIDDEN", "source": "FRESHSTORE"}


async def test_missing_objects_are_null_and_faults_stay_local(graph: Graph) -> None:
    data = await graph.data(
        '{ freshstore { product(id: "99999") { name } offer(id: "abc") { merchant } } }'
    )
    assert data == {"freshstore": {"product": None, "offer": None}}
    await graph.configure(Source.FRESHSTORE, fail_next={"count": 10, "status": 504})
    body = await graph.query(
        '{ freshstore { brand(id: "2") { name } } litestore { product(id: "prod-001") { name } } }'
    )
    assert body["data"]["freshstore"]["brand"] is None
    assert body["data"]["litestore"]["product"]["name"]
    assert [e["extensions"] for e in body["errors"]] == [
        {"code": "UPSTREAM_TIMEOUT", "source": "FRESHSTORE"}
    ]
