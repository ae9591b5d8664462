"""The deterministic "AI" behind the AI endpoints, product creation and content
moderation. No network and no randomness: the same input gives the same output.

- ``generate_description``: a template per brand voice filled from the product
  name, features and audience, cut at a word boundary to ``max_length``.
- ``analyze_text``: sentiment, spam score (0-1), quality score (0-10), language
  and confidence from fixed word lists.
- ``suggest_categories``: categories from a keyword map, plus matching
  existing categories, with a confidence from how many keywords matched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MODEL = "gpt-4"

VOICE_OPENERS: dict[str, str] = {
    "professional": "Experience {name}, engineered for {audience}.",
    "casual": "Meet {name}, your new go-to for {audience}.",
    "playful": "Say hello to {name}, the fun upgrade {audience} have been waiting for!",
    "luxury": "Indulge in {name}, an exquisite choice for discerning {audience}.",
    "friendly": "We made {name} with {audience} in mind.",
    "technical": "{name}: a precisely specified product for {audience}.",
}
DEFAULT_VOICE = "professional"
VOICE_CLOSERS: dict[str, str] = {
    "professional": "Built to perform every day and backed by our quality promise.",
    "casual": "Easy to love, easy to use, and ready when you are.",
    "playful": "Go on, treat yourself, you deserve it!",
    "luxury": "Crafted without compromise for those who expect the exceptional.",
    "friendly": "We think you'll love it as much as we do.",
    "technical": "Full specifications are available on request.",
}


def word_set(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text``."""
    return frozenset(text.split())


POSITIVE_WORDS = word_set(
    "amazing awesome best beautiful brilliant love loved loves great excellent "
    "fantastic perfect recommend recommended happy wonderful incredible favorite "
    "favourite glowing impressive soft smooth comfortable delicious effective "
    "gorgeous superb nice good life-changing exceeded outstanding"
)
NEGATIVE_WORDS = word_set(
    "bad terrible awful worst hate hated broken disappointing disappointed poor "
    "cheap useless waste refund return returned horrible flimsy sticky greasy smelly "
    "rash irritation faulty"
)
SPAM_WORDS = word_set(
    "free click buy now cheap winner win prize guaranteed http https www discount "
    "promo subscribe follow dm bitcoin crypto limited offer"
)
LANGUAGE_WORDS: dict[str, frozenset[str]] = {
    "en": word_set("the and is this it with for my of to a product love great"),
    "es": word_set("el la es este producto con para mi de y muy me encanta"),
    "fr": word_set("le la est ce produit avec pour mon de et très j'adore"),
    "de": word_set("der die das ist dieses produkt mit für mein und sehr toll"),
}
ANALYSES = ("sentiment", "spam", "quality")

CATEGORY_KEYWORDS: dict[str, tuple[str, ...]] = {
    "Organic Tea": ("organic tea", "loose leaf"),
    "Green Tea": ("green tea", "sencha", "matcha"),
    "Tea": ("tea", "chamomile", "herbal"),
    "Coffee": ("coffee", "espresso", "beans", "pour-over"),
    "Beverages": ("tea", "coffee", "juice", "drink", "beverage"),
    "Health & Wellness": ("organic", "herbal", "wellness", "vitamin", "health", "yoga"),
    "Skincare": ("serum", "cream", "moisturi", "skin", "spf", "sunscreen", "cleanser"),
    "Beauty": ("beauty", "makeup", "lipstick", "mascara", "fragrance"),
    "Audio": ("headphone", "earbud", "speaker", "sound", "audio"),
    "Electronics": ("wireless", "bluetooth", "charger", "keyboard", "mouse", "smart", "usb"),
    "Wearables": ("watch", "fitness tracker", "band"),
    "Fitness": ("fitness", "running", "yoga", "workout", "gym", "trekking"),
    "Sports": ("running", "shoes", "poles", "bottle", "sport", "hiking", "trail"),
    "Kitchen": ("knife", "skillet", "pan", "baking", "cookware", "kitchen"),
    "Home": ("towel", "duvet", "diffuser", "candle", "bedding", "home", "lamp"),
    "Toys": ("toy", "blocks", "train", "plush", "kids", "puzzle"),
    "Fashion": ("shirt", "dress", "jacket", "scarf", "sneaker", "bag"),
    "Pets": ("dog", "cat", "pet", "leash"),
}


@dataclass(frozen=True)
class Generated:
    """A generated description and its metadata."""

    description: str
    tokens: int
    processing_time: float


def words_of(text: str) -> list[str]:
    """Lower-case words (letters, digits, apostrophes and hyphens)."""
    return re.findall(r"[\w'\-!]+", text.lower())


def truncate(text: str, max_length: int) -> str:
    """``text`` cut to at most ``max_length`` characters at a word boundary."""
    if len(text) <= max_length:
        return text
    cut = text[: max_length - 3].rsplit(" ", 1)[0].rstrip(",.;: ")
    return (cut or text[: max_length - 3]) + "..."


def generate_description(
    product_name: str,
    features: list[str] | None = None,
    target_audience: str | None = None,
    brand_voice: str | None = None,
    max_length: int = 500,
) -> Generated:
    """A product description in the requested voice, at most ``max_length`` long."""
    voice = (brand_voice or DEFAULT_VOICE).lower()
    if voice not in VOICE_OPENERS:
        voice = DEFAULT_VOICE
    audience = target_audience or "everyday life"
    parts = [VOICE_OPENERS[voice].format(name=product_name, audience=audience)]
    if features:
        listed = ", ".join(f.strip().lower() for f in features[:-1])
        last = features[-1].strip().lower()
        joined = f"{listed} and {last}" if listed else last
        parts.append(f"It features {joined}.")
    parts.append(VOICE_CLOSERS[voice])
    text = truncate(" ".join(parts), max_length)
    tokens = max(1, round(len(text.split()) * 1.3))
    return Generated(text, tokens, round(0.4 + tokens * 0.013, 1))


def detect_language(words: list[str]) -> tuple[str, int]:
    """The language whose word list matches most words, and how many matched."""
    best, hits = "en", 0
    for language, vocabulary in LANGUAGE_WORDS.items():
        count = sum(1 for w in words if w in vocabulary)
        if count > hits:
            best, hits = language, count
    return best, hits


def analyze_text(text: str, analyses: tuple[str, ...] | list[str] = ANALYSES) -> dict[str, object]:
    """The requested analyses of ``text`` plus its language and a confidence."""
    words = words_of(text)
    total = max(1, len(words))
    positive = sum(1 for w in words if w.strip("!") in POSITIVE_WORDS)
    negative = sum(1 for w in words if w.strip("!") in NEGATIVE_WORDS)
    spammy = sum(1 for w in words if w in SPAM_WORDS or w.strip("!") in SPAM_WORDS)
    shouting = sum(1 for w in text.split() if len(w) > 3 and w.isupper())
    exclaims = text.count("!")
    result: dict[str, object] = {}
    if "sentiment" in analyses:
        if positive > negative:
            result["sentiment"] = "positive"
        elif negative > positive:
            result["sentiment"] = "negative"
        else:
            result["sentiment"] = "neutral"
    if "spam" in analyses:
        score = 0.01 + 0.6 * spammy / total + 0.05 * min(shouting, 4) + 0.02 * min(exclaims, 5)
        result["spamScore"] = round(min(score, 0.99), 2)
    if "quality" in analyses:
        length_points = min(len(words), 60) / 60 * 4.0
        variety = len(set(words)) / total * 3.0
        penalty = 0.5 * spammy + 0.3 * shouting
        quality = 3.0 + length_points + variety - penalty
        result["qualityScore"] = round(max(0.0, min(10.0, quality)), 1)
    language, hits = detect_language(words)
    result["language"] = language
    matched = positive + negative + spammy + hits
    result["confidence"] = round(min(0.99, 0.6 + 0.08 * matched), 2)
    return result


def suggest_categories(
    title: str, description: str | None = None, existing: list[str] | None = None
) -> tuple[list[str], float]:
    """Category suggestions for a product, best first, and the confidence."""
    text = f"{title} {description or ''}".lower()
    scored: list[tuple[int, int, str]] = []
    for order, (category, keywords) in enumerate(CATEGORY_KEYWORDS.items()):
        hits = sum(1 for k in keywords if k in text)
        if hits:
            scored.append((-hits, order, category))
    suggestions = [c for _, _, c in sorted(scored)]
    for category in existing or []:
        if category.lower() in text and category not in suggestions:
            suggestions.append(category)
    if not suggestions:
        return ["General"], 0.35
    matched = -sum(h for h, _, _ in scored)
    return suggestions[:6], round(min(0.99, 0.55 + 0.06 * matched), 2)
