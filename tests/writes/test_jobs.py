"""FreshStore's background work as ``Job`` nodes: the payload's job is polled through
``node(id)`` and ``freshstore.job(id)`` until it is COMPLETED, and what it imported is
then in the graph (the product lists show it)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio

from tests.graph.conftest import Graph, make_graph
from tests.writes.helpers import operator_headers

pytestmark = pytest.mark.asyncio(loop_scope="module")

JOB = "id kind state expectedProducts products { sourceId name } subject { id }"
POLLS = 40
"""Polls at most (the store runs its jobs ~50 ms after answering)."""


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def graph() -> AsyncIterator[Graph]:
    graph = await make_graph()
    yield graph
    await graph.aclose()


async def poll(graph: Graph, job_id: str, headers: dict[str, str]) -> dict[str, Any]:
    for _ in range(POLLS):
        data = await graph.data(
            f"query ($id: ID!) {{ node(id: $id) {{ ... on Job {{ {JOB} }} }} }}",
            {"id": job_id},
            headers=headers,
        )
        if data["node"]["state"] == "COMPLETED":
            return data["node"]
        await asyncio.sleep(0.05)
    raise AssertionError(f"job {job_id} never completed")


async def test_an_import_is_a_job_polled_until_its_products_are_in_the_graph(graph: Graph) -> None:
    headers = await operator_headers(graph, "catalog_editor")
    before = await graph.data("{ freshstore { products { totalCount } } }", headers=headers)
    data = await graph.data(
        f"""mutation {{ importFreshStoreLinks(input: {{links: [
              "https://www.amazon.com/dp/B0JOBTEST1", "B0JOBTEST2", "not a link"]}}) {{
              job {{ {JOB} }} report {{ importing failed links {{ status }} }} userErrors {{ code }} }} }}""",
        headers=headers,
    )
    payload = data["importFreshStoreLinks"]
    assert payload["report"]["importing"] == 2 and payload["report"]["failed"] == 1
    job = payload["job"]
    assert job["kind"] == "IMPORT_LINKS" and job["expectedProducts"] == 2
    done = await poll(graph, job["id"], headers)
    assert len(done["products"]) == 2
    same = await graph.data(
        "query ($id: ID!) { freshstore { job(id: $id) { state } } }",
        {"id": job["id"]},
        headers=headers,
    )
    assert same["freshstore"]["job"] == {"state": "COMPLETED"}
    after = await graph.data("{ freshstore { products { totalCount } } }", headers=headers)
    total = before["freshstore"]["products"]["totalCount"]
    assert after["freshstore"]["products"]["totalCount"] == total + 2  # not 30 s later


async def test_a_fill_and_ai_copy_are_jobs_too(graph: Graph) -> None:
    headers = await operator_headers(graph, "catalog_editor")
    data = await graph.data(
        f"""mutation {{
          fillFreshStoreCategories(input: {{categories: ["5"], apiName: EBAY, locale: "us", quantity: 2}}) {{
            job {{ {JOB} }} categoriesQueued }}
          createFreshStoreCategory(input: {{title: "Trail Lights", generateAiContent: true}}) {{
            category {{ sourceId }} job {{ {JOB} }} }} }}""",
        headers=headers,
    )
    fill = data["fillFreshStoreCategories"]
    assert fill["categoriesQueued"] == 1 and fill["job"]["expectedProducts"] == 2
    copy = data["createFreshStoreCategory"]["job"]
    assert copy["kind"] == "AI_CONTENT"
    filled = await poll(graph, fill["job"]["id"], headers)
    assert len(filled["products"]) == 2
    written = await poll(graph, copy["id"], headers)
    assert written["subject"]["id"]


async def test_a_forged_job_id_is_null(graph: Graph) -> None:
    from schema.ids import encode_id

    data = await graph.data(
        "query ($id: ID!) { node(id: $id) { id } }",
        {"id": encode_id("Job", "freshstore", "bm9wZQ")},
    )
    assert data == {"node": None}
