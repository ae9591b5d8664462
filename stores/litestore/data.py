"""Litestore's deterministic seed data and the in-memory store it lives in.

``LitestoreData.reseed()`` restores a fresh copy of the seed tables, built once
per process from ``random.Random(SEED)`` and fixed timestamps from
``BASE_TIME``: 220 products over ten categories (the shared items of
``items_for("litestore")`` are every 11th product, from ``prod-001``, and carry
their ``gtin``/``mpn``), 45 creators, 320 creator content items in every
moderation state and 1,100 reviews. Records are plain
JSON-ready dicts in the API's own field names.
"""

from __future__ import annotations

import random
import re
import unicodedata
from datetime import UTC, datetime, timedelta
from typing import Any

from stores.common.seed import snapshot
from stores.common.shared_items import items_for
from stores.litestore import ai
from stores.litestore.catalog_words import (
    APPROVE_FEEDBACK,
    CATEGORIES,
    CONTENT_BODIES,
    CONTENT_TITLES,
    FIRST_NAMES,
    LAST_NAMES,
    NICHES,
    REJECT_FEEDBACK,
    REVIEW_BODIES,
    REVIEW_TITLES,
    SPAM_BODIES,
)

SEED = 41066
BASE_TIME = datetime(2026, 1, 1, tzinfo=UTC)
PRODUCT_COUNT = 220
SHARED_EVERY = 11
CREATOR_COUNT = 45
CONTENT_COUNT = 320
REVIEW_COUNT = 1100
IMAGE_HOST = "https://images.litestore.com"
MEDIA_SUFFIX = {"image": "jpg", "video": "mp4"}
CONTENT_TAGS = ("review", "haul", "tutorial", "unboxing", "routine", "comparison")
MODERATOR = "admin-001"
AUDIENCES = {
    "Skincare": "skincare lovers",
    "Electronics": "music enthusiasts",
    "Sports": "active people",
    "Grocery": "food lovers",
    "Kitchen": "home cooks",
    "Home": "homebodies",
    "Toys": "curious kids",
    "Beauty": "beauty fans",
    "Fashion": "style seekers",
    "Wellness": "anyone who needs to unwind",
}


def iso(moment: datetime) -> str:
    """``2026-01-01T00:00:00Z``."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def now_iso() -> str:
    """The current time, for records written through the API."""
    return iso(datetime.now(UTC))


def slug(text: str) -> str:
    """The category id of a category name: ``"Health & Wellness"`` → ``health-wellness``
    (also the brand tag of a product: ``"Lumière"`` → ``lumiere``)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def approval_commission(product_prices: list[float]) -> float:
    """What a creator earns when content is approved: 5.00 plus 5% of the linked prices."""
    return round(5.0 + 0.05 * sum(product_prices), 2)


def moderation_analysis(title: str, description: str) -> dict[str, Any]:
    """The ``moderation.aiAnalysis`` of a content submission."""
    result = ai.analyze_text(f"{title}. {description}")
    return {
        "spamScore": result["spamScore"],
        "qualityScore": result["qualityScore"],
        "sentiment": result["sentiment"],
    }


class LitestoreData:
    """Every Litestore record, in memory, with id counters for new records."""

    def __init__(self) -> None:
        self.products: dict[str, dict[str, Any]] = {}
        self.creators: dict[str, dict[str, Any]] = {}
        self.content: dict[str, dict[str, Any]] = {}
        self.reviews: dict[str, dict[str, Any]] = {}
        self.sales: dict[str, dict[str, float]] = {}  # productId -> {"orders", "revenue"}
        self.counters: dict[str, int] = {}
        self.reseed()

    def reseed(self) -> None:
        """Throw away every write and restore the seed data."""
        self.products, self.creators, self.content, self.reviews = _seed()
        self.sales = {}
        self.counters = {
            "product": PRODUCT_COUNT,
            "content": CONTENT_COUNT,
            "review": REVIEW_COUNT,
            "order": 0,
            "commission": 0,
        }

    def next_id(self, kind: str) -> str:
        """A fresh id: ``prod-221``, ``content-321``, ``review-1101``, ``order-0001``..."""
        self.counters[kind] += 1
        number = self.counters[kind]
        prefix, width = {
            "product": ("prod", 3),
            "content": ("content", 3),
            "review": ("review", 4),
            "order": ("order", 4),
            "commission": ("commission", 4),
        }[kind]
        return f"{prefix}-{number:0{width}d}"


Tables = tuple[dict[str, dict[str, Any]], ...]


@snapshot
def _seed() -> Tables:
    """The seed tables (products, creators, content, reviews): built once, a copy per call."""
    rng = random.Random(SEED)
    products = _products(rng)
    creators = _creators(rng)
    return products, creators, _content(rng, products, creators), _reviews(rng, products)


def _product_description(name: str, category: str, brand: str, tags: list[str], voice: str) -> str:
    features = [tag.replace("-", " ") for tag in tags[:2]]
    text = ai.generate_description(name, features, AUDIENCES[category], voice, 320).description
    return f"{text} By {brand}."


def _products(rng: random.Random) -> dict[str, dict[str, Any]]:
    shared = items_for("litestore")
    voices = sorted(ai.VOICE_OPENERS)
    categories = sorted(CATEGORIES)
    products: dict[str, dict[str, Any]] = {}
    for index in range(PRODUCT_COUNT):
        product_id = f"prod-{index + 1:03d}"
        created = BASE_TIME + timedelta(hours=7 * index)
        slot = index // SHARED_EVERY
        if index % SHARED_EVERY == 0 and slot < len(shared):
            item = shared[slot]
            name, brand, category = item.name, item.brand, item.category
            price, gtin, mpn, status = float(item.price), item.gtin, item.mpn, "active"
            words = CATEGORIES[category]
        else:
            category = rng.choice(categories)
            words = CATEGORIES[category]
            brand = rng.choice(words["brands"])
            name = f"{brand} {rng.choice(words['adjectives'])} {rng.choice(words['nouns'])}"
            price = round(rng.randint(6, 240) + rng.choice((0.0, 0.5, 0.95, 0.99)), 2)
            gtin = mpn = None
            status = rng.choices(("active", "draft", "archived"), (80, 12, 8))[0]
        tags = [*sorted(rng.sample(words["tags"], 2)), slug(brand)]
        images = [f"{IMAGE_HOST}/products/{product_id}-{n}.jpg" for n in range(1, 3)]
        products[product_id] = {
            "id": product_id,
            "name": name,
            "description": _product_description(name, category, brand, tags, rng.choice(voices)),
            "price": price,
            "category": category,
            "images": images,
            "tags": tags,
            "status": status,
            "createdAt": iso(created),
            "updatedAt": iso(created + timedelta(days=rng.randint(0, 40))),
            "gtin": gtin,
            "mpn": mpn,
        }
    return products


def _creators(rng: random.Random) -> dict[str, dict[str, Any]]:
    creators: dict[str, dict[str, Any]] = {}
    for index in range(CREATOR_COUNT):
        first = FIRST_NAMES[index % len(FIRST_NAMES)]
        last = LAST_NAMES[(index * 7) % len(LAST_NAMES)]
        creator_id = f"creator-{index + 1:03d}"
        creators[creator_id] = {
            "id": creator_id,
            "name": f"{first} {last}",
            "handle": f"@{first.lower()}{last.lower()}",
            "niche": rng.choice(NICHES),
            "commissionRate": rng.choice((0.05, 0.08, 0.1, 0.12, 0.15)),
            "joinedAt": iso(BASE_TIME - timedelta(days=rng.randint(30, 900))),
        }
    return creators


def _content(
    rng: random.Random,
    products: dict[str, dict[str, Any]],
    creators: dict[str, dict[str, Any]],
) -> dict[str, dict[str, Any]]:
    active = [p for p in products.values() if p["status"] == "active"]
    creator_ids = list(creators)
    content: dict[str, dict[str, Any]] = {}
    for index in range(CONTENT_COUNT):
        content_id = f"content-{index + 1:03d}"
        creator_id = creator_ids[(index * 13 + rng.randint(0, 2)) % len(creator_ids)]
        created = BASE_TIME + timedelta(hours=5 * index, minutes=rng.randint(0, 59))
        linked = rng.sample(active, rng.choice((1, 1, 2, 3)))
        lead = linked[0]
        status = rng.choices(("pending_review", "approved", "rejected"), (20, 65, 15))[0]
        spam = status == "rejected" and rng.random() < 0.5
        title = rng.choice(CONTENT_TITLES).format(product=lead["name"], category=lead["category"])
        description = rng.choice(SPAM_BODIES if spam else CONTENT_BODIES)
        media = [
            {
                "type": kind,
                "url": f"{IMAGE_HOST}/content/{content_id}-{n}.{MEDIA_SUFFIX[kind]}",
                "caption": f"{lead['name']} {'in action' if kind == 'video' else 'close-up'}",
            }
            for n, kind in enumerate(
                rng.choices(("image", "video"), (3, 1), k=rng.randint(1, 3)), start=1
            )
        ]
        views = clicks = conversions = 0
        commission = 0.0
        moderation: dict[str, Any] = {
            "aiAnalysis": moderation_analysis(title, description),
            "action": None,
            "feedback": None,
            "moderatedBy": None,
            "moderatedAt": None,
        }
        prices = [p["price"] for p in linked]
        if status != "pending_review":
            moderation.update(
                action="approve" if status == "approved" else "reject",
                feedback=rng.choice(APPROVE_FEEDBACK if status == "approved" else REJECT_FEEDBACK),
                moderatedBy=MODERATOR,
                moderatedAt=iso(created + timedelta(hours=rng.randint(1, 48))),
            )
        if status == "approved":
            views = rng.randint(200, 20000)
            clicks = round(views * rng.uniform(0.02, 0.12))
            conversions = round(clicks * rng.uniform(0.01, 0.08))
            rate = creators[creator_id]["commissionRate"]
            commission = approval_commission(prices)
            commission = round(commission + conversions * sum(prices) / len(prices) * rate, 2)
        content[content_id] = {
            "id": content_id,
            "creatorId": creator_id,
            "title": title,
            "description": description,
            "media": media,
            "products": [p["id"] for p in linked],
            "tags": sorted({slug(lead["category"]), *rng.sample(CONTENT_TAGS, 2)}),
            "status": status,
            "views": views,
            "clicks": clicks,
            "conversions": conversions,
            "commission": commission,
            "moderation": moderation,
            "createdAt": iso(created),
            "updatedAt": moderation["moderatedAt"] or iso(created),
        }
    return content


def _reviews(rng: random.Random, products: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    reviewed = [p for p in products.values() if p["status"] != "draft"]
    reviews: dict[str, dict[str, Any]] = {}
    for index in range(REVIEW_COUNT):
        review_id = f"review-{index + 1:04d}"
        product = rng.choice(reviewed)
        rating = rng.choices((5, 4, 3, 2, 1), (45, 28, 13, 8, 6))[0]
        photo_count = rng.choice((0, 0, 1, 2))
        photos = [f"{IMAGE_HOST}/reviews/{review_id}-{n}.jpg" for n in range(1, photo_count + 1)]
        created = BASE_TIME + timedelta(minutes=rng.randint(0, 180 * 24 * 60))
        first = rng.choice(FIRST_NAMES)
        reviews[review_id] = {
            "id": review_id,
            "productId": product["id"],
            "author": f"{first} {rng.choice(LAST_NAMES)[0]}.",
            "rating": rating,
            "title": rng.choice(REVIEW_TITLES[rating]),
            "content": rng.choice(REVIEW_BODIES[rating]),
            "verified": rng.random() < 0.7,
            "photos": photos,
            "helpfulCount": rng.randint(0, 40),
            "createdAt": iso(created),
        }
    return reviews
