"""The merged list converts each store product once per cached answer (its records and
graph objects are remembered per cached JSON object): a product changed at its store is
shown changed on the next page that reads it, never the remembered old one."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from gateway.settings import Settings
from tests.graph.conftest import TEST_JWT_SECRET, Graph, make_graph
from tests.writes.helpers import operator_headers
from tests.writes.samples import mutate

MERGED = """query ($first: Int!, $search: String) {
  products(first: $first, filter: {search: $search}, sort: {field: NAME, direction: ASC}) {
    nodes { __typename sourceId name price { amount currency }
            ... on FreshStoreProduct { offers { merchant price { amount } } } }
  }
}"""


@pytest.fixture
async def graph() -> AsyncIterator[Graph]:
    # no whole-response cache: each read below is executed, through the remembered objects
    graph = await make_graph(
        Settings.from_env(
            {
                "STOREGRAPH_JWT_SECRET": TEST_JWT_SECRET,
                "STOREGRAPH_OPERATION_CACHE_MAX_ENTRIES": "0",
            }
        )
    )
    yield graph
    await graph.aclose()


def by_id(data: dict) -> dict[tuple[str, str], dict]:
    return {(n["__typename"], n["sourceId"]): n for n in data["products"]["nodes"]}


async def test_a_changed_product_is_shown_changed(graph: Graph) -> None:
    first = by_id(await graph.data(MERGED, {"first": 100}))
    again = by_id(await graph.data(MERGED, {"first": 100}))
    assert again == first  # the same answer from the remembered objects
    catalog = next(k for k in first if k[0] == "CatalogProduct")
    fresh = next(k for k in first if k[0] == "FreshStoreProduct")
    await mutate(
        graph, "updateCatalogProduct", {"id": catalog[1], "price": "77.70"}, "product { sourceId }"
    )
    editor = await operator_headers(graph, "catalog_editor")
    renamed = await graph.data(
        f'mutation {{ updateFreshStoreProduct(input: {{id: "{fresh[1]}", title: "{first[fresh]["name"]} B"}}) '
        "{ product { name } } }",
        headers=editor,
    )
    assert renamed["updateFreshStoreProduct"]["product"]["name"] == first[fresh]["name"] + " B"
    after = by_id(await graph.data(MERGED, {"first": 100}))
    assert after[catalog]["price"]["amount"] == "77.70"
    assert after[fresh]["name"] == first[fresh]["name"] + " B"
    unchanged = [k for k in first if k not in (catalog, fresh) and k in after]
    assert unchanged and all(after[k] == first[k] for k in unchanged)
