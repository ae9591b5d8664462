"""Catalog (E-Commerce Product API v1): products with inventory, a category tree.

The store has no multi-id endpoint, so products by id are de-duplicated and
fetched concurrently through one per-request loader, primed from every list.
All categories fit in one ``GET /api/v1/categories?limit=100`` page: it is read
once per request (and kept by the shared cache) and answers every category
lookup and relation — by id, parent, children, tree — without further calls;
only an id the list lacks is asked of ``GET /api/v1/categories/{id}``.

The merged product list pushes search, status and sort down; a category name
becomes ``category_id`` (the named categories and their subtrees, read from
the category list) when that costs fewer calls than reading the whole list;
price bounds, which the store cannot filter, are applied over the whole
matching list (pages of 100, cached).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from aiodataloader import DataLoader

from gateway.context import GatewayContext
from gateway.paths import upstream_path
from gateway.sources import Source
from resolvers.derived import per_object
from resolvers.identifiers import Identifiers, identifiers
from resolvers.loading import load_each
from resolvers.merge import MergeSource
from resolvers.paging import fetch_all, fetch_window
from resolvers.products import ProductQuery, ProductRecord, apply_locally
from resolvers.same_item import register_lister
from resolvers.values import parse_datetime, parse_decimal

SOURCE = Source.CATALOG
PRODUCTS = "/api/v1/products"
CATEGORIES = "/api/v1/categories"
MAX_PAGE_SIZE = 100
SORTS = {"name": "name", "price": "price", "created_at": "created_at"}


async def _get(context: GatewayContext, path: str, params: dict[str, Any] | None = None) -> Any:
    response = await context.client(SOURCE).get_json(path, params, deadline=context.deadline)
    return response.json["data"]


def product_loader(context: GatewayContext) -> DataLoader:
    async def batch(ids: list[str]) -> list[Any]:
        async def one(product_id: str) -> Any:
            return (await _get(context, upstream_path(SOURCE, PRODUCTS + "/{}", product_id)))[
                "item"
            ]

        return await load_each(context, SOURCE, ids, one)

    return context.loader("catalog.product", batch)


async def product(context: GatewayContext, product_id: str) -> dict[str, Any] | None:
    return await product_loader(context).load(product_id)


def _prime(context: GatewayContext, items: list[dict[str, Any]]) -> None:
    loader = product_loader(context)
    for item in items:
        loader.prime(item["id"], item)


async def product_window(
    context: GatewayContext, params: dict[str, Any], offset: int, limit: int
) -> tuple[list[dict[str, Any]], int]:
    """Products ``[offset, offset + limit)`` of the list ``params`` select, and its total."""

    async def page(number: int, size: int) -> tuple[list[Any], int]:
        data = await _get(context, PRODUCTS, {**params, "page": number, "limit": size})
        return data["items"], data["pagination"]["total"]

    items, total = await fetch_window(page, offset, limit, MAX_PAGE_SIZE)
    _prime(context, items)
    return items[:limit], total


async def all_products(context: GatewayContext, params: dict[str, Any]) -> list[dict[str, Any]]:
    async def page(number: int, size: int) -> tuple[list[Any], int]:
        data = await _get(context, PRODUCTS, {**params, "page": number, "limit": size})
        return data["items"], data["pagination"]["total"]

    items = await fetch_all(page, MAX_PAGE_SIZE)
    _prime(context, items)
    return items


async def categories(context: GatewayContext) -> dict[str, dict[str, Any]]:
    """Every category by id (one call per request, then the shared cache)."""

    async def batch(keys: list[str]) -> list[Any]:
        async def page(number: int, size: int) -> tuple[list[Any], int]:
            data = await _get(context, CATEGORIES, {"page": number, "limit": size})
            return data["items"], data["pagination"]["total"]

        everything = {c["id"]: c for c in await fetch_all(page, MAX_PAGE_SIZE)}
        return [everything for _ in keys]

    return await context.loader("catalog.categories", batch).load("all")


async def category(context: GatewayContext, category_id: str) -> dict[str, Any] | None:
    """One category by id, from the category list; ``None`` if unknown.

    An id the list lacks is asked of ``GET /api/v1/categories/{id}`` (one loader per
    request): the list may come from the cache and be older than the store."""
    found = (await categories(context)).get(category_id)
    if found is not None:
        return found

    async def batch(ids: list[str]) -> list[Any]:
        async def one(cid: str) -> Any:
            return (await _get(context, upstream_path(SOURCE, CATEGORIES + "/{}", cid)))["item"]

        return await load_each(context, SOURCE, ids, one)

    return await context.loader("catalog.category", batch).load(category_id)


def subtree_ids(by_id: dict[str, dict[str, Any]], name: str) -> list[str]:
    """Ids of the categories called ``name`` (ignoring case) and of all their
    descendants, in list order (parents before children)."""
    wanted = name.casefold()
    chosen: set[str] = set()
    for cid, cat in by_id.items():  # parents precede children in the store's list
        parent = cat.get("parent_id")
        if cat["name"].casefold() == wanted or (parent and parent in chosen):
            chosen.add(cid)
    return [cid for cid in by_id if cid in chosen]


def _pages(count: int) -> int:
    return -(-count // MAX_PAGE_SIZE)


def category_names(product: dict[str, Any], by_id: dict[str, dict[str, Any]]) -> tuple[str, ...]:
    """The product's category and every ancestor's name."""
    names = []
    current = by_id.get(product["category"]["id"])
    while current is not None:
        names.append(current["name"])
        current = by_id.get(current["parent_id"]) if current.get("parent_id") else None
    return tuple(names) or (product["category"]["name"],)


def product_identifiers(product: dict[str, Any]) -> Identifiers:
    """Catalog's ``attributes.gtin``, ``attributes.mpn`` and ``attributes.brand``."""
    attributes = product.get("attributes") or {}
    return identifiers(
        gtins=[attributes.get("gtin")], mpn=attributes.get("mpn"), brand=attributes.get("brand")
    )


@per_object
def record(product: dict[str, Any], names: tuple[str, ...] | None = None) -> ProductRecord:
    return ProductRecord(
        source=SOURCE,
        data=product,
        name=product["name"],
        price=parse_decimal(product.get("price")),
        created_at=parse_datetime(product.get("created_at")),
        category_names=names or (product["category"]["name"],),
        status=product.get("status", "active"),
        identifiers=product_identifiers(product).keys,
        currency=str(product.get("currency") or "USD").upper(),
        description=str(product.get("description") or ""),
    )


@dataclass
class _Plan:
    """Which product lists answer a query, and whether the gateway filters/sorts them."""

    lists: list[dict[str, Any]]
    local: bool
    by_id: dict[str, dict[str, Any]] = field(default_factory=dict)


class CatalogProducts(MergeSource[ProductRecord]):
    """Catalog's side of the merged product list: search (name or description, as the
    graph means it), status and sort pushed down; a category name pushed as
    ``category_id`` when cheaper; price filters and price sorts applied locally (each
    Catalog product has its own currency: the store would compare raw amounts)."""

    name = SOURCE.value

    def __init__(self, context: GatewayContext, query: ProductQuery) -> None:
        self.context = context
        self.query = query
        self.params: dict[str, Any] = {
            "sort": SORTS[query.sort_field],
            "order": "desc" if query.descending else "asc",
        }
        if query.search:
            self.params["search"] = query.search
        if query.status:
            self.params["status"] = query.status
        self.priced = query.priced or query.sort_field == "price"

    async def plan(self) -> _Plan:
        if not self.query.category_name:
            return _Plan([self.params], local=self.priced)
        by_id = await categories(self.context)
        named = subtree_ids(by_id, self.query.category_name)
        filed = [cid for cid in named if by_id[cid].get("product_count", 1) > 0]
        if not filed:
            return _Plan([], local=False, by_id=by_id)
        # product_count (every status) bounds each list; the whole list holds them all
        per_category = sum(_pages(by_id[cid].get("product_count", 1)) for cid in filed)
        whole = _pages(sum(c.get("product_count", 0) for c in by_id.values()))
        if len(filed) == 1 or per_category < whole:
            lists = [{**self.params, "category_id": cid} for cid in filed]
            return _Plan(lists, local=self.priced or len(lists) > 1, by_id=by_id)
        return _Plan([self.params], local=True, by_id=by_id)

    async def fetch(self, offset: int, limit: int) -> tuple[list[ProductRecord], int]:
        plan = await self.plan()
        if not plan.lists:
            return [], 0
        if not plan.local:
            items, total = await product_window(self.context, plan.lists[0], offset, limit)
            return [record(item) for item in items], total
        lists = await asyncio.gather(*(all_products(self.context, p) for p in plan.lists))
        records = (record(i, category_names(i, plan.by_id)) for items in lists for i in items)
        kept = apply_locally(records, self.query)
        return kept[offset : offset + limit], len(kept)


async def every_product(context: GatewayContext) -> list[ProductRecord]:
    """Every Catalog product (the same-item index): the whole list, cached."""
    return [record(item) for item in await all_products(context, {})]


register_lister(SOURCE, every_product)
