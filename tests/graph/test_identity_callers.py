"""What each kind of caller sees of their own: a Litekart customer exactly their orders,
payments and carts (another's is FORBIDDEN), a Rewards user only their orders and
refunds, the merged `orders` their own in both stores (every Litekart order for admin), a
creator their own analytics and commissions, a moderator not people-data; anonymous
callers approved creator content and enabled articles only.
Every guarded field for every kind of caller: ``test_identity_roots.py``."""

from __future__ import annotations

from gateway.identity import Role
from tests.graph.conftest import Graph
from tests.graph.identity_helpers import (
    customer_headers,
    litekart_customers,
    rewards_users,
    spied_graph,
)

CUSTOMERS = "{ litekart { customers(first: 100) { nodes { email phone addresses { line1 } } } } }"


def admin(graph: Graph) -> dict[str, str]:
    return {"Authorization": f"Bearer {graph.mint(Role.ADMIN)}"}


async def test_a_litekart_customer_sees_exactly_their_own() -> None:
    """Orders, payments and carts: all of the customer's own (as admin counts them), no
    one else's, and another customer's by id is FORBIDDEN (Litekart's own check, on the
    customer's forwarded JWT)."""
    async with spied_graph() as (graph, spy):
        me, other = (await litekart_customers(graph))[:2]
        mine, theirs = customer_headers(me["token"]), customer_headers(other["token"])
        data = (
            await graph.data(
                """query ($me: ID!) { litekart {
                 orders(first: 100) { totalCount nodes { sourceId customer { sourceId email } } }
                 payments(first: 100) { totalCount nodes { sourceId order { customer { sourceId } } } }
                 customer(id: $me) { email } } }""",
                {"me": me["id"]},
                headers=mine,
            )
        )["litekart"]
        orders, payments = data["orders"], data["payments"]
        assert orders["totalCount"] == len(orders["nodes"]) > 0
        assert {o["customer"]["sourceId"] for o in orders["nodes"]} == {me["id"]}
        assert payments["totalCount"] == len(payments["nodes"]) > 0
        assert {p["order"]["customer"]["sourceId"] for p in payments["nodes"]} == {me["id"]}
        assert data["customer"]["email"] == me["email"]
        as_admin = await graph.data(
            """query ($me: ID!) { litekart { customer(id: $me) {
                 orders(first: 100) { nodes { sourceId } } } } }""",
            {"me": me["id"]},
            headers=admin(graph),
        )
        every = {o["sourceId"] for o in as_admin["litekart"]["customer"]["orders"]["nodes"]}
        assert {o["sourceId"] for o in orders["nodes"]} == every  # all of them, exactly

        made = await graph.data(
            'mutation { createLitekartCart(input: {items: [{productId: "prod_0004"}]}) { cart { sourceId customerId } } }',
            headers=mine,
        )
        cart = made["createLitekartCart"]["cart"]
        assert cart["customerId"] == me["id"]  # Litekart made it theirs: the JWT says who
        cart_query = '{ litekart { cart(id: "ID") { customerId items { productId } } } }'
        cart_query = cart_query.replace("ID", cart["sourceId"])
        own_cart = await graph.data(cart_query, headers=mine)
        assert own_cart["litekart"]["cart"] == {
            "customerId": me["id"],
            "items": [{"productId": "prod_0004"}],
        }
        their = await graph.data(
            "{ litekart { payments(first: 1) { nodes { sourceId order { sourceId } } } } }",
            headers=theirs,
        )
        [their_payment] = their["litekart"]["payments"]["nodes"]
        spy.clear()
        lookups = {
            "customer": (other["id"], mine),
            "order": (their_payment["order"]["sourceId"], mine),
            "payment": (their_payment["sourceId"], mine),
            "cart": (cart["sourceId"], theirs),  # my cart, asked by the other customer
        }
        for field, (its_id, headers) in lookups.items():
            query = f'{{ litekart {{ {field}(id: "{its_id}") {{ sourceId }} }} }}'
            body = await graph.query(query, headers=headers)
            assert body["data"]["litekart"][field] is None, field
            assert [e["extensions"]["code"] for e in body["errors"]] == ["FORBIDDEN"], field
        # Litekart was asked each time, as the customer asking — never with the admin key
        assert {c.authorization for c in spy.calls} == {
            f"Bearer {me['token']}",
            f"Bearer {other['token']}",
        }


async def test_the_customer_cannot_reach_staff_only_lists(graph: Graph) -> None:
    me = (await litekart_customers(graph))[0]
    body = await graph.query(CUSTOMERS, headers=customer_headers(me["token"]))
    assert body["data"]["litekart"]["customers"] is None
    assert body["errors"][0]["extensions"] == {"code": "UNAUTHENTICATED"}
    assert await graph.calls() == 0


async def test_staff_reads_people_data_and_a_moderator_is_forbidden(graph: Graph) -> None:
    graph.as_operator(Role.STAFF)
    data = await graph.data(CUSTOMERS)
    assert len(data["litekart"]["customers"]["nodes"]) == 100
    graph.as_operator(Role.MODERATOR)
    body = await graph.query(CUSTOMERS)
    assert body["errors"][0]["extensions"] == {"code": "FORBIDDEN"}
    assert "(MODERATOR) are not enough" in body["errors"][0]["message"]


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


MERGED = """{ orders(first: 100) { totalCount nodes { source
  ... on StoreOrder { customer { sourceId } } ... on RewardOrder { livelikeUserId } } } }"""
COUNTS = """{ litekart { orders(first: 1) { totalCount } }
  rewards { me { orders(first: 1) { totalCount } } } }"""


async def test_the_merged_orders_are_the_caller_s_own_or_every_order_for_admin(
    graph: Graph,
) -> None:
    me = (await litekart_customers(graph))[0]
    user = (await rewards_users(graph))[0]
    both = {**customer_headers(me["token"]), "livelike-user-token": user["token"]}
    merged = (await graph.data(MERGED, headers=both))["orders"]
    counts = await graph.data(COUNTS, headers=both)
    own = counts["litekart"]["orders"]["totalCount"]
    own_rewards = counts["rewards"]["me"]["orders"]["totalCount"]
    assert own > 0 and own_rewards > 0
    assert merged["totalCount"] == own + own_rewards  # all of theirs, in both stores
    for order in merged["nodes"]:
        if order["source"] == "LITEKART":
            assert order["customer"]["sourceId"] == me["id"]
        else:
            assert order["livelikeUserId"] == user["id"]
    every = await graph.data(MERGED, headers=admin(graph))
    all_litekart = await graph.data(
        "{ litekart { orders(first: 1) { totalCount } } }", headers=admin(graph)
    )
    assert every["orders"]["totalCount"] == all_litekart["litekart"]["orders"]["totalCount"]
    owners = {o["customer"]["sourceId"] for o in every["orders"]["nodes"]}
    assert len(owners) > 10  # everyone's (Rewards lists orders per user only: none here)


CONTENT = """query ($status: ContentStatus) {
  litestore { content(first: 100, filter: {status: $status}) { totalCount nodes { id status creator { sourceId } } } } }"""
NODE = "query ($id: ID!) { node(id: $id) { ... on CreatorContent { status } } }"


async def test_anonymous_callers_see_approved_content_only(graph: Graph) -> None:
    """Content under review or rejected is moderation's, not the public catalogue's:
    the public lists hold approved content only (asking for another state is refused),
    moderators see every state, a creator their own in every state."""
    moderator = {"Authorization": f"Bearer {graph.mint(Role.MODERATOR)}"}
    every = (await graph.data(CONTENT, headers=moderator))["litestore"]["content"]
    statuses = {c["status"] for c in every["nodes"]}
    assert statuses == {"APPROVED", "PENDING_REVIEW", "REJECTED"}
    public = (await graph.data(CONTENT))["litestore"]["content"]
    approved = await graph.data(CONTENT, {"status": "APPROVED"}, headers=moderator)
    assert public["totalCount"] == approved["litestore"]["content"]["totalCount"]
    assert public["totalCount"] < every["totalCount"]
    assert {c["status"] for c in public["nodes"]} == {"APPROVED"}
    support = {"Authorization": f"Bearer {graph.mint(Role.SUPPORT)}"}
    for status, headers, code in (
        ("PENDING_REVIEW", {}, "UNAUTHENTICATED"),
        ("REJECTED", support, "FORBIDDEN"),  # valid, but not moderation's
    ):
        body = await graph.query(CONTENT, {"status": status}, headers=headers)
        assert body["data"]["litestore"]["content"] is None
        assert [e["extensions"]["code"] for e in body["errors"]] == [code]

    pending = next(c for c in every["nodes"] if c["status"] == "PENDING_REVIEW")
    owner = pending["creator"]["sourceId"]
    creator = {"Authorization": f"Bearer {graph.mint(Role.CREATOR, creator_id=owner)}"}
    another = {"Authorization": f"Bearer {graph.mint(Role.CREATOR, creator_id='creator-999')}"}
    variables = {"id": pending["id"]}
    assert (await graph.data(NODE, variables))["node"] is None  # not public: no such object
    assert (await graph.data(NODE, variables, headers=another))["node"] is None
    for headers in (moderator, creator):
        assert (await graph.data(NODE, variables, headers=headers))["node"] == {
            "status": "PENDING_REVIEW"
        }
    own = """query ($c: ID!) { litestore { creator(id: $c) {
        content(first: 100) { nodes { status } } } } }"""
    mine = await graph.data(own, {"c": owner}, headers=creator)
    assert "PENDING_REVIEW" in {
        c["status"] for c in mine["litestore"]["creator"]["content"]["nodes"]
    }
    seen = await graph.data(own, {"c": owner})
    assert {c["status"] for c in seen["litestore"]["creator"]["content"]["nodes"]} == {"APPROVED"}


ARTICLES = """query ($enabled: Boolean) { freshstore {
  articles(first: 100, filter: {enabled: $enabled}) { totalCount nodes { id enabled } } } }"""


async def test_anonymous_callers_see_enabled_articles_only(graph: Graph) -> None:
    """A disabled article is the back office's: left out of the public list, null by id,
    and a list asked for disabled articles is refused; an editor sees it."""
    editor = {"Authorization": f"Bearer {graph.mint(Role.CATALOG_EDITOR)}"}
    every = (await graph.data(ARTICLES, headers=editor))["freshstore"]["articles"]
    disabled = [a["id"] for a in every["nodes"] if not a["enabled"]]
    assert disabled
    public = (await graph.data(ARTICLES))["freshstore"]["articles"]
    assert public["totalCount"] == every["totalCount"] - len(disabled)
    assert all(a["enabled"] for a in public["nodes"])
    body = await graph.query(ARTICLES, {"enabled": False})
    assert body["data"]["freshstore"]["articles"] is None
    assert [e["extensions"]["code"] for e in body["errors"]] == ["UNAUTHENTICATED"]
    by_id = "query ($id: ID!) { node(id: $id) { ... on Article { enabled } } }"
    assert (await graph.data(by_id, {"id": disabled[0]}))["node"] is None
    shown = await graph.data(by_id, {"id": disabled[0]}, headers=editor)
    assert shown["node"] == {"enabled": False}
