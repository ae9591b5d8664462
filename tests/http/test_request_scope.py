"""Request ids end to end, and the usage record each request gets."""

from __future__ import annotations

import re
from typing import Any

import pytest

from gateway.sources import Source
from tests.graph.conftest import make_graph
from tests.http.conftest import post

LOOKUP = '{ litekart { product(id: "prod_0001") { name } } litestore { products(first: 2) { edges { node { name } } } } }'


class HeaderSpy:
    """The ``x-request-id`` of every call the gateway made to a store."""

    def __init__(self) -> None:
        self.ids: list[str | None] = []

    def wrap(self, app: Any) -> Any:
        async def asgi(scope: Any, receive: Any, send: Any) -> None:
            if scope["type"] == "http" and not scope["path"].startswith("/__sim"):
                headers = dict(scope["headers"])
                sent = headers.get(b"x-request-id")
                self.ids.append(sent.decode() if sent else None)
            await app(scope, receive, send)

        return asgi


@pytest.fixture
async def spied() -> Any:
    spy = HeaderSpy()
    graph = await make_graph(wrap={Source.LITEKART: spy.wrap, Source.LITESTORE: spy.wrap})
    yield graph, spy
    await graph.aclose()


async def test_a_well_formed_request_id_is_echoed_and_sent_on_every_upstream_call(spied) -> None:
    graph, spy = spied
    response = await post(graph, {"query": LOOKUP}, **{"x-request-id": "checkout-42.a:b"})
    assert response.status_code == 200 and not response.json().get("errors")
    assert response.headers["x-request-id"] == "checkout-42.a:b"
    assert len(spy.ids) >= 2  # litekart and litestore were both called
    assert set(spy.ids) == {"checkout-42.a:b"}


@pytest.mark.parametrize("sent", [None, "", "has space", "x" * 129, "tab\there", "ü".encode()])
async def test_a_missing_or_unsafe_request_id_is_replaced_by_a_new_one(spied, sent) -> None:
    graph, spy = spied
    headers = {} if sent is None else {"x-request-id": sent}
    response = await graph.client.post("/graphql", json={"query": LOOKUP}, headers=headers)
    made = response.headers["x-request-id"]
    assert re.fullmatch(r"[0-9a-f]{32}", made)
    assert set(spy.ids) == {made}


async def test_every_request_gets_its_own_id(graph) -> None:
    ids = {
        (await post(graph, {"query": "{ __typename }"})).headers["x-request-id"] for _ in range(3)
    }
    assert len(ids) == 3


async def test_the_id_is_in_every_error_of_every_kind(graph) -> None:
    headers = {"x-request-id": "req-7"}
    store_down = await graph.configure(Source.LITEKART, error_rate=1.0)
    assert store_down is None
    field_error = await post(
        graph, {"query": '{ litekart { product(id: "prod_0001") { name } } }'}, **headers
    )
    parse_error = await post(graph, {"query": "{"}, **headers)
    request_error = await post(graph, {"notquery": "{ __typename }"}, **headers)
    refused = await graph.client.get(
        "/graphql", params={"query": "{ __typename }"}, headers=headers
    )
    for response in (field_error, parse_error, request_error, refused):
        errors = response.json()["errors"]
        assert errors, response.text
        assert all(e["extensions"]["requestId"] == "req-7" for e in errors), errors
        assert all(e["extensions"]["code"] for e in errors), errors
        assert response.headers["x-request-id"] == "req-7"
    codes = [
        r.json()["errors"][0]["extensions"]["code"]
        for r in (field_error, parse_error, request_error, refused)
    ]
    assert codes[1:] == ["GRAPHQL_PARSE_FAILED", "BAD_REQUEST", "CSRF_PREVENTED"]
    assert codes[0].startswith("UPSTREAM")


async def test_other_routes_carry_the_id_too(graph) -> None:
    response = await graph.client.get("/healthz", headers={"x-request-id": "probe-1"})
    assert response.headers["x-request-id"] == "probe-1"
