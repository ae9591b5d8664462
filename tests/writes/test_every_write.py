"""Every declared write, made once through the graph over one set of stores: the
store counts exactly one call on the write's own route (``/__sim/stats``), the
payload has no user errors and returns what it changed."""

from __future__ import annotations

import typing
from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio

from gateway.sources import Source
from gateway.writes.spec import Write
from schema.writes import all_writes
from tests.graph.conftest import Graph, make_graph
from tests.writes.openapi import normalise
from tests.writes.samples import SAMPLES, mutate

WRITES = all_writes()
MODULE_LOOP = pytest.mark.asyncio(loop_scope="module")


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def stores() -> AsyncIterator[Graph]:
    graph = await make_graph()
    yield graph
    await graph.aclose()


def test_every_write_has_a_sample() -> None:
    assert {w.name for w in WRITES} == set(SAMPLES)


def _selection(write: Write) -> tuple[str, str]:
    """The first result's name and a selection of it."""
    result = write.results[0]
    graph_type: Any = result.type
    if typing.get_origin(graph_type) is list:
        graph_type = typing.get_args(graph_type)[0]
    if hasattr(graph_type, "__strawberry_definition__"):
        return result.name, f"{result.name} {{ __typename }}"
    return result.name, result.name


@MODULE_LOOP
@pytest.mark.parametrize("write", WRITES, ids=lambda w: w.name)
async def test_each_write_reaches_its_route_once(stores: Graph, write: Write) -> None:
    sample = SAMPLES[write.name]
    input = sample if isinstance(sample, dict) else await sample(stores)
    await stores.reset_stats()
    name, selection = _selection(write)
    payload = await mutate(stores, write.name, input, selection)
    assert payload[name] is not None
    routes = {normalise(r): n for r, n in (await stores.stats(write.source))["routes"].items()}
    assert routes.get(normalise(write.route)) == 1, routes


@MODULE_LOOP
async def test_the_session_writes_handled_by_identity_reach_their_routes_once(
    stores: Graph,
) -> None:
    """The two Litekart write routes not declared here (tests/writes/test_declarations.py
    HANDLED_ELSEWHERE) are mutations too: each reaches its route once. (Catalog's OAuth
    grant and refresh are the gateway's own calls: tests/graph/test_catalog_oauth.py.)"""
    new = {"email": "every.write@example.com", "password": "longenough1"}
    await stores.reset_stats()
    registered = await stores.data(
        """mutation ($input: RegisterLitekartCustomerInput!) { registerLitekartCustomer(input: $input) {
             session { customerId } userErrors { code } } }""",
        {"input": {**new, "firstName": "Eve", "lastName": "Ry"}},
    )
    assert registered["registerLitekartCustomer"]["userErrors"] == []
    logged_in = await stores.data(
        """mutation ($input: LoginLitekartCustomerInput!) { loginLitekartCustomer(input: $input) {
             session { customerId } userErrors { code } } }""",
        {"input": new},
    )
    session = logged_in["loginLitekartCustomer"]["session"]
    assert session["customerId"] == registered["registerLitekartCustomer"]["session"]["customerId"]
    routes = (await stores.stats(Source.LITEKART))["routes"]
    assert routes == {"POST /api/auth/register": 1, "POST /api/auth/login": 1}
