"""Types every domain shares: ``Source``, ``Money``, images, availability, ratings,
identifiers, statuses."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

import strawberry

from gateway.sources import Source as SourceName
from resolvers.identifiers import Identifiers
from resolvers.values import parse_datetime, parse_decimal

CENTS = Decimal("0.01")
POINTS = "POINTS"
"""The currency of reward points: Rewards prices and order totals are ``Money`` in
``POINTS``, so one fragment reads every store's price and total. Points have no
exchange rate: they never compare with money (see ``resolvers.fx``)."""

strawberry.enum(SourceName, name="Source", description="The store an object comes from.")
Source = SourceName
"""The stores, as the graph's ``Source`` enum (the same class as ``gateway.sources.Source``)."""


@strawberry.type(
    description="An amount in a currency; never a float. Reward points are a currency "
    "too (`POINTS`), with no exchange rate to money."
)
class Money:
    amount: Decimal = strawberry.field(description="The amount, exactly as the store gave it.")
    currency: str = strawberry.field(
        description="ISO 4217 code in capitals (e.g. `USD`, `GBP`), or `POINTS` for reward points."
    )


def camel(name: str) -> str:
    """A store's ``snake_case`` (or ``kebab-case``) key as the graph's ``camelCase``."""
    head, *rest = [part for part in name.replace("-", "_").split("_") if part] or [""]
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def money(amount: object, currency: str | None = "USD") -> Money | None:
    """``Money`` from an upstream number or string, or ``None`` when absent."""
    value = parse_decimal(amount)
    if value is None or not value.is_finite() or not currency:
        return None
    places = value.as_tuple().exponent  # an int for a finite amount
    if isinstance(places, int) and places > -2:  # JSON numbers lose "22.00"
        value = value.quantize(CENTS)
    return Money(amount=value, currency=currency.upper())


def points(amount: object) -> Money | None:
    """An amount of reward points as ``Money`` in ``POINTS`` (whole numbers)."""
    value = parse_decimal(amount)
    return None if value is None else Money(amount=value, currency=POINTS)


@strawberry.type(description="An image, by absolute URL, with the text to show in its place.")
class Image:
    url: str = strawberry.field(description="Absolute URL of the image.")
    alt: str | None = strawberry.field(
        description="Alternative text: the store's, or the product's name where the store "
        "gives none."
    )


def images_of(urls: list[tuple[str, str | None]], fallback_alt: str | None) -> list[Image]:
    """``Image``s from ``(url, alt)`` pairs; a missing alt text becomes ``fallback_alt``."""
    return [Image(url=url, alt=alt or fallback_alt) for url, alt in urls if url]


@strawberry.enum(description="Whether a product can be bought (or redeemed) now.")
class AvailabilityStatus(Enum):
    IN_STOCK = strawberry.enum_value("in_stock", description="Can be bought now.")
    OUT_OF_STOCK = strawberry.enum_value(
        "out_of_stock", description="Cannot be bought now: no stock, expired or withdrawn."
    )
    PREORDER = strawberry.enum_value(
        "preorder", description="Announced but not yet available (e.g. a reward before its start)."
    )
    UNKNOWN = strawberry.enum_value("unknown", description="The store does not say.")


@strawberry.type(description="Whether a product is in stock, and how many where the store counts.")
class Availability:
    status: AvailabilityStatus = strawberry.field(description="In stock, out of stock, ….")
    quantity: int | None = strawberry.field(
        description="Units available, where the store counts them; null otherwise."
    )


def unknown_availability() -> Availability:
    """The availability of a product whose store does not say."""
    return Availability(status=AvailabilityStatus.UNKNOWN, quantity=None)


def stock_availability(quantity: object) -> Availability:
    """Availability from a stock count: in stock above zero; unknown without a count."""
    if isinstance(quantity, bool) or not isinstance(quantity, int):
        return unknown_availability()
    status = AvailabilityStatus.IN_STOCK if quantity > 0 else AvailabilityStatus.OUT_OF_STOCK
    return Availability(status=status, quantity=quantity)


@strawberry.type(description="What reviewers think of a product: the average score and how many.")
class Rating:
    average: float | None = strawberry.field(
        description="Average review score from 0 to 5; null without reviews."
    )
    count: int = strawberry.field(description="How many reviews the average is over.")


@strawberry.enum(description="Where a product stands in its store's lifecycle.")
class ProductStatus(Enum):
    _value_: str  # each member's value is the string given to enum_value
    ACTIVE = strawberry.enum_value("active", description="Published: shoppers see it.")
    DRAFT = strawberry.enum_value("draft", description="Not published yet (or disabled).")
    ARCHIVED = strawberry.enum_value("archived", description="Withdrawn or expired.")


@strawberry.enum(description="Sort direction.")
class SortDirection(Enum):
    ASC = strawberry.enum_value("asc", description="Smallest (or earliest, or A) first.")
    DESC = strawberry.enum_value("desc", description="Largest (or latest, or Z) first.")


@strawberry.enum(
    description="Where an order stands, the same words for every store (each store's own "
    "status is `storeStatus`)."
)
class OrderStatus(Enum):
    _value_: str  # each member's value is the string given to enum_value
    PENDING = strawberry.enum_value("pending", description="Placed; awaiting payment or review.")
    PAID = strawberry.enum_value("paid", description="Paid; not yet being prepared.")
    PROCESSING = strawberry.enum_value("processing", description="Being prepared.")
    SHIPPED = strawberry.enum_value("shipped", description="On its way.")
    COMPLETED = strawberry.enum_value(
        "completed", description="Delivered or fulfilled (a reward order the store fulfilled)."
    )
    CANCELLED = strawberry.enum_value(
        "cancelled", description="Will not be fulfilled: cancelled, or rejected by the store."
    )
    REFUNDED = strawberry.enum_value("refunded", description="Paid back.")
    UNKNOWN = strawberry.enum_value("unknown", description="A status the gateway does not know.")


@dataclass(frozen=True)
class StatusMap:
    """One store's order statuses ↔ the shared ``OrderStatus`` (store words as sent)."""

    to_shared: dict[str, OrderStatus]

    def shared(self, store_status: object) -> OrderStatus:
        return self.to_shared.get(str(store_status), OrderStatus.UNKNOWN)

    def store(self, status: OrderStatus) -> list[str]:
        """The store's statuses that map to ``status`` (empty: none can match)."""
        return [raw for raw, shared in self.to_shared.items() if shared is status]


@strawberry.type(
    description="The trade identifiers of a product, one shape for every store; the same "
    "item is found in other stores by these (never by name)."
)
class ProductIdentifiers:
    gtin: str | None = strawberry.field(
        description="The GTIN (EAN-13, UPC-A, GTIN-8/14, ISBN-13) as 14 digits, GS1's "
        "canonical form; null unless the store's barcode has a valid check digit."
    )
    mpn: str | None = strawberry.field(description="The manufacturer's part number.")
    isbn: str | None = strawberry.field(description="The ISBN, as the store gives it.")
    sku: str | None = strawberry.field(description="The store's stock-keeping unit.")
    upc: str | None = strawberry.field(
        default=None,
        description="The UPC-A as the store gives it.",
        deprecation_reason="Use `gtin` (a UPC-A is a GTIN-12, shown as 14 digits).",
    )
    ean: str | None = strawberry.field(
        default=None,
        description="The EAN-13 as the store gives it.",
        deprecation_reason="Use `gtin` (an EAN-13 is a GTIN-13, shown as 14 digits).",
    )
    join_keys: strawberry.Private[frozenset[str]] = frozenset()

    @staticmethod
    def of(ids: Identifiers, *, upc: object = None, ean: object = None) -> ProductIdentifiers:
        return ProductIdentifiers(
            gtin=ids.gtin,
            mpn=ids.mpn,
            isbn=ids.isbn,
            sku=ids.sku,
            upc=str(upc) if upc else None,
            ean=str(ean) if ean else None,
            join_keys=ids.keys,
        )

    def keys(self) -> frozenset[str]:
        """The keys that join the same item across stores (``resolvers.identifiers``)."""
        return self.join_keys


__all__ = [
    "POINTS",
    "Availability",
    "AvailabilityStatus",
    "Image",
    "Money",
    "OrderStatus",
    "ProductIdentifiers",
    "ProductStatus",
    "Rating",
    "SortDirection",
    "Source",
    "StatusMap",
    "camel",
    "images_of",
    "money",
    "parse_datetime",
    "points",
    "stock_availability",
    "unknown_availability",
]
