"""Dependent upstream levels: a query waits on no store round trip its data does not force.

Counted from the order of the gateway's own upstream calls (each call's send and answer
times, ``extensions.upstreamCalls``): a call depends on another when it was sent after
that one was answered. The stores answer in waves (``tests/graph/waves.py``) so that
calls made together overlap and no call is late by chance. The levels expected are the
bench's (``bench/scenarios.py``), taken as the bench takes them: after one run has taught
the gateway each store's rate budget (an unknown budget holds a cold burst back to its
probe), from an emptied response cache.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from bench.peer_scenarios import SHARED
from bench.run import usage_of
from bench.scenarios import FACTS_QUERY, SCENARIOS, facts_from
from gateway.identity import Role
from gateway.settings import Settings
from gateway.sources import Source
from schema.ids import encode_id
from schema.usage import TRACE_HEADER, TRACE_VALUE
from tests.graph.conftest import TEST_JWT_SECRET, Graph, make_graph
from tests.graph.waves import Waves

BY_NAME = {scenario.name: scenario for scenario in SCENARIOS}
PEER = {scenario.name: scenario for scenario in SHARED}
ADMIN_TOKEN = "critical-path-admin-token"


@pytest.fixture
async def traced() -> Any:
    waves = Waves()
    graph = await make_graph(
        Settings.from_env(
            {
                "STOREGRAPH_TRACE_UPSTREAM": "1",
                "STOREGRAPH_JWT_SECRET": TEST_JWT_SECRET,
                "STOREGRAPH_ADMIN_TOKEN": ADMIN_TOKEN,
            }
        ),
        wrap=waves.wrappers(Source),
    )
    await graph.query('{ catalog { product(id: "prod_100001") { name } } }')  # Catalog's token
    await graph.reset_stats()
    waves.count = 0
    graph.waves = waves  # type: ignore[attr-defined]
    yield graph
    await graph.aclose()


@dataclass(frozen=True)
class Taken:
    """One cold run of a query: the levels its calls took and the data calls it sent."""

    levels: int
    calls: int
    data: dict[str, Any]


async def run_cold(
    graph: Graph, query: str, variables: dict[str, Any] | None = None, *, operator: bool = False
) -> Taken:
    headers = {TRACE_HEADER: TRACE_VALUE}
    if operator:
        headers["authorization"] = f"Bearer {graph.mint(Role.STAFF)}"
    await graph.query(query, variables, headers=headers)  # budgets learnt
    cleared = await graph.client.post(
        "/admin/cache/clear", headers={"authorization": f"Bearer {ADMIN_TOKEN}"}
    )
    assert cleared.status_code == 200
    await graph.reset_stats()
    graph.waves.count = 0  # type: ignore[attr-defined]
    body = await graph.query(query, variables, headers=headers)
    assert not body.get("errors"), body["errors"]
    calls = body["extensions"]["upstreamCalls"]
    routes = [(await graph.stats(source))["routes"] for source in Source]
    data_calls = sum(n for r in routes for route, n in r.items() if "/auth/" not in route)
    assert len(calls) == data_calls  # every data call is in the record
    taken = usage_of(calls).levels()
    assert taken == graph.waves.count  # type: ignore[attr-defined]
    return Taken(taken, data_calls, body["data"])


async def levels_taken(graph: Graph, name: str) -> tuple[int, int]:
    scenario = BY_NAME[name]
    taken = await run_cold(graph, scenario.query, scenario.variables, operator=scenario.operator)
    return taken.levels, scenario.levels


async def test_the_creator_profile_reads_analytics_and_content_together(traced: Graph) -> None:
    taken, needed = await levels_taken(traced, "creator_profile")
    assert (taken, needed) == (2, 2)  # analytics + content, then the featured products


async def test_the_listing_takes_the_levels_it_needs(traced: Graph) -> None:
    taken, needed = await levels_taken(traced, "product_listing")
    assert taken == needed == 2  # the lists, then Litekart's brands and categories


async def test_the_product_detail_starts_every_read_its_arguments_key(traced: Graph) -> None:
    facts = facts_from(await traced.data(FACTS_QUERY))
    scenario = BY_NAME["product_detail"]
    taken = await run_cold(traced, scenario.query, operator=True)
    # level 1: the product, its reviews, analytics and content (keyed by the argument's
    # id), every store's first list block and Litekart's brands; level 2: the later blocks
    assert (taken.levels, scenario.levels) == (2, 2)
    assert taken.calls == scenario.minimum([taken.data], facts) == 18  # nothing read twice
    product = taken.data["litestore"]["product"]
    assert product["analytics"] is not None and product["reviews"]["nodes"]
    assert product["sameItemElsewhere"]


async def test_the_peer_product_detail_takes_one_level(traced: Graph) -> None:
    scenario = PEER["product_detail"]
    taken = await run_cold(traced, scenario.storegraph, operator=scenario.operator)
    assert (taken.levels, scenario.levels) == (1, 1)
    assert taken.calls == 4  # the product, its reviews, its analytics, its content


async def test_analytics_start_early_only_for_a_caller_admitted_to_them(traced: Graph) -> None:
    body = await traced.query(PEER["product_detail"].storegraph)  # anonymous
    product = body["data"]["litestore"]["product"]
    assert product["analytics"] is None and product["reviews"]["nodes"]
    assert [e["extensions"]["code"] for e in body["errors"]] == ["UNAUTHENTICATED"]
    routes = (await traced.stats(Source.LITESTORE))["routes"]
    assert routes and not [route for route in routes if "analytics" in route]  # no call


@pytest.mark.parametrize(
    "store, product_id",
    [("catalog", "prod_100001"), ("rewards", "3"), ("litekart", "prod_0001"), ("freshstore", "1")],
)
async def test_any_product_lookup_starts_the_same_item_index_beside_it(
    traced: Graph, store: str, product_id: str
) -> None:
    query = f'{{ {store} {{ product(id: "{product_id}") {{ name sameItemElsewhere {{ sourceId }} }} }} }}'
    taken = await run_cold(traced, query)
    assert taken.levels == 2  # the product and every list's first block, then the rest


async def test_node_starts_the_reads_its_id_keys(traced: Graph) -> None:
    node = encode_id("LitestoreProduct", "litestore", "prod-012")
    query = (
        f'{{ node(id: "{node}") {{ ... on LitestoreProduct {{ name '
        "reviews(first: 3) { totalCount } creatorContent(first: 2) { totalCount } } } }"
    )
    taken = await run_cold(traced, query)
    assert taken.data["node"]["reviews"]["totalCount"] > 0
    assert (taken.levels, taken.calls) == (1, 3)  # the product, its reviews, its content
