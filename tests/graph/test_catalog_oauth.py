"""Catalog's OAuth through the graph: one token for a cold gateway's concurrent
fields, one refresh when the store expires the token between queries, a new grant
when the expired token is too old to refresh."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from gateway.app import create_app
from gateway.settings import Settings
from gateway.sources import Source
from stores import create_store_app
from stores.catalog import create_app as create_catalog
from tests.graph.conftest import Graph

CONCURRENT = """{
  catalog {
    a: product(id: "prod_100020") { name category { name } }
    b: product(id: "prod_100021") { name }
    c: product(id: "prod_100022") { name }
    again: product(id: "prod_100020") { sourceId }
    categoryTree { name }
    products(first: 3) { nodes { sourceId } }
  }
}"""

HOUR = 3600.0
DAY = 24 * HOUR


class Clock:
    """The Catalog store's clock (epoch seconds), moved by the test."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


class Answers:
    """The status of every answer the Catalog store gave the gateway, by route."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, int]] = []

    def wrap(self, app: Any) -> Any:
        async def asgi(scope: Any, receive: Any, send: Any) -> None:
            if scope["type"] != "http":
                return await app(scope, receive, send)

            async def spy(message: Any) -> None:
                if message["type"] == "http.response.start":
                    self.seen.append((f"{scope['method']} {scope['path']}", message["status"]))
                await send(message)

            await app(scope, receive, spy)

        return asgi

    def count(self, status: int) -> dict[str, int]:
        counted: dict[str, int] = {}
        for route, answered in self.seen:
            if answered == status:
                counted[route] = counted.get(route, 0) + 1
        return counted


@pytest.fixture
def answers() -> Answers:
    return Answers()


@pytest.fixture
async def graph(clock: Clock, answers: Answers) -> AsyncIterator[Graph]:
    """Like ``make_graph``, with a Catalog store whose clock the test moves."""
    settings = Settings.from_env({})
    store_apps: dict[Source, Any] = {s: create_store_app(s.value) for s in Source}
    store_apps[Source.CATALOG] = create_catalog(clock=clock)
    transports = {s: httpx.ASGITransport(app=app) for s, app in store_apps.items()}
    transports[Source.CATALOG] = httpx.ASGITransport(app=answers.wrap(store_apps[Source.CATALOG]))
    app = create_app(settings, transports=transports)
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://gateway")
    graph = Graph(client=client, store_apps=store_apps, settings=settings)
    await graph.query("{ __typename }")
    await graph.reset_stats()
    yield graph
    await graph.aclose()


async def routes(graph: Graph) -> dict[str, int]:
    return (await graph.stats(Source.CATALOG))["routes"]


def check(data: dict[str, Any]) -> None:
    catalog = data["catalog"]
    assert catalog["a"]["name"] and catalog["a"]["category"]["name"]
    assert catalog["b"]["name"] and catalog["c"]["name"]
    assert catalog["again"]["sourceId"] == "prod_100020"
    assert len(catalog["categoryTree"]) == 9 and len(catalog["products"]["nodes"]) == 3


async def test_concurrent_fields_of_a_cold_gateway_share_one_token(graph: Graph) -> None:
    check(await graph.data(CONCURRENT))
    assert await routes(graph) == {
        "POST /api/v1/auth/token": 1,
        "GET /api/v1/products/{product_id}": 3,  # a, b, c: "again" is de-duplicated
        "GET /api/v1/categories": 1,
        "GET /api/v1/products": 1,
    }


async def test_a_token_expired_between_queries_is_refreshed_once(
    graph: Graph, clock: Clock, answers: Answers
) -> None:
    await graph.data('{ catalog { product(id: "prod_100001") { name } } }')
    await graph.reset_stats()
    answers.seen.clear()
    clock.now += 2 * HOUR  # the store now answers 401 token_expired to the gateway's token
    body = await graph.query(CONCURRENT)
    assert "errors" not in body
    check(body["data"])
    counted = await routes(graph)
    assert counted.pop("POST /api/v1/auth/refresh") == 1  # one refresh for every field
    assert "POST /api/v1/auth/token" not in counted
    expired = answers.count(401)
    assert expired  # at least the first call went out with the expired token
    assert answers.count(200) == {
        "POST /api/v1/auth/refresh": 1,
        "GET /api/v1/products/prod_100020": 1,
        "GET /api/v1/products/prod_100021": 1,
        "GET /api/v1/products/prod_100022": 1,
        "GET /api/v1/categories": 1,
        "GET /api/v1/products": 1,
    }
    # every call answered 401 was made once more with the new token, and only once
    assert sum(counted.values()) == 5 + sum(expired.values())
    await graph.reset_stats()
    clock.now += 10  # the refreshed token works: the next query needs no auth call
    await graph.data('{ catalog { product(id: "prod_100002") { name } } }')
    assert await routes(graph) == {"GET /api/v1/products/{product_id}": 1}


async def test_a_token_too_old_to_refresh_gets_a_new_grant(graph: Graph, clock: Clock) -> None:
    await graph.data('{ catalog { product(id: "prod_100001") { name } } }')
    await graph.reset_stats()
    clock.now += 31 * DAY  # refresh tokens live 30 days
    data = await graph.data('{ catalog { product(id: "prod_100002") { name } } }')
    assert data["catalog"]["product"]["name"]
    assert await routes(graph) == {
        "GET /api/v1/products/{product_id}": 2,  # 401 token_expired, then the retry
        "POST /api/v1/auth/refresh": 1,  # 401: the refresh token has expired too
        "POST /api/v1/auth/token": 1,  # so a new client-credentials grant
    }
