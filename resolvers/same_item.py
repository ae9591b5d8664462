"""``Product.sameItemElsewhere``: the same real item in the other stores.

Each store's finder searches its catalogue by the item's name (de-duplicated per
request through a loader) and the gateway keeps only results that share a
normalised GTIN/UPC/EAN/MPN with the product — a name alone never joins.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from gateway.context import GatewayContext
from gateway.errors import GatewayError
from gateway.sources import Source
from resolvers.products import ProductRecord

Finder = Callable[[GatewayContext, str], Awaitable[list[ProductRecord]]]
"""Searches one store for products named like the given name."""

FINDERS: dict[Source, Finder] = {}


def register_finder(source: Source, finder: Finder) -> None:
    FINDERS[source] = finder


async def same_item_elsewhere(
    context: GatewayContext,
    source: Source,
    name: str,
    identifiers: frozenset[str],
    path: list[str | int] | None = None,
) -> list[ProductRecord]:
    """Products of the other stores sharing an identifier with this one."""
    if not identifiers:
        return []
    others = [s for s in Source if s is not source and s in FINDERS]
    results = await asyncio.gather(
        *(FINDERS[s](context, name) for s in others), return_exceptions=True
    )
    found: list[ProductRecord] = []
    for result in results:
        if isinstance(result, GatewayError):
            context.report(result, path)
            continue
        if isinstance(result, BaseException):
            raise result
        found.extend(r for r in result if r.identifiers & identifiers)
    return found
