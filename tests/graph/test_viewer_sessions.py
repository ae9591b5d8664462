"""``viewer`` and the Litekart session mutations: a customer logs in or registers, sends
the token back, and sees themself; each viewer part is null without its credential."""

from __future__ import annotations

from gateway.identity import Role
from gateway.sources import Source
from tests.graph.conftest import Graph
from tests.graph.identity_helpers import customer_headers, litekart_customers, rewards_users

LOGIN = """mutation ($email: String!, $password: String!) {
  loginLitekartCustomer(input: {email: $email, password: $password}) {
    session { token expiresAt customerId } userErrors { field message code } } }"""
REGISTER = """mutation ($input: RegisterLitekartCustomerInput!) {
  registerLitekartCustomer(input: $input) {
    session { token customerId } userErrors { field message code } } }"""
VIEWER = """{ viewer { anonymous litekartCustomer { sourceId email } rewardsUser { orders { totalCount } }
  operator { subject roles } orders(first: 100) { totalCount nodes { source
    ... on StoreOrder { customer { sourceId } } ... on RewardOrder { livelikeUserId } } } } }"""


async def test_log_in_and_see_yourself(graph: Graph) -> None:
    me = (await litekart_customers(graph))[0]
    data = await graph.data(LOGIN, {"email": me["email"], "password": "password123"})
    session = data["loginLitekartCustomer"]["session"]
    assert data["loginLitekartCustomer"]["userErrors"] == []
    assert session["customerId"] == me["id"] and session["expiresAt"]
    viewer = (await graph.data(VIEWER, headers=customer_headers(session["token"])))["viewer"]
    assert viewer["anonymous"] is False
    assert viewer["litekartCustomer"] == {"sourceId": me["id"], "email": me["email"]}
    assert viewer["rewardsUser"] is None and viewer["operator"] is None
    orders = viewer["orders"]
    assert orders["totalCount"] == len(orders["nodes"]) > 0
    assert {o["customer"]["sourceId"] for o in orders["nodes"]} == {me["id"]}


async def test_a_wrong_password_is_a_user_error_not_a_token(graph: Graph) -> None:
    me = (await litekart_customers(graph))[0]
    data = await graph.data(LOGIN, {"email": me["email"], "password": "not-it"})
    assert data["loginLitekartCustomer"] == {
        "session": None,
        "userErrors": [
            {
                "field": ["input", "password"],
                "message": "Wrong email or password.",
                "code": "INVALID_CREDENTIALS",
            }
        ],
    }
    empty = await graph.data(LOGIN, {"email": " ", "password": ""})
    codes = [e["code"] for e in empty["loginLitekartCustomer"]["userErrors"]]
    assert codes == ["INVALID_INPUT", "INVALID_INPUT"]
    assert (await graph.stats(Source.LITEKART))["routes"] == {"POST /api/auth/login": 1}


async def test_register_then_the_new_customer_is_the_viewer(graph: Graph) -> None:
    new = {
        "email": "new.customer@example.com",
        "password": "longenough1",
        "firstName": "Ada",
        "lastName": "Lo",
    }
    data = await graph.data(REGISTER, {"input": new})
    session = data["registerLitekartCustomer"]["session"]
    viewer = (await graph.data(VIEWER, headers=customer_headers(session["token"])))["viewer"]
    assert viewer["litekartCustomer"]["email"] == new["email"]
    assert viewer["orders"] == {"totalCount": 0, "nodes": []}

    again = await graph.data(REGISTER, {"input": new})
    assert again["registerLitekartCustomer"]["session"] is None
    assert again["registerLitekartCustomer"]["userErrors"][0]["code"] == "EMAIL_TAKEN"

    await graph.reset_stats()
    bad = {**new, "email": "nope", "password": "short"}
    errors = (await graph.data(REGISTER, {"input": bad}))["registerLitekartCustomer"]["userErrors"]
    assert [e["field"] for e in errors] == [["input", "email"], ["input", "password"]]
    assert await graph.calls() == 0  # caught before the store


async def test_every_credential_at_once_and_the_viewer_s_orders_stay_their_own(
    graph: Graph,
) -> None:
    me = (await litekart_customers(graph))[0]
    user = (await rewards_users(graph))[0]
    headers = {
        **customer_headers(me["token"]),
        "livelike-user-token": user["token"],
        "Authorization": f"Bearer {graph.mint(Role.ADMIN, subject='ops@example.com')}",
    }
    viewer = (await graph.data(VIEWER, headers=headers))["viewer"]
    assert viewer["operator"] == {"subject": "ops@example.com", "roles": ["ADMIN"]}
    assert viewer["rewardsUser"]["orders"]["totalCount"] > 0
    sources = {o["source"] for o in viewer["orders"]["nodes"]}
    assert sources == {"LITEKART", "REWARDS"}
    for order in viewer["orders"]["nodes"]:  # an admin's viewer orders are still their own
        if order["source"] == "LITEKART":
            assert order["customer"]["sourceId"] == me["id"]
        else:
            assert order["livelikeUserId"] == user["id"]


async def test_without_credentials_the_viewer_is_anonymous_and_empty(graph: Graph) -> None:
    body = await graph.query(VIEWER)
    assert "errors" not in body
    assert body["data"]["viewer"] == {
        "anonymous": True,
        "litekartCustomer": None,
        "rewardsUser": None,
        "operator": None,
        "orders": None,
    }
    assert await graph.calls() == 0


async def test_a_refused_customer_token_says_so_on_the_parts_needing_it(graph: Graph) -> None:
    body = await graph.query(VIEWER, headers=customer_headers("not.a.jwt"))
    assert body["data"]["viewer"]["litekartCustomer"] is None
    messages = {tuple(e["path"]): e["message"] for e in body["errors"]}
    assert messages[("viewer", "litekartCustomer")].startswith(
        "`litekart-customer-token` was not accepted: it is not a well-formed JWT."
    )
    assert {e["extensions"]["code"] for e in body["errors"]} == {"UNAUTHENTICATED"}


async def test_a_forged_customer_token_is_refused_by_litekart_and_named(graph: Graph) -> None:
    me = (await litekart_customers(graph))[0]
    head, claims, _ = me["token"].split(".")
    forged = f"{head}.{claims}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
    body = await graph.query(
        '{ litekart { customer(id: "ID") { email } } }'.replace("ID", me["id"]),
        headers=customer_headers(forged),
    )
    assert body["data"]["litekart"]["customer"] is None
    [error] = body["errors"]
    assert error["extensions"] == {"code": "UNAUTHENTICATED", "source": "LITEKART"}
    assert error["message"].startswith("`litekart-customer-token` was refused by the store")
    assert "gateway" not in error["message"]
