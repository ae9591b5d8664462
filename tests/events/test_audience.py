"""Who hears what, over real websockets and SSE: a Litekart customer hears only their
own orders, an admin hears everyone's, creators only their own content, staff the
store's operations; subscriptions to what a caller may never hear are refused."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio

from gateway.identity import Role
from gateway.sources import Source
from tests.events.conftest import drain, make_live_graph
from tests.events.live import SseStream, WsClient, serve, until
from tests.graph.conftest import Graph
from tests.graph.identity_helpers import litekart_customers

pytestmark = pytest.mark.asyncio(loop_scope="module")

ORDER_PLACED = """subscription { orderPlaced {
  orderId customerId total { amount }
  order { sourceId total { amount currency } }
  customer { sourceId email } } }"""
QUIET_S = 0.3
"""How long a client that must hear nothing is listened to after the others heard."""


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def server() -> AsyncIterator[tuple[Graph, str]]:
    graph = await make_live_graph()
    async with serve(graph.app) as address:  # type: ignore[attr-defined]
        yield graph, address
    await graph.app.state.runtime.close()  # type: ignore[attr-defined]
    await graph.aclose()


@pytest_asyncio.fixture(loop_scope="module")
async def served(server: tuple[Graph, str]) -> AsyncIterator[tuple[Graph, str]]:
    graph, _ = server
    yield server
    await until(lambda: subscribers(graph) == 0, "every subscriber to leave the bus")


def subscribers(graph: Graph) -> int:
    return len(graph.app.state.runtime.bus)  # type: ignore[attr-defined]


def bearer(token: str) -> dict[str, str]:
    return {"authorization": f"Bearer {token}"}


async def place_order(graph: Graph, token: str, product_id: str) -> dict[str, Any]:
    """An order placed at Litekart by the customer holding ``token``."""
    order = {"items": [{"product_id": product_id, "quantity": 1}]}
    response = await graph.control(Source.LITEKART).post(
        "/api/orders", json=order, headers=bearer(token)
    )
    assert response.status_code == 201, response.text
    await drain(graph, Source.LITEKART)
    return response.json()["data"]


async def nothing_more(client: WsClient) -> None:
    with pytest.raises(TimeoutError):
        await client.receive(timeout=QUIET_S)


async def refusal(
    address: str, query: str, payload: dict[str, str] | None = None
) -> dict[str, Any]:
    async with WsClient.open(address, payload) as client:
        await client.subscribe("1", query)
        message = await client.receive()
    errors = message["payload"]["errors"] if message["type"] == "next" else message["payload"]
    return errors[0]


async def test_a_customer_hears_only_their_own_orders_and_an_admin_hears_every_one(served):
    graph, address = served
    alice, bob = (await litekart_customers(graph))[:2]
    admin = graph.mint(Role.ADMIN)
    async with (
        WsClient.open(address, {"litekart-customer-token": alice["token"]}) as alice_ws,
        WsClient.open(address, {"litekart-customer-token": bob["token"]}) as bob_ws,
        SseStream.open(address, ORDER_PLACED, headers=bearer(admin)) as admin_sse,
    ):
        await alice_ws.subscribe("a", ORDER_PLACED)
        await bob_ws.subscribe("b", ORDER_PLACED)
        await until(lambda: subscribers(graph) == 3, "three subscriptions")
        placed = await place_order(graph, alice["token"], "prod_0010")
        heard = (await alice_ws.receive())["payload"]
        name, seen_by_admin = await admin_sse.event()
        await nothing_more(bob_ws)
    assert not heard.get("errors"), heard
    event = heard["data"]["orderPlaced"]
    assert event["orderId"] == placed["id"] and event["customerId"] == alice["id"]
    assert event["order"] == {
        "sourceId": placed["id"],
        "total": {"amount": str(placed["total"]), "currency": "USD"},
    }
    assert event["customer"] == {"sourceId": alice["id"], "email": alice["email"]}
    assert name == "next" and seen_by_admin["data"] == heard["data"]


async def test_the_customer_token_may_come_in_the_handshake_headers(served):
    graph, address = served
    alice = (await litekart_customers(graph))[0]
    headers = {"litekart-customer-token": alice["token"]}
    async with WsClient.open(address, headers=headers) as client:
        await client.subscribe("1", "subscription { orderPlaced { orderId customer { email } } }")
        await until(lambda: subscribers(graph) == 1, "the subscription")
        await place_order(graph, alice["token"], "prod_0011")
        event = (await client.receive())["payload"]["data"]["orderPlaced"]
    assert event["customer"]["email"] == alice["email"]


async def test_events_about_people_money_or_operations_are_refused_to_anonymous_callers(served):
    _, address = served
    for query in (ORDER_PLACED, "subscription { inventoryLow { productId } }",
                  "subscription { commissionEarned { amount { amount } } }"):  # fmt: skip
        error = await refusal(address, query)
        assert error["extensions"]["code"] == "UNAUTHENTICATED", query


async def test_a_customer_may_not_hear_stock_or_someone_elses_orders(served):
    graph, address = served
    alice, bob = (await litekart_customers(graph))[:2]
    token = {"litekart-customer-token": alice["token"]}
    stock = await refusal(address, "subscription { inventoryLow { productId } }", token)
    assert stock["extensions"]["code"] in ("UNAUTHENTICATED", "FORBIDDEN")
    other = await refusal(
        address, f'subscription {{ orderPlaced(customerId: "{bob["id"]}") {{ orderId }} }}', token
    )
    assert other["extensions"]["code"] == "FORBIDDEN" and "your own" in other["message"]


async def test_a_bad_token_in_connection_init_is_named(served):
    _, address = served
    error = await refusal(address, ORDER_PLACED, {"litekart-customer-token": "not-a-jwt"})
    assert error["extensions"]["code"] == "UNAUTHENTICATED"
    assert "litekart-customer-token" in error["message"]


async def test_staff_hear_low_stock(served):
    graph, address = served
    alice = (await litekart_customers(graph))[0]
    staff = graph.mint(Role.STAFF)
    admin_key = (await graph.credentials(Source.LITEKART))["api_key"]
    await graph.control(Source.LITEKART).put(
        "/api/products/prod_0012", json={"stock": 2}, headers=bearer(admin_key)
    )
    await drain(graph, Source.LITEKART)
    query = "subscription { inventoryLow { productId stock product { sourceId stock } } }"
    async with WsClient.open(address, {"Authorization": f"Bearer {staff}"}) as client:
        await client.subscribe("1", query)
        await until(lambda: subscribers(graph) == 1, "the subscription")
        await place_order(graph, alice["token"], "prod_0012")
        event = (await client.receive())["payload"]["data"]["inventoryLow"]
    assert event == {
        "productId": "prod_0012",
        "stock": 1,
        "product": {"sourceId": "prod_0012", "stock": 1},
    }


async def test_a_creator_hears_the_approval_of_their_own_content_only(served):
    graph, address = served
    store = graph.app.state.runtime.clients[Source.LITESTORE]  # type: ignore[attr-defined]
    pending = (
        await store.get_json("/api/creators/content", {"status": "pending", "limit": 100})
    ).json["data"]
    mine = pending[0]
    theirs = next(c for c in pending if c["creatorId"] != mine["creatorId"])
    creator = graph.mint(Role.CREATOR, creator_id=mine["creatorId"])
    moderator = graph.mint(Role.MODERATOR)
    query = """subscription { contentApproved {
      contentId commission { amount } content { sourceId status } creator { sourceId } } }"""
    async with (
        WsClient.open(address, {"Authorization": f"Bearer {creator}"}) as creator_ws,
        SseStream.open(address, query, headers=bearer(moderator)) as moderator_sse,
    ):
        await creator_ws.subscribe("1", query)
        await until(lambda: subscribers(graph) == 2, "both subscriptions")
        for content in (theirs, mine):
            path = f"/api/creators/content/{content['id']}/moderate"
            await store.send_json("POST", path, {"action": "approve"})
        await drain(graph, Source.LITESTORE)
        heard = (await creator_ws.receive())["payload"]
        moderated = [
            (await moderator_sse.event())[1]["data"]["contentApproved"]["contentId"]
            for _ in range(2)
        ]
        await nothing_more(creator_ws)
    assert not heard.get("errors"), heard
    event = heard["data"]["contentApproved"]
    assert event["contentId"] == mine["id"] and event["creator"] == {"sourceId": mine["creatorId"]}
    assert event["content"] == {"sourceId": mine["id"], "status": "APPROVED"}
    assert moderated == [theirs["id"], mine["id"]]


async def test_one_subscription_takes_every_kind_the_caller_may_hear(served):
    graph, address = served
    alice = (await litekart_customers(graph))[0]
    query = "subscription { storeEvents { __typename type } }"
    async with WsClient.open(address, {"litekart-customer-token": alice["token"]}) as client:
        await client.subscribe("1", query)
        await until(lambda: subscribers(graph) == 1, "the subscription")
        await place_order(graph, alice["token"], "prod_0013")  # order.placed (hers)
        kinds = [(await client.receive())["payload"]["data"]["storeEvents"]["type"]]
    assert kinds == ["order.placed"]


async def test_a_subscription_closes_once_its_credential_has_expired():
    from gateway.events import SubscriptionClosed
    from gateway.identity import Caller, LitekartCustomer, Operator
    from schema.events.audience import check_still_valid

    customer = Caller(litekart_customer=LitekartCustomer("t", "cus_1", expires_at=1000.0))
    check_still_valid(customer, now=999.0)
    with pytest.raises(SubscriptionClosed, match="expired"):
        check_still_valid(customer, now=1000.0)
    operator = Caller(operator=Operator("ops", frozenset({Role.STAFF}), expires_at=50.0))
    with pytest.raises(SubscriptionClosed):
        check_still_valid(operator, now=60.0)
    check_still_valid(Caller(), now=1e12)
