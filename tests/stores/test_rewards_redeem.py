"""Rewards store: redeem (every error code, leaving state unchanged, and a
successful redemption), per-user order isolation, refunds."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from fastapi import FastAPI

from stores.rewards import create_app
from tests.stores.rewards_support import SEED, STORE, client_for, ids, redeemable, user

SHARED = SEED.collection("product")[1]  # a shared item: one variant, sku = MPN


@pytest.fixture
def app() -> FastAPI:
    return create_app()


@pytest.fixture
async def client(app: FastAPI):
    async with client_for(app) as c:
        yield c


def snapshot(app: FastAPI) -> Any:
    db = app.state.rewards.db
    return copy.deepcopy((db.collections, {k: (u.wallets, u.badges) for k, u in db.users.items()}))


async def assert_redeem_fails(
    app: FastAPI, client, body: Any, code: str, headers: dict | None = None
) -> dict[str, Any]:
    before = snapshot(app)
    response = await client.post("/api/redeem", headers=headers or user(1), json=body)
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert response.json()["data"] is None
    assert error["status"] == 400 and error["name"] == "BadRequestError"
    assert error["details"]["errorCode"] == code
    assert snapshot(app) == before
    return error


@pytest.mark.parametrize("body", [{}, {"productId": None, "quantity": 1}, None])
async def test_40001_product_id_missing(app, client, body) -> None:
    error = await assert_redeem_fails(app, client, body, "40001")
    assert error["message"] == "Product ID is required"


@pytest.mark.parametrize(
    "product_id", [9999, 30, 22, "abc"], ids=["unknown", "draft", "future", "text"]
)
async def test_40002_invalid_product(app, client, product_id) -> None:
    error = await assert_redeem_fails(app, client, {"productId": product_id}, "40002")
    assert error["message"] == "Invalid product ID"


async def test_40010_no_wallet_for_the_reward_item(app, client) -> None:
    gems = next(
        p
        for p in SEED.collection("product").values()
        if p["reward"]["rewardItem"] == 3
        and p["publishedAt"]
        and p["startAt"] != "2030-06-01T00:00:00.000Z"
    )
    assert 3 not in SEED.users["user-002"].wallets
    error = await assert_redeem_fails(app, client, {"productId": gems["id"]}, "40010", user(2))
    assert error["details"]["rewardItemId"] == "reward-item-103"


async def test_40003_insufficient_points(app, client) -> None:
    error = await assert_redeem_fails(
        app, client, {"productId": 1, "sku": "SON-1000"}, "40003", user(12)
    )
    assert error["message"] == "Insufficient reward points"
    assert error["details"] == {
        "errorCode": "40003",
        "userRewardBalance": 50,
        "productRewardItemCost": 19999,
    }


async def test_40003_counts_quantity(app, client) -> None:
    error = await assert_redeem_fails(
        app, client, {"productId": 1, "sku": "SON-1000", "quantity": 100}, "40003"
    )
    assert error["details"]["productRewardItemCost"] == 19999 * 100


async def test_40004_insufficient_inventory(app, client) -> None:
    assert SEED.collection("product")[42]["inventoryCount"] == 0
    await assert_redeem_fails(app, client, {"productId": 42}, "40004")


async def test_40004_variant_out_of_stock(app, client) -> None:
    hoodie = SEED.collection("product")[31]
    empty = next(v for v in hoodie["variants"] if v["inventoryCount"] == 0)
    error = await assert_redeem_fails(app, client, {"productId": 31, "sku": empty["sku"]}, "40004")
    assert error["details"]["sku"] == empty["sku"]


async def test_40005_max_redemption_count(app, client) -> None:
    once = redeemable(SEED, 1, max_count=1)
    first = await client.post("/api/redeem", headers=user(1), json={"productId": once["id"]})
    assert first.status_code == 200
    error = await assert_redeem_fails(app, client, {"productId": once["id"]}, "40005")
    assert error["details"]["maxRedemptionCount"] == 1 and error["details"]["redeemedCount"] == 1


async def test_40006_expired(app, client) -> None:
    assert SEED.collection("product")[16]["expiryAt"] < "2026-11"
    error = await assert_redeem_fails(app, client, {"productId": 16}, "40006")
    assert error["message"] == "Product has expired"


async def test_40007_badge_not_earned(app, client) -> None:
    assert SEED.collection("product")[59]["badge"] == 9 and 9 not in SEED.users["user-001"].badges
    error = await assert_redeem_fails(app, client, {"productId": 59}, "40007")
    assert error["details"]["livelikeBadgeId"] == "badge-009"


async def test_40011_sku_missing_for_variant_product(app, client) -> None:
    await assert_redeem_fails(app, client, {"productId": 1}, "40011")


@pytest.mark.parametrize("product_id", [1, None], ids=["variant-product", "plain-product"])
async def test_40012_variant_not_found(app, client, product_id) -> None:
    pid = product_id or redeemable(SEED, 1)["id"]
    error = await assert_redeem_fails(app, client, {"productId": pid, "sku": "NOPE-1"}, "40012")
    assert error["details"]["sku"] == "NOPE-1"


@pytest.mark.parametrize(
    "body",
    [
        {"productId": 1, "quantity": 0},
        {"productId": 1, "quantity": 1.5},
        {"productId": 1, "quantity": "2"},
        {"productId": 1, "quantity": 101},
        {"productId": 1.5},
        {"productId": 1, "sku": "SON-1000", "extra": True},
        [1],
    ],
)
async def test_bad_bodies_are_400_without_error_code(app, client, body) -> None:
    before = snapshot(app)
    response = await client.post("/api/redeem", headers=user(1), json=body)
    assert response.status_code == 400
    assert "errorCode" not in response.json()["error"]["details"]
    assert snapshot(app) == before


async def test_malformed_json_is_400(client) -> None:
    response = await client.post(
        "/api/redeem", headers={**user(1), "content-type": "application/json"}, content=b"{"
    )
    assert response.status_code == 400


async def test_auth_is_checked_before_the_body(client) -> None:
    response = await client.post("/api/redeem", json={"quantity": "x"})
    assert response.status_code == 401


async def test_successful_redeem_updates_inventory_balance_and_orders(client) -> None:
    sku = SHARED["variants"][0]["sku"]
    response = await client.post("/api/redeem", headers=user(1), json={"productId": 1, "sku": sku})
    assert response.status_code == 200
    body = response.json()
    order = body["order"]
    assert order["status"] == "FULFILLED" and order["quantity"] == 1
    assert order["totalRewardItemAmount"] == 19999 and order["sku"] == sku
    assert order["product"] == {"id": 1, "name": SHARED["name"], "inventoryCount": 39}
    assert body["userRewardPoints"] == {
        "currentBalance": 250000 - 19999,
        "rewardItemId": "reward-item-101",
    }

    product = (await client.get("/api/products/1?populate=variants")).json()["data"]["attributes"]
    assert product["inventoryCount"] == 39 and product["variants"][0]["inventoryCount"] == 39
    mine = (await client.get(f"/api/orders/{order['id']}?populate=product", headers=user(1))).json()
    attrs = mine["data"]["attributes"]
    assert attrs["transactionId"] == order["transactionId"]
    assert attrs["livelikeUserId"] == "user-001" and attrs["sku"] == sku
    assert attrs["product"]["data"]["id"] == 1
    creds = (await client.get("/__sim/credentials")).json()
    assert creds["users"][0]["balance"] == 250000 - 19999


async def test_discounted_cost_and_quantity(client) -> None:
    orders = SEED.collection("order").values()
    product = next(
        p
        for p in SEED.collection("product").values()
        if p["reward"]["hasDiscountedCost"]
        and p["publishedAt"]
        and not p["hasProductVariants"]
        and p["badge"] is None
        and p["inventoryCount"] > 1
        and p["maxRedemptionCount"] >= 2
        and p["reward"]["rewardItem"] == 1
        and (p["expiryAt"] or "2099") > "2030"
        and (p["startAt"] or "") < "2026"
        and not any(o["product"] == p["id"] and o["livelikeUserId"] == "user-001" for o in orders)
    )
    response = await client.post(
        "/api/redeem", headers=user(1), json={"productId": product["id"], "quantity": 2}
    )
    assert response.status_code == 200, response.text
    reward = product["reward"]
    assert response.json()["order"]["totalRewardItemAmount"] == (
        reward["rewardItemDiscountedCost"] * 2
    )
    assert reward["rewardItemDiscountedCost"] < reward["rewardItemCost"]


async def test_orders_are_scoped_to_the_user(client) -> None:
    body = (await client.get("/api/orders?pagination[pageSize]=100", headers=user(1))).json()
    mine = [o for o in SEED.collection("order").values() if o["livelikeUserId"] == "user-001"]
    assert ids(body) == [o["id"] for o in mine]
    assert {o["attributes"]["livelikeUserId"] for o in body["data"]} == {"user-001"}
    other = await client.get("/api/orders?filters[livelikeUserId][$eq]=user-002", headers=user(1))
    assert other.json()["data"] == []
    foreign = next(
        o for o in SEED.collection("order").values() if o["livelikeUserId"] == "user-002"
    )
    missing = await client.get(f"/api/orders/{foreign['id']}", headers=user(1))
    assert missing.status_code == 404
    assert (await client.get(f"/api/orders/{foreign['id']}", headers=user(2))).status_code == 200


async def test_order_status_filter_and_sort(client) -> None:
    body = (
        await client.get(
            "/api/orders?filters[status][$eq]=FULFILLED&populate=*&sort=createdAt:desc",
            headers=user(6),
        )
    ).json()
    rows = body["data"]
    assert rows and {r["attributes"]["status"] for r in rows} == {"FULFILLED"}
    stamps = [r["attributes"]["createdAt"] for r in rows]
    assert stamps == sorted(stamps, reverse=True)
    assert rows[0]["attributes"]["product"]["data"]["attributes"]["name"]


async def test_every_status_exists_in_the_seed() -> None:
    statuses = {o["status"] for o in SEED.collection("order").values()}
    assert statuses == {"FULFILLED", "REJECTED", "PENDING", "REFUNDED"}
    assert len(SEED.collection("order")) >= 150


async def test_refunds_reference_refunded_orders(client) -> None:
    body = (
        await client.get("/api/refunds?populate=order&pagination[pageSize]=100", headers=STORE)
    ).json()
    refunded = [o for o in SEED.collection("order").values() if o["status"] == "REFUNDED"]
    assert body["meta"]["pagination"]["total"] == len(refunded) > 0
    for refund in body["data"]:
        order = refund["attributes"]["order"]["data"]
        assert order["attributes"]["status"] == "REFUNDED"
        assert refund["attributes"]["amount"] == order["attributes"]["totalRewardItemAmount"]
        assert refund["attributes"]["livelikeUserId"] == order["attributes"]["livelikeUserId"]


async def test_refunded_orders_populate_their_refund(client) -> None:
    refunded = next(o for o in SEED.collection("order").values() if o["status"] == "REFUNDED")
    n = int(refunded["livelikeUserId"].split("-")[1])
    body = (
        await client.get(f"/api/orders/{refunded['id']}?populate=refund", headers=user(n))
    ).json()
    refund = body["data"]["attributes"]["refund"]["data"]
    assert refund is not None and refund["attributes"]["quantity"] == refunded["quantity"]


async def test_refunds_are_scoped_by_user_token(client) -> None:
    refund = SEED.collection("refund")[1]
    owner = int(refund["livelikeUserId"].split("-")[1])
    stranger = next(n for n in range(1, 13) if n != owner)
    mine = (await client.get("/api/refunds", headers=user(owner))).json()
    assert {r["attributes"]["livelikeUserId"] for r in mine["data"]} == {refund["livelikeUserId"]}
    assert (await client.get("/api/refunds/1", headers=user(owner))).status_code == 200
    assert (await client.get("/api/refunds/1", headers=user(stranger))).status_code == 404
