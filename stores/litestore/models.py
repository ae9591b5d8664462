"""Request bodies with their field limits. Unknown fields are rejected, and
numbers and booleans must be JSON numbers and booleans (no ``true`` price, no
``"5"`` rating)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Text = Annotated[str, StringConstraints(max_length=5000)]
Tag = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)]
Url = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
Identifier = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]
Price = Annotated[float, Field(strict=True)]
Flag = Annotated[bool, Field(strict=True)]
ProductStatus = Literal["active", "draft", "archived"]
MAX_PRICE = 1_000_000


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


def positive_price(value: float | None) -> float | None:
    if value is not None and not 0 < value <= MAX_PRICE:
        raise ValueError("must be positive number")
    return None if value is None else round(value, 2)


class ProductCreate(Body):
    """``POST /api/products``."""

    name: Name
    description: Text | None = None
    price: Price
    category: Name | None = None
    images: list[Url] = Field(default_factory=list, max_length=20)
    tags: list[Tag] = Field(default_factory=list, max_length=20)
    generateDescription: Flag = False
    gtin: Annotated[str, StringConstraints(pattern=r"^\d{8,14}$")] | None = None
    mpn: Identifier | None = None

    _price = field_validator("price")(positive_price)


class ProductUpdate(Body):
    """``PUT /api/products/{id}``: only the given fields change."""

    name: Name | None = None
    description: Text | None = None
    price: Price | None = None
    category: Name | None = None
    images: list[Url] | None = Field(None, max_length=20)
    tags: list[Tag] | None = Field(None, max_length=20)
    status: ProductStatus | None = None
    gtin: Annotated[str, StringConstraints(pattern=r"^\d{8,14}$")] | None = None
    mpn: Identifier | None = None

    _price = field_validator("price")(positive_price)

    @field_validator("name", "description", "price", "category", "images", "tags", "status")
    @classmethod
    def not_null(cls, value: object) -> object:
        if value is None:
            raise ValueError("may not be null")
        return value


class Media(Body):
    type: Literal["image", "video"]
    url: Url
    caption: Annotated[str, StringConstraints(max_length=300)] | None = None


class ContentSubmit(Body):
    """``POST /api/creators/content``."""

    creatorId: Identifier
    title: Name
    description: Text = ""
    media: list[Media] = Field(default_factory=list, max_length=20)
    products: list[Identifier] = Field(..., min_length=1, max_length=20)
    tags: list[Tag] = Field(default_factory=list, max_length=20)


class ContentModifications(Body):
    title: Name | None = None
    description: Text | None = None
    tags: list[Tag] | None = Field(None, max_length=20)


class ModerationRequest(Body):
    """``POST /api/creators/content/{id}/moderate``."""

    action: Literal["approve", "reject"]
    feedback: Annotated[str, StringConstraints(max_length=1000)] | None = None
    modifications: ContentModifications | None = None


class DescriptionRequest(Body):
    """``POST /api/ai/generate-description``."""

    productName: Name
    features: list[Annotated[str, StringConstraints(min_length=1, max_length=200)]] = Field(
        default_factory=list, max_length=20
    )
    targetAudience: Annotated[str, StringConstraints(max_length=200)] | None = None
    brandVoice: Annotated[str, StringConstraints(max_length=50)] | None = None
    maxLength: int = Field(500, ge=20, le=5000, strict=True)


class AnalyzeRequest(Body):
    """``POST /api/ai/analyze-content``."""

    content: Annotated[str, StringConstraints(min_length=1, max_length=10000)]
    analysis: list[Literal["sentiment", "spam", "quality"]] = Field(
        default_factory=lambda: ["sentiment", "spam", "quality"], min_length=1
    )


class CategoriesRequest(Body):
    """``POST /api/ai/suggest-categories``."""

    productTitle: Name
    description: Text | None = None
    existingCategories: list[Name] = Field(default_factory=list, max_length=50)


class ReviewSubmit(Body):
    """``POST /api/products/{id}/reviews``."""

    rating: int = Field(..., ge=1, le=5, strict=True)
    title: Name
    content: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000)]
    verified: Flag = False
    photos: list[Url] = Field(default_factory=list, max_length=10)


class PurchaseRequest(Body):
    """``POST /__sim/purchase`` (simulator only)."""

    productId: Identifier
    quantity: int = Field(1, ge=1, le=1000, strict=True)
    contentId: Identifier | None = None
