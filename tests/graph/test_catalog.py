"""The Catalog slice: products with inventory and a category tree, OAuth, call counts."""

from __future__ import annotations

from typing import Any

import httpx

from gateway.app import create_app
from gateway.settings import Settings
from gateway.sources import Source
from schema.ids import encode_id
from stores import create_store_app
from stores.catalog import create_app as create_catalog
from tests.graph.conftest import Graph

LISTING = """{
  catalog {
    products(first: 100, sort: {field: NAME, direction: ASC}) {
      totalCount
      pageInfo { hasNextPage }
      nodes {
        id sourceId name price { amount currency } inventory { available reserved total }
        identifiers { gtin mpn } status
        category { name level parent { name } }
      }
    }
  }
}"""


def routes(stats: dict[str, Any]) -> dict[str, int]:
    return stats["routes"]


async def test_a_hundred_products_with_their_categories_cost_two_calls(graph: Graph) -> None:
    data = await graph.data(LISTING)
    page = data["catalog"]["products"]
    assert page["totalCount"] == 240 and page["pageInfo"]["hasNextPage"]
    nodes = page["nodes"]
    assert len(nodes) == 100
    assert [n["name"].casefold() for n in nodes] == sorted(n["name"].casefold() for n in nodes)
    first = nodes[0]
    assert first["price"]["currency"] == "USD" and "." in first["price"]["amount"]
    assert first["category"]["name"] and first["inventory"]["total"] >= 0
    assert any(n["category"]["parent"] for n in nodes)
    counted = routes(await graph.stats(Source.CATALOG))
    assert counted == {
        "POST /api/v1/auth/token": 1,  # the gateway's first Catalog call needs a token
        "GET /api/v1/products": 1,
        "GET /api/v1/categories": 1,
    }
    await graph.reset_stats()
    assert await graph.data(LISTING) == data
    assert await graph.calls(Source.CATALOG) == 0


async def test_tree_lookups_and_nodes(graph: Graph) -> None:
    query = """query ($node: ID!) {
      catalog {
        categoryTree { sourceId children { sourceId children { sourceId } } }
        category(id: "grocery-tea") {
          name path productCount parent { sourceId }
          products(first: 3) { totalCount nodes { category { sourceId } } }
        }
        missing: category(id: "no-such-category") { name }
        product(id: "prod_100001") { name }
        nothing: product(id: "prod_999999") { name }
        categories(parentId: "grocery") { totalCount nodes { parent { sourceId } } }
      }
      node(id: $node) { id ... on CatalogProduct { sourceId inventory { available } } }
    }"""
    node_id = encode_id("CatalogProduct", "catalog", "prod_100002")
    data = await graph.data(query, {"node": node_id})
    catalog = data["catalog"]
    assert data["node"]["sourceId"] == "prod_100002"
    tree = catalog["categoryTree"]
    assert len(tree) >= 8 and any(c["children"] for c in tree)
    tea = catalog["category"]
    assert tea["path"] == ["grocery", "grocery-tea"] and tea["parent"]["sourceId"] == "grocery"
    assert tea["products"]["totalCount"] == tea["productCount"]
    assert {n["category"]["sourceId"] for n in tea["products"]["nodes"]} == {"grocery-tea"}
    assert catalog["missing"] is None and catalog["nothing"] is None
    assert catalog["product"]["name"]
    children = catalog["categories"]
    assert children["totalCount"] > 0
    assert {n["parent"]["sourceId"] for n in children["nodes"]} == {"grocery"}
    counted = routes(await graph.stats(Source.CATALOG))
    assert counted["GET /api/v1/categories/{category_id}"] == 2  # tea + the missing one
    assert counted["GET /api/v1/products/{product_id}"] == 3  # product, nothing, node


async def test_every_catalog_read_endpoint_is_reached(graph: Graph) -> None:
    await test_tree_lookups_and_nodes(graph)
    app = graph.store_apps[Source.CATALOG]
    documented = {
        f"GET {path}" for path, methods in app.openapi()["paths"].items() if "get" in methods
    }
    assert documented <= set(routes(await graph.stats(Source.CATALOG)))


async def test_a_catalog_fault_leaves_the_rest_of_the_query(graph: Graph) -> None:
    await graph.data("{ catalog { categoryTree { name } } }")  # token and categories first
    await graph.configure(Source.CATALOG, fail_next={"count": 10, "status": 503})
    body = await graph.query(
        '{ catalog { product(id: "prod_100003") { name } categoryTree { name } } }'
    )
    assert body["data"]["catalog"]["product"] is None
    assert body["data"]["catalog"]["categoryTree"]  # from the cache: unaffected
    [error] = body["errors"]
    assert error["path"] == ["catalog", "product"]
    assert error["extensions"] == {"code": "UPSTREAM_ERROR", "source": "CATALOG"}


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


async def test_an_expired_token_is_refreshed_mid_query() -> None:
    clock = Clock()
    store_apps = {s: create_store_app(s.value) for s in Source}
    store_apps[Source.CATALOG] = create_catalog(clock=clock)
    transports = {s: httpx.ASGITransport(app=a) for s, a in store_apps.items()}
    app = create_app(Settings.from_env({}), transports=transports)
    control = httpx.AsyncClient(transport=transports[Source.CATALOG], base_url="http://c")
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://g") as c:
        query = '{ catalog { product(id: "%s") { name } } }'
        first = (await c.post("/graphql", json={"query": query % "prod_100010"})).json()
        assert first["data"]["catalog"]["product"]["name"]
        clock.now += 7200  # the store now considers the gateway's token expired
        second = (await c.post("/graphql", json={"query": query % "prod_100011"})).json()
        assert "errors" not in second
        assert second["data"]["catalog"]["product"]["name"]
    stats = (await control.get("/__sim/stats")).json()["routes"]
    await control.aclose()
    assert stats["POST /api/v1/auth/token"] == 1
    assert stats["POST /api/v1/auth/refresh"] == 1
    assert stats["GET /api/v1/products/{product_id}"] == 3  # one answered 401 token_expired
