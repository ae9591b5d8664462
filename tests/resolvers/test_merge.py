"""The k-way merge behind cross-store lists: complete, ordered, stable paging."""

from __future__ import annotations

import random

import pytest

from gateway.errors import BadUserInput, UpstreamError
from gateway.sources import Source
from resolvers.merge import MergeOrder, encode_merge_cursor, merge_page


class ListSource:
    """A store whose matching list is ``items`` (already in merge order)."""

    def __init__(self, name: str, items: list[tuple[str, int]], fail: bool = False) -> None:
        self.name = name
        self.items = items
        self.fail = fail
        self.fetches: list[tuple[int, int]] = []

    async def fetch(self, offset: int, limit: int) -> tuple[list[tuple[str, int]], int]:
        self.fetches.append((offset, limit))
        if self.fail:
            raise UpstreamError("store down", source=Source(self.name))
        return self.items[offset : offset + limit], len(self.items)


def make_sources(seed: int) -> list[ListSource]:
    rng = random.Random(seed)
    sources = []
    for source in Source:
        values = sorted(rng.randrange(1000) for _ in range(rng.randrange(0, 60)))
        sources.append(ListSource(source.value, [(source.value, v) for v in values]))
    return sources


async def walk(sources, first: int, descending: bool = False):
    order = MergeOrder(key=lambda r: r[1], descending=descending)
    seen, after, pages = [], None, 0
    while True:
        page = await merge_page(sources, order, first=first, after=after, fingerprint="f")
        seen.extend(page.records)
        pages += 1
        if not page.has_next:
            return seen, pages
        after = page.cursors[-1]


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("first", [1, 7, 25])
async def test_every_record_exactly_once_and_in_order(seed: int, first: int) -> None:
    sources = make_sources(seed)
    seen, pages = await walk(sources, first)
    expected = sorted((r for s in sources for r in s.items), key=lambda r: r[1])
    assert sorted(seen) == sorted(expected)
    assert [r[1] for r in seen] == sorted(r[1] for r in seen)
    assert pages == max(1, -(-len(expected) // first))
    # one fetch per store per page, never more
    assert all(len(s.fetches) == pages for s in sources)


async def test_descending_puts_missing_keys_last() -> None:
    a = ListSource("litestore", [("a", 5), ("a", 1), ("a", None)])
    b = ListSource("catalog", [("b", 3), ("b", None)])
    seen, _ = await walk([a, b], 2, descending=True)
    assert [r[1] for r in seen] == [5, 3, 1, None, None]


async def test_a_failing_store_leaves_partial_data_and_an_error() -> None:
    ok = ListSource("litestore", [("a", i) for i in range(5)])
    down = ListSource("catalog", [], fail=True)
    page = await merge_page(
        [ok, down], MergeOrder(key=lambda r: r[1]), first=3, after=None, fingerprint="f"
    )
    assert [r[1] for r in page.records] == [0, 1, 2]
    assert [e.code for e in page.errors] == ["UPSTREAM_ERROR"]
    assert page.total is None and page.has_next


async def test_a_cursor_from_another_query_is_refused() -> None:
    sources = make_sources(1)
    page = await merge_page(
        sources, MergeOrder(key=lambda r: r[1]), first=2, after=None, fingerprint="one"
    )
    with pytest.raises(BadUserInput, match="different filter or sort"):
        await merge_page(
            sources,
            MergeOrder(key=lambda r: r[1]),
            first=2,
            after=page.cursors[-1],
            fingerprint="two",
        )
    with pytest.raises(BadUserInput, match="not a cursor"):
        await merge_page(
            sources, MergeOrder(key=lambda r: r[1]), first=2, after="garbage!", fingerprint="one"
        )


async def test_a_store_is_asked_for_no_more_than_it_had_left() -> None:
    # a store's window never reaches past its end (a block there holds nothing)
    short = ListSource("rewards", [("r", v) for v in range(0, 30, 3)])  # 10 records
    long = ListSource("catalog", [("c", v) for v in range(100)])
    seen, pages = await walk([short, long], 8)
    assert len(seen) == 110 and pages == 14
    assert short.fetches[0] == (0, 8)  # no total known yet: the whole page
    assert all(offset + limit <= 10 or limit == 1 for offset, limit in short.fetches[1:])
    assert short.fetches[-1] == (10, 1)  # at its end: one record's worth, for the total
    assert len(short.fetches) == len(long.fetches) == pages  # still one fetch per page


async def test_a_store_that_grew_since_the_page_before_is_asked_again() -> None:
    grows = ListSource("litekart", [("k", v) for v in (1, 2, 3)])
    other = ListSource("catalog", [("c", v) for v in range(10, 20)])
    order = MergeOrder(key=lambda r: r[1])
    page = await merge_page([grows, other], order, first=4, after=None, fingerprint="f")
    assert [r[1] for r in page.records] == [1, 2, 3, 10]
    grows.items += [("k", v) for v in (11, 12, 13)]  # added at the store meanwhile
    page = await merge_page([grows, other], order, first=4, after=page.cursors[-1], fingerprint="f")
    assert [r[1] for r in page.records] == [11, 11, 12, 12]  # nothing skipped
    assert grows.fetches[1:] == [(3, 1), (3, 4)]  # its old end, then the full page


async def test_a_cursor_with_forged_totals_is_refused() -> None:
    forged = encode_merge_cursor({"catalog": 1}, "f", {"catalog": -5})
    with pytest.raises(BadUserInput, match="not a cursor"):
        await merge_page(
            make_sources(1), MergeOrder(key=lambda r: r[1]), first=2, after=forged, fingerprint="f"
        )
