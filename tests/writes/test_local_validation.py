"""Inputs the stores' documents forbid are refused by the gateway before any call, so
a bad request costs no store's rate-limit budget: every case asserts zero upstream
calls on all five stores (``/__sim/stats``) and the user error's path, message and
code."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio

from schema.ids import encode_id
from tests.graph.conftest import Graph, make_graph
from tests.writes.helpers import caller_headers

pytestmark = pytest.mark.asyncio(loop_scope="module")
BAD = "BAD_USER_INPUT"

CASES: list[tuple[str, dict[str, Any], list[str], str, str]] = [
    # (mutation, input, field at fault, message, code)
    (
        "addLitekartCartItem",
        {"cartId": "cart_000001", "productId": "prod_0001", "quantity": 0},
        ["input", "quantity"],
        "Quantity must be between 1 and 100.",
        BAD,
    ),
    (
        "createLitekartProduct",
        {"name": "Lamp", "price": "-1", "sku": "L-1"},
        ["input", "price"],
        "Price must be between 0 and 1000000.",
        BAD,
    ),
    (
        "createLitekartCustomer",
        {"email": "nobody", "firstName": "N", "lastName": "B"},
        ["input", "email"],
        "Email is not in the expected format.",
        BAD,
    ),
    ("placeLitekartOrder", {"items": []}, ["input", "items"], "Items: at least 1 item.", BAD),
    (
        "submitLitestoreReview",
        {"productId": "prod-001", "rating": 6, "title": "T", "content": "C"},
        ["input", "rating"],
        "Rating must be between 1 and 5.",
        BAD,
    ),
    (
        "createLitestoreProduct",
        {"name": "Serum", "price": "0"},
        ["input", "price"],
        "Price must be more than 0 and at most 1000000.",
        BAD,
    ),
    (
        "submitCreatorContent",
        {"creatorId": "creator-003", "title": "T", "products": []},
        ["input", "products"],
        "Products: at least 1 item.",
        BAD,
    ),
    (
        "createFreshStoreProduct",
        {"title": "x" * 256},
        ["input", "title"],
        "Title must be at most 255 characters.",
        BAD,
    ),
    (
        "importFreshStoreLinks",
        {"links": ["B000000000"] * 101},
        ["input", "links"],
        "Links: at most 100 items.",
        BAD,
    ),
    (
        "fillFreshStoreCategories",
        {"apiName": "AMAZON", "locale": "us", "quantity": 51},
        ["input", "quantity"],
        "Quantity must be between 1 and 50.",
        BAD,
    ),
    (
        "updateFreshStoreProduct",
        {"id": "abc", "title": "T"},
        ["input", "id"],
        "`id` is not a FreshStore id (ASCII digits, at most 18 characters).",
        BAD,
    ),
    (
        "redeemReward",
        {"productId": "13", "quantity": 101},
        ["input", "quantity"],
        "Quantity must be between 1 and 100.",
        "INVALID_QUANTITY",
    ),
    (
        "createCatalogProduct",
        {"name": "G", "description": "D", "price": "1.234", "categoryId": "electronics"},
        ["input", "price"],
        "Price must have at most 2 decimal places.",
        BAD,
    ),
    (
        "updateCatalogProduct",
        {"id": "../auth/token", "price": "1"},
        ["input", "id"],
        "`id` is not a Catalog id (letters, digits, `_` and `-`, starting with a letter or digit, "
        "at most 64 characters).",
        BAD,
    ),
    (
        "updateLitekartProduct",
        {"id": encode_id("LitestoreProduct", "litestore", "prod-001")},
        ["input", "id"],
        "Id is not the id of a `LitekartProduct`.",
        BAD,
    ),
]


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def graph() -> AsyncIterator[Graph]:
    graph = await make_graph()
    yield graph
    await graph.aclose()


@pytest.mark.parametrize(
    ("name", "input", "field", "message", "code"), CASES, ids=[c[0] for c in CASES]
)
async def test_a_bad_input_is_refused_without_a_call(
    graph: Graph, name: str, input: dict[str, Any], field: list[str], message: str, code: str
) -> None:
    await graph.reset_stats()
    document = f"mutation ($input: {name[0].upper()}{name[1:]}Input!) {{ {name}(input: $input) {{ userErrors {{ field message code }} }} }}"
    data = await graph.data(document, {"input": input}, headers=await caller_headers(graph, name))
    assert data[name]["userErrors"] == [{"field": field, "message": message, "code": code}]
    assert await graph.calls() == 0


async def test_an_unknown_enum_value_is_refused_by_graphql_without_a_call(graph: Graph) -> None:
    await graph.reset_stats()
    body = await graph.query(
        'mutation { moderateCreatorContent(input: {id: "content-003", action: MAYBE}) { userErrors { code } } }',
        headers=await caller_headers(graph, "moderateCreatorContent"),
    )
    assert body["data"] is None and "MAYBE" in body["errors"][0]["message"]
    assert await graph.calls() == 0
