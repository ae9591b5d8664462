"""The graph's interfaces: ``Node``, ``Product``, ``Category``, ``Order``.

Every store's types implement them, so a client can query any product, category
or order the same way and ask for store-specific fields with fragments.
"""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from gateway.sources import Source as SourceName
from resolvers.same_item import same_item_elsewhere
from schema.common import Money, ProductIdentifiers, ProductStatus, Source
from schema.permissions import SensitiveData, sensitive


@strawberry.interface(description="An object with a global id (Relay object identification).")
class Node:
    id: strawberry.ID = strawberry.field(description="Opaque global id: type, store and store id.")


@strawberry.interface(description="Something a store knows by its own id.")
class Sourced:
    source: Source
    source_id: str = strawberry.field(description="The object's id in its store.")


@strawberry.interface(description="A product category in one store.")
class Category(Node, Sourced):
    name: str


@strawberry.interface(description="A product sold by one of the stores.")
class Product(Node, Sourced):
    name: str
    description: str | None
    price: Money | None = strawberry.field(
        description="Price in money; null where the store prices in points (see RewardProduct)."
    )
    images: list[str]
    status: ProductStatus
    created_at: datetime | None
    identifiers: ProductIdentifiers = strawberry.field(
        description="GTIN/UPC/EAN/MPN, used to find the same item in other stores."
    )

    @strawberry.field(
        description="The same real item (shared GTIN/UPC/EAN/MPN) as sold by the other stores."
    )
    async def same_item_elsewhere(self, info: Info) -> list[Product]:
        from schema.registry import convert_product

        records = await same_item_elsewhere(
            info.context, SourceName(self.source.value), self.name, self.identifiers.keys()
        )
        return [convert_product(record) for record in records]


@strawberry.interface(
    description="An order in one of the stores.",
    directives=sensitive(SensitiveData.PEOPLE, SensitiveData.MONEY),
)
class Order(Node, Sourced):
    status: str = strawberry.field(description="The store's own status, lower-case.")
    created_at: datetime | None
    total: Money | None
