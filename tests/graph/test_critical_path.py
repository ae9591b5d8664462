"""Dependent upstream levels: a query waits on no store round trip its data does not force.

Counted from the order of the gateway's own upstream calls (each call's send and answer
times, ``extensions.upstreamCalls``): a call depends on another when it was sent after
that one was answered. The stores answer in waves (``tests/graph/waves.py``) so that
calls made together overlap and no call is late by chance. The levels expected are the
bench's (``bench/scenarios.py``).
"""

from __future__ import annotations

from typing import Any

import pytest

from bench.run import usage_of
from bench.scenarios import SCENARIOS
from gateway.identity import Role
from gateway.settings import Settings
from gateway.sources import Source
from schema.usage import TRACE_HEADER, TRACE_VALUE
from tests.graph.conftest import TEST_JWT_SECRET, Graph, make_graph
from tests.graph.waves import Waves

BY_NAME = {scenario.name: scenario for scenario in SCENARIOS}


@pytest.fixture
async def traced() -> Any:
    waves = Waves()
    graph = await make_graph(
        Settings.from_env(
            {"STOREGRAPH_TRACE_UPSTREAM": "1", "STOREGRAPH_JWT_SECRET": TEST_JWT_SECRET}
        ),
        wrap=waves.wrappers(Source),
    )
    await graph.query('{ catalog { product(id: "prod_100001") { name } } }')  # Catalog's token
    await graph.reset_stats()
    waves.count = 0
    graph.waves = waves  # type: ignore[attr-defined]
    yield graph
    await graph.aclose()


async def levels_taken(graph: Graph, name: str) -> tuple[int, int]:
    scenario = BY_NAME[name]
    headers = {TRACE_HEADER: TRACE_VALUE}
    if scenario.operator:
        headers["authorization"] = f"Bearer {graph.mint(Role.STAFF)}"
    body = await graph.query(scenario.query, scenario.variables, headers=headers)
    assert not body.get("errors"), body["errors"]
    calls = body["extensions"]["upstreamCalls"]
    routes = [(await graph.stats(source))["routes"] for source in Source]
    data_calls = sum(n for r in routes for route, n in r.items() if "/auth/" not in route)
    assert len(calls) == data_calls  # every data call is in the record
    taken = usage_of(calls).levels()
    assert taken == graph.waves.count  # type: ignore[attr-defined]
    return taken, scenario.levels


async def test_the_creator_profile_reads_analytics_and_content_together(traced: Graph) -> None:
    taken, needed = await levels_taken(traced, "creator_profile")
    assert (taken, needed) == (2, 2)  # analytics + content, then the featured products


async def test_the_listing_takes_the_levels_it_needs(traced: Graph) -> None:
    taken, needed = await levels_taken(traced, "product_listing")
    assert taken == needed == 2  # the lists, then Litekart's brands and categories
