"""The Rewards content types: which attributes, relations, components and media
each entity has, as Strapi's schema would describe them.

The query language (filters, sort, fields, populate) and the serializer are
driven by these descriptions, so every content type speaks the same dialect.
Stored entities are plain dicts: scalars by name, relations as ids (an int or a
list of ints), components as dicts (or lists of dicts), media as dicts.
Inverse relations (``category.products``, ``badge.products``, ``order.refund``)
are not stored; they are found from the owning side.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["scalar", "relation", "component", "media"]
ScalarType = Literal["integer", "string", "boolean", "datetime", "blocks", "json"]


@dataclass(frozen=True)
class Field:
    """One attribute of a content type or component."""

    kind: Kind
    type: ScalarType = "string"
    target: str | None = None  # content type (relations) or component name
    many: bool = False
    inverse: str | None = None  # owning field on ``target`` for inverse relations

    @property
    def populatable(self) -> bool:
        return self.kind != "scalar"


@dataclass(frozen=True)
class ContentType:
    """A collection type (``product``) or a component (``rewards.reward``)."""

    name: str
    fields: dict[str, Field]
    draft_and_publish: bool = False
    component: bool = False

    def get(self, name: str) -> Field | None:
        if name == "id":
            return ID
        return self.fields.get(name)

    def scalar_names(self) -> list[str]:
        return [n for n, f in self.fields.items() if f.kind == "scalar"]

    def populatable_names(self) -> list[str]:
        return [n for n, f in self.fields.items() if f.populatable]


ID = Field("scalar", "integer")


def _s(type_: ScalarType = "string") -> Field:
    return Field("scalar", type_)


def _rel(target: str, *, many: bool = False, inverse: str | None = None) -> Field:
    return Field("relation", target=target, many=many, inverse=inverse)


def _comp(target: str, *, many: bool = False) -> Field:
    return Field("component", target=target, many=many)


MEDIA = ContentType(
    "plugin::upload.file",
    {
        "name": _s(),
        "alternativeText": _s(),
        "width": _s("integer"),
        "height": _s("integer"),
        "mime": _s(),
        "url": _s(),
    },
)

REWARD = ContentType(
    "rewards.reward",
    {
        "rewardItemCost": _s("integer"),
        "hasDiscountedCost": _s("boolean"),
        "rewardItemDiscountedCost": _s("integer"),
        "rewardItem": _rel("reward-item"),
    },
    component=True,
)

VARIANT = ContentType(
    "rewards.variant",
    {"sku": _s(), "name": _s(), "inventoryCount": _s("integer")},
    component=True,
)

SPONSOR = ContentType(
    "rewards.sponsor",
    {"name": _s(), "website": _s()},
    component=True,
)

PRODUCT = ContentType(
    "product",
    {
        "name": _s(),
        "description": _s("blocks"),
        "maxRedemptionCount": _s("integer"),
        "inventoryCount": _s("integer"),
        "inventoryProvider": _s(),
        "startAt": _s("datetime"),
        "expiryAt": _s("datetime"),
        "hasProductVariants": _s("boolean"),
        "redemptionSuccessMessage": _s("blocks"),
        "redemptionFailureMessage": _s("blocks"),
        "createdAt": _s("datetime"),
        "updatedAt": _s("datetime"),
        "publishedAt": _s("datetime"),
        "productImage": Field("media", target="media"),
        "categories": _rel("category", many=True),
        "reward": _comp("reward"),
        "rewardItem": _rel("reward-item"),
        "badge": _rel("badge"),
        "variants": _comp("variant", many=True),
        "sponsor": _comp("sponsor"),
    },
    draft_and_publish=True,
)

CATEGORY = ContentType(
    "category",
    {
        "name": _s(),
        "description": _s(),
        "categorySequence": _s("integer"),
        "categoryType": _s(),
        "locale": _s(),
        "createdAt": _s("datetime"),
        "updatedAt": _s("datetime"),
        "publishedAt": _s("datetime"),
        "products": _rel("product", many=True, inverse="categories"),
    },
    draft_and_publish=True,
)

REWARD_ITEM = ContentType(
    "reward-item",
    {
        "name": _s(),
        "livelikeRewardItemId": _s(),
        "createdAt": _s("datetime"),
        "updatedAt": _s("datetime"),
    },
)

BADGE = ContentType(
    "badge",
    {
        "name": _s(),
        "description": _s(),
        "livelikeBadgeId": _s(),
        "createdAt": _s("datetime"),
        "updatedAt": _s("datetime"),
        "products": _rel("product", many=True, inverse="badge"),
    },
)

ORDER = ContentType(
    "order",
    {
        "transactionId": _s(),
        "livelikeUserId": _s(),
        "customId": _s(),
        "status": _s(),
        "quantity": _s("integer"),
        "totalRewardItemAmount": _s("integer"),
        "totalBaseRewardItemAmount": _s("integer"),
        "rewardItemId": _s(),
        "inventoryProvider": _s(),
        "orderRequestedAt": _s("datetime"),
        "expiryAt": _s("datetime"),
        "sku": _s(),
        "reason": _s(),
        "referenceId": _s(),
        "createdAt": _s("datetime"),
        "updatedAt": _s("datetime"),
        "product": _rel("product"),
        "refund": _rel("refund", inverse="order"),
    },
)

REFUND = ContentType(
    "refund",
    {
        "livelikeUserId": _s(),
        "rewardItemId": _s(),
        "productName": _s(),
        "inventoryProvider": _s(),
        "amount": _s("integer"),
        "quantity": _s("integer"),
        "sku": _s(),
        "reason": _s(),
        "createdAt": _s("datetime"),
        "updatedAt": _s("datetime"),
        "order": _rel("order"),
    },
)

TYPES: dict[str, ContentType] = {
    "product": PRODUCT,
    "category": CATEGORY,
    "reward-item": REWARD_ITEM,
    "badge": BADGE,
    "order": ORDER,
    "refund": REFUND,
    "reward": REWARD,
    "variant": VARIANT,
    "sponsor": SPONSOR,
    "media": MEDIA,
}


def target_of(f: Field) -> ContentType:
    """The content type or component a non-scalar field points at."""
    assert f.target is not None
    return TYPES[f.target]
