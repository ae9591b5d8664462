"""The shared roots and the HTTP surface: node ids, limits, errors, GET, GraphiQL,
health, readiness and metrics."""

from __future__ import annotations

from pathlib import Path

from gateway.sources import Source
from schema.build import build_schema
from schema.ids import decode_id, encode_id
from tests.graph.conftest import Graph

ROOT = Path(__file__).resolve().parents[2]


def test_schema_graphql_is_the_exported_sdl() -> None:
    exported = (ROOT / "schema.graphql").read_text()
    assert exported == build_schema().as_str() + "\n", (
        "schema.graphql is stale: run `storegraph sdl > schema.graphql`"
    )


def test_global_ids_round_trip_and_reject_garbage() -> None:
    gid = encode_id("CatalogProduct", "catalog", "prod_100001")
    assert decode_id(gid) == ("CatalogProduct", "catalog", "prod_100001")
    assert "prod_100001" not in gid  # opaque
    assert decode_id("not-an-id!") is None
    assert decode_id(encode_id("X", "y", "")[:-2]) is None


async def test_unknown_or_malformed_node_ids_are_null_not_errors(graph: Graph) -> None:
    unknown = encode_id("NoSuchType", "litestore", "1")
    data = await graph.data(
        "query($a: ID!, $b: ID!) { a: node(id: $a) { id } b: node(id: $b) { id } }",
        {"a": unknown, "b": "%%%"},
    )
    assert data == {"a": None, "b": None}
    assert await graph.calls() == 0


async def test_an_id_naming_the_wrong_store_is_null(graph: Graph) -> None:
    genuine = encode_id("CatalogProduct", "catalog", "prod_100001")
    forged = encode_id("CatalogProduct", "litestore", "prod_100001")
    data = await graph.data(
        "query ($a: ID!, $b: ID!) { a: node(id: $a) { id } b: node(id: $b) { id } }",
        {"a": genuine, "b": forged},
    )
    assert data == {"a": {"id": genuine}, "b": None}


async def test_limits_are_reported_with_their_message(graph: Graph) -> None:
    body = await graph.query("{ products(first: 500) { totalCount } }")
    assert body["data"] == {"products": None}
    [error] = body["errors"]
    assert error["message"] == "`first` must be between 0 and 100."
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    ids = ", ".join(f'"{i}"' for i in range(101))
    body = await graph.query(f"{{ nodes(ids: [{ids}]) {{ id }} }}")
    assert body["errors"][0]["message"] == "`ids` takes at most 100 ids."
    nested = "sameItemElsewhere { " * 11 + "name" + " }" * 11
    body = await graph.query(f"query Deep {{ products {{ nodes {{ {nested} }} }} }}")
    assert body["errors"][0]["message"] == "'Deep' is 14 fields deep; at most 12 are allowed."
    assert body["errors"][0]["extensions"] == {
        "code": "DEPTH_LIMIT_EXCEEDED",
        "limit": 12,
        "actual": 14,
    }
    assert await graph.calls() == 0


async def test_syntax_and_validation_errors_keep_their_messages(graph: Graph) -> None:
    body = await graph.query("{ products(first: 1) { nope } }")
    assert "Cannot query field 'nope'" in body["errors"][0]["message"]
    response = await graph.client.post("/graphql", json={"query": "{ products("})
    assert "Syntax Error" in response.json()["errors"][0]["message"]


async def test_get_requests_and_graphiql(graph: Graph) -> None:
    # a non-browser client says so (CSRF prevention: tests/http/test_csrf.py)
    response = await graph.client.get(
        "/graphql",
        params={"query": "{ __typename }"},
        headers={"apollo-require-preflight": "true"},
    )
    assert response.json() == {"data": {"__typename": "Query"}}
    page = await graph.client.get("/graphql", headers={"accept": "text/html"})
    assert page.status_code == 200 and "graphiql" in page.text.lower()


async def test_health_readiness_and_metrics(graph: Graph) -> None:
    assert (await graph.client.get("/healthz")).json() == {"status": "ok"}
    ready = await graph.readiness()
    assert ready.status_code == 200, ready.text
    assert ready.json()["stores"] == {s.value: {"ready": True} for s in Source}
    metrics = (await graph.client.get("/metrics")).text
    assert "storegraph_upstream_requests_total{" in metrics


async def test_readiness_names_the_store_that_is_down_and_stays_ready(graph: Graph) -> None:
    await graph.configure(Source.LITESTORE, fail_next={"count": 10, "status": 503})
    ready = await graph.readiness()
    assert ready.status_code == 200  # one store's trouble: the gateway still serves
    assert ready.json()["ready"] is True
    assert ready.json()["stores"]["litestore"] == {"ready": False, "code": "UPSTREAM_ERROR"}
    assert ready.json()["stores"]["catalog"] == {"ready": True}
    metrics = (await graph.client.get("/metrics")).text
    assert 'storegraph_store_ready{source="litestore"} 0.0' in metrics
    assert 'storegraph_store_ready{source="catalog"} 1.0' in metrics


async def test_every_store_client_shares_the_runtime_cache_and_the_admin_can_clear_it() -> None:
    from gateway.settings import Settings
    from tests.graph.conftest import make_graph

    graph = await make_graph(Settings.from_env({"STOREGRAPH_ADMIN_TOKEN": "s3cret-admin"}))
    try:
        runtime = graph.client._transport.app.state.runtime  # type: ignore[attr-defined]
        assert all(client.cache is runtime.cache for client in runtime.clients.values())
        query = (
            '{ catalog { categoryTree { name } } litestore { product(id: "prod-001") { name } } }'
        )
        await graph.data(query)
        await graph.reset_stats()
        await graph.data(query)
        assert await graph.calls() == 0
        denied = await graph.client.post(
            "/admin/cache/clear", headers={"authorization": "Bearer nope"}
        )
        assert denied.status_code == 404
        cleared = await graph.client.post(
            "/admin/cache/clear", headers={"authorization": "Bearer s3cret-admin"}
        )
        assert cleared.json() == {"cleared": True}
        await graph.data(query)
        assert await graph.calls() == 2  # both lists fetched again (the token is kept)
    finally:
        await graph.aclose()


async def test_without_an_admin_token_there_is_no_admin_endpoint(graph: Graph) -> None:
    response = await graph.client.post("/admin/cache/clear", headers={"authorization": "Bearer "})
    assert response.status_code == 404
