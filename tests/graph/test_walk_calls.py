"""The deep page walk (the bench's ``deep_page_walk``) costs exactly its minimum calls.

Every store's list once, in blocks, plus a revalidation per Litekart block a later page
reuses (Litekart answers the gateway ``private, no-cache``), and no block past a store's
end: ``bench.scenarios.walk_minimum`` over the pages the walk returned.
"""

from __future__ import annotations

from typing import Any

from bench.scenarios import FACTS_QUERY, SCENARIOS, facts_from
from gateway.sources import Source
from tests.graph.conftest import Graph, make_graph

WALK = next(s for s in SCENARIOS if s.name == "deep_page_walk")


async def walk(graph: Graph) -> list[dict[str, Any]]:
    pages: list[dict[str, Any]] = []
    variables: dict[str, Any] = {}
    while True:
        pages.append(await graph.data(WALK.query, variables))
        info = pages[-1]["products"]["pageInfo"]
        if not info["hasNextPage"]:
            return pages
        variables = {"after": info["endCursor"]}


async def data_calls(graph: Graph) -> int:
    routes = [(await graph.stats(source))["routes"] for source in Source]
    return sum(n for r in routes for route, n in r.items() if "/auth/" not in route)


async def test_the_walk_costs_its_minimum() -> None:
    facts_graph = await make_graph()
    facts = facts_from(await facts_graph.data(FACTS_QUERY))
    await facts_graph.aclose()
    graph = await make_graph()
    try:
        pages = await walk(graph)
        nodes = [n for page in pages for n in page["products"]["nodes"]]
        assert len(nodes) == sum(facts.values())  # every product once
        assert len({(n["__typename"], n["sourceId"]) for n in nodes}) == len(nodes)
        assert await data_calls(graph) == WALK.minimum(pages, facts) == 28
    finally:
        await graph.aclose()
