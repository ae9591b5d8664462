"""Analytics API: ``GET /api/analytics/products/{id}`` (``period`` 7d, 30d, 90d
or 1y, default 30d; ``metrics`` repeated or comma-separated restricts the keys,
``period`` is always present) and ``GET /api/analytics/creators/{id}``."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query

from stores.litestore.analytics import (
    DEFAULT_PERIOD,
    PERIOD_DAYS,
    PRODUCT_METRICS,
    creator_metrics,
    product_metrics,
)
from stores.litestore.auth import require_key
from stores.litestore.data import LitestoreData
from stores.litestore.errors import not_found, validation_error


def requested_metrics(raw: list[str] | None) -> list[str]:
    """The metric names asked for (all when none), validated."""
    names = [n.strip() for value in raw or [] for n in value.split(",") if n.strip()]
    unknown = [n for n in names if n not in PRODUCT_METRICS]
    if unknown:
        raise validation_error(
            "metrics", f"unknown metric {unknown[0]!r}; expected {', '.join(PRODUCT_METRICS)}"
        )
    return list(dict.fromkeys(names)) or list(PRODUCT_METRICS)


def analytics_router(db: LitestoreData) -> APIRouter:
    """The analytics endpoints over ``db``."""
    router = APIRouter()

    @router.get("/api/analytics/products/{id}", dependencies=[Depends(require_key)])
    async def product_analytics(
        id: str,
        period: str = Query(DEFAULT_PERIOD, description="7d, 30d, 90d or 1y"),
        metrics: list[str] | None = Query(None, description="Metrics to include"),
    ) -> dict[str, Any]:
        if period not in PERIOD_DAYS:
            raise validation_error("period", "must be one of 7d, 30d, 90d, 1y")
        names = requested_metrics(metrics)
        product = db.products.get(id)
        if product is None:
            raise not_found("product", id)
        values = product_metrics(product, period, db.sales.get(id))
        return {**{name: values[name] for name in names}, "period": period}

    @router.get("/api/analytics/creators/{id}", dependencies=[Depends(require_key)])
    async def creator_analytics(id: str) -> dict[str, Any]:
        if id not in db.creators:
            raise not_found("creator", id)
        return creator_metrics([c for c in db.content.values() if c["creatorId"] == id])

    return router
