"""What only the store can refuse (an id it does not hold, a category that does not exist)
comes back as user errors with the store's code and the path of the caller's input field,
and the store holds what it held before (read at the store, not through the graph).
Litekart's, Litestore's and Rewards' refusals are in the cart flow, the moderation and the
redeem tests; these are FreshStore's Laravel errors and Catalog's ``details``."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio

from gateway.sources import Source
from tests.graph.conftest import Graph, make_graph
from tests.stores.freshstore_helpers import BROWSER_UA
from tests.writes.helpers import operator_headers

pytestmark = pytest.mark.asyncio(loop_scope="module")
ERRORS = "userErrors { field message code }"


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def graph() -> AsyncIterator[Graph]:
    graph = await make_graph()
    yield graph
    await graph.aclose()


async def editor(graph: Graph, document: str) -> dict[str, Any]:
    return await graph.data(document, headers=await operator_headers(graph, "catalog_editor"))


async def freshstore(graph: Graph, path: str) -> Any:
    """What FreshStore holds at ``path`` (its full key and the browser User-Agent)."""
    key = (await graph.credentials(Source.FRESHSTORE))["api_key"]
    headers = {"Authorization": f"Bearer {key}", "User-Agent": BROWSER_UA}
    answer = await graph.control(Source.FRESHSTORE).get(path, headers=headers)
    return answer.json()


async def catalog(graph: Graph, path: str) -> Any:
    """What Catalog holds at ``path`` (a token of its demo client)."""
    control = graph.control(Source.CATALOG)
    client = await graph.credentials(Source.CATALOG)
    grant = await control.post(
        "/api/v1/auth/token",
        json={
            "client_id": client["client_id"],
            "client_secret": client["client_secret"],
            "grant_type": "client_credentials",
        },
    )
    token = grant.json()["data"]["access_token"]
    return (await control.get(path, headers={"Authorization": f"Bearer {token}"})).json()


async def test_freshstore_refusals_name_the_input_field(graph: Graph) -> None:
    before = await freshstore(graph, "/api/products/7?include=categories")
    products = (await freshstore(graph, "/api/products"))["meta"]["total"]
    await graph.reset_stats()
    data = await editor(
        graph,
        f"""mutation {{
          a: setFreshStoreProductCategories(input: {{id: "7", categoryIds: ["1", "99999"]}}) {{
               product {{ sourceId }} {ERRORS} }}
          b: createFreshStoreProduct(input: {{title: "Branded", brandId: "99999"}}) {{
               product {{ sourceId }} {ERRORS} }} }}""",
    )
    assert data["a"] == {
        "product": None,
        "userErrors": [
            {
                "field": ["input", "categoryIds", "1"],
                "message": "The selected category_ids.1 is invalid.",
                "code": "validation_error",
            }
        ],
    }
    assert data["b"] == {
        "product": None,
        "userErrors": [
            {
                "field": ["input", "brandId"],
                "message": "The selected brand id is invalid.",
                "code": "validation_error",
            }
        ],
    }
    assert (await graph.stats(Source.FRESHSTORE))["routes"] == {
        "POST /api/products/{id}/categories": 1,
        "POST /api/products": 1,
    }
    assert await freshstore(graph, "/api/products/7?include=categories") == before
    assert (await freshstore(graph, "/api/products"))["meta"]["total"] == products


async def test_catalog_refusals_keep_the_stores_code(graph: Graph) -> None:
    total = (await catalog(graph, "/api/v1/products"))["data"]["pagination"]["total"]
    await graph.reset_stats()
    data = await editor(
        graph,
        f"""mutation {{
          a: createCatalogProduct(input: {{name: "Gadget", description: "D", price: "9.99",
                                           categoryId: "no-such-category"}}) {{
               product {{ sourceId }} {ERRORS} }}
          b: updateCatalogProduct(input: {{id: "prod_999999", price: "9.99"}}) {{
               product {{ sourceId }} {ERRORS} }} }}""",
    )
    assert data["a"] == {
        "product": None,
        "userErrors": [
            {
                "field": ["input", "categoryId"],
                "message": "Category 'no-such-category' does not exist",
                "code": "invalid_category_id",
            }
        ],
    }
    assert data["b"] == {
        "product": None,
        "userErrors": [{"field": ["input", "id"], "message": "Id not found.", "code": "not_found"}],
    }
    routes = (await graph.stats(Source.CATALOG))["routes"]
    assert routes.pop("POST /api/v1/products") == 1
    assert routes.pop("PUT /api/v1/products/{product_id}") == 1
    assert set(routes) <= {"POST /api/v1/auth/token"}  # the gateway's own grant, if due
    assert (await catalog(graph, "/api/v1/products"))["data"]["pagination"]["total"] == total
