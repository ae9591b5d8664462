"""Operation limits: each refuses with its own code and the limit's value, all in linear
time — a fragment bomb is refused at once and ``/healthz`` answers meanwhile."""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from graphql import parse

from gateway.limits.shape import measure
from gateway.settings import Settings
from schema.build import build_schema
from schema.limits import DOCUMENTS
from tests.graph.conftest import Graph, make_graph


def bomb(levels: int, leaf: str = "__typename") -> str:
    """``F0`` spreads ``F1`` twice, … down to ``F<levels>``: 2**levels paths."""
    fragments = " ".join(
        f"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}" for i in range(levels)
    )
    return f"query {{ ...F0 }} {fragments} fragment F{levels} on Query {{ {leaf} }}"


async def refusal(graph: Graph, query: str, variables: dict | None = None) -> dict:
    body = await graph.query(query, variables)
    assert body.get("data") is None, body
    [error] = body["errors"]
    return error


@pytest.fixture
async def strict() -> AsyncIterator[Graph]:
    graph = await make_graph(
        Settings.from_env(
            {
                "STOREGRAPH_MAX_DEPTH": "4",
                "STOREGRAPH_MAX_ALIASES": "3",
                "STOREGRAPH_MAX_ROOT_FIELDS": "2",
                "STOREGRAPH_MAX_FRAGMENTS": "2",
                "STOREGRAPH_MAX_DIRECTIVES": "2",
                "STOREGRAPH_MAX_TOKENS": "60",
                "STOREGRAPH_MAX_COST": "50",
            }
        )
    )
    yield graph
    await graph.aclose()


async def test_the_forty_level_fragment_bomb_is_refused_at_once(graph: Graph) -> None:
    query = bomb(40)
    elapsed = []
    for _ in range(3):
        # the gateway's own CPU time, not the wall clock: a walk of the bomb's 2**40
        # paths pins the CPU for hours, while other processes' load cannot inflate it
        started = time.process_time()
        refused, health = await asyncio.gather(graph.query(query), graph.client.get("/healthz"))
        elapsed.append(time.process_time() - started)
        assert health.status_code == 200
        [error] = refused["errors"]
        assert error["extensions"] == {
            "code": "FRAGMENT_LIMIT_EXCEEDED",
            "limit": 32,
            "actual": 41,
        }
    assert min(elapsed) < 0.1, elapsed
    assert await graph.calls() == 0


def test_the_limits_walk_is_linear_even_for_bombs_it_accepts() -> None:
    schema = build_schema()._schema
    for levels in (10, 40, 80):
        shape = measure(schema, parse(bomb(levels, "litestore { __typename }")))
        assert shape.visits <= 2 * levels + 3  # each fragment's selections visited once
    # the cost follows the paths (2**80 of them): refused, not walked
    assert shape.operations[None].cost == 2**80


async def test_an_accepted_bomb_runs_in_linear_time() -> None:
    graph = await make_graph(Settings.from_env({"STOREGRAPH_MAX_FRAGMENTS": "100"}))
    try:
        started = time.perf_counter()
        data = await graph.data(bomb(60))
        assert data == {"__typename": "Query"}
        assert time.perf_counter() - started < 5  # 2**60 paths would never finish
    finally:
        await graph.aclose()


async def test_each_limit_refuses_with_its_code_and_value(strict: Graph) -> None:
    deep = "{ litestore { products { nodes { reviews { nodes { id } } } } } }"
    error = await refusal(strict, deep)
    assert error["extensions"] == {"code": "DEPTH_LIMIT_EXCEEDED", "limit": 4, "actual": 6}
    assert error["message"] == "The operation is 6 fields deep; at most 4 are allowed."

    body = await strict.query("{ a: __typename b: __typename c: __typename d: __typename }")
    codes = {e["extensions"]["code"]: e["extensions"]["limit"] for e in body["errors"]}
    assert codes == {"ALIAS_LIMIT_EXCEEDED": 3, "ROOT_FIELD_LIMIT_EXCEEDED": 2}

    error = await refusal(strict, "{ __typename litestore { __typename } catalog { __typename } }")
    assert error["extensions"] == {"code": "ROOT_FIELD_LIMIT_EXCEEDED", "limit": 2, "actual": 3}

    fragments = "query { ...A } fragment A on Query { ...B } fragment B on Query { ...C } "
    fragments += "fragment C on Query { __typename }"
    error = await refusal(strict, fragments)
    assert error["extensions"] == {"code": "FRAGMENT_LIMIT_EXCEEDED", "limit": 2, "actual": 3}

    directives = "{ __typename @skip(if: false) @include(if: true) x: __typename @skip(if: false) }"
    error = await refusal(strict, directives)
    assert error["extensions"] == {"code": "DIRECTIVE_LIMIT_EXCEEDED", "limit": 2, "actual": 3}

    error = await refusal(strict, "{ " + "__typename " * 70 + "}")
    assert error["extensions"] == {"code": "TOKEN_LIMIT_EXCEEDED", "limit": 60}

    # the cost reads the request's variables: the same document passes with a small page
    costly = "query ($n: Int!) { litestore { products(first: $n) { nodes { id } } } }"
    error = await refusal(strict, costly, {"n": 60})
    assert error["extensions"] == {"code": "COST_LIMIT_EXCEEDED", "limit": 50, "actual": 62}
    assert await strict.calls() == 0
    data = await strict.data(costly, {"n": 3})
    assert len(data["litestore"]["products"]["nodes"]) == 3


async def test_amplifying_queries_are_refused_by_cost(graph: Graph) -> None:
    reviews = (
        "{ litestore { products(first: 100) { nodes { reviews(first: 100) { nodes { id } } } } } }"
    )
    error = await refusal(graph, reviews)
    assert error["extensions"]["code"] == "COST_LIMIT_EXCEEDED"
    assert error["extensions"]["actual"] > 10_000
    ids = ", ".join(f'"u{i}"' for i in range(40))
    aliases = " ".join(f"a{i}: nodes(ids: [{ids}]) {{ id }}" for i in range(30))
    error = await refusal(graph, f"{{ {aliases} }}")
    assert error["extensions"]["code"] in {"COST_LIMIT_EXCEEDED", "ROOT_FIELD_LIMIT_EXCEEDED"}
    assert await graph.calls() == 0


async def test_a_body_over_the_limit_is_refused_before_it_is_parsed(graph: Graph) -> None:
    garbage = b"{" + b"x" * (2 * 1024 * 1024)  # not JSON: parsing it would be a 400
    response = await graph.client.post(
        "/graphql", content=garbage, headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
    assert response.json() == {
        "errors": [
            {
                "message": "The request body is larger than 1048576 bytes.",
                "extensions": {
                    "code": "REQUEST_TOO_LARGE",
                    "limit": 1048576,
                    "requestId": response.headers["x-request-id"],
                },
            }
        ]
    }

    async def chunks() -> AsyncIterator[bytes]:  # no Content-Length: counted as it comes
        for _ in range(64):
            yield b"x" * 65536

    response = await graph.client.post(
        "/graphql", content=chunks(), headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "REQUEST_TOO_LARGE"


async def test_ambiguous_operations_are_refused(graph: Graph) -> None:
    two = "query A { __typename } query B { litestore { __typename } }"
    error = await refusal(graph, two)
    assert error["extensions"] == {"code": "OPERATION_NAME_REQUIRED"}
    response = await graph.client.post("/graphql", json={"query": two, "operationName": "B"})
    assert response.json() == {"data": {"litestore": {"__typename": "LitestoreQuery"}}}


async def test_a_document_too_heavy_to_cache_is_still_served(graph: Graph) -> None:
    padded = "{ __typename }" + " " * 500_000
    for _ in range(2):
        response = await graph.client.post("/graphql", json={"query": padded})
        assert response.json() == {"data": {"__typename": "Query"}}
    assert not any(len(q) > 400_000 for q, _ in DOCUMENTS._entries)


async def test_bodies_that_are_not_a_graphql_request_are_400(graph: Graph) -> None:
    for body in (
        b'"just a string"',
        b"42",
        b"[1, 2]",
        b"null",
        b"\xff\xfe{",
        b'{"query": "{a}", "operationName": 5}',
    ):
        response = await graph.client.post(
            "/graphql", content=body, headers={"content-type": "application/json"}
        )
        assert response.status_code == 400, body


async def test_suggestions_only_with_introspection_on(graph: Graph) -> None:
    typo = "{ litestore { prodcts { id } } }"
    shown = await refusal(graph, typo)
    assert "Did you mean" in shown["message"]
    closed = await make_graph(Settings.from_env({"STOREGRAPH_INTROSPECTION": "0"}))
    try:
        hidden = await refusal(closed, typo)
        assert hidden["message"] == "Cannot query field 'prodcts' on type 'LitestoreQuery'."
        assert hidden["extensions"] == {"code": "GRAPHQL_VALIDATION_FAILED"}
        body = await closed.query("{ __schema { types { name } } }")
        assert body.get("data") is None and body["errors"]
        enum = await closed.query("{ products(sort: {field: PRIC}) { totalCount } }")
        assert "Did you mean" not in enum["errors"][0]["message"]
    finally:
        await closed.aclose()


def test_websocket_upgrades_never_answer_500() -> None:
    from starlette.testclient import TestClient
    from starlette.websockets import WebSocketDisconnect

    from gateway.app import create_app

    with TestClient(create_app(Settings.from_env({}))) as client:
        with client.websocket_connect("/graphql", subprotocols=["graphql-transport-ws"]) as ws:
            ws.send_json({"type": "connection_init"})
            assert ws.receive_json() == {"type": "connection_ack"}
        for protocols in ([], ["graphql-ws"], ["nonsense"]):
            try:
                with client.websocket_connect("/graphql", subprotocols=protocols) as ws:
                    ws.send_json({"type": "connection_init"})
                    ws.receive_json()
            except WebSocketDisconnect as closed:
                assert closed.code != 1011  # 1011: the server's internal error
        response = client.get(
            "/graphql",
            headers={"connection": "upgrade", "upgrade": "websocket", "accept": "*/*"},
        )
        assert response.status_code < 500


LIMIT_SETTINGS = (
    "max_body_bytes",
    "max_tokens",
    "max_depth",
    "max_aliases",
    "max_root_fields",
    "max_fragments",
    "max_directives",
    "max_cost",
    "max_upstream_calls",
    "caller_rate_limit",
    "caller_rate_window_s",
    "negative_ttl_s",
    "stale_if_slow_ms",
    "rate_limit_reserve",
)


def test_the_readme_documents_each_limit_its_default_and_its_code() -> None:
    root = Path(__file__).resolve().parents[2]
    readme = (root / "README.md").read_text()
    section = readme.split("## Limits: hostile input and load")[1].split("\n## ")[0]
    defaults = Settings.from_env({})
    for name in LIMIT_SETTINGS:
        rows = [line for line in section.splitlines() if f"`STOREGRAPH_{name.upper()}`" in line]
        assert rows, f"STOREGRAPH_{name.upper()} is not in the README's limits table"
        value = getattr(defaults, name)
        if isinstance(value, int | float):
            shown = f"{int(value)}" if float(value).is_integer() else f"{value}"
            assert shown in rows[0], (name, shown, rows[0])
    sources = "".join(p.read_text() for p in (root / "gateway" / "limits").glob("*.py"))
    codes = set(re.findall(r'"([A-Z_]+_EXCEEDED|REQUEST_TOO_LARGE|RATE_LIMITED)"', sources))
    assert len(codes) >= 10, codes
    for code in sorted(codes | {"OPERATION_NAME_REQUIRED", "BAD_USER_INPUT"}):
        assert f"`{code}`" in section, code
