"""Litestore's writes (seed ``000``): products, creator content and its moderation,
reviews, and the three AI helpers.

Litestore knows only API keys, so who may write is the gateway's to decide: anyone
may review a product and mark a review helpful (a shopper); a creator submits
content for themselves (an operator token with role ``creator`` and their
``creator_id``), a moderator approves or rejects it; the catalogue is for catalogue
editors, deletes for admins. Moderation drops the cached content lists and the
creator's analytics, so an approval shows at once rather than after the cache's TTL.
"""

from __future__ import annotations

from decimal import Decimal
from enum import Enum
from typing import Any, TypedDict

import strawberry

from gateway.sources import Source
from gateway.writes.spec import Access, Call, Field, Naming, Shape, Write
from resolvers import litestore as fetch
from schema.common import ProductStatus
from schema.litestore import CreatorContent, LitestoreProduct, LitestoreReview
from schema.writes.kit import deleted_id, object_id, returned, update_of

SOURCE = Source.LITESTORE
MAX_PRICE = 1_000_000
CATALOG = Access.of("catalog_editor")
ADMIN = Access.of("admin")
SHOPPER = Access.of(public=True)
AI = Access.of("catalog_editor", "moderator")


def write(name: str, description: str, method: str, path: str, **kw: Any) -> Write:
    return Write(
        name=name,
        description=description,
        source=SOURCE,
        method=method,
        path=path,
        naming=Naming.CAMEL,
        **kw,
    )


@strawberry.enum(description="What a moderator decides about creator content.")
class ModerationAction(Enum):
    APPROVE = strawberry.enum_value("approve", description="Publish it (the commission is due).")
    REJECT = strawberry.enum_value("reject", description="Turn it down.")


@strawberry.enum(description="What kind of media a creator attaches.")
class ContentMediaType(Enum):
    IMAGE = strawberry.enum_value("image", description="A picture.")
    VIDEO = strawberry.enum_value("video", description="A video.")


@strawberry.enum(description="What the AI content analysis reports.")
class ContentAnalysisKind(Enum):
    SENTIMENT = strawberry.enum_value("sentiment", description="Positive, neutral or negative.")
    SPAM = strawberry.enum_value("spam", description="How likely it is spam (0-1).")
    QUALITY = strawberry.enum_value("quality", description="A quality score (0-10).")


@strawberry.type(description="What the AI wrote for a product, and what it cost.")
class GeneratedDescription:
    description: str = strawberry.field(description="The description written.")
    tokens: int | None = strawberry.field(description="Model tokens it took.")
    processing_time: float | None = strawberry.field(description="Seconds it took.")
    model: str | None = strawberry.field(description="The model that wrote it.")

    @staticmethod
    def from_json(body: dict[str, Any]) -> GeneratedDescription:
        meta = body.get("metadata") or {}
        return GeneratedDescription(
            description=body.get("description", ""),
            tokens=meta.get("tokens"),
            processing_time=meta.get("processingTime"),
            model=meta.get("model"),
        )


@strawberry.type(description="The AI's reading of a text.")
class TextAnalysis:
    sentiment: str | None = strawberry.field(
        description="The tone: `positive`, `neutral` or `negative`."
    )
    spam_score: float | None = strawberry.field(description="How likely it is spam (0-1).")
    quality_score: float | None = strawberry.field(description="Quality (0-10).")
    language: str | None = strawberry.field(description="ISO 639-1 language code.")
    confidence: float | None = strawberry.field(description="How sure the analysis is (0-1).")

    @staticmethod
    def from_json(body: dict[str, Any]) -> TextAnalysis:
        return TextAnalysis(
            sentiment=body.get("sentiment"),
            spam_score=body.get("spamScore"),
            quality_score=body.get("qualityScore"),
            language=body.get("language"),
            confidence=body.get("confidence"),
        )


@strawberry.type(description="Categories the AI suggests for a product.")
class CategorySuggestions:
    suggestions: list[str] = strawberry.field(description="Category names, best first.")
    confidence: float | None = strawberry.field(description="How sure it is (0-1).")

    @staticmethod
    def from_json(body: dict[str, Any]) -> CategorySuggestions:
        return CategorySuggestions(
            suggestions=list(body.get("suggestions") or []), confidence=body.get("confidence")
        )


class Lengths(TypedDict):
    """A text field's length bounds, shared by several declarations."""

    min_length: int
    max_length: int


NAME: Lengths = {"min_length": 1, "max_length": 200}
TAGS = Field("tags", str, "Free tags.", many=True, min_length=1, max_length=50, max_items=20)
PRODUCT_FIELDS = (
    Field("name", str, "The product's name.", required=True, **NAME),
    Field("description", str, "What it is.", max_length=5000),
    Field("price", Decimal, "Its price.", required=True, gt=0, le=MAX_PRICE, decimals=2),
    Field("category", str, "Its category's name, e.g. Skincare.", **NAME),
    Field("images", str, "Image URLs.", many=True, min_length=1, max_length=500, max_items=20),
    TAGS,
    Field("gtin", str, "GTIN/EAN/UPC, 8-14 digits.", pattern=r"^\d{8,14}$"),
    Field("mpn", str, "Manufacturer part number.", min_length=1, max_length=64),
)
PRODUCT_ID = object_id("id", "LitestoreProduct", "The product.")
PRODUCT_STALE = ("/api/products", "/api/products/{id}")
MEDIA = Shape(
    "LitestoreMediaInput",
    "A picture or video attached to creator content.",
    (
        Field("type", ContentMediaType, "Picture or video.", required=True),
        Field("url", str, "Where it is.", required=True, min_length=1, max_length=500),
        Field("caption", str, "What it shows.", max_length=300),
    ),
)
MODIFICATIONS = Shape(
    "LitestoreContentChangesInput",
    "Changes a moderator makes to content as they approve it.",
    (
        Field("title", str, "A better title.", **NAME),
        Field("description", str, "A better description.", max_length=5000),
        TAGS,
    ),
)
CONTENT_STALE = ("/api/creators/content", "/api/analytics/creators/{result[creatorId]}")


def _prime_product(context: Any, call: Call) -> None:
    if call.result:
        fetch.product_loader(context).clear(call.result["id"]).prime(call.result["id"], call.result)


def _review_id(compound: str) -> str:
    """A review's own id out of its global id's ``<product id>:<review id>``."""
    return compound.rpartition(":")[2]


def _review(body: dict[str, Any]) -> LitestoreReview:
    return LitestoreReview.from_json(body)


WRITES: tuple[Write, ...] = (
    write(
        "createLitestoreProduct",
        "Add a product (it starts as a draft); `generateDescription` has the AI write its "
        "description.",
        "POST",
        "/api/products",
        fields=(
            *PRODUCT_FIELDS,
            Field("generateDescription", bool, "Let the AI write the description."),
        ),
        results=(
            returned(
                "product", LitestoreProduct, LitestoreProduct.from_json, "The product created."
            ),
        ),
        access=CATALOG,
        stale=("/api/products",),
        prime=_prime_product,
    ),
    write(
        "updateLitestoreProduct",
        "Change a product (only the fields given).",
        "PUT",
        "/api/products/{id}",
        fields=(
            PRODUCT_ID,
            *update_of(PRODUCT_FIELDS),
            Field("status", ProductStatus, "Its lifecycle status."),
        ),
        results=(
            returned(
                "product", LitestoreProduct, LitestoreProduct.from_json, "The product as it is now."
            ),
        ),
        access=CATALOG,
        stale=PRODUCT_STALE,
        prime=_prime_product,
    ),
    write(
        "deleteLitestoreProduct",
        "Delete a product.",
        "DELETE",
        "/api/products/{id}",
        fields=(PRODUCT_ID,),
        results=(deleted_id("LitestoreProduct", SOURCE),),
        access=ADMIN,
        stale=(*PRODUCT_STALE, "/api/creators/content"),
    ),
    write(
        "submitCreatorContent",
        "Submit a creator's content about products for moderation (it starts "
        "`PENDING_REVIEW`, with the AI's spam and quality scores).",
        "POST",
        "/api/creators/content",
        fields=(
            Field(
                "creatorId",
                str,
                "The creator (`Creator.sourceId`).",
                required=True,
                min_length=1,
                max_length=64,
            ),
            Field("title", str, "Its title.", required=True, **NAME),
            Field("description", str, "Its text.", max_length=5000),
            Field("media", MEDIA, "Pictures and videos.", many=True, max_items=20),
            Field(
                "products",
                str,
                "The products it is about.",
                required=True,
                many=True,
                id_of="LitestoreProduct",
                min_length=1,
                max_length=64,
                min_items=1,
                max_items=20,
            ),
            TAGS,
        ),
        results=(
            returned("content", CreatorContent, CreatorContent.from_json, "The content submitted."),
        ),
        access=Access.of("moderator", creator="creatorId"),
        stale=CONTENT_STALE,
    ),
    write(
        "moderateCreatorContent",
        "Approve or reject content awaiting review (approval may change its title, "
        "description and tags, and earns the creator their commission).",
        "POST",
        "/api/creators/content/{id}/moderate",
        fields=(
            object_id("id", "CreatorContent", "The content."),
            Field("action", ModerationAction, "Approve or reject.", required=True),
            Field("feedback", str, "A note to the creator.", max_length=1000),
            Field("modifications", MODIFICATIONS, "Changes applied on approval."),
        ),
        results=(
            returned(
                "content", CreatorContent, CreatorContent.from_json, "The content, moderated."
            ),
        ),
        access=Access.of("moderator"),
        idempotent=True,
        stale=CONTENT_STALE,
        fallback_field="id",
    ),
    write(
        "submitLitestoreReview",
        "Review a product.",
        "POST",
        "/api/products/{productId}/reviews",
        fields=(
            object_id("productId", "LitestoreProduct", "The product reviewed."),
            Field("rating", int, "Stars, 1 to 5.", required=True, ge=1, le=5),
            Field("title", str, "A headline.", required=True, **NAME),
            Field("content", str, "The review.", required=True, min_length=1, max_length=5000),
            Field("verified", bool, "Whether it comes from a verified purchase."),
            Field(
                "photos", str, "Photo URLs.", many=True, min_length=1, max_length=500, max_items=10
            ),
        ),
        results=(returned("review", LitestoreReview, _review, "The review submitted."),),
        access=SHOPPER,
        stale=("/api/products/{productId}/reviews",),
    ),
    write(
        "markLitestoreReviewHelpful",
        "Count a review as helpful (one more vote).",
        "POST",
        "/api/reviews/{id}/helpful",
        fields=(object_id("id", "LitestoreReview", "The review.", to_store=_review_id),),
        results=(returned("review", LitestoreReview, _review, "The review, one vote up."),),
        access=SHOPPER,
        stale=("/api/products/{result[productId]}/reviews",),
    ),
    write(
        "generateLitestoreProductDescription",
        "Have the AI write a product description (counts against the store's 10 a "
        "minute for content generation).",
        "POST",
        "/api/ai/generate-description",
        fields=(
            Field("productName", str, "The product's name.", required=True, **NAME),
            Field(
                "features",
                str,
                "Features to mention.",
                many=True,
                min_length=1,
                max_length=200,
                max_items=20,
            ),
            Field("targetAudience", str, "Who it is for.", max_length=200),
            Field("brandVoice", str, "The tone, e.g. professional.", max_length=50),
            Field("maxLength", int, "At most this many characters.", ge=20, le=5000),
        ),
        results=(
            returned(
                "generated",
                GeneratedDescription,
                GeneratedDescription.from_json,
                "What the AI wrote.",
            ),
        ),
        access=AI,
        idempotent=True,
    ),
    write(
        "analyzeLitestoreContent",
        "Have the AI read a text: sentiment, spam and quality.",
        "POST",
        "/api/ai/analyze-content",
        fields=(
            Field("content", str, "The text.", required=True, min_length=1, max_length=10000),
            Field(
                "analysis",
                ContentAnalysisKind,
                "What to report (default: all).",
                many=True,
                min_items=1,
            ),
        ),
        results=(returned("analysis", TextAnalysis, TextAnalysis.from_json, "What the AI found."),),
        access=AI,
        idempotent=True,
    ),
    write(
        "suggestLitestoreCategories",
        "Have the AI suggest categories for a product.",
        "POST",
        "/api/ai/suggest-categories",
        fields=(
            Field("productTitle", str, "The product's name.", required=True, **NAME),
            Field("description", str, "What it is.", max_length=5000),
            Field(
                "existingCategories",
                str,
                "Categories the store has.",
                many=True,
                **NAME,
                max_items=50,
            ),
        ),
        results=(
            returned(
                "suggested", CategorySuggestions, CategorySuggestions.from_json, "The suggestions."
            ),
        ),
        access=AI,
        idempotent=True,
    ),
)
