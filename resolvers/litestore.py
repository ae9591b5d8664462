"""Litestore: products, creator content, reviews and analytics.

Lists speak ``limit``/``offset``; windows are read in aligned blocks of 100.
No endpoint takes several ids, so products, product analytics and creator
analytics load through per-request loaders that de-duplicate and fan out
concurrently (primed from lists). A creator's content is read once per request
(``limit=100`` covers a creator) and every window of it is sliced locally. Reviews and
content windows load through per-request loaders too, so a read started early
(``schema.prefetch``) is the one its field then awaits. The
store cannot sort products: the merged list reads the whole matching list
(cached) and sorts it here.
Content and reviews have no by-id endpoint; their global ids are resolved by
reading the list they live in.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import replace
from typing import Any

from aiodataloader import DataLoader

from gateway.batching import fan_out
from gateway.context import GatewayContext
from gateway.identity import PUBLIC, Requirement, Role, StoreCredential
from gateway.paths import check_id, upstream_path
from gateway.sources import Source
from resolvers.derived import per_object
from resolvers.identifiers import Identifiers, identifiers
from resolvers.loading import load_each
from resolvers.merge import MergeSource
from resolvers.paging import fetch_all, fetch_window
from resolvers.products import ProductQuery, ProductRecord, apply_locally
from resolvers.same_item import register_lister
from resolvers.values import parse_datetime, parse_decimal

SOURCE = Source.LITESTORE
PRICE_CURRENCY = "USD"
"""Litestore prices carry no currency; the store is American (its seed prices in $)."""
PRODUCTS = "/api/products"
CONTENT = "/api/creators/content"
APPROVED = "approved"
"""The one content state of the public catalogue."""
MAX_LIMIT = 100

Page = tuple[list[dict[str, Any]], int]


def slug(name: str) -> str:
    """A category id: the lower-case slug of its name (``Home & Garden`` → ``home-garden``)."""
    return re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")


PRODUCT_ANALYTICS = Requirement.of(Role.STAFF, Role.CATALOG_EDITOR)
"""A product's traffic and sales: the back office and catalogue editors."""
CREATOR_PRIVATE = Requirement.of(Role.STAFF, creator=True)
"""A creator's commissions and analytics: staff, or that creator."""
MODERATION = Requirement.of(Role.STAFF, Role.MODERATOR, creator=True)
"""Moderation details: staff, moderators, or the creator of the content."""
ANALYTICS_READERS = Requirement.of(Role.STAFF, Role.CATALOG_EDITOR, creator=True)
"""Whose credential answers analytics reads (each field declares exactly who)."""


def credential(context: GatewayContext, path: str) -> StoreCredential:
    """Analytics present the caller's (operator's) credential; the catalogue, reviews and
    content are public, read with the gateway's key and shared."""
    personal = path.startswith("/api/analytics") or path.endswith("/analytics")
    return context.credential(SOURCE, ANALYTICS_READERS) if personal else PUBLIC


async def _get(
    context: GatewayContext,
    path: str,
    params: dict[str, Any] | None = None,
    presenting: StoreCredential | None = None,
) -> Any:
    response = await context.client(SOURCE).get_json(
        path,
        params,
        credential=presenting or credential(context, path),
        deadline=context.deadline,
    )
    return response.json


async def _block(
    context: GatewayContext,
    path: str,
    params: dict[str, Any],
    number: int,
    size: int,
    presenting: StoreCredential | None = None,
) -> Page:
    window = {**params, "offset": (number - 1) * size, "limit": size}
    body = await _get(context, path, window, presenting)
    return body["data"], body["total"]


async def _list(
    context: GatewayContext,
    path: str,
    params: dict[str, Any],
    offset: int,
    limit: int,
    presenting: StoreCredential | None = None,
) -> Page:
    async def page(number: int, size: int) -> Page:
        return await _block(context, path, params, number, size, presenting)

    return await fetch_window(page, offset, limit, MAX_LIMIT)


async def _all(
    context: GatewayContext,
    path: str,
    params: dict[str, Any],
    presenting: StoreCredential | None = None,
) -> list[dict[str, Any]]:
    async def page(number: int, size: int) -> Page:
        return await _block(context, path, params, number, size, presenting)

    return await fetch_all(page, MAX_LIMIT)


async def _each(
    context: GatewayContext, keys: Sequence[Any], read: Callable[[Any], Awaitable[Any]]
) -> list[Any]:
    """``read`` per distinct key within the store's concurrency, each failure (a missing
    product's ``NOT_FOUND`` too) that key's own — a window loader's batch."""
    return await fan_out(keys, read, concurrency=context.settings.store(SOURCE).max_concurrency)


# ---------------------------------------------------------------- products


def product_loader(context: GatewayContext) -> DataLoader:
    async def batch(ids: list[str]) -> list[Any]:
        return await load_each(
            context,
            SOURCE,
            ids,
            lambda i: _get(context, upstream_path(SOURCE, PRODUCTS + "/{}", i)),
        )

    return context.loader("litestore.product", batch)


def _prime(context: GatewayContext, items: list[dict[str, Any]]) -> None:
    loader = product_loader(context)
    for item in items:
        loader.prime(item["id"], item)


async def product(context: GatewayContext, product_id: str) -> dict[str, Any] | None:
    return await product_loader(context).load(product_id)


async def products(context: GatewayContext, ids: list[str]) -> list[dict[str, Any] | None]:
    return list(await product_loader(context).load_many(ids))


async def product_window(
    context: GatewayContext, params: dict[str, Any], offset: int, limit: int
) -> Page:
    items, total = await _list(context, PRODUCTS, params, offset, limit)
    _prime(context, items)
    return items, total


async def all_products(context: GatewayContext, params: dict[str, Any]) -> list[dict[str, Any]]:
    items = await _all(context, PRODUCTS, params)
    _prime(context, items)
    return items


async def category(context: GatewayContext, category_slug: str) -> dict[str, Any] | None:
    """A category (``{"slug", "name"}``) if any product is filed under it."""
    items, _ = await product_window(context, {"category": category_slug}, 0, 1)
    return {"slug": category_slug, "name": items[0]["category"]} if items else None


# ---------------------------------------------------------------- reviews


async def reviews(
    context: GatewayContext, product_id: str, params: dict[str, Any], offset: int, limit: int
) -> Page:
    """A window of a product's reviews (one read per product, filters and window per
    request: a prefetched window is the one its field reads)."""

    async def batch(keys: list[tuple[str, tuple[tuple[str, Any], ...], int, int]]) -> list[Any]:
        async def one(key: tuple[str, tuple[tuple[str, Any], ...], int, int]) -> Any:
            pid, wanted, start, size = key
            path = upstream_path(SOURCE, PRODUCTS + "/{}/reviews", pid)
            return await _list(context, path, dict(wanted), start, size)

        return await _each(context, keys, one)

    key = (product_id, tuple(sorted(params.items())), offset, limit)
    page: Page = await context.loader("litestore.reviews", batch).load(key)
    return page


async def review(context: GatewayContext, compound_id: str) -> dict[str, Any] | None:
    """A review by ``"<product id>:<review id>"`` (reviews live under their product)."""
    product_id, _, review_id = compound_id.partition(":")
    if not review_id or await product(context, product_id) is None:
        return None
    every = await _all(context, upstream_path(SOURCE, PRODUCTS + "/{}/reviews", product_id), {})
    return next((r for r in every if r["id"] == review_id), None)


async def review_summary(context: GatewayContext, product_id: str) -> tuple[float | None, int]:
    """``(average rating, review count)`` of a product. Litestore has no aggregate and
    no multi-product reviews read: one reviews read per distinct product, de-duplicated
    and fanned out within the budget, only for products whose rating is selected."""

    async def batch(ids: list[str]) -> list[Any]:
        async def one(pid: str) -> tuple[float | None, int]:
            every = await _all(context, f"{PRODUCTS}/{pid}/reviews", {})
            ratings = [r["rating"] for r in every if isinstance(r.get("rating"), int)]
            return (sum(ratings) / len(ratings) if ratings else None), len(every)

        return await load_each(context, SOURCE, ids, one)

    found = await context.loader("litestore.review_summary", batch).load(product_id)
    return found if found is not None else (None, 0)


# ---------------------------------------------------------------- analytics


async def product_analytics(
    context: GatewayContext, product_id: str, period: str, metrics: tuple[str, ...]
) -> dict[str, Any] | None:
    async def batch(keys: list[tuple[str, str, tuple[str, ...]]]) -> list[Any]:
        async def one(key: tuple[str, str, tuple[str, ...]]) -> Any:
            pid, period, metrics = key
            params: dict[str, Any] = {"period": period}
            if metrics:
                params["metrics"] = ",".join(metrics)
            return await _get(
                context, upstream_path(SOURCE, "/api/analytics/products/{}", pid), params
            )

        return await load_each(context, SOURCE, keys, one)

    loader = context.loader("litestore.product_analytics", batch)
    return await loader.load((product_id, period, metrics))


async def creator_analytics(context: GatewayContext, creator_id: str) -> dict[str, Any] | None:
    async def batch(ids: list[str]) -> list[Any]:
        return await load_each(
            context,
            SOURCE,
            ids,
            lambda i: _get(context, upstream_path(SOURCE, "/api/analytics/creators/{}", i)),
        )

    return await context.loader("litestore.creator_analytics", batch).load(creator_id)


async def creator(context: GatewayContext, creator_id: str) -> dict[str, Any] | None:
    """A creator (``{"id"}``) if the store knows them: they have content (the public
    content list; their analytics are the creator's own and are not read for a profile)."""
    creator_id = check_id(SOURCE, creator_id)  # a query parameter here: checked all the same
    found = await creator_content(context, creator_id, None)
    return {"id": creator_id} if found else None


# ---------------------------------------------------------------- creator content


def content_scope(
    context: GatewayContext, creator_id: str | None, status: str | None
) -> tuple[str | None, StoreCredential]:
    """The content states the caller may list (a store ``status`` filter; ``None``: every
    state) and the credential to list them with. Approved content is the public catalogue
    (shared reads); content in any other state is for :data:`MODERATION` — staff,
    moderators, the creator whose content it is — read with their credential. Anyone else
    asking for every state gets the approved content; asking for another state is refused
    (``UNAUTHENTICATED``/``FORBIDDEN``)."""
    if status == APPROVED:
        return APPROVED, PUBLIC
    if MODERATION.allows(context.caller, creator_id=creator_id):
        return status, context.credential(SOURCE, MODERATION)
    if status is not None:
        MODERATION.check(context.caller, creator_id=creator_id)  # raises the refusal
    return APPROVED, PUBLIC


def _with_status(params: dict[str, Any], status: str | None) -> dict[str, Any]:
    rest = {k: v for k, v in params.items() if k != "status"}
    return {**rest, "status": status} if status else rest


async def content_window(
    context: GatewayContext, params: dict[str, Any], offset: int, limit: int
) -> Page:
    """A window of a content list the caller may see (:func:`content_scope`; each list,
    filters and window read once per request)."""
    status, _ = content_scope(context, params.get("creatorId"), params.get("status"))

    async def batch(keys: list[tuple[tuple[tuple[str, Any], ...], int, int]]) -> list[Any]:
        async def one(key: tuple[tuple[tuple[str, Any], ...], int, int]) -> Any:
            wanted, start, size = dict(key[0]), key[1], key[2]
            _, presenting = content_scope(context, wanted.get("creatorId"), wanted.get("status"))
            return await _list(context, CONTENT, wanted, start, size, presenting)

        return await _each(context, keys, one)

    key = (tuple(sorted(_with_status(params, status).items())), offset, limit)
    page: Page = await context.loader("litestore.content_window", batch).load(key)
    return page


async def creator_content(
    context: GatewayContext, creator_id: str, status: str | None
) -> list[dict[str, Any]]:
    """All of one creator's content the caller may see (:func:`content_scope`; one call
    per creator and status per request)."""
    status, presenting = content_scope(context, creator_id, status)

    async def batch(keys: list[tuple[str, str | None]]) -> list[Any]:
        async def one(key: tuple[str, str | None]) -> Any:
            cid, wanted = key
            return await _all(
                context, CONTENT, _with_status({"creatorId": cid}, wanted), presenting
            )

        return await load_each(context, SOURCE, keys, one)

    return await context.loader("litestore.creator_content", batch).load((creator_id, status))


async def content_item(context: GatewayContext, content_id: str) -> dict[str, Any] | None:
    """One piece of content, as the caller may see it (no by-id endpoint: it is found in
    the list it lives in): in any state for staff and moderators, else approved — or the
    caller's own, for a creator."""
    caller = context.caller
    if MODERATION.allows(caller):  # staff, moderators: every creator's, every state
        lists = [await _all(context, CONTENT, {}, context.credential(SOURCE, MODERATION))]
    else:
        lists = [await _all(context, CONTENT, {"status": APPROVED})]
        own = caller.operator.creator_id if caller.operator else None
        if own is not None and MODERATION.allows(caller, creator_id=own):
            lists.append(await creator_content(context, own, None))
    return next((c for every in lists for c in every if c["id"] == content_id), None)


# ---------------------------------------------------------------- the merged list


def product_identifiers(product: dict[str, Any]) -> Identifiers:
    """Litestore's GTIN and MPN (it names no brand, so its MPN alone joins nothing)."""
    return identifiers(gtins=[product.get("gtin")], mpn=product.get("mpn"))


@per_object
def record(product: dict[str, Any]) -> ProductRecord:
    return ProductRecord(
        source=SOURCE,
        data=product,
        name=product["name"],
        price=parse_decimal(product.get("price")),
        created_at=parse_datetime(product.get("createdAt")),
        category_names=(product["category"],) if product.get("category") else (),
        status=product.get("status", "active"),
        identifiers=product_identifiers(product).keys,
        currency=PRICE_CURRENCY,
        description=str(product.get("description") or ""),
    )


class LitestoreProducts(MergeSource[ProductRecord]):
    """Litestore's side of the merged product list: search, status and category pushed
    down; the store cannot sort, so the matching list is read whole (then cached)."""

    name = SOURCE.value

    def __init__(self, context: GatewayContext, query: ProductQuery) -> None:
        self.context = context
        self.query = query
        self.params: dict[str, Any] = {}
        if query.search:
            self.params["search"] = query.search
        if query.status:
            self.params["status"] = query.status
        if query.category_name:
            self.params["category"] = slug(query.category_name)
        # what the store applied exactly is not applied again; its search also matches
        # tags, so the gateway narrows it to names and descriptions
        self.rest = replace(query, status=None, category_name=None)

    async def fetch(self, offset: int, limit: int) -> tuple[list[ProductRecord], int]:
        items = await all_products(self.context, self.params)
        kept = apply_locally((record(item) for item in items), self.rest)
        return kept[offset : offset + limit], len(kept)


async def every_product(context: GatewayContext) -> list[ProductRecord]:
    """Every Litestore product (the same-item index): the whole list, cached."""
    return [record(item) for item in await all_products(context, {})]


register_lister(SOURCE, every_product)
