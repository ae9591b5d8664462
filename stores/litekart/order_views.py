"""How orders are listed: their field schema, sort whitelist and filters.

Shared by ``GET /api/orders`` and ``GET /api/customers/{id}/orders``.
"""

from __future__ import annotations

from typing import Any

from stores.litekart.query import Schema, filter_created

Row = dict[str, Any]

ADDRESS_FIELDS: Schema = dict.fromkeys(
    ("line1", "line2", "city", "state", "postal_code", "country")
)
FIELDS: Schema = {
    **dict.fromkeys(
        (
            "id",
            "number",
            "customer_id",
            "status",
            "subtotal",
            "discount",
            "shipping",
            "tax",
            "total",
            "currency",
            "coupon_code",
            "created_at",
            "updated_at",
        )
    ),
    "items": dict.fromkeys(("product_id", "variant_id", "name", "quantity", "unit_price", "total")),
    "shipping_address": ADDRESS_FIELDS,
}
SORTS = ("id", "number", "status", "total", "created_at", "updated_at")


def filter_orders(
    rows: list[Row],
    *,
    status: str | None,
    customer_id: str | None,
    created_after: str | None,
    created_before: str | None,
) -> list[Row]:
    if status is not None:
        rows = [o for o in rows if o["status"] == status]
    if customer_id is not None:
        rows = [o for o in rows if o["customer_id"] == customer_id]
    return filter_created(rows, created_after, created_before)
