"""Request bodies with the seed's field rules (required fields, max lengths,
max array sizes, enums). ``*Update`` models make every field optional but refuse
an explicit ``null`` for fields the create form requires."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

Str255 = Annotated[str, Field(max_length=255)]
Str50 = Annotated[str, Field(max_length=50)]
Str10 = Annotated[str, Field(max_length=10)]
Role = Literal["admin", "editor", "author", "customer"]
ImageSource = Literal["auto", "stock", "ai"]
MerchantApi = Literal["amazon", "aliexpress", "ebay", "etsy", "walmart"]
CleanOperation = Literal[
    "expired_offers",
    "out_of_stock_offers",
    "offerless_products",
    "empty_brands",
    "empty_categories",
]


class Body(BaseModel):
    """Unknown fields are ignored, as Laravel's validated() does."""

    model_config = ConfigDict(extra="ignore")

    def given(self) -> dict[str, Any]:
        """The fields the client sent."""
        return self.model_dump(exclude_unset=True)


def refuse_null(value: Any, info: ValidationInfo) -> Any:
    if value is None:
        raise ValueError(f"The {(info.field_name or '').replace('_', ' ')} field is required.")
    return value


# -- products -------------------------------------------------------------------
class ProductFields(Body):
    slug: Str255 | None = None
    subtitle: str | None = None
    link_title: str | None = None
    content: str | None = None
    content_bottom: str | None = None
    highlights: list[Any] | None = None
    summary: str | None = None
    meta_title: Str255 | None = None
    meta_keywords: Str255 | None = None
    meta_description: str | None = None
    review_quantity: int | None = Field(None, ge=0)
    review_score: float | None = Field(None, ge=0, le=5)
    enabled: bool | None = None
    in_sitemap: bool | None = None
    brand_id: int | None = Field(None, description="Must exist in brands")
    upc: Str255 | None = None
    ean: Str255 | None = None
    isbn: Str255 | None = None
    mpn: Str255 | None = None


class ProductCreate(ProductFields):
    title: Str255


class ProductUpdate(ProductFields):
    title: Str255 | None = None
    _title = field_validator("title", mode="before")(refuse_null)


class CategoryIds(Body):
    category_ids: list[int]


class ProductIds(Body):
    product_ids: list[int]


class ImportLinks(Body):
    links: list[str] = Field(..., min_length=1, max_length=100)
    categories: list[int] | None = None


# -- offers ---------------------------------------------------------------------
class OfferFields(Body):
    uuid: Str255 | None = None
    merchant_product_id: Str255 | None = Field(None, description="Deprecated alias")
    summary: str | None = None
    features: list[Any] | None = None
    currency: Str10 | None = None
    price: float | None = Field(None, ge=0)
    price_full: float | None = Field(None, ge=0)
    min_price: float | None = Field(None, ge=0)
    max_price: float | None = Field(None, ge=0)
    condition: Str50 | None = None
    stock_available: bool | None = None
    enabled: bool | None = None
    locale: Str10 | None = None
    images: list[Any] | None = None

    @field_validator("url_detail", mode="after", check_fields=False)
    @classmethod
    def full_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError("The url detail field must be a valid URL.")
        return value


class OfferCreate(OfferFields):
    merchant: Str255
    title: Str255
    merchant_offer_id: Str255 | None = Field(None, description="Required (or its alias)")
    url_detail: str


class OfferUpdate(OfferFields):
    merchant: Str255 | None = None
    title: Str255 | None = None
    merchant_offer_id: Str255 | None = None
    url_detail: str | None = None
    _required = field_validator(
        "merchant", "title", "merchant_offer_id", "url_detail", mode="before"
    )(refuse_null)


# -- categories, brands, article categories ---------------------------------------
class CategoryFields(Body):
    slug: Str255 | None = None
    parent_id: int | None = Field(None, description="Must exist in categories")
    subtitle: str | None = None
    link_title: str | None = None
    content_top: str | None = None
    content_bottom: str | None = None
    meta_title: str | None = None
    meta_keywords: str | None = None
    meta_description: str | None = None
    enabled: bool | None = None
    sort_order: int | None = None


class CategoryCreate(CategoryFields):
    title: Str255
    generate_ai_content: bool | None = None
    generate_images: bool | None = None
    image_source: ImageSource | None = None


class CategoryUpdate(CategoryFields):
    title: Str255 | None = None
    generate_ai_content: bool | None = None
    generate_images: bool | None = None
    image_source: ImageSource | None = None
    _title = field_validator("title", mode="before")(refuse_null)


class ArticleCategoryCreate(CategoryFields):
    title: Str255


class ArticleCategoryUpdate(CategoryFields):
    title: Str255 | None = None
    _title = field_validator("title", mode="before")(refuse_null)


class BrandFields(Body):
    slug: Str255 | None = None
    subtitle: str | None = None
    link_title: str | None = None
    content: str | None = None
    content_bottom: str | None = None
    meta_title: str | None = None
    meta_keywords: str | None = None
    meta_description: str | None = None
    enabled: bool | None = None


class BrandCreate(BrandFields):
    title: Str255


class BrandUpdate(BrandFields):
    title: Str255 | None = None
    _title = field_validator("title", mode="before")(refuse_null)


# -- articles and pages -------------------------------------------------------------
class ArticleFields(Body):
    slug: Str255 | None = None
    subtitle: str | None = None
    link_title: str | None = None
    content: str | None = None
    meta_title: str | None = None
    meta_keywords: str | None = None
    meta_description: str | None = None
    enabled: bool | None = None
    published_at: datetime | date | None = None
    product_category_id: int | None = Field(None, description="Must exist in categories")
    article_categories: list[int] | None = None
    generate_ai_content: bool | None = None
    generate_seo_keyword: Str255 | None = None
    generate_images: bool | list[Literal["listing", "hero", "social"]] | None = None
    image_source: ImageSource | None = None


class ArticleCreate(ArticleFields):
    title: Str255


class ArticleUpdate(ArticleFields):
    title: Str255 | None = None
    _title = field_validator("title", mode="before")(refuse_null)


class PageFields(Body):
    key: Str255 | None = None
    slug: Str255 | None = None
    subtitle: str | None = None
    link_title: str | None = None
    content: str | None = None
    meta_title: str | None = None
    meta_keywords: str | None = None
    meta_description: str | None = None
    enabled: bool | None = None
    generate_ai_content: bool | None = None


class PageCreate(PageFields):
    title: Str255


class PageUpdate(PageFields):
    title: Str255 | None = None
    generate_images: bool | None = None
    image_source: ImageSource | None = None
    _title = field_validator("title", mode="before")(refuse_null)


# -- users ------------------------------------------------------------------------
def valid_email(value: str | None) -> str | None:
    if value is not None:
        local, at, domain = value.partition("@")
        if not (local and at and "." in domain and " " not in value):
            raise ValueError("The email field must be a valid email address.")
    return value


class UserCreate(Body):
    email: Str255
    password: Str255 | None = None
    first_name: Str255 | None = None
    last_name: Str255 | None = None
    roles: list[Role] | None = None
    newsletter: bool | None = None
    _email = field_validator("email", mode="after")(valid_email)


class UserUpdate(Body):
    first_name: Str255 | None = None
    last_name: Str255 | None = None
    email: Str255 | None = None
    _null = field_validator("email", mode="before")(refuse_null)
    _email = field_validator("email", mode="after")(valid_email)


# -- store, AI and background jobs ------------------------------------------------------
class CleanStore(Body):
    operations: list[CleanOperation] | None = None


class NicheRequired(Body):
    niche: Str255


class CleanBrands(Body):
    niche: Str255 | None = None
    keep_top: int | None = Field(None, ge=1, le=50)


class FillCategories(Body):
    categories: list[int] | None = Field(None, max_length=50)
    api_name: MerchantApi
    locale: Str10
    quantity: int = Field(5, ge=1, le=50)
    generate_content: bool = True
    ai_relevance_check: bool = True


class GenerateCategoryList(Body):
    niche: Str255
    max_categories: int = Field(5, ge=1, le=20)
    max_subcategories: int = Field(5, ge=0, le=10)


class GenerateTopics(Body):
    count: int = Field(3, ge=1, le=10)
