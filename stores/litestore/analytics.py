"""The numbers behind the analytics endpoints, derived deterministically.

Product analytics come from a stable hash of the product id, its price and
status, and the period length (a draft product has no traffic), plus the sales
recorded through ``POST /__sim/purchase``. Creator analytics are computed from
the creator's content items.
"""

from __future__ import annotations

import zlib
from typing import Any

PERIOD_DAYS = {"7d": 7, "30d": 30, "90d": 90, "1y": 365}
DEFAULT_PERIOD = "30d"
PRODUCT_METRICS = ("views", "purchases", "conversionRate", "avgOrderValue", "topReferrers")
REFERRER_SHARES = (
    ("creator-content", 0.21),
    ("search", 0.18),
    ("social-media", 0.14),
    ("direct", 0.09),
)
TOP_CONTENT = 5


def product_metrics(
    product: dict[str, Any], period: str, sales: dict[str, float] | None = None
) -> dict[str, Any]:
    """Every product metric for ``period`` (``views``, ``purchases``, ...)."""
    days = PERIOD_DAYS[period]
    digest = zlib.crc32(product["id"].encode())
    traffic = 0 if product["status"] == "draft" else 1
    views = traffic * (days * (40 + digest % 480) + (digest >> 9) % 97 * days // 7)
    rate = 0.008 + (digest >> 5) % 17 / 1000
    purchases = round(views * rate)
    uplift = 1 + (digest >> 3) % 30 / 100
    revenue = purchases * product["price"] * uplift
    if sales:
        purchases += int(sales["orders"])
        revenue += sales["revenue"]
    referrers = sorted(
        ({"source": source, "visits": round(views * share)} for source, share in REFERRER_SHARES),
        key=lambda r: -r["visits"],
    )
    return {
        "views": views,
        "purchases": purchases,
        "conversionRate": round(purchases / views, 4) if views else 0.0,
        "avgOrderValue": round(revenue / purchases, 2) if purchases else 0.0,
        "topReferrers": referrers,
    }


def creator_metrics(items: list[dict[str, Any]]) -> dict[str, Any]:
    """Totals over one creator's content items."""
    views = sum(c["views"] for c in items)
    clicks = sum(c["clicks"] for c in items)
    top = sorted(items, key=lambda c: (-c["views"], c["id"]))[:TOP_CONTENT]
    return {
        "contentCount": len(items),
        "totalViews": views,
        "totalClicks": clicks,
        "totalConversions": sum(c["conversions"] for c in items),
        "totalCommission": round(sum(c["commission"] for c in items), 2),
        "avgEngagement": round(clicks / views, 3) if views else 0.0,
        "topContent": [
            {key: c[key] for key in ("id", "title", "views", "conversions")} for c in top
        ],
    }
