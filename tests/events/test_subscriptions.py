"""Subscriptions over a real loopback server: graphql-transport-ws and graphql-sse
deliver typed events with links resolved as they are now; limits hold; a slow
subscriber is closed with its reason and does not delay the others."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
from websockets.exceptions import ConnectionClosed

from gateway.sources import Source
from tests.events.conftest import drain, make_live_graph, settings_with_secrets
from tests.events.helpers import PRODUCT_UPDATED, body, signed
from tests.events.live import SseStream, WsClient, serve, until
from tests.graph.conftest import Graph

pytestmark = pytest.mark.asyncio(loop_scope="module")

LIMITS = {
    "STOREGRAPH_SUBSCRIPTION_QUEUE_SIZE": "2",
    "STOREGRAPH_SUBSCRIPTIONS_PER_CONNECTION": "2",
    "STOREGRAPH_SUBSCRIPTION_KEEPALIVE_S": "0.2",
    "STOREGRAPH_SUBSCRIPTION_INIT_TIMEOUT_S": "0.5",
}
PRODUCT_UPDATED_QUERY = """subscription ($id: ID) {
  productUpdated(productId: $id) {
    __typename id source type changed price { amount }
    product { sourceId name price { amount } }
  }
}"""


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def server() -> AsyncIterator[tuple[Graph, str]]:
    graph = await make_live_graph(settings_with_secrets(**LIMITS))
    async with serve(graph.app) as address:  # type: ignore[attr-defined]
        yield graph, address
    await graph.app.state.runtime.close()  # type: ignore[attr-defined]
    await graph.aclose()


@pytest_asyncio.fixture(loop_scope="module")
async def served(server: tuple[Graph, str]) -> AsyncIterator[tuple[Graph, str]]:
    """The module's server; each test leaves it with no subscriber and no latency."""
    graph, _ = server
    yield server
    await until(lambda: subscribers(graph) == 0, "every subscriber to leave the bus")
    await graph.configure(Source.LITEKART, latency_ms=0)


def subscribers(graph: Graph) -> int:
    return len(graph.app.state.runtime.bus)  # type: ignore[attr-defined]


async def edit_product(graph: Graph, product_id: str, **changes: object) -> None:
    admin = (await graph.credentials(Source.LITEKART))["api_key"]
    response = await graph.control(Source.LITEKART).put(
        f"/api/products/{product_id}", json=changes, headers={"authorization": f"Bearer {admin}"}
    )
    assert response.status_code == 200, response.text
    await drain(graph, Source.LITEKART)


async def test_a_websocket_client_hears_product_updated_with_the_product_as_it_is_now(served):
    graph, address = served
    async with WsClient.open(address) as client:
        await client.subscribe("1", PRODUCT_UPDATED_QUERY, {"id": "prod_0003"})
        await until(lambda: subscribers(graph) == 1, "the subscription")
        await edit_product(graph, "prod_0004", name="Not this one")
        await edit_product(graph, "prod_0003", name="Renamed", price=7.25)
        message = await client.receive()
    assert message["type"] == "next" and message["id"] == "1"
    event = message["payload"]["data"]["productUpdated"]
    assert event["__typename"] == "ProductUpdatedEvent" and event["source"] == "LITEKART"
    assert event["type"] == "product.updated" and event["changed"] == ["name", "price"]
    assert event["price"] == {"amount": "7.25"}
    assert event["product"] == {
        "sourceId": "prod_0003",
        "name": "Renamed",
        "price": {"amount": "7.25"},
    }
    await until(lambda: subscribers(graph) == 0, "the subscriber to leave the bus")


async def test_an_sse_client_hears_reviews_of_one_product(served):
    graph, address = served
    query = """subscription { reviewCreated(productId: "prod-002") {
      rating reviewId review { rating title } product { sourceId name } } }"""
    async with SseStream.open(address, query) as stream:
        assert stream.response.headers["content-type"].startswith("text/event-stream")
        await until(lambda: subscribers(graph) == 1, "the subscription")
        store = graph.app.state.runtime.clients[Source.LITESTORE]  # type: ignore[attr-defined]
        for product_id, title in (("prod-001", "Other"), ("prod-002", "Lovely")):
            review = {"rating": 5, "title": title, "content": "Exactly as described."}
            await store.send_json("POST", f"/api/products/{product_id}/reviews", review)
        await drain(graph, Source.LITESTORE)
        name, payload = await stream.event()
    assert name == "next"
    event = payload["data"]["reviewCreated"]
    assert event["rating"] == 5 and event["review"] == {"rating": 5, "title": "Lovely"}
    assert event["product"]["sourceId"] == "prod-002"


async def test_store_events_takes_several_kinds(served):
    graph, address = served
    query = """subscription { storeEvents(types: [PRODUCT_UPDATED, REVIEW_CREATED]) {
      __typename type ... on ProductUpdatedEvent { productId } } }"""
    async with WsClient.open(address) as client:
        await client.subscribe("s", query)
        await until(lambda: subscribers(graph) == 1, "the subscription")
        await edit_product(graph, "prod_0005", stock=3)
        store = graph.app.state.runtime.clients[Source.LITESTORE]  # type: ignore[attr-defined]
        review = {"rating": 3, "title": "Fine", "content": "Does the job well."}
        await store.send_json("POST", "/api/products/prod-003/reviews", review)
        first, second = await client.receive(), await client.receive()
    assert first["payload"]["data"]["storeEvents"] == {
        "__typename": "ProductUpdatedEvent", "type": "product.updated", "productId": "prod_0005"
    }  # fmt: skip
    assert second["payload"]["data"]["storeEvents"]["__typename"] == "ReviewCreatedEvent"


async def test_a_connection_without_init_is_closed_4408(served):
    _, address = served
    from websockets.asyncio.client import connect

    async with connect(f"ws://{address}/graphql", subprotocols=["graphql-transport-ws"]) as ws:  # type: ignore[list-item]
        with pytest.raises(ConnectionClosed) as closed:
            await asyncio.wait_for(ws.recv(), 5)
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 4408


async def test_only_graphql_transport_ws_is_spoken_on_the_websocket(served):
    _, address = served
    from websockets.asyncio.client import connect
    from websockets.exceptions import InvalidHandshake

    try:
        async with connect(f"ws://{address}/graphql", subprotocols=["graphql-ws"]) as ws:  # type: ignore[list-item]
            with pytest.raises(ConnectionClosed) as closed:
                await asyncio.wait_for(ws.recv(), 5)
            assert closed.value.rcvd is not None and closed.value.rcvd.code == 4406
    except InvalidHandshake:
        pass  # refused at the handshake: also not spoken


async def test_subscriptions_per_connection_are_limited_and_pings_keep_it_alive(served):
    graph, address = served
    async with WsClient.open(address) as client:
        for n in range(3):
            await client.subscribe(str(n), PRODUCT_UPDATED_QUERY)
        refused = await client.receive()
        assert refused == {
            "id": "2", "type": "error", "payload": [{"message": "Subscription limit reached"}]
        }  # fmt: skip
        raw = await asyncio.wait_for(client.ws.recv(), 2)  # nothing else is sent but pings
        assert raw == '{"type":"ping"}'
        assert subscribers(graph) == 2


async def test_open_subscriptions_are_a_gauge_of_their_own_and_never_timed(served):
    graph, address = served
    metrics = graph.app.state.runtime.metrics  # type: ignore[attr-defined]

    def active() -> float:
        return metrics.value("storegraph_subscriptions_active")

    watch = "subscription Watch { productUpdated { id } }"
    async with WsClient.open(address) as client:
        await client.subscribe("1", watch)
        await client.subscribe("2", watch)
        await until(lambda: active() == 2, "two open subscriptions")
        assert metrics.value("storegraph_graphql_in_flight") == 0  # they are not in flight
        await client.send({"id": "1", "type": "complete"})
        await until(lambda: active() == 1, "the one its client completed to close")
    await until(lambda: active() == 0, "the other to close with its connection")
    counted = {"operation": "Watch", "type": "subscription", "outcome": "ok"}
    assert metrics.value("storegraph_graphql_requests_total", **counted) == 2
    # a subscription's lifetime is not a latency: the histogram never saw them
    assert metrics.value("storegraph_graphql_request_seconds_count", operation="Watch") == 0


async def test_a_slow_subscriber_is_closed_with_its_reason_and_does_not_delay_the_others(served):
    graph, address = served
    await graph.configure(Source.LITEKART, latency_ms=500)  # every link read takes 500 ms
    slow_query = "subscription { productUpdated { id product { name } } }"
    fast_query = "subscription { productUpdated { id changed } }"
    async with WsClient.open(address) as slow, SseStream.open(address, fast_query) as fast:
        await slow.subscribe("slow", slow_query)
        await until(lambda: subscribers(graph) == 2, "both subscriptions")
        for n in range(8):  # the fast one hears each before the next is sent
            raw = body("product.updated", PRODUCT_UPDATED, id=f"evt_burst_{n}", at=_now())
            response = await graph.client.post(
                "/webhooks/litekart",
                content=raw,
                headers={"x-litekart-signature": signed("litekart", raw)},
            )
            assert response.status_code == 200
            name, payload = await fast.event()
            assert name == "next" and payload["data"]["productUpdated"]["id"] == f"evt_burst_{n}"
        first = await slow.receive()
        closed = await slow.receive()
    assert first["payload"]["data"]["productUpdated"]["id"] == "evt_burst_0"
    assert closed["type"] == "next" and closed["payload"]["data"] is None
    error = closed["payload"]["errors"][0]
    assert error["extensions"]["code"] == "SUBSCRIPTION_CLOSED"
    assert "fell 2 events behind" in error["message"]
    assert (await slow.receive())["type"] == "complete"


def _now() -> float:
    import time

    return time.time()
