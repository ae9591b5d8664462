"""Each kind of caller over the roots: anonymous, a Litekart customer, a Rewards user,
operators by role — and that the gateway's admin key never answers for anyone else."""

from __future__ import annotations

import pytest

from gateway.identity import Role
from gateway.sources import Source
from tests.graph.conftest import Graph
from tests.graph.identity_helpers import (
    customer_headers,
    litekart_customers,
    rewards_users,
    spied_graph,
)

PEOPLE_ROOTS = {
    "litekart.customers": "{ litekart { customers(first: 100) { nodes { email phone addresses { line1 } } } } }",
    "litekart.customer": '{ litekart { customer(id: "cus_0001") { email } } }',
    "litekart.orders": "{ litekart { orders(first: 5) { nodes { total { amount } } } } }",
    "litekart.order": '{ litekart { order(id: "ord_00001") { total { amount } } } }',
    "litekart.payments": "{ litekart { payments(first: 5) { nodes { amount { amount } } } } }",
    "litekart.coupons": "{ litekart { coupons(first: 5) { nodes { code } } } }",
    "litekart.users": "{ litekart { users(first: 5) { nodes { email } } } }",
    "litekart.settings": "{ litekart { settings { storeEmail } } }",
    "freshstore.users": "{ freshstore { users(first: 5) { nodes { email } } } }",
    "freshstore.settings": "{ freshstore { settings { entries { key textValue } } } }",
    "freshstore.analytics": "{ freshstore { analytics { visitors(first: 5) { nodes { id } } } } }",
    "freshstore.stats": "{ freshstore { stats { products } } }",
    "rewards.me": "{ rewards { me { orders { totalCount } } } }",
    "rewards.refund": '{ rewards { refund(id: "1") { id } } }',
    "orders": "{ orders(first: 5) { nodes { id } } }",
}


def field_path(name: str) -> list[str]:
    return name.split(".")


@pytest.mark.parametrize("name", sorted(PEOPLE_ROOTS))
async def test_anonymous_sees_none_of_it_and_no_store_is_asked(graph: Graph, name: str) -> None:
    body = await graph.query(PEOPLE_ROOTS[name])
    [error] = body["errors"]
    assert error["extensions"] == {"code": "UNAUTHENTICATED"}
    assert error["path"] == field_path(name)
    assert "Authorization: Bearer" in error["message"] or "token" in error["message"]
    value = body["data"]
    for part in field_path(name):
        value = value[part]
    assert value is None
    assert await graph.calls() == 0


async def test_a_litekart_customer_sees_exactly_their_own() -> None:
    async with spied_graph() as (graph, spy):
        me, other = (await litekart_customers(graph))[:2]
        headers = customer_headers(me["token"])
        data = await graph.data(
            """{ litekart { orders(first: 100) { totalCount nodes { sourceId customer { sourceId email } } }
                 customer(id: "ME") { email } } }""".replace("ME", me["id"]),
            headers=headers,
        )
        orders = data["litekart"]["orders"]
        assert orders["totalCount"] == len(orders["nodes"]) > 0
        assert {o["customer"]["sourceId"] for o in orders["nodes"]} == {me["id"]}
        assert data["litekart"]["customer"]["email"] == me["email"]

        body = await graph.query(
            '{ litekart { customer(id: "OTHER") { email } } }'.replace("OTHER", other["id"]),
            headers=headers,
        )
        assert body["data"]["litekart"]["customer"] is None
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        # every Litekart call for this customer carried their JWT, never the admin key
        assert spy.calls and all(c.authorization == f"Bearer {me['token']}" for c in spy.calls)


async def test_the_customer_cannot_reach_staff_only_lists(graph: Graph) -> None:
    me = (await litekart_customers(graph))[0]
    body = await graph.query(
        PEOPLE_ROOTS["litekart.customers"], headers=customer_headers(me["token"])
    )
    assert body["data"]["litekart"]["customers"] is None
    assert body["errors"][0]["extensions"] == {"code": "UNAUTHENTICATED"}
    assert await graph.calls() == 0


async def test_staff_reads_people_data_and_a_moderator_is_forbidden(graph: Graph) -> None:
    graph.as_operator(Role.STAFF)
    data = await graph.data(PEOPLE_ROOTS["litekart.customers"])
    assert len(data["litekart"]["customers"]["nodes"]) == 100
    graph.as_operator(Role.MODERATOR)
    body = await graph.query(PEOPLE_ROOTS["litekart.customers"])
    assert body["errors"][0]["extensions"] == {"code": "FORBIDDEN"}
    assert "(MODERATOR) are not enough" in body["errors"][0]["message"]


async def test_the_admin_key_never_answers_for_anonymous_or_end_users() -> None:
    async with spied_graph() as (graph, spy):
        customer = (await litekart_customers(graph))[0]
        user = (await rewards_users(graph))[0]
        admin_key = (await graph.credentials(Source.LITEKART))["api_key"]
        for query in PEOPLE_ROOTS.values():
            await graph.query(query)
            await graph.query(query, headers=customer_headers(customer["token"]))
            await graph.query(query, headers={"livelike-user-token": user["token"]})
        people = [c for c in spy.calls if c.source is Source.LITEKART]
        assert people  # the customer's own reads reached Litekart ...
        assert all(c.authorization != f"Bearer {admin_key}" for c in people)  # ... as them
        rewards = [c for c in spy.calls if c.source is Source.REWARDS]
        assert rewards and all(c.user_token == user["token"] for c in rewards)
