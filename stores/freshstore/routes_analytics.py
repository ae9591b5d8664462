"""``/api/analytics``: visit, click and checkout summaries over ``period``/``length``
windows ending at the data's "today" (2026-03-09), and paginated record lists
(visits, visitors, pages, countries, devices, sources, clicks, checkouts, actions)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta
from typing import Any, Literal

from fastapi import APIRouter, Depends, Query, Request

from stores.freshstore import serialize
from stores.freshstore.auth import requires
from stores.freshstore.data.analytics import TODAY
from stores.freshstore.db import FreshDB
from stores.freshstore.pagination import PageParams, page_params, paginate

Period = Literal["day", "week", "month"]


def period_key(day: date, period: Period) -> str:
    if period == "day":
        return day.isoformat()
    if period == "week":
        return (day - timedelta(days=day.weekday())).isoformat()
    return day.strftime("%Y-%m")


def window(period: Period, length: int) -> list[str]:
    """The last ``length`` period keys up to TODAY, oldest first."""
    keys: list[str] = []
    day = TODAY
    while len(keys) < length:
        key = period_key(day, period)
        if not keys or keys[-1] != key:
            keys.append(key)
        day -= timedelta(days=1)
    return keys[::-1]


def day_of(timestamp: str) -> date:
    return date.fromisoformat(timestamp[:10])


def in_range(rows: Iterable[dict[str, Any]], field: str, start: date | None, end: date | None):
    return [
        row
        for row in rows
        if (start is None or day_of(row[field]) >= start)
        and (end is None or day_of(row[field]) <= end)
    ]


def summary_params(
    period: Period = Query("day", description="day, week or month"),
    length: int = Query(30, ge=1, le=365, description="Number of periods to return"),
) -> tuple[Period, int]:
    return period, length


def build_router(db: FreshDB) -> APIRouter:
    router = APIRouter(prefix="/api/analytics", tags=["analytics"])
    read = [Depends(requires("analytics", "read"))]

    def listing(request: Request, rows: list[dict[str, Any]], pages: PageParams) -> dict[str, Any]:
        return paginate(request, rows, pages, serialize.public)

    def bucketed(
        rows: Iterable[dict[str, Any]],
        field: str,
        params: tuple[Period, int],
        empty: Callable[[], dict[str, Any]],
        add: Callable[[dict[str, Any], dict[str, Any]], None],
    ) -> dict[str, dict[str, Any]]:
        period, length = params
        buckets = {key: empty() for key in window(period, length)}
        for row in rows:
            bucket = buckets.get(period_key(day_of(row[field]), period))
            if bucket is not None:
                add(bucket, row)
        return buckets

    @router.get("/visits/summary", dependencies=read, summary="Visits summary")
    async def visits_summary(
        params: tuple[Period, int] = Depends(summary_params),
    ) -> dict[str, Any]:
        def add(bucket: dict[str, Any], visit: dict[str, Any]) -> None:
            bucket["visitors"].add(visit["_visitor_id"])
            bucket["nb_visits"] += 1
            bucket["nb_actions"] += visit["actions"]

        buckets = bucketed(
            db.analytics.visits,
            "first_action_at",
            params,
            lambda: {"visitors": set(), "nb_visits": 0, "nb_actions": 0},
            add,
        )
        return {
            "data": {
                key: {
                    "nb_uniq_visitors": len(b["visitors"]),
                    "nb_visits": b["nb_visits"],
                    "nb_actions": b["nb_actions"],
                }
                for key, b in reversed(buckets.items())
            }
        }

    @router.get("/visits", dependencies=read, summary="List visits")
    async def visits(
        request: Request,
        pages: PageParams = Depends(page_params),
        country_code: str | None = None,
        device_type: str | None = None,
        from_: date | None = Query(None, alias="from"),
        to: date | None = None,
    ) -> dict[str, Any]:
        rows = in_range(db.analytics.visits, "first_action_at", from_, to)
        if country_code:
            rows = [v for v in rows if v["country_code"] == country_code.upper()]
        if device_type:
            rows = [v for v in rows if v["device_type"].lower() == device_type.lower()]
        return listing(request, rows, pages)

    @router.get("/visitors", dependencies=read, summary="List visitors")
    async def visitors(
        request: Request, pages: PageParams = Depends(page_params)
    ) -> dict[str, Any]:
        return listing(request, list(db.analytics.visitors.values()), pages)

    @router.get("/visitors/{id}", dependencies=read, summary="Get visitor")
    async def visitor(id: str) -> dict[str, Any]:
        return {"data": serialize.public(db.get(db.analytics.visitors, id))}

    @router.get("/pages", dependencies=read, summary="Page analytics")
    async def pages_report(
        request: Request, pages: PageParams = Depends(page_params)
    ) -> dict[str, Any]:
        return listing(request, db.analytics.pages, pages)

    @router.get("/countries", dependencies=read, summary="Country analytics")
    async def countries(
        request: Request, pages: PageParams = Depends(page_params)
    ) -> dict[str, Any]:
        return listing(request, db.analytics.countries, pages)

    @router.get("/devices", dependencies=read, summary="Device analytics")
    async def devices(request: Request, pages: PageParams = Depends(page_params)) -> dict[str, Any]:
        return listing(request, db.analytics.devices, pages)

    @router.get("/sources", dependencies=read, summary="Source analytics")
    async def sources(request: Request, pages: PageParams = Depends(page_params)) -> dict[str, Any]:
        return listing(request, db.analytics.sources, pages)

    @router.get("/clicks/summary", dependencies=read, summary="Affiliate clicks summary")
    async def clicks_summary(
        params: tuple[Period, int] = Depends(summary_params),
    ) -> dict[str, Any]:
        def add(bucket: dict[str, Any], click: dict[str, Any]) -> None:
            bucket["clicks"] += 1
            bucket["affiliate_clicks"] += click["affiliate"]
            bucket["revenue"] = round(bucket["revenue"] + click["_revenue"], 2)

        buckets = bucketed(
            db.analytics.clicks,
            "clicked_at",
            params,
            lambda: {"clicks": 0, "affiliate_clicks": 0, "revenue": 0.0},
            add,
        )
        first = min(buckets)
        in_window = [
            c
            for c in db.analytics.clicks
            if period_key(day_of(c["clicked_at"]), params[0]) >= first
        ]
        by_merchant: dict[str, dict[str, Any]] = {}
        for click in in_window:
            if click["affiliate"]:
                entry = by_merchant.setdefault(click["destination"], {"clicks": 0, "revenue": 0.0})
                entry["clicks"] += 1
                entry["revenue"] = round(entry["revenue"] + click["_revenue"], 2)
        return {
            "data": {
                "total_clicks": len(in_window),
                "affiliate_clicks": sum(c["affiliate"] for c in in_window),
                "affiliate_revenue": round(sum(c["_revenue"] for c in in_window), 2),
                "by_merchant": dict(sorted(by_merchant.items())),
                "periods": buckets,
            }
        }

    @router.get("/clicks", dependencies=read, summary="List clicks")
    async def clicks(
        request: Request,
        pages: PageParams = Depends(page_params),
        product_id: int | None = None,
        offer_id: int | None = None,
        affiliate: bool | None = None,
        from_: date | None = Query(None, alias="from"),
        to: date | None = None,
    ) -> dict[str, Any]:
        rows = in_range(db.analytics.clicks, "clicked_at", from_, to)
        if product_id is not None:
            rows = [c for c in rows if c["product_id"] == product_id]
        if offer_id is not None:
            rows = [c for c in rows if c["offer_id"] == offer_id]
        if affiliate is not None:
            rows = [c for c in rows if bool(c["affiliate"]) == affiliate]
        return listing(request, rows, pages)

    @router.get("/checkouts/summary", dependencies=read, summary="Cart checkouts summary")
    async def checkouts_summary(
        params: tuple[Period, int] = Depends(summary_params),
    ) -> dict[str, Any]:
        def add(bucket: dict[str, Any], checkout: dict[str, Any]) -> None:
            bucket["checkouts"] += 1
            bucket["revenue"] = round(bucket["revenue"] + checkout["total"], 2)

        def totals(rows: list[dict[str, Any]]) -> dict[str, Any]:
            return {"checkouts": len(rows), "revenue": round(sum(r["total"] for r in rows), 2)}

        month = TODAY.strftime("%Y-%m")
        return {
            "data": {
                "today": totals(
                    [c for c in db.analytics.checkouts if day_of(c["created_at"]) == TODAY]
                ),
                "this_month": totals(
                    [c for c in db.analytics.checkouts if c["created_at"][:7] == month]
                ),
                "all_time": totals(db.analytics.checkouts),
                "periods": bucketed(
                    db.analytics.checkouts,
                    "created_at",
                    params,
                    lambda: {"checkouts": 0, "revenue": 0.0},
                    add,
                ),
            }
        }

    @router.get("/checkouts", dependencies=read, summary="List cart checkouts")
    async def checkouts(
        request: Request,
        pages: PageParams = Depends(page_params),
        from_: date | None = Query(None, alias="from"),
        to: date | None = None,
    ) -> dict[str, Any]:
        return listing(request, in_range(db.analytics.checkouts, "created_at", from_, to), pages)

    @router.get("/actions", dependencies=read, summary="List actions")
    async def actions(
        request: Request,
        pages: PageParams = Depends(page_params),
        visit_id: int | None = None,
        visitor_id: int | None = None,
        type: str | None = None,
    ) -> dict[str, Any]:
        rows = db.analytics.actions
        if visit_id is not None:
            rows = [a for a in rows if a["visit_id"] == visit_id]
        if visitor_id is not None:
            rows = [a for a in rows if a["visitor_id"] == visitor_id]
        if type:
            rows = [a for a in rows if a["type"] == type]
        return listing(request, rows, pages)

    return router
