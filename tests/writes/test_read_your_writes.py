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
