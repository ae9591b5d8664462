"""Catalog's types: ``CatalogProduct`` (inventory, attributes) and ``CatalogCategory``
(a tree), under the ``catalog`` root."""

from __future__ import annotations

import json
from datetime import datetime
from enum import Enum
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from gateway.errors import BadUserInput
from gateway.sources import Source as SourceName
from resolvers import catalog as fetch
from resolvers.cursors import DEFAULT_PAGE_SIZE, page_window
from resolvers.derived import per_object
from resolvers.products import ProductRecord
from schema.common import (
    Availability,
    ProductIdentifiers,
    ProductStatus,
    Rating,
    SortDirection,
    camel,
    images_of,
    money,
    parse_datetime,
    stock_availability,
)
from schema.connection import Connection, offset_connection
from schema.ids import encode_id, optional_store_id, store_id
from schema.interfaces import Brand, Category, Product
from schema.partial import or_default
from schema.prefetch import start_selected
from schema.refusals import asked
from schema.registry import NodeKind, ProductKind, register_node, register_products

SOURCE = SourceName.CATALOG


@strawberry.type(description="Units on hand: available to sell, reserved, and in total.")
class CatalogInventory:
    available: int
    reserved: int
    total: int


@strawberry.type(description="The brand a Catalog product names in its attributes.")
class CatalogBrand(Brand):
    pass


@strawberry.type(description="One of a Catalog product's free-form attributes (color, size, …).")
class CatalogAttribute:
    key: str = strawberry.field(
        description="The attribute's name, camelCase (`batteryLife` for the store's "
        "`battery_life`)."
    )
    value: str = strawberry.field(description="Its value, as text.")


def attributes_of(attributes: dict[str, Any]) -> list[CatalogAttribute]:
    return [
        CatalogAttribute(key=camel(str(k)), value=v if isinstance(v, str) else json.dumps(v))
        for k, v in attributes.items()
        if v is not None
    ]


@strawberry.type(description="A product image.")
class CatalogImage:
    url: str
    alt: str | None
    is_primary: bool


@strawberry.type(description="A category of the Catalog store's tree.")
class CatalogCategory(Category):
    description: str | None
    level: int
    path: list[str] = strawberry.field(description="Ids from the top-level category down.")
    product_count: int | None
    created_at: datetime | None
    parent_id: strawberry.Private[str | None]

    @staticmethod
    def from_json(data: dict[str, Any]) -> CatalogCategory:
        return CatalogCategory(
            id=strawberry.ID(encode_id("CatalogCategory", SOURCE.value, data["id"])),
            source=SOURCE,
            source_id=data["id"],
            name=data["name"],
            description=data.get("description"),
            level=data.get("level", 1),
            path=list(data.get("path") or [data["id"]]),
            product_count=data.get("product_count", 0),
            created_at=parse_datetime(data.get("created_at")),
            parent_id=data.get("parent_id"),
        )

    @strawberry.field
    async def parent(self, info: Info) -> CatalogCategory | None:
        if not self.parent_id:
            return None
        found = (await fetch.categories(info.context)).get(self.parent_id)
        return CatalogCategory.from_json(found) if found else None

    @strawberry.field
    async def children(self, info: Info) -> list[CatalogCategory] | None:
        every = await fetch.categories(info.context)
        return [
            CatalogCategory.from_json(c) for c in every.values() if c["parent_id"] == self.source_id
        ]

    @strawberry.field(description="Products filed directly under this category.")
    async def products(
        self,
        info: Info,
        first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
        status: Annotated[
            ProductStatus | None, strawberry.argument(description="Only products in this status.")
        ] = None,
        sort: CatalogProductSort | None = None,
    ) -> Connection[CatalogProduct] | None:
        s = sort or CatalogProductSort()
        params: dict[str, Any] = {
            "category_id": self.source_id,
            "sort": s.field.value,
            "order": s.direction.value,
        }
        if status is not None:
            params["status"] = status.value
        return await _product_connection(info, params, first, after)


@strawberry.type(description="A product of the Catalog store (E-Commerce Product API v1).")
class CatalogProduct(Product):
    currency: str | None = strawberry.field(
        deprecation_reason="Use `price { currency }` (the same on every product type)."
    )
    inventory: CatalogInventory
    attributes: list[CatalogAttribute] = strawberry.field(
        description="The product's free-form attributes (color, size, …) as key/value pairs."
    )
    image_details: list[CatalogImage] = strawberry.field(
        deprecation_reason="Use `images` (URL and alt text, on every product type)."
    )
    brand: CatalogBrand | None = strawberry.field(
        description="The brand named by the product's `attributes.brand`."
    )
    availability: Availability = strawberry.field(
        description="From `inventory.available` (units available to sell)."
    )
    slug: str | None = strawberry.field(default=None, description="Always null: none in Catalog.")
    url: str | None = strawberry.field(default=None, description="Always null: none in Catalog.")
    rating: Rating | None = strawberry.field(
        default=None, description="Always null: Catalog keeps no reviews."
    )
    category_id: strawberry.Private[str]

    @staticmethod
    @per_object
    def from_json(data: dict[str, Any]) -> CatalogProduct:
        attributes = data.get("attributes") or {}
        images = data.get("images") or []
        inventory = data.get("inventory") or {}
        brand = attributes.get("brand")
        return CatalogProduct(
            id=strawberry.ID(encode_id("CatalogProduct", SOURCE.value, data["id"])),
            source=SOURCE,
            source_id=data["id"],
            name=data["name"],
            description=data.get("description"),
            price=money(data.get("price"), data.get("currency") or "USD"),
            images=images_of([(i.get("url"), i.get("alt")) for i in images], data["name"]),
            status=ProductStatus(data.get("status", "active")),
            created_at=parse_datetime(data.get("created_at")),
            identifiers=ProductIdentifiers.of(fetch.product_identifiers(data)),
            currency=data.get("currency") or "USD",
            inventory=CatalogInventory(
                available=inventory.get("available", 0),
                reserved=inventory.get("reserved", 0),
                total=inventory.get("total", 0),
            ),
            availability=stock_availability(inventory.get("available")),
            attributes=attributes_of(attributes),
            image_details=[
                CatalogImage(url=i["url"], alt=i.get("alt"), is_primary=bool(i.get("is_primary")))
                for i in images
            ],
            brand=CatalogBrand(name=str(brand)) if brand else None,
            updated_at=parse_datetime(data.get("updated_at")),
            category_id=data["category"]["id"],
        )

    @strawberry.field(
        deprecation_reason="Use `categories` (the same category, on every product type)."
    )
    async def category(self, info: Info) -> CatalogCategory | None:
        found = (await fetch.categories(info.context)).get(self.category_id)
        return CatalogCategory.from_json(found) if found else None

    async def _categories(self, info: Info) -> list[CatalogCategory]:
        found = await or_default(info, fetch.category(info.context, self.category_id), None)
        return [CatalogCategory.from_json(found)] if found else []

    categories: list[CatalogCategory] = strawberry.field(
        resolver=_categories,
        description="The product's category (Catalog files a product under one; from the "
        "category list, read once per request).",
    )


@strawberry.enum(description="What Catalog can sort products by.")
class CatalogSortField(Enum):
    CREATED_AT = "created_at"
    UPDATED_AT = "updated_at"
    PRICE = "price"
    NAME = "name"


@strawberry.input(description="Catalog product filters (all pushed down to the store).")
class CatalogProductFilter:
    category_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only this category's products (global or Catalog id)."
    )
    status: ProductStatus | None = None
    search: str | None = None


@strawberry.input
class CatalogProductSort:
    field: CatalogSortField = CatalogSortField.CREATED_AT
    direction: SortDirection = SortDirection.DESC


async def _product_connection(
    info: Info, params: dict[str, Any], first: int, after: str | None
) -> Connection[CatalogProduct]:
    window = page_window(first, after)
    items, total = await asked(
        info, fetch.product_window(info.context, params, window.offset, window.limit)
    )
    return offset_connection(items, window.offset, total, CatalogProduct.from_json)


@strawberry.type(description="The Catalog store: products with inventory over a category tree.")
class CatalogQuery:
    @strawberry.field
    async def products(
        self,
        info: Info,
        filter: CatalogProductFilter | None = None,
        sort: CatalogProductSort | None = None,
        first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[CatalogProduct] | None:
        f = filter or CatalogProductFilter()
        s = sort or CatalogProductSort()
        params: dict[str, Any] = {"sort": s.field.value, "order": s.direction.value}
        category = optional_store_id(
            f.category_id, "CatalogCategory", SOURCE, field="filter.categoryId"
        )
        if category:
            params["category_id"] = category
        if f.status:
            params["status"] = f.status.value
        if f.search:
            params["search"] = f.search
        return await _product_connection(info, params, first, after)

    @strawberry.field
    async def product(self, info: Info, id: strawberry.ID) -> CatalogProduct | None:
        sid = store_id(id, "CatalogProduct", SOURCE, field="id")
        start_selected(info, sid)
        found = await fetch.product(info.context, sid)
        return CatalogProduct.from_json(found) if found else None

    @strawberry.field(
        description="Categories, parents before children; with `parentId`, only that "
        "category's direct children. An unknown parent is refused (`BAD_USER_INPUT`), as "
        "the store refuses it (`invalid_category_id`)."
    )
    async def categories(
        self,
        info: Info,
        parent_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(description="The parent category (global or Catalog id)."),
        ] = None,
        first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[CatalogCategory] | None:
        window = page_window(first, after)
        parent = optional_store_id(parent_id, "CatalogCategory", SOURCE, field="parentId")
        every = list((await fetch.categories(info.context)).values())
        if parent is not None:
            if await fetch.category(info.context, parent) is None:
                raise BadUserInput(
                    f"`parentId`: Catalog has no category {parent!r}.", field="parentId"
                )
            every = [c for c in every if c["parent_id"] == parent]
        page = every[window.offset : window.offset + window.limit]
        return offset_connection(page, window.offset, len(every), CatalogCategory.from_json)

    @strawberry.field
    async def category(self, info: Info, id: strawberry.ID) -> CatalogCategory | None:
        found = await fetch.category(
            info.context, store_id(id, "CatalogCategory", SOURCE, field="id")
        )
        return CatalogCategory.from_json(found) if found else None

    @strawberry.field(description="The top-level categories; follow `children` down the tree.")
    async def category_tree(self, info: Info) -> list[CatalogCategory] | None:
        every = await fetch.categories(info.context)
        return [CatalogCategory.from_json(c) for c in every.values() if not c["parent_id"]]


@strawberry.type
class Query:
    @strawberry.field(description="The Catalog store (E-Commerce Product API v1).")
    def catalog(self) -> CatalogQuery:
        return CatalogQuery()


def _convert_record(record: ProductRecord) -> CatalogProduct:
    return CatalogProduct.from_json(record.data)


register_node("CatalogProduct", NodeKind(fetch=fetch.product, convert=CatalogProduct.from_json))
register_node("CatalogCategory", NodeKind(fetch=fetch.category, convert=CatalogCategory.from_json))
register_products(SOURCE, ProductKind(adapter=fetch.CatalogProducts, convert=_convert_record))

TYPES = [CatalogProduct, CatalogCategory, CatalogBrand]
