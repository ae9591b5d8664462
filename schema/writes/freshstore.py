"""FreshStore's writes (seed ``002``): the catalogue (products, offers, categories,
brands), content (articles, article categories, pages), users, settings, the store's
maintenance and AI helpers, and the background jobs.

FreshStore answers ``{"data": ...}`` and Laravel's 422 ``{"message", "errors":
{field: [...]}}``; the field names map back to the input's. Ids are integers: a
global id or the store's own digits. Background work (``categories/fill``,
``products/import-links``, ``generate_ai_content``) answers at once; the payload's
``job`` is a :class:`~schema.freshstore.jobs.Job` to poll until what it makes is in
the graph. Who may: catalogue and content for catalogue editors, people and settings
and everything destructive (deletes, store and brand cleaning) for admins.

FreshStore's objects relate in many ways (a product's offers, categories and brand
lists; counts in the store's stats), so a write drops the cached reads of its own
resource and of the lists that show it, and the request's FreshStore loaders.
"""

from __future__ import annotations

from decimal import Decimal
from enum import Enum
from typing import Any

import strawberry

from gateway.sources import Source
from gateway.writes.executor import encode_fields
from gateway.writes.spec import Access, Call, Field, Naming, Result, Shape, Write
from resolvers.freshstore import catalogue as catalogue_fetch
from resolvers.freshstore import content as content_fetch
from resolvers.freshstore import jobs as job_specs
from resolvers.freshstore import store as store_fetch
from schema.freshstore.catalogue import (
    FreshStoreBrand,
    FreshStoreCategory,
    FreshStoreProduct,
    Offer,
    brand_of,
    category_of,
    offer_of,
    product_of,
)
from schema.freshstore.content import (
    Article,
    ArticleCategory,
    FreshStoreUser,
    Page,
    article_category_of,
    article_of,
    page_of,
    user_of,
)
from schema.freshstore.jobs import Job, job_of
from schema.freshstore.store import FreshStoreSettingGroup, FreshStoreSettings, settings_of
from schema.ids import encode_id
from schema.writes.kit import deleted_id, read_back, returned, update_of

SOURCE = Source.FRESHSTORE
EDITOR = Access.of("catalog_editor")
ADMIN = Access.of("admin")
STATS = ("/api/store/stats", "/api/data/stats", "/api/store/warnings")
EVERYTHING = ("/api/*",)


def write(name: str, description: str, method: str, path: str, **kw: Any) -> Write:
    return Write(
        name=name,
        description=description,
        source=SOURCE,
        method=method,
        path=path,
        naming=Naming.SNAKE,
        unwrap=lambda body: body["data"] if isinstance(body, dict) else None,
        **kw,
    )


def fs_id(name: str, type_name: str, description: str, **rules: Any) -> Field:
    """An id field: a global id of ``type_name`` or the store's digits, sent as a number."""
    return Field(name, str, description, id_of=type_name, to_store=int, **rules)


def object_id(type_name: str, description: str) -> Field:
    return fs_id("id", type_name, description, required=True, min_length=1)


# ---------------------------------------------------------------- enums


@strawberry.enum(description="A merchant API FreshStore can fill categories from.")
class MerchantApi(Enum):
    AMAZON = strawberry.enum_value("amazon", description="Amazon.")
    ALIEXPRESS = strawberry.enum_value("aliexpress", description="AliExpress.")
    EBAY = strawberry.enum_value("ebay", description="eBay.")
    ETSY = strawberry.enum_value("etsy", description="Etsy.")
    WALMART = strawberry.enum_value("walmart", description="Walmart.")


@strawberry.enum(description="What the store cleaner deletes.")
class CleanOperation(Enum):
    EXPIRED_OFFERS = strawberry.enum_value(
        "expired_offers", description="Offers the merchant no longer lists."
    )
    OUT_OF_STOCK_OFFERS = strawberry.enum_value(
        "out_of_stock_offers", description="Offers out of stock now (only when asked)."
    )
    OFFERLESS_PRODUCTS = strawberry.enum_value(
        "offerless_products", description="Products with no offers."
    )
    EMPTY_BRANDS = strawberry.enum_value("empty_brands", description="Brands with no products.")
    EMPTY_CATEGORIES = strawberry.enum_value(
        "empty_categories", description="Categories with no products and no children."
    )


@strawberry.enum(description="Where generated images come from.")
class ImageSource(Enum):
    AUTO = strawberry.enum_value("auto", description="Stock photos, else AI.")
    STOCK = strawberry.enum_value("stock", description="Stock photos only.")
    AI = strawberry.enum_value("ai", description="AI-generated only.")


@strawberry.enum(description="An article image slot.")
class ArticleImageSlot(Enum):
    LISTING = strawberry.enum_value("listing", description="The listing thumbnail.")
    HERO = strawberry.enum_value("hero", description="The hero banner.")
    SOCIAL = strawberry.enum_value("social", description="The social-media card.")


@strawberry.enum(description="A FreshStore user role.")
class FreshStoreRole(Enum):
    ADMIN = strawberry.enum_value("admin", description="Runs the store.")
    EDITOR = strawberry.enum_value("editor", description="Edits all content.")
    AUTHOR = strawberry.enum_value("author", description="Writes articles.")
    CUSTOMER = strawberry.enum_value("customer", description="A shopper.")


# ---------------------------------------------------------------- result types


@strawberry.type(description="What the store cleaner deleted, per operation asked for.")
class FreshStoreCleanReport:
    expired_offers: int | None = strawberry.field(description="Offers no longer listed.")
    out_of_stock_offers: int | None = strawberry.field(description="Offers out of stock.")
    offerless_products: int | None = strawberry.field(description="Products without offers.")
    empty_brands: int | None = strawberry.field(description="Brands without products.")
    empty_categories: int | None = strawberry.field(description="Empty categories.")

    @staticmethod
    def from_json(data: dict[str, Any]) -> FreshStoreCleanReport:
        deleted = data.get("deleted") or {}
        return FreshStoreCleanReport(**{k: deleted.get(k) for k in _CLEAN_KEYS})


_CLEAN_KEYS = (
    "expired_offers",
    "out_of_stock_offers",
    "offerless_products",
    "empty_brands",
    "empty_categories",
)


@strawberry.type(description="A count an AI helper reported.")
class FreshStoreCount:
    name: str = strawberry.field(description="What was counted, in the store's words.")
    count: int = strawberry.field(description="How many.")


@strawberry.type(description="What an AI helper of the store did.")
class FreshStoreAiResult:
    status: str | None = strawberry.field(
        description="The store's outcome word (picked, generated, skipped, failed...)."
    )
    reason: str | None = strawberry.field(description="Why it was skipped, if it was.")
    error: str | None = strawberry.field(description="What went wrong, if it failed.")
    picked: str | None = strawberry.field(description="The icon chosen (logo icons).")
    label: str | None = strawberry.field(description="The icon's name (logo icons).")
    rewritten: int | None = strawberry.field(description="Texts rewritten (stock texts).")
    skipped_customised: int | None = strawberry.field(
        description="Texts left alone because someone edited them (stock texts)."
    )
    keys: list[str] | None = strawberry.field(description="The texts rewritten (stock texts).")
    topics: list[str] | None = strawberry.field(description="Suggested article topics.")
    counts: list[FreshStoreCount] = strawberry.field(
        description="What it counted, by name (brands: classified, enabled, deleted...)."
    )

    @staticmethod
    def from_json(data: dict[str, Any]) -> FreshStoreAiResult:
        known = {"status", "reason", "error", "picked", "label", "rewritten", "keys", "topics"}
        counts = {k: v for k, v in data.items() if isinstance(v, int) and k not in known}
        return FreshStoreAiResult(
            status=data.get("status"),
            reason=data.get("reason"),
            error=data.get("error"),
            picked=data.get("picked"),
            label=data.get("label"),
            rewritten=data.get("rewritten"),
            skipped_customised=data.get("skipped_customised"),
            keys=data.get("keys"),
            topics=data.get("topics"),
            counts=[FreshStoreCount(name=k, count=v) for k, v in counts.items()],
        )


@strawberry.type(description="A category the AI suggests, with its subcategories.")
class FreshStoreCategoryIdea:
    title: str = strawberry.field(description="The category's title.")
    subcategories: list[str] = strawberry.field(description="Titles of its subcategories.")


@strawberry.type(description="What happened to one link of an import.")
class FreshStoreImportedLink:
    link: str = strawberry.field(description="The link or ASIN as sent.")
    asin: str | None = strawberry.field(description="The Amazon product it names.")
    status: str = strawberry.field(
        description="What became of the link: `importing`, `duplicate` or `failed`."
    )
    reason: str | None = strawberry.field(description="Why not imported, when it is not.")
    product_id: strawberry.ID | None = strawberry.field(
        description="The global id of the product that already has it (duplicates)."
    )


@strawberry.type(description="What an import of links queued.")
class FreshStoreImportReport:
    total: int = strawberry.field(description="Links sent.")
    importing: int = strawberry.field(description="Links queued for import.")
    duplicates: int = strawberry.field(description="Links the store already has.")
    failed: int = strawberry.field(description="Links that name no Amazon product.")
    links: list[FreshStoreImportedLink] = strawberry.field(description="Each link's outcome.")

    @staticmethod
    def from_json(data: dict[str, Any]) -> FreshStoreImportReport:
        return FreshStoreImportReport(
            total=data.get("total", 0),
            importing=data.get("importing", 0),
            duplicates=data.get("duplicates", 0),
            failed=data.get("failed", 0),
            links=[
                FreshStoreImportedLink(
                    link=link.get("link", ""),
                    asin=link.get("asin"),
                    status=link.get("status", ""),
                    reason=link.get("reason"),
                    product_id=strawberry.ID(
                        encode_id("FreshStoreProduct", SOURCE.value, link["product_id"])
                    )
                    if link.get("product_id")
                    else None,
                )
                for link in data.get("links") or []
            ],
        )


# ---------------------------------------------------------------- fields

SEO = (
    Field("metaTitle", str, "The page title for search engines."),
    Field("metaKeywords", str, "Keywords for search engines."),
    Field("metaDescription", str, "The description for search engines."),
)
SEO_255 = tuple(
    Field(f.name, str, f.description, max_length=255) if f.name != "metaDescription" else f
    for f in SEO
)
TITLE = Field("title", str, "Its title.", required=True, max_length=255)
SLUG = Field("slug", str, "URL name; made from the title when left out.", max_length=255)
SUBTITLE = Field("subtitle", str, "A line under the title.")
LINK_TITLE = Field("linkTitle", str, "The text of links to it.")
ENABLED = Field("enabled", bool, "Whether visitors see it.")
SORT_ORDER = Field("sortOrder", int, "Its place among its siblings.")
CONTENT = Field("content", str, "Its main text (HTML).")
GENERATE = Field(
    "generateAiContent",
    bool,
    "Have the AI write its copy in the background (the payload's `job` follows it).",
)
IMAGE_SOURCE = Field("imageSource", ImageSource, "Where generated images come from.")

PRODUCT_FIELDS = (
    TITLE,
    SLUG,
    SUBTITLE,
    LINK_TITLE,
    CONTENT,
    Field("contentBottom", str, "Text under the offers (HTML)."),
    Field("highlights", str, "Key points shown with it.", many=True),
    Field("summary", str, "A short summary."),
    *SEO_255,
    Field("reviewQuantity", int, "How many reviews it has.", ge=0),
    Field("reviewScore", Decimal, "Its review score.", ge=0, le=5),
    ENABLED,
    Field("inSitemap", bool, "Whether it is listed in the XML sitemap."),
    fs_id("brandId", "FreshStoreBrand", "Its brand."),
    Field("upc", str, "UPC code.", max_length=255),
    Field("ean", str, "EAN code.", max_length=255),
    Field("isbn", str, "ISBN.", max_length=255),
    Field("mpn", str, "Manufacturer part number.", max_length=255),
)
OFFER_FIELDS = (
    Field("merchant", str, "The merchant, e.g. amazon.", required=True, max_length=255),
    Field("title", str, "The offer's title.", required=True, max_length=255),
    Field("merchantOfferId", str, "The merchant's id for it (required on create).", max_length=255),
    Field("urlDetail", str, "The offer's page at the merchant (an http(s) URL).", required=True),
    Field(
        "uuid",
        str,
        "A stable id of the offer (made from merchant and id when left out).",
        max_length=255,
    ),
    Field("merchantProductId", str, "The old name of `merchantOfferId`.", max_length=255),
    Field("summary", str, "A short summary."),
    Field("features", str, "Its features.", many=True),
    Field("currency", str, "Currency code.", max_length=10),
    Field("price", Decimal, "Its price.", ge=0),
    Field("priceFull", Decimal, "The price before a discount.", ge=0),
    Field("minPrice", Decimal, "The lowest price seen.", ge=0),
    Field("maxPrice", Decimal, "The highest price seen.", ge=0),
    Field("condition", str, "new, used, refurbished...", max_length=50),
    Field("stockAvailable", bool, "Whether it is in stock."),
    ENABLED,
    Field("locale", str, "The merchant's country, e.g. us.", max_length=10),
    Field("images", str, "Its image URLs.", many=True),
)
CATEGORY_FIELDS = (
    TITLE,
    SLUG,
    fs_id("parentId", "FreshStoreCategory", "Its parent (none: a top-level category)."),
    SUBTITLE,
    LINK_TITLE,
    Field("contentTop", str, "Text above its products (HTML)."),
    Field("contentBottom", str, "Text below its products (HTML)."),
    *SEO,
    ENABLED,
    SORT_ORDER,
)
CATEGORY_JOBS = (
    GENERATE,
    Field("generateImages", bool, "Make its banner and listing image in the background."),
    IMAGE_SOURCE,
)
BRAND_FIELDS = (
    TITLE,
    SLUG,
    SUBTITLE,
    LINK_TITLE,
    CONTENT,
    Field("contentBottom", str, "Text below its products (HTML)."),
    *SEO,
    ENABLED,
)
ARTICLE_FIELDS = (
    TITLE,
    SLUG,
    SUBTITLE,
    LINK_TITLE,
    CONTENT,
    *SEO,
    ENABLED,
    Field("publishedAt", str, "When it is published (ISO date or date-time)."),
    fs_id("productCategoryId", "FreshStoreCategory", "The product category it is about."),
    fs_id("articleCategories", "ArticleCategory", "Its article categories.", many=True),
    GENERATE,
    Field("generateSeoKeyword", str, "The keyword the AI writes for.", max_length=255),
    Field("generateImages", ArticleImageSlot, "Image slots to fill in the background.", many=True),
    IMAGE_SOURCE,
)
ARTICLE_CATEGORY_FIELDS = (
    TITLE,
    SLUG,
    fs_id("parentId", "ArticleCategory", "Its parent."),
    SUBTITLE,
    LINK_TITLE,
    Field("contentTop", str, "Text above its articles (HTML)."),
    Field("contentBottom", str, "Text below its articles (HTML)."),
    *SEO,
    ENABLED,
    SORT_ORDER,
)
PAGE_FIELDS = (
    TITLE,
    Field("key", str, "What the page is for, e.g. homepage or about.", max_length=255),
    SLUG,
    SUBTITLE,
    LINK_TITLE,
    CONTENT,
    *SEO,
    ENABLED,
    GENERATE,
)
USER_FIELDS = (
    Field(
        "email",
        str,
        "Their email address (unique; an existing one answers that user).",
        required=True,
        max_length=255,
        pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$",
    ),
    Field("password", str, "Their password (random when left out).", max_length=255),
    Field("firstName", str, "First name.", max_length=255),
    Field("lastName", str, "Last name.", max_length=255),
    Field("roles", FreshStoreRole, "Their roles.", many=True),
    Field("newsletter", bool, "Whether they get the newsletter (default true)."),
)


SETTING_VALUES = (
    Field("textValue", str, "A text value."),
    Field("numberValue", Decimal, "A numeric value."),
    Field("booleanValue", bool, "A yes/no value."),
    Field("listValue", str, "A list value.", many=True),
)
GROUP_SETTING = Shape(
    "FreshStoreGroupSettingInput",
    "A new value for one setting of the group (give one of the values).",
    (
        Field(
            "key",
            str,
            "The setting's name, camelCase, without the group (`showReviews`).",
            required=True,
            min_length=1,
        ),
        *SETTING_VALUES,
    ),
)
SETTING = Shape(
    "FreshStoreSettingInput",
    "A new value for one setting (give one of the values).",
    (
        Field("group", FreshStoreSettingGroup, "The setting's group.", required=True),
        *GROUP_SETTING.fields,
    ),
)


def _flat_key(group: FreshStoreSettingGroup, key: str) -> str:
    """The store's flat name: ``{group}_{setting}`` (``xml-sitemap`` as ``xml_sitemap_``)."""
    return f"{group.value.replace('-', '_')}_{Naming.SNAKE.convert(key)}"


def _setting_value(setting: dict[str, Any]) -> Any:
    """The one value given (a number as the store's JSON number)."""
    for name in ("textValue", "booleanValue", "listValue"):
        if setting.get(name) is not None:
            return setting[name]
    number = setting.get("numberValue")
    if number is None:
        return None
    return int(number) if number == number.to_integral_value() else float(number)


def _article_body(values: dict[str, Any]) -> dict[str, Any]:
    body = encode_fields(ARTICLE_FIELDS, values, Naming.SNAKE)
    slots = values.get("generateImages")
    if slots is not None:
        body["generate_images"] = [s.value for s in slots] if len(slots) < 3 else True
    return body


# ---------------------------------------------------------------- results


def _job(build: Any) -> Result:
    def pick(call: Call, context: Any) -> Job | None:
        spec = build(call)
        return job_of(spec) if spec is not None else None

    return Result("job", Job, "The background job to poll until it is done.", pick)


def _ai_job(kind: str) -> Result:
    def build(call: Call) -> Any:
        if not call.values.get("generateAiContent") or not call.result:
            return None
        return job_specs.ai_job(kind, call.result["id"])

    return _job(build)


def _settings() -> Result:
    return read_back(
        "settings",
        FreshStoreSettings,
        lambda raw: settings_of(raw, None),
        "Every setting as it is now (secrets masked).",
        lambda context, call: store_fetch.settings(context, None),
    )


def _group_settings() -> Result:
    async def pick(call: Call, context: Any) -> Any:
        group = call.values["group"]
        raw = await store_fetch.settings(context, group.value)
        return settings_of(raw, group) if raw is not None else None

    return Result("settings", FreshStoreSettings, "The group's settings as they are now.", pick)


def _category_ideas(call: Call, context: Any) -> list[FreshStoreCategoryIdea]:
    return [
        FreshStoreCategoryIdea(
            title=c.get("title", ""), subcategories=list(c.get("subcategories") or [])
        )
        for c in (call.result or {}).get("categories") or []
    ]


PRODUCT_STALE = (
    "/api/products",
    "/api/products/{id}",
    "/api/products/{id}/*",
    "/api/brands/*",
    "/api/categories/*",
    "/api/offers/*",
    *STATS,
)
OFFER_STALE = (
    "/api/offers",
    "/api/offers/{id}",
    "/api/offers/{id}/*",
    "/api/products/*",
    "/api/products",
    *STATS,
)
CATEGORY_STALE = ("/api/categories", "/api/categories/*", "/api/products/*", *STATS)
BRAND_STALE = ("/api/brands", "/api/brands/*", "/api/products", "/api/products/*", *STATS)
ARTICLE_STALE = ("/api/articles", "/api/articles/*", "/api/article-categories/*", *STATS)
ARTICLE_CATEGORY_STALE = (
    "/api/article-categories",
    "/api/article-categories/*",
    "/api/articles",
    "/api/articles/*",
    *STATS,
)
PAGE_STALE = ("/api/pages", "/api/pages/*", *STATS)
USER_STALE = ("/api/users", "/api/users/*")
SETTINGS_STALE = ("/api/settings", "/api/settings/*", "/api/store/*")


def _crud(
    resource: str,
    type_name: str,
    graph_type: Any,
    convert: Any,
    path: str,
    fields: tuple[Field, ...],
    stale: tuple[str, ...],
    *,
    create_extra: tuple[Field, ...] = (),
    update_extra: tuple[Field, ...] = (),
    update_method: str = "PATCH",
    results_extra: tuple[Result, ...] = (),
    body: Any = None,
    label: str,
    field: str,
) -> tuple[Write, ...]:
    """Create, update and delete of one FreshStore resource (``field``: the payload's)."""
    name = field
    return (
        write(
            f"createFreshStore{resource}",
            f"Add {label}.",
            "POST",
            path,
            fields=(*fields, *create_extra),
            results=(
                returned(name, graph_type, convert, f"The {label.split()[-1]} created."),
                *results_extra,
            ),
            access=EDITOR,
            stale=stale,
            body=body,
        ),
        write(
            f"updateFreshStore{resource}",
            f"Change {label} (only the fields given).",
            update_method,
            path + "/{id}",
            fields=(
                object_id(type_name, f"The {label.split()[-1]}."),
                *update_of(fields),
                *update_of(update_extra or create_extra),
            ),
            results=(
                returned(name, graph_type, convert, f"The {label.split()[-1]} as it is now."),
                *results_extra,
            ),
            access=EDITOR,
            stale=stale,
            body=body,
        ),
        write(
            f"deleteFreshStore{resource}",
            f"Delete {label}.",
            "DELETE",
            path + "/{id}",
            fields=(object_id(type_name, f"The {label.split()[-1]}."),),
            results=(deleted_id(type_name, SOURCE),),
            access=ADMIN,
            stale=stale,
        ),
    )


WRITES: tuple[Write, ...] = (
    # catalogue
    *_crud(
        "Product",
        "FreshStoreProduct",
        FreshStoreProduct,
        product_of,
        "/api/products",
        PRODUCT_FIELDS,
        PRODUCT_STALE,
        label="a product",
        field="product",
    ),
    write(
        "setFreshStoreProductCategories",
        "Put a product in exactly these categories.",
        "POST",
        "/api/products/{id}/categories",
        fields=(
            object_id("FreshStoreProduct", "The product."),
            fs_id(
                "categoryIds",
                "FreshStoreCategory",
                "Its categories (all of them).",
                required=True,
                many=True,
            ),
        ),
        results=(
            read_back(
                "product",
                FreshStoreProduct,
                product_of,
                "The product.",
                lambda context, call: catalogue_fetch.product(context, call.values["id"]),
            ),
            Result(
                "categories",
                list[FreshStoreCategory],
                "Its categories now.",
                lambda call, context: [category_of(c) for c in call.result or []],
            ),
        ),
        access=EDITOR,
        idempotent=True,
        stale=PRODUCT_STALE,
    ),
    *_crud(
        "Offer",
        "Offer",
        Offer,
        offer_of,
        "/api/offers",
        OFFER_FIELDS,
        OFFER_STALE,
        label="an offer",
        field="offer",
    ),
    write(
        "setFreshStoreOfferProducts",
        "Attach an offer to exactly these products.",
        "POST",
        "/api/offers/{id}/products",
        fields=(
            object_id("Offer", "The offer."),
            fs_id(
                "productIds",
                "FreshStoreProduct",
                "Its products (all of them).",
                required=True,
                many=True,
            ),
        ),
        results=(
            returned("offer", Offer, offer_of, "The offer."),
            Result(
                "products",
                list[FreshStoreProduct],
                "Its products now.",
                lambda call, context: [
                    product_of(p) for p in (call.result or {}).get("products") or []
                ],
            ),
        ),
        access=EDITOR,
        idempotent=True,
        stale=OFFER_STALE,
    ),
    *_crud(
        "Category",
        "FreshStoreCategory",
        FreshStoreCategory,
        category_of,
        "/api/categories",
        CATEGORY_FIELDS,
        CATEGORY_STALE,
        create_extra=CATEGORY_JOBS,
        results_extra=(_ai_job("category"),),
        label="a product category",
        field="category",
    ),
    write(
        "suggestFreshStoreCategoryTree",
        "Have the AI suggest a category tree for a niche (nothing is created).",
        "POST",
        "/api/categories/generate-list",
        fields=(
            Field(
                "niche", str, "The store's niche, e.g. cycling gear.", required=True, max_length=255
            ),
            Field("maxCategories", int, "How many main categories.", ge=1, le=20),
            Field("maxSubcategories", int, "How many subcategories each.", ge=0, le=10),
        ),
        results=(
            Result(
                "categories", list[FreshStoreCategoryIdea], "The suggested tree.", _category_ideas
            ),
        ),
        access=EDITOR,
        idempotent=True,
    ),
    write(
        "fillFreshStoreCategories",
        "Fill categories with in-stock products from a merchant's API, in the background.",
        "POST",
        "/api/categories/fill",
        fields=(
            fs_id(
                "categories",
                "FreshStoreCategory",
                "The categories (default: all).",
                many=True,
                max_items=50,
            ),
            Field("apiName", MerchantApi, "The merchant API.", required=True),
            Field("locale", str, "The merchant's country, e.g. us.", required=True, max_length=10),
            Field("quantity", int, "Products per category.", ge=1, le=50),
            Field("generateContent", bool, "Have the AI write the products' copy (default true)."),
            Field("aiRelevanceCheck", bool, "Have the AI check each product fits (default true)."),
        ),
        results=(
            _job(lambda call: job_specs.fill_job(call.result or {}, call.values.get("categories"))),
            Result(
                "categoriesQueued",
                int,
                "How many categories are being filled.",
                lambda call, context: (call.result or {}).get("categories_queued"),
            ),
        ),
        access=EDITOR,
        stale=CATEGORY_STALE,
    ),
    *_crud(
        "Brand",
        "FreshStoreBrand",
        FreshStoreBrand,
        brand_of,
        "/api/brands",
        BRAND_FIELDS,
        BRAND_STALE,
        label="a brand",
        field="brand",
    ),
    write(
        "cleanFreshStoreBrands",
        "Have the AI classify brands for a niche and clean them (disables, caps and "
        "deletes brands).",
        "POST",
        "/api/brands/clean",
        fields=(
            Field("niche", str, "The niche to judge brands by.", max_length=255),
            Field("keepTop", int, "How many brands to keep enabled.", ge=1, le=50),
        ),
        results=(
            returned("report", FreshStoreAiResult, FreshStoreAiResult.from_json, "What it did."),
        ),
        access=ADMIN,
        stale=EVERYTHING,
    ),
    # imports
    write(
        "importFreshStoreLinks",
        "Import products from Amazon links or ASINs, in the background.",
        "POST",
        "/api/products/import-links",
        fields=(
            Field(
                "links",
                str,
                "Amazon product URLs or ASINs.",
                required=True,
                many=True,
                min_items=1,
                max_items=100,
            ),
            fs_id(
                "categories",
                "FreshStoreCategory",
                "Categories for the imported products.",
                many=True,
            ),
        ),
        results=(
            _job(lambda call: job_specs.import_job(call.result or {})),
            returned(
                "report",
                FreshStoreImportReport,
                FreshStoreImportReport.from_json,
                "What happened to each link.",
            ),
        ),
        access=EDITOR,
        stale=("/api/products", "/api/offers", *STATS),
    ),
    # content
    *_crud(
        "Article",
        "Article",
        Article,
        article_of,
        "/api/articles",
        ARTICLE_FIELDS,
        ARTICLE_STALE,
        results_extra=(_ai_job("article"),),
        body=_article_body,
        label="an article",
        field="article",
    ),
    write(
        "fillFreshStoreArticleImages",
        "Generate the images an article lacks.",
        "POST",
        "/api/articles/{id}/fill-empty-images",
        fields=(object_id("Article", "The article."),),
        results=(
            read_back(
                "article",
                Article,
                article_of,
                "The article as it is now.",
                lambda context, call: content_fetch.article(context, call.values["id"]),
            ),
            Result(
                "filled",
                list[str],
                "The image slots filled.",
                lambda call, context: (call.result or {}).get("filled"),
            ),
        ),
        access=EDITOR,
        stale=ARTICLE_STALE,
    ),
    write(
        "suggestFreshStoreArticleTopics",
        "Have the AI suggest article topics for the store's niche (nothing is created).",
        "POST",
        "/api/articles/generate-topics",
        fields=(Field("count", int, "How many topics.", ge=1, le=10),),
        results=(
            returned("suggested", FreshStoreAiResult, FreshStoreAiResult.from_json, "The topics."),
        ),
        access=EDITOR,
    ),
    *_crud(
        "ArticleCategory",
        "ArticleCategory",
        ArticleCategory,
        article_category_of,
        "/api/article-categories",
        ARTICLE_CATEGORY_FIELDS,
        ARTICLE_CATEGORY_STALE,
        label="an article category",
        field="articleCategory",
    ),
    *_crud(
        "Page",
        "Page",
        Page,
        page_of,
        "/api/pages",
        PAGE_FIELDS,
        PAGE_STALE,
        update_extra=(
            Field("generateImages", bool, "Make its images in the background."),
            IMAGE_SOURCE,
        ),
        results_extra=(_ai_job("page"),),
        label="a page",
        field="page",
    ),
    # people and settings
    write(
        "createFreshStoreUser",
        "Add a user (an email the store knows answers that user).",
        "POST",
        "/api/users",
        fields=USER_FIELDS,
        results=(returned("user", FreshStoreUser, user_of, "The user."),),
        access=ADMIN,
        stale=USER_STALE,
    ),
    write(
        "updateFreshStoreUser",
        "Change a user's name or email (only the fields given).",
        "PATCH",
        "/api/users/{id}",
        fields=(
            object_id("FreshStoreUser", "The user."),
            Field("firstName", str, "First name.", max_length=255),
            Field("lastName", str, "Last name.", max_length=255),
            Field(
                "email",
                str,
                "Their email address.",
                max_length=255,
                pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$",
            ),
        ),
        results=(returned("user", FreshStoreUser, user_of, "The user as they are now."),),
        access=ADMIN,
        stale=USER_STALE,
    ),
    write(
        "updateFreshStoreSettings",
        "Change settings by their flat `{group}_{setting}` keys.",
        "PATCH",
        "/api/settings",
        fields=(
            Field(
                "settings",
                SETTING,
                "The settings to change.",
                required=True,
                many=True,
                min_items=1,
            ),
        ),
        results=(_settings(),),
        access=ADMIN,
        body=lambda values: {
            _flat_key(s["group"], s["key"]): _setting_value(s) for s in values["settings"]
        },
        stale=SETTINGS_STALE,
    ),
    write(
        "updateFreshStoreSettingGroup",
        "Change one group's settings (keys without the group prefix).",
        "PATCH",
        "/api/settings/{group}",
        fields=(
            Field("group", FreshStoreSettingGroup, "The group.", required=True),
            Field(
                "settings",
                GROUP_SETTING,
                "The group's settings to change.",
                required=True,
                many=True,
                min_items=1,
            ),
        ),
        results=(_group_settings(),),
        access=ADMIN,
        body=lambda values: {
            Naming.SNAKE.convert(s["key"]): _setting_value(s) for s in values["settings"]
        },
        stale=SETTINGS_STALE,
    ),
    # the store's maintenance and AI helpers
    write(
        "cleanFreshStore",
        "Run the store cleaner: deletes expired offers, offerless products, empty brands "
        "and empty categories (out-of-stock offers only when asked).",
        "POST",
        "/api/store/clean",
        fields=(
            Field(
                "operations",
                CleanOperation,
                "What to clean (default: all but out-of-stock offers).",
                many=True,
            ),
        ),
        results=(
            returned(
                "deleted",
                FreshStoreCleanReport,
                FreshStoreCleanReport.from_json,
                "What was deleted.",
            ),
        ),
        access=ADMIN,
        idempotent=True,
        stale=EVERYTHING,
    ),
    write(
        "regenerateFreshStoreStockTexts",
        "Have the AI rewrite the template texts still holding their defaults.",
        "POST",
        "/api/store/regenerate-stock-texts",
        fields=(),
        results=(
            returned(
                "result", FreshStoreAiResult, FreshStoreAiResult.from_json, "What was rewritten."
            ),
        ),
        access=ADMIN,
        stale=("/api/settings", "/api/settings/*"),
    ),
    write(
        "pickFreshStoreLogoIcon",
        "Have the AI pick a logo icon for a niche.",
        "POST",
        "/api/store/pick-logo-icon",
        fields=(Field("niche", str, "The store's niche.", required=True, max_length=255),),
        results=(
            returned(
                "result", FreshStoreAiResult, FreshStoreAiResult.from_json, "What was picked."
            ),
        ),
        access=ADMIN,
        stale=SETTINGS_STALE,
    ),
    write(
        "generateFreshStoreLogo",
        "Have the AI make a wordmark logo for the store.",
        "POST",
        "/api/store/generate-logo",
        fields=(Field("niche", str, "The store's niche.", required=True, max_length=255),),
        results=(
            returned("result", FreshStoreAiResult, FreshStoreAiResult.from_json, "What was made."),
        ),
        access=ADMIN,
        stale=SETTINGS_STALE,
    ),
)
