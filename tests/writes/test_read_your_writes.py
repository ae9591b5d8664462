"""Read-your-writes: a write drops exactly the cached reads it made stale, so the next
read shows it — at once, not after the store's 30-60 s freshness — while unrelated
cached reads stay cached (no call)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio

from gateway.sources import Source
from tests.graph.conftest import Graph, make_graph
from tests.writes.helpers import caller_headers, operator_headers
from tests.writes.samples import mutate

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def graph() -> AsyncIterator[Graph]:
    graph = await make_graph()
    yield graph
    await graph.aclose()


async def read(graph: Graph, document: str, role: str = "staff") -> Any:
    return await graph.data(document, headers=await operator_headers(graph, role))


REVIEWS = '{ litestore { product(id: "prod-004") { reviews(first: 100) { totalCount edges { node { title helpfulCount } } } } } }'


async def test_a_shoppers_review_shows_at_once(graph: Graph) -> None:
    before = (await read(graph, REVIEWS))["litestore"]["product"]["reviews"]
    await mutate(
        graph,
        "submitLitestoreReview",
        {"productId": "prod-004", "rating": 4, "title": "Solid pick", "content": "Works well."},
        "review { sourceId rating }",
    )
    after = (await read(graph, REVIEWS))["litestore"]["product"]["reviews"]
    assert after["totalCount"] == before["totalCount"] + 1
    assert "Solid pick" in [e["node"]["title"] for e in after["edges"]]


CONTENT = '{ litestore { creator(id: "creator-005") { content(first: 100) { edges { node { sourceId status title } } } analytics { totalCommission { amount } } } } }'
APPROVED = '{ litestore { content(filter: {creatorId: "creator-005", status: APPROVED}, first: 100) { edges { node { sourceId } } } } }'


async def test_content_submitted_then_approved_shows_at_once(graph: Graph) -> None:
    await read(graph, CONTENT)
    await read(graph, APPROVED)
    submitted = await mutate(
        graph,
        "submitCreatorContent",
        {"creatorId": "creator-005", "title": "Unboxing", "products": ["prod-004"]},
        "content { sourceId status }",
    )
    content = submitted["content"]
    assert content["status"] == "PENDING_REVIEW"
    listed = (await read(graph, CONTENT))["litestore"]["creator"]["content"]["edges"]
    assert {"sourceId": content["sourceId"], "status": "PENDING_REVIEW", "title": "Unboxing"} in [
        e["node"] for e in listed
    ]
    commission = (await read(graph, CONTENT))["litestore"]["creator"]["analytics"]
    approved = await mutate(
        graph,
        "moderateCreatorContent",
        {"id": content["sourceId"], "action": "APPROVE", "modifications": {"title": "Unboxed"}},
        "content { status title }",
    )
    assert approved["content"] == {"status": "APPROVED", "title": "Unboxed"}
    shown = (await read(graph, APPROVED))["litestore"]["content"]["edges"]
    assert {"sourceId": content["sourceId"]} in [e["node"] for e in shown]
    after = (await read(graph, CONTENT))["litestore"]["creator"]["analytics"]
    assert after["totalCommission"]["amount"] > commission["totalCommission"]["amount"]


async def test_moderating_content_twice_is_the_stores_refusal(graph: Graph) -> None:
    refused = await graph.data(
        'mutation { moderateCreatorContent(input: {id: "content-002", action: REJECT}) { content { status } userErrors { field code } } }',
        headers=await caller_headers(graph, "moderateCreatorContent"),
    )
    assert refused["moderateCreatorContent"] == {
        "content": None,
        "userErrors": [{"field": ["input", "id"], "code": "VALIDATION_ERROR"}],
    }


CATALOG = '{ catalog { a: product(id: "prod_100030") { price { amount } inventory { total } } b: product(id: "prod_100031") { name } } }'


async def test_a_catalog_update_drops_that_product_only(graph: Graph) -> None:
    await read(graph, CATALOG)
    await mutate(
        graph,
        "updateCatalogProduct",
        {"id": "prod_100030", "price": "77.70", "inventory": 12},
        "product { sourceId }",
    )
    await graph.reset_stats()
    data = await read(graph, CATALOG)
    assert data["catalog"]["a"] == {"price": {"amount": "77.70"}, "inventory": {"total": 12}}
    assert (await graph.stats(Source.CATALOG))["routes"] == {"GET /api/v1/products/{product_id}": 1}


async def test_the_payload_is_the_changed_object_and_later_fields_see_it(graph: Graph) -> None:
    data = await graph.data(
        """mutation {
          a: updateFreshStoreProduct(input: {id: "9", title: "Renamed Nine"}) { product { name } }
          b: setFreshStoreProductCategories(input: {id: "9", categoryIds: ["4"]}) {
               product { name categories { sourceId } } } }""",
        headers=await operator_headers(graph, "catalog_editor"),
    )
    assert data["a"]["product"]["name"] == "Renamed Nine"
    assert data["b"]["product"] == {"name": "Renamed Nine", "categories": [{"sourceId": "4"}]}


# ---------------------------------------------------------------- through the whole-response cache


def whole_answers(graph: Graph) -> int:
    """How many queries the whole-response cache has answered so far."""
    runtime = graph.client._transport.app.state.runtime  # type: ignore[attr-defined]
    return runtime.operations.hits


async def cached(graph: Graph, document: str, headers: dict[str, str] | None = None) -> Any:
    """``document`` read twice: the second answer is the whole-response cache's (checked),
    so what follows a write proves that cache let go of it."""
    first = await graph.data(document, headers=headers)
    hits = whole_answers(graph)
    assert await graph.data(document, headers=headers) == first
    assert whole_answers(graph) == hits + 1
    return first


async def fresh(graph: Graph, document: str, headers: dict[str, str] | None = None) -> Any:
    """``document`` read once more: not a stored answer."""
    hits = whole_answers(graph)
    data = await graph.data(document, headers=headers)
    assert whole_answers(graph) == hits
    return data


SHOPPERS_REVIEWS = '{ litestore { product(id: "prod-001") { reviews(first: 100) { totalCount edges { node { sourceId title helpfulCount } } } } } }'


async def test_a_shopper_sees_their_review_and_vote_at_once(graph: Graph) -> None:
    before = (await cached(graph, SHOPPERS_REVIEWS))["litestore"]["product"]["reviews"]
    written = await graph.data(
        'mutation { submitLitestoreReview(input: {productId: "prod-001", rating: 5, title: "Shopper says", content: "Yes."}) { review { sourceId } userErrors { code } } }'
    )  # anonymous, as a shopper is
    review = written["submitLitestoreReview"]["review"]["sourceId"]
    after = (await fresh(graph, SHOPPERS_REVIEWS))["litestore"]["product"]["reviews"]
    assert after["totalCount"] == before["totalCount"] + 1
    assert {"sourceId": review, "title": "Shopper says", "helpfulCount": 0} in [
        e["node"] for e in after["edges"]
    ]
    await cached(graph, SHOPPERS_REVIEWS)
    await graph.data(
        "mutation ($id: ID!) { markLitestoreReviewHelpful(input: {id: $id}) { userErrors { code } } }",
        {"id": review},
    )
    voted = (await fresh(graph, SHOPPERS_REVIEWS))["litestore"]["product"]["reviews"]["edges"]
    assert {"sourceId": review, "title": "Shopper says", "helpfulCount": 1} in [
        e["node"] for e in voted
    ]


SHOPPERS_CONTENT = '{ litestore { creator(id: "creator-027") { content(first: 100) { edges { node { sourceId status } } } } } }'


async def test_a_shopper_sees_an_approval_at_once(graph: Graph) -> None:
    listed = (await cached(graph, SHOPPERS_CONTENT))["litestore"]["creator"]["content"]["edges"]
    assert "content-003" not in [e["node"]["sourceId"] for e in listed]  # in review: not public
    await mutate(
        graph,
        "moderateCreatorContent",
        {"id": "content-003", "action": "APPROVE"},
        "content { status }",
    )
    shown = (await fresh(graph, SHOPPERS_CONTENT))["litestore"]["creator"]["content"]["edges"]
    assert {"sourceId": "content-003", "status": "APPROVED"} in [e["node"] for e in shown]


async def test_a_customer_sees_their_cart_and_orders_change_at_once(graph: Graph) -> None:
    """Litekart marks what a customer reads ``private, no-cache``: never a stored whole
    answer, each read revalidated — so a write shows on the next read."""
    from tests.writes.helpers import litekart_customer

    customer = await litekart_customer(graph, "cus_0012")
    created = await graph.data(
        "mutation { createLitekartCart(input: {}) { cart { id } } }", headers=customer
    )
    cart = created["createLitekartCart"]["cart"]["id"]
    read_cart = f'{{ node(id: "{cart}") {{ ... on Cart {{ items {{ productId quantity }} }} }} }}'
    assert (await fresh(graph, read_cart, customer))["node"]["items"] == []
    assert (await fresh(graph, read_cart, customer))["node"]["items"] == []
    await graph.data(
        f'mutation {{ addLitekartCartItem(input: {{cartId: "{cart}", productId: "prod_0004"}}) {{ userErrors {{ code }} }} }}',
        headers=customer,
    )
    lines = (await fresh(graph, read_cart, customer))["node"]["items"]
    assert lines == [{"productId": "prod_0004", "quantity": 1}]
    orders = "{ viewer { orders(first: 100) { totalCount nodes { id status } } } }"
    before = (await fresh(graph, orders, customer))["viewer"]["orders"]
    checkout = await graph.data(
        f'mutation {{ checkoutLitekartCart(input: {{cartId: "{cart}"}}) {{ order {{ id total {{ amount }} }} }} }}',
        headers=customer,
    )
    order = checkout["checkoutLitekartCart"]["order"]
    placed = (await fresh(graph, orders, customer))["viewer"]["orders"]
    assert placed["totalCount"] == before["totalCount"] + 1
    assert {"id": order["id"], "status": "PENDING"} in placed["nodes"]
    await graph.data(
        "mutation ($o: ID!, $a: Decimal!) { payLitekartOrder(input: {orderId: $o, amount: $a}) { userErrors { code } } }",
        {"o": order["id"], "a": order["total"]["amount"]},
        headers=customer,
    )
    paid = (await fresh(graph, orders, customer))["viewer"]["orders"]["nodes"]
    assert {"id": order["id"], "status": "PAID"} in paid


async def test_later_writes_of_one_document_see_the_earlier_ones(graph: Graph) -> None:
    """Each write of a mutation document starts its payload from what the stores hold
    now: nothing an earlier payload loaded in the request is shown again (a product's
    rating counts each review, the same-item index shows each price)."""
    data = await graph.data(
        """mutation {
          a: submitLitestoreReview(input: {productId: "prod-008", rating: 1, title: "a", content: "a"}) {
               review { product { rating { count } reviews(first: 100) { totalCount } } } }
          b: submitLitestoreReview(input: {productId: "prod-008", rating: 1, title: "b", content: "b"}) {
               review { product { rating { count } reviews(first: 100) { totalCount } } } } }"""
    )
    a, b = (data[k]["review"]["product"] for k in "ab")
    assert a["rating"]["count"] == a["reviews"]["totalCount"]
    assert b["rating"]["count"] == b["reviews"]["totalCount"] == a["rating"]["count"] + 1
    editor = await operator_headers(graph, "admin")
    priced = await graph.data(
        """mutation {
          a: updateLitekartProduct(input: {id: "prod_0002", price: "13.00"}) {
               product { sameItemElsewhere { source } } }
          b: updateLitekartProduct(input: {id: "prod_0002", price: "12.00"}) {
               product { sourceId } }
          c: updateLitestoreProduct(input: {id: "prod-067", price: "14.00"}) {
               product { sameItemElsewhere { source sourceId price { amount } } } } }""",
        headers=editor,
    )
    assert priced["a"]["product"]["sameItemElsewhere"]  # the index was loaded in `a`
    elsewhere = priced["c"]["product"]["sameItemElsewhere"]
    assert {
        "source": "LITEKART",
        "sourceId": "prod_0002",
        "price": {"amount": "12.00"},
    } in elsewhere


async def test_what_a_read_just_found_missing_shows_once_created(graph: Graph) -> None:
    """A store's 404 is remembered briefly; the id a create is given is not known before
    the create, so every write at a store forgets its remembered 404s."""
    editor = await operator_headers(graph, "catalog_editor")
    create = 'mutation { createFreshStoreProduct(input: {title: "Next In Line"}) { product { sourceId } } }'
    first = await graph.data(create, headers=editor)
    following = str(int(first["createFreshStoreProduct"]["product"]["sourceId"]) + 1)
    missing = f'{{ freshstore {{ product(id: "{following}") {{ name }} }} }}'
    assert await graph.data(missing) == {"freshstore": {"product": None}}
    await graph.reset_stats()
    assert await graph.data(missing) == {"freshstore": {"product": None}}
    assert await graph.calls() == 0  # remembered
    made = await graph.data(create, headers=editor)
    assert made["createFreshStoreProduct"]["product"]["sourceId"] == following
    assert await graph.data(missing) == {"freshstore": {"product": {"name": "Next In Line"}}}
