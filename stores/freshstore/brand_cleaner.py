"""``POST /api/brands/clean``'s classifier: one deterministic verdict per brand.

- gibberish or generic-OEM titles with at most one product: deleted
- niche-fit brands with two or more products: enabled (title-cased), capped by ``keep_top``
- everything else: kept disabled
"Brand: Foo, Inc." prefixes/suffixes from Amazon data are stripped first.
With a ``niche``, a brand fits when one of its products' categories shares a word
stem with the niche; without one, every brand fits.
"""

from __future__ import annotations

from typing import Any

from stores.freshstore import ai
from stores.freshstore.db import FreshDB
from stores.freshstore.timefmt import now_iso

GENERIC_WORDS = {"generic", "oem", "unbranded", "no brand"}


def fix_title(title: str) -> str:
    fixed = title.removeprefix("Brand: ").strip()
    for suffix in (", Inc.", ", Inc", " Inc."):
        fixed = fixed.removesuffix(suffix)
    return fixed.strip()


def is_gibberish(title: str) -> bool:
    lowered = title.lower()
    no_vowels = not any(vowel in lowered for vowel in "aeiouy")
    return no_vowels or any(word in GENERIC_WORDS for word in lowered.split())


def fits_niche(db: FreshDB, brand_id: int, niche: str | None) -> bool:
    stems = [word[:4] for word in (niche or "").lower().split() if len(word) >= 3]
    if not stems:
        return True
    titles = {
        category["title"].lower()
        for product in db.brand_products(brand_id)
        for category in db.categories_of(product["id"])
    }
    return any(stem in title for stem in stems for title in titles)


def clean_brands(db: FreshDB, niche: str | None, keep_top: int | None) -> dict[str, Any]:
    counts = {"classified": 0, "enabled": 0, "capped": 0, "deleted": 0}
    counts |= {"kept_disabled": 0, "title_fixes": 0}
    approved: list[tuple[int, int]] = []  # (-products, id)
    for brand in list(db.brands.values()):
        counts["classified"] += 1
        fixed = fix_title(brand["title"])
        if fixed != brand["title"]:
            counts["title_fixes"] += 1
            brand["title"] = fixed
        products = len(db.brand_products(brand["id"]))
        if is_gibberish(fixed) and products <= 1:
            db.delete_brand(brand["id"])
            counts["deleted"] += 1
        elif products >= 2 and fits_niche(db, brand["id"], niche):
            brand["title"] = ai.title_case(fixed)
            approved.append((-products, brand["id"]))
        else:
            brand["enabled"] = False
            counts["kept_disabled"] += 1
        brand["updated_at"] = now_iso()
    for rank, (_, brand_id) in enumerate(sorted(approved)):
        keep = keep_top is None or rank < keep_top
        db.brands[brand_id]["enabled"] = keep
        counts["enabled" if keep else "capped"] += 1
    db.spend_ai_tokens(ai.TOKENS_PER_CALL)
    return counts
