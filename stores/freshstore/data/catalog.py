"""Seed catalogue: brands, the category tree, products and their merchant offers."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from stores.common.shared_items import items_for
from stores.freshstore.data.names import (
    ADJECTIVES,
    BRANDS_BY_ROOT,
    CATEGORY_TREE,
    CURRENCY_BY_LOCALE,
    HIGHLIGHT_PHRASES,
    MERCHANT_HOSTS,
    MESSY_BRANDS,
    SHARED_ITEM_LEAF,
)
from stores.freshstore.timefmt import BASE_TIME, iso

GENERATED_PRODUCTS = 180
OFFERLESS_PRODUCTS = 3
OFFER_UUID_NAMESPACE = uuid.UUID("6f1c1c3e-6a54-4d0e-9d0b-2b9a1f3c0a11")
ASIN_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"


@dataclass
class Catalogue:
    """The catalogue tables and their link tables."""

    brands: dict[int, dict[str, Any]] = field(default_factory=dict)
    categories: dict[int, dict[str, Any]] = field(default_factory=dict)
    products: dict[int, dict[str, Any]] = field(default_factory=dict)
    offers: dict[int, dict[str, Any]] = field(default_factory=dict)
    product_categories: dict[int, list[int]] = field(default_factory=dict)
    offer_products: dict[int, list[int]] = field(default_factory=dict)


def slugify(text: str) -> str:
    out = "".join(ch.lower() if ch.isalnum() else "-" for ch in text)
    return "-".join(part for part in out.split("-") if part)


def seo_fields(title: str, blurb: str) -> dict[str, Any]:
    return {
        "slug": slugify(title),
        "title": title,
        "subtitle": blurb,
        "link_title": title,
        "meta_title": f"{title} | FreshStore"[:255],
        "meta_keywords": ", ".join(title.lower().split()[:5]),
        "meta_description": blurb,
    }


def new_asin(rng: random.Random) -> str:
    return "B0" + "".join(rng.choice(ASIN_ALPHABET) for _ in range(8))


def merchant_offer_id(rng: random.Random, merchant: str) -> str:
    if merchant == "amazon":
        return new_asin(rng)
    digits = {"ebay": 12, "walmart": 9, "etsy": 10, "aliexpress": 12}[merchant]
    prefix = "1005" if merchant == "aliexpress" else ""
    return prefix + "".join(rng.choice("0123456789") for _ in range(digits))


def make_offer(
    rng: random.Random,
    offer_id: int,
    *,
    merchant: str,
    title: str,
    price: Decimal,
    created: datetime,
    stock_available: bool = True,
    delisted: bool = False,
    locale: str = "us",
    external_id: str | None = None,
) -> dict[str, Any]:
    """One merchant offer row; ``_delisted`` marks offers the merchant no longer lists."""
    external = external_id or merchant_offer_id(rng, merchant)
    full = (price * Decimal(rng.choice(["1.00", "1.10", "1.15", "1.25"]))).quantize(Decimal("0.01"))
    return {
        "id": offer_id,
        "uuid": str(uuid.uuid5(OFFER_UUID_NAMESPACE, f"{merchant}:{external}")),
        "merchant": merchant,
        "merchant_offer_id": external,
        "title": title,
        "summary": f"{title}, sold by {merchant.title()}.",
        "features": rng.sample(HIGHLIGHT_PHRASES, 3),
        "currency": CURRENCY_BY_LOCALE.get(locale, "USD"),
        "price": float(price),
        "price_full": float(full),
        "min_price": float(price),
        "max_price": float(full),
        "condition": "used" if rng.random() < 0.08 else "new",
        "stock_available": stock_available,
        "enabled": True,
        "locale": locale,
        "images": [f"https://images.freshstore.example/offers/{merchant}/{external}.jpg"],
        "url_detail": MERCHANT_HOSTS[merchant] + external,
        "created_at": iso(created),
        "updated_at": iso(created),
        "_delisted": delisted,
    }


def make_product(
    product_id: int,
    *,
    title: str,
    brand_id: int | None,
    created: datetime,
    rng: random.Random,
    leaf: str,
    upc: str | None = None,
    ean: str | None = None,
    mpn: str | None = None,
) -> dict[str, Any]:
    highlights = rng.sample(HIGHLIGHT_PHRASES, 3)
    blurb = f"{title}: a well-reviewed pick in {leaf.lower()}."
    return {
        "id": product_id,
        **seo_fields(title, blurb),
        "content": f"<p>{blurb}</p><ul>" + "".join(f"<li>{h}</li>" for h in highlights) + "</ul>",
        "content_bottom": f"<p>Compare prices for {title} across our merchants.</p>",
        "highlights": highlights,
        "summary": blurb,
        "review_quantity": rng.randint(0, 2400),
        "review_score": round(rng.uniform(3.2, 5.0), 1),
        "enabled": rng.random() > 0.06,
        "in_sitemap": True,
        "brand_id": brand_id,
        "analytics_visits": rng.randint(10, 5000),
        "upc": upc,
        "ean": ean,
        "isbn": None,
        "mpn": mpn,
        "main_image_url": f"https://images.freshstore.example/products/{slugify(title)}.jpg",
        "created_at": iso(created),
        "updated_at": iso(created),
        "_deleted": False,
    }


def build_catalogue(rng: random.Random) -> Catalogue:
    """The seeded catalogue; ids are dense and stable."""
    cat = Catalogue()
    brand_ids = _build_brands(cat)
    leaf_ids, leaf_root = _build_categories(cat)

    plan: list[tuple[str, int | None, str, dict[str, Any]]] = []
    for item in items_for("freshstore"):
        ids = {"upc": item.upc, "ean": item.ean, "mpn": item.mpn}
        plan.append((item.name, brand_ids[item.brand], SHARED_ITEM_LEAF[item.index], ids))
    leaves = [leaf for leaf in leaf_ids if leaf_root[leaf] in BRANDS_BY_ROOT]
    messy_slots = [brand_ids[title] for title, count in MESSY_BRANDS for _ in range(count)]
    for n in range(GENERATED_PRODUCTS):
        leaf = leaves[n % len(leaves)]
        root = leaf_root[leaf]
        if n < len(messy_slots):
            brand_id: int | None = messy_slots[n]
        else:
            brand_id = brand_ids[BRANDS_BY_ROOT[root][n % len(BRANDS_BY_ROOT[root])]]
        brand = cat.brands[brand_id]["title"]
        model = f"{rng.choice('ABCDEFGHKMRSTX')}{rng.randint(10, 990)}"
        title = f"{brand} {rng.choice(ADJECTIVES)} {_singular(leaf)} {model}"
        upc = f"{rng.randint(10**11, 10**12 - 1)}" if rng.random() < 0.5 else None
        isbn = f"978{rng.randint(10**9, 10**10 - 1)}" if root == "Toys" and n % 7 == 0 else None
        plan.append((title, brand_id, leaf, {"upc": upc, "isbn": isbn}))

    offer_id = 0
    for index, (title, brand_id, leaf, ids) in enumerate(plan):
        product_id = index + 1
        created = BASE_TIME + timedelta(hours=7 * index, minutes=rng.randint(0, 59))
        product = make_product(
            product_id, title=title, brand_id=brand_id, created=created, rng=rng, leaf=leaf
        )
        product.update({k: v for k, v in ids.items() if v is not None})
        cat.products[product_id] = product
        leaf_id = leaf_ids[leaf]
        cat.product_categories[product_id] = [_root_of(cat, leaf_id), leaf_id]
        if index >= len(plan) - OFFERLESS_PRODUCTS:
            continue  # merchant feeds dropped these: offerless products
        shared_price = _shared_price(index)
        base = shared_price or Decimal(rng.randint(899, 24999)) / 100
        merchants = ["amazon", rng.choice(["ebay", "walmart", "etsy", "aliexpress"])]
        if index % 3 == 0:
            merchants.append(rng.choice(["walmart", "etsy", "aliexpress", "ebay"]))
        for position, merchant in enumerate(merchants):
            offer_id += 1
            first = position == 0
            price = (
                base
                if first
                else (base * Decimal(rng.uniform(0.85, 1.2))).quantize(Decimal("0.01"))
            )
            cat.offers[offer_id] = make_offer(
                rng,
                offer_id,
                merchant=merchant,
                title=title if first else f"{title} ({merchant.title()})",
                price=price,
                created=created + timedelta(minutes=5 + position),
                stock_available=(first and shared_price is not None) or rng.random() > 0.12,
                delisted=shared_price is None and not first and rng.random() < 0.08,
                locale="gb" if merchant == "ebay" and rng.random() < 0.3 else "us",
            )
            cat.offer_products[offer_id] = [product_id]
    return cat


def _shared_price(index: int) -> Decimal | None:
    shared = items_for("freshstore")
    return Decimal(shared[index].price) if index < len(shared) else None


def _singular(leaf: str) -> str:
    words = leaf.split()
    last = words[-1]
    if last.endswith("ies"):
        last = last[:-3] + "y"
    elif last.endswith("s") and not last.endswith("ss"):
        last = last[:-1]
    return " ".join([*words[:-1], last])


def _root_of(cat: Catalogue, category_id: int) -> int:
    row = cat.categories[category_id]
    while row["parent_id"] is not None:
        row = cat.categories[row["parent_id"]]
    return row["id"]


def _build_brands(cat: Catalogue) -> dict[str, int]:
    titles = [t for brands in BRANDS_BY_ROOT.values() for t in brands]
    titles += [title for title, _ in MESSY_BRANDS]
    ids: dict[str, int] = {}
    for index, title in enumerate(titles):
        brand_id = index + 1
        created = BASE_TIME - timedelta(days=30) + timedelta(hours=brand_id)
        clean = title not in {t for t, _ in MESSY_BRANDS}
        cat.brands[brand_id] = {
            "id": brand_id,
            **seo_fields(title, f"Shop the {title} range at FreshStore."),
            "content": f"<p>{title} makes products our editors keep coming back to.</p>",
            "content_bottom": "",
            "enabled": clean,
            "created_at": iso(created),
            "updated_at": iso(created),
        }
        ids[title] = brand_id
    return ids


def _build_categories(cat: Catalogue) -> tuple[dict[str, int], dict[str, str]]:
    """Insert the tree; returns leaf title -> id and leaf title -> root title."""
    leaf_ids: dict[str, int] = {}
    leaf_root: dict[str, str] = {}
    next_id = 0

    def add(title: str, parent_id: int | None, order: int) -> int:
        nonlocal next_id
        next_id += 1
        created = BASE_TIME - timedelta(days=20) + timedelta(minutes=next_id)
        blurb = f"Compare the best {title.lower()} from trusted merchants."
        cat.categories[next_id] = {
            "id": next_id,
            "parent_id": parent_id,
            **seo_fields(title, blurb),
            "content_top": f"<p>{blurb}</p>",
            "content_bottom": f"<p>Our {title.lower()} picks are updated daily.</p>",
            "enabled": True,
            "sort_order": order,
            "created_at": iso(created),
            "updated_at": iso(created),
        }
        return next_id

    for root_order, (root, children) in enumerate(CATEGORY_TREE.items()):
        root_id = add(root, None, root_order)
        for child_order, (child, leaves) in enumerate(children.items()):
            child_id = add(child, root_id, child_order)
            for leaf_order, leaf in enumerate(leaves):
                leaf_ids[leaf] = add(leaf, child_id, leaf_order)
                leaf_root[leaf] = root
    return leaf_ids, leaf_root
