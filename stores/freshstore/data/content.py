"""Seed content: articles and their categories, pages, users, settings, template texts."""

from __future__ import annotations

import copy
import random
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from stores.freshstore.data.catalog import seo_fields
from stores.freshstore.timefmt import BASE_TIME, iso

ARTICLE_CATEGORIES: list[tuple[str, str | None]] = [
    ("Buying Guides", None),
    ("Kitchen Guides", "Buying Guides"),
    ("Tech Guides", "Buying Guides"),
    ("How To", None),
    ("Care & Maintenance", "How To"),
    ("News", None),
    ("Deals", "News"),
    ("Reviews", None),
]

ARTICLE_TOPICS: list[str] = [
    "How to Choose Noise-Cancelling Headphones",
    "The Best Cast Iron Skillets Tested",
    "A Beginner's Guide to Pour-Over Coffee",
    "Green Tea vs Matcha: What's the Difference",
    "Caring for Your Chef Knife",
    "Choosing a Yoga Mat That Lasts",
    "Running Shoes for Flat Feet",
    "How Often Should You Replace Bath Towels",
    "Wooden Toys Worth Passing Down",
    "Sunscreen Ingredients Explained",
    "Mechanical Keyboards for Beginners",
    "How to Season a Skillet",
    "The Best Gifts for Coffee Lovers",
    "Sleep Better With White Noise",
    "Serums vs Moisturisers",
    "Hiking Gear Checklist for Day Trips",
]

PAGES: list[tuple[str | None, str]] = [
    ("homepage", "Home"),
    ("about", "About Us"),
    ("contact", "Contact"),
    ("privacy", "Privacy Policy"),
    ("terms", "Terms of Service"),
    (None, "Shipping Information"),
    (None, "Holiday Gift Guide"),
    (None, "Affiliate Disclosure"),
]

FIRST_NAMES = ["Jane", "Omar", "Priya", "Lukas", "Mei", "Carlos", "Amara", "Tom", "Sofia", "Ken"]
LAST_NAMES = ["Doe", "Haddad", "Sharma", "Becker", "Chen", "Ruiz", "Okafor", "Walsh", "Rossi"]

SETTINGS_GROUPS: dict[str, dict[str, Any]] = {
    "store": {
        "name": "My Fresh Store",
        "url": "https://freshstore.example",
        "niche": "home & kitchen",
        "live": True,
        "default_country": "US",
        "enabled_countries": ["US", "GB", "DE"],
        "version": "3.2.0",
        "cart_enabled": False,
        "advanced_mode": True,
        "pixabay_api_key": "",
        "pexels_api_key": "",
        "unsplash_api_key": "",
    },
    "offers": {
        "amazon_enabled": True,
        "ebay_enabled": True,
        "walmart_enabled": True,
        "etsy_enabled": True,
        "aliexpress_enabled": True,
        "amazon_affiliate_tag": "",
        "ebay_campaign_id": "5338001234",
        "price_update_hours": 24,
        "show_out_of_stock": False,
    },
    "product": {
        "show_reviews": True,
        "show_price_history": True,
        "show_brand": True,
        "related_count": 8,
    },
    "traffic": {
        "matomo_enabled": True,
        "google_analytics_id": "G-FRESH0001",
        "cookie_consent": True,
    },
    "article": {
        "per_page": 12,
        "show_author": True,
        "related_count": 3,
    },
    "social": {
        "facebook_url": "https://facebook.com/freshstore",
        "instagram_url": "https://instagram.com/freshstore",
        "x_url": "",
        "pinterest_url": "",
    },
    "template": {
        "name": "crystal",
        "logo_icon": "shopping-bag",
        "logo_url": "",
        "primary_color": "#2f855a",
        "show_newsletter": True,
    },
    "xml-sitemap": {
        "enabled": True,
        "include_products": True,
        "include_articles": True,
        "change_frequency": "daily",
    },
}

DEFAULT_STOCK_TEXT = "Bringing you the best products"
# Template text rows: the first seven still hold the generic default.
STOCK_TEXT_KEYS: list[str] = [
    "HOMEPAGE_OFFER_BOX_TITLE",
    "HOMEPAGE_TESTIMONIAL_TEXT_1",
    "HOMEPAGE_TESTIMONIAL_TEXT_2",
    "HOMEPAGE_TESTIMONIAL_TEXT_3",
    "ABOUT_PAGE_INTRO",
    "ABOUT_PAGE_MISSION",
    "HOMEPAGE_CONTENT_ABOVE_HERO",
    "HOMEPAGE_SECTION_TITLE_PRODUCTS",
    "HOMEPAGE_SECTION_TITLE_ARTICLES",
    "FOOTER_TAGLINE",
    "NEWSLETTER_TITLE",
    "CONTACT_PAGE_INTRO",
]
DEFAULT_STOCK_ROWS = 7


@dataclass
class Content:
    """Content tables and their link tables."""

    article_categories: dict[int, dict[str, Any]] = field(default_factory=dict)
    articles: dict[int, dict[str, Any]] = field(default_factory=dict)
    article_links: dict[int, list[int]] = field(default_factory=dict)
    pages: dict[int, dict[str, Any]] = field(default_factory=dict)
    users: dict[int, dict[str, Any]] = field(default_factory=dict)
    settings: dict[str, dict[str, Any]] = field(default_factory=dict)
    stock_texts: dict[str, str] = field(default_factory=dict)


def image_url(kind: str, slug: str) -> str:
    return f"https://images.freshstore.example/{kind}/{slug}.jpg"


def build_content(rng: random.Random) -> Content:
    content = Content()
    ids: dict[str, int] = {}
    for index, (title, parent) in enumerate(ARTICLE_CATEGORIES):
        row_id = index + 1
        created = iso(BASE_TIME - timedelta(days=10) + timedelta(hours=row_id))
        content.article_categories[row_id] = {
            "id": row_id,
            "parent_id": ids[parent] if parent else None,
            **seo_fields(title, f"Articles filed under {title.lower()}."),
            "content_top": f"<p>Our latest {title.lower()}.</p>",
            "content_bottom": "",
            "enabled": True,
            "sort_order": index,
            "created_at": created,
            "updated_at": created,
        }
        ids[title] = row_id

    for index in range(40):
        article_id = index + 1
        topic = ARTICLE_TOPICS[index % len(ARTICLE_TOPICS)]
        title = topic if index < len(ARTICLE_TOPICS) else f"{topic} ({2026 - index // 16})"
        created = BASE_TIME + timedelta(days=index * 1.5, hours=rng.randint(0, 12))
        generated = 1 if index % 3 != 0 else 0
        slug = seo_fields(title, "")["slug"]
        hero = image_url("articles/hero", slug) if index % 4 != 3 else None
        filled = hero is not None and index % 2 == 0
        content.articles[article_id] = {
            "id": article_id,
            **seo_fields(title, f"{title}: everything you need to know."),
            "content": f"<h2>{title}</h2><p>Our editors explain what matters and why.</p>",
            "enabled": index % 9 != 8,
            "generated": generated,
            "published_at": iso(created + timedelta(hours=2)),
            "created_at": iso(created),
            "updated_at": iso(created),
            "_product_category_id": None,
            "_images": {
                "heroImage": hero,
                "listingImage": image_url("articles/listing", slug) if filled else None,
                "socialImage": image_url("articles/social", slug) if filled else None,
            },
        }
        content.article_links[article_id] = sorted({1 + index % 8, 1 + (index * 3) % 8})

    for index, (key, title) in enumerate(PAGES):
        page_id = index + 1
        created = iso(BASE_TIME - timedelta(days=40) + timedelta(hours=page_id))
        content.pages[page_id] = {
            "id": page_id,
            "key": key,
            **seo_fields(title, f"{title} - FreshStore."),
            "content": f"<h1>{title}</h1><p>Welcome to FreshStore.</p>",
            "enabled": True,
            "created_at": created,
            "updated_at": created,
        }

    for index in range(26):
        user_id = index + 1
        first = FIRST_NAMES[index % len(FIRST_NAMES)]
        last = LAST_NAMES[(index * 7) % len(LAST_NAMES)]
        roles = ["admin"] if index == 0 else ["editor"] if index < 3 else ["customer"]
        content.users[user_id] = {
            "id": user_id,
            "firstName": first,
            "lastName": last,
            "email": f"{first.lower()}.{last.lower()}{index if index >= 10 else ''}@example.com",
            "roles": roles,
            "_newsletter": rng.random() < 0.7,
            "_deleted": index == 25,
        }

    content.settings = copy.deepcopy(SETTINGS_GROUPS)
    content.stock_texts = {
        key: DEFAULT_STOCK_TEXT if n < DEFAULT_STOCK_ROWS else f"Custom copy for {key.lower()}"
        for n, key in enumerate(STOCK_TEXT_KEYS)
    }
    return content
