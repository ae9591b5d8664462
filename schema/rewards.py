"""Rewards' types: reward products priced in points, categories, badges, reward
items, and the caller's orders and refunds (``rewards { me { ... } }``). Redeeming is
a write: ``schema.writes.rewards``."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import Enum
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from gateway.identity import Role
from gateway.sources import Source as SourceName
from resolvers import rewards as fetch
from resolvers.cursors import DEFAULT_PAGE_SIZE, page_window
from resolvers.media import absolute_url
from resolvers.products import ProductRecord
from schema.common import (
    Availability,
    AvailabilityStatus,
    Image,
    Money,
    OrderStatus,
    ProductIdentifiers,
    ProductStatus,
    Rating,
    SortDirection,
    StatusMap,
    images_of,
    parse_datetime,
    points,
)
from schema.connection import Connection, offset_connection
from schema.ids import encode_id, optional_store_id, store_id
from schema.interfaces import Brand, Category, Node, Order, OrderItem, Product, Sourced
from schema.partial import or_default
from schema.permissions import SensitiveData, requires, sensitive
from schema.prefetch import start_selected
from schema.refusals import asked
from schema.registry import (
    NodeKind,
    OrderKind,
    ProductKind,
    register_lookups,
    register_node,
    register_orders,
    register_products,
)
from schema.selection import Tree, items, tree
from schema.sorting import SORT_DESCRIPTION, sort_keys, sort_param

SOURCE = SourceName.REWARDS
PEOPLE, MONEY = SensitiveData.PEOPLE, SensitiveData.MONEY
REWARDS_USER, REFUND_READERS = fetch.REWARDS_USER, fetch.REFUND_READERS
PRODUCT_RELATIONS: dict[str, tuple[str, ...]] = {
    "cost": ("reward",),
    "price": ("reward",),
    "categories": ("categories",),
    "brand": ("sponsor",),
    "images": ("productImage",),
    "badge": ("badge",),
    "variants": ("variants",),
    "identifiers": ("sponsor", "variants"),
    "sameItemElsewhere": ("sponsor", "variants"),
    "image": ("productImage",),
    "sponsor": ("sponsor",),
}


def product_populate(selected: Tree, prefix: str = "") -> list[str]:
    """The product relations a selection needs, as populate paths."""
    return sorted({prefix + p for field in selected for p in PRODUCT_RELATIONS.get(field, ())})


def order_populate(selected: Tree) -> list[str]:
    paths = []
    product = {**selected.get("product", {}), **selected.get("items", {}).get("product", {})}
    if "product" in selected or "items" in selected:
        paths += ["product", *product_populate(product, "product.")]
    if "refund" in selected:
        paths.append("refund")
    return paths


def refund_populate(selected: Tree) -> list[str]:
    return ["order"] if "order" in selected else []


def _id(type_name: str, source_id: object) -> strawberry.ID:
    return strawberry.ID(encode_id(type_name, SOURCE.value, source_id))


def _rid(value: object, type_name: str, field: str = "id") -> str:
    """A Rewards (Strapi, numeric) id from an id argument: global or the store's own."""
    return store_id(value, type_name, SOURCE, field=field)


def _attributes(entity: dict[str, Any]) -> dict[str, Any]:
    return entity.get("attributes") or {}


def _related(entity: dict[str, Any], name: str) -> Any:
    """A populated relation's ``data`` (``...`` when the relation was not populated)."""
    attributes = _attributes(entity)
    if name not in attributes:
        return ...
    value = attributes[name]
    return value.get("data") if isinstance(value, dict) and "data" in value else value


@strawberry.type(description="A currency of the reward store (Points, Coins, ...).")
class RewardItem(Node, Sourced):
    name: str
    livelike_reward_item_id: str | None

    @staticmethod
    def from_json(entity: dict[str, Any]) -> RewardItem:
        a = _attributes(entity)
        return RewardItem(
            id=_id("RewardItem", entity["id"]),
            source=SOURCE,
            source_id=str(entity["id"]),
            name=a.get("name", ""),
            livelike_reward_item_id=a.get("livelikeRewardItemId"),
        )


@strawberry.type(description="A badge a user can earn; some rewards require one.")
class Badge(Node, Sourced):
    name: str
    description: str | None
    livelike_badge_id: str | None

    @staticmethod
    def from_json(entity: dict[str, Any]) -> Badge:
        a = _attributes(entity)
        return Badge(
            id=_id("Badge", entity["id"]),
            source=SOURCE,
            source_id=str(entity["id"]),
            name=a.get("name", ""),
            description=a.get("description"),
            livelike_badge_id=a.get("livelikeBadgeId"),
        )


@strawberry.type(description="What a reward costs, in a reward item (points).")
class RewardCost:
    amount: int = strawberry.field(description="The cost before any discount.")
    discounted_amount: int | None
    has_discount: bool
    effective_amount: int = strawberry.field(description="What a redemption actually costs.")
    reward_item: RewardItem | None


@strawberry.type(description="A variant (size, colour, ...) of a reward product.")
class RewardVariant:
    sku: str | None = strawberry.field(description="The variant's SKU; redeem it with `sku`.")
    name: str | None = strawberry.field(description="The variant's name, e.g. `M`.")
    inventory_count: int = strawberry.field(description="Units of this variant in stock.")


@strawberry.type(description="The brand sponsoring a reward.")
class Sponsor(Brand):
    website: str | None = strawberry.field(description="The sponsor's website.")


ORDER_STATUSES = StatusMap(
    {
        "PENDING": OrderStatus.PENDING,
        "FULFILLED": OrderStatus.COMPLETED,
        "REJECTED": OrderStatus.CANCELLED,
        "REFUNDED": OrderStatus.REFUNDED,
    }
)
"""Rewards' order statuses (seed: FULFILLED, REJECTED, PENDING, REFUNDED) as ``OrderStatus``."""


def _availability(entity: dict[str, Any], now: datetime) -> Availability:
    a = _attributes(entity)
    start, expiry = parse_datetime(a.get("startAt")), parse_datetime(a.get("expiryAt"))
    count = a.get("inventoryCount", 0)
    if not a.get("publishedAt") or (expiry is not None and expiry <= now):
        status = AvailabilityStatus.OUT_OF_STOCK
    elif start is not None and start > now:
        status = AvailabilityStatus.PREORDER
    else:
        status = AvailabilityStatus.IN_STOCK if count > 0 else AvailabilityStatus.OUT_OF_STOCK
    return Availability(status=status, quantity=count)


@strawberry.type(
    description="A reward product, redeemed with points rather than money: `price` is its "
    "cost in `POINTS`."
)
class RewardProduct(Product):
    inventory_count: int
    max_redemption_count: int | None
    inventory_provider: str | None
    starts_at: datetime | None = strawberry.field(description="When it can first be redeemed.")
    expires_at: datetime | None = strawberry.field(description="When it can no longer be redeemed.")
    start_at: datetime | None = strawberry.field(deprecation_reason="Use `startsAt`.")
    expiry_at: datetime | None = strawberry.field(deprecation_reason="Use `expiresAt`.")
    is_expired: bool
    is_available: bool = strawberry.field(
        description="Published, started, not expired and in stock."
    )
    has_product_variants: bool
    redemption_success_message: str | None
    redemption_failure_message: str | None
    slug: str | None = strawberry.field(default=None, description="Always null: none in Rewards.")
    url: str | None = strawberry.field(default=None, description="Always null: none in Rewards.")
    rating: Rating | None = strawberry.field(
        default=None, description="Always null: Rewards keeps no reviews."
    )
    availability: Availability = strawberry.field(
        description="In stock while published, started, not expired and `inventoryCount` > 0; "
        "`PREORDER` before its start; quantity is `inventoryCount`."
    )
    raw: strawberry.Private[dict[str, Any]]

    @staticmethod
    def from_json(entity: dict[str, Any]) -> RewardProduct:
        a = _attributes(entity)
        now = datetime.now(UTC)
        start, expiry = parse_datetime(a.get("startAt")), parse_datetime(a.get("expiryAt"))
        status = fetch.product_status(entity, now)
        expired = expiry is not None and expiry <= now
        return RewardProduct(
            id=_id("RewardProduct", entity["id"]),
            source=SOURCE,
            source_id=str(entity["id"]),
            name=a.get("name", ""),
            description=fetch.blocks_text(a.get("description")),
            status=ProductStatus(status),
            created_at=parse_datetime(a.get("createdAt")),
            identifiers=ProductIdentifiers.of(fetch.product_identifiers(entity)),
            inventory_count=a.get("inventoryCount", 0),
            max_redemption_count=a.get("maxRedemptionCount"),
            inventory_provider=a.get("inventoryProvider"),
            starts_at=start,
            expires_at=expiry,
            start_at=start,
            expiry_at=expiry,
            is_expired=expired,
            is_available=status == "active"
            and not expired
            and (start is None or start <= now)
            and a.get("inventoryCount", 0) > 0,
            availability=_availability(entity, now),
            has_product_variants=bool(a.get("hasProductVariants")),
            redemption_success_message=fetch.blocks_text(a.get("redemptionSuccessMessage")),
            redemption_failure_message=fetch.blocks_text(a.get("redemptionFailureMessage")),
            updated_at=parse_datetime(a.get("updatedAt")),
            raw=entity,
        )

    async def _relation(self, info: Info, name: str) -> Any:
        value = _related(self.raw, name)
        if value is ...:  # not populated by the call that brought this product
            full = await fetch.full_product(info.context, self.source_id)
            value = _related(full, name) if full else None
        return value

    async def _cost(self, info: Info) -> RewardCost | None:
        reward = await self._relation(info, "reward")
        if not isinstance(reward, dict):
            return None
        item = (reward.get("rewardItem") or {}).get("data")
        amount = reward.get("rewardItemCost") or 0
        discounted = reward.get("rewardItemDiscountedCost")
        has_discount = bool(reward.get("hasDiscountedCost")) and discounted is not None
        return RewardCost(
            amount=amount,
            discounted_amount=discounted,
            has_discount=has_discount,
            effective_amount=discounted if has_discount and discounted is not None else amount,
            reward_item=RewardItem.from_json(item) if item else None,
        )

    cost: RewardCost | None = strawberry.field(resolver=_cost)

    async def _price(self, info: Info) -> Money | None:
        return await self.money_price(info)

    price: Money | None = strawberry.field(
        resolver=_price,
        description="What a redemption costs (after any discount), in `POINTS` "
        "(`populate=reward`).",
    )

    async def money_price(self, info: Info) -> Money | None:
        cost = await self._cost(info)
        return None if cost is None else points(cost.effective_amount)

    async def _images(self, info: Info) -> list[Image]:
        found = await or_default(info, self._relation(info, "productImage"), None)
        if not isinstance(found, dict):
            return []
        a = found.get("attributes") or {}
        url = absolute_url(info.context, SOURCE, a.get("url"))
        return images_of([(url, a.get("alternativeText"))] if url else [], self.name)

    images: list[Image] = strawberry.field(
        resolver=_images,
        description="The product image by absolute URL (`populate=productImage`; the store's "
        "relative `/uploads/...` path joined to its media URL).",
    )

    async def _categories(self, info: Info) -> list[RewardCategory]:
        found = await or_default(info, self._relation(info, "categories"), None) or []
        return [RewardCategory.from_json(c) for c in found]

    categories: list[RewardCategory] = strawberry.field(
        resolver=_categories,
        description="The reward's categories (`populate=categories`).",
    )

    async def _brand(self, info: Info) -> Sponsor | None:
        return await self._sponsor(info)

    brand: Sponsor | None = strawberry.field(
        resolver=_brand,
        description="The sponsoring brand, if any (`populate=sponsor`).",
    )

    @strawberry.field(description="The badge a user must hold to redeem this, if any.")
    async def badge(self, info: Info) -> Badge | None:
        found = await self._relation(info, "badge")
        return Badge.from_json(found) if found else None

    @strawberry.field(description="The product's variants (`populate=variants`).")
    async def variants(self, info: Info) -> list[RewardVariant]:
        found = await or_default(info, self._relation(info, "variants"), None) or []
        return [
            RewardVariant(
                sku=v["sku"], name=v.get("name"), inventory_count=v.get("inventoryCount", 0)
            )
            for v in found
        ]

    @strawberry.field(
        description="The product image's absolute URL.",
        deprecation_reason="Use `images { url alt }`.",
    )
    async def image(self, info: Info) -> str | None:
        found = await self._relation(info, "productImage")
        return absolute_url(info.context, SOURCE, found["attributes"]["url"]) if found else None

    async def _sponsor(self, info: Info) -> Sponsor | None:
        found = await self._relation(info, "sponsor")
        if not found or not found.get("name"):
            return None
        return Sponsor(name=found["name"], website=found.get("website"))

    sponsor: Sponsor | None = strawberry.field(
        resolver=_sponsor,
        description="The brand sponsoring the reward, if any.",
    )


@strawberry.type(description="A category of reward products.")
class RewardCategory(Category):
    description: str | None
    category_sequence: int | None
    category_type: str | None
    locale: str | None

    @staticmethod
    def from_json(entity: dict[str, Any]) -> RewardCategory:
        a = _attributes(entity)
        return RewardCategory(
            id=_id("RewardCategory", entity["id"]),
            source=SOURCE,
            source_id=str(entity["id"]),
            name=a.get("name", ""),
            description=a.get("description"),
            category_sequence=a.get("categorySequence"),
            category_type=a.get("categoryType"),
            locale=a.get("locale"),
        )

    @strawberry.field
    async def products(
        self, info: Info, first: int = DEFAULT_PAGE_SIZE, after: str | None = None
    ) -> Connection[RewardProduct] | None:
        params = {"filters[categories][id][$eq]": self.source_id, "sort": "id:asc"}
        return await _product_connection(info, params, first, after)


@strawberry.type(description="A refund of a reward order.", directives=sensitive(MONEY))
class Refund(Node, Sourced):
    amount: int
    quantity: int
    sku: str | None
    reason: str | None
    product_name: str | None
    inventory_provider: str | None
    reward_item_id: str | None
    raw: strawberry.Private[dict[str, Any]]

    @staticmethod
    def from_json(entity: dict[str, Any]) -> Refund:
        a = _attributes(entity)
        return Refund(
            id=_id("Refund", entity["id"]),
            source=SOURCE,
            source_id=str(entity["id"]),
            amount=a.get("amount", 0),
            quantity=a.get("quantity", 0),
            sku=a.get("sku"),
            reason=a.get("reason"),
            product_name=a.get("productName"),
            inventory_provider=a.get("inventoryProvider"),
            reward_item_id=a.get("rewardItemId"),
            raw=entity,
        )

    @strawberry.field
    async def order(self, info: Info) -> RewardOrder | None:
        found = _related(self.raw, "order")
        if found is ...:
            full = await fetch.one(info.context, "refund", self.source_id, "order")
            found = _related(full, "order") if full else None
        return RewardOrder.from_json(found) if found else None


@strawberry.type(description="The one line of a reward order: the product redeemed.")
class RewardOrderItem(OrderItem):
    sku: str | None = strawberry.field(description="The variant redeemed, if any.")
    order: strawberry.Private[RewardOrder]

    async def _product(self, info: Info) -> RewardProduct | None:
        return await self.order._product(info)

    product: RewardProduct | None = strawberry.field(
        resolver=_product,
        description="The reward product redeemed.",
    )


@strawberry.type(
    description="A redemption of a reward product by the caller.",
    directives=sensitive(PEOPLE, MONEY),
)
class RewardOrder(Order):
    transaction_id: str | None
    quantity: int
    cost: int = strawberry.field(
        description="Points spent (totalRewardItemAmount).",
        deprecation_reason="Use `total { amount }` (points, as `Money` in `POINTS`).",
    )
    reward_item_id: str | None
    sku: str | None
    reason: str | None
    reference_id: str | None
    livelike_user_id: str | None = strawberry.field(description="The end user who redeemed.")
    inventory_provider: str | None
    requested_at: datetime | None = strawberry.field(deprecation_reason="Use `placedAt`.")
    expires_at: datetime | None = strawberry.field(description="When the redemption expires.")
    expiry_at: datetime | None = strawberry.field(deprecation_reason="Use `expiresAt`.")
    raw: strawberry.Private[dict[str, Any]]

    @staticmethod
    def from_json(entity: dict[str, Any]) -> RewardOrder:
        a = _attributes(entity)
        requested = parse_datetime(a.get("orderRequestedAt"))
        expiry = parse_datetime(a.get("expiryAt"))
        return RewardOrder(
            id=_id("RewardOrder", entity["id"]),
            source=SOURCE,
            source_id=str(entity["id"]),
            status=ORDER_STATUSES.shared(a.get("status")),
            store_status=str(a.get("status", "")),
            created_at=fetch.order_created_at(entity),
            placed_at=requested or fetch.order_created_at(entity),
            total=points(a.get("totalRewardItemAmount", 0)),
            transaction_id=a.get("transactionId"),
            quantity=a.get("quantity", 0),
            cost=a.get("totalRewardItemAmount", 0),
            reward_item_id=a.get("rewardItemId"),
            sku=a.get("sku"),
            reason=a.get("reason"),
            reference_id=a.get("referenceId"),
            livelike_user_id=a.get("livelikeUserId"),
            inventory_provider=a.get("inventoryProvider"),
            requested_at=requested,
            expires_at=expiry,
            expiry_at=expiry,
            raw=entity,
        )

    async def _items(self, info: Info) -> list[RewardOrderItem]:
        product = await or_default(info, self._product(info), None)
        quantity = self.quantity or 1
        total = self.total.amount if self.total else None
        return [
            RewardOrderItem(
                name=product.name if product else None,
                quantity=self.quantity,
                unit_price=None if total is None else points(total / quantity),
                total=self.total,
                sku=self.sku,
                order=self,
            )
        ]

    items: list[RewardOrderItem] = strawberry.field(
        resolver=_items,
        description="The order's one line: the product, quantity and points.",
    )

    async def _product(self, info: Info) -> RewardProduct | None:
        found = _related(self.raw, "product")
        if found is ...:
            full = await fetch.one(info.context, "order", self.source_id, "product")
            found = _related(full, "product") if full else None
        return RewardProduct.from_json(found) if found else None

    product: RewardProduct | None = strawberry.field(resolver=_product)

    @strawberry.field
    async def refund(self, info: Info) -> Refund | None:
        found = _related(self.raw, "refund")
        if found is ...:
            full = await fetch.one(info.context, "order", self.source_id, "refund")
            found = _related(full, "refund") if full else None
        return Refund.from_json(found) if found else None


async def _product_connection(
    info: Info, params: dict[str, Any], first: int, after: str | None
) -> Connection[RewardProduct]:
    window = page_window(first, after)
    params = {**params, **fetch.populate_param(product_populate(items(info)))}
    found, total = await asked(
        info, fetch.window(info.context, "product", params, window.offset, window.limit)
    )
    return offset_connection(found, window.offset, total, RewardProduct.from_json)


@sort_keys(
    "reward categories",
    {
        "SEQUENCE": ("categorySequence", "The store's display order (`categorySequence`)."),
        "NAME": ("name", "The name."),
        "ID": ("id", "The store's id."),
        "CREATED_AT": ("createdAt", "When it was created."),
        "UPDATED_AT": ("updatedAt", "When it last changed."),
    },
)
class RewardCategorySort:
    """Made by :func:`~schema.sorting.sort_keys`."""


@sort_keys(
    "reward orders",
    {
        "CREATED_AT": ("createdAt", "When it was placed."),
        "UPDATED_AT": ("updatedAt", "When it last changed."),
        "ID": ("id", "The store's id."),
        "STATUS": ("status", "The store's status word."),
        "TOTAL": ("totalRewardItemAmount", "The points it cost."),
        "QUANTITY": ("quantity", "How many were redeemed."),
    },
)
class RewardOrderSort:
    """Made by :func:`~schema.sorting.sort_keys`."""


# Declared before the types whose arguments use it: strawberry drops an argument's
# Annotated description when its type is not defined yet.
@strawberry.enum(description="Where a reward order stands, in the store's words.")
class RewardOrderStatus(Enum):
    PENDING = strawberry.enum_value("PENDING", description="Awaiting fulfilment.")
    FULFILLED = strawberry.enum_value("FULFILLED", description="Fulfilled by the store.")
    REJECTED = strawberry.enum_value("REJECTED", description="Refused by the store.")
    REFUNDED = strawberry.enum_value("REFUNDED", description="Points given back.")


@strawberry.type(
    description="The caller (from the `livelike-user-token` header) in the reward store.",
    directives=sensitive(PEOPLE, MONEY),
)
class RewardsViewer:
    @strawberry.field(description="The caller's orders, newest first.")
    async def orders(
        self,
        info: Info,
        status: Annotated[
            RewardOrderStatus | None,
            strawberry.argument(description="Only orders in this status (the store's words)."),
        ] = None,
        sort: Annotated[
            list[RewardOrderSort] | None,
            strawberry.argument(description=SORT_DESCRIPTION + "; default newest first."),
        ] = None,
        first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[RewardOrder] | None:
        window = page_window(first, after)
        params: dict[str, Any] = {
            **sort_param(sort, "createdAt:desc,id:desc"),
            **fetch.populate_param(order_populate(items(info))),
        }
        if status:
            params["filters[status][$eq]"] = status.value
        found, total = await asked(
            info, fetch.window(info.context, "order", params, window.offset, window.limit)
        )
        return offset_connection(found, window.offset, total, RewardOrder.from_json)

    @strawberry.field
    async def refunds(
        self, info: Info, first: int = DEFAULT_PAGE_SIZE, after: str | None = None
    ) -> Connection[Refund] | None:
        window = page_window(first, after)
        params = {"sort": "id:desc", **fetch.populate_param(refund_populate(items(info)))}
        found, total = await fetch.window(
            info.context, "refund", params, window.offset, window.limit
        )
        return offset_connection(found, window.offset, total, Refund.from_json)


@strawberry.enum
class RewardSortField(Enum):
    NAME = "name"
    CREATED_AT = "createdAt"


@strawberry.enum(description="Which rewards the store shows: published only, or drafts too.")
class RewardPublicationState(Enum):
    LIVE = strawberry.enum_value("live", description="Published rewards only.")
    PREVIEW = strawberry.enum_value("preview", description="Published rewards and drafts.")


@strawberry.input(description="Reward product filters (all pushed down to the store).")
class RewardProductFilter:
    category_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only this category's rewards (global or Rewards id)."
    )
    search: str | None = strawberry.field(
        default=None,
        description="Only rewards with this text, ignoring case, in their name (Strapi's "
        "`filters[name][$containsi]`: the store documents no search); the merged `products` "
        "list also reads descriptions.",
    )
    available_only: bool = strawberry.field(
        default=False,
        description="Only what can be redeemed now: started, not expired, in stock.",
    )
    publication_state: RewardPublicationState = strawberry.field(
        default=RewardPublicationState.LIVE,
        description="`LIVE`: published rewards only (the store's default); `PREVIEW`: drafts too.",
    )


@strawberry.input
class RewardProductSort:
    field: RewardSortField = RewardSortField.CREATED_AT
    direction: SortDirection = SortDirection.DESC


@strawberry.type(description="The Rewards store: reward products, categories, badges, the caller.")
class RewardsQuery:
    @strawberry.field
    async def products(
        self,
        info: Info,
        filter: RewardProductFilter | None = None,
        sort: RewardProductSort | None = None,
        first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[RewardProduct] | None:
        f, s = filter or RewardProductFilter(), sort or RewardProductSort()
        params: dict[str, Any] = {"sort": f"{s.field.value}:{s.direction.value},id:asc"}
        if f.publication_state is RewardPublicationState.PREVIEW:
            params["publicationState"] = f.publication_state.value
        category = optional_store_id(
            f.category_id, "RewardCategory", SOURCE, field="filter.categoryId"
        )
        if category:
            params["filters[categories][id][$eq]"] = category
        if f.search:
            params["filters[name][$containsi]"] = f.search
        if f.available_only:
            params.update(fetch.available_filters())
        return await _product_connection(info, params, first, after)

    @strawberry.field
    async def product(self, info: Info, id: strawberry.ID) -> RewardProduct | None:
        populate = ",".join(product_populate(tree(info)))
        key = _rid(id, "RewardProduct")
        start_selected(info, key)
        found = await fetch.one(info.context, "product", key, populate)
        return RewardProduct.from_json(found) if found else None

    @strawberry.field(description="Reward categories, in the store's category sequence.")
    async def categories(
        self,
        info: Info,
        locale: Annotated[
            str | None,
            strawberry.argument(
                description="The categories' language (i18n): a locale code such as `en`, "
                "or `all`; the store's default is `en`."
            ),
        ] = None,
        sort: Annotated[
            list[RewardCategorySort] | None,
            strawberry.argument(
                description=SORT_DESCRIPTION + "; default the store's display order."
            ),
        ] = None,
        first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[RewardCategory] | None:
        window = page_window(first, after)
        params = sort_param(sort, "categorySequence:asc,id:asc")
        if locale is not None:
            params["locale"] = locale
        found, total = await asked(
            info, fetch.window(info.context, "category", params, window.offset, window.limit)
        )
        return offset_connection(found, window.offset, total, RewardCategory.from_json)

    @strawberry.field
    async def category(self, info: Info, id: strawberry.ID) -> RewardCategory | None:
        found = await fetch.one(info.context, "category", _rid(id, "RewardCategory"))
        return RewardCategory.from_json(found) if found else None

    @strawberry.field
    async def reward_items(self, info: Info) -> list[RewardItem] | None:
        return [
            RewardItem.from_json(e) for e in await fetch.everything(info.context, "reward-item", {})
        ]

    @strawberry.field
    async def reward_item(self, info: Info, id: strawberry.ID) -> RewardItem | None:
        found = await fetch.one(info.context, "reward-item", _rid(id, "RewardItem"))
        return RewardItem.from_json(found) if found else None

    @strawberry.field
    async def badges(self, info: Info) -> list[Badge] | None:
        return [Badge.from_json(e) for e in await fetch.everything(info.context, "badge", {})]

    @strawberry.field
    async def badge(self, info: Info, id: strawberry.ID) -> Badge | None:
        found = await fetch.one(info.context, "badge", _rid(id, "Badge"))
        return Badge.from_json(found) if found else None

    @strawberry.field(
        description="The caller, named by the `livelike-user-token` request header; "
        "without it this field is an UNAUTHENTICATED error.",
        extensions=[requires(REWARDS_USER)],
    )
    def me(self, info: Info) -> RewardsViewer | None:
        return RewardsViewer()

    @strawberry.field(
        description="One of the caller's orders; null if not theirs or unknown.",
        extensions=[requires(REWARDS_USER)],
    )
    async def order(self, info: Info, id: strawberry.ID) -> RewardOrder | None:
        populate = ",".join(order_populate(tree(info)))
        found = await fetch.one(info.context, "order", _rid(id, "RewardOrder"), populate)
        return RewardOrder.from_json(found) if found else None

    @strawberry.field(
        description="Every refund record, newest first: the store operator's view "
        "(`GET /api/refunds` without a user), for staff and support.",
        extensions=[requires(Role.STAFF, Role.SUPPORT)],
    )
    async def refunds(
        self, info: Info, first: int = DEFAULT_PAGE_SIZE, after: str | None = None
    ) -> Connection[Refund] | None:
        window = page_window(first, after)
        params = {"sort": "id:desc", **fetch.populate_param(refund_populate(items(info)))}
        found, total = await asked(
            info, fetch.window(info.context, "refund", params, window.offset, window.limit)
        )
        return offset_connection(found, window.offset, total, Refund.from_json)

    @strawberry.field(
        description="One of the caller's refunds (any user's for staff and support); null if "
        "not theirs or unknown.",
        extensions=[requires(REFUND_READERS)],
    )
    async def refund(self, info: Info, id: strawberry.ID) -> Refund | None:
        populate = ",".join(refund_populate(tree(info)))
        found = await fetch.one(info.context, "refund", _rid(id, "Refund"), populate)
        return Refund.from_json(found) if found else None


@strawberry.type
class Query:
    @strawberry.field(description="The Rewards store (Strapi): rewards priced in points.")
    def rewards(self) -> RewardsQuery:
        return RewardsQuery()


# ---------------------------------------------------------------- registration


async def _fetch_product(context: Any, source_id: str) -> Any:
    return await fetch.full_product(context, source_id)


register_node("RewardProduct", NodeKind(_fetch_product, RewardProduct.from_json))
register_lookups(
    {
        "RewardCategory": ("category", RewardCategory.from_json),
        "Badge": ("badge", Badge.from_json),
        "RewardItem": ("reward-item", RewardItem.from_json),
        "RewardOrder": ("order", RewardOrder.from_json),
        "Refund": ("refund", Refund.from_json),
    },
    fetch.one,
    requirements={"RewardOrder": REWARDS_USER, "Refund": REFUND_READERS},
)


def _convert_record(record: ProductRecord) -> RewardProduct:
    return RewardProduct.from_json(record.data)


register_products(SOURCE, ProductKind(adapter=fetch.RewardProducts, convert=_convert_record))
register_orders(
    SOURCE,
    OrderKind(
        adapter=fetch.orders_for,
        convert=RewardOrder.from_json,
        created_at=fetch.order_created_at,
        statuses=ORDER_STATUSES,
    ),
)

TYPES = [RewardProduct, RewardCategory, RewardItem, Badge, RewardOrder, Refund]
