"""The in-memory database of one Litekart app: collections, ids and clock.

Collections are dicts of JSON-ready rows keyed by id, in id order. ``reseed``
restores the deterministic seed; ``next_id`` hands out the next id of a kind
(``ord_000521``, ``cart_000001``...), continuing after the seed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from stores.litekart import data
from stores.litekart.errors import not_found

Row = dict[str, Any]

ID_FORMATS: dict[str, tuple[str, str]] = {
    # kind: (collection, id format)
    "product": ("products", "prod_{:04d}"),
    "variant": ("products", "var_{:04d}"),
    "category": ("categories", "cat_{:02d}"),
    "brand": ("brands", "brand_{:02d}"),
    "customer": ("customers", "cus_{:04d}"),
    "order": ("orders", "ord_{:06d}"),
    "cart": ("carts", "cart_{:06d}"),
    "cart_item": ("carts", "item_{:06d}"),
    "payment": ("payments", "pay_{:06d}"),
    "coupon": ("coupons", "cpn_{:02d}"),
    "user": ("users", "usr_{:02d}"),
    "address": ("customers", "addr_n{:05d}"),
}


class Database:
    """Every Litekart collection, restorable to the seed."""

    products: dict[str, Row]
    categories: dict[str, Row]
    brands: dict[str, Row]
    customers: dict[str, Row]
    passwords: dict[str, str]
    orders: dict[str, Row]
    carts: dict[str, Row]
    payments: dict[str, Row]
    coupons: dict[str, Row]
    users: dict[str, Row]
    settings: Row

    def __init__(self, clock: Callable[[], float]) -> None:
        self.clock = clock
        self.reseed()

    def reseed(self) -> None:
        for name, value in data.build().items():
            setattr(self, name, value)
        self.counters: dict[str, int] = {
            "product": len(self.products),
            "variant": sum(len(p["variants"]) for p in self.products.values()),
            "category": len(self.categories),
            "brand": len(self.brands),
            "customer": len(self.customers),
            "order": len(self.orders),
            "cart": 0,
            "cart_item": 0,
            "payment": len(self.payments),
            "coupon": len(self.coupons),
            "user": len(self.users),
            "address": 0,
        }

    def next_id(self, kind: str) -> str:
        self.counters[kind] += 1
        return ID_FORMATS[kind][1].format(self.counters[kind])

    def now(self) -> datetime:
        return datetime.fromtimestamp(self.clock(), UTC)

    def now_iso(self) -> str:
        return data.iso(self.now())

    def get(self, collection: str, ident: str, what: str) -> Row:
        """The row ``ident`` of ``collection``, or a ``404``."""
        row = getattr(self, collection).get(ident)
        if row is None:
            raise not_found(what, ident)
        return row

    def next_order_number(self) -> str:
        return f"LK-{100000 + self.counters['order']}"

    def category_subtree(self, category_id: str) -> set[str]:
        """``category_id`` and all its descendants."""
        found = {category_id}
        changed = True
        while changed:
            changed = False
            for cat in self.categories.values():
                if cat["parent_id"] in found and cat["id"] not in found:
                    found.add(cat["id"])
                    changed = True
        return found
