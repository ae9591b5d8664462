"""Fuzz: ≥ 5,000 seeded hypothesis-graphql documents over every root field, replayed
against the gateway (over in-process stores): zero 5xx and zero ``INTERNAL_SERVER_ERROR``.

The documents are drawn once (``tests/fuzz/corpus.py``; drawing takes minutes) and kept
in ``corpus.jsonl.gz``. The corpus must cover every root field the schema has now and
its valid documents must still be valid: a new root field, or a schema change that
leaves the corpus asking for what is gone, fails here until the corpus is drawn again
(``python -m tests.fuzz.corpus``). Replay is bounded: one pass, a few documents at a
time, each request under the gateway's own deadline.
"""

from __future__ import annotations

import asyncio
from collections import Counter

import pytest

from gateway.settings import Settings
from schema.build import build_schema
from tests.fuzz.corpus import TOTAL, load
from tests.graph.conftest import TEST_JWT_SECRET, make_graph

CONCURRENCY = 4
BATCH = 10
"""Operations per request: ``STOREGRAPH_MAX_BATCH_OPERATIONS``' default."""
STILL_VALID = 0.9
"""Of the corpus's valid (``POSITIVE``) documents, at least this share must still pass
the schema's validation; fewer means the schema moved on and the corpus must be redrawn."""


@pytest.fixture(scope="module")
def corpus() -> list[dict[str, str]]:
    return load()[1]


def _roots() -> set[str]:
    schema = build_schema()._schema
    assert schema.query_type is not None and schema.mutation_type is not None
    return set(schema.query_type.fields) | set(schema.mutation_type.fields)


def test_the_corpus_covers_every_root_field(corpus: list[dict[str, str]]) -> None:
    assert len(corpus) >= TOTAL
    per_root = Counter(d["root"] for d in corpus)
    missing = _roots() - set(per_root)
    assert not missing, f"no documents for {sorted(missing)}: run `python -m tests.fuzz.corpus`"
    assert {d["mode"] for d in corpus} == {"POSITIVE", "NEGATIVE"}


async def test_no_document_makes_the_gateway_fail(corpus: list[dict[str, str]]) -> None:
    graph = await make_graph(
        Settings.from_env(
            {"STOREGRAPH_CALLER_RATE_LIMIT": "0", "STOREGRAPH_JWT_SECRET": TEST_JWT_SECRET}
        )
    )
    failures: list[tuple[str, object]] = []
    codes: Counter[str] = Counter()
    positive = still_valid = 0
    gate = asyncio.Semaphore(CONCURRENCY)

    async def replay(batch: list[dict[str, str]]) -> None:
        nonlocal positive, still_valid
        async with gate:  # a batch of operations per request, as Apollo's batch link sends
            response = await graph.client.post(
                "/graphql", json=[{"query": d["query"]} for d in batch]
            )
        if response.status_code >= 500:
            failures.append((batch[0]["query"], response.status_code))
            return
        for document, body in zip(batch, response.json(), strict=True):
            errors = body.get("errors") or []
            seen = {(e.get("extensions") or {}).get("code") for e in errors}
            codes.update(str(code) for code in seen) if errors else codes.update(["ok"])
            if seen & {None, "INTERNAL_SERVER_ERROR"}:
                failures.append((document["query"], errors))
            if document["mode"] == "POSITIVE":
                positive += 1
                still_valid += "GRAPHQL_VALIDATION_FAILED" not in seen

    batches = [corpus[i : i + BATCH] for i in range(0, len(corpus), BATCH)]
    try:
        await asyncio.gather(*(replay(b) for b in batches))
    finally:
        await graph.aclose()
    assert not failures, failures[:5]
    assert codes["GRAPHQL_VALIDATION_FAILED"] > 0  # the negative documents were refused
    assert codes["ok"] > len(corpus) // 10, codes  # and valid ones were answered
    assert still_valid >= STILL_VALID * positive, (
        f"only {still_valid} of {positive} valid documents still validate: "
        "run `python -m tests.fuzz.corpus`"
    )
