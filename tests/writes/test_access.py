"""Who may write: every mutation that is not public refuses an anonymous caller
(``UNAUTHENTICATED``, no store asked) and says who may in ``schema.graphql``;
destructive writes need ``admin``; end users act as themselves (the store checks
ownership); a creator submits content for themselves only."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from gateway.identity import Role
from gateway.sources import Source
from gateway.writes.spec import Write
from schema.writes import all_writes
from tests.graph.conftest import Graph, make_graph
from tests.writes.helpers import litekart_customer, operator_headers
from tests.writes.samples import SAMPLES

WRITES = all_writes()
GUARDED = [w for w in WRITES if not w.access.public]
DESTRUCTIVE = ("delete", "clean")
MODULE_LOOP = pytest.mark.asyncio(loop_scope="module")


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def graph() -> AsyncIterator[Graph]:
    graph = await make_graph()
    yield graph
    await graph.aclose()


def test_destructive_writes_need_admin() -> None:
    for write in WRITES:
        if write.name.startswith(DESTRUCTIVE):
            assert write.access.roles == {Role.ADMIN} and not write.access.viewer, write.name


def test_only_a_shoppers_writes_are_public() -> None:
    public = {w.name for w in WRITES if w.access.public}
    assert public == {"submitLitestoreReview", "markLitestoreReviewHelpful"}


def test_the_sdl_says_who_may_call_each_write() -> None:
    from schema.build import build_schema

    sdl = build_schema().as_str()
    mutation = sdl[sdl.index("type Mutation {") :]
    mutation = mutation[: mutation.index("\n}\n")]
    for write in WRITES:
        start = mutation.index(f"  {write.name}(")
        end = mutation.find("\n\n", start)
        declared = "@requires(" in mutation[start:end]
        assert declared is not write.access.public, write.name


@MODULE_LOOP
@pytest.mark.parametrize("write", GUARDED, ids=lambda w: w.name)
async def test_an_anonymous_caller_is_refused_without_a_call(graph: Graph, write: Write) -> None:
    sample = SAMPLES[write.name]
    input = sample if isinstance(sample, dict) else {}
    await graph.reset_stats()
    name = write.name
    body = await graph.query(
        f"mutation ($input: {name[0].upper()}{name[1:]}Input!) {{ {name}(input: $input) {{ userErrors {{ code }} }} }}",
        {"input": input},
    )
    if body.get("data") is None:  # the sample needs more than a dict: a GraphQL refusal
        return
    assert body["data"] == {name: None}
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert await graph.calls() == 0


@MODULE_LOOP
async def test_a_catalog_editor_may_edit_but_not_delete(graph: Graph) -> None:
    editor = await operator_headers(graph, "catalog_editor")
    await graph.reset_stats()
    body = await graph.query(
        'mutation { deleteCatalogProduct(input: {id: "prod_100050"}) { deletedId } }',
        headers=editor,
    )
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await graph.calls(Source.CATALOG) == 0  # refused before the executor
    edited = await graph.data(
        'mutation { updateCatalogProduct(input: {id: "prod_100050", name: "Renamed 50"}) { product { name } } }',
        headers=editor,
    )
    assert edited["updateCatalogProduct"]["product"] == {"name": "Renamed 50"}


@MODULE_LOOP
async def test_a_customer_cannot_pay_anothers_order(graph: Graph) -> None:
    headers = await litekart_customer(graph, "cus_0011")
    await graph.reset_stats()
    body = await graph.query(
        'mutation { payLitekartOrder(input: {orderId: "ord_000006", amount: "1.00"}) { payment { sourceId } } }',
        headers=headers,
    )
    assert body["data"] == {"payLitekartOrder": None}
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"  # the store's own check


@MODULE_LOOP
async def test_a_creator_submits_for_themselves_only(graph: Graph) -> None:
    creator = await operator_headers(graph, "creator", creator_id="creator-009")
    document = 'mutation ($c: String!) { submitCreatorContent(input: {creatorId: $c, title: "Mine", products: ["prod-001"]}) { content { status } } }'
    mine = await graph.data(document, {"c": "creator-009"}, headers=creator)
    assert mine["submitCreatorContent"]["content"] == {"status": "PENDING_REVIEW"}
    await graph.reset_stats()
    theirs = await graph.query(document, {"c": "creator-010"}, headers=creator)
    assert theirs["data"] == {"submitCreatorContent": None}
    assert theirs["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await graph.calls(Source.LITESTORE) == 0
