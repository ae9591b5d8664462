"""The Rewards slice: points-priced products, populate push-down, the caller's
orders and refunds, per-user isolation, lookups, faults and read coverage
(redeem: ``test_rewards_redeem``; merged roots: ``test_rewards_merged``)."""

from __future__ import annotations

from gateway.sources import Source
from schema.ids import encode_id
from tests.graph.conftest import Graph
from tests.graph.rewards_helpers import routes, spied_graph, user

CATALOGUE = """
    categories(first: 20) { nodes { name categorySequence } }
    products(first: 25) {
      totalCount
      nodes {
        sourceId name isAvailable
        cost { amount effectiveAmount rewardItem { name } }
        badge { name } categories { name }
      }
    }"""
CALLERS_ORDERS = """
    me {
      orders(first: 10) {
        totalCount
        nodes { sourceId status cost product { name cost { amount } } refund { amount } }
      }
    }"""
PAGE = "{ rewards {" + CATALOGUE + CALLERS_ORDERS + " } }"
PUBLIC_PAGE = "{ rewards {" + CATALOGUE + " } }"

ORDERS = "{ rewards { me { orders(first: 50) { nodes { sourceId livelikeUserId } } } } }"


async def test_a_rewards_page_costs_one_call_per_list() -> None:
    """The theoretical minimum is three calls: categories, products and the caller's
    orders are three collections the store serves from three endpoints, and
    populate= brings every relation the page shows with its list."""
    async with spied_graph() as (graph, spy):
        graph.user_token = await user(graph, 0)
        data = await graph.data(PAGE)
        rewards = data["rewards"]
        sequences = [c["categorySequence"] for c in rewards["categories"]["nodes"]]
        assert sequences == sorted(sequences)
        products = rewards["products"]["nodes"]
        assert len(products) == 25
        assert all(p["cost"]["amount"] > 0 and p["cost"]["rewardItem"]["name"] for p in products)
        assert any(p["badge"] for p in products) or rewards["products"]["totalCount"] > 25
        orders = rewards["me"]["orders"]["nodes"]
        assert orders and all(o["product"]["cost"]["amount"] > 0 for o in orders)
        assert await routes(graph) == {
            "GET /api/categories": 1,
            "GET /api/products": 1,
            "GET /api/orders": 1,
        }
        [products_call] = spy.to("/api/products")
        assert products_call.query["populate"] == "badge,categories,reward"
        [orders_call] = spy.to("/api/orders")
        assert orders_call.query["populate"] == "product,product.reward,refund"

        await graph.reset_stats()
        spy.clear()
        assert await graph.data(PAGE) == data
        # The public lists come from the cache. The caller's orders are the store's
        # `private, no-cache`: the cached copy is revalidated (If-None-Match) and the
        # store answers 304 with no body; nothing else is asked.
        assert await routes(graph) == {"GET /api/orders": 1}
        assert [e.status for e in spy.exchanges] == [304]


async def test_the_public_part_of_the_page_costs_nothing_the_second_time(graph: Graph) -> None:
    first = await graph.data(PUBLIC_PAGE)
    assert await graph.calls(Source.REWARDS) == 2
    await graph.reset_stats()
    assert await graph.data(PUBLIC_PAGE) == first
    graph.user_token = await user(graph, 4)  # another user: the same shared entries
    assert await graph.data(PUBLIC_PAGE) == first
    assert await graph.calls() == 0


async def test_one_users_orders_are_never_served_to_another() -> None:
    async with spied_graph() as (graph, spy):
        graph.user_token = await user(graph, 0)
        mine = (await graph.data(ORDERS))["rewards"]["me"]["orders"]["nodes"]
        graph.user_token = await user(graph, 1)
        await graph.reset_stats()
        spy.clear()
        theirs = (await graph.data(ORDERS))["rewards"]["me"]["orders"]["nodes"]
        assert {o["livelikeUserId"] for o in mine} == {"user-001"}
        assert {o["livelikeUserId"] for o in theirs} == {"user-002"}
        assert not {o["sourceId"] for o in mine} & {o["sourceId"] for o in theirs}
        # the same query for user B is a real call answered in full, not A's entry revalidated
        assert await routes(graph) == {"GET /api/orders": 1}
        assert [e.status for e in spy.exchanges] == [200]
        # one user's order ids are unknown to another: null, not an error
        other = mine[0]["sourceId"]
        data = await graph.data(f'{{ rewards {{ order(id: "{other}") {{ sourceId }} }} }}')
        assert data == {"rewards": {"order": None}}
        # a public list is shared by both users: the second user's read costs nothing
        await graph.data("{ rewards { badges { name } } }")
        graph.user_token = await user(graph, 0)
        await graph.reset_stats()
        await graph.data("{ rewards { badges { name } } }")
        assert await graph.calls(Source.REWARDS) == 0


async def test_without_a_user_token_only_the_callers_fields_fail(graph: Graph) -> None:
    body = await graph.query("{ rewards { me { orders { totalCount } } badges { name } } }")
    assert body["data"]["rewards"]["me"] is None
    assert body["data"]["rewards"]["badges"]
    [error] = body["errors"]
    assert error["extensions"] == {"code": "UNAUTHENTICATED"}
    assert "`livelike-user-token`" in error["message"]
    assert error["path"] == ["rewards", "me"]
    merged = await graph.query("{ orders(first: 5, filter: {sources: [REWARDS]}) { totalCount } }")
    assert merged["data"]["orders"] is None  # no caller, no orders at all
    assert merged["errors"][0]["extensions"] == {"code": "UNAUTHENTICATED"}
    assert await graph.calls(Source.REWARDS) == 1  # the badges, nothing else


async def test_lookups_batch_through_in_filters(graph: Graph) -> None:
    ids = [encode_id("RewardProduct", "rewards", i) for i in [*range(1, 41), 9999]]
    data = await graph.data(
        "query ($ids: [ID!]!) { nodes(ids: $ids) { ... on RewardProduct { sourceId } } }",
        {"ids": ids},
    )
    found = [n["sourceId"] if n else None for n in data["nodes"]]
    assert found[:29] == [str(i) for i in range(1, 30)]
    assert found[29] is None  # product 30 is an unpublished draft
    assert found[-1] is None  # no such product
    assert await routes(graph) == {"GET /api/products": 1}  # 41 ids, one $in call


async def test_every_rewards_read_endpoint_is_reached(graph: Graph) -> None:
    graph.user_token = await user(graph, 3)
    listing = await graph.data(
        """{ rewards {
          rewardItems { sourceId } badges { sourceId } categories { nodes { sourceId } }
          products(first: 2) { nodes { sourceId } }
          me { orders(status: REFUNDED) { nodes { sourceId refund { sourceId } } } refunds { nodes { sourceId } } }
        } }"""
    )
    r = listing["rewards"]
    refunded = r["me"]["orders"]["nodes"]
    refund_id = (
        refunded[0]["refund"]["sourceId"]
        if refunded
        else r["me"]["refunds"]["nodes"][0]["sourceId"]
    )
    order_id = refunded[0]["sourceId"] if refunded else "1"
    await graph.data(
        f"""{{ rewards {{
          rewardItem(id: "{r["rewardItems"][0]["sourceId"]}") {{ name }}
          badge(id: "{r["badges"][0]["sourceId"]}") {{ name }}
          category(id: "{r["categories"]["nodes"][0]["sourceId"]}") {{ name }}
          product(id: "1") {{ name }}
          order(id: "{order_id}") {{ status }}
          refund(id: "{refund_id}") {{ amount order {{ sourceId }} }}
        }} }}"""
    )
    app = graph.store_apps[Source.REWARDS]
    documented = {f"GET {p}" for p, methods in app.openapi()["paths"].items() if "get" in methods}
    assert documented <= set(await routes(graph))


async def test_lookups_selecting_different_relations_share_one_call() -> None:
    async with spied_graph() as (graph, spy):
        data = await graph.data(
            """{ rewards {
              a: product(id: "3") { name }
              b: product(id: "4") { badge { name } }
              c: product(id: "5") { cost { amount rewardItem { name } } categories { name } }
              d: product(id: "4") { name }
            } }"""
        )
        assert data["rewards"]["c"]["cost"]["rewardItem"]["name"] == "Points"
        assert data["rewards"]["b"]["badge"] is None
        [call] = spy.exchanges
        assert call.path == "/api/products"
        assert call.query["filters[id][$in]"] == "3,4,5"
        assert call.query["populate"] == "badge,categories,reward"


async def test_a_store_fault_fails_only_the_fields_that_needed_it(graph: Graph) -> None:
    await graph.data("{ rewards { badges { name } } }")  # cached from now on
    await graph.configure(Source.REWARDS, fail_next={"count": 1, "status": 500})
    body = await graph.query("{ rewards { badges { name } categories { nodes { name } } } }")
    assert len(body["data"]["rewards"]["badges"]) == 9
    assert body["data"]["rewards"]["categories"] is None
    [error] = body["errors"]
    assert error["path"] == ["rewards", "categories"]
    assert error["extensions"] == {"code": "UPSTREAM_ERROR", "source": "REWARDS"}
    # a read that meets a 503 is retried (a redeem never is: see test_rewards_redeem)
    await graph.configure(Source.REWARDS, fail_next={"count": 1, "status": 503})
    await graph.reset_stats()
    data = await graph.data("{ rewards { rewardItems { name } } }")
    assert [i["name"] for i in data["rewards"]["rewardItems"]] == ["Points", "Coins", "Gems"]
    assert await routes(graph) == {"GET /api/reward-items": 2}


async def test_populate_brings_only_the_relations_the_query_selects() -> None:
    async with spied_graph() as (graph, spy):
        cases = {
            "{ rewards { products(first: 2) { nodes { name description } } } }": None,
            "{ rewards { products(first: 3) { edges { node { cost { amount } } } } } }": "reward",
            """{ rewards { products(first: 4) { nodes { ... on RewardProduct {
                 badge { name } variants { sku } image sponsor { name } } } } } }""": (
                "badge,productImage,sponsor,variants"
            ),
            """{ rewards { category(id: "1") { products(first: 2) {
                 nodes { categories { name } identifiers { mpn } } } } } }""": (
                "categories,sponsor,variants"
            ),
        }
        for query, populate in cases.items():
            spy.clear()
            await graph.data(query)
            [call] = spy.to("/api/products")
            assert call.query.get("populate") == populate, query


async def test_available_only_and_category_are_pushed_down() -> None:
    async with spied_graph() as (graph, spy):
        data = await graph.data(
            """{ rewards {
              available: products(first: 100, filter: {availableOnly: true}) {
                totalCount nodes { sourceId isAvailable } }
              all: products(first: 100) { totalCount nodes { isAvailable } }
            } }"""
        )
        available, every = data["rewards"]["available"], data["rewards"]["all"]
        # 64 products: 3 drafts, 3 expired, 2 not started, 2 out of stock
        assert available["totalCount"] == 54 and every["totalCount"] == 61
        assert all(n["isAvailable"] for n in available["nodes"])
        assert sum(n["isAvailable"] for n in every["nodes"]) == 54
        filtered = [c for c in spy.exchanges if "filters[inventoryCount][$gt]" in c.query]
        assert len(filtered) == 1 and len(spy.exchanges) == 2

        spy.clear()
        data = await graph.data(
            """{ rewards { products(first: 50, filter: {categoryId: "9", search: "tour"}) {
                 nodes { name categories { sourceId } } } } }"""
        )
        nodes = data["rewards"]["products"]["nodes"]
        tours = {"Stadium Behind-the-Scenes Tour", "Sunset Kayak Tour"}
        assert {n["name"] for n in nodes} == tours
        assert all("9" in {c["sourceId"] for c in n["categories"]} for n in nodes)
        [call] = spy.exchanges
        assert call.query["filters[categories][id][$eq]"] == "9"
        assert call.query["filters[name][$containsi]"] == "tour"
