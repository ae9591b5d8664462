"""FreshStore's analytics: visit, click and checkout summaries over periods, and the
paginated records (visits, visitors, pages, countries, devices, sources, clicks,
checkouts, actions) under ``freshstore { analytics { ... } }``.

Revenue and click prices come without a currency; they are the store's dollars
(``REPORTING_CURRENCY``). Checkouts carry their own currency.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from gateway.errors import BadUserInput
from resolvers.freshstore import analytics as fetch
from resolvers.freshstore import catalogue
from resolvers.values import parse_datetime
from schema.common import Money, Source, money
from schema.connection import Connection
from schema.freshstore.catalogue import FreshStoreProduct, Offer, offer_of, product_of
from schema.freshstore.common import (
    DEFAULT_PAGE_SIZE,
    connection,
    filter_id,
    gid,
    given,
    id_argument,
    percent,
    usd,
    window,
)
from schema.interfaces import Node, Sourced
from schema.permissions import SensitiveData, sensitive
from schema.refusals import asked

Json = dict[str, Any]
DEFAULT_PERIODS = 30
MAX_PERIODS = 365


@strawberry.enum(description="The length of one period of an analytics summary.")
class FreshStoreAnalyticsPeriod(Enum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"


# ----------------------------------------------------------------------- summaries


Period = Annotated[
    FreshStoreAnalyticsPeriod, strawberry.argument(description="The length of one period.")
]
"""The ``period`` argument of every per-period summary."""
Periods = Annotated[
    int, strawberry.argument(description="How many periods (the store's default: 30).")
]
"""The ``length`` argument of every per-period summary."""


@strawberry.type(description="Visits in one period.")
class FreshStoreVisitsPeriod:
    period: str = strawberry.field(description="`YYYY-MM-DD` (day, week's Monday) or `YYYY-MM`.")
    unique_visitors: int
    visits: int
    actions: int


@strawberry.type(description="Affiliate clicks and revenue of one merchant.")
class FreshStoreMerchantClicks:
    merchant: str
    clicks: int
    revenue: Money


@strawberry.type(description="Clicks in one period.")
class FreshStoreClicksPeriod:
    period: str
    clicks: int
    affiliate_clicks: int
    revenue: Money


@strawberry.type(description="Affiliate click revenue over the summary's periods.")
class FreshStoreClicksSummary:
    total_clicks: int = strawberry.field(description="Affiliate and internal clicks.")
    affiliate_clicks: int
    affiliate_revenue: Money
    by_merchant: list[FreshStoreMerchantClicks]
    periods: list[FreshStoreClicksPeriod] = strawberry.field(description="Oldest first.")


@strawberry.type(description="Cart checkouts and their revenue.")
class FreshStoreCheckoutTotals:
    checkouts: int
    revenue: Money


@strawberry.type(description="Checkouts in one period.")
class FreshStoreCheckoutsPeriod:
    period: str
    checkouts: int
    revenue: Money


@strawberry.type(description="Cart checkouts today, this month, all time and per period.")
class FreshStoreCheckoutsSummary:
    today: FreshStoreCheckoutTotals
    this_month: FreshStoreCheckoutTotals
    all_time: FreshStoreCheckoutTotals
    periods: list[FreshStoreCheckoutsPeriod] = strawberry.field(description="Oldest first.")


# ----------------------------------------------------------------------- records


@strawberry.type(description="One visit to the store.")
class FreshStoreVisit:
    source_id: str
    ip_address: str | None
    country_code: str | None
    region: str | None
    city: str | None
    visits: int
    actions: int
    events: int
    visit_duration_seconds: int
    referrer_type_name: str | None
    device_type: str | None
    browser: str | None
    first_action_at: datetime | None
    last_action_at: datetime | None


@strawberry.type(
    description="A visitor of the store (as Matomo knows them).",
    directives=sensitive(SensitiveData.PEOPLE),
)
class FreshStoreVisitor(Node, Sourced):
    matomo_visitor_id: str | None
    first_seen: datetime | None
    last_seen: datetime | None
    visit_count: int = strawberry.field(description="How many visits the visitor made.")
    visits_count: int = strawberry.field(deprecation_reason="Use `visitCount`.")
    click_count: int = strawberry.field(description="How many clicks the visitor made.")
    clicks_count: int = strawberry.field(deprecation_reason="Use `clickCount`.")

    @strawberry.field(description="The visitor's actions.")
    async def actions(
        self, info: Info, first: int = DEFAULT_PAGE_SIZE, after: str | None = None
    ) -> Connection[FreshStoreAction] | None:
        return await _records(info, "actions", {"visitor_id": self.source_id}, first, after)


@strawberry.type(description="Traffic of one page.")
class FreshStorePageStats:
    source_id: str
    label: str = strawberry.field(description="The page's path.")
    visitors: int
    hits: int
    average_time_on_page: int = strawberry.field(description="Seconds.")
    bounce_rate: float | None = strawberry.field(description="Percent.")
    exit_rate: float | None = strawberry.field(description="Percent.")


@strawberry.type(description="Traffic from one country.")
class FreshStoreCountryStats:
    source_id: str
    locale: str | None
    country_name: str | None
    visitors: int
    visits: int
    actions: int
    visit_duration_seconds: int


@strawberry.type(description="Traffic from one kind of device.")
class FreshStoreDeviceStats:
    source_id: str
    device: str
    visitors: int
    visits: int
    actions: int
    visit_duration_seconds: int


@strawberry.type(description="Traffic from one referrer (e.g. Google).")
class FreshStoreTrafficSourceStats:
    source_id: str
    name: str
    visitors: int
    visits: int
    actions: int
    visit_duration_seconds: int


@strawberry.type(description="A tracked click: outbound to a merchant (affiliate) or internal.")
class FreshStoreClick:
    raw: strawberry.Private[Json]
    source_id: str
    product_id: str | None
    offer_id: str | None
    affiliate: bool
    origin: str | None = strawberry.field(description="Page/URL the click came from.")
    destination: str | None = strawberry.field(description="Merchant name, or `internal`.")
    url: str | None
    price: Money | None = strawberry.field(description="The product's price at the click.")
    clicked_at: datetime | None

    @strawberry.field(description="The clicked product; null if it no longer exists.")
    async def product(self, info: Info) -> FreshStoreProduct | None:
        raw = await catalogue.product(info.context, self.product_id)
        return None if raw is None else product_of(raw)

    @strawberry.field(description="The clicked offer; null if it no longer exists.")
    async def offer(self, info: Info) -> Offer | None:
        raw = await catalogue.offer(info.context, self.offer_id)
        return None if raw is None else offer_of(raw)


@strawberry.type(description="A product in a cart checkout.")
class FreshStoreCheckoutItem:
    product_id: str | None
    title: str | None
    quantity: int
    price: Money | None

    @strawberry.field(description="The product; null if it no longer exists.")
    async def product(self, info: Info) -> FreshStoreProduct | None:
        raw = await catalogue.product(info.context, self.product_id)
        return None if raw is None else product_of(raw)


@strawberry.type(description="A cart checkout.")
class FreshStoreCheckout:
    source_id: str
    session_id: str | None
    items: list[FreshStoreCheckoutItem]
    total: Money | None
    currency: str | None
    country: str | None = strawberry.field(description="The shopper's country.")
    created_at: datetime | None


@strawberry.type(description="A tracked visitor action (page view or event).")
class FreshStoreAction:
    source_id: str
    visit_id: str | None
    visitor_id: str | None
    type: str = strawberry.field(description="The action's type, e.g. `pageview`, `event`.")
    url: str | None
    title: str | None
    time_spent_seconds: int
    created_at: datetime | None

    @strawberry.field(description="The visitor who acted.")
    async def visitor(self, info: Info) -> FreshStoreVisitor | None:
        raw = await fetch.visitor(info.context, self.visitor_id)
        return None if raw is None else visitor_of(raw)


# ----------------------------------------------------------------------- inputs


@strawberry.input(description="Filters for visits.")
class FreshStoreVisitFilter:
    country_code: str | None = strawberry.UNSET
    device_type: str | None = strawberry.UNSET
    from_: date | None = strawberry.field(default=strawberry.UNSET, name="from")
    to: date | None = strawberry.UNSET


@strawberry.input(description="Filters for clicks.")
class FreshStoreClickFilter:
    product_id: strawberry.ID | None = strawberry.UNSET
    offer_id: strawberry.ID | None = strawberry.UNSET
    affiliate: bool | None = strawberry.UNSET
    from_: date | None = strawberry.field(default=strawberry.UNSET, name="from")
    to: date | None = strawberry.UNSET


@strawberry.input(description="Filters for checkouts.")
class FreshStoreCheckoutFilter:
    from_: date | None = strawberry.field(default=strawberry.UNSET, name="from")
    to: date | None = strawberry.UNSET


@strawberry.input(description="Filters for actions.")
class FreshStoreActionFilter:
    visit_id: str | None = strawberry.UNSET
    visitor_id: strawberry.ID | None = strawberry.UNSET
    type: str | None = strawberry.UNSET


def _dates(filter: Any) -> dict[str, Any]:
    if filter is None:
        return {}
    start, end = given(filter.from_), given(filter.to)
    return {k: v.isoformat() for k, v in (("from", start), ("to", end)) if v is not None}


def _check_length(length: int) -> None:
    if not 1 <= length <= MAX_PERIODS:
        raise BadUserInput(f"`length` must be between 1 and {MAX_PERIODS}.", field="length")


# ----------------------------------------------------------------------- namespace


@strawberry.type(
    description="FreshStore's analytics.",
    directives=sensitive(SensitiveData.OPERATIONS, SensitiveData.MONEY),
)
class FreshStoreAnalytics:
    @strawberry.field(description="Unique visitors, visits and actions per period, oldest first.")
    async def visits_summary(
        self,
        info: Info,
        period: Period = FreshStoreAnalyticsPeriod.DAY,
        length: Periods = DEFAULT_PERIODS,
    ) -> list[FreshStoreVisitsPeriod] | None:
        _check_length(length)
        raw = await asked(info, fetch.summary(info.context, "visits", period.value, length)) or {}
        return [
            FreshStoreVisitsPeriod(
                period=key,
                unique_visitors=int(v.get("nb_uniq_visitors") or 0),
                visits=int(v.get("nb_visits") or 0),
                actions=int(v.get("nb_actions") or 0),
            )
            for key, v in sorted(raw.items())
        ]

    @strawberry.field(description="Visit records.")
    async def visits(
        self,
        info: Info,
        filter: FreshStoreVisitFilter | None = None,
        first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[FreshStoreVisit] | None:
        params = _dates(filter)
        if filter is not None:
            params.update(
                {
                    k: v
                    for k, v in (
                        ("country_code", given(filter.country_code)),
                        ("device_type", given(filter.device_type)),
                    )
                    if v is not None
                }
            )
        return await _records(info, "visits", params, first, after)

    @strawberry.field(description="Visitors.")
    async def visitors(
        self, info: Info, first: int = DEFAULT_PAGE_SIZE, after: str | None = None
    ) -> Connection[FreshStoreVisitor] | None:
        return await _records(info, "visitors", {}, first, after)

    @strawberry.field(description="A visitor by id (global or FreshStore's); null if unknown.")
    async def visitor(self, info: Info, id: strawberry.ID) -> FreshStoreVisitor | None:
        sid = id_argument(id, "FreshStoreVisitor")
        raw = await fetch.visitor(info.context, sid)
        return None if raw is None else visitor_of(raw)

    @strawberry.field(description="Traffic per page.")
    async def pages(
        self, info: Info, first: int = DEFAULT_PAGE_SIZE, after: str | None = None
    ) -> Connection[FreshStorePageStats] | None:
        return await _records(info, "pages", {}, first, after)

    @strawberry.field(description="Traffic per country.")
    async def countries(
        self, info: Info, first: int = DEFAULT_PAGE_SIZE, after: str | None = None
    ) -> Connection[FreshStoreCountryStats] | None:
        return await _records(info, "countries", {}, first, after)

    @strawberry.field(description="Traffic per device type.")
    async def devices(
        self, info: Info, first: int = DEFAULT_PAGE_SIZE, after: str | None = None
    ) -> Connection[FreshStoreDeviceStats] | None:
        return await _records(info, "devices", {}, first, after)

    @strawberry.field(description="Traffic per referrer.")
    async def sources(
        self, info: Info, first: int = DEFAULT_PAGE_SIZE, after: str | None = None
    ) -> Connection[FreshStoreTrafficSourceStats] | None:
        return await _records(info, "sources", {}, first, after)

    @strawberry.field(description="Clicks and affiliate revenue, by merchant and per period.")
    async def clicks_summary(
        self,
        info: Info,
        period: Period = FreshStoreAnalyticsPeriod.DAY,
        length: Periods = DEFAULT_PERIODS,
    ) -> FreshStoreClicksSummary | None:
        _check_length(length)
        raw = await asked(info, fetch.summary(info.context, "clicks", period.value, length)) or {}
        return clicks_summary_of(raw)

    @strawberry.field(description="Click records (affiliate and internal).")
    async def clicks(
        self,
        info: Info,
        filter: FreshStoreClickFilter | None = None,
        first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[FreshStoreClick] | None:
        params = _dates(filter)
        if filter is not None:
            product = filter_id(given(filter.product_id), "FreshStoreProduct", "filter.productId")
            offer = filter_id(given(filter.offer_id), "Offer", "filter.offerId")
            extra = {"product_id": product, "offer_id": offer, "affiliate": given(filter.affiliate)}
            params.update({k: v for k, v in extra.items() if v is not None})
        return await _records(info, "clicks", params, first, after)

    @strawberry.field(description="Checkouts today, this month, all time and per period.")
    async def checkouts_summary(
        self,
        info: Info,
        period: Period = FreshStoreAnalyticsPeriod.DAY,
        length: Periods = DEFAULT_PERIODS,
    ) -> FreshStoreCheckoutsSummary | None:
        _check_length(length)
        raw = (
            await asked(info, fetch.summary(info.context, "checkouts", period.value, length)) or {}
        )
        return checkouts_summary_of(raw)

    @strawberry.field(description="Cart checkout records.")
    async def checkouts(
        self,
        info: Info,
        filter: FreshStoreCheckoutFilter | None = None,
        first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[FreshStoreCheckout] | None:
        return await _records(info, "checkouts", _dates(filter), first, after)

    @strawberry.field(description="Visitor actions (page views, events).")
    async def actions(
        self,
        info: Info,
        filter: FreshStoreActionFilter | None = None,
        first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[FreshStoreAction] | None:
        params: dict[str, Any] = {}
        if filter is not None:
            visitor = filter_id(given(filter.visitor_id), "FreshStoreVisitor", "filter.visitorId")
            extra = {"visit_id": given(filter.visit_id), "visitor_id": visitor}
            extra["type"] = given(filter.type)
            params = {k: v for k, v in extra.items() if v is not None}
        return await _records(info, "actions", params, first, after)


async def _records(
    info: Info, name: str, params: dict[str, Any], first: int, after: str | None
) -> Connection[Any]:
    win = window(first, after)
    items, total = await asked(
        info, fetch.records(info.context, name, params, win.offset, win.limit)
    )
    return connection(items, win.offset, total, CONVERTERS[name])


# ----------------------------------------------------------------------- converters


def _int(raw: Json, key: str) -> int:
    return int(raw.get(key) or 0)


def _ref(value: object) -> str | None:
    return None if value is None else str(value)


def visit_of(raw: Json) -> FreshStoreVisit:
    return FreshStoreVisit(
        source_id=str(raw["id"]),
        ip_address=raw.get("ip_address"),
        country_code=raw.get("country_code"),
        region=raw.get("region"),
        city=raw.get("city"),
        visits=_int(raw, "visits"),
        actions=_int(raw, "actions"),
        events=_int(raw, "events"),
        visit_duration_seconds=_int(raw, "visit_duration_seconds"),
        referrer_type_name=raw.get("referrer_type_name"),
        device_type=raw.get("device_type"),
        browser=raw.get("browser"),
        first_action_at=parse_datetime(raw.get("first_action_at")),
        last_action_at=parse_datetime(raw.get("last_action_at")),
    )


def visitor_of(raw: Json) -> FreshStoreVisitor:
    sid = str(raw["id"])
    return FreshStoreVisitor(
        id=gid("FreshStoreVisitor", sid),
        source=Source.FRESHSTORE,
        source_id=sid,
        matomo_visitor_id=raw.get("matomo_visitor_id"),
        first_seen=parse_datetime(raw.get("first_seen")),
        last_seen=parse_datetime(raw.get("last_seen")),
        visit_count=_int(raw, "visits_count"),
        visits_count=_int(raw, "visits_count"),
        click_count=_int(raw, "clicks_count"),
        clicks_count=_int(raw, "clicks_count"),
    )


def page_stats_of(raw: Json) -> FreshStorePageStats:
    return FreshStorePageStats(
        source_id=str(raw["id"]),
        label=str(raw.get("label") or ""),
        visitors=_int(raw, "visitors"),
        hits=_int(raw, "hits"),
        average_time_on_page=_int(raw, "average_time_on_page"),
        bounce_rate=percent(raw.get("bounce_rate")),
        exit_rate=percent(raw.get("exit_rate")),
    )


def _traffic(raw: Json) -> dict[str, Any]:
    return {
        "source_id": str(raw["id"]),
        "visitors": _int(raw, "visitors"),
        "visits": _int(raw, "visits"),
        "actions": _int(raw, "actions"),
        "visit_duration_seconds": _int(raw, "visit_duration_seconds"),
    }


def country_of(raw: Json) -> FreshStoreCountryStats:
    return FreshStoreCountryStats(
        locale=raw.get("locale"), country_name=raw.get("country_name"), **_traffic(raw)
    )


def device_of(raw: Json) -> FreshStoreDeviceStats:
    return FreshStoreDeviceStats(device=str(raw.get("device") or ""), **_traffic(raw))


def traffic_source_of(raw: Json) -> FreshStoreTrafficSourceStats:
    return FreshStoreTrafficSourceStats(name=str(raw.get("source") or ""), **_traffic(raw))


def click_of(raw: Json) -> FreshStoreClick:
    return FreshStoreClick(
        raw=raw,
        source_id=str(raw["id"]),
        product_id=_ref(raw.get("product_id")),
        offer_id=_ref(raw.get("offer_id")),
        affiliate=bool(raw.get("affiliate")),
        origin=raw.get("source"),
        destination=raw.get("destination"),
        url=raw.get("url"),
        price=usd(raw.get("price")),
        clicked_at=parse_datetime(raw.get("clicked_at")),
    )


def checkout_of(raw: Json) -> FreshStoreCheckout:
    currency = raw.get("currency")
    return FreshStoreCheckout(
        source_id=str(raw["id"]),
        session_id=raw.get("session_id"),
        items=[
            FreshStoreCheckoutItem(
                product_id=_ref(item.get("product_id")),
                title=item.get("title"),
                quantity=_int(item, "quantity"),
                price=money(item.get("price"), currency),
            )
            for item in raw.get("items") or ()
        ],
        total=money(raw.get("total"), currency),
        currency=currency,
        country=raw.get("country"),
        created_at=parse_datetime(raw.get("created_at")),
    )


def action_of(raw: Json) -> FreshStoreAction:
    return FreshStoreAction(
        source_id=str(raw["id"]),
        visit_id=_ref(raw.get("visit_id")),
        visitor_id=_ref(raw.get("visitor_id")),
        type=str(raw.get("type") or ""),
        url=raw.get("url"),
        title=raw.get("title"),
        time_spent_seconds=_int(raw, "time_spent_seconds"),
        created_at=parse_datetime(raw.get("created_at")),
    )


def _usd_or_zero(value: object) -> Money:
    return usd(value if value is not None else 0) or usd(0)  # type: ignore[return-value]


def clicks_summary_of(raw: Json) -> FreshStoreClicksSummary:
    return FreshStoreClicksSummary(
        total_clicks=_int(raw, "total_clicks"),
        affiliate_clicks=_int(raw, "affiliate_clicks"),
        affiliate_revenue=_usd_or_zero(raw.get("affiliate_revenue")),
        by_merchant=[
            FreshStoreMerchantClicks(
                merchant=merchant,
                clicks=_int(v, "clicks"),
                revenue=_usd_or_zero(v.get("revenue")),
            )
            for merchant, v in (raw.get("by_merchant") or {}).items()
        ],
        periods=[
            FreshStoreClicksPeriod(
                period=key,
                clicks=_int(v, "clicks"),
                affiliate_clicks=_int(v, "affiliate_clicks"),
                revenue=_usd_or_zero(v.get("revenue")),
            )
            for key, v in sorted((raw.get("periods") or {}).items())
        ],
    )


def _totals(raw: Json | None) -> FreshStoreCheckoutTotals:
    raw = raw or {}
    return FreshStoreCheckoutTotals(
        checkouts=_int(raw, "checkouts"), revenue=_usd_or_zero(raw.get("revenue"))
    )


def checkouts_summary_of(raw: Json) -> FreshStoreCheckoutsSummary:
    return FreshStoreCheckoutsSummary(
        today=_totals(raw.get("today")),
        this_month=_totals(raw.get("this_month")),
        all_time=_totals(raw.get("all_time")),
        periods=[
            FreshStoreCheckoutsPeriod(
                period=key,
                checkouts=_int(v, "checkouts"),
                revenue=_usd_or_zero(v.get("revenue")),
            )
            for key, v in sorted((raw.get("periods") or {}).items())
        ],
    )


CONVERTERS: dict[str, Any] = {
    "visits": visit_of,
    "visitors": visitor_of,
    "pages": page_stats_of,
    "countries": country_of,
    "devices": device_of,
    "sources": traffic_source_of,
    "clicks": click_of,
    "checkouts": checkout_of,
    "actions": action_of,
}

TYPES: tuple[type, ...] = (FreshStoreVisitor,)
