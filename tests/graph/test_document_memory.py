"""Distinct large documents do not pin memory: the document cache is bounded in bytes."""

from __future__ import annotations

import gc
from pathlib import Path

from schema.limits import DOCUMENTS
from tests.graph.conftest import Graph

DOCUMENT_BYTES = 900 * 1024
MAX_GROWTH_BYTES = 50 * 1024 * 1024


def rss_bytes() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS in /proc/self/status")


async def test_a_hundred_distinct_900_kb_documents_leave_rss_where_it_was(graph: Graph) -> None:
    await graph.data("{ __typename }")
    gc.collect()
    before = rss_bytes()
    for n in range(100):
        head = f"query Q{n} {{ __typename }}"
        query = head + " " * (DOCUMENT_BYTES - len(head))  # whitespace lexes fastest
        data = await graph.data(query)
        assert data == {"__typename": "Query"}
    gc.collect()
    grown = rss_bytes() - before
    assert grown < MAX_GROWTH_BYTES, f"RSS grew {grown / 2**20:.1f} MiB"
    assert DOCUMENTS.total_bytes <= DOCUMENTS.max_bytes
