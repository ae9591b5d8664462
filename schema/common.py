"""Types every domain shares: ``Source``, ``Money``, identifiers, statuses."""

from __future__ import annotations

from decimal import Decimal
from enum import Enum

import strawberry

from gateway.sources import Source as SourceName
from resolvers.products import identifier_keys
from resolvers.values import parse_datetime, parse_decimal

CENTS = Decimal("0.01")

Source = strawberry.enum(SourceName, name="Source", description="The store an object comes from.")


@strawberry.type(description="An amount of money in a currency; never a float.")
class Money:
    amount: Decimal
    currency: str


def money(amount: object, currency: str | None = "USD") -> Money | None:
    """``Money`` from an upstream number or string, or ``None`` when absent."""
    value = parse_decimal(amount)
    if value is None or not currency:
        return None
    if value.as_tuple().exponent > CENTS.as_tuple().exponent:  # JSON numbers lose "22.00"
        value = value.quantize(CENTS)
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


__all__ = [
    "Money",
    "ProductIdentifiers",
    "ProductStatus",
    "SortDirection",
    "Source",
    "money",
    "parse_datetime",
]
