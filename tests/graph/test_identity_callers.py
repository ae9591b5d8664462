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
    "litekart.order": '{ litekart { order(id: "ord_000001") { total { amount } } } }',
    "litekart.payment": '{ litekart { payment(id: "pay_000001") { amount { amount } } } }',
    "litekart.coupon": '{ litekart { coupon(id: "cpn_01") { code } } }',
    "litekart.user": '{ litekart { user(id: "usr_01") { email } } }',
    "node": '{ node(id: "Q3VzdG9tZXI6bGl0ZWthcnQ6Y3VzXzAwMDE=") { id } }',
    "litekart.payments": "{ litekart { payments(first: 5) { nodes { amount { amount } } } } }",
    "litekart.coupons": "{ litekart { coupons(first: 5) { nodes { code } } } }",
    "litekart.users": "{ litekart { users(first: 5) { nodes { email } } } }",
    "litekart.settings": "{ litekart { settings { storeEmail } } }",
    "freshstore.users": "{ freshstore { users(first: 5) { nodes { email } } } }",
    "freshstore.settings": "{ freshstore { settings { entries { key textValue } } } }",
    "freshstore.analytics": "{ freshstore { analytics { visitors(first: 5) { nodes { id } } } } }",
    "freshstore.stats": "{ freshstore { stats { products } } }",
    "freshstore.user": '{ freshstore { user(id: "1") { email } } }',
    "freshstore.loginLink": '{ freshstore { loginLink(email: "jane.doe@example.com") } }',
    "litestore.product.analytics": '{ litestore { product(id: "prod-001") { analytics { views } } } }',
    "litestore.creator.analytics": '{ litestore { creator(id: "creator-001") { analytics { totalCommission { amount } } } } }',
    "rewards.order": '{ rewards { order(id: "1") { id } } }',
    "rewards.me": "{ rewards { me { orders { totalCount } } } }",
    "rewards.refund": '{ rewards { refund(id: "1") { id } } }',
    "orders": "{ orders(first: 5) { nodes { id } } }",
}


def field_path(name: str) -> list[str]:
    return {
        "litestore.product.analytics": ["litestore", "product", "analytics"],
        "litestore.creator.analytics": ["litestore", "creator", "analytics"],
    }.get(name, name.split("."))


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
    nested = name.startswith("litestore.")  # the product/creator itself is public
    assert await graph.calls() == (1 if nested else 0)


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


OPERATOR_ONLY = sorted(set(PEOPLE_ROOTS) - {"rewards.me", "rewards.order", "node"})


async def test_admin_sees_everything(graph: Graph) -> None:
    graph.as_operator(Role.ADMIN)
    for name in OPERATOR_ONLY:
        body = await graph.query(PEOPLE_ROOTS[name])
        assert "errors" not in body, (name, body.get("errors"))
        value = body["data"]
        for part in field_path(name):
            value = value[part]
        assert value is not None, name


async def test_staff_reads_everything_but_cannot_act(graph: Graph) -> None:
    graph.as_operator(Role.STAFF)
    for name in OPERATOR_ONLY:
        body = await graph.query(PEOPLE_ROOTS[name])
        if name == "freshstore.loginLink":  # signs its holder in as the user: an action
            assert body["errors"][0]["extensions"] == {"code": "FORBIDDEN"}
            continue
        assert "errors" not in body, (name, body.get("errors"))
    redeem = 'mutation { redeemReward(input: {productId: "13"}) { userErrors { code } } }'
    body = await graph.query(redeem)
    assert body["data"]["redeemReward"] is None  # acting for a user takes their token


async def test_a_rewards_user_sees_only_their_orders_and_refunds(graph: Graph) -> None:
    users = await rewards_users(graph)
    x, y = users[1], users[3]  # user-002 and user-004 both have refunds
    query = """{ rewards { me { orders(first: 100) { nodes { livelikeUserId } }
                 refunds(first: 100) { nodes { sourceId } } } } }"""
    mine = (await graph.data(query, headers={"livelike-user-token": x["token"]}))["rewards"]["me"]
    theirs = (await graph.data(query, headers={"livelike-user-token": y["token"]}))["rewards"]["me"]
    assert {o["livelikeUserId"] for o in mine["orders"]["nodes"]} == {x["id"]}
    assert {o["livelikeUserId"] for o in theirs["orders"]["nodes"]} == {y["id"]}
    my_refunds = {r["sourceId"] for r in mine["refunds"]["nodes"]}
    their_refunds = {r["sourceId"] for r in theirs["refunds"]["nodes"]}
    assert my_refunds and their_refunds and not my_refunds & their_refunds
    lookup = '{ rewards { refund(id: "ID") { sourceId } } }'
    for refund in their_refunds:  # another user's refund by id is null for x; staff sees it
        as_x = await graph.data(
            lookup.replace("ID", refund), headers={"livelike-user-token": x["token"]}
        )
        assert as_x["rewards"]["refund"] is None
        staff = {"Authorization": f"Bearer {graph.mint(Role.STAFF)}"}
        as_staff = await graph.data(lookup.replace("ID", refund), headers=staff)
        assert as_staff["rewards"]["refund"] == {"sourceId": refund}


async def test_a_creator_sees_their_own_analytics_and_commissions_only(graph: Graph) -> None:
    graph.operator = graph.mint(Role.CREATOR, creator_id="creator-001")
    query = """query ($id: ID!) { litestore { creator(id: $id) {
        analytics { totalCommission { amount } }
        content(first: 3) { nodes { commission { amount } moderation { action } } } } } }"""
    own = await graph.data(query, {"id": "creator-001"})
    assert own["litestore"]["creator"]["analytics"]["totalCommission"]
    body = await graph.query(query, {"id": "creator-002"})
    codes = {(tuple(e["path"][-1:]), e["extensions"]["code"]) for e in body["errors"]}
    assert codes == {
        (("analytics",), "FORBIDDEN"),
        (("commission",), "FORBIDDEN"),
        (("moderation",), "FORBIDDEN"),
    }
    assert body["data"]["litestore"]["creator"]["analytics"] is None
    graph.as_operator(Role.MODERATOR)  # moderation, yes; a creator's money, no
    body = await graph.query(query, {"id": "creator-002"})
    assert {e["path"][-1] for e in body["errors"]} == {"analytics", "commission"}
