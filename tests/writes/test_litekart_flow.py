"""A Litekart customer's cart → checkout → payment through the graph: the order is
paid, stock went down and the customer's orders show it in the same response; the
store's refusals come back as user errors with its code and change nothing; two
carts read in one request both resolve."""

from __future__ import annotations

from collections.abc import AsyncIterator
from decimal import Decimal
from typing import Any

import pytest
import pytest_asyncio

from gateway.sources import Source
from tests.graph.conftest import Graph, make_graph
from tests.writes.helpers import ADMIN_KEY, litekart_customer, operator_headers

pytestmark = pytest.mark.asyncio(loop_scope="module")

CUSTOMER = "cus_0007"
ERRORS = "userErrors { field message code }"
CART = f"cart {{ sourceId status couponCode items {{ id productId quantity }} total {{ amount }} }} {ERRORS}"
STOCK = (
    '{ litekart { a: product(id: "prod_0002") { stock } b: product(id: "prod_0009") { stock } } }'
)


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def graph() -> AsyncIterator[Graph]:
    graph = await make_graph()
    yield graph
    await graph.aclose()


async def as_customer(graph: Graph, document: str, variables: dict[str, Any] | None = None) -> Any:
    return await graph.data(document, variables, headers=await litekart_customer(graph, CUSTOMER))


async def new_cart(graph: Graph) -> str:
    data = await as_customer(graph, f"mutation {{ createLitekartCart(input: {{}}) {{ {CART} }} }}")
    assert data["createLitekartCart"]["userErrors"] == []
    return data["createLitekartCart"]["cart"]["sourceId"]


async def stock(graph: Graph) -> tuple[int, int]:
    data = await graph.data(STOCK, headers=await operator_headers(graph, "staff"))
    return data["litekart"]["a"]["stock"], data["litekart"]["b"]["stock"]


async def at_store(graph: Graph, path: str, **params: str) -> Any:
    """What Litekart itself holds at ``path`` (its admin key, not the graph)."""
    answer = await graph.control(Source.LITEKART).get(path, params=params, headers=ADMIN_KEY)
    return answer.json()["data"]


async def test_cart_to_paid_order(graph: Graph) -> None:
    before = await stock(graph)
    cart = await new_cart(graph)
    added = await as_customer(
        graph,
        f"""mutation ($cart: ID!) {{
          a: addLitekartCartItem(input: {{cartId: $cart, productId: "prod_0002", quantity: 1}}) {{ {CART} }}
          b: addLitekartCartItem(input: {{cartId: $cart, productId: "prod_0009", quantity: 1}}) {{ {CART} }}
        }}""",
        {"cart": cart},
    )
    lines = added["b"]["cart"]["items"]
    assert [(i["productId"], i["quantity"]) for i in lines] == [("prod_0002", 1), ("prod_0009", 1)]
    changed = await as_customer(
        graph,
        f"""mutation ($cart: ID!, $keep: String!, $drop: String!) {{
          updateLitekartCartItem(input: {{cartId: $cart, itemId: $keep, quantity: 3}}) {{ {CART} }}
          removeLitekartCartItem(input: {{cartId: $cart, itemId: $drop}}) {{ {CART} }}
          applyLitekartCoupon(input: {{cartId: $cart, code: "WELCOME10"}}) {{ {CART} }}
        }}""",
        {"cart": cart, "keep": lines[0]["id"], "drop": lines[1]["id"]},
    )
    final = changed["applyLitekartCoupon"]["cart"]
    assert [(i["productId"], i["quantity"]) for i in final["items"]] == [("prod_0002", 3)]
    assert final["couponCode"] == "WELCOME10"
    checkout = (
        await as_customer(
            graph,
            """mutation ($cart: ID!) { checkoutLitekartCart(input: {cartId: $cart}) {
                 order { sourceId status total { amount } } cart { status } userErrors { code } } }""",
            {"cart": cart},
        )
    )["checkoutLitekartCart"]
    order = checkout["order"]
    assert checkout["userErrors"] == [] and checkout["cart"]["status"] == "CHECKED_OUT"
    assert order["status"] == "PENDING"
    assert Decimal(order["total"]["amount"]) == Decimal(final["total"]["amount"])
    paid = await as_customer(
        graph,
        """mutation ($order: ID!, $amount: Decimal!) {
          payLitekartOrder(input: {orderId: $order, amount: $amount}) {
            payment { amount { amount } status }
            order { status customer { orders(first: 1) { edges { node { sourceId status } } } } }
            userErrors { code }
          } }""",
        {"order": order["sourceId"], "amount": order["total"]["amount"]},
    )
    payment = paid["payLitekartOrder"]
    assert payment["userErrors"] == []
    assert payment["payment"]["amount"]["amount"] == order["total"]["amount"]
    assert payment["order"]["status"] == "PAID"
    newest = payment["order"]["customer"]["orders"]["edges"][0]["node"]
    assert newest == {"sourceId": order["sourceId"], "status": "PAID"}
    assert await stock(graph) == (before[0] - 3, before[1])  # the graph sees what the store holds:
    assert (await at_store(graph, "/api/products/prod_0002"))["stock"] == before[0] - 3
    assert (await at_store(graph, f"/api/orders/{order['sourceId']}"))["status"] == "paid"


async def test_a_wrong_amount_is_the_stores_refusal_and_changes_nothing(graph: Graph) -> None:
    cart = await new_cart(graph)
    await as_customer(
        graph,
        'mutation ($c: ID!) { addLitekartCartItem(input: {cartId: $c, productId: "prod_0002"}) { userErrors { code } } }',
        {"c": cart},
    )
    order = (
        await as_customer(
            graph,
            "mutation ($c: ID!) { checkoutLitekartCart(input: {cartId: $c}) { order { sourceId } } }",
            {"c": cart},
        )
    )["checkoutLitekartCart"]["order"]["sourceId"]
    await graph.reset_stats()
    refused = await as_customer(
        graph,
        f"""mutation ($o: ID!) {{ payLitekartOrder(input: {{orderId: $o, amount: "1.00"}}) {{
            payment {{ sourceId }} {ERRORS} }} }}""",
        {"o": order},
    )
    [error] = refused["payLitekartOrder"]["userErrors"]
    assert (error["code"], error["field"]) == ("VALIDATION_ERROR", ["input", "amount"])
    assert "total" in error["message"]
    assert refused["payLitekartOrder"]["payment"] is None
    assert (await graph.stats(Source.LITEKART))["routes"] == {"POST /api/payments": 1}
    status = await as_customer(
        graph, "query ($o: ID!) { litekart { order(id: $o) { status } } }", {"o": order}
    )
    assert status["litekart"]["order"]["status"] == "PENDING"
    assert (await at_store(graph, f"/api/orders/{order}"))["status"] == "pending_payment"
    assert await at_store(graph, "/api/payments", order_id=order) == []


async def test_insufficient_stock_is_refused_and_changes_nothing(graph: Graph) -> None:
    orders = len(await at_store(graph, f"/api/customers/{CUSTOMER}/orders", limit="100"))
    cart = await new_cart(graph)
    await as_customer(
        graph,
        'mutation ($c: ID!) { addLitekartCartItem(input: {cartId: $c, productId: "prod_0038", quantity: 3}) { userErrors { code } } }',
        {"c": cart},
    )
    refused = await as_customer(
        graph,
        f"mutation ($c: ID!) {{ checkoutLitekartCart(input: {{cartId: $c}}) {{ order {{ sourceId }} {ERRORS} }} }}",
        {"c": cart},
    )
    [error] = refused["checkoutLitekartCart"]["userErrors"]
    assert error["code"] == "VALIDATION_ERROR" and "Insufficient stock: 2 left" in error["message"]
    assert error["field"] == ["input", "cartId"]  # the line at fault is in the cart, not the input
    still = await as_customer(
        graph,
        'query ($c: ID!) { litekart { cart(id: $c) { status } product(id: "prod_0038") { stock } } }',
        {"c": cart},
    )
    assert still["litekart"] == {"cart": {"status": "OPEN"}, "product": {"stock": 2}}
    assert (await at_store(graph, "/api/products/prod_0038"))["stock"] == 2
    assert (await at_store(graph, f"/api/carts/{cart}"))["status"] == "open"
    assert len(await at_store(graph, f"/api/customers/{CUSTOMER}/orders", limit="100")) == orders


async def test_an_unknown_coupon_is_not_found(graph: Graph) -> None:
    cart = await new_cart(graph)
    refused = await as_customer(
        graph,
        f'mutation ($c: ID!) {{ applyLitekartCoupon(input: {{cartId: $c, code: "NOPE"}}) {{ {CART} }} }}',
        {"c": cart},
    )
    payload = refused["applyLitekartCoupon"]
    assert payload["cart"] is None
    assert payload["userErrors"] == [
        {"field": ["input", "code"], "message": "Code not found.", "code": "NOT_FOUND"}
    ]
    after = await as_customer(
        graph, "query ($c: ID!) { litekart { cart(id: $c) { couponCode } } }", {"c": cart}
    )
    assert after["litekart"]["cart"]["couponCode"] is None
    held = await at_store(graph, f"/api/carts/{cart}")
    assert held["coupon_code"] is None and held["discount"] == 0


async def test_two_carts_read_in_one_request_both_resolve(graph: Graph) -> None:
    first, second = await new_cart(graph), await new_cart(graph)
    await graph.reset_stats()
    data = await as_customer(
        graph,
        "query ($a: ID!, $b: ID!) { litekart { a: cart(id: $a) { sourceId } b: cart(id: $b) { sourceId } } }",
        {"a": first, "b": second},
    )
    assert data["litekart"] == {"a": {"sourceId": first}, "b": {"sourceId": second}}
    assert (await graph.stats(Source.LITEKART))["routes"] == {"GET /api/carts/{id}": 2}


async def test_a_global_id_of_another_type_is_a_user_error(graph: Graph) -> None:
    from schema.ids import encode_id

    cart = await new_cart(graph)
    await graph.reset_stats()
    wrong = encode_id("LitekartBrand", "litekart", "brand_01")
    refused = await as_customer(
        graph,
        f"mutation ($c: ID!, $p: ID!) {{ addLitekartCartItem(input: {{cartId: $c, productId: $p}}) {{ {CART} }} }}",
        {"c": encode_id("Cart", "litekart", cart), "p": wrong},
    )
    assert refused["addLitekartCartItem"]["userErrors"] == [
        {
            "field": ["input", "productId"],
            "message": "`input.productId` takes a LitekartProduct id; this is a LitekartBrand id of LITEKART.",
            "code": "BAD_USER_INPUT",
        }
    ]
    assert await graph.calls(Source.LITEKART) == 0
