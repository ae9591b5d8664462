"""Every declared write, made once through the graph over one set of stores: the
store counts exactly one call on the write's own route (``/__sim/stats``), the
payload has no user errors and returns what it changed."""

from __future__ import annotations

import typing
from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio

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
