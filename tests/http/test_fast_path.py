"""The fast path answers whole-response cache hits before routing — and answers them
exactly as the endpoint does: the same status, headers (CORS, compression, ``ETag``/
``304``, ``Cache-Control``, ``Vary``, request id) and body, with the router never run."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from gateway.http.endpoint import GraphQLEndpoint
from gateway.http.persisted import sha256_of
from gateway.settings import Settings
from tests.graph.conftest import TEST_JWT_SECRET, Graph, make_graph

SMALL = '{ catalog { product(id: "prod_100001") { name price { amount currency } } } }'
LISTING = "{ catalog { products(first: 40) { nodes { name description price { amount } } } } }"
ORIGIN = "http://localhost:5173"
PREFLIGHTED = {"apollo-require-preflight": "true"}

REQUESTS: list[tuple[str, str, dict[str, str]]] = [
    ("post", SMALL, {}),
    ("post", SMALL, {"origin": ORIGIN, "x-request-id": "req-1"}),
    ("post", SMALL, {"accept": "application/graphql-response+json"}),
    ("post", LISTING, {"accept-encoding": "gzip"}),
    ("get", SMALL, PREFLIGHTED),
    ("get", SMALL, {**PREFLIGHTED, "origin": ORIGIN, "accept-encoding": "br"}),
    ("get", LISTING, {**PREFLIGHTED, "accept-encoding": "zstd"}),
    ("get", SMALL, {**PREFLIGHTED, "accept": "application/graphql-response+json"}),
]


def _settings(**overrides: Any) -> Settings:
    # max-age capped below every entry's freshness: the same on both paths at any second
    base = {"STOREGRAPH_JWT_SECRET": TEST_JWT_SECRET, "STOREGRAPH_HTTP_CACHE_MAX_AGE_S": "5"}
    return Settings.from_env(base).model_copy(update=overrides)


@pytest.fixture
def routed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The requests the endpoint (behind FastAPI's router) served."""
    served: list[str] = []
    run = GraphQLEndpoint.run

    async def counting(self: GraphQLEndpoint, request: Any, *args: Any, **kwargs: Any) -> Any:
        served.append(request.method)
        return await run(self, request, *args, **kwargs)

    monkeypatch.setattr(GraphQLEndpoint, "run", counting)
    return served


@pytest.fixture
async def fast() -> AsyncIterator[Graph]:
    graph = await make_graph(_settings())
    yield graph
    await graph.aclose()


@pytest.fixture
async def routed_only() -> AsyncIterator[Graph]:
    graph = await make_graph(_settings(operation_cache_fast_path=False))
    yield graph
    await graph.aclose()


async def _send(graph: Graph, method: str, query: str, headers: dict[str, str]) -> Any:
    headers = {"x-request-id": "same-id", **headers}
    if method == "get":
        return await graph.client.get("/graphql", params={"query": query}, headers=headers)
    return await graph.client.post("/graphql", json={"query": query}, headers=headers)


def _comparable(response: Any) -> tuple[int, list[tuple[str, str]], bytes]:
    headers = sorted((k.lower(), v) for k, v in response.headers.items())
    return response.status_code, headers, response.content


async def test_a_hit_on_the_fast_path_is_the_endpoints_answer_byte_for_byte(
    fast: Graph, routed_only: Graph, routed: list[str]
) -> None:
    for method, query, headers in REQUESTS:
        for graph in (fast, routed_only):  # the miss, executed and stored
            assert (await _send(graph, method, query, headers)).status_code == 200
        routed.clear()
        await fast.reset_stats()
        hit = await _send(fast, method, query, headers)
        assert routed == [], headers  # answered before the router
        assert await fast.calls() == 0  # and by no store
        expected = await _send(routed_only, method, query, headers)
        assert routed == [method.upper()]
        assert _comparable(hit) == _comparable(expected), (method, headers)
        assert hit.json()["data"]["catalog"]


async def test_a_304_on_the_fast_path_is_the_endpoints(
    fast: Graph, routed_only: Graph, routed: list[str]
) -> None:
    answers = []
    for graph in (fast, routed_only):
        first = await _send(graph, "get", SMALL, PREFLIGHTED)
        etag = first.headers["etag"]
        routed.clear()
        again = await _send(graph, "get", SMALL, {**PREFLIGHTED, "if-none-match": etag})
        assert again.status_code == 304 and again.content == b""
        answers.append((_comparable(again), list(routed)))
    (fast_304, fast_routed), (routed_304, routed_routed) = answers
    assert fast_routed == [] and routed_routed == ["GET"]
    assert fast_304 == routed_304


async def test_persisted_query_hashes_are_answered_once_registered(
    fast: Graph, routed: list[str]
) -> None:
    extensions = {"persistedQuery": {"version": 1, "sha256Hash": sha256_of(SMALL)}}
    registering = await fast.client.post(
        "/graphql", json={"query": SMALL, "extensions": extensions}
    )
    assert registering.status_code == 200 and routed == ["POST"]  # registered by the endpoint
    hit = await fast.client.post("/graphql", json={"extensions": extensions})
    assert routed == ["POST"]  # the hash alone: a hit, before the router
    assert hit.json() == {"data": registering.json()["data"]}


async def test_what_the_fast_path_passes_on_the_endpoint_serves(
    fast: Graph, routed: list[str]
) -> None:
    await _send(fast, "post", SMALL, {})  # stored
    routed.clear()
    batch = await fast.client.post("/graphql", json=[{"query": SMALL}, {"query": SMALL}])
    assert [item["data"] for item in batch.json()] == [batch.json()[0]["data"]] * 2
    wrong_type = await fast.client.post(
        "/graphql",
        content=b'{"query": "{ __typename }"}',
        headers={"content-type": "text/plain", **PREFLIGHTED},
    )
    assert wrong_type.status_code == 415
    mutation = await fast.client.get(
        "/graphql",
        params={
            "query": 'mutation { submitLitestoreReview(input: {productId: "x"}) { __typename } }'
        },
        headers=PREFLIGHTED,
    )
    assert mutation.status_code == 405
    assert routed == ["POST", "POST", "GET"]


async def test_the_caller_rate_limit_counts_each_request_once() -> None:
    graph = await make_graph(_settings(caller_rate_limit=3))
    try:
        statuses = [(await _send(graph, "post", SMALL, {})).status_code for _ in range(4)]
    finally:
        await graph.aclose()
    # a miss (looked at by the fast path, then executed) and two hits; the fourth is over
    assert statuses == [200, 200, 200, 429]
