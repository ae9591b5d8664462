"""FreshStore's catalogue types: ``FreshStoreProduct``, ``Offer``, ``FreshStoreBrand``,
``FreshStoreCategory`` (a tree), product analytics and merchants.

Plain values are dataclass fields filled by the converters; only relations that may
need a call have resolvers, and those read what ``include=`` already brought first.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry
from strawberry.types import Info

from resolvers.derived import per_object
from resolvers.freshstore import catalogue as fetch
from resolvers.freshstore.fetch import STORE_DATA
from resolvers.freshstore.merged import product_identifiers, product_record
from resolvers.products import ProductRecord
from resolvers.values import parse_datetime
from schema.common import (
    Availability,
    AvailabilityStatus,
    Money,
    ProductIdentifiers,
    ProductStatus,
    Rating,
    Source,
    images_of,
    money,
)
from schema.connection import Connection
from schema.freshstore.common import (
    DEFAULT_PAGE_SIZE,
    Meta,
    connection,
    gid,
    item_selection,
    meta_of,
    product_includes,
    strings,
    window,
)
from schema.interfaces import Brand, Category, Node, Product, Sourced
from schema.partial import or_default
from schema.permissions import SensitiveData, requires, sensitive

Json = dict[str, Any]


@strawberry.type(
    description="Visits and clicks of one FreshStore product.",
    directives=sensitive(SensitiveData.OPERATIONS),
)
class FreshStoreProductAnalytics:
    visits: int = strawberry.field(description="Total page views (`analytics_visits`).")
    total_clicks: int
    affiliate_clicks: int


@strawberry.type(description="A merchant whose offers the FreshStore shows (enabled in settings).")
class FreshStoreMerchant:
    key: str = strawberry.field(description="The merchant's key, e.g. `amazon`.")
    name: str


@strawberry.type(description="A FreshStore product: an editorial page comparing merchants' offers.")
class FreshStoreProduct(Product):
    raw: strawberry.Private[Json]
    subtitle: str | None
    link_title: str | None
    content: str | None = strawberry.field(description="HTML content.")
    content_bottom: str | None = strawberry.field(description="HTML shown below the content.")
    highlights: list[str] = strawberry.field(description="Key features / bullet points.")
    summary: str | None
    meta: Meta
    review_quantity: int = strawberry.field(
        description="How many reviews.", deprecation_reason="Use `rating { count }`."
    )
    review_score: float | None = strawberry.field(
        description="Average review score, 0 to 5.", deprecation_reason="Use `rating { average }`."
    )
    enabled: bool
    in_sitemap: bool
    analytics_visits: int = strawberry.field(description="Total page views.")
    image: str | None = strawberry.field(
        description="The main image URL.", deprecation_reason="Use `images { url alt }`."
    )
    upc: str | None = strawberry.field(
        description="The UPC as the store gives it.",
        deprecation_reason="Use `identifiers { gtin }`.",
    )
    ean: str | None = strawberry.field(
        description="The EAN as the store gives it.",
        deprecation_reason="Use `identifiers { gtin }`.",
    )
    isbn: str | None = strawberry.field(
        description="The ISBN.", deprecation_reason="Use `identifiers { isbn }`."
    )
    mpn: str | None = strawberry.field(
        description="The manufacturer's part number.",
        deprecation_reason="Use `identifiers { mpn }`.",
    )
    updated_at: datetime | None

    async def _price(self, info: Info) -> Money | None:
        return await self.money_price(info)

    price: Money | None = strawberry.field(
        resolver=_price,
        description="The lowest price among the product's in-stock, enabled offers, in "
        "that offer's currency (offers compare within one currency: USD when any such "
        "offer is in USD, else the alphabetically first). Null without such an offer. "
        "Selecting it fetches the offers with the product (`include=offers`).",
    )

    async def money_price(self, info: Info) -> Money | None:
        offers = await fetch.product_offers(info.context, self.raw)
        lowest = fetch.lowest_offer_price(offers)
        return None if lowest is None else money(lowest[0], lowest[1])

    async def _brand(self, info: Info) -> FreshStoreBrand | None:
        raw = await fetch.product_brand(info.context, self.raw)
        return None if raw is None else brand_of(raw)

    brand: FreshStoreBrand | None = strawberry.field(
        resolver=_brand,
        description="The product's brand.",
    )

    async def _availability(self, info: Info) -> Availability:
        offers = await or_default(info, fetch.product_offers(info.context, self.raw), None)
        if offers is None:  # the offers could not be read (reported beside the data)
            return Availability(status=AvailabilityStatus.UNKNOWN, quantity=None)
        in_stock = fetch.offers_in_stock(offers)
        status = AvailabilityStatus.IN_STOCK if in_stock else AvailabilityStatus.OUT_OF_STOCK
        return Availability(status=status, quantity=None)

    availability: Availability = strawberry.field(
        resolver=_availability,
        description="In stock when any enabled offer is in stock, else out of stock (also "
        "without offers); FreshStore counts no units (`include=offers`).",
    )

    async def _url(self, info: Info) -> str | None:
        return await fetch.product_url(info.context, self.raw)

    url: str | None = strawberry.field(
        resolver=_url,
        description="The product's page, `{store url}/products/{slug}` (the store's URL "
        "read once per request).",
    )

    @strawberry.field(description="Every merchant offer attached to the product.")
    async def offers(self, info: Info) -> list[Offer] | None:
        return [offer_of(o) for o in await fetch.product_offers(info.context, self.raw)]

    async def _categories(self, info: Info) -> list[FreshStoreCategory]:
        found = await or_default(info, fetch.product_categories(info.context, self.raw), [])
        return [category_of(c) for c in found]

    categories: list[FreshStoreCategory] = strawberry.field(
        resolver=_categories,
        description="The categories the product is filed under.",
    )

    @strawberry.field(
        description="Visits and clicks (`GET /api/products/{id}/analytics`).",
        extensions=[requires(STORE_DATA)],
    )
    async def analytics(self, info: Info) -> FreshStoreProductAnalytics | None:
        raw = await fetch.product_analytics(info.context, self.raw)
        if raw is None:
            return None
        return FreshStoreProductAnalytics(
            visits=int(raw.get("analytics_visits") or 0),
            total_clicks=int(raw.get("total_clicks") or 0),
            affiliate_clicks=int(raw.get("affiliate_clicks") or 0),
        )


@strawberry.type(description="A merchant's offer for one or more FreshStore products.")
class Offer(Node, Sourced):
    raw: strawberry.Private[Json]
    uuid: str | None = strawberry.field(description="Unique merchant identifier.")
    merchant: str = strawberry.field(description="The merchant, e.g. `amazon`, `ebay`, `custom`.")
    merchant_offer_id: str | None = strawberry.field(
        description="The merchant's product/ASIN id, e.g. `B0GR52QJCF` for Amazon."
    )
    title: str
    summary: str | None
    features: list[str]
    currency: str | None
    price: Money | None
    price_full: Money | None = strawberry.field(description="Original / list price.")
    min_price: Money | None
    max_price: Money | None
    condition: str | None = strawberry.field(
        description="The item's condition, e.g. `new`, `used`."
    )
    stock_available: bool
    enabled: bool
    locale: str | None = strawberry.field(description="The merchant's market, e.g. `us`, `gb`.")
    images: list[str]
    url: str | None = strawberry.field(description="The offer on the merchant's site.")
    created_at: datetime | None
    updated_at: datetime | None

    @strawberry.field(description="The products the offer is attached to.")
    async def products(self, info: Info) -> list[FreshStoreProduct] | None:
        found = await fetch.offer_products(info.context, str(self.raw["id"]))
        return [product_of(p) for p in found]


@strawberry.type(description="A FreshStore brand.")
class FreshStoreBrand(Node, Sourced, Brand):
    raw: strawberry.Private[Json]
    slug: str | None = strawberry.field(description="The brand's URL-safe handle.")
    subtitle: str | None
    link_title: str | None
    content: str | None
    content_bottom: str | None
    meta: Meta
    enabled: bool
    product_count: int | None = strawberry.field(
        description="How many products are filed under it."
    )
    products_count: int | None = strawberry.field(deprecation_reason="Use `productCount`.")
    created_at: datetime | None
    updated_at: datetime | None

    @strawberry.field(description="The brand's products.")
    async def products(
        self, info: Info, first: int = DEFAULT_PAGE_SIZE, after: str | None = None
    ) -> Connection[FreshStoreProduct] | None:
        return await _owned_products(info, "brand", str(self.raw["id"]), first, after)


@strawberry.type(description="A FreshStore product category; categories form a tree.")
class FreshStoreCategory(Category):
    raw: strawberry.Private[Json]
    slug: str | None = strawberry.field(description="The category's URL-safe handle.")
    subtitle: str | None
    link_title: str | None
    content_top: str | None = strawberry.field(description="HTML shown above the products.")
    content_bottom: str | None = strawberry.field(description="HTML shown below the products.")
    meta: Meta
    enabled: bool
    sort_order: int | None
    product_count: int | None = strawberry.field(
        description="How many products are filed under it."
    )
    products_count: int | None = strawberry.field(deprecation_reason="Use `productCount`.")
    child_count: int | None = strawberry.field(description="How many child categories it has.")
    children_count: int | None = strawberry.field(deprecation_reason="Use `childCount`.")
    created_at: datetime | None
    updated_at: datetime | None

    @strawberry.field(description="The parent category; null for a root.")
    async def parent(self, info: Info) -> FreshStoreCategory | None:
        raw = await fetch.category_parent(info.context, self.raw)
        return None if raw is None else category_of(raw)

    @strawberry.field(description="The child categories, in the store's order.")
    async def children(self, info: Info) -> list[FreshStoreCategory] | None:
        return [category_of(c) for c in await fetch.category_children(info.context, self.raw)]

    @strawberry.field(description="The products filed under this category.")
    async def products(
        self, info: Info, first: int = DEFAULT_PAGE_SIZE, after: str | None = None
    ) -> Connection[FreshStoreProduct] | None:
        return await _owned_products(info, "category", str(self.raw["id"]), first, after)


async def _owned_products(
    info: Info, owner: str, owner_id: str, first: int, after: str | None
) -> Connection[FreshStoreProduct]:
    win = window(first, after)
    include = product_includes(item_selection(info))
    items, total = await fetch.products_of(
        info.context, owner, owner_id, win.offset, win.limit, include
    )
    return connection(items, win.offset, total, product_of)


# ----------------------------------------------------------------------- converters


def _score(value: object) -> float | None:
    try:
        return None if value is None else float(str(value))
    except ValueError:
        return None


def product_of(raw: Json) -> FreshStoreProduct:
    record = product_record(raw)
    return product_from_record(record)


@per_object
def product_from_record(record: ProductRecord) -> FreshStoreProduct:
    raw = record.data
    sid = str(raw["id"])
    return FreshStoreProduct(
        raw=raw,
        id=gid("FreshStoreProduct", sid),
        source=Source.FRESHSTORE,
        source_id=sid,
        name=record.name,
        description=raw.get("summary"),
        images=images_of([(str(raw["main_image_url"]), None)], record.name)
        if raw.get("main_image_url")
        else [],
        rating=Rating(
            average=_score(raw.get("review_score")), count=int(raw.get("review_quantity") or 0)
        ),
        status=ProductStatus.ACTIVE if raw.get("enabled") else ProductStatus.DRAFT,
        created_at=record.created_at,
        identifiers=ProductIdentifiers.of(
            product_identifiers(raw), upc=raw.get("upc"), ean=raw.get("ean")
        ),
        slug=raw.get("slug") or None,
        subtitle=raw.get("subtitle"),
        link_title=raw.get("link_title"),
        content=raw.get("content"),
        content_bottom=raw.get("content_bottom"),
        highlights=strings(raw.get("highlights")),
        summary=raw.get("summary"),
        meta=meta_of(raw),
        review_quantity=int(raw.get("review_quantity") or 0),
        review_score=raw.get("review_score"),
        enabled=bool(raw.get("enabled")),
        in_sitemap=bool(raw.get("in_sitemap")),
        analytics_visits=int(raw.get("analytics_visits") or 0),
        image=raw.get("main_image_url"),
        upc=raw.get("upc"),
        ean=raw.get("ean"),
        isbn=raw.get("isbn"),
        mpn=raw.get("mpn"),
        updated_at=parse_datetime(raw.get("updated_at")),
    )


@per_object
def offer_of(raw: Json) -> Offer:
    sid = str(raw["id"])
    currency = raw.get("currency")
    return Offer(
        raw=raw,
        id=gid("Offer", sid),
        source=Source.FRESHSTORE,
        source_id=sid,
        uuid=raw.get("uuid"),
        merchant=str(raw.get("merchant") or ""),
        merchant_offer_id=raw.get("merchant_offer_id"),
        title=str(raw.get("title") or ""),
        summary=raw.get("summary"),
        features=strings(raw.get("features")),
        currency=currency,
        price=money(raw.get("price"), currency),
        price_full=money(raw.get("price_full"), currency),
        min_price=money(raw.get("min_price"), currency),
        max_price=money(raw.get("max_price"), currency),
        condition=raw.get("condition"),
        stock_available=bool(raw.get("stock_available")),
        enabled=bool(raw.get("enabled")),
        locale=raw.get("locale"),
        images=strings(raw.get("images")),
        url=raw.get("url_detail"),
        created_at=parse_datetime(raw.get("created_at")),
        updated_at=parse_datetime(raw.get("updated_at")),
    )


def brand_of(raw: Json) -> FreshStoreBrand:
    sid = str(raw["id"])
    return FreshStoreBrand(
        raw=raw,
        id=gid("FreshStoreBrand", sid),
        source=Source.FRESHSTORE,
        source_id=sid,
        name=str(raw.get("title") or ""),
        slug=raw.get("slug") or None,
        subtitle=raw.get("subtitle"),
        link_title=raw.get("link_title"),
        content=raw.get("content"),
        content_bottom=raw.get("content_bottom"),
        meta=meta_of(raw),
        enabled=bool(raw.get("enabled")),
        product_count=raw.get("products_count"),
        products_count=raw.get("products_count"),
        created_at=parse_datetime(raw.get("created_at")),
        updated_at=parse_datetime(raw.get("updated_at")),
    )


def category_of(raw: Json) -> FreshStoreCategory:
    sid = str(raw["id"])
    return FreshStoreCategory(
        raw=raw,
        id=gid("FreshStoreCategory", sid),
        source=Source.FRESHSTORE,
        source_id=sid,
        name=str(raw.get("title") or ""),
        slug=raw.get("slug") or None,
        subtitle=raw.get("subtitle"),
        link_title=raw.get("link_title"),
        content_top=raw.get("content_top"),
        content_bottom=raw.get("content_bottom"),
        meta=meta_of(raw),
        enabled=bool(raw.get("enabled")),
        sort_order=raw.get("sort_order"),
        product_count=raw.get("products_count"),
        products_count=raw.get("products_count"),
        child_count=raw.get("children_count"),
        children_count=raw.get("children_count"),
        created_at=parse_datetime(raw.get("created_at")),
        updated_at=parse_datetime(raw.get("updated_at")),
    )


def merchant_list(raw: dict[str, str]) -> list[FreshStoreMerchant]:
    return [FreshStoreMerchant(key=key, name=str(name)) for key, name in raw.items()]


TYPES: tuple[type, ...] = (FreshStoreProduct, Offer, FreshStoreBrand, FreshStoreCategory)
