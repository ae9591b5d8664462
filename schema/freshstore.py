"""FreshStore's types under the ``freshstore`` root: the catalogue (products, offers,
brands, the category tree), content (articles, article categories, pages), users,
the store itself (status, info, stats, warnings, locales, settings, AI tokens) and
its analytics.

``include=`` follows the selection: a product list asking for brands, offers or
categories (or prices, which come from offers) brings them in the same call.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from enum import Enum
from typing import Any, TypeVar

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from gateway.sources import Source as SourceName
from resolvers import freshstore as fetch
from resolvers.cursors import DEFAULT_PAGE_SIZE, page_window
from resolvers.products import ProductRecord
from schema.common import (
    Money,
    ProductIdentifiers,
    ProductStatus,
    SortDirection,
    money,
    parse_datetime,
)
from schema.connection import Connection, offset_connection
from schema.ids import encode_id
from schema.interfaces import Category, Node, Product, Sourced
from schema.registry import ProductKind, register_lookups, register_products
from schema.selection import Tree, items, tree

SOURCE = SourceName.FRESHSTORE
Row = dict[str, Any]
T = TypeVar("T")
INCLUDES = {"brand": "brand", "offers": "offers", "price": "offers", "categories": "categories"}
DATETIME_FIELDS = {
    "created_at",
    "updated_at",
    "published_at",
    "first_seen",
    "last_seen",
    "first_action_at",
    "last_action_at",
    "clicked_at",
}


def build(cls: type[T], row: Row, **given: Any) -> T:
    """An instance of ``cls`` from a row whose keys are the type's field names."""
    values = dict(given)
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        if f.name in values or not f.init:  # resolver fields are not constructor arguments
            continue
        value = row.get(f.name)
        values[f.name] = parse_datetime(value) if f.name in DATETIME_FIELDS else value
    return cls(**values)


def sourced(type_name: str, row: Row) -> dict[str, Any]:
    return {
        "id": strawberry.ID(encode_id(type_name, SOURCE.value, row["id"])),
        "source": SOURCE,
        "source_id": str(row["id"]),
    }


def include_for(selected: Tree) -> str:
    return ",".join(sorted({INCLUDES[name] for name in selected if name in INCLUDES}))


# ---------------------------------------------------------------- catalogue


@strawberry.type(description="A merchant's offer for a product (price, stock, link).")
class Offer(Node, Sourced):
    uuid: str | None
    merchant: str | None
    merchant_offer_id: str | None
    title: str | None
    summary: str | None
    features: list[str] | None
    currency: str | None
    price: Money | None
    price_full: Money | None
    min_price: Money | None
    max_price: Money | None
    condition: str | None
    stock_available: bool | None
    enabled: bool | None
    locale: str | None
    images: list[str] | None
    url_detail: str | None
    created_at: datetime | None
    updated_at: datetime | None

    @staticmethod
    def from_json(row: Row) -> Offer:
        currency = row.get("currency") or "USD"
        return build(
            Offer,
            row,
            **sourced("Offer", row),
            price=money(row.get("price"), currency),
            price_full=money(row.get("price_full"), currency),
            min_price=money(row.get("min_price"), currency),
            max_price=money(row.get("max_price"), currency),
        )


@strawberry.type(description="A FreshStore brand.")
class FreshStoreBrand(Node, Sourced):
    name: str
    slug: str | None
    subtitle: str | None
    content: str | None
    enabled: bool | None
    products_count: int | None
    created_at: datetime | None

    @staticmethod
    def from_json(row: Row) -> FreshStoreBrand:
        return build(FreshStoreBrand, row, **sourced("FreshStoreBrand", row), name=row["title"])

    @strawberry.field
    async def products(
        self, info: Info, first: int = DEFAULT_PAGE_SIZE, after: str | None = None
    ) -> Connection[FreshStoreProduct] | None:
        return await _products(info, f"/api/brands/{self.source_id}/products", {}, first, after)


@strawberry.type(description="A category of FreshStore's tree.")
class FreshStoreCategory(Category):
    slug: str | None
    subtitle: str | None
    content_top: str | None
    content_bottom: str | None
    enabled: bool | None
    sort_order: int | None
    products_count: int | None
    children_count: int | None
    parent_id: strawberry.Private[int | None]

    @staticmethod
    def from_json(row: Row) -> FreshStoreCategory:
        return build(
            FreshStoreCategory, row, **sourced("FreshStoreCategory", row), name=row["title"]
        )

    @strawberry.field
    async def parent(self, info: Info) -> FreshStoreCategory | None:
        if self.parent_id is None:
            return None
        found = (await fetch.categories(info.context)).get(self.parent_id)
        return FreshStoreCategory.from_json(found) if found else None

    @strawberry.field
    async def children(self, info: Info) -> list[FreshStoreCategory] | None:
        every = (await fetch.categories(info.context)).values()
        mine = int(self.source_id)
        return [FreshStoreCategory.from_json(c) for c in every if c.get("parent_id") == mine]

    @strawberry.field
    async def products(
        self, info: Info, first: int = DEFAULT_PAGE_SIZE, after: str | None = None
    ) -> Connection[FreshStoreProduct] | None:
        path = f"/api/categories/{self.source_id}/products"
        return await _products(info, path, {}, first, after)


@strawberry.type
class PageMeta:
    title: str | None
    keywords: str | None
    description: str | None


@strawberry.type(description="A product's traffic and clicks.")
class FreshStoreProductAnalytics:
    analytics_visits: int | None
    total_clicks: int | None
    affiliate_clicks: int | None


@strawberry.type(description="A FreshStore product; its price is its lowest in-stock offer.")
class FreshStoreProduct(Product):
    slug: str | None
    subtitle: str | None
    link_title: str | None
    content: str | None = strawberry.field(description="HTML.")
    content_bottom: str | None
    highlights: list[str] | None
    summary: str | None
    meta: PageMeta
    review_quantity: int | None
    review_score: float | None
    enabled: bool | None
    in_sitemap: bool | None
    analytics_visits: int | None
    main_image_url: str | None
    upc: str | None
    ean: str | None
    isbn: str | None
    mpn: str | None
    updated_at: datetime | None
    raw: strawberry.Private[Row]

    @staticmethod
    def from_json(row: Row) -> FreshStoreProduct:
        lowest = fetch.lowest_price(row) if "offers" in row else None
        return build(
            FreshStoreProduct,
            row,
            **sourced("FreshStoreProduct", row),
            name=row.get("title", ""),
            description=row.get("summary"),
            price=money(lowest) if lowest is not None else None,
            images=[row["main_image_url"]] if row.get("main_image_url") else [],
            status=ProductStatus.ACTIVE if row.get("enabled") else ProductStatus.DRAFT,
            identifiers=ProductIdentifiers(
                upc=row.get("upc"), ean=row.get("ean"), mpn=row.get("mpn")
            ),
            meta=PageMeta(
                title=row.get("meta_title"),
                keywords=row.get("meta_keywords"),
                description=row.get("meta_description"),
            ),
            raw=row,
        )

    @strawberry.field
    async def brand(self, info: Info) -> FreshStoreBrand | None:
        included = self.raw.get("brand")
        if isinstance(included, dict):
            return FreshStoreBrand.from_json(included)
        brand_id = self.raw.get("brand_id")
        found = await fetch.one(info.context, "brands", brand_id) if brand_id else None
        return FreshStoreBrand.from_json(found) if found else None

    @strawberry.field
    async def offers(self, info: Info) -> list[Offer] | None:
        rows = self.raw.get("offers")
        if rows is None:
            rows = await fetch.everything(
                info.context, f"/api/products/{self.source_id}/offers", {}
            )
        return [Offer.from_json(r) for r in rows]

    @strawberry.field
    async def categories(self, info: Info) -> list[FreshStoreCategory] | None:
        rows = self.raw.get("categories")
        if rows is None:
            rows = await fetch.data(info.context, f"/api/products/{self.source_id}/categories")
        return [FreshStoreCategory.from_json(r) for r in rows]

    @strawberry.field
    async def analytics(self, info: Info) -> FreshStoreProductAnalytics | None:
        row = await fetch.data(info.context, f"/api/products/{self.source_id}/analytics")
        return build(FreshStoreProductAnalytics, row)


async def _products(
    info: Info, path: str, params: dict[str, Any], first: int, after: str | None
) -> Connection[FreshStoreProduct]:
    window = page_window(first, after)
    include = include_for(items(info))
    if include:
        params = {**params, "include": include}
    rows, total = await fetch.product_window(
        info.context, path, params, window.offset, window.limit
    )
    return offset_connection(rows, window.offset, total, FreshStoreProduct.from_json)


# ---------------------------------------------------------------- content and users


@strawberry.type(description="A FreshStore article.")
class Article(Node, Sourced):
    slug: str | None
    title: str
    subtitle: str | None
    content: str | None
    enabled: bool | None
    generated: int | None
    published_at: datetime | None
    created_at: datetime | None

    @staticmethod
    def from_json(row: Row) -> Article:
        return build(Article, row, **sourced("Article", row))


@strawberry.type(description="A category of articles.")
class ArticleCategory(Node, Sourced):
    slug: str | None
    title: str
    subtitle: str | None
    enabled: bool | None
    sort_order: int | None
    articles_count: int | None
    parent_id: int | None

    @staticmethod
    def from_json(row: Row) -> ArticleCategory:
        return build(ArticleCategory, row, **sourced("ArticleCategory", row))


@strawberry.type(description="A page of the store (homepage, about, custom pages).")
class StorePage(Node, Sourced):
    key: str | None
    slug: str | None
    title: str
    subtitle: str | None
    content: str | None
    enabled: bool | None
    created_at: datetime | None

    @staticmethod
    def from_json(row: Row) -> StorePage:
        return build(StorePage, row, **sourced("StorePage", row))


@strawberry.type(description="A user of the FreshStore admin.")
class FreshStoreUser(Node, Sourced):
    first_name: str | None
    last_name: str | None
    email: str | None
    roles: list[str] | None

    @staticmethod
    def from_json(row: Row) -> FreshStoreUser:
        return build(
            FreshStoreUser,
            row,
            **sourced("FreshStoreUser", row),
            first_name=row.get("firstName"),
            last_name=row.get("lastName"),
        )


# ---------------------------------------------------------------- the store


@strawberry.type
class StoreInfo:
    name: str | None
    url: str | None
    niche: str | None
    live: bool | None
    default_country: str | None
    enabled_countries: list[str] | None
    version: str | None
    cart_enabled: bool | None
    advanced_mode: bool | None


@strawberry.type
class StoreStats:
    brands: int | None
    articles: int | None
    products: int | None
    categories: int | None
    offers: int | None
    articles_generated: int | None


@strawberry.type
class StoreWarning:
    message: str
    action: str | None
    url: str | None


@strawberry.type
class StoreLocale:
    code: str
    name: str | None
    iso_3166_2: str | None
    currency: str | None
    amazon_domain: str | None


@strawberry.type
class AiTokenUsage:
    tokens_used: int | None
    tokens_limit: int | None
    tokens_remaining: int | None
    resets_at: str | None


# ---------------------------------------------------------------- analytics


@strawberry.type
class VisitsPeriod:
    period: str
    unique_visitors: int
    visits: int
    actions: int


@strawberry.type
class Visit:
    id: int
    ip_address: str | None
    country_code: str | None
    region: str | None
    city: str | None
    visits: int | None
    actions: int | None
    events: int | None
    visit_duration_seconds: int | None
    referrer_type_name: str | None
    device_type: str | None
    browser: str | None
    first_action_at: datetime | None
    last_action_at: datetime | None


@strawberry.type
class Visitor:
    id: int
    matomo_visitor_id: str | None
    first_seen: datetime | None
    last_seen: datetime | None
    visits_count: int | None
    clicks_count: int | None


@strawberry.type
class PageStat:
    id: int
    label: str
    visitors: int | None
    hits: int | None
    average_time_on_page: int | None
    bounce_rate: str | None
    exit_rate: str | None


@strawberry.type(description="Traffic grouped by country, device or source.")
class TrafficStat:
    id: int
    label: str
    visitors: int | None
    visits: int | None
    actions: int | None
    visit_duration_seconds: int | None


@strawberry.type
class MerchantClicks:
    merchant: str
    clicks: int
    revenue: Money | None


@strawberry.type
class ClicksPeriod:
    period: str
    clicks: int
    affiliate_clicks: int
    revenue: Money | None


@strawberry.type
class ClicksSummary:
    total_clicks: int
    affiliate_clicks: int
    affiliate_revenue: Money | None
    by_merchant: list[MerchantClicks]
    periods: list[ClicksPeriod]


@strawberry.type
class Click:
    id: int
    product_id: int | None
    offer_id: int | None
    affiliate: bool
    source: str | None
    destination: str | None
    url: str | None
    price: Money | None
    clicked_at: datetime | None


@strawberry.type
class CheckoutTotals:
    checkouts: int
    revenue: Money | None


@strawberry.type
class CheckoutsPeriod:
    period: str
    checkouts: int
    revenue: Money | None


@strawberry.type
class CheckoutsSummary:
    today: CheckoutTotals
    this_month: CheckoutTotals
    all_time: CheckoutTotals
    periods: list[CheckoutsPeriod]


@strawberry.type
class CheckoutItem:
    product_id: int | None
    title: str | None
    quantity: int
    price: Money | None


@strawberry.type
class Checkout:
    id: int
    session_id: str | None
    items: list[CheckoutItem]
    total: Money | None
    country: str | None
    created_at: datetime | None


@strawberry.type
class Action:
    id: int
    visit_id: int | None
    visitor_id: int | None
    type: str | None
    url: str | None
    title: str | None
    time_spent_seconds: int | None
    created_at: datetime | None


@strawberry.enum
class Period(Enum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"


def _totals(row: Row) -> CheckoutTotals:
    return CheckoutTotals(checkouts=row.get("checkouts", 0), revenue=money(row.get("revenue")))


def _click(row: Row) -> Click:
    return build(Click, row, affiliate=bool(row.get("affiliate")), price=money(row.get("price")))


def _checkout(row: Row) -> Checkout:
    currency = row.get("currency") or "USD"
    return build(
        Checkout,
        row,
        total=money(row.get("total"), currency),
        items=[
            CheckoutItem(
                product_id=i.get("product_id"),
                title=i.get("title"),
                quantity=i.get("quantity", 0),
                price=money(i.get("price"), currency),
            )
            for i in row.get("items") or []
        ],
    )


def _traffic(label_key: str) -> Any:
    def convert(row: Row) -> TrafficStat:
        return build(TrafficStat, row, label=str(row.get(label_key, "")))

    return convert


async def _list(
    info: Info, path: str, params: dict[str, Any], first: int, after: str | None, convert: Any
) -> Any:
    window = page_window(first, after)
    rows, total = await fetch.window(info.context, path, params, window.offset, window.limit)
    return offset_connection(rows, window.offset, total, convert)


def _dates(since: str | None, until: str | None) -> dict[str, str]:
    return {k: v for k, v in (("from", since), ("to", until)) if v}


@strawberry.type(description="FreshStore's analytics (visits, pages, traffic, clicks, checkouts).")
class FreshStoreAnalytics:
    @strawberry.field
    async def visits_summary(
        self, info: Info, period: Period = Period.DAY, length: int = 30
    ) -> list[VisitsPeriod] | None:
        rows = await fetch.data(
            info.context,
            "/api/analytics/visits/summary",
            {"period": period.value, "length": length},
        )
        return [
            VisitsPeriod(
                period=key,
                unique_visitors=v.get("nb_uniq_visitors", 0),
                visits=v.get("nb_visits", 0),
                actions=v.get("nb_actions", 0),
            )
            for key, v in rows.items()
        ]

    @strawberry.field
    async def visits(
        self,
        info: Info,
        country_code: str | None = None,
        device_type: str | None = None,
        since: str | None = None,
        until: str | None = None,
        first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[Visit] | None:
        params = {
            **{
                k: v for k, v in (("country_code", country_code), ("device_type", device_type)) if v
            },
            **_dates(since, until),
        }
        return await _list(
            info, "/api/analytics/visits", params, first, after, lambda r: build(Visit, r)
        )

    @strawberry.field
    async def visitors(
        self, info: Info, first: int = DEFAULT_PAGE_SIZE, after: str | None = None
    ) -> Connection[Visitor] | None:
        return await _list(
            info, "/api/analytics/visitors", {}, first, after, lambda r: build(Visitor, r)
        )

    @strawberry.field
    async def visitor(self, info: Info, id: int) -> Visitor | None:
        found = await fetch.one(info.context, "analytics/visitors", str(id))
        return build(Visitor, found) if found else None

    @strawberry.field
    async def pages(
        self, info: Info, first: int = DEFAULT_PAGE_SIZE, after: str | None = None
    ) -> Connection[PageStat] | None:
        return await _list(
            info, "/api/analytics/pages", {}, first, after, lambda r: build(PageStat, r)
        )

    @strawberry.field
    async def countries(
        self, info: Info, first: int = DEFAULT_PAGE_SIZE, after: str | None = None
    ) -> Connection[TrafficStat] | None:
        path = "/api/analytics/countries"
        return await _list(info, path, {}, first, after, _traffic("country_name"))

    @strawberry.field
    async def devices(
        self, info: Info, first: int = DEFAULT_PAGE_SIZE, after: str | None = None
    ) -> Connection[TrafficStat] | None:
        return await _list(info, "/api/analytics/devices", {}, first, after, _traffic("device"))

    @strawberry.field
    async def sources(
        self, info: Info, first: int = DEFAULT_PAGE_SIZE, after: str | None = None
    ) -> Connection[TrafficStat] | None:
        return await _list(info, "/api/analytics/sources", {}, first, after, _traffic("source"))

    @strawberry.field
    async def clicks_summary(
        self, info: Info, period: Period = Period.DAY, length: int = 30
    ) -> ClicksSummary | None:
        row = await fetch.data(
            info.context,
            "/api/analytics/clicks/summary",
            {"period": period.value, "length": length},
        )
        return ClicksSummary(
            total_clicks=row.get("total_clicks", 0),
            affiliate_clicks=row.get("affiliate_clicks", 0),
            affiliate_revenue=money(row.get("affiliate_revenue")),
            by_merchant=[
                MerchantClicks(
                    merchant=k, clicks=v.get("clicks", 0), revenue=money(v.get("revenue"))
                )
                for k, v in (row.get("by_merchant") or {}).items()
            ],
            periods=[
                ClicksPeriod(
                    period=k,
                    clicks=v.get("clicks", 0),
                    affiliate_clicks=v.get("affiliate_clicks", 0),
                    revenue=money(v.get("revenue")),
                )
                for k, v in (row.get("periods") or {}).items()
            ],
        )

    @strawberry.field
    async def clicks(
        self,
        info: Info,
        product_id: int | None = None,
        offer_id: int | None = None,
        affiliate: bool | None = None,
        since: str | None = None,
        until: str | None = None,
        first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[Click] | None:
        params: dict[str, Any] = _dates(since, until)
        if product_id is not None:
            params["product_id"] = product_id
        if offer_id is not None:
            params["offer_id"] = offer_id
        if affiliate is not None:
            params["affiliate"] = str(affiliate).lower()
        return await _list(info, "/api/analytics/clicks", params, first, after, _click)

    @strawberry.field
    async def checkouts_summary(
        self, info: Info, period: Period = Period.DAY, length: int = 30
    ) -> CheckoutsSummary | None:
        row = await fetch.data(
            info.context,
            "/api/analytics/checkouts/summary",
            {"period": period.value, "length": length},
        )
        return CheckoutsSummary(
            today=_totals(row.get("today") or {}),
            this_month=_totals(row.get("this_month") or {}),
            all_time=_totals(row.get("all_time") or {}),
            periods=[
                CheckoutsPeriod(
                    period=k, checkouts=v.get("checkouts", 0), revenue=money(v.get("revenue"))
                )
                for k, v in (row.get("periods") or {}).items()
            ],
        )

    @strawberry.field
    async def checkouts(
        self,
        info: Info,
        since: str | None = None,
        until: str | None = None,
        first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[Checkout] | None:
        path = "/api/analytics/checkouts"
        return await _list(info, path, _dates(since, until), first, after, _checkout)

    @strawberry.field
    async def actions(
        self,
        info: Info,
        visit_id: int | None = None,
        visitor_id: int | None = None,
        type: str | None = None,
        first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[Action] | None:
        params = {
            k: v
            for k, v in (("visit_id", visit_id), ("visitor_id", visitor_id), ("type", type))
            if v is not None
        }
        return await _list(
            info, "/api/analytics/actions", params, first, after, lambda r: build(Action, r)
        )


# ---------------------------------------------------------------- root


@strawberry.enum
class FreshStoreSortField(Enum):
    CREATED_AT = "created_at"
    UPDATED_AT = "updated_at"
    TITLE = "title"
    REVIEW_SCORE = "review_score"
    ANALYTICS_VISITS = "analytics_visits"


@strawberry.input
class FreshStoreProductSort:
    field: FreshStoreSortField = FreshStoreSortField.CREATED_AT
    direction: SortDirection = SortDirection.DESC


@strawberry.input(description="FreshStore product filters (all pushed down to the store).")
class FreshStoreProductFilter:
    search: str | None = None
    enabled: bool | None = None
    brand_id: int | None = None
    category_id: int | None = None


@strawberry.input
class OfferFilter:
    search: str | None = None
    merchant: str | None = None
    enabled: bool | None = None
    product_id: int | None = None


def _bool(value: bool | None) -> str | None:
    return None if value is None else str(value).lower()


async def _lookup(info: Info, resource: str, row_id: strawberry.ID, convert: Any) -> Any:
    found = await fetch.one(info.context, resource, str(row_id))
    return convert(found) if found else None


@strawberry.type(description="The FreshStore store: catalogue, content, settings, analytics.")
class FreshStoreQuery:
    @strawberry.field(description="Whether the store is online (public).")
    async def status(self, info: Info) -> bool | None:
        return bool((await fetch.data(info.context, "/api/store/status")).get("up"))

    @strawberry.field
    async def info(self, info: Info) -> StoreInfo | None:
        return build(StoreInfo, await fetch.data(info.context, "/api/store/info"))

    @strawberry.field
    async def stats(self, info: Info) -> StoreStats | None:
        return build(StoreStats, await fetch.data(info.context, "/api/store/stats"))

    @strawberry.field(description="Content counts, from the `/api/data/stats` alias.")
    async def data_stats(self, info: Info) -> StoreStats | None:
        return build(StoreStats, await fetch.data(info.context, "/api/data/stats"))

    @strawberry.field
    async def warnings(self, info: Info) -> list[StoreWarning] | None:
        rows = await fetch.data(info.context, "/api/store/warnings")
        return [build(StoreWarning, row) for row in rows]

    @strawberry.field
    async def locales(self, info: Info) -> list[StoreLocale] | None:
        rows = await fetch.data(info.context, "/api/store/locales")
        return [build(StoreLocale, row, code=code) for code, row in rows.items()]

    @strawberry.field(
        description="Settings as key/value pairs (all, or one group: store, offers, product, "
        "traffic, article, social, template, xml-sitemap); credentials are masked."
    )
    async def settings(self, info: Info, group: str | None = None) -> JSON | None:
        path = f"/api/settings/{group}" if group else "/api/settings"
        return fetch.redact_settings(await fetch.data(info.context, path))

    @strawberry.field
    async def ai_token_usage(self, info: Info) -> AiTokenUsage | None:
        return build(AiTokenUsage, await fetch.data(info.context, "/api/data/openai-tokens"))

    @strawberry.field
    async def products(
        self,
        info: Info,
        filter: FreshStoreProductFilter | None = None,
        sort: FreshStoreProductSort | None = None,
        first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[FreshStoreProduct] | None:
        f, s = filter or FreshStoreProductFilter(), sort or FreshStoreProductSort()
        params: dict[str, Any] = {"sort_by": s.field.value, "sort_dir": s.direction.value}
        for key, value in (
            ("search", f.search),
            ("enabled", _bool(f.enabled)),
            ("brand_id", f.brand_id),
            ("category_id", f.category_id),
        ):
            if value is not None:
                params[key] = value
        return await _products(info, "/api/products", params, first, after)

    @strawberry.field
    async def product(self, info: Info, id: strawberry.ID) -> FreshStoreProduct | None:
        found = await fetch.product(info.context, str(id), include_for(tree(info)))
        return FreshStoreProduct.from_json(found) if found else None

    @strawberry.field
    async def offers(
        self,
        info: Info,
        filter: OfferFilter | None = None,
        first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[Offer] | None:
        f = filter or OfferFilter()
        params = {
            k: v
            for k, v in (
                ("search", f.search),
                ("merchant", f.merchant),
                ("enabled", _bool(f.enabled)),
                ("product_id", f.product_id),
            )
            if v is not None
        }
        return await _list(info, "/api/offers", params, first, after, Offer.from_json)

    @strawberry.field
    async def offer(self, info: Info, id: strawberry.ID) -> Offer | None:
        return await _lookup(info, "offers", id, Offer.from_json)

    @strawberry.field(description="Enabled merchants by key.")
    async def merchants(self, info: Info) -> JSON | None:
        return await fetch.data(info.context, "/api/offers/merchants")

    @strawberry.field
    async def categories(
        self,
        info: Info,
        search: str | None = None,
        first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[FreshStoreCategory] | None:
        params = {"search": search} if search else {}
        return await _list(
            info, "/api/categories", params, first, after, FreshStoreCategory.from_json
        )

    @strawberry.field
    async def category(self, info: Info, id: strawberry.ID) -> FreshStoreCategory | None:
        return await _lookup(info, "categories", id, FreshStoreCategory.from_json)

    @strawberry.field(description="The top-level categories (`/api/categories/tree`).")
    async def category_tree(self, info: Info) -> list[FreshStoreCategory] | None:
        rows = await fetch.data(info.context, "/api/categories/tree")
        return [FreshStoreCategory.from_json(row) for row in rows]

    @strawberry.field
    async def brands(
        self,
        info: Info,
        search: str | None = None,
        first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[FreshStoreBrand] | None:
        params = {"search": search} if search else {}
        return await _list(info, "/api/brands", params, first, after, FreshStoreBrand.from_json)

    @strawberry.field
    async def brand(self, info: Info, id: strawberry.ID) -> FreshStoreBrand | None:
        return await _lookup(info, "brands", id, FreshStoreBrand.from_json)

    @strawberry.field
    async def articles(
        self,
        info: Info,
        search: str | None = None,
        first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[Article] | None:
        params = {"search": search} if search else {}
        return await _list(info, "/api/articles", params, first, after, Article.from_json)

    @strawberry.field
    async def article(self, info: Info, id: strawberry.ID) -> Article | None:
        return await _lookup(info, "articles", id, Article.from_json)

    @strawberry.field
    async def article_categories(
        self, info: Info, first: int = DEFAULT_PAGE_SIZE, after: str | None = None
    ) -> Connection[ArticleCategory] | None:
        path = "/api/article-categories"
        return await _list(info, path, {}, first, after, ArticleCategory.from_json)

    @strawberry.field
    async def article_category(self, info: Info, id: strawberry.ID) -> ArticleCategory | None:
        return await _lookup(info, "article-categories", id, ArticleCategory.from_json)

    @strawberry.field
    async def pages(
        self,
        info: Info,
        key: str | None = None,
        first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[StorePage] | None:
        params = {"key": key} if key else {}
        return await _list(info, "/api/pages", params, first, after, StorePage.from_json)

    @strawberry.field
    async def page(self, info: Info, id: strawberry.ID) -> StorePage | None:
        return await _lookup(info, "pages", id, StorePage.from_json)

    @strawberry.field
    async def users(
        self, info: Info, first: int = DEFAULT_PAGE_SIZE, after: str | None = None
    ) -> Connection[FreshStoreUser] | None:
        return await _list(info, "/api/users", {}, first, after, FreshStoreUser.from_json)

    @strawberry.field
    async def user(self, info: Info, id: strawberry.ID) -> FreshStoreUser | None:
        return await _lookup(info, "users", id, FreshStoreUser.from_json)

    @strawberry.field(description="A magic login link for a user, by email.")
    async def login_link(self, info: Info, email: str) -> str | None:
        found = await fetch.data(info.context, "/api/users/login-link", {"email": email})
        return found.get("loginLink")

    @strawberry.field
    def analytics(self) -> FreshStoreAnalytics:
        return FreshStoreAnalytics()


@strawberry.type
class Query:
    @strawberry.field(description="The FreshStore store: catalogue, content, analytics.")
    def freshstore(self) -> FreshStoreQuery:
        return FreshStoreQuery()


_KINDS: dict[str, tuple[str, Any]] = {
    "FreshStoreProduct": ("products", FreshStoreProduct.from_json),
    "Offer": ("offers", Offer.from_json),
    "FreshStoreBrand": ("brands", FreshStoreBrand.from_json),
    "FreshStoreCategory": ("categories", FreshStoreCategory.from_json),
    "Article": ("articles", Article.from_json),
    "ArticleCategory": ("article-categories", ArticleCategory.from_json),
    "StorePage": ("pages", StorePage.from_json),
    "FreshStoreUser": ("users", FreshStoreUser.from_json),
}


register_lookups(_KINDS, fetch.one)


def _convert_record(record: ProductRecord) -> FreshStoreProduct:
    return FreshStoreProduct.from_json(record.data)


register_products(SOURCE, ProductKind(adapter=fetch.FreshStoreProducts, convert=_convert_record))

TYPES = [
    FreshStoreProduct,
    Offer,
    FreshStoreBrand,
    FreshStoreCategory,
    Article,
    ArticleCategory,
    StorePage,
    FreshStoreUser,
]
