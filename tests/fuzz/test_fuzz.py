"""Fuzz: 5,000 seeded hypothesis-graphql documents over every root field, replayed against
the gateway (over in-process stores) — zero 5xx and zero ``INTERNAL_SERVER_ERROR``.

The documents are drawn once (``tests/fuzz/corpus.py``; drawing takes minutes) and kept
with the hash of the SDL they came from; a schema change fails the staleness check
until the corpus is drawn again. Replay is bounded: one pass, a few documents at a time,
each request under the gateway's own deadline.
"""

from __future__ import annotations

import asyncio
from collections import Counter

from gateway.settings import Settings
from tests.fuzz.corpus import TOTAL, load, sdl_hash
from tests.graph.conftest import make_graph

CONCURRENCY = 4


def test_the_corpus_was_drawn_from_this_schema() -> None:
    drawn_from, documents = load()
    assert len(documents) >= TOTAL
    assert drawn_from == sdl_hash(), "schema changed: run `python -m tests.fuzz.corpus`"
    roots = {d["root"] for d in documents}
    from schema.build import build_schema

    schema = build_schema()._schema
    assert schema.query_type is not None and schema.mutation_type is not None
    assert roots == set(schema.query_type.fields) | set(schema.mutation_type.fields)


async def test_no_document_makes_the_gateway_fail() -> None:
    _, documents = load()
    graph = await make_graph(Settings.from_env({"STOREGRAPH_CALLER_RATE_LIMIT": "0"}))
    failures: list[tuple[str, object]] = []
    codes: Counter[str] = Counter()
    gate = asyncio.Semaphore(CONCURRENCY)

    async def replay(document: dict[str, str]) -> None:
        async with gate:
            response = await graph.client.post("/graphql", json={"query": document["query"]})
        if response.status_code >= 500:
            failures.append((document["query"], response.status_code))
            return
        body = response.json()
        for error in body.get("errors") or []:
            code = (error.get("extensions") or {}).get("code")
            codes[code or "none"] += 1
            if code in (None, "INTERNAL_SERVER_ERROR"):
                failures.append((document["query"], error))

    try:
        await asyncio.gather(*(replay(d) for d in documents))
    finally:
        await graph.aclose()
    assert not failures, failures[:5]
    assert codes["GRAPHQL_VALIDATION_FAILED"] > 0  # the negative documents were refused
