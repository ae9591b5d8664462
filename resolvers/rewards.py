"""Rewards (a Strapi v4 store): reward products, categories, badges, reward items,
and the caller's orders and refunds.

One by-id loader per collection per request batches through ``filters[id][$in]``
(up to the store's batch size per call; a lone id uses the ``/{id}`` endpoint);
its keys are ``(id, populate)`` and a batch asks for the union of what its keys
want to populate, so lookups of one collection cost one call per batch whatever
each field selects. Lists read aligned ``pagination[page]/[pageSize]`` blocks of
100 (see ``resolvers.paging``) and prime the loader; ``populate=`` carries exactly
the relations the query selects (dotted paths for nested ones), so one call
brings them.

Public content is read with the gateway's own token — one cache entry for every
user — while orders, refunds and redeem present ``context.credential(REWARDS)``: the
caller's ``livelike-user-token`` (orders and redeem need it: ``END_USER_ONLY``), or for
refunds an operator's identity (the store then answers every user's). Cached per identity.
Cached reads are tagged so a redemption drops exactly what it changed: the
caller's orders and refunds (``user_tag``), the redeemed product's by-id
entries and the product lists (``product_tag``, ``PRODUCT_LISTS_TAG``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from aiodataloader import DataLoader

from gateway.cache import fingerprint
from gateway.context import GatewayContext
from gateway.errors import NotFound
from gateway.identity import PUBLIC, Requirement, Role
from gateway.paths import check_id, upstream_path
from gateway.sources import Source
from resolvers.identifiers import Identifiers, identifiers
from resolvers.merge import MergeSource
from resolvers.paging import fetch_window
from resolvers.products import ProductQuery, ProductRecord, found_by_search
from resolvers.same_item import register_lister
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
REWARDS_USER = Requirement.of(viewer=[SOURCE])
"""The Rewards user themself (their token forwarded; Rewards scopes what it returns)."""
REFUND_READERS = Requirement.of(Role.STAFF, Role.SUPPORT, viewer=[SOURCE])
"""Refunds: the user's own, or any user's for staff and support."""
USER_SCOPED = {"order": REWARDS_USER, "refund": REFUND_READERS}
"""Who may read the user-scoped collections (Rewards needs a user token for orders)."""
PRODUCT_LISTS_TAG = "rewards:product-lists"

Entity = dict[str, Any]  # Strapi's {"id", "attributes"}
Page = tuple[list[Entity], int]


def populate_param(paths: Iterable[str]) -> dict[str, str]:
    wanted = sorted({p for p in paths if p})
    return {"populate": ",".join(wanted)} if wanted else {}


def minute_now() -> str:
    """Now, to the minute: filters on "now" keep one cache key per minute."""
    return datetime.now(UTC).replace(second=0, microsecond=0).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def user_tag(user_token: str) -> str:
    """The cache tag of one end user's orders and refunds."""
    return f"rewards:user:{fingerprint(user_token)}"


def product_tag(product_id: object) -> str:
    """The cache tag of a product's by-id reads."""
    return f"rewards:product:{product_id}"


def _tags(kind: str, context: GatewayContext, ids: Iterable[int] | None) -> tuple[str, ...]:
    if kind in USER_SCOPED:
        user = context.caller.rewards_user
        return (user_tag(user.token),) if user is not None else ()
    if kind == "product":
        return tuple(product_tag(i) for i in ids) if ids is not None else (PRODUCT_LISTS_TAG,)
    return ()


async def _get(
    context: GatewayContext,
    kind: str,
    params: dict[str, Any],
    path_suffix: str = "",
    ids: Iterable[int] | None = None,
) -> Any:
    """GET one of the collections; ``ids`` names the entities a by-id read asks for."""
    client = context.client(SOURCE)
    scoped = USER_SCOPED.get(kind)
    credential = context.credential(SOURCE, scoped) if scoped is not None else PUBLIC
    response = await client.get_json(
        COLLECTIONS[kind] + path_suffix,
        params,
        credential=credential,
        deadline=context.deadline,
        tags=_tags(kind, context, ids),
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
    loader = by_id_loader(context, kind)
    populate = params.get("populate", "")
    for item in items:
        loader.prime((item["id"], populate), item)
    return items, total


async def everything(context: GatewayContext, kind: str, params: dict[str, Any]) -> list[Entity]:
    items, total = await window(context, kind, params, 0, MAX_PAGE_SIZE)
    while len(items) < total:
        more, total = await window(context, kind, params, len(items), MAX_PAGE_SIZE)
        if not more:
            break
        items += more
    return items


async def by_ids(
    context: GatewayContext, kind: str, ids: list[int], populate: Iterable[str]
) -> dict[int, Entity]:
    """The entities of ``kind`` with ``ids`` (missing ones left out), in one call."""
    wanted = sorted(set(ids))  # one cache key for one set of ids, whatever the order
    params = populate_param(populate)
    if len(wanted) == 1:  # one id: the by-id endpoint, still one call
        try:
            single = await _get(
                context, kind, params, upstream_path(SOURCE, "/{}", wanted[0]), ids=wanted
            )
        except NotFound:
            return {}
        return {wanted[0]: single["data"]}
    params["filters[id][$in]"] = ",".join(str(i) for i in wanted)
    params["pagination[pageSize]"] = str(len(wanted))
    body = await _get(context, kind, params, ids=wanted)
    return {item["id"]: item for item in body["data"]}


def by_id_loader(context: GatewayContext, kind: str) -> DataLoader:
    """The request's one loader of ``kind``, keyed ``(id, populate)``: a batch makes
    one ``$in`` call populating every relation any of its keys asks for."""

    async def batch(keys: list[tuple[int, str]]) -> list[Entity | None]:
        populate = {p for _, wanted in keys for p in wanted.split(",") if p}
        found = await by_ids(context, kind, [i for i, _ in keys], populate)
        return [found.get(i) for i, _ in keys]

    max_batch = context.settings.store(SOURCE).max_batch
    return context.loader(f"rewards.{kind}", batch, max_batch_size=max_batch)


async def one(
    context: GatewayContext, kind: str, entity_id: str, populate: str = ""
) -> Entity | None:
    checked = int(check_id(SOURCE, entity_id))
    return await by_id_loader(context, kind).load((checked, populate))


async def full_product(context: GatewayContext, product_id: str) -> Entity | None:
    return await one(context, "product", product_id, ",".join(FULL_PRODUCT))


# ---------------------------------------------------------------- merged lists


def _attributes(entity: Entity) -> dict[str, Any]:
    return entity.get("attributes") or {}


def blocks_text(blocks: Any) -> str | None:
    """Strapi rich-text blocks as plain text (paragraphs separated by blank lines)."""
    if not isinstance(blocks, list):
        return blocks if isinstance(blocks, str) else None
    paragraphs = [
        "".join(child.get("text", "") for child in block.get("children") or [])
        for block in blocks
        if isinstance(block, dict)
    ]
    return "\n\n".join(p for p in paragraphs if p) or None


def product_status(entity: Entity, now: datetime | None = None) -> str:
    attributes = _attributes(entity)
    if not attributes.get("publishedAt"):
        return "draft"
    expiry = parse_datetime(attributes.get("expiryAt"))
    return "archived" if expiry and expiry <= (now or datetime.now(UTC)) else "active"


def product_mpns(entity: Entity) -> list[str]:
    return [v["sku"] for v in _attributes(entity).get("variants") or [] if v.get("sku")]


def product_identifiers(entity: Entity) -> Identifiers:
    """A reward's variant SKUs — the manufacturer's part numbers of the items other
    stores sell — joined with its sponsor, the item's brand (``populate=variants,sponsor``)."""
    mpns = product_mpns(entity)
    sponsor = _attributes(entity).get("sponsor") or {}
    sponsor = sponsor.get("data", sponsor) if isinstance(sponsor, dict) else None
    brand = sponsor.get("name") if isinstance(sponsor, dict) else None
    first = mpns[0] if mpns else None
    return identifiers(mpn=first, extra_mpns=mpns[1:], brand=brand, sku=first)


def record(entity: Entity) -> ProductRecord:
    attributes = _attributes(entity)
    categories = (attributes.get("categories") or {}).get("data") or []
    keys = product_identifiers(entity).keys
    return ProductRecord(
        source=SOURCE,
        data=entity,
        name=attributes.get("name", ""),
        price=None,  # priced in points, not money
        created_at=parse_datetime(attributes.get("createdAt")),
        category_names=tuple(c["attributes"]["name"] for c in categories),
        status=product_status(entity),
        identifiers=keys,
        currency=None,  # points
        description=blocks_text(attributes.get("description")) or "",
    )


def available_filters(now: str | None = None) -> dict[str, str]:
    """Products a caller could redeem now: published (the default ``live`` state),
    started, not expired and in stock — the same test as ``isAvailable``."""
    now = now or minute_now()
    return {
        "filters[inventoryCount][$gt]": "0",
        "filters[$and][0][$or][0][startAt][$null]": "true",
        "filters[$and][0][$or][1][startAt][$lte]": now,
        "filters[$and][1][$or][0][expiryAt][$null]": "true",
        "filters[$and][1][$or][1][expiryAt][$gt]": now,
    }


STATUS_FILTERS: dict[str, dict[str, str]] = {
    "active": {
        "filters[$or][0][expiryAt][$null]": "true",
        "filters[$or][1][expiryAt][$gt]": "{now}",
    },
    "archived": {"filters[expiryAt][$lte]": "{now}"},
    "draft": {"publicationState": "preview", "filters[publishedAt][$null]": "true"},
}
SORTS = {"name": "name", "created_at": "createdAt", "price": "createdAt"}
MERGE_POPULATE = ",".join(FULL_PRODUCT)  # a product card's relations, in the same call
ORDER_ROW_POPULATE = "product,product.reward,refund"  # what an order row shows


class RewardProducts(MergeSource[ProductRecord]):
    """Rewards' side of the merged product list: category name, status and sort pushed
    down. Strapi's ``$containsi`` searches one field, so a search (names and
    descriptions) is applied here over the whole matching list. Reward products cost
    points, not money: a price filter matches none of them (no call), and a price sort
    keeps them last."""

    name = SOURCE.value

    def __init__(self, context: GatewayContext, query: ProductQuery) -> None:
        self.context = context
        self.search = query.search
        self.nothing = query.priced
        direction = "desc" if query.descending and query.sort_field != "price" else "asc"
        self.params: dict[str, Any] = {
            "sort": f"{SORTS[query.sort_field]}:{direction},id:asc",
            "populate": MERGE_POPULATE,
        }
        if query.category_name:
            self.params["filters[categories][name][$eqi]"] = query.category_name
        if query.status:
            now = minute_now()
            for key, value in STATUS_FILTERS[query.status].items():
                self.params[key] = value.format(now=now)

    async def fetch(self, offset: int, limit: int) -> tuple[list[ProductRecord], int]:
        if self.nothing:
            return [], 0
        if self.search:
            every = await everything(self.context, "product", self.params)
            found = [r for r in map(record, every) if found_by_search(r, self.search)]
            return found[offset : offset + limit], len(found)
        items, total = await window(self.context, "product", self.params, offset, limit)
        return [record(item) for item in items], total


class RewardOrders(MergeSource[tuple[str, Entity]]):
    """The caller's reward orders, newest first (status pushed down)."""

    name = SOURCE.value

    def __init__(self, context: GatewayContext, statuses: tuple[str, ...] | None) -> None:
        self.context = context
        self.params: dict[str, Any] = {
            "sort": "createdAt:desc,id:desc",
            "populate": ORDER_ROW_POPULATE,
        }
        self.none = statuses is not None and not statuses
        if statuses:
            (self.params["filters[status][$eq]"],) = statuses

    async def fetch(self, offset: int, limit: int) -> tuple[list[tuple[str, Entity]], int]:
        if self.none:
            return [], 0
        items, total = await window(self.context, "order", self.params, offset, limit)
        return [(self.name, item) for item in items], total


def orders_for(context: GatewayContext, statuses: tuple[str, ...] | None) -> RewardOrders | None:
    """The caller's orders — none at all when the request names no end user."""
    return RewardOrders(context, statuses) if context.caller.rewards_user else None


def order_created_at(entity: Entity) -> datetime | None:
    attributes = _attributes(entity)
    return parse_datetime(attributes.get("orderRequestedAt") or attributes.get("createdAt"))


async def every_product(context: GatewayContext) -> list[ProductRecord]:
    """Every published reward (the same-item index), with the card's relations: the
    variants and sponsor it joins on among them."""
    return [record(e) for e in await everything(context, "product", {"populate": MERGE_POPULATE})]


register_lister(SOURCE, every_product)
