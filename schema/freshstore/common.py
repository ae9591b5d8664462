"""What the FreshStore types share: ids, SEO metadata, money, connections, and reading
the query's selection to push ``include=`` down."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from enum import Enum
from typing import Any, TypeVar

import strawberry
from strawberry.types import Info

from gateway.sources import Source as SourceName
from resolvers.cursors import DEFAULT_PAGE_SIZE, Window, page_window
from resolvers.freshstore.catalogue import include_key
from schema import selection
from schema.common import Money, money
from schema.connection import Connection, offset_connection
from schema.ids import encode_id, optional_store_id, store_id

SOURCE = SourceName.FRESHSTORE
REPORTING_CURRENCY = "USD"
"""FreshStore reports analytics revenue and click prices without a currency; its
default country is the US, so they are dollars."""

T = TypeVar("T")
R = TypeVar("R")

__all__ = ["DEFAULT_PAGE_SIZE", "Connection"]


def gid(type_name: str, source_id: object) -> strawberry.ID:
    return strawberry.ID(encode_id(type_name, SOURCE.value, source_id))


def id_argument(value: object, type_name: str, field: str = "id") -> str:
    """A FreshStore id from an id argument (``schema.ids.store_id``: a global id of
    ``type_name`` or the store's numeric id; anything else is ``BAD_USER_INPUT``)."""
    return store_id(value, type_name, SOURCE, field=field)


def filter_id(value: object, type_name: str, field: str) -> str | None:
    """Like :func:`id_argument` for an optional filter field (``None`` when left out)."""
    return optional_store_id(value, type_name, SOURCE, field=field)


def given(value: Any) -> Any:
    """``None`` for an argument left out."""
    if value is strawberry.UNSET:
        return None
    return value.value if isinstance(value, Enum) else value


@strawberry.type(name="FreshStoreMeta", description="SEO metadata of a FreshStore page.")
class Meta:
    title: str | None
    keywords: str | None
    description: str | None


def meta_of(raw: dict[str, Any]) -> Meta:
    return Meta(
        title=raw.get("meta_title"),
        keywords=raw.get("meta_keywords"),
        description=raw.get("meta_description"),
    )


def usd(amount: object) -> Money | None:
    return money(amount, REPORTING_CURRENCY)


def decimal_of(value: object) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def strings(values: Iterable[Any] | None) -> list[str]:
    return [str(v) for v in values or () if v is not None]


def percent(value: object) -> float | None:
    """``"27%"`` → ``27.0``."""
    if value is None:
        return None
    try:
        return float(str(value).strip().rstrip("%"))
    except ValueError:
        return None


def window(first: int, after: str | None) -> Window:
    return page_window(first, after)


def connection(
    items: Sequence[R], offset: int, total: int | None, convert: Callable[[R], T]
) -> Connection[T]:
    return offset_connection(items, offset, total, convert)


def item_selection(info: Info) -> set[str]:
    """Field names selected on the items of the list or connection being resolved."""
    return set(selection.items(info))


def object_selection(info: Info) -> set[str]:
    """Field names selected below the object field being resolved."""
    return set(selection.tree(info))


OFFER_FIELDS = {"price", "availability"}
"""Product fields computed from the offers."""


def product_includes(names: set[str]) -> str:
    """The ``include=`` a product selection needs (price and availability come from
    the offers)."""
    return include_key(names | ({"offers"} if names & OFFER_FIELDS else set()))
