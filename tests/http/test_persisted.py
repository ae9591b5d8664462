"""Automatic persisted queries (APQ v1) over POST and GET, and trusted documents."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gateway.http.trusted_documents import TrustedDocuments, sha256_of
from gateway.settings import Settings, SettingsError
from gateway.state.documents import InMemoryDocumentStore
from tests.graph.conftest import make_graph
from tests.http.conftest import post

QUERY = "query Cheapest { litestore { products(first: 2) { edges { node { name } } } } }"
HASH = sha256_of(QUERY)
NEW = "application/graphql-response+json"
PREFLIGHTED = {"apollo-require-preflight": "true"}


def apq(sha256: str = HASH) -> dict:
    return {"persistedQuery": {"version": 1, "sha256Hash": sha256}}


def code_of(response) -> str:
    return response.json()["errors"][0]["extensions"]["code"]


async def test_apq_over_post_miss_register_hit(graph) -> None:
    miss = await post(graph, {"extensions": apq()}, accept=NEW)
    assert miss.status_code == 200  # as Apollo clients expect, so they send the query
    assert miss.json()["errors"][0]["message"] == "PersistedQueryNotFound"
    assert code_of(miss) == "PERSISTED_QUERY_NOT_FOUND"
    assert "data" not in miss.json()
    assert await graph.calls() == 0

    registered = await post(graph, {"query": QUERY, "extensions": apq()})
    names = registered.json()["data"]["litestore"]["products"]["edges"]
    assert len(names) == 2

    hit = await post(graph, {"extensions": apq()})
    assert hit.json()["data"] == registered.json()["data"]


async def test_apq_over_get_miss_register_hit(graph) -> None:
    extensions = json.dumps(apq())
    miss = await graph.client.get(
        "/graphql", params={"extensions": extensions}, headers=PREFLIGHTED
    )
    assert code_of(miss) == "PERSISTED_QUERY_NOT_FOUND"
    registered = await graph.client.get(
        "/graphql", params={"query": QUERY, "extensions": extensions}, headers=PREFLIGHTED
    )
    assert registered.json()["data"]["litestore"]
    hit = await graph.client.get("/graphql", params={"extensions": extensions}, headers=PREFLIGHTED)
    assert hit.status_code == 200 and hit.json()["data"] == registered.json()["data"]


async def test_a_hash_mismatch_is_refused_and_nothing_is_stored(graph) -> None:
    wrong = sha256_of("{ __typename }")
    refused = await post(graph, {"query": QUERY, "extensions": apq(wrong)}, accept=NEW)
    assert refused.status_code == 400 and code_of(refused) == "PERSISTED_QUERY_HASH_MISMATCH"
    assert await graph.calls() == 0
    still_missing = await post(graph, {"extensions": apq(wrong)})
    assert code_of(still_missing) == "PERSISTED_QUERY_NOT_FOUND"


async def test_an_invalid_document_is_not_registered(graph) -> None:
    broken = "{ noSuchField }"
    first = await post(graph, {"query": broken, "extensions": apq(sha256_of(broken))})
    assert code_of(first) == "GRAPHQL_VALIDATION_FAILED"
    again = await post(graph, {"extensions": apq(sha256_of(broken))})
    assert code_of(again) == "PERSISTED_QUERY_NOT_FOUND"


@pytest.mark.parametrize(
    ("extensions", "code"),
    [
        ({"persistedQuery": {"version": 2, "sha256Hash": HASH}}, "PERSISTED_QUERY_NOT_SUPPORTED"),
        ({"persistedQuery": {"version": 1, "sha256Hash": "abc"}}, "BAD_REQUEST"),
        ({"persistedQuery": "yes"}, "BAD_REQUEST"),
    ],
)
async def test_malformed_persisted_query_extensions(graph, extensions, code) -> None:
    assert code_of(await post(graph, {"extensions": extensions})) == code


# --------------------------------------------------------------------------- trusted


def apollo_manifest(path: Path, *bodies: str) -> Path:
    operations = [{"id": sha256_of(b), "name": "Op", "type": "query", "body": b} for b in bodies]
    path.write_text(
        json.dumps(
            {"format": "apollo-persisted-query-manifest", "version": 1, "operations": operations}
        )
    )
    return path


async def test_trusted_documents_mode_runs_only_the_manifest(tmp_path) -> None:
    manifest = apollo_manifest(tmp_path / "manifest.json", QUERY)
    graph = await make_graph(Settings(trusted_documents=str(manifest), trusted_documents_only=True))
    try:
        by_hash = await post(graph, {"extensions": apq()})
        assert by_hash.json()["data"]["litestore"]
        by_document_id = await post(graph, {"documentId": f"sha256:{HASH}"})
        assert by_document_id.json()["data"] == by_hash.json()["data"]
        as_text = await post(graph, {"query": QUERY})
        assert as_text.json()["data"] == by_hash.json()["data"]
        calls = await graph.calls()

        unknown = "{ litekart { products(first: 1) { totalCount } } }"
        for body in (
            {"query": unknown},
            {"query": unknown, "extensions": apq(sha256_of(unknown))},
            {"extensions": apq(sha256_of(unknown))},
        ):
            refused = await post(graph, body, accept=NEW)
            assert refused.status_code == 400, body
            assert code_of(refused) == "PERSISTED_QUERY_NOT_IN_LIST", body
        assert await graph.calls() == calls  # nothing unknown reached a store
        # and nothing was registered: the hash alone is still refused
        assert (
            code_of(await post(graph, {"extensions": apq(sha256_of(unknown))}))
            == "PERSISTED_QUERY_NOT_IN_LIST"
        )
    finally:
        await graph.aclose()


async def test_a_manifest_also_serves_apq_clients_when_not_exclusive(tmp_path) -> None:
    manifest = tmp_path / "persisted-documents.json"
    manifest.write_text(json.dumps({"a1b2": QUERY}))  # GraphQL Codegen's format
    graph = await make_graph(Settings(trusted_documents=str(manifest)))
    try:
        assert (await post(graph, {"documentId": "a1b2"})).json()["data"]["litestore"]
        assert (await post(graph, {"extensions": apq()})).json()["data"]["litestore"]
        assert (await post(graph, {"query": "{ __typename }"})).json()["data"]
    finally:
        await graph.aclose()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "is not JSON"),
        (
            '{"format": "apollo-persisted-query-manifest", "version": 2, "operations": []}',
            "version 1",
        ),
        (
            '{"format": "apollo-persisted-query-manifest", "version": 1, "operations": [{"id": 1}]}',
            "operations\\[0\\]",
        ),
        ('{"x": 5}', "id → document"),
    ],
)
def test_a_malformed_manifest_stops_start_up(tmp_path, content, message) -> None:
    path = tmp_path / "m.json"
    path.write_text(content)
    with pytest.raises(SettingsError, match=message):
        TrustedDocuments.load(path)


def test_a_missing_manifest_and_an_exclusive_mode_without_one_are_refused(tmp_path) -> None:
    with pytest.raises(SettingsError, match="not found"):
        TrustedDocuments.load(tmp_path / "absent.json")
    with pytest.raises(
        SettingsError, match="TRUSTED_DOCUMENTS_ONLY needs a STOREGRAPH_TRUSTED_DOCUMENTS manifest"
    ):
        Settings.from_env({"STOREGRAPH_TRUSTED_DOCUMENTS_ONLY": "1"})


# --------------------------------------------------------------------------- the store


async def test_the_in_memory_store_is_bounded_by_bytes_and_age() -> None:
    now = [0.0]
    store = InMemoryDocumentStore(max_bytes=100, ttl_s=60, clock=lambda: now[0])
    await store.put("a", "x" * 60)
    await store.put("b", "y" * 30)
    assert await store.get("a") and await store.get("b")
    await store.put("c", "z" * 60)  # over 100 bytes: the least recently used goes
    assert await store.get("a") is None and await store.get("c")
    await store.put("huge", "h" * 500)  # larger than the bound: not kept
    assert await store.get("huge") is None
    now[0] = 61.0
    assert await store.get("c") is None and len(store) == 0
