"""The graph's interfaces: ``Node``, ``Sourced``, ``Product``, ``Category``, ``Brand``,
``Order`` and ``OrderItem``.

Every store's types implement them with one type per field, so a product card or an
order row is one fragment on the interface for every store (no aliases, no per-store
fragments); store-specific fields are asked with fragments on the concrete types.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Annotated

import strawberry
from strawberry.types import Info

from gateway.context import GatewayContext
from gateway.fx import shown
from gateway.sources import Source as SourceName
from resolvers.same_item import item_index, same_item_elsewhere
from schema.common import (
    POINTS,
    Availability,
    Image,
    Money,
    OrderStatus,
    ProductIdentifiers,
    ProductStatus,
    Rating,
    Source,
)
from schema.permissions import SensitiveData, sensitive
from schema.prefetch import starts


async def _index(context: GatewayContext, key: str, **_: object) -> object:
    """``sameItemElsewhere``'s read: the request's same-item index, which no key decides,
    so any product's lookup may start it."""
    return await item_index(context)


@strawberry.interface(description="An object with a global id (Relay object identification).")
class Node:
    id: strawberry.ID = strawberry.field(description="Opaque global id: type, store and store id.")


@strawberry.interface(description="Something a store knows by its own id.")
class Sourced:
    source: Source = strawberry.field(description="The store the object comes from.")
    source_id: str = strawberry.field(description="The object's id in its store.")


@strawberry.interface(description="A product category in one store.")
class Category(Node, Sourced):
    name: str = strawberry.field(description="The category's name.")


@strawberry.interface(description="A brand (maker or sponsor) a product is sold under.")
class Brand:
    name: str = strawberry.field(description="The brand's name.")


@strawberry.interface(
    description="A product sold by one of the stores: everything a product card shows, "
    "the same way for every store."
)
class Product(Node, Sourced):
    name: str = strawberry.field(description="The product's name (title).")
    description: str | None = strawberry.field(description="The product's description, as text.")
    price: Money | None = strawberry.field(
        description="What it costs, in the store's currency; reward products cost `POINTS`."
    )
    images: list[Image] = strawberry.field(
        description="The product's images, by absolute URL, with alternative text."
    )
    status: ProductStatus = strawberry.field(description="Published, draft or archived.")
    created_at: datetime | None = strawberry.field(description="When the store created it.")
    updated_at: datetime | None = strawberry.field(description="When the store last changed it.")
    slug: str | None = strawberry.field(
        description="The store's URL-safe handle of the product; null where it has none."
    )
    url: str | None = strawberry.field(
        description="The product's page in the store's shop; null where the store has no "
        "public product pages the gateway knows of."
    )
    identifiers: ProductIdentifiers = strawberry.field(
        description="GTIN/UPC/EAN/MPN, used to find the same item in other stores."
    )
    categories: Sequence[Category] = strawberry.field(
        description="The categories the product is filed under (empty if none)."
    )
    brand: Brand | None = strawberry.field(
        description="The brand it is sold under; null where the store does not say."
    )
    availability: Availability = strawberry.field(
        description="Whether it can be bought now, and how many where the store counts."
    )
    rating: Rating | None = strawberry.field(
        description="Average review score and review count; null where the store has no reviews."
    )

    async def money_price(self, info: Info) -> Money | None:
        """``price`` as a value (types that compute their price override this)."""
        return self.price

    @strawberry.field(
        description="The price converted to `currency` at the configured exchange rates "
        "(`STOREGRAPH_FX_RATES`, the rates the merged list compares prices at), to the "
        "cent; null without a money price (reward points have no rate). A currency "
        "without a rate is refused (`BAD_USER_INPUT`)."
    )
    async def price_in(
        self,
        info: Info,
        currency: Annotated[
            str, strawberry.argument(description="The currency wanted (ISO 4217, e.g. `GBP`).")
        ],
    ) -> Money | None:
        price = await self.money_price(info)
        if price is None or price.currency == POINTS:
            return None
        rates = info.context.settings.rate_table
        wanted = rates.check(currency, field="currency")
        amount = rates.convert(price.amount, price.currency, wanted, field="currency")
        return Money(amount=shown(amount), currency=wanted)

    @strawberry.field(
        description="The same real item in the other stores, joined on identifiers only "
        "(a verified GTIN, or brand and MPN; never the name), from an index of every "
        "store's product list that is as fresh as the cached lists.",
        metadata=starts(_index),
    )
    async def same_item_elsewhere(self, info: Info) -> list[Product]:
        from schema.registry import convert_product

        records = await same_item_elsewhere(
            info.context, SourceName(self.source.value), self.identifiers.keys()
        )
        return [convert_product(record) for record in records]


@strawberry.interface(description="A line of an order: what was bought, how many, for how much.")
class OrderItem:
    name: str | None = strawberry.field(description="The product's name as ordered.")
    quantity: int = strawberry.field(description="How many were ordered.")
    unit_price: Money | None = strawberry.field(description="The price of one.")
    total: Money | None = strawberry.field(description="The line's total.")
    product: Product | None = strawberry.field(
        description="The product ordered; null if the store no longer has it."
    )


@strawberry.interface(
    description="An order in one of the stores: everything an order row shows, the same way "
    "for every store.",
    directives=sensitive(SensitiveData.PEOPLE, SensitiveData.MONEY),
)
class Order(Node, Sourced):
    status: OrderStatus = strawberry.field(
        description="Where the order stands, in the words every store shares."
    )
    store_status: str = strawberry.field(description="The store's own status, as it sent it.")
    created_at: datetime | None = strawberry.field(description="When the store recorded it.")
    placed_at: datetime | None = strawberry.field(description="When the customer placed it.")
    total: Money | None = strawberry.field(
        description="What the order cost; reward orders cost `POINTS`."
    )
    items: Sequence[OrderItem] = strawberry.field(description="The order's lines.")
