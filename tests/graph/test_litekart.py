"""The Litekart slice: ids= batching, fields= push-down, orders, customers, payments."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote

from gateway.sources import Source
from schema.ids import encode_id
from tests.graph.conftest import Graph, make_graph

CATALOGUE = """{
  litekart {
    products(first: 100) {
      totalCount
      nodes { sourceId name price { amount currency } brand { name } category { name parent { name } } }
    }
  }
}"""

ORDER_HISTORY = """{
  litekart {
    orders(first: 20) {
      totalCount
      nodes {
        number status total { amount currency } customer { email }
        items { quantity unitPrice { amount } product { name price { amount } } }
      }
    }
  }
}"""


async def stats(graph: Graph) -> dict[str, int]:
    return (await graph.stats(Source.LITEKART))["routes"]


async def test_a_hundred_products_with_brand_and_category_cost_three_calls(graph: Graph) -> None:
    data = await graph.data(CATALOGUE)
    nodes = data["litekart"]["products"]["nodes"]
    assert len(nodes) == 100 and all(n["brand"] and n["category"] for n in nodes)
    assert await stats(graph) == {
        "GET /api/products": 1,
        "GET /api/brands": 1,  # every distinct brand in one ids= call
        "GET /api/categories": 1,  # every distinct category (and parent) in one ids= call
    }
    await graph.reset_stats()
    assert await graph.data(CATALOGUE) == data
    # the store marks authenticated reads `private, no-cache`: the gateway revalidates
    # each entry with If-None-Match and the store answers 304 (no body)
    assert await stats(graph) == {
        "GET /api/products": 1,
        "GET /api/brands": 1,
        "GET /api/categories": 1,
    }
    metrics = (await graph.client.get("/metrics")).text
    assert 'storegraph_cache_hits_total{kind="revalidated",source="litekart"} 3.0' in metrics


async def test_an_order_history_page_costs_three_calls(graph: Graph) -> None:
    graph.as_operator()  # people, money and operations data: an admin
    data = await graph.data(ORDER_HISTORY)
    orders = data["litekart"]["orders"]["nodes"]
    assert len(orders) == 20
    for order in orders:
        assert order["customer"]["email"]
        assert all(item["product"]["name"] for item in order["items"])
    assert await stats(graph) == {
        "GET /api/orders": 1,
        "GET /api/customers": 1,
        "GET /api/products": 1,  # every item's product, one ids= call
    }


async def test_fields_follow_the_selection() -> None:
    queries: list[str] = []

    def spy(app: Any) -> Any:
        async def asgi(scope: Any, receive: Any, send: Any) -> None:
            if scope["type"] == "http":
                queries.append(unquote(scope["query_string"].decode()))
            await app(scope, receive, send)

        return asgi

    graph = await make_graph(wrap={Source.LITEKART: spy})
    try:
        data = await graph.data(
            "{ litekart { products(first: 3) { nodes { name price { amount } brand { name } } } } }"
        )
    finally:
        await graph.aclose()
    assert all(n["brand"]["name"] for n in data["litekart"]["products"]["nodes"])
    fields = [part for q in queries for part in q.split("&") if part.startswith("fields=")]
    assert fields == ["fields=brand_id,currency,id,name,price"]  # brands are small: no fields


async def test_lookups_nodes_and_missing_objects(graph: Graph) -> None:
    graph.as_operator()  # people, money and operations data: an admin
    ids = [
        encode_id("LitekartProduct", "litekart", "prod_0001"),
        encode_id("Customer", "litekart", "cus_0002"),
        encode_id("StoreOrder", "litekart", "ord_000003"),
        encode_id("LitekartProduct", "litekart", "prod_9999"),
    ]
    data = await graph.data(
        """query ($ids: [ID!]!) {
          nodes(ids: $ids) { __typename ... on LitekartProduct { sku barcode identifiers { gtin mpn } } }
          litekart { nope: order(id: "ord_999999") { number } }
        }""",
        {"ids": ids},
    )
    kinds = [n and n["__typename"] for n in data["nodes"]]
    assert kinds == ["LitekartProduct", "Customer", "StoreOrder", None]
    product = data["nodes"][0]
    # the barcode shown as a 14-digit GTIN; the SKU is the part number
    assert product["identifiers"] == {"gtin": "0" + product["barcode"], "mpn": product["sku"]}
    assert data["litekart"]["nope"] is None


async def test_every_litekart_read_endpoint_is_reached(graph: Graph) -> None:
    graph.as_operator()  # people, money and operations data: an admin
    # a cart exists only once someone makes one: make it the way a shopper would
    control = graph.control(Source.LITEKART)
    creds = await graph.credentials(Source.LITEKART)
    shopper = {"authorization": f"Bearer {creds['users'][0]['token']}"}
    cart = (await control.post("/api/carts", json={}, headers=shopper)).json()["data"]
    await graph.reset_stats()
    await graph.data(CATALOGUE)
    await graph.data(ORDER_HISTORY)
    await graph.data(
        f"""{{ litekart {{
          product(id: "prod_0002") {{ name }}
          category(id: "cat_01") {{ name children {{ name }} products(first: 2) {{ totalCount }} }}
          brand(id: "brand_01") {{ name products(first: 1) {{ totalCount }} }}
          brands(first: 5) {{ totalCount }}
          categories(parentId: "root") {{ totalCount }}
          customers(first: 2) {{ nodes {{ email }} }}
          customer(id: "cus_0001") {{ email orders(first: 2) {{ nodes {{ number payments {{ status }} }} }} }}
          order(id: "ord_000001") {{ number }}
          cart(id: "{cart["id"]}") {{ status items {{ quantity }} total {{ amount }} }}
          payments(first: 2) {{ nodes {{ amount {{ amount }} order {{ number }} }} }}
          payment(id: "pay_000001") {{ method }}
          coupons {{ nodes {{ code }} }}
          coupon(id: "cpn_01") {{ code }}
          users {{ nodes {{ role }} }}
          user(id: "usr_01") {{ email }}
          settings {{ storeName taxRate shippingFlatRate {{ amount }} }}
        }} }}"""
    )
    app = graph.store_apps[Source.LITEKART]
    documented = {f"GET {p}" for p, methods in app.openapi()["paths"].items() if "get" in methods}
    assert documented <= set(await stats(graph))


async def test_a_litekart_fault_leaves_the_rest_of_the_query(graph: Graph) -> None:
    graph.as_operator()  # people, money and operations data: an admin
    await graph.configure(Source.LITEKART, fail_next={"count": 10, "status": 503})
    body = await graph.query(
        '{ litekart { order(id: "ord_000004") { number } } rewards { badges { name } } }'
    )
    assert body["data"]["litekart"]["order"] is None
    assert body["data"]["rewards"]["badges"]
    [error] = body["errors"]
    assert error["extensions"] == {"code": "UPSTREAM_ERROR", "source": "LITEKART"}


async def test_merged_orders_interleave_both_stores_newest_first(graph: Graph) -> None:
    graph.as_operator()  # people, money and operations data: an admin
    graph.user_token = (await graph.credentials(Source.REWARDS))["users"][0]["token"]
    data = await graph.data(
        "{ orders(first: 100) { totalCount nodes { __typename source createdAt status } } }"
    )
    nodes = data["orders"]["nodes"]
    stamps = [n["createdAt"] for n in nodes]
    assert stamps == sorted(stamps, reverse=True)
    assert data["orders"]["totalCount"] > 520  # every Litekart order plus the caller's rewards
    only_rewards = await graph.data(
        "{ orders(first: 100, filter: {sources: [REWARDS]}) { totalCount nodes { source } } }"
    )
    assert {n["source"] for n in only_rewards["orders"]["nodes"]} == {"REWARDS"}
    assert only_rewards["orders"]["totalCount"] == data["orders"]["totalCount"] - 520
