"""Rewards (a Strapi v4 store): reward products, categories, badges, reward items,
and the caller's orders and refunds.

Every by-id loader batches through ``filters[id][$in]`` (up to the store's batch
size per call; a lone id uses the ``/{id}`` endpoint); lists read aligned
``pagination[page]/[pageSize]`` blocks of 100 (see ``resolvers.paging``) and
prime the loaders; ``populate=`` carries exactly the relations the query selects
(dotted paths for nested ones), so one call brings them.
Public content is read without the end user's token — one cache entry for every
user — while orders, refunds and redeem carry it (and are cached per user).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from aiodataloader import DataLoader

from gateway.context import GatewayContext
from gateway.errors import NotFound
from gateway.sources import Source
from resolvers.merge import MergeSource
from resolvers.paging import fetch_window
from resolvers.products import ProductQuery, ProductRecord, identifier_keys
from resolvers.same_item import register_finder
from resolvers.values import parse_datetime

SOURCE = Source.REWARDS
MAX_PAGE_SIZE = 100
FULL_PRODUCT = ("badge", "categories", "productImage", "reward", "sponsor", "variants")
COLLECTIONS = {
    "product": "/api/products",
    "category": "/api/categories",
    "badge": "/api/badges",
    "reward-item": "/api/reward-items",
    "order": "/api/orders",
    "refund": "/api/refunds",
}
USER_SCOPED = {"order", "refund"}

Entity = dict[str, Any]  # Strapi's {"id", "attributes"}
Page = tuple[list[Entity], int]


def populate_param(paths: Iterable[str]) -> dict[str, str]:
    wanted = sorted({p for p in paths if p})
    return {"populate": ",".join(wanted)} if wanted else {}


def minute_now() -> str:
    """Now, to the minute: filters on "now" keep one cache key per minute."""
    return datetime.now(UTC).replace(second=0, microsecond=0).strftime("%Y-%m-%dT%H:%M:%S.000Z")


async def _get(
    context: GatewayContext, kind: str, params: dict[str, Any], path_suffix: str = ""
) -> Any:
    client = context.client(SOURCE)
    token = context.require_user_token() if kind in USER_SCOPED else None
    response = await client.get_json(
        COLLECTIONS[kind] + path_suffix, params, user_token=token, deadline=context.deadline
    )
    return response.json


async def window(
    context: GatewayContext, kind: str, params: dict[str, Any], offset: int, limit: int
) -> Page:
    """Entities ``[offset, offset + limit)`` of a list, and its total."""

    async def page(number: int, size: int) -> Page:
        body = await _get(
            context, kind, {**params, "pagination[page]": number, "pagination[pageSize]": size}
        )
        return body["data"], body["meta"]["pagination"]["total"]

    items, total = await fetch_window(page, offset, limit, MAX_PAGE_SIZE)
    loader = by_id_loader(context, kind, params.get("populate", ""))
    for item in items:
        loader.prime(item["id"], item)
    return items, total


async def everything(context: GatewayContext, kind: str, params: dict[str, Any]) -> list[Entity]:
    items, total = await window(context, kind, params, 0, MAX_PAGE_SIZE)
    while len(items) < total:
        more, total = await window(context, kind, params, len(items), MAX_PAGE_SIZE)
        if not more:
            break
        items += more
    return items


def by_id_loader(context: GatewayContext, kind: str, populate: str) -> DataLoader:
    """One loader per (collection, populate) per request, batching by ``$in``."""

    async def batch(ids: list[int]) -> list[Entity | None]:
        if len(ids) == 1:  # one id: the by-id endpoint, still one call
            try:
                single = await _get(
                    context, kind, populate_param(populate.split(",")), f"/{ids[0]}"
                )
            except NotFound:
                return [None]
            return [single["data"]]
        params = {
            "filters[id][$in]": ",".join(str(i) for i in ids),
            "pagination[pageSize]": len(ids),
        }
        if populate:
            params["populate"] = populate
        found = {item["id"]: item for item in (await _get(context, kind, params))["data"]}
        return [found.get(i) for i in ids]

    max_batch = context.settings.store(SOURCE).max_batch
    return context.loader(f"rewards.{kind}:{populate}", batch, max_batch_size=max_batch)


async def one(
    context: GatewayContext, kind: str, entity_id: str, populate: str = ""
) -> Entity | None:
    if not entity_id.isdigit():
        return None
    return await by_id_loader(context, kind, populate).load(int(entity_id))


async def many(
    context: GatewayContext, kind: str, ids: list[int], populate: str = ""
) -> list[Entity | None]:
    return list(await by_id_loader(context, kind, populate).load_many(ids))


async def full_product(context: GatewayContext, product_id: str) -> Entity | None:
    return await one(context, "product", product_id, ",".join(FULL_PRODUCT))


async def redeem(
    context: GatewayContext, product_id: int, quantity: int, sku: str | None
) -> dict[str, Any]:
    body: dict[str, Any] = {"productId": product_id, "quantity": quantity}
    if sku is not None:
        body["sku"] = sku
    response = await context.client(SOURCE).send_json(
        "POST",
        "/api/redeem",
        body,
        user_token=context.require_user_token(),
        invalidate=("/api/orders", "/api/refunds", "/api/products"),
    )
    return response.json


# ---------------------------------------------------------------- merged lists


def _attributes(entity: Entity) -> dict[str, Any]:
    return entity.get("attributes") or {}


def product_status(entity: Entity, now: datetime | None = None) -> str:
    attributes = _attributes(entity)
    if not attributes.get("publishedAt"):
        return "draft"
    expiry = parse_datetime(attributes.get("expiryAt"))
    return "archived" if expiry and expiry <= (now or datetime.now(UTC)) else "active"


def product_mpns(entity: Entity) -> list[str]:
    return [v["sku"] for v in _attributes(entity).get("variants") or [] if v.get("sku")]


def record(entity: Entity) -> ProductRecord:
    attributes = _attributes(entity)
    categories = (attributes.get("categories") or {}).get("data") or []
    keys = frozenset().union(*(identifier_keys(mpn=m) for m in product_mpns(entity)))
    return ProductRecord(
        source=SOURCE,
        data=entity,
        name=attributes.get("name", ""),
        price=None,  # priced in points, not money
        created_at=parse_datetime(attributes.get("createdAt")),
        category_names=tuple(c["attributes"]["name"] for c in categories),
        status=product_status(entity),
        identifiers=keys,
    )


STATUS_FILTERS: dict[str, dict[str, str]] = {
    "active": {
        "filters[$or][0][expiryAt][$null]": "true",
        "filters[$or][1][expiryAt][$gt]": "{now}",
    },
    "archived": {"filters[expiryAt][$lte]": "{now}"},
    "draft": {"publicationState": "preview", "filters[publishedAt][$null]": "true"},
}
SORTS = {"name": "name", "created_at": "createdAt", "price": "createdAt"}
MERGE_POPULATE = "badge,categories,reward,variants"  # a product card's relations, in the same call


class RewardProducts(MergeSource[ProductRecord]):
    """Rewards' side of the merged product list: everything pushed down (search,
    category name, status, sort). Reward products cost points, not money: a price
    filter matches none of them (no call), and a price sort keeps them last."""

    name = SOURCE.value

    def __init__(self, context: GatewayContext, query: ProductQuery) -> None:
        self.context = context
        self.nothing = query.price_min is not None or query.price_max is not None
        direction = "desc" if query.descending and query.sort_field != "price" else "asc"
        self.params: dict[str, Any] = {
            "sort": f"{SORTS[query.sort_field]}:{direction},id:asc",
            "populate": MERGE_POPULATE,
        }
        if query.search:
            self.params["filters[name][$containsi]"] = query.search
        if query.category_name:
            self.params["filters[categories][name][$eqi]"] = query.category_name
        if query.status:
            now = minute_now()
            for key, value in STATUS_FILTERS[query.status].items():
                self.params[key] = value.format(now=now)

    async def fetch(self, offset: int, limit: int) -> tuple[list[ProductRecord], int]:
        if self.nothing:
            return [], 0
        items, total = await window(self.context, "product", self.params, offset, limit)
        return [record(item) for item in items], total


class RewardOrders(MergeSource[tuple[str, Entity]]):
    """The caller's reward orders, newest first (status pushed down)."""

    name = SOURCE.value

    def __init__(self, context: GatewayContext, status: str | None) -> None:
        self.context = context
        self.params: dict[str, Any] = {
            "sort": "createdAt:desc,id:desc",
            "populate": "product,product.reward,refund",  # what an order row shows
        }
        if status:
            self.params["filters[status][$eqi]"] = status

    async def fetch(self, offset: int, limit: int) -> tuple[list[tuple[str, Entity]], int]:
        items, total = await window(self.context, "order", self.params, offset, limit)
        return [(self.name, item) for item in items], total


def orders_for(context: GatewayContext, status: str | None) -> RewardOrders | None:
    """The caller's orders — none at all when the request names no end user."""
    return RewardOrders(context, status) if context.user_token else None


def order_created_at(entity: Entity) -> datetime | None:
    attributes = _attributes(entity)
    return parse_datetime(attributes.get("orderRequestedAt") or attributes.get("createdAt"))


async def find_by_name(context: GatewayContext, name: str) -> list[ProductRecord]:
    params = {"filters[name][$eqi]": name, "populate": MERGE_POPULATE}
    items, _ = await window(context, "product", params, 0, MAX_PAGE_SIZE)
    return [record(item) for item in items]


register_finder(SOURCE, find_by_name)
