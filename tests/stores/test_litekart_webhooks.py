"""Litekart webhooks: signed with X-Litekart-Signature, retried, emitted where documented."""

from __future__ import annotations

import hashlib
import hmac
import json

import httpx

from stores.litekart import create_app
from tests.stores.litekart_support import ADMIN, client_for, login

SECRET = "whsec_test"


def verify_webhook(payload: bytes, signature: str, secret: str) -> bool:
    """The seed's verification, in Python: hex HMAC-SHA256, timing-safe compare."""
    expected = hmac.new(secret.encode(), payload, hashlib.sha256).hexdigest()
    return hmac.compare_digest(signature, expected)


async def test_events_are_signed_retried_and_shaped_like_the_seed() -> None:
    received: list[httpx.Request] = []
    failures = {"count": 1}

    def receiver(request: httpx.Request) -> httpx.Response:
        received.append(request)
        if failures["count"]:
            failures["count"] -= 1
            return httpx.Response(500)
        return httpx.Response(200)

    app = create_app(webhook_transport=httpx.MockTransport(receiver))
    async with client_for(app) as c:
        hook = {"url": "http://receiver/hooks", "secret": SECRET}
        await c.put("/__sim/config", json={"webhooks": [hook]})
        await c.put("/api/products/prod_0003", json={"stock": 5}, headers=ADMIN)
        jwt = await login(c, "cus_0001")
        body = {"items": [{"product_id": "prod_0003", "quantity": 1}]}
        order = (await c.post("/api/orders", json=body, headers=jwt)).json()["data"]
        await c.post(
            "/api/payments", json={"order_id": order["id"], "amount": order["total"]}, headers=jwt
        )
        await app.state.webhooks.drain()
        deliveries = (await c.get("/__sim/webhooks")).json()["deliveries"]

    assert [d["status"] for d in deliveries if d["event"] == "product.updated"] == [500, 200]
    product_updates = [r.content for r in received if b'"product.updated"' in r.content]
    assert len(product_updates) == 2 and product_updates[0] == product_updates[1]  # same event
    events = {}
    for request in received:
        assert verify_webhook(request.content, request.headers["x-litekart-signature"], SECRET)
        assert not verify_webhook(request.content, request.headers["x-litekart-signature"], "x")
        payload = json.loads(request.content)
        assert set(payload) == {"id", "event", "data", "timestamp"}
        events[payload["event"]] = payload
    assert set(events) == {"product.updated", "order.placed", "inventory.low", "payment.completed"}
    ids = {json.loads(r.content)["id"] for r in received}
    assert len(ids) == 4  # unique per event, shared by retries
    assert events["order.placed"]["data"] == {
        "orderId": order["id"], "customerId": "cus_0001", "total": order["total"],
        "number": order["number"], "status": "pending_payment",
    }  # fmt: skip
    assert events["inventory.low"]["data"]["productId"] == "prod_0003"
    assert events["inventory.low"]["data"]["stock"] == 4
    assert events["payment.completed"]["data"]["orderId"] == order["id"]


async def test_subscription_event_filter_and_other_events() -> None:
    received: list[dict] = []

    def receiver(request: httpx.Request) -> httpx.Response:
        received.append(json.loads(request.content))
        return httpx.Response(204)

    app = create_app(webhook_transport=httpx.MockTransport(receiver))
    async with client_for(app) as c:
        events = ["customer.registered", "product.created", "order.updated", "order.cancelled"]
        hook = {"url": "http://receiver/hooks", "secret": SECRET, "events": events}
        await c.put("/__sim/config", json={"webhooks": [hook]})
        register = {
            "email": "hook@example.com",
            "password": "password123",
            "first_name": "H",
            "last_name": "K",
        }
        customer = (await c.post("/api/auth/register", json=register)).json()["data"]["customer"]
        product = {"name": "Hook Lamp", "price": 12.5, "sku": "HOOK-1"}
        await c.post("/api/products", json=product, headers=ADMIN)
        paid = (await c.get("/api/orders?status=paid&limit=1", headers=ADMIN)).json()["data"][0]
        await c.patch(f"/api/orders/{paid['id']}", json={"status": "processing"}, headers=ADMIN)
        await c.post(f"/api/orders/{paid['id']}/cancel", headers=ADMIN)
        await app.state.webhooks.drain()
    by_event = {e["event"]: e["data"] for e in received}
    assert list(by_event) == events
    assert by_event["customer.registered"] == {
        "customerId": customer["id"],
        "email": "hook@example.com",
    }
    assert by_event["product.created"]["sku"] == "HOOK-1"
    assert by_event["order.updated"]["previousStatus"] == "paid"
    assert by_event["order.cancelled"]["orderId"] == paid["id"]
