"""Background imports: ``POST /api/categories/fill`` and ``POST /api/products/import-links``
answer 202 at once; the products (each with its merchant offer) land a moment
later from an asyncio task (``JOB_DELAY_S``).

The merchant "APIs" are deterministic: the same category, merchant, locale and run
give the same candidates. Fill skips candidates that are out of stock; Import
Links imports whatever was asked for, in stock or not.
"""

from __future__ import annotations

import asyncio
import hashlib
import random
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from stores.freshstore.data.catalog import make_offer, make_product, merchant_offer_id
from stores.freshstore.data.names import ADJECTIVES
from stores.freshstore.db import FreshDB

JOB_DELAY_S = 0.05
ASIN = re.compile(r"^[A-Z0-9]{10}$")
AMAZON_URL = re.compile(
    r"^https?://(?:www\.)?amazon\.(?P<tld>[a-z.]+?)/(?:[^?#]*/)?(?:dp|gp/product|gp/aw/d)/"
    r"(?P<asin>[A-Z0-9]{10})(?:[/?#].*)?$",
    re.IGNORECASE,
)
LOCALE_BY_TLD = {
    "com": "us",
    "co.uk": "gb",
    "de": "de",
    "fr": "fr",
    "ca": "ca",
    "com.au": "au",
    "it": "it",
    "es": "es",
    "co.jp": "jp",
}


@dataclass(frozen=True)
class Candidate:
    """One item a merchant API offers."""

    title: str
    external_id: str
    price: Decimal
    in_stock: bool
    locale: str


def parse_link(link: str) -> tuple[str, str] | None:
    """``(asin, locale)`` of an Amazon URL or a bare ASIN, else ``None``."""
    text = link.strip()
    if ASIN.match(text):
        return text, "us"
    match = AMAZON_URL.match(text)
    if match is None or match["tld"].lower() not in LOCALE_BY_TLD:
        return None
    return match["asin"].upper(), LOCALE_BY_TLD[match["tld"].lower()]


def _stable_rng(*parts: object) -> random.Random:
    digest = hashlib.sha256(":".join(map(str, parts)).encode()).hexdigest()
    return random.Random(int(digest[:16], 16))


def amazon_item(asin: str, locale: str) -> Candidate:
    """What Amazon answers for an ASIN: a quarter of ASINs are out of stock."""
    rng = _stable_rng("asin", asin)
    noun = rng.choice(["Desk Lamp", "Travel Mug", "Cable Organiser", "Tote Bag", "Plant Pot"])
    return Candidate(
        title=f"{rng.choice(ADJECTIVES)} {noun} ({asin})",
        external_id=asin,
        price=Decimal(rng.randint(999, 8999)) / 100,
        in_stock=int(hashlib.sha256(asin.encode()).hexdigest(), 16) % 4 != 0,
        locale=locale,
    )


def merchant_search(api_name: str, locale: str, category: str, run: int, count: int):
    """``count`` candidates a merchant API returns for a category (some out of stock)."""
    rng = _stable_rng(api_name, locale, category, run)
    for _ in range(count):
        yield Candidate(
            title=f"{rng.choice(ADJECTIVES)} {category} {rng.choice('ABCDEFGHKMRSTX')}"
            f"{rng.randint(10, 990)}",
            external_id=merchant_offer_id(rng, api_name),
            price=Decimal(rng.randint(599, 19999)) / 100,
            in_stock=rng.random() > 0.3,
            locale=locale,
        )


def add_product(db: FreshDB, merchant: str, item: Candidate, category_ids: list[int]) -> int:
    """Create a product and its merchant offer; returns the product id."""
    rng = _stable_rng("import", merchant, item.external_id)
    now = datetime.now(UTC)
    product_id = db.next_id(db.products)
    product = make_product(
        product_id, title=item.title, brand_id=None, created=now, rng=rng, leaf="imports"
    )
    product["analytics_visits"] = 0
    db.products[product_id] = product
    db.product_categories[product_id] = list(category_ids)
    offer_id = db.next_id(db.offers)
    db.offers[offer_id] = make_offer(
        rng,
        offer_id,
        merchant=merchant,
        title=item.title,
        price=item.price,
        created=now,
        stock_available=item.in_stock,
        locale=item.locale,
        external_id=item.external_id,
    )
    db.offer_products[offer_id] = [product_id]
    return product_id


def has_offer(db: FreshDB, merchant: str, external_id: str) -> bool:
    return any(
        o["merchant"] == merchant and o["merchant_offer_id"] == external_id
        for o in db.offers.values()
    )


async def import_links(db: FreshDB, items: list[tuple[str, str]], categories: list[int]) -> None:
    await asyncio.sleep(JOB_DELAY_S)
    for asin, locale in items:
        if not has_offer(db, "amazon", asin):
            add_product(db, "amazon", amazon_item(asin, locale), categories)


async def fill_categories(
    db: FreshDB, category_ids: list[int], api_name: str, locale: str, quantity: int
) -> None:
    """For each category, import ``quantity`` in-stock items (out-of-stock ones skipped)."""
    await asyncio.sleep(JOB_DELAY_S)
    db.import_runs += 1
    for category_id in category_ids:
        category = db.categories.get(category_id)
        if category is None:
            continue
        added = 0
        for item in merchant_search(
            api_name, locale, category["title"], db.import_runs, 4 * quantity
        ):
            if added == quantity:
                break
            if item.in_stock and not has_offer(db, api_name, item.external_id):
                add_product(db, api_name, item, [category_id])
                added += 1
        await asyncio.sleep(0)
