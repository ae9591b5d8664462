"""The fuzz corpus: GraphQL documents drawn by hypothesis-graphql from the schema, seeded.

Drawing 5,000 documents from a schema this size takes minutes (hypothesis' generation,
not the gateway), so they are drawn once — deterministically: ``derandomize=True``,
per root field in turn — and kept in ``corpus.jsonl.gz`` beside this module, with the
hash of the SDL they were drawn from (for the record). ``tests/fuzz/test_fuzz.py``
replays them against the gateway on every run, and fails when the corpus misses a root
field or its valid documents no longer validate; then draw it again with::

    .venv/bin/python -m tests.fuzz.corpus

Every root field of ``Query`` and ``Mutation`` gets its share (see
:data:`QUERY_SHARE`), valid documents
(``Mode.POSITIVE``) and documents with one schema violation (``Mode.NEGATIVE``), with
adversarial scalar values: control characters, huge and non-ASCII digits, long strings.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
import sys
from pathlib import Path
from typing import Any

import graphql
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import Mode, mutations, queries

CORPUS = Path(__file__).with_name("corpus.jsonl.gz")
TOTAL = 5000
NEGATIVE_SHARE = 0.2
QUERY_SHARE = 0.7
"""Of the documents, this share asks the ``Query`` roots (the store roots hold most of
the graph); the rest is shared by the mutations."""


def sdl_hash() -> str:
    from schema.build import build_schema

    sdl = graphql.print_schema(build_schema()._schema)
    return hashlib.sha256(sdl.encode()).hexdigest()[:16]


def _string(value: str) -> graphql.StringValueNode:
    return graphql.StringValueNode(value=value)


NASTY_TEXT = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["../users", "1\x00", "²", "٣٤", "9" * 5000, "x" * 300, "", " ", "%2e%2e"]),
)
SCALARS: dict[str, st.SearchStrategy[graphql.ValueNode]] = {
    "Decimal": st.one_of(
        st.decimals(allow_nan=False, allow_infinity=False, places=2).map(str), NASTY_TEXT
    ).map(_string),
    "DateTime": st.one_of(st.datetimes().map(lambda d: d.isoformat() + "Z"), NASTY_TEXT).map(
        _string
    ),
    "Date": st.one_of(st.dates().map(str), NASTY_TEXT).map(_string),
    "JSON": st.just(graphql.ObjectValueNode(fields=())),
}


def _draw(strategy: st.SearchStrategy[str], count: int) -> list[str]:
    drawn: list[str] = []

    @settings(
        max_examples=count,
        derandomize=True,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    @given(document=strategy)
    def collect(document: str) -> None:
        drawn.append(document)

    collect()
    return drawn


def generate(total: int = TOTAL) -> list[dict[str, Any]]:
    """``total`` documents, shared out over every root field and both modes."""
    from schema.build import build_schema

    schema = build_schema()._schema
    assert schema.query_type is not None
    query_roots = list(schema.query_type.fields)
    mutation_roots = list(schema.mutation_type.fields) if schema.mutation_type else []
    share = {"query": total * QUERY_SHARE, "mutation": total * (1 - QUERY_SHARE)}
    if not mutation_roots:
        share["query"] = total
    roots = [("query", f) for f in query_roots] + [("mutation", f) for f in mutation_roots]
    counts = {"query": len(query_roots), "mutation": max(1, len(mutation_roots))}
    documents: list[dict[str, Any]] = []
    for kind, field in roots:
        per_root = max(2, math.ceil(share[kind] / counts[kind]))  # at least `total` in all
        negative = max(1, int(per_root * NEGATIVE_SHARE))
        for mode, count in ((Mode.POSITIVE, per_root - negative), (Mode.NEGATIVE, negative)):
            make = queries if kind == "query" else mutations
            strategy = make(schema, fields=[field], custom_scalars=SCALARS, mode=mode)
            for document in _draw(strategy, count):
                documents.append({"root": field, "mode": mode.name, "query": document})
    return documents


def load() -> tuple[str, list[dict[str, Any]]]:
    """The stored corpus: the SDL hash it was drawn from, and its documents."""
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        header = json.loads(fh.readline())
        return header["sdl"], [json.loads(line) for line in fh]


def main() -> None:
    total = int(sys.argv[1]) if len(sys.argv) > 1 else TOTAL
    documents = generate(total)
    with gzip.open(CORPUS, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"sdl": sdl_hash(), "count": len(documents)}) + "\n")
        for document in documents:
            fh.write(json.dumps(document) + "\n")
    print(f"{len(documents)} documents in {CORPUS}")


if __name__ == "__main__":
    main()
