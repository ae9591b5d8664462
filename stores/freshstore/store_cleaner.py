"""``POST /api/store/clean``: the Store Cleaner. Operations run in a fixed order
(offers first, so products they leave offerless go in the same run) and really
delete what they count.

- ``expired_offers``: offers the merchant no longer lists (seeded ``_delisted``)
- ``out_of_stock_offers`` (opt-in): offers with ``stock_available`` false
- ``offerless_products``: products with no offers (soft-deleted)
- ``empty_brands``: brands with no products
- ``empty_categories``: categories with no products and no children
"""

from __future__ import annotations

from collections.abc import Callable

from stores.freshstore.db import FreshDB

DEFAULT_OPERATIONS = ("expired_offers", "offerless_products", "empty_brands", "empty_categories")


def _expired_offers(db: FreshDB) -> int:
    doomed = [o["id"] for o in db.offers.values() if o["_delisted"]]
    for offer_id in doomed:
        db.delete_offer(offer_id)
    return len(doomed)


def _out_of_stock_offers(db: FreshDB) -> int:
    doomed = [o["id"] for o in db.offers.values() if not o["stock_available"]]
    for offer_id in doomed:
        db.delete_offer(offer_id)
    return len(doomed)


def _offerless_products(db: FreshDB) -> int:
    linked = {pid for pids in db.offer_products.values() for pid in pids}
    doomed = [p for p in db.live_products() if p["id"] not in linked]
    for product in doomed:
        product["_deleted"] = True
    return len(doomed)


def _empty_brands(db: FreshDB) -> int:
    doomed = [b["id"] for b in db.brands.values() if not db.brand_products(b["id"])]
    for brand_id in doomed:
        db.delete_brand(brand_id)
    return len(doomed)


def _empty_categories(db: FreshDB) -> int:
    doomed = [
        c["id"]
        for c in db.categories.values()
        if not db.category_products(c["id"]) and not db.children_of(c["id"])
    ]
    for category_id in doomed:
        db.delete_category(category_id)
    return len(doomed)


OPERATIONS: dict[str, Callable[[FreshDB], int]] = {
    "expired_offers": _expired_offers,
    "out_of_stock_offers": _out_of_stock_offers,
    "offerless_products": _offerless_products,
    "empty_brands": _empty_brands,
    "empty_categories": _empty_categories,
}


def clean_store(db: FreshDB, operations: list[str] | None) -> dict[str, int]:
    """Run the requested operations (default set when ``None``); counts per operation."""
    requested = set(DEFAULT_OPERATIONS if operations is None else operations)
    return {name: run(db) for name, run in OPERATIONS.items() if name in requested}
