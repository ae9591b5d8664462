"""The whole-response cache: hits cost nothing, writes and events reach it, and what a
store marks ``no-cache`` or ``private`` never outlives or crosses what the store allows."""

from __future__ import annotations

from typing import Any

import pytest

from gateway.identity import Role
from gateway.sources import Source
from resolvers import catalog as catalog_fetch
from schema.build import GatewaySchema
from tests.graph.conftest import Graph
from tests.graph.rewards_helpers import user

SMALL = '{ catalog { product(id: "prod_100001") { name price { amount currency } } } }'
SAME_DIFFERENTLY_SPELLED = """
# the same document, spaced and commented differently
{ catalog {
    product(id: "prod_100001") { name   price { amount currency } }
} }"""
REWARD = '{ rewards { product(id: "13") { name inventoryCount } } }'
MY_ORDERS = "{ rewards { me { orders(first: 5) { totalCount nodes { sourceId } } } } }"
LITEKART = "{ litekart { products(first: 3) { nodes { name } } } }"


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How many times the schema executed an operation and the Catalog resolver ran."""
    counts = {"executions": 0, "resolver": 0}
    execute, product = GatewaySchema.execute, catalog_fetch.product

    async def counting_execute(self: Any, *args: Any, **kwargs: Any) -> Any:
        counts["executions"] += 1
        return await execute(self, *args, **kwargs)

    async def counting_product(*args: Any, **kwargs: Any) -> Any:
        counts["resolver"] += 1
        return await product(*args, **kwargs)

    monkeypatch.setattr(GatewaySchema, "execute", counting_execute)
    monkeypatch.setattr(catalog_fetch, "product", counting_product)
    return counts


async def test_a_hit_makes_no_upstream_call_and_runs_no_resolver(
    graph: Graph, counted: dict[str, int]
) -> None:
    first = await graph.data(SMALL)
    assert await graph.calls() >= 1 and counted == {"executions": 1, "resolver": 1}
    await graph.reset_stats()
    assert await graph.data(SMALL) == first
    assert await graph.data(SAME_DIFFERENTLY_SPELLED) == first
    assert await graph.calls() == 0
    assert counted == {"executions": 1, "resolver": 1}  # no parse, validation or execution


async def test_a_write_that_touches_an_entry_makes_the_next_read_miss(graph: Graph) -> None:
    graph.user_token = await user(graph, 0)
    before = await graph.data(REWARD)
    await graph.reset_stats()
    assert await graph.data(REWARD) == before
    assert await graph.calls() == 0  # a hit
    redeemed = await graph.data(
        'mutation { redeemReward(input: {productId: "13"}) { userErrors { code } } }'
    )
    assert redeemed["redeemReward"]["userErrors"] == []
    await graph.reset_stats()
    after = await graph.data(REWARD)
    assert await graph.calls(Source.REWARDS) == 1  # the redeemed product, read afresh
    stock = after["rewards"]["product"]["inventoryCount"]
    assert stock == before["rewards"]["product"]["inventoryCount"] - 1


async def test_an_invalidation_event_drops_the_responses_built_on_it(graph: Graph) -> None:
    await graph.data(SMALL)
    runtime = graph.client._transport.app.state.runtime  # type: ignore[attr-defined]
    await graph.reset_stats()
    # what a webhook receiver does for a changed Catalog product: drop its upstream entries
    runtime.cache.invalidate(Source.CATALOG, "/api/v1/products/prod_100001")
    await graph.data(SMALL)
    assert await graph.calls(Source.CATALOG) == 1


async def test_no_cache_parts_are_revalidated_every_time_never_served_from_here(
    graph: Graph,
) -> None:
    await graph.data(LITEKART)  # Litekart answers the gateway's key `private, no-cache`
    await graph.reset_stats()
    await graph.data(LITEKART)
    assert (await graph.stats(Source.LITEKART))["total"] == 1  # revalidated, not a hit


async def test_a_users_private_answer_never_reaches_another_identity(graph: Graph) -> None:
    first, second = await user(graph, 0), await user(graph, 1)
    mine = await graph.data(MY_ORDERS, headers={"livelike-user-token": first})
    theirs = await graph.data(MY_ORDERS, headers={"livelike-user-token": second})
    assert mine != theirs
    await graph.reset_stats()
    again = await graph.data(MY_ORDERS, headers={"livelike-user-token": second})
    assert again == theirs
    assert await graph.calls(Source.REWARDS) == 1  # `private, no-cache`: revalidated
    anonymous = await graph.query(MY_ORDERS)
    assert anonymous["data"]["rewards"]["me"] is None  # nothing cached crosses to anyone


async def test_operators_and_mutations_are_never_answered_from_the_cache(graph: Graph) -> None:
    await graph.data(SMALL, headers={"authorization": "Bearer not-a-gateway-token"})
    await graph.reset_stats()
    await graph.data(SMALL, headers={"authorization": "Bearer not-a-gateway-token"})
    assert await graph.calls(Source.CATALOG) == 0  # the upstream cache answered
    runtime = graph.client._transport.app.state.runtime  # type: ignore[attr-defined]
    assert runtime.operations.stored == 0


async def test_an_operators_cached_answer_is_theirs_and_their_role_sets_alone(
    graph: Graph,
) -> None:
    analytics = (
        '{ litestore { product(id: "prod-012") { name analytics(period: D30) { views } } } }'
    )
    staff = {"authorization": f"Bearer {graph.mint(Role.STAFF)}"}
    seen = await graph.data(analytics, headers=staff)
    assert seen["litestore"]["product"]["analytics"] is not None
    await graph.reset_stats()
    other_staff = {"authorization": f"Bearer {graph.mint(Role.STAFF, subject='someone-else')}"}
    assert await graph.data(analytics, headers=other_staff) == seen  # same roles: a hit
    assert await graph.calls() == 0
    anonymous = await graph.query(analytics)
    assert anonymous["data"]["litestore"]["product"]["analytics"] is None
    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
