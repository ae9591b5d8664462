"""``Product.sameItemElsewhere``: the same real item in the other stores, by
identifiers only.

The index is built from every store's product list — the ordinary list reads,
through the shared response cache, so it is exactly as fresh as any cached data
(store TTLs, ``ETag`` revalidation, invalidation by writes and events) — once per
request that asks for it. Products sharing a join key (a verified GTIN, or brand and
MPN: ``resolvers.identifiers``) are one item; the relation is transitive, so a store
that gives only a GTIN still meets one that gives only brand and MPN through a third
that gives both. Names never decide: a product renamed at its store keeps its matches.

Each store registers a ``Lister`` — every product it sells, as records carrying the
store's own product JSON, so a match converts without another call. A store that
fails is left out of the index and its error is reported beside the data.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import Any

from gateway.context import GatewayContext
from gateway.errors import GatewayError
from gateway.sources import Source
from resolvers.products import ProductRecord

Lister = Callable[[GatewayContext], Awaitable[list[ProductRecord]]]
"""Every product of one store, with its join keys."""

LISTERS: dict[Source, Lister] = {}


def register_lister(source: Source, lister: Lister) -> None:
    LISTERS[source] = lister


class ItemIndex:
    """Join key → the products (of every store) that are one item with it."""

    def __init__(self, records: Iterable[ProductRecord]) -> None:
        self.records = list(records)
        parent = list(range(len(self.records)))

        def root(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        first_with: dict[str, int] = {}
        for i, item in enumerate(self.records):
            for key in item.identifiers:
                j = first_with.setdefault(key, i)
                parent[root(i)] = root(j)
        self._groups: dict[int, list[ProductRecord]] = {}
        for i, item in enumerate(self.records):
            self._groups.setdefault(root(i), []).append(item)
        self._group_of = {key: root(i) for key, i in first_with.items()}

    def same_item(self, keys: Iterable[str]) -> list[ProductRecord]:
        """Every product that is one item with any of ``keys`` (in index order)."""
        groups = {self._group_of[k] for k in keys if k in self._group_of}
        return [r for g in sorted(groups) for r in self._groups[g]]


async def item_index(context: GatewayContext) -> ItemIndex:
    """The request's index (built once, however many products ask)."""

    async def build(keys: Sequence[Any]) -> list[ItemIndex]:
        sources = [s for s in Source if s in LISTERS]
        results = await asyncio.gather(
            *(LISTERS[s](context) for s in sources), return_exceptions=True
        )
        records: list[ProductRecord] = []
        for result in results:
            if isinstance(result, GatewayError):
                context.report(result)  # the index serves many fields: no one path
            elif isinstance(result, BaseException):
                raise result
            else:
                records.extend(result)
        index = ItemIndex(records)
        return [index for _ in keys]

    return await context.loader("same_item.index", build).load("index")


async def same_item_elsewhere(
    context: GatewayContext, source: Source, keys: frozenset[str]
) -> list[ProductRecord]:
    """The products of the other stores that are the same item as this one."""
    if not keys:
        return []
    index = await item_index(context)
    return [r for r in index.same_item(keys) if r.source is not source]
