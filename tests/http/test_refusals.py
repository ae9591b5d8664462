"""What the edge refuses before the endpoint runs — a body over the limit (``413``), a
caller over its rate (``429``), a browser request CSRF prevention blocks (``400``) — is
answered like every request-level error: GraphQL JSON with only ``errors``, each with
``extensions.code`` and the request's ``requestId`` (the id echoed in ``x-request-id``),
never cached, whichever path (the fast path or the router) met the request."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from gateway.settings import Settings
from tests.graph.conftest import Graph, make_graph

SMALL = '{ catalog { product(id: "prod_100001") { name } } }'
LIMIT = 2048


def _only_error(response: Any) -> dict[str, Any]:
    body = response.json()
    assert set(body) == {"errors"}, body  # no data: nothing ran
    (error,) = body["errors"]
    assert error["extensions"]["requestId"] == response.headers["x-request-id"]
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["content-type"].startswith("application/json")
    return error


@pytest.fixture(params=[True, False], ids=["fast-path", "routed"])
async def limited(request: pytest.FixtureRequest) -> AsyncIterator[Graph]:
    settings = Settings.from_env(
        {
            "STOREGRAPH_CALLER_RATE_LIMIT": "2",
            "STOREGRAPH_CALLER_RATE_WINDOW_S": "60",
            "STOREGRAPH_MAX_BODY_BYTES": str(LIMIT),
        }
    ).model_copy(update={"operation_cache_fast_path": request.param})
    graph = await make_graph(settings)
    yield graph
    await graph.aclose()


async def test_a_caller_over_its_rate_gets_a_429_request_error(limited: Graph) -> None:
    for _ in range(2):  # a miss, then a hit (on the fast path when it is on)
        assert (await limited.client.post("/graphql", json={"query": SMALL})).status_code == 200
    await limited.reset_stats()
    refused = await limited.client.post(
        "/graphql", json={"query": SMALL}, headers={"x-request-id": "over-the-limit"}
    )
    assert refused.status_code == 429
    assert refused.headers["x-request-id"] == "over-the-limit"
    error = _only_error(refused)
    retry_after = int(refused.headers["retry-after"])
    assert 1 <= retry_after <= 60
    assert error == {
        "message": f"Too many requests from this caller; retry in {retry_after} s.",
        "extensions": {
            "code": "RATE_LIMITED",
            "retryAfter": retry_after,
            "limit": 2,
            "requestId": "over-the-limit",
        },
    }
    assert await limited.calls() == 0  # refused before anything ran


async def test_a_body_over_the_limit_gets_a_413_request_error(limited: Graph) -> None:
    padded = {"query": SMALL + " " * LIMIT}
    refused = await limited.client.post("/graphql", json=padded)
    assert refused.status_code == 413
    assert refused.headers["connection"] == "close"
    error = _only_error(refused)
    assert error["message"] == f"The request body is larger than {LIMIT} bytes."
    assert {k: v for k, v in error["extensions"].items() if k != "requestId"} == {
        "code": "REQUEST_TOO_LARGE",
        "limit": LIMIT,
    }

    async def chunks() -> AsyncIterator[bytes]:  # no Content-Length: counted as it comes
        for _ in range(4):
            yield b" " * 1024

    chunked = await limited.client.post(
        "/graphql", content=chunks(), headers={"content-type": "application/json"}
    )
    assert chunked.status_code == 413
    assert _only_error(chunked)["extensions"]["code"] == "REQUEST_TOO_LARGE"
    assert chunked.headers["x-request-id"] != refused.headers["x-request-id"]


async def test_a_csrf_refusal_is_the_same_kind_of_request_error(limited: Graph) -> None:
    refused = await limited.client.post(
        "/graphql", content=b"query={__typename}", headers={"content-type": "text/plain"}
    )
    assert refused.status_code == 400
    assert _only_error(refused)["extensions"]["code"] == "CSRF_PREVENTED"
