"""Rows as the API shows them: internal ``_``-prefixed columns dropped, counts
and relations added where the seed documents them."""

from __future__ import annotations

from typing import Any

from stores.freshstore.db import FreshDB

PRODUCT_INCLUDES = ("brand", "offers", "categories")


def public(row: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in row.items() if not key.startswith("_")}


def offer(row: dict[str, Any]) -> dict[str, Any]:
    out = public(row)
    out["merchant_product_id"] = row["merchant_offer_id"]  # deprecated alias, same value
    return out


def brand(db: FreshDB, row: dict[str, Any]) -> dict[str, Any]:
    return {**public(row), "products_count": len(db.brand_products(row["id"]))}


def category(db: FreshDB, row: dict[str, Any]) -> dict[str, Any]:
    return {
        **public(row),
        "products_count": len(db.category_products(row["id"])),
        "children_count": len(db.children_of(row["id"])),
    }


def product(db: FreshDB, row: dict[str, Any], include: tuple[str, ...] = ()) -> dict[str, Any]:
    out = public(row)
    if "brand" in include:
        brand_row = db.brands.get(row["brand_id"]) if row["brand_id"] else None
        out["brand"] = brand(db, brand_row) if brand_row else None
    if "offers" in include:
        out["offers"] = [offer(o) for o in db.offers_of(row["id"])]
    if "categories" in include:
        out["categories"] = [category(db, c) for c in db.categories_of(row["id"])]
    return out


def article_category(db: FreshDB, row: dict[str, Any]) -> dict[str, Any]:
    count = sum(row["id"] in ids for ids in db.article_links.values())
    return {**public(row), "articles_count": count}


def article(db: FreshDB, row: dict[str, Any], *, with_categories: bool = False) -> dict[str, Any]:
    out = public(row)
    if with_categories:
        ids = db.article_links.get(row["id"], [])
        out["article_categories"] = [
            article_category(db, db.article_categories[i])
            for i in ids
            if i in db.article_categories
        ]
    return out


def user(row: dict[str, Any]) -> dict[str, Any]:
    return public(row)
