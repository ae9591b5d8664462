"""The same item elsewhere, by identifiers only: every shared item of the seed data
joins exactly the stores that sell it; a rename at a store changes nothing; names
alone never join; the index costs each store's list once per request."""

from __future__ import annotations

from typing import Any

import httpx

from gateway.sources import Source
from resolvers.identifiers import gtin14, identifiers, isbn13, mpn_key
from stores.common.shared_items import ITEMS_BY_STORE, SHARED_ITEMS
from tests.graph.conftest import Graph

ALL = """query ($after: String) { freshstore { products(first: 100, after: $after) {
  pageInfo { hasNextPage endCursor }
  nodes { sourceId name identifiers { gtin mpn }
          sameItemElsewhere { source sourceId name identifiers { gtin mpn } } } } } }"""


def sellers(index: int) -> set[str]:
    return {store.upper() for store, items in ITEMS_BY_STORE.items() if index in items}


async def freshstore_products(graph: Graph) -> list[dict[str, Any]]:
    nodes: list[dict[str, Any]] = []
    after = None
    while True:
        page = (await graph.data(ALL, {"after": after}))["freshstore"]["products"]
        nodes += page["nodes"]
        if not page["pageInfo"]["hasNextPage"]:
            return nodes
        after = page["pageInfo"]["endCursor"]


def test_gtins_are_normalised_and_check_digits_verified() -> None:
    item = SHARED_ITEMS[0]
    assert gtin14(item.gtin) == "0" + item.gtin  # EAN-13 → 14 digits
    assert gtin14(item.upc) == "00" + item.upc  # UPC-A (GTIN-12) → 14 digits
    assert gtin14("0" + item.upc) == gtin14(item.upc)  # UPC-A ≡ EAN-13 with a leading 0
    assert gtin14("96385074") == "00000096385074"  # GTIN-8
    assert gtin14(item.gtin[:-1] + str((int(item.gtin[-1]) + 1) % 10)) is None  # bad check
    assert gtin14("12345") is None and gtin14("abc") is None
    assert isbn13("0-306-40615-2") == "9780306406157" == isbn13("978-0-306-40615-7")
    assert isbn13("0306406153") is None
    assert mpn_key("Forge & Co", "fc-10 42") == mpn_key("forge & co.", "FC-1042")
    assert mpn_key(None, "FC-1042") is None  # an MPN alone joins nothing
    ids = identifiers(gtins=["0" + item.upc, item.gtin], mpn=item.mpn, brand=item.brand)
    assert ids.gtin == "00" + item.upc
    assert ids.keys >= {f"gtin:0{item.gtin}", f"gtin:00{item.upc}"}


async def test_every_shared_item_joins_exactly_the_stores_that_sell_it(graph: Graph) -> None:
    await graph.configure(Source.FRESHSTORE, rate_limit={"limit": 1000, "window_s": 60})
    by_gtin = {"0" + item.gtin: item for item in SHARED_ITEMS}
    nodes = await freshstore_products(graph)
    shared = [n for n in nodes if n["identifiers"]["gtin"] in by_gtin]
    assert len(shared) == len(SHARED_ITEMS)  # FreshStore sells every shared item
    for node in shared:
        item = by_gtin[node["identifiers"]["gtin"]]
        elsewhere = node["sameItemElsewhere"]
        assert {e["source"] for e in elsewhere} == sellers(item.index) - {"FRESHSTORE"}, item.name
        assert len(elsewhere) == len({e["source"] for e in elsewhere})  # one each
        for match in elsewhere:  # each is the item: its GTIN, or (Rewards) brand and MPN
            assert match["identifiers"]["gtin"] in (None, node["identifiers"]["gtin"])
            assert match["identifiers"]["mpn"] == item.mpn
    others = [n for n in nodes if n["identifiers"]["gtin"] not in by_gtin]
    assert others and all(n["sameItemElsewhere"] == [] for n in others)


async def test_the_index_reads_each_stores_list_once_per_request(graph: Graph) -> None:
    await graph.data(
        '{ catalog { a: product(id: "prod_100001") { sameItemElsewhere { sourceId } } '
        'b: product(id: "prod_100002") { sameItemElsewhere { sourceId } } } }'
    )
    for source in (Source.LITESTORE, Source.FRESHSTORE, Source.CATALOG):
        stats = await graph.stats(source)
        lists = {r: n for r, n in stats["routes"].items() if r.endswith("/products")}
        assert list(lists.values()) == [3], (source, lists)  # 2xx products, blocks of 100
    litekart = (await graph.stats(Source.LITEKART))["routes"]
    assert litekart == {"GET /api/products": 3, "GET /api/brands": 1}
    assert (await graph.stats(Source.REWARDS))["routes"] == {"GET /api/products": 1}


async def store_call(graph: Graph, source: Source, method: str, path: str, body: Any) -> Any:
    """A call to the store's own API (as the store's admin would make it)."""
    key = (await graph.credentials(source))["api_key"]
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=graph.store_apps[source]),
        base_url="http://store",
        headers={"Authorization": f"Bearer {key}"},
    ) as store:
        response = await store.request(method, path, json=body)
    assert response.status_code in (200, 201), response.text
    return response.json()


SENCHA = '{ rewards { product(id: "3") { name sameItemElsewhere { source sourceId name } } } }'


async def test_a_product_renamed_at_its_store_keeps_its_matches(graph: Graph) -> None:
    """Rename the Litekart and Litestore copies of a shared item at the stores
    themselves: the reward still finds both, under their new names."""
    await store_call(graph, Source.LITEKART, "PUT", "/api/products/prod_0002", {"name": "Leaf Tea"})
    await store_call(graph, Source.LITESTORE, "PUT", "/api/products/prod-067", {"name": "Sencha"})
    product = (await graph.data(SENCHA))["rewards"]["product"]
    found = {e["source"]: e for e in product["sameItemElsewhere"]}
    assert set(found) == sellers(6) - {"REWARDS"}
    assert found["LITEKART"] == {"source": "LITEKART", "sourceId": "prod_0002", "name": "Leaf Tea"}
    assert found["LITESTORE"] == {"source": "LITESTORE", "sourceId": "prod-067", "name": "Sencha"}


async def test_a_name_alone_never_joins(graph: Graph) -> None:
    """A new Litestore product named exactly like a shared item, without its GTIN."""
    created = await store_call(
        graph,
        Source.LITESTORE,
        "POST",
        "/api/products",
        {"name": "Organic Sencha Green Tea 100g", "price": 9.5},
    )
    product = (await graph.data(SENCHA))["rewards"]["product"]
    litestore = [e for e in product["sameItemElsewhere"] if e["source"] == "LITESTORE"]
    assert [e["sourceId"] for e in litestore] == ["prod-067"]  # not the namesake
    data = await graph.data(
        "query ($id: ID!) { litestore { product(id: $id) { name sameItemElsewhere { sourceId } } } }",
        {"id": created["id"]},
    )
    assert data["litestore"]["product"] == {"name": product["name"], "sameItemElsewhere": []}
