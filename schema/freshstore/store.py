"""FreshStore's store-wide types: status, info, content counts, warnings, locales,
settings and AI token usage."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Any

import strawberry

from schema.common import camel
from schema.permissions import SensitiveData, sensitive

Json = dict[str, Any]


@strawberry.type(description="Whether the store is online (the one public endpoint).")
class FreshStoreStatus:
    up: bool


@strawberry.type(description="The store's details.")
class FreshStoreInfo:
    name: str
    url: str | None
    niche: str | None
    live: bool
    default_country: str | None
    enabled_countries: list[str]
    version: str | None
    cart_enabled: bool
    advanced_mode: bool


@strawberry.type(
    description="How much content the store holds.", directives=sensitive(SensitiveData.OPERATIONS)
)
class FreshStoreStats:
    brands: int
    articles: int
    products: int
    categories: int
    offers: int
    articles_generated: int


@strawberry.type(
    description="Something the store admin should act on.",
    directives=sensitive(SensitiveData.OPERATIONS),
)
class FreshStoreWarning:
    message: str
    action: str | None
    url: str | None = strawberry.field(description="Where in the admin to act.")


@strawberry.type(description="An enabled country of the store.")
class FreshStoreLocale:
    code: str = strawberry.field(description="The locale key, e.g. `us`.")
    name: str | None
    country_code: str | None = strawberry.field(description="ISO 3166 country code, e.g. `US`.")
    currency: str | None
    amazon_domain: str | None


@strawberry.enum(description="FreshStore's setting groups.")
class FreshStoreSettingGroup(Enum):
    STORE = "store"
    OFFERS = "offers"
    PRODUCT = "product"
    TRAFFIC = "traffic"
    ARTICLE = "article"
    SOCIAL = "social"
    TEMPLATE = "template"
    XML_SITEMAP = "xml-sitemap"


@strawberry.type(
    description="One store setting, typed: exactly one of the value fields is set (none "
    "for an empty value). Third-party credentials show as `***`.",
    directives=sensitive(SensitiveData.OPERATIONS),
)
class FreshStoreSetting:
    group: FreshStoreSettingGroup = strawberry.field(description="The setting's group.")
    key: str = strawberry.field(
        description="The setting's name in the graph: camelCase, without the group (`showReviews`)."
    )
    store_key: str = strawberry.field(
        description="The store's own name for it, as its settings endpoints take it "
        "(`product_show_reviews` in all settings, `show_reviews` in its group)."
    )
    text_value: str | None = strawberry.field(description="A text value.")
    number_value: float | None = strawberry.field(description="A numeric value.")
    boolean_value: bool | None = strawberry.field(description="A yes/no value.")
    list_value: list[str] | None = strawberry.field(description="A list value (as text).")


@strawberry.type(
    description="Store settings: every group's, or one group's.",
    directives=sensitive(SensitiveData.OPERATIONS),
)
class FreshStoreSettings:
    group: FreshStoreSettingGroup | None = strawberry.field(description="Null: all groups.")
    entries: list[FreshStoreSetting] = strawberry.field(
        description="Every setting with its group, name and typed value."
    )


@strawberry.type(
    description="The store's AI token allowance.",
    directives=sensitive(SensitiveData.OPERATIONS, SensitiveData.MONEY),
)
class FreshStoreAiTokenUsage:
    tokens_used: int
    tokens_limit: int
    tokens_remaining: int
    resets_at: date | None


# ----------------------------------------------------------------------- converters


def status_of(raw: Json) -> FreshStoreStatus:
    return FreshStoreStatus(up=bool(raw.get("up")))


def info_of(raw: Json) -> FreshStoreInfo:
    return FreshStoreInfo(
        name=str(raw.get("name") or ""),
        url=raw.get("url"),
        niche=raw.get("niche"),
        live=bool(raw.get("live")),
        default_country=raw.get("default_country"),
        enabled_countries=[str(c) for c in raw.get("enabled_countries") or ()],
        version=raw.get("version"),
        cart_enabled=bool(raw.get("cart_enabled")),
        advanced_mode=bool(raw.get("advanced_mode")),
    )


def stats_of(raw: Json) -> FreshStoreStats:
    def count(key: str) -> int:
        return int(raw.get(key) or 0)

    return FreshStoreStats(
        brands=count("brands"),
        articles=count("articles"),
        products=count("products"),
        categories=count("categories"),
        offers=count("offers"),
        articles_generated=count("articles_generated"),
    )


def warning_of(raw: Json) -> FreshStoreWarning:
    return FreshStoreWarning(
        message=str(raw.get("message") or ""), action=raw.get("action"), url=raw.get("url")
    )


def locales_of(raw: dict[str, Json]) -> list[FreshStoreLocale]:
    return [
        FreshStoreLocale(
            code=code,
            name=value.get("name"),
            country_code=value.get("iso_3166_2"),
            currency=value.get("currency"),
            amazon_domain=value.get("amazon_domain"),
        )
        for code, value in raw.items()
    ]


def _split_key(store_key: str) -> tuple[FreshStoreSettingGroup, str] | None:
    """``product_show_reviews`` → (PRODUCT, ``show_reviews``); ``xml-sitemap`` flattens as
    ``xml_sitemap_``."""
    for group in sorted(FreshStoreSettingGroup, key=lambda g: -len(g.value)):
        prefix = group.value.replace("-", "_") + "_"
        if store_key.startswith(prefix):
            return group, store_key[len(prefix) :]
    return None


def setting_of(group: FreshStoreSettingGroup, name: str, store_key: str, value: object) -> Any:
    is_number = isinstance(value, int | float) and not isinstance(value, bool)
    return FreshStoreSetting(
        group=group,
        key=camel(name),
        store_key=store_key,
        text_value=value if isinstance(value, str) else None,
        number_value=float(value) if is_number else None,  # type: ignore[arg-type]
        boolean_value=value if isinstance(value, bool) else None,
        list_value=[str(v) for v in value] if isinstance(value, list) else None,
    )


def settings_of(raw: Json, group: FreshStoreSettingGroup | None) -> FreshStoreSettings:
    entries = []
    for store_key, value in raw.items():
        found = (group, store_key) if group is not None else _split_key(store_key)
        if found is not None:
            entries.append(setting_of(found[0], found[1], store_key, value))
    return FreshStoreSettings(group=group, entries=entries)


def token_usage_of(raw: Json) -> FreshStoreAiTokenUsage:
    resets = raw.get("resets_at")
    try:
        resets_at = date.fromisoformat(str(resets)[:10]) if resets else None
    except ValueError:
        resets_at = None
    return FreshStoreAiTokenUsage(
        tokens_used=int(raw.get("tokens_used") or 0),
        tokens_limit=int(raw.get("tokens_limit") or 0),
        tokens_remaining=int(raw.get("tokens_remaining") or 0),
        resets_at=resets_at,
    )


TYPES: tuple[type, ...] = ()
