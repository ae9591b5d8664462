"""The cross-store product list: the query, the records stores return, and
what the gateway applies itself where a store cannot.

Every store's product adapter (a ``MergeSource[ProductRecord]`` in
``resolvers.<store>``) pushes down what its API supports and calls
``apply_locally`` for the rest, so all five present the same filtered, sorted
list to the merge.

- **Search** means one thing everywhere: the words, ignoring case, in the product's
  name or its description. A store whose own search means exactly that gets it
  pushed down (Catalog); one whose search matches more (Litestore and Litekart also
  match tags, Litekart SKUs) gets it pushed down and then applied again here; one
  whose search matches less (FreshStore and Rewards search titles only) gets it
  applied here alone, over its whole list.
- **Prices compare in one currency**: the bounds are in ``price_currency`` and every
  price is converted to it at the configured rates (``gateway.fx``) before it is
  compared or sorted; a currency without a rate is refused, never guessed. Reward
  points are not money: a price filter matches none and a price sort puts them last.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from gateway.fx import BASE, RateTable
from gateway.sources import Source

PRICE_FILTER_FIELD = "filter.priceCurrency"
PRICE_SORT_FIELD = "sort"


@dataclass(frozen=True)
class ProductQuery:
    """What ``products(filter, sort)`` asks of every store."""

    search: str | None = None
    category_name: str | None = None
    status: str | None = None  # "active" | "draft" | "archived"
    price_min: Decimal | None = None
    price_max: Decimal | None = None
    price_currency: str = BASE
    sort_field: str = "created_at"
    descending: bool = True
    rates: RateTable = field(default_factory=RateTable)

    @property
    def priced(self) -> bool:
        """Whether the query filters by price."""
        return self.price_min is not None or self.price_max is not None

    def fingerprint_parts(self) -> dict[str, Any]:
        parts = {k: str(v) if v is not None else None for k, v in self.__dict__.items()}
        parts["rates"] = str(sorted(self.rates.rates.items())) + str(self.rates.date)
        return parts

    def bound_in(self, currency: str, bound: Decimal | None) -> Decimal | None:
        """A price bound converted to ``currency`` (for a store that filters itself)."""
        if bound is None:
            return None
        return self.rates.convert(bound, self.price_currency, currency, field=PRICE_FILTER_FIELD)

    def price_of(self, record: ProductRecord, *, field: str = PRICE_FILTER_FIELD) -> Any:
        """The record's price in the query's currency; ``None`` without a money price."""
        if record.price is None or record.currency is None:
            return None
        return self.rates.convert(record.price, record.currency, self.price_currency, field=field)

    def sort_key(self, record: ProductRecord) -> Any:
        if self.sort_field == "name":
            return record.name.casefold()
        if self.sort_field == "price":
            return self.price_of(record, field=PRICE_SORT_FIELD)
        return record.created_at


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
    identifiers: frozenset[str] = frozenset()  # join keys (resolvers.identifiers)
    currency: str | None = BASE  # of ``price``; ``None`` when priced in points
    description: str = ""  # as plain text, for search


def found_by_search(record: ProductRecord, search: str) -> bool:
    """Whether ``search`` (ignoring case) is in the record's name or description."""
    needle = search.casefold()
    return needle in record.name.casefold() or needle in record.description.casefold()


def matches(record: ProductRecord, query: ProductQuery) -> bool:
    """Whether ``record`` passes ``query``'s filters (applied by the gateway)."""
    if query.search and not found_by_search(record, query.search):
        return False
    if query.category_name:
        wanted = query.category_name.casefold()
        if not any(name.casefold() == wanted for name in record.category_names):
            return False
    if query.status and record.status != query.status:
        return False
    if not query.priced:
        return True
    price = query.price_of(record)
    if price is None:
        return False
    if query.price_min is not None and price < query.price_min:
        return False
    return not (query.price_max is not None and price > query.price_max)


def apply_locally(records: Iterable[ProductRecord], query: ProductQuery) -> list[ProductRecord]:
    """Filter and sort records the way the merged list orders them (``None`` last)."""
    kept = [r for r in records if matches(r, query)]
    keyed = [(query.sort_key(r), r) for r in kept]
    present = [(k, r) for k, r in keyed if k is not None]
    missing = [r for k, r in keyed if k is None]
    present.sort(key=lambda pair: pair[0], reverse=query.descending)
    return [r for _, r in present] + missing
