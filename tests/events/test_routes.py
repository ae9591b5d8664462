"""The webhook endpoints over HTTP: the embedded default works with no configuration,
real stores are received once a secret is set, and a store edit is never read stale."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest
import pytest_asyncio
from starlette.types import ASGIApp, Receive, Scope, Send

from gateway.app import create_app
from gateway.events.routes import MAX_BODY_BYTES
from gateway.settings import Settings
from gateway.sources import Source
from tests.events.conftest import drain, make_live_graph
from tests.events.helpers import ORDER_PLACED, body, signed
from tests.graph.conftest import Graph

pytestmark = pytest.mark.asyncio(loop_scope="module")


async def test_the_embedded_stores_deliver_to_the_gateway_with_no_configuration():
    app = create_app(Settings.from_env({}))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://g") as c:
        await c.post("/graphql", json={"query": "{ __typename }"})
        runtime = app.state.runtime
        subscriber = runtime.bus.subscribe()
        review = {"rating": 4, "title": "Fine", "content": "Does what it says."}
        store = runtime.clients[Source.LITESTORE]
        await store.send_json("POST", "/api/products/prod-001/reviews", review)
        event = await asyncio.wait_for(anext(subscriber), 5)
        assert event.topic == "litestore.review.created"
        assert event.data.product_id == "prod-001" and event.data.rating == 4
        forged = await c.post(
            "/webhooks/litestore", content=b"{}", headers={"x-litestore-signature": "00"}
        )
        assert forged.status_code == 401
        await runtime.close()


async def test_receivers_are_off_for_real_stores_without_a_secret(live: Graph):
    apps = live.store_apps  # real stores to this gateway: not embedded, no secret set
    app = create_app(
        Settings.from_env({}), transports={s: httpx.ASGITransport(app=a) for s, a in apps.items()}
    )
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://g") as c:
        raw = body("order.placed", ORDER_PLACED)
        for store in ("litekart", "litestore", "freshstore"):
            response = await c.post(f"/webhooks/{store}", content=raw)
            assert response.status_code == 404, store
            assert response.json()["error"]["code"] == "NOT_FOUND"


async def test_a_delivery_from_the_store_is_received_once(live: Graph):
    subscriber = live.app.state.runtime.bus.subscribe()
    admin = (await live.credentials(Source.LITEKART))["api_key"]
    response = await live.control(Source.LITEKART).put(
        "/api/products/prod_0001",
        json={"price": 12.34},
        headers={"authorization": f"Bearer {admin}"},
    )
    assert response.status_code == 200, response.text
    deliveries = await drain(live, Source.LITEKART)
    assert [(d["event"], d["status"]) for d in deliveries] == [("product.updated", 200)]
    event = await asyncio.wait_for(anext(subscriber), 5)
    assert event.data.product_id == "prod_0001" and str(event.data.price) == "12.34"
    assert subscriber.pending == 0


async def test_forged_missing_replayed_and_old_deliveries_publish_nothing(live: Graph):
    subscriber = live.app.state.runtime.bus.subscribe()
    fresh = body("order.placed", ORDER_PLACED, id="evt_replayed", at=_now())
    old = body("order.placed", ORDER_PLACED, id="evt_old", at=_now() - 3600)
    header = "x-litekart-signature"
    sent = [
        (fresh, {header: signed("litekart", fresh, "not-the-secret")}, 401),
        (fresh, {}, 401),
        (fresh, {header: signed("litekart", fresh)}, 200),
        (fresh, {header: signed("litekart", fresh)}, 200),  # the replay
        (old, {header: signed("litekart", old)}, 400),
    ]
    for raw, headers, status in sent:
        response = await live.client.post("/webhooks/litekart", content=raw, headers=headers)
        assert response.status_code == status, response.text
    assert (await anext(subscriber)).id == "evt_replayed"
    assert subscriber.pending == 0


async def test_a_body_over_the_limit_is_413_before_it_is_checked(live: Graph):
    raw = b"x" * (MAX_BODY_BYTES + 1)
    response = await live.client.post(
        "/webhooks/litekart", content=raw, headers={"x-litekart-signature": signed("litekart", raw)}
    )
    assert response.status_code == 413


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def live() -> AsyncIterator[Graph]:
    """This module's gateway: its Litekart lets product reads be cached for five minutes."""
    graph = await make_live_graph(wrap={Source.LITEKART: LongCache})
    yield graph
    await graph.app.state.runtime.close()  # type: ignore[attr-defined]
    await graph.aclose()


class LongCache:
    """A store that lets its product reads be cached for five minutes."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_cacheable(message: dict) -> None:
            if message["type"] == "http.response.start" and scope["path"].startswith(
                "/api/products"
            ):
                headers = [(k, v) for k, v in message["headers"] if k.lower() != b"cache-control"]
                message = {**message, "headers": [*headers, (b"cache-control", b"max-age=300")]}
            await send(message)

        await self.app(scope, receive, send_cacheable)


async def test_product_updated_at_the_store_makes_the_next_query_fresh(live: Graph):
    query = '{ litekart { product(id: "prod_0002") { name price { amount } } } }'
    before = (await live.data(query))["litekart"]["product"]
    calls = await live.calls(Source.LITEKART)
    assert (await live.data(query))["litekart"]["product"] == before
    assert await live.calls(Source.LITEKART) == calls  # the second read came from the cache
    admin = (await live.credentials(Source.LITEKART))["api_key"]
    await live.control(Source.LITEKART).put(
        "/api/products/prod_0002",
        json={"name": "Renamed at the store", "price": 1.5},
        headers={"authorization": f"Bearer {admin}"},
    )
    await drain(live, Source.LITEKART)
    after = (await live.data(query))["litekart"]["product"]
    assert after == {"name": "Renamed at the store", "price": {"amount": "1.50"}}


def _now() -> float:
    import time

    return time.time()
