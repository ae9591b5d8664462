"""Litestore's signed webhooks and the simulator-only purchase trigger."""

from __future__ import annotations

import hashlib
import hmac
import json

import httpx

from stores.litestore import create_app
from tests.stores.litestore_helpers import (
    APPROVED_CONTENT,
    FULL,
    NEW_CONTENT,
    NEW_REVIEW,
    PENDING_CONTENT,
    litestore,
)

SECRET = "your-webhook-secret"


def seed_signature(secret: str, raw_body: bytes) -> str:
    """The seed's check: createHmac('sha256', secret).update(body).digest('hex')."""
    return hmac.new(secret.encode(), raw_body, hashlib.sha256).hexdigest()


class Receiver:
    """A webhook endpoint that fails its first ``failures`` calls."""

    def __init__(self, failures: int = 0) -> None:
        self.failures = failures
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return httpx.Response(500 if len(self.requests) <= self.failures else 200)

    def events(self) -> list[dict]:
        return [json.loads(r.content) for r in self.requests]


async def subscribe(client: httpx.AsyncClient, events: list[str] | None = None) -> None:
    hook = {"url": "https://your-app.com/webhooks/litestore", "secret": SECRET, "events": events}
    assert (await client.put("/__sim/config", json={"webhooks": [hook]})).status_code == 200


async def test_documented_events_are_signed_as_the_seed_verifies() -> None:
    receiver = Receiver()
    app = create_app(webhook_transport=httpx.MockTransport(receiver))
    async with litestore(app, headers=FULL) as client:
        await subscribe(client)
        content = (await client.post("/api/creators/content", json=NEW_CONTENT)).json()
        await client.post(
            f"/api/creators/content/{content['id']}/moderate", json={"action": "approve"}
        )
        review = (await client.post("/api/products/prod-001/reviews", json=NEW_REVIEW)).json()
        await app.state.webhooks.drain()
    for request in receiver.requests:
        signature = request.headers["x-litestore-signature"]
        assert signature == seed_signature(SECRET, request.content)
    events = receiver.events()
    assert [e["event"] for e in events] == [
        "content.submitted",
        "content.approved",
        "review.created",
    ]
    assert all(set(e) == {"id", "event", "data", "timestamp"} for e in events)
    assert len({e["id"] for e in events}) == 3
    submitted, approved, created = (e["data"] for e in events)
    assert submitted == {
        "contentId": content["id"],
        "creatorId": "creator-001",
        "productIds": ["prod-001", "prod-002"],
        "status": "pending_review",
        "submittedAt": content["createdAt"],
    }
    assert approved["contentId"] == content["id"]
    assert approved["approvedBy"] == "admin-001"
    assert approved["commission"] == round(5 + 0.05 * (199.99 + 26.99), 2)
    assert created == {
        "reviewId": review["id"],
        "productId": "prod-001",
        "rating": 5,
        "verified": True,
        "createdAt": review["createdAt"],
    }


async def test_a_failing_receiver_is_retried_with_the_same_event() -> None:
    receiver = Receiver(failures=2)
    app = create_app(webhook_transport=httpx.MockTransport(receiver))
    async with litestore(app, headers=FULL) as client:
        await subscribe(client, ["review.created"])
        await client.post("/api/products/prod-001/reviews", json=NEW_REVIEW)
        await client.post(
            f"/api/creators/content/{PENDING_CONTENT}/moderate", json={"action": "approve"}
        )
        await app.state.webhooks.drain()
        deliveries = (await client.get("/__sim/webhooks")).json()["deliveries"]
    assert [(d["event"], d["attempt"], d["status"]) for d in deliveries] == [
        ("review.created", 1, 500),
        ("review.created", 2, 500),
        ("review.created", 3, 200),
    ]
    assert len({r.content for r in receiver.requests}) == 1
    last = receiver.requests[-1]
    assert last.headers["x-litestore-signature"] == seed_signature(SECRET, last.content)


async def test_sim_purchase_emits_purchase_and_commission() -> None:
    receiver = Receiver()
    app = create_app(webhook_transport=httpx.MockTransport(receiver))
    async with litestore(app, headers=FULL) as client:
        await subscribe(client, ["product.purchased", "commission.earned"])
        content = next(
            c
            for c in (
                await client.get("/api/creators/content", params={"status": "approved"})
            ).json()["data"]
            if c["id"] == APPROVED_CONTENT
        )
        product_id = content["products"][0]
        product = (await client.get(f"/api/products/{product_id}")).json()
        before = (await client.get(f"/api/analytics/products/{product_id}")).json()
        creator = (await client.get(f"/api/analytics/creators/{content['creatorId']}")).json()
        response = await client.post(
            "/__sim/purchase",
            json={"productId": product_id, "quantity": 2, "contentId": APPROVED_CONTENT},
        )
        assert response.status_code == 201
        order = response.json()
        plain = await client.post("/__sim/purchase", json={"productId": "prod-001"})
        assert plain.json()["referrer"] is None and plain.json()["commission"] is None
        after = (await client.get(f"/api/analytics/products/{product_id}")).json()
        creator_after = (await client.get(f"/api/analytics/creators/{content['creatorId']}")).json()
        bad = await client.post(
            "/__sim/purchase", json={"productId": "prod-001", "contentId": PENDING_CONTENT}
        )
        assert bad.status_code == 400
        assert (await client.post("/__sim/purchase", json={"productId": "nope"})).status_code == 404
        assert (await client.get("/__sim/stats")).json()["routes"].get(
            "POST /__sim/purchase"
        ) is None
        await app.state.webhooks.drain()
    events = receiver.events()
    assert [e["event"] for e in events] == [
        "product.purchased",
        "commission.earned",
        "product.purchased",
    ]
    purchased, earned = events[0]["data"], events[1]["data"]
    revenue = round(product["price"] * 2, 2)
    assert purchased["orderId"] == order["orderId"] == "order-0001"
    assert (purchased["productId"], purchased["quantity"], purchased["revenue"]) == (
        product_id,
        2,
        revenue,
    )
    assert purchased["referrer"] == {
        "type": "creator-content",
        "contentId": APPROVED_CONTENT,
        "creatorId": content["creatorId"],
    }
    assert earned["contentId"] == APPROVED_CONTENT
    assert earned["creatorId"] == content["creatorId"]
    assert earned["productId"] == product_id
    assert earned["status"] == "pending"
    assert 0 < earned["amount"] < revenue
    assert after["purchases"] == before["purchases"] + 1
    assert creator_after["totalConversions"] == creator["totalConversions"] + 1
    assert creator_after["totalCommission"] == round(
        creator["totalCommission"] + earned["amount"], 2
    )
    for request in receiver.requests:
        assert request.headers["x-litestore-signature"] == seed_signature(SECRET, request.content)
