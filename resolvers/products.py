"""The cross-store product list: the query, the records stores return, and
what the gateway applies itself where a store cannot.

Every store's product adapter (a ``MergeSource[ProductRecord]`` in
``resolvers.<store>``) pushes down what its API supports and calls
``apply_locally`` for the rest, so all five present the same filtered, sorted
list to the merge.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from gateway.sources import Source


@dataclass(frozen=True)
class ProductQuery:
    """What ``products(filter, sort)`` asks of every store."""

    search: str | None = None
    category_name: str | None = None
    status: str | None = None  # "active" | "draft" | "archived"
    price_min: Decimal | None = None
    price_max: Decimal | None = None
    sort_field: str = "created_at"
    descending: bool = True

    def fingerprint_parts(self) -> dict[str, Any]:
        return {k: str(v) if v is not None else None for k, v in self.__dict__.items()}


@dataclass(frozen=True)
class ProductRecord:
    """One store's product, with the normalised values the gateway merges on."""

    source: Source
    data: dict[str, Any]  # the store's own product JSON
    name: str
    price: Decimal | None
    created_at: datetime | None
    category_names: tuple[str, ...] = ()
    status: str = "active"
    identifiers: frozenset[str] = frozenset()  # normalised "gtin:…" / "mpn:…" keys

    def sort_key(self, field: str) -> Any:
        if field == "name":
            return self.name.casefold()
        if field == "price":
            return self.price
        return self.created_at


_NON_DIGITS = re.compile(r"\D+")


def identifier_keys(
    *, gtin: object = None, upc: object = None, ean: object = None, mpn: object = None
) -> frozenset[str]:
    """Normalised join keys: GTIN-family codes as 14 digits, MPNs upper-cased."""
    keys = []
    for code in (gtin, upc, ean):
        if code:
            digits = _NON_DIGITS.sub("", str(code))
            if digits:
                keys.append("gtin:" + digits.zfill(14))
    if mpn:
        part = str(mpn).strip()
        if part:
            keys.append("mpn:" + part.upper())
    return frozenset(keys)


def matches(record: ProductRecord, query: ProductQuery) -> bool:
    """Whether ``record`` passes ``query``'s filters (applied by the gateway)."""
    if query.search:
        needle = query.search.casefold()
        haystack = (record.name + " " + str(record.data.get("description") or "")).casefold()
        if needle not in haystack:
            return False
    if query.category_name:
        wanted = query.category_name.casefold()
        if not any(name.casefold() == wanted for name in record.category_names):
            return False
    if query.status and record.status != query.status:
        return False
    if query.price_min is not None and (record.price is None or record.price < query.price_min):
        return False
    return not (
        query.price_max is not None and (record.price is None or record.price > query.price_max)
    )


def apply_locally(records: Iterable[ProductRecord], query: ProductQuery) -> list[ProductRecord]:
    """Filter and sort records the way the merged list orders them (``None`` last)."""
    kept = [r for r in records if matches(r, query)]
    present = [r for r in kept if r.sort_key(query.sort_field) is not None]
    missing = [r for r in kept if r.sort_key(query.sort_field) is None]
    present.sort(key=lambda r: r.sort_key(query.sort_field), reverse=query.descending)
    return present + missing
