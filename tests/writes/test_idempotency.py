"""Idempotency through the graph: a retry with the same key (header or
``input.idempotencyKey``) replays the first outcome instead of writing again — in
sequence and concurrently — a different input under a used key is refused, keys are
the caller's own, and an outcome the gateway could not see is never written again."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio

from gateway.sources import Source
from tests.graph.conftest import Graph, make_graph
from tests.graph.rewards_helpers import balance, routes
from tests.writes.helpers import rewards_user

pytestmark = pytest.mark.asyncio(loop_scope="module")

REDEEM = """mutation ($input: RedeemRewardInput!) {
  redeemReward(input: $input) { order { sourceId } userErrors { field code message } } }"""


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def graph() -> AsyncIterator[Graph]:
    graph = await make_graph()
    yield graph
    await graph.aclose()


async def redeem(graph: Graph, key: str | None, user: int = 0, **input: Any) -> dict[str, Any]:
    headers = await rewards_user(graph, user)
    if key is not None:
        headers["Idempotency-Key"] = key
    body = await graph.query(REDEEM, {"input": {"productId": "17", **input}}, headers=headers)
    return body["data"]["redeemReward"]


async def stock(graph: Graph) -> int:
    """Product 17's inventory, read at the store (its control credential, not the graph)."""
    key = (await graph.credentials(Source.REWARDS))["api_key"]
    answer = await graph.control(Source.REWARDS).get(
        "/api/products/17", headers={"Authorization": f"Bearer {key}"}
    )
    return answer.json()["data"]["attributes"]["inventoryCount"]


async def test_a_retry_with_the_same_key_replays_the_first_redemption(graph: Graph) -> None:
    points, inventory = await balance(graph, 0), await stock(graph)
    await graph.reset_stats()
    first = await redeem(graph, "retry-1")
    second = await redeem(graph, "retry-1")
    assert first["userErrors"] == [] and second == first
    assert (await routes(graph)).get("POST /api/redeem") == 1
    assert await balance(graph, 0) == points - 3000
    assert await stock(graph) == inventory - 1


async def test_concurrent_requests_with_one_key_make_one_write(graph: Graph) -> None:
    points, inventory = await balance(graph, 0), await stock(graph)
    await graph.reset_stats()
    results = await asyncio.gather(*(redeem(graph, "twins") for _ in range(3)))
    assert results[0]["order"] is not None and results.count(results[0]) == 3
    assert (await routes(graph)).get("POST /api/redeem") == 1
    assert await balance(graph, 0) == points - 3000
    assert await stock(graph) == inventory - 1


async def test_the_inputs_key_works_like_the_header(graph: Graph) -> None:
    await graph.reset_stats()
    first = await redeem(graph, None, idempotencyKey="in-input")
    again = await redeem(graph, None, idempotencyKey="in-input")
    assert again == first
    assert (await routes(graph)).get("POST /api/redeem") == 1


async def test_a_key_reused_for_another_input_is_refused_without_a_call(graph: Graph) -> None:
    await redeem(graph, "reused")
    await graph.reset_stats()
    refused = await redeem(graph, "reused", quantity=2)
    assert refused["order"] is None
    assert [(e["code"], e["field"]) for e in refused["userErrors"]] == [
        ("IDEMPOTENCY_KEY_REUSED", ["input", "idempotencyKey"])
    ]
    assert await graph.calls(Source.REWARDS) == 0


async def test_keys_belong_to_their_caller(graph: Graph) -> None:
    await graph.reset_stats()
    mine = await redeem(graph, "shared-key", user=0)
    theirs = await redeem(graph, "shared-key", user=1)
    assert mine["order"]["sourceId"] != theirs["order"]["sourceId"]
    assert (await routes(graph)).get("POST /api/redeem") == 2


async def test_a_refusal_is_replayed_too(graph: Graph) -> None:
    first = await redeem(graph, "refused", user=11, productId="11")  # 50 points: too few
    await graph.reset_stats()
    again = await redeem(graph, "refused", user=11, productId="11")
    assert first["userErrors"][0]["code"] == "INSUFFICIENT_POINTS" and again == first
    assert await graph.calls(Source.REWARDS) == 0


async def test_an_unknown_outcome_is_never_written_again(graph: Graph) -> None:
    points, inventory = await balance(graph, 0), await stock(graph)
    await graph.configure(Source.REWARDS, fail_next={"count": 1, "status": 503})
    headers = {**await rewards_user(graph, 0), "Idempotency-Key": "unknown"}
    failed = await graph.query(REDEEM, {"input": {"productId": "17"}}, headers=headers)
    assert failed["errors"][0]["extensions"]["code"] == "UPSTREAM_ERROR"
    await graph.reset_stats()
    retried = await redeem(graph, "unknown")
    assert [e["code"] for e in retried["userErrors"]] == ["IDEMPOTENCY_OUTCOME_UNKNOWN"]
    assert await graph.calls(Source.REWARDS) == 0
    assert await balance(graph, 0) == points and await stock(graph) == inventory


async def test_one_header_covers_each_write_of_a_document_under_its_alias(graph: Graph) -> None:
    document = """mutation { a: redeemReward(input: {productId: "17"}) { order { sourceId } }
                             b: redeemReward(input: {productId: "17"}) { order { sourceId } } }"""
    headers = {**await rewards_user(graph, 2), "Idempotency-Key": "whole-document"}
    await graph.reset_stats()
    first = await graph.data(document, headers=headers)
    assert first["a"]["order"]["sourceId"] != first["b"]["order"]["sourceId"]  # two writes
    again = await graph.data(document, headers=headers)  # the client retries the document
    assert again == first
    assert (await routes(graph)).get("POST /api/redeem") == 2
