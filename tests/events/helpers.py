"""Helpers for the events tests: signed webhook bodies, a stopped clock."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from gateway.events.signature import sign

SECRETS = {"litestore": "ls-secret-for-tests", "litekart": "lk-secret-for-tests"}
NOW = 1_800_000_000.0


def iso(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def body(event: str, data: dict[str, Any], *, id: str = "evt_1", at: float = NOW) -> bytes:
    envelope = {"id": id, "event": event, "data": data, "timestamp": iso(at)}
    return json.dumps(envelope, separators=(",", ":")).encode()


def signed(store: str, raw: bytes, secret: str | None = None) -> str:
    return sign(secret or SECRETS[store], raw)


ORDER_PLACED = {"orderId": "ord_1", "customerId": "cus_1", "total": 99.99, "status": "pending"}
PRODUCT_UPDATED = {"productId": "prod_0001", "name": "Tea", "price": 12.5, "changed": ["price"]}
CONTENT_APPROVED = {"contentId": "content-1", "approvedBy": "admin", "commission": 2.5}
