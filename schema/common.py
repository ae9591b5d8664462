"""Types every domain shares: ``Source``, ``Money``, identifiers, statuses."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from enum import Enum

import strawberry

from gateway.sources import Source as SourceName
from resolvers.products import identifier_keys

Source = strawberry.enum(SourceName, name="Source", description="The store an object comes from.")


@strawberry.type(description="An amount of money in a currency; never a float.")
class Money:
    amount: Decimal
    currency: str


def money(amount: object, currency: str | None = "USD") -> Money | None:
    """``Money`` from an upstream number or string, or ``None`` when absent."""
    if amount is None or currency is None:
        return None
    try:
        value = Decimal(str(amount))
    except InvalidOperation:
        return None
    return Money(amount=value, currency=currency.upper())


@strawberry.enum(description="Where a product stands in its store's lifecycle.")
class ProductStatus(Enum):
    ACTIVE = "active"
    DRAFT = "draft"
    ARCHIVED = "archived"


@strawberry.enum(description="Sort direction.")
class SortDirection(Enum):
    ASC = "asc"
    DESC = "desc"


@strawberry.type(description="Global trade identifiers the same item carries in every store.")
class ProductIdentifiers:
    gtin: str | None = None
    upc: str | None = None
    ean: str | None = None
    mpn: str | None = None

    def keys(self) -> frozenset[str]:
        """Normalised values used to join the same item across stores."""
        return identifier_keys(gtin=self.gtin, upc=self.upc, ean=self.ean, mpn=self.mpn)


def parse_datetime(value: object) -> datetime | None:
    """An upstream ISO-8601 timestamp (``Z`` or offset) as an aware datetime."""
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
