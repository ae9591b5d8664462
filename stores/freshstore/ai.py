"""The store's "AI": deterministic writers standing in for the model calls behind
the AI endpoints. Same input, same output; no network. Token costs are charged to
``GET /api/data/openai-tokens``."""

from __future__ import annotations

import hashlib

TOKENS_PER_CALL = 1_200

ICONS: dict[str, str] = {
    "emoji-nature": "Bee",
    "local-florist": "Flower",
    "camera-alt": "Camera",
    "directions-bike": "Bicycle",
    "kitchen": "Kitchen",
    "headphones": "Headphones",
    "fitness-center": "Dumbbell",
    "spa": "Spa",
    "pets": "Paw",
    "coffee": "Coffee Cup",
    "toys": "Toy",
    "home": "House",
    "shopping-bag": "Shopping Bag",
}
DEFAULT_ICON = "shopping-bag"
ICON_KEYWORDS: dict[str, tuple[str, ...]] = {
    "emoji-nature": ("bee", "honey", "garden", "herb", "nature"),
    "local-florist": ("flower", "plant", "floral"),
    "camera-alt": ("camera", "photo", "film"),
    "directions-bike": ("cycl", "bike", "bicycle"),
    "kitchen": ("kitchen", "cook", "bak"),
    "headphones": ("audio", "music", "headphone", "tech"),
    "fitness-center": ("fitness", "gym", "sport", "yoga", "run"),
    "spa": ("skin", "beauty", "spa", "wellness"),
    "pets": ("pet", "dog", "cat"),
    "coffee": ("coffee", "tea", "espresso"),
    "toys": ("toy", "kid", "baby"),
    "home": ("home", "decor", "furniture", "bedding"),
}

CATEGORY_FACETS = [
    "Essentials",
    "Accessories",
    "Starter Kits",
    "Care & Maintenance",
    "Gifts",
    "Premium Picks",
    "Spare Parts",
    "Storage",
    "Books & Guides",
    "Deals",
    "Collectibles",
    "Outdoor",
    "Travel",
    "Tools",
    "Kids",
    "Eco-Friendly",
    "Bundles",
    "Bestsellers",
    "New Arrivals",
    "Vintage",
]
SUBCATEGORY_FACETS = ["Beginner", "Professional", "Budget", "Premium", "Compact"]
TOPIC_TEMPLATES = [
    "Beginner's Guide to {niche}",
    "10 Mistakes to Avoid With {niche}",
    "How to Choose the Right {niche} Gear",
    "Caring for Your {niche} Equipment",
    "{niche} on a Budget: What Is Worth Buying",
    "The History of {niche}",
    "Expert Tips for Getting More From {niche}",
    "Gift Ideas for {niche} Fans",
    "What We Learned Testing {niche} Products",
    "Seasonal Checklist for {niche}",
]


def title_case(text: str) -> str:
    return " ".join(word[:1].upper() + word[1:] for word in text.split())


def pick_icon(niche: str) -> str:
    """The icon whose keywords match the niche; a stable hash picks otherwise."""
    lowered = niche.lower()
    for icon, keywords in ICON_KEYWORDS.items():
        if any(word in lowered for word in keywords):
            return icon
    choices = [icon for icon in ICONS if icon != DEFAULT_ICON]
    digest = int(hashlib.sha256(lowered.encode()).hexdigest(), 16)
    return choices[digest % len(choices)]


def category_list(niche: str, max_categories: int, max_subcategories: int) -> list[dict]:
    """Main categories for a niche, each with 3 to 5 subcategories (never empty)."""
    subcount = min(5, max(3, max_subcategories))
    name = title_case(niche)
    return [
        {
            "title": f"{name} {facet}",
            "subcategories": [f"{sub} {facet}" for sub in SUBCATEGORY_FACETS[:subcount]],
        }
        for facet in CATEGORY_FACETS[:max_categories]
    ]


def topics(niche: str, count: int) -> list[str]:
    name = title_case(niche)
    return [template.format(niche=name) for template in TOPIC_TEMPLATES[:count]]


def category_copy(title: str, niche: str) -> dict[str, str]:
    return {
        "subtitle": f"Hand-picked {title.lower()} for {niche} fans",
        "link_title": title,
        "content_top": f"<p>Discover our favourite {title.lower()}, compared across merchants.</p>",
        "content_bottom": f"<p>Every {title.lower()} pick is checked daily.</p>",
        "meta_title": f"Best {title} ({niche.title()})"[:255],
        "meta_keywords": f"{title.lower()}, {niche.lower()}",
        "meta_description": f"Compare the best {title.lower()} from trusted merchants.",
    }


def article_copy(title: str, keyword: str | None) -> dict[str, str]:
    focus = keyword or title.lower()
    return {
        "subtitle": f"Everything you need to know about {focus}",
        "content": f"<h2>{title}</h2><p>This guide covers {focus} step by step.</p>",
        "meta_title": title[:255],
        "meta_keywords": focus,
        "meta_description": f"{title}: an in-depth guide to {focus}.",
    }


def stock_text(key: str, niche: str) -> str:
    label = key.lower().replace("_", " ")
    return f"{title_case(niche)} favourites, chosen with care ({label})"
