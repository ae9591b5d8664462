"""Litestore's types: products with reviews and analytics, creators and their
content, under the ``litestore`` root."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from gateway.context import GatewayContext
from gateway.sources import Source as SourceName
from resolvers import litestore as fetch
from resolvers.cursors import DEFAULT_PAGE_SIZE, page_window
from resolvers.derived import per_object
from resolvers.products import ProductRecord
from schema.common import (
    Availability,
    Money,
    ProductIdentifiers,
    ProductStatus,
    Rating,
    images_of,
    money,
    parse_datetime,
    unknown_availability,
)
from schema.connection import Connection, offset_connection
from schema.docs.litestore import ONLY_STATUS
from schema.ids import encode_id, optional_store_id, store_id
from schema.interfaces import Brand, Category, Node, Product, Sourced
from schema.permissions import SensitiveData, requires, sensitive
from schema.prefetch import start_selected, starts
from schema.refusals import asked
from schema.registry import NodeKind, ProductKind, register_node, register_products

SOURCE = SourceName.LITESTORE


def _id(type_name: str, source_id: str) -> strawberry.ID:
    return strawberry.ID(encode_id(type_name, SOURCE.value, source_id))


@strawberry.enum(description="Analytics periods Litestore reports over.")
class AnalyticsPeriod(Enum):
    D7 = "7d"
    D30 = "30d"
    D90 = "90d"
    Y1 = "1y"


@strawberry.enum(description="The metrics Litestore's product analytics report.")
class ProductMetric(Enum):
    _value_: str  # each member's value is the string given to enum_value
    VIEWS = strawberry.enum_value("views", description="Page views.")
    PURCHASES = strawberry.enum_value("purchases", description="Purchases.")
    CONVERSION_RATE = strawberry.enum_value("conversionRate", description="Purchases per view.")
    AVG_ORDER_VALUE = strawberry.enum_value(
        "avgOrderValue", description="The average order's value."
    )
    TOP_REFERRERS = strawberry.enum_value("topReferrers", description="Where visits came from.")


@strawberry.enum(description="Where creator content stands in moderation.")
class ContentStatus(Enum):
    PENDING_REVIEW = "pending_review"
    APPROVED = "approved"
    REJECTED = "rejected"


@strawberry.enum(description="How Litestore orders a product's reviews.")
class ReviewSort(Enum):
    NEWEST = "newest"
    OLDEST = "oldest"
    HELPFUL = "helpful"


@strawberry.type
class Referrer:
    source: str
    visits: int


@strawberry.type(
    description="A product's traffic and sales over a period.",
    directives=sensitive(SensitiveData.OPERATIONS, SensitiveData.MONEY),
)
class ProductAnalytics:
    period: str
    views: int | None
    purchases: int | None
    conversion_rate: float | None
    avg_order_value: Money | None
    top_referrers: list[Referrer] | None

    @staticmethod
    def from_json(data: dict[str, Any]) -> ProductAnalytics:
        referrers = data.get("topReferrers")
        return ProductAnalytics(
            period=data.get("period", ""),
            views=data.get("views"),
            purchases=data.get("purchases"),
            conversion_rate=data.get("conversionRate"),
            avg_order_value=money(data.get("avgOrderValue")),
            top_referrers=[Referrer(source=r["source"], visits=r["visits"]) for r in referrers]
            if referrers is not None
            else None,
        )


def _status_filter(status: ContentStatus) -> str:
    """The store's filter word (``pending`` for content pending review)."""
    return "pending" if status is ContentStatus.PENDING_REVIEW else status.value


async def _reviews_page(
    context: GatewayContext,
    product_id: str,
    *,
    rating: int | None = None,
    verified: bool | None = None,
    sort: ReviewSort = ReviewSort.NEWEST,
    first: int = DEFAULT_PAGE_SIZE,
    after: str | None = None,
) -> fetch.Page:
    """The window of a product's reviews that ``LitestoreProduct.reviews`` shows."""
    window = page_window(first, after)
    params: dict[str, Any] = {"sort": sort.value}
    if rating is not None:
        params["rating"] = rating
    if verified is not None:
        params["verified"] = str(verified).lower()
    return await fetch.reviews(context, product_id, params, window.offset, window.limit)


async def _product_analytics(
    context: GatewayContext,
    product_id: str,
    *,
    period: AnalyticsPeriod = AnalyticsPeriod.D30,
    metrics: list[ProductMetric] | None = None,
) -> dict[str, Any] | None:
    """What ``LitestoreProduct.analytics`` reads (its permission is checked before)."""
    wanted = tuple(m.value for m in metrics or ())
    return await fetch.product_analytics(context, product_id, period.value, wanted)


async def _product_content(
    context: GatewayContext,
    product_id: str,
    *,
    status: ContentStatus | None = None,
    first: int = DEFAULT_PAGE_SIZE,
    after: str | None = None,
) -> fetch.Page:
    """The window of content featuring a product that ``creatorContent`` shows."""
    window = page_window(first, after)
    params: dict[str, Any] = {"productId": product_id}
    if status is not None:
        params["status"] = _status_filter(status)
    return await fetch.content_window(context, params, window.offset, window.limit)


async def _creator_content(
    context: GatewayContext, creator_id: str, *, status: ContentStatus | None = None, **_: Any
) -> list[dict[str, Any]]:
    """A creator's content list in ``status`` (every window of it is sliced from it)."""
    return await fetch.creator_content(
        context, creator_id, _status_filter(status) if status else None
    )


@strawberry.type(description="A category of Litestore products (Litestore files products by name).")
class LitestoreCategory(Category):
    @staticmethod
    def from_json(data: dict[str, Any]) -> LitestoreCategory:
        return LitestoreCategory(
            id=_id("LitestoreCategory", data["slug"]),
            source=SOURCE,
            source_id=data["slug"],
            name=data["name"],
        )

    @strawberry.field
    async def products(
        self, info: Info, first: int = DEFAULT_PAGE_SIZE, after: str | None = None
    ) -> Connection[LitestoreProduct] | None:
        return await _products(info, {"category": self.source_id}, first, after)


@strawberry.type(description="A product review.")
class LitestoreReview(Node, Sourced):
    rating: int
    title: str | None
    content: str | None
    author: str | None
    verified: bool
    photos: list[str]
    helpful_count: int
    created_at: datetime | None
    product_id: strawberry.Private[str]

    @staticmethod
    def from_json(data: dict[str, Any]) -> LitestoreReview:
        return LitestoreReview(
            id=_id("LitestoreReview", f"{data['productId']}:{data['id']}"),
            source=SOURCE,
            source_id=data["id"],
            rating=data["rating"],
            title=data.get("title"),
            content=data.get("content"),
            author=data.get("author"),
            verified=bool(data.get("verified")),
            photos=list(data.get("photos") or []),
            helpful_count=data.get("helpfulCount", 0),
            created_at=parse_datetime(data.get("createdAt")),
            product_id=data["productId"],
        )

    @strawberry.field
    async def product(self, info: Info) -> LitestoreProduct | None:
        return _product_or_none(await fetch.product(info.context, self.product_id))


@strawberry.type(
    description="A product of the Litestore store. Litestore's product has no brand, stock, "
    "slug or storefront URL (its API documents name, description, price, category, images, "
    "tags, status), so `brand`, `slug` and `url` are null and `availability` is `UNKNOWN` "
    "rather than guessed; its rating is computed from the product's reviews."
)
class LitestoreProduct(Product):
    tags: list[str]
    category: LitestoreCategory | None = strawberry.field(
        deprecation_reason="Use `categories` (the same category, on every product type)."
    )
    categories: list[LitestoreCategory] = strawberry.field(
        description="The product's category (Litestore files a product under one)."
    )
    brand: Brand | None = strawberry.field(
        default=None,
        description="Always null: Litestore's product has no brand field. A brand's slug may "
        "be among its `tags`, but nothing says which tag, and a slug is not a brand's name, so "
        "the gateway does not guess one.",
    )
    availability: Availability = strawberry.field(
        default_factory=unknown_availability,
        description="Always `UNKNOWN`: Litestore keeps no stock.",
    )
    slug: str | None = strawberry.field(
        default=None, description="Always null: Litestore's product has no slug (its id is `id`)."
    )
    url: str | None = strawberry.field(
        default=None,
        description="Always null: Litestore documents no storefront address for a product.",
    )

    @staticmethod
    @per_object
    def from_json(data: dict[str, Any]) -> LitestoreProduct:
        name = data.get("category")
        category = (
            LitestoreCategory.from_json({"slug": fetch.slug(name), "name": name}) if name else None
        )
        return LitestoreProduct(
            id=_id("LitestoreProduct", data["id"]),
            source=SOURCE,
            source_id=data["id"],
            name=data["name"],
            description=data.get("description"),
            price=money(data.get("price")),
            images=images_of([(url, None) for url in data.get("images") or []], data["name"]),
            status=ProductStatus(data.get("status", "active")),
            created_at=parse_datetime(data.get("createdAt")),
            identifiers=ProductIdentifiers.of(fetch.product_identifiers(data)),
            tags=list(data.get("tags") or []),
            updated_at=parse_datetime(data.get("updatedAt")),
            category=category,
            categories=[category] if category else [],
        )

    async def _rating(self, info: Info) -> Rating | None:
        average, count = await fetch.review_summary(info.context, self.source_id)
        return Rating(average=None if average is None else round(average, 2), count=count)

    rating: Rating | None = strawberry.field(
        resolver=_rating,
        description="Average and count of the product's reviews (one reviews read per "
        "product: Litestore has no aggregate).",
        metadata=starts(fetch.review_summary),
    )

    @strawberry.field(metadata=starts(_reviews_page))
    async def reviews(
        self,
        info: Info,
        rating: Annotated[
            int | None, strawberry.argument(description="Only reviews with this rating (1-5).")
        ] = None,
        verified: Annotated[
            bool | None,
            strawberry.argument(description="Only reviews by verified buyers (or only others)."),
        ] = None,
        sort: ReviewSort = ReviewSort.NEWEST,
        first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[LitestoreReview] | None:
        window = page_window(first, after)
        items, total = await asked(
            info,
            _reviews_page(
                info.context,
                self.source_id,
                rating=rating,
                verified=verified,
                sort=sort,
                first=first,
                after=after,
            ),
        )
        return offset_connection(items, window.offset, total, LitestoreReview.from_json)

    @strawberry.field(
        extensions=[requires(fetch.PRODUCT_ANALYTICS)], metadata=starts(_product_analytics)
    )
    async def analytics(
        self,
        info: Info,
        period: Annotated[
            AnalyticsPeriod, strawberry.argument(description="The period to report over.")
        ] = AnalyticsPeriod.D30,
        metrics: Annotated[
            list[ProductMetric] | None,
            strawberry.argument(description="Only these metrics (the store's default: all)."),
        ] = None,
    ) -> ProductAnalytics | None:
        found = await _product_analytics(
            info.context, self.source_id, period=period, metrics=metrics
        )
        return ProductAnalytics.from_json(found) if found else None

    @strawberry.field(
        description="Creator content featuring this product.", metadata=starts(_product_content)
    )
    async def creator_content(
        self,
        info: Info,
        status: Annotated[
            ContentStatus | None,
            strawberry.argument(description=ONLY_STATUS),
        ] = None,
        first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[CreatorContent] | None:
        window = page_window(first, after)
        items, total = await asked(
            info,
            _product_content(info.context, self.source_id, status=status, first=first, after=after),
        )
        return offset_connection(items, window.offset, total, CreatorContent.from_json)


@strawberry.type
class ContentMedia:
    type: str
    url: str
    caption: str | None


@strawberry.type(description="The store's AI analysis of submitted content.")
class ContentAnalysis:
    spam_score: float | None
    quality_score: float | None
    sentiment: str | None


@strawberry.type(
    description="How moderation judged a piece of content.",
    directives=sensitive(SensitiveData.OPERATIONS),
)
class Moderation:
    ai_analysis: ContentAnalysis | None
    action: str | None
    feedback: str | None


def _content_creator(content: Any, _: dict[str, Any]) -> str | None:
    return content.creator_id


def _creator_itself(creator: Any, _: dict[str, Any]) -> str | None:
    return creator.source_id


@strawberry.type(description="A piece of creator content (review, video, post) about products.")
class CreatorContent(Node, Sourced):
    title: str
    description: str | None
    media: list[ContentMedia]
    tags: list[str]
    status: ContentStatus
    moderation: Moderation | None = strawberry.field(
        description="The moderation verdict: staff, moderators and the content's creator.",
        extensions=[requires(fetch.MODERATION, creator=_content_creator)],
    )
    views: int
    clicks: int
    conversions: int
    commission: Money | None = strawberry.field(
        description="What the creator earned from it: staff and the content's creator.",
        extensions=[requires(fetch.CREATOR_PRIVATE, creator=_content_creator)],
    )
    created_at: datetime | None
    creator_id: strawberry.Private[str]
    product_ids: strawberry.Private[list[str]]

    @staticmethod
    def from_json(data: dict[str, Any]) -> CreatorContent:
        mod = data.get("moderation") or None
        analysis = (mod or {}).get("aiAnalysis")
        return CreatorContent(
            id=_id("CreatorContent", data["id"]),
            source=SOURCE,
            source_id=data["id"],
            title=data.get("title", ""),
            description=data.get("description"),
            media=[
                ContentMedia(type=m.get("type", ""), url=m.get("url", ""), caption=m.get("caption"))
                for m in data.get("media") or []
            ],
            tags=list(data.get("tags") or []),
            status=ContentStatus(data.get("status", "pending_review")),
            moderation=Moderation(
                ai_analysis=ContentAnalysis(
                    spam_score=analysis.get("spamScore"),
                    quality_score=analysis.get("qualityScore"),
                    sentiment=analysis.get("sentiment"),
                )
                if analysis
                else None,
                action=mod.get("action"),
                feedback=mod.get("feedback"),
            )
            if mod
            else None,
            views=data.get("views", 0),
            clicks=data.get("clicks", 0),
            conversions=data.get("conversions", 0),
            commission=money(data.get("commission")),
            created_at=parse_datetime(data.get("createdAt")),
            creator_id=data["creatorId"],
            product_ids=list(data.get("products") or []),
        )

    @strawberry.field
    def creator(self) -> Creator:
        return Creator.from_json({"id": self.creator_id})

    @strawberry.field
    async def products(self, info: Info) -> list[LitestoreProduct] | None:
        found = await fetch.products(info.context, self.product_ids)
        return [LitestoreProduct.from_json(p) for p in found if p]


@strawberry.type
class TopContent:
    id: str
    title: str
    views: int
    conversions: int


@strawberry.type(
    description="A creator's totals across their content.",
    directives=sensitive(SensitiveData.MONEY, SensitiveData.OPERATIONS),
)
class CreatorAnalytics:
    content_count: int
    total_views: int
    total_clicks: int
    total_conversions: int
    total_commission: Money | None
    avg_engagement: float
    top_content: list[TopContent]

    @staticmethod
    def from_json(data: dict[str, Any]) -> CreatorAnalytics:
        return CreatorAnalytics(
            content_count=data.get("contentCount", 0),
            total_views=data.get("totalViews", 0),
            total_clicks=data.get("totalClicks", 0),
            total_conversions=data.get("totalConversions", 0),
            total_commission=money(data.get("totalCommission")),
            avg_engagement=data.get("avgEngagement", 0.0),
            top_content=[
                TopContent(
                    id=t["id"], title=t["title"], views=t["views"], conversions=t["conversions"]
                )
                for t in data.get("topContent") or []
            ],
        )


@strawberry.type(description="A Litestore creator: their content, its products, their analytics.")
class Creator(Node, Sourced):
    @staticmethod
    def from_json(data: dict[str, Any]) -> Creator:
        return Creator(id=_id("Creator", data["id"]), source=SOURCE, source_id=data["id"])

    @strawberry.field(metadata=starts(_creator_content))
    async def content(
        self,
        info: Info,
        status: Annotated[
            ContentStatus | None,
            strawberry.argument(description=ONLY_STATUS),
        ] = None,
        first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[CreatorContent] | None:
        window = page_window(first, after)
        every = await _creator_content(info.context, self.source_id, status=status)
        page = every[window.offset : window.offset + window.limit]
        return offset_connection(page, window.offset, len(every), CreatorContent.from_json)

    @strawberry.field(
        description="The distinct products the creator's content features.",
        metadata=starts(_creator_content),
    )
    async def products(self, info: Info) -> list[LitestoreProduct] | None:
        every = await _creator_content(info.context, self.source_id)
        ids = list(dict.fromkeys(pid for c in every for pid in c.get("products") or []))
        found = await fetch.products(info.context, ids)
        return [LitestoreProduct.from_json(p) for p in found if p]

    @strawberry.field(
        extensions=[requires(fetch.CREATOR_PRIVATE, creator=_creator_itself)],
        metadata=starts(fetch.creator_analytics),
    )
    async def analytics(self, info: Info) -> CreatorAnalytics | None:
        found = await fetch.creator_analytics(info.context, self.source_id)
        return CreatorAnalytics.from_json(found) if found else None


def _product_or_none(data: dict[str, Any] | None) -> LitestoreProduct | None:
    return LitestoreProduct.from_json(data) if data else None


async def _products(
    info: Info, params: dict[str, Any], first: int, after: str | None
) -> Connection[LitestoreProduct]:
    window = page_window(first, after)
    items, total = await asked(
        info, fetch.product_window(info.context, params, window.offset, window.limit)
    )
    return offset_connection(items, window.offset, total, LitestoreProduct.from_json)


async def _content(
    info: Info, params: dict[str, Any], first: int, after: str | None
) -> Connection[CreatorContent]:
    window = page_window(first, after)
    items, total = await asked(
        info, fetch.content_window(info.context, params, window.offset, window.limit)
    )
    return offset_connection(items, window.offset, total, CreatorContent.from_json)


@strawberry.input(description="Litestore product filters (all pushed down to the store).")
class LitestoreProductFilter:
    category: strawberry.ID | None = strawberry.field(
        default=None, description="A category's id (global, or Litestore's slug: `skincare`)."
    )
    search: str | None = None
    status: ProductStatus | None = None


@strawberry.input(description="Creator content filters (all pushed down to the store).")
class ContentFilter:
    creator_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only this creator's content (global or Litestore id)."
    )
    status: ContentStatus | None = None
    product_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only content featuring this product (global or Litestore id)."
    )


@strawberry.type(description="The Litestore store: products, creators and their content.")
class LitestoreQuery:
    @strawberry.field
    async def products(
        self,
        info: Info,
        filter: LitestoreProductFilter | None = None,
        first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[LitestoreProduct] | None:
        f = filter or LitestoreProductFilter()
        params: dict[str, Any] = {}
        category = optional_store_id(
            f.category, "LitestoreCategory", SOURCE, field="filter.category"
        )
        if category:
            params["category"] = category
        if f.search:
            params["search"] = f.search
        if f.status:
            params["status"] = f.status.value
        return await _products(info, params, first, after)

    @strawberry.field
    async def product(self, info: Info, id: strawberry.ID) -> LitestoreProduct | None:
        sid = store_id(id, "LitestoreProduct", SOURCE, field="id")
        start_selected(info, sid)  # its reviews, analytics, content: beside the product
        return _product_or_none(await fetch.product(info.context, sid))

    @strawberry.field(description="A creator by id; null if Litestore does not know them.")
    async def creator(self, info: Info, id: strawberry.ID) -> Creator | None:
        sid = store_id(id, "Creator", SOURCE, field="id")
        start_selected(info, sid)  # the content and analytics asked with the existence check
        found = await fetch.creator(info.context, sid)
        return Creator.from_json(found) if found else None

    @strawberry.field
    async def content(
        self,
        info: Info,
        filter: ContentFilter | None = None,
        first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[CreatorContent] | None:
        f = filter or ContentFilter()
        params: dict[str, Any] = {}
        creator = optional_store_id(f.creator_id, "Creator", SOURCE, field="filter.creatorId")
        product = optional_store_id(
            f.product_id, "LitestoreProduct", SOURCE, field="filter.productId"
        )
        if creator:
            params["creatorId"] = creator
        if f.status:
            params["status"] = _status_filter(f.status)
        if product:
            params["productId"] = product
        return await _content(info, params, first, after)


@strawberry.type
class Query:
    @strawberry.field(description="The Litestore store: products, creator content, reviews.")
    def litestore(self) -> LitestoreQuery:
        return LitestoreQuery()


register_node("LitestoreProduct", NodeKind(fetch.product, LitestoreProduct.from_json))
register_node("LitestoreCategory", NodeKind(fetch.category, LitestoreCategory.from_json))
register_node("LitestoreReview", NodeKind(fetch.review, LitestoreReview.from_json))
register_node("Creator", NodeKind(fetch.creator, Creator.from_json))
register_node("CreatorContent", NodeKind(fetch.content_item, CreatorContent.from_json))


def _convert_record(record: ProductRecord) -> LitestoreProduct:
    return LitestoreProduct.from_json(record.data)


register_products(SOURCE, ProductKind(adapter=fetch.LitestoreProducts, convert=_convert_record))

TYPES = [LitestoreProduct, LitestoreCategory, LitestoreReview, Creator, CreatorContent]
