"""Each store root's ``search`` finds what its store documents it searches — no more,
no less — and its description says so (``schema.graphql``).

Per store: the fields the store's search reads (Catalog documents "name or
description", FreshStore "by title"; Litestore and Litekart also read tags and the
SKU; Rewards documents none, so the gateway asks Strapi for names). The test reads a
store's whole product list, picks a word found only in descriptions and a word found in
names, and checks the search answers exactly the products those fields hold it in.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from schema.build import build_schema
from tests.graph.conftest import Graph

READ = {
    "name": lambda p: [p["name"]],
    "description": lambda p: [p["description"] or ""],
    "tags": lambda p: p.get("tags") or [],
    "sku": lambda p: [p["identifiers"]["sku"] or ""],
}
SEARCHED: dict[str, tuple[str, tuple[str, ...], str]] = {
    # root: (filter input, fields the store searches, extra selection)
    "litestore": ("LitestoreProductFilter", ("name", "description", "tags"), "tags"),
    "litekart": ("LitekartProductFilter", ("name", "description", "sku", "tags"), "tags"),
    "freshstore": ("FreshStoreProductFilter", ("name",), ""),
    "rewards": ("RewardProductFilter", ("name",), ""),
    "catalog": ("CatalogProductFilter", ("name", "description"), ""),
}
SAYS = {"name": "name", "title": "name", "description": "description", "sku": "sku", "tag": "tags"}
"""The words a description may use for each searched field, after "in their ..."."""


async def _every(graph: Graph, root: str, extra: str, search: str | None = None) -> list[Any]:
    found: list[Any] = []
    after = None
    while True:
        data = await graph.data(
            f"""query($after: String, $search: String) {{ {root} {{
              products(first: 100, after: $after, filter: {{search: $search}}) {{
                pageInfo {{ hasNextPage endCursor }}
                nodes {{ sourceId name description identifiers {{ sku }} {extra} }} }} }} }}""",
            {"after": after, "search": search},
        )
        page = data[root]["products"]
        found += page["nodes"]
        if not page["pageInfo"]["hasNextPage"]:
            return found
        after = page["pageInfo"]["endCursor"]


def _words(texts: list[str]) -> set[str]:
    return {w.lower() for t in texts for w in re.findall(r"[A-Za-z]{5,}", t)}


def _holding(products: list[Any], fields: tuple[str, ...], word: str) -> set[str]:
    return {
        p["sourceId"]
        for p in products
        if any(word in text.lower() for f in fields for text in READ[f](p))
    }


@pytest.mark.parametrize("root", sorted(SEARCHED))
async def test_a_store_roots_search_reads_what_the_store_documents(graph: Graph, root: str) -> None:
    filter_type, fields, extra = SEARCHED[root]
    products = await _every(graph, root, extra)
    names = _words([p["name"] for p in products])
    only_described = sorted(_words([p["description"] or "" for p in products]) - names)
    name_word = sorted(names)[0]
    for word in (only_described[0], name_word):
        found = {p["sourceId"] for p in await _every(graph, root, extra, word)}
        assert found == _holding(products, fields, word), (root, word)
    assert _holding(products, fields, only_described[0]) or "description" not in fields

    # ...and the argument's description names exactly those fields
    described = build_schema()._schema.type_map[filter_type].fields["search"].description
    [listed] = re.findall(r"in their ([^(.;]+)", described)
    said = {
        SAYS[w.rstrip("s")] for w in re.findall(r"[a-z]+", listed.lower()) if w.rstrip("s") in SAYS
    }
    assert said == set(fields), (root, described)
