"""The Litekart slice beyond the basics: filters and sorts pushed down, the merged roots,
the same item found by name, batched lookups with missing ids, per-order payments,
revalidation on the second read, the dialect's error messages and readiness probe."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from gateway.sources import Source
from schema.ids import encode_id
from tests.graph.conftest import Graph, make_graph

ORDER_HISTORY = """{
  litekart {
    orders(first: 20) {
      nodes {
        number customer { email }
        items { quantity product { name } }
      }
    }
  }
}"""


async def routes(graph: Graph) -> dict[str, int]:
    return (await graph.stats(Source.LITEKART))["routes"]


def metric(text: str, line: str) -> float:
    for row in text.splitlines():
        if row.startswith(line + " "):
            return float(row.rsplit(" ", 1)[1])
    return 0.0


async def store_json(graph: Graph, path: str, params: dict[str, Any]) -> Any:
    """The store's own answer, as the admin (made before the counters are reset)."""
    creds = await graph.credentials(Source.LITEKART)
    response = await graph.control(Source.LITEKART).get(
        path, params=params, headers={"authorization": f"Bearer {creds['api_key']}"}
    )
    assert response.status_code == 200, response.text
    return response.json()


async def test_the_order_history_again_is_three_revalidations(graph: Graph) -> None:
    graph.as_operator()  # people, money and operations data: an admin
    first = await graph.data(ORDER_HISTORY)
    assert await routes(graph) == {
        "GET /api/orders": 1,
        "GET /api/customers": 1,
        "GET /api/products": 1,
    }
    await graph.reset_stats()
    assert await graph.data(ORDER_HISTORY) == first
    # every admin read is `private, no-cache` + ETag: each of the three cached answers is
    # revalidated with If-None-Match, the store answers 304 with no body — three calls,
    # none of them a full response
    assert await routes(graph) == {
        "GET /api/orders": 1,
        "GET /api/customers": 1,
        "GET /api/products": 1,
    }
    metrics = (await graph.client.get("/metrics")).text
    revalidated = 'storegraph_cache_hits_total{kind="revalidated",source="litekart"}'
    misses = 'storegraph_cache_misses_total{source="litekart"}'
    assert metric(metrics, revalidated) == 3.0
    assert metric(metrics, misses) == 3.0  # the first run's three, none since


async def test_product_filters_and_sort_are_the_stores(graph: Graph) -> None:
    expected = await store_json(
        graph,
        "/api/products",
        {"category": "sports", "status": "active", "price_max": "60", "limit": 100},
    )
    await graph.reset_stats()
    data = await graph.data(
        """{ litekart { products(
              first: 100,
              filter: {category: "sports", status: ACTIVE, priceMax: "60"},
              sort: [{field: PRICE, direction: DESC}, {field: NAME}]
            ) { totalCount nodes { sourceId status price { amount } category { slug parent { slug } } } } } }"""
    )
    page = data["litekart"]["products"]
    assert page["totalCount"] == expected["pagination"]["total"] > 0
    assert {n["sourceId"] for n in page["nodes"]} == {p["id"] for p in expected["data"]}
    prices = [Decimal(n["price"]["amount"]) for n in page["nodes"]]
    assert prices == sorted(prices, reverse=True) and max(prices) <= 60
    assert {n["status"] for n in page["nodes"]} == {"ACTIVE"}
    # "sports" takes its subcategories too, as the store documents
    assert {
        n["category"]["parent"]["slug"] if n["category"]["parent"] else n["category"]["slug"]
        for n in page["nodes"]
    } == {"sports"}
    assert (await routes(graph))["GET /api/products"] == 1


async def test_admins_see_drafts_and_orders_filter_by_date_and_status(graph: Graph) -> None:
    graph.as_operator()  # people, money and operations data: an admin
    data = await graph.data(
        """{ litekart {
              drafts: products(filter: {status: DRAFT}) { totalCount nodes { status } }
              orders(first: 50, filter: {status: PAID, createdAfter: "2025-06-01T00:00:00Z",
                                         createdBefore: "2025-09-01"}) {
                totalCount nodes { status storeStatus createdAt }
              }
        } }"""
    )
    drafts = data["litekart"]["drafts"]
    assert drafts["totalCount"] > 0 and {n["status"] for n in drafts["nodes"]} == {"DRAFT"}
    orders = data["litekart"]["orders"]["nodes"]
    assert orders and {(o["status"], o["storeStatus"]) for o in orders} == {("PAID", "paid")}
    stamps = [o["createdAt"] for o in orders]
    assert stamps == sorted(stamps, reverse=True)  # newest first
    assert all("2025-06-01" <= s < "2025-09-01" for s in stamps)


async def test_the_merged_list_pushes_everything_down_and_pages_completely() -> None:
    seen_queries: list[str] = []

    def spy(app: Any) -> Any:
        async def asgi(scope: Any, receive: Any, send: Any) -> None:
            if scope["type"] == "http" and scope["path"] == "/api/products":
                seen_queries.append(scope["query_string"].decode())
            await app(scope, receive, send)

        return asgi

    graph = await make_graph(wrap={Source.LITEKART: spy})
    query = """query ($after: String) { products(first: 7, after: $after,
          filter: {sources: [LITEKART], categoryName: "Audio", status: ACTIVE,
                   priceMin: "10", priceMax: "150"},
          sort: {field: PRICE, direction: DESC}) {
        totalCount pageInfo { hasNextPage endCursor } nodes { sourceId price { amount } } } }"""
    try:
        expected = await store_json(
            graph,
            "/api/products",
            {
                "category": "audio",
                "status": "active",
                "price_min": "10",
                "price_max": "150",
                "sort": "price:desc",
                "limit": 100,
            },
        )
        seen_queries.clear()
        await graph.reset_stats()
        after, walked = None, []
        while True:
            page = (await graph.data(query, {"after": after}))["products"]
            walked += page["nodes"]
            if not page["pageInfo"]["hasNextPage"]:
                break
            after = page["pageInfo"]["endCursor"]
    finally:
        await graph.aclose()
    assert page["totalCount"] == expected["pagination"]["total"] == len(walked) > 7
    assert [n["sourceId"] for n in walked] == [p["id"] for p in expected["data"]]
    # one aligned block of 100 carries every page: the first page fetches it, later
    # pages revalidate the same URL
    assert len(set(seen_queries)) == 1
    [sent] = set(seen_queries)
    for part in (
        "sort=price%3Adesc",
        "category=audio",
        "status=active",
        "price_min=10",
        "price_max=150",
        "page=1",
        "limit=100",
    ):
        assert part in sent.split("&"), sent


async def test_merged_orders_are_litekarts_newest_first_with_status(graph: Graph) -> None:
    graph.as_operator()  # people, money and operations data: an admin
    data = await graph.data(
        """{ orders(first: 30, filter: {sources: [LITEKART], status: SHIPPED}) {
              totalCount nodes { __typename status storeStatus createdAt } } }"""
    )
    nodes = data["orders"]["nodes"]
    assert {n["__typename"] for n in nodes} == {"StoreOrder"}
    assert {(n["status"], n["storeStatus"]) for n in nodes} == {("SHIPPED", "shipped")}
    stamps = [n["createdAt"] for n in nodes]
    assert stamps == sorted(stamps, reverse=True)
    assert await routes(graph) == {"GET /api/orders": 1}


async def test_other_stores_find_the_same_item_in_litekart(graph: Graph) -> None:
    product = (
        await graph.data(
            '{ litekart { product(id: "prod_0001") { name identifiers { gtin mpn } } } }'
        )
    )["litekart"]["product"]
    await graph.reset_stats()
    data = await graph.data(
        """query ($name: String!) { products(first: 10,
              filter: {search: $name, sources: [LITESTORE, FRESHSTORE, CATALOG, REWARDS]}) {
            nodes { source sameItemElsewhere { source sourceId
              ... on LitekartProduct { identifiers { gtin mpn } } } } } }""",
        {"name": product["name"]},
    )
    nodes = data["products"]["nodes"]
    assert len(nodes) >= 2
    for node in nodes:
        [litekart] = [s for s in node["sameItemElsewhere"] if s["source"] == "LITEKART"]
        assert litekart["sourceId"] == "prod_0001"
        assert litekart["identifiers"] == product["identifiers"]
    # the same-item index: the product list (220, blocks of 100) and the brand list, once
    # for every product of the page
    assert await routes(graph) == {"GET /api/products": 3, "GET /api/brands": 1}


async def test_lookups_batch_through_ids_and_missing_ones_are_null(graph: Graph) -> None:
    graph.as_operator()  # people, money and operations data: an admin

    def gid(type_name: str, source_id: str) -> str:
        return encode_id(type_name, "litekart", source_id)

    ids = [
        gid("LitekartProduct", "prod_0003"),
        gid("LitekartProduct", "prod_9999"),
        gid("LitekartProduct", "prod_0004"),
        gid("Coupon", "cpn_01"),
        gid("Coupon", "cpn_99"),
        gid("AdminUser", "usr_02"),
        gid("AdminUser", "usr_77"),
        gid("Payment", "pay_000002"),
        gid("Payment", "pay_999999"),
    ]
    data = await graph.data(
        """query ($ids: [ID!]!) { nodes(ids: $ids) { __typename
             ... on Sourced { sourceId }
             ... on Coupon { type value percentOff amountOff { amount } }
             ... on AdminUser { role userStatus: status }
             ... on Payment { method status amount { amount currency } } } }""",
        {"ids": ids},
    )
    found = [n and n["sourceId"] for n in data["nodes"]]
    assert found == [
        "prod_0003",
        None,
        "prod_0004",
        "cpn_01",
        None,
        "usr_02",
        None,
        "pay_000002",
        None,
    ]
    coupon, user, payment = data["nodes"][3], data["nodes"][5], data["nodes"][7]
    assert coupon == {
        "__typename": "Coupon",
        "sourceId": "cpn_01",
        "type": "PERCENT",
        "value": "10.0",
        "percentOff": "10.0",
        "amountOff": None,
    }
    assert user["role"] == "ADMIN" and user["userStatus"] == "ACTIVE"
    assert payment["status"] in ("COMPLETED", "REFUNDED") and payment["amount"]["currency"] == "USD"
    # one ids= call per resource, unknown ids simply absent from the answer
    assert await routes(graph) == {
        "GET /api/products": 1,
        "GET /api/coupons": 1,
        "GET /api/users": 1,
        "GET /api/payments": 1,
    }


async def test_payments_cost_one_call_per_distinct_order(graph: Graph) -> None:
    graph.as_operator()  # people, money and operations data: an admin
    data = await graph.data(
        """{ litekart {
              a: order(id: "ord_000005") { number payments { sourceId status } }
              b: order(id: "ord_000005") { number payments { sourceId } }
              customer(id: "cus_0001") { email orders(first: 4) { nodes { payments { amount { amount } } } } }
        } }"""
    )
    assert data["litekart"]["a"] == {
        "number": "LK-100005",
        "payments": [
            {"sourceId": p["sourceId"], "status": p["status"]}
            for p in data["litekart"]["a"]["payments"]
        ],
    }
    assert data["litekart"]["b"]["payments"] == [
        {"sourceId": p["sourceId"]} for p in data["litekart"]["a"]["payments"]
    ]
    calls = await routes(graph)
    # orders name no payments and /api/payments filters one order_id at a time: one call
    # per distinct order (ord_000005 once for both aliases, four for the customer's page)
    assert calls == {
        "GET /api/orders/{id}": 1,  # ord_000005 once for both aliases
        "GET /api/customers/{id}": 1,
        "GET /api/customers/{id}/orders": 1,
        "GET /api/payments": 5,
    }


async def test_store_validation_messages_name_the_argument(graph: Graph) -> None:
    body = await graph.query('{ litekart { brands(search: "%s") { totalCount } } }' % ("x" * 201))
    [error] = body["errors"]
    assert error["message"] == (
        "Invalid query parameters (search: String should have at most 200 characters)"
    )
    # the store refused a value the caller gave: the caller's mistake, naming the argument
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "search"}
    assert body["data"] == {"litekart": {"brands": None}}


async def test_readiness_proves_the_admin_key(graph: Graph) -> None:
    ready = await graph.readiness()
    assert ready.json()["stores"]["litekart"] == {"ready": True}
    # the admin-only route, once per /readyz asked (its answer is `no-cache`: revalidated)
    assert set(await routes(graph)) == {"GET /api/users"}
