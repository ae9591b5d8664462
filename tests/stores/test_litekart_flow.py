"""Cart → checkout → payment, customer isolation, cancellation and failed checkouts."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from tests.stores.litekart_support import ADMIN, assert_error, login, seeded_client


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with seeded_client() as c:
        yield c


async def product(client: httpx.AsyncClient, ident: str) -> dict:
    return (await client.get(f"/api/products/{ident}", headers=ADMIN)).json()["data"]


async def test_cart_checkout_payment_flow(client: httpx.AsyncClient) -> None:
    jwt = await login(client, "cus_0001")
    stock_before = (await product(client, "prod_0001"))["stock"]
    customer_before = (await client.get("/api/customers/cus_0001", headers=jwt)).json()["data"]
    cart = (await client.post("/api/carts", json={}, headers=jwt)).json()["data"]
    assert cart["customer_id"] == "cus_0001" and cart["items"] == []
    added = await client.post(
        f"/api/carts/{cart['id']}/items",
        json={"product_id": "prod_0001", "quantity": 2},
        headers=jwt,
    )
    assert added.status_code == 201
    again = await client.post(
        f"/api/carts/{cart['id']}/items", json={"product_id": "prod_0001"}, headers=jwt
    )
    line = again.json()["data"]["items"][0]
    assert line["quantity"] == 3 and len(again.json()["data"]["items"]) == 1
    patched = await client.patch(
        f"/api/carts/{cart['id']}/items/{line['id']}", json={"quantity": 2}, headers=jwt
    )
    assert patched.json()["data"]["subtotal"] == 178.0
    coupon = await client.post(
        f"/api/carts/{cart['id']}/coupon", json={"code": "welcome10"}, headers=jwt
    )
    view = coupon.json()["data"]
    assert (view["coupon_code"], view["discount"], view["shipping"]) == ("WELCOME10", 17.8, 0.0)
    assert view["tax"] == 12.82 and view["total"] == 173.02

    checkout = await client.post(f"/api/carts/{cart['id']}/checkout", headers=jwt)
    assert checkout.status_code == 201
    order = checkout.json()["data"]
    assert order["status"] == "pending_payment" and order["total"] == 173.02
    assert order["shipping_address"]["country"] == "US"
    assert (await product(client, "prod_0001"))["stock"] == stock_before - 2
    closed = await client.post(
        f"/api/carts/{cart['id']}/items", json={"product_id": "prod_0002"}, headers=jwt
    )
    assert_error(closed, 409, "CONFLICT")

    wrong = await client.post(
        "/api/payments", json={"order_id": order["id"], "amount": 173.0}, headers=jwt
    )
    assert assert_error(wrong, 422, "VALIDATION_ERROR")["details"][0]["field"] == "amount"
    paid = await client.post(
        "/api/payments",
        json={"order_id": order["id"], "amount": 173.02, "method": "paypal"},
        headers=jwt,
    )
    assert paid.status_code == 201 and paid.json()["data"]["status"] == "completed"
    twice = await client.post(
        "/api/payments", json={"order_id": order["id"], "amount": 173.02}, headers=jwt
    )
    assert_error(twice, 409, "CONFLICT")
    fetched = (await client.get(f"/api/orders/{order['id']}", headers=jwt)).json()["data"]
    assert fetched["status"] == "paid"
    customer = (await client.get("/api/customers/cus_0001", headers=jwt)).json()["data"]
    assert customer["orders_count"] == customer_before["orders_count"] + 1
    assert customer["total_spent"] == round(customer_before["total_spent"] + 173.02, 2)
    payment_id = paid.json()["data"]["id"]
    assert (await client.get(f"/api/payments/{payment_id}", headers=jwt)).status_code == 200

    for status in ("processing", "shipped", "completed"):
        moved = await client.patch(
            f"/api/orders/{order['id']}", json={"status": status}, headers=ADMIN
        )
        assert moved.json()["data"]["status"] == status
    back = await client.patch(f"/api/orders/{order['id']}", json={"status": "paid"}, headers=ADMIN)
    assert_error(back, 409, "CONFLICT")
    cancel = await client.post(f"/api/orders/{order['id']}/cancel", headers=jwt)
    assert_error(cancel, 409, "CONFLICT")


async def test_customer_cannot_reach_another_customers_data(client: httpx.AsyncClient) -> None:
    alice, bob = await login(client, "cus_0001"), await login(client, "cus_0002")
    bob_orders = (await client.get("/api/customers/cus_0002/orders", headers=bob)).json()["data"]
    assert bob_orders
    assert_error(
        await client.get(f"/api/orders/{bob_orders[0]['id']}", headers=alice),
        403,
        "AUTHORIZATION_ERROR",
    )
    assert_error(
        await client.get("/api/customers/cus_0002/orders", headers=alice),
        403,
        "AUTHORIZATION_ERROR",
    )
    assert_error(
        await client.get("/api/orders?customer_id=cus_0002", headers=alice),
        403,
        "AUTHORIZATION_ERROR",
    )
    alice_orders = await client.get("/api/orders?limit=100", headers=alice)
    assert {o["customer_id"] for o in alice_orders.json()["data"]} == {"cus_0001"}
    hidden = await client.get(f"/api/orders?ids={bob_orders[0]['id']}", headers=alice)
    assert hidden.json()["data"] == []
    bob_cart = (await client.post("/api/carts", json={}, headers=bob)).json()["data"]
    assert_error(
        await client.get(f"/api/carts/{bob_cart['id']}", headers=alice), 403, "AUTHORIZATION_ERROR"
    )
    foreign = await client.post("/api/carts", json={"customer_id": "cus_0002"}, headers=alice)
    assert_error(foreign, 403, "AUTHORIZATION_ERROR")
    payments = (await client.get("/api/payments?limit=100", headers=alice)).json()["data"]
    assert all(p["customer_id"] == "cus_0001" for p in payments)
    pending = [o for o in bob_orders if o["status"] == "pending_payment"]
    if pending:
        pay = {"order_id": pending[0]["id"], "amount": pending[0]["total"]}
        assert_error(
            await client.post("/api/payments", json=pay, headers=alice), 403, "AUTHORIZATION_ERROR"
        )
    assert_error(
        await client.put("/api/customers/cus_0002", json={"phone": "123"}, headers=alice),
        403,
        "AUTHORIZATION_ERROR",
    )


async def test_failed_checkout_changes_nothing(client: httpx.AsyncClient) -> None:
    jwt = await login(client, "cus_0003")
    plenty, scarce = await product(client, "prod_0001"), await product(client, "prod_0002")
    await client.put("/api/products/prod_0002", json={"stock": 1}, headers=ADMIN)
    body = {
        "items": [
            {"product_id": "prod_0001", "quantity": 1},
            {"product_id": "prod_0002", "quantity": 2},
        ]
    }
    cart = (await client.post("/api/carts", json=body, headers=jwt)).json()["data"]
    await client.post(f"/api/carts/{cart['id']}/coupon", json={"code": "FLAT5"}, headers=jwt)
    orders_before = (await client.get("/api/orders?limit=1", headers=ADMIN)).json()["pagination"][
        "total"
    ]
    coupon_before = (await client.get("/api/coupons/cpn_03", headers=ADMIN)).json()["data"]
    customer_before = (await client.get("/api/customers/cus_0003", headers=ADMIN)).json()["data"]

    failed = await client.post(f"/api/carts/{cart['id']}/checkout", headers=jwt)
    error = assert_error(failed, 422, "VALIDATION_ERROR")
    assert error["details"] == [
        {"field": "items.1.quantity", "message": "Insufficient stock: 1 left"}
    ]
    assert (await product(client, "prod_0001"))["stock"] == plenty["stock"]
    assert (await product(client, "prod_0002"))["stock"] == 1
    assert (await client.get("/api/orders?limit=1", headers=ADMIN)).json()["pagination"][
        "total"
    ] == orders_before
    assert (await client.get("/api/coupons/cpn_03", headers=ADMIN)).json()["data"] == coupon_before
    assert (await client.get("/api/customers/cus_0003", headers=ADMIN)).json()[
        "data"
    ] == customer_before
    still_open = (await client.get(f"/api/carts/{cart['id']}", headers=jwt)).json()["data"]
    assert still_open["status"] == "open"
    assert scarce["stock"] > 1


async def test_cancel_restores_stock(client: httpx.AsyncClient) -> None:
    jwt = await login(client, "cus_0004")
    variant_product = next(
        p for p in (await client.get("/api/products?limit=100")).json()["data"] if p["variants"]
    )
    variant = variant_product["variants"][0]
    body = {
        "items": [{"product_id": variant_product["id"], "variant_id": variant["id"], "quantity": 1}]
    }
    order = (await client.post("/api/orders", json=body, headers=jwt)).json()["data"]
    taken = await product(client, variant_product["id"])
    assert taken["stock"] == variant_product["stock"] - 1
    assert taken["variants"][0]["stock"] == variant["stock"] - 1
    cancelled = await client.post(f"/api/orders/{order['id']}/cancel", headers=jwt)
    assert cancelled.json()["data"]["status"] == "cancelled"
    restored = await product(client, variant_product["id"])
    assert restored["stock"] == variant_product["stock"]
    assert restored["variants"][0]["stock"] == variant["stock"]
    assert_error(
        await client.post(f"/api/orders/{order['id']}/cancel", headers=jwt), 409, "CONFLICT"
    )
    no_variant = {"items": [{"product_id": variant_product["id"]}]}
    missing = await client.post("/api/orders", json=no_variant, headers=jwt)
    assert (
        assert_error(missing, 422, "VALIDATION_ERROR")["details"][0]["field"]
        == "items.0.variant_id"
    )


async def test_coupon_rules(client: httpx.AsyncClient) -> None:
    jwt = await login(client, "cus_0005")
    expired = await client.post("/api/coupons/validate", json={"code": "SUMMER25"}, headers=jwt)
    assert expired.json()["data"]["valid"] is False
    assert expired.json()["data"]["reason"] == "Coupon has expired"
    unknown = await client.post("/api/coupons/validate", json={"code": "NOPE"}, headers=jwt)
    assert unknown.json()["data"]["valid"] is False
    good = await client.post(
        "/api/coupons/validate", json={"code": "save20", "subtotal": 150}, headers=jwt
    )
    assert good.json()["data"]["valid"] is True and good.json()["data"]["discount"] == 30.0
    below = await client.post(
        "/api/coupons/validate", json={"code": "SAVE20", "subtotal": 50}, headers=jwt
    )
    assert below.json()["data"]["valid"] is False
    cart = (
        await client.post("/api/carts", json={"items": [{"product_id": "prod_0001"}]}, headers=jwt)
    ).json()["data"]
    assert_error(
        await client.post(
            f"/api/carts/{cart['id']}/coupon", json={"code": "SUMMER25"}, headers=jwt
        ),
        422,
        "VALIDATION_ERROR",
    )
    assert_error(
        await client.post(f"/api/carts/{cart['id']}/coupon", json={"code": "NOPE"}, headers=jwt),
        404,
        "NOT_FOUND",
    )
    fixed = await client.post(
        f"/api/carts/{cart['id']}/coupon", json={"code": "FLAT15"}, headers=jwt
    )
    view = fixed.json()["data"]
    assert view["discount"] == 15.0
    assert view["shipping"] == 5.99 and view["tax"] == round(
        (89.0 - 15.0) * 0.08, 2
    )  # 74 < 75: not free
    percent_over = {"code": "HUGE", "type": "percent", "value": 150}
    assert_error(
        await client.post("/api/coupons", json=percent_over, headers=ADMIN), 422, "VALIDATION_ERROR"
    )
