"""``redeemReward``: a redemption changes the caller's balance, orders and the
product's inventory (and the next reads see it); every refusal of the store is a
``userErrors`` entry with a stable code; the POST is never retried."""

from __future__ import annotations

from typing import Any

import pytest

from gateway.sources import Source
from tests.graph.conftest import Graph
from tests.graph.rewards_helpers import balance, routes, spied_graph, user

REDEEM = """mutation ($input: RedeemRewardInput!) {
  redeemReward(input: $input) {
    order { sourceId status storeStatus total { amount currency } quantity sku product { sourceId name inventoryCount } }
    balance { currentBalance rewardItemId }
    userErrors { code field message }
  }
}"""
STOCK_AND_ORDERS = """{ rewards {
  product(id: "13") { inventoryCount }
  me { orders { totalCount } }
} }"""


async def redeem(graph: Graph, **input: Any) -> dict[str, Any]:
    return (await graph.data(REDEEM, {"input": input}))["redeemReward"]


async def test_a_redemption_reports_the_balance_and_the_next_reads_see_it(graph: Graph) -> None:
    graph.user_token = await user(graph, 0)
    points_before = await balance(graph, 0)
    before = await graph.data(STOCK_AND_ORDERS)
    result = await redeem(graph, productId="13")
    assert result["userErrors"] == []
    order = result["order"]
    assert order["status"] == "COMPLETED" and order["storeStatus"] == "FULFILLED"
    assert order["quantity"] == 1 and order["total"] == {"amount": "5000", "currency": "POINTS"}
    assert order["product"]["name"] == "$50 Grocery Gift Card"
    # The store has no endpoint that reads a balance: the redemption's answer is the
    # only balance the graph can show, and it is the store's own figure.
    assert result["balance"] == {
        "currentBalance": points_before - 5000,
        "rewardItemId": "reward-item-101",
    }
    assert await balance(graph, 0) == points_before - 5000
    after = await graph.data(STOCK_AND_ORDERS)
    assert (
        after["rewards"]["product"]["inventoryCount"]
        == before["rewards"]["product"]["inventoryCount"] - 1
    )
    assert (
        after["rewards"]["me"]["orders"]["totalCount"]
        == before["rewards"]["me"]["orders"]["totalCount"] + 1
    )


async def test_a_redemption_drops_only_what_it_changed_from_the_cache(graph: Graph) -> None:
    graph.user_token = await user(graph, 0)
    lookups = '{ rewards { a: product(id: "13") { inventoryCount } } }'
    other = '{ rewards { b: product(id: "14") { inventoryCount } badges { name } } }'
    await graph.data(lookups)
    await graph.data(other)
    await redeem(graph, productId="13")
    await graph.reset_stats()
    await graph.data(other)  # another product and the badges: still cached
    assert await graph.calls(Source.REWARDS) == 0
    await graph.data(lookups)  # the redeemed product: read afresh
    assert await routes(graph) == {"GET /api/products/{id}": 1}


async def test_the_redeemed_orders_product_brings_what_the_answer_lacks() -> None:
    async with spied_graph() as (graph, spy):
        graph.user_token = await user(graph, 0)
        data = await graph.data(
            """mutation { redeemReward(input: {productId: "14"}) {
              order { product { name cost { amount } categories { name } } }
            } }"""
        )
        product = data["redeemReward"]["order"]["product"]
        assert product["cost"] == {"amount": 1500} and product["categories"]
        assert [(e.method, e.path) for e in spy.exchanges] == [
            ("POST", "/api/redeem"),
            ("GET", "/api/products/14"),
        ]


@pytest.mark.parametrize(
    ("who", "input", "code", "field"),
    [
        (0, {"productId": "9999"}, "INVALID_PRODUCT", "productId"),  # 40002: unknown
        (0, {"productId": "30"}, "INVALID_PRODUCT", "productId"),  # 40002: a draft
        (0, {"productId": "22"}, "INVALID_PRODUCT", "productId"),  # 40002: not started
        (11, {"productId": "11"}, "INSUFFICIENT_POINTS", "quantity"),  # 40003: 50 points
        (0, {"productId": "19"}, "OUT_OF_STOCK", "quantity"),  # 40004
        (0, {"productId": "11", "quantity": 2}, "REDEMPTION_LIMIT_REACHED", "quantity"),  # 40005
        (0, {"productId": "16"}, "EXPIRED", "productId"),  # 40006
        (0, {"productId": "59"}, "BADGE_REQUIRED", "productId"),  # 40007: no badge 9
        (2, {"productId": "27"}, "NO_BALANCE", "productId"),  # 40010: no Coins wallet
        (0, {"productId": "2"}, "SKU_REQUIRED", "sku"),  # 40011
        (0, {"productId": "2", "sku": "NOPE"}, "VARIANT_NOT_FOUND", "sku"),  # 40012
        (0, {"productId": "11", "sku": "NOPE"}, "VARIANT_NOT_FOUND", "sku"),  # 40012
    ],
)
async def test_every_refusal_is_a_user_error_and_changes_nothing(
    graph: Graph, who: int, input: dict[str, Any], code: str, field: str
) -> None:
    graph.user_token = await user(graph, who)
    points = await balance(graph, who)
    before = await graph.data(STOCK_AND_ORDERS)
    await graph.reset_stats()
    result = await redeem(graph, **input)
    assert result["order"] is None and result["balance"] is None
    [error] = result["userErrors"]
    assert (error["code"], error["field"]) == (code, ["input", field])
    assert error["message"]  # the store's own short message
    assert await routes(graph) == {"POST /api/redeem": 1}
    assert await balance(graph, who) == points
    assert await graph.data(STOCK_AND_ORDERS) == before


async def test_a_variant_out_of_stock_is_out_of_stock(graph: Graph) -> None:
    graph.user_token = await user(graph, 0)
    hoodie = await graph.data(
        '{ rewards { product(id: "31") { variants { sku inventoryCount } } } }'
    )
    empty = [v["sku"] for v in hoodie["rewards"]["product"]["variants"] if not v["inventoryCount"]]
    assert empty
    result = await redeem(graph, productId="31", sku=empty[0])
    assert [(e["code"], e["field"]) for e in result["userErrors"]] == [
        ("OUT_OF_STOCK", ["input", "quantity"])
    ]


async def test_quantities_the_store_refuses_are_caught_without_asking_it(graph: Graph) -> None:
    graph.user_token = await user(graph, 0)
    for quantity in (0, -1, 101):
        result = await redeem(graph, productId="13", quantity=quantity)
        assert result["userErrors"] == [
            {
                "code": "INVALID_QUANTITY",
                "field": ["input", "quantity"],
                "message": "Quantity must be between 1 and 100.",
            }
        ]
    assert await graph.calls(Source.REWARDS) == 0


async def test_a_failed_redemption_is_not_retried(graph: Graph) -> None:
    graph.user_token = await user(graph, 0)
    points = await balance(graph, 0)
    await graph.configure(Source.REWARDS, fail_next={"count": 1, "status": 503})
    body = await graph.query(REDEEM, {"input": {"productId": "13"}})
    assert body["data"] == {"redeemReward": None}
    [error] = body["errors"]
    assert error["path"] == ["redeemReward"]
    assert error["extensions"] == {"code": "UPSTREAM_ERROR", "source": "REWARDS"}
    assert await routes(graph) == {"POST /api/redeem": 1}  # a 503 on a write: asked once
    assert await balance(graph, 0) == points


async def test_redeeming_needs_the_callers_token(graph: Graph) -> None:
    body = await graph.query(REDEEM, {"input": {"productId": "13"}})
    assert body["data"] == {"redeemReward": None}
    [error] = body["errors"]
    assert error["extensions"] == {"code": "UNAUTHENTICATED"}
    assert "`livelike-user-token`" in error["message"]
    assert await graph.calls(Source.REWARDS) == 0
