"""Search means the same in every store: the words, ignoring case, in the product's
name or description — pushed down where the store's search means exactly that,
narrowed where it matches more (tags, SKUs), applied by the gateway where it
matches less (titles only)."""

from __future__ import annotations

from typing import Any

from gateway.settings import Settings
from gateway.sources import Source
from tests.graph.conftest import Graph, make_graph

LIST = """query ($filter: ProductFilter, $after: String) {
  products(first: 100, after: $after, filter: $filter, sort: {field: NAME, direction: ASC}) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { source sourceId name description }
  }
}"""
TERMS = ("collection", "tea", "sonora")
"""A word only in rewards' descriptions; a common word; a brand (a Litestore tag, and in
other stores' names and descriptions)."""


async def every(graph: Graph, **filter: Any) -> list[dict[str, Any]]:
    nodes: list[dict[str, Any]] = []
    after = None
    while True:
        page = (await graph.data(LIST, {"filter": filter or None, "after": after}))["products"]
        nodes += page["nodes"]
        if not page["pageInfo"]["hasNextPage"]:
            return nodes
        after = page["pageInfo"]["endCursor"]


def found(node: dict[str, Any], term: str) -> bool:
    return term in node["name"].casefold() or term in (node["description"] or "").casefold()


async def test_search_is_name_or_description_in_every_store() -> None:
    # every store's whole list, many times: generous timeouts (timing decides nothing)
    graph = await make_graph(
        Settings.from_env({f"STOREGRAPH_{s.name}_TIMEOUT_S": "60" for s in Source})
    )
    try:
        await _check_search(graph)
    finally:
        await graph.aclose()


async def _check_search(graph: Graph) -> None:
    for source in Source:
        await graph.configure(source, rate_limit={"limit": 10_000, "window_s": 60})
    everything = await every(graph)
    assert {n["source"] for n in everything} == {s.name for s in Source}
    for term in TERMS:
        results = await every(graph, search=term.upper())
        expected = {(n["source"], n["sourceId"]) for n in everything if found(n, term)}
        assert {(n["source"], n["sourceId"]) for n in results} == expected, term
        assert expected, term
    # what the stores' own searches get wrong, the gateway gets right
    rewards = {n["sourceId"] for n in await every(graph, search="collection", sources=["REWARDS"])}
    assert len(rewards) == len([n for n in everything if n["source"] == "REWARDS"])
    assert not await every(graph, search="bestseller", sources=["LITEKART"])  # a tag only
