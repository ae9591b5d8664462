"""Catalog (E-Commerce Product API v1): products with inventory, a category tree.

The store has no multi-id endpoint, so products by id are de-duplicated and
fetched concurrently through one per-request loader, primed from every list.
All categories fit in one ``GET /api/v1/categories?limit=100`` page: it is read
once per request (and kept by the shared cache) and answers every category
relation — parent, children, tree — without further calls.
"""

from __future__ import annotations

from typing import Any

from aiodataloader import DataLoader

from gateway.context import GatewayContext
from gateway.sources import Source
from resolvers.loading import load_each
from resolvers.merge import MergeSource
from resolvers.paging import fetch_all, fetch_window
from resolvers.products import ProductQuery, ProductRecord, apply_locally, identifier_keys
from resolvers.same_item import register_finder
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
            return (await _get(context, f"{PRODUCTS}/{product_id}"))["item"]

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
    """One category by id (``GET /api/v1/categories/{id}``); ``None`` if unknown."""

    async def one(cid: str) -> Any:
        return (await _get(context, f"{CATEGORIES}/{cid}"))["item"]

    return (await load_each(context, SOURCE, [category_id], one))[0]


def category_names(product: dict[str, Any], by_id: dict[str, dict[str, Any]]) -> tuple[str, ...]:
    """The product's category and every ancestor's name."""
    names = []
    current = by_id.get(product["category"]["id"])
    while current is not None:
        names.append(current["name"])
        current = by_id.get(current["parent_id"]) if current.get("parent_id") else None
    return tuple(names) or (product["category"]["name"],)


def record(product: dict[str, Any], names: tuple[str, ...] | None = None) -> ProductRecord:
    attributes = product.get("attributes") or {}
    return ProductRecord(
        source=SOURCE,
        data=product,
        name=product["name"],
        price=parse_decimal(product.get("price")),
        created_at=parse_datetime(product.get("created_at")),
        category_names=names or (product["category"]["name"],),
        status=product.get("status", "active"),
        identifiers=identifier_keys(gtin=attributes.get("gtin"), mpn=attributes.get("mpn")),
    )


class CatalogProducts(MergeSource[ProductRecord]):
    """Catalog's side of the merged product list: search, status and sort pushed down;
    category (with its subtree) and price applied over the whole matching list."""

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
        self.local = bool(
            query.category_name or query.price_min is not None or query.price_max is not None
        )

    async def fetch(self, offset: int, limit: int) -> tuple[list[ProductRecord], int]:
        if not self.local:
            items, total = await product_window(self.context, self.params, offset, limit)
            return [record(item) for item in items], total
        by_id = await categories(self.context) if self.query.category_name else {}
        items = await all_products(self.context, self.params)
        kept = apply_locally((record(i, category_names(i, by_id)) for i in items), self.query)
        return kept[offset : offset + limit], len(kept)


async def find_by_name(context: GatewayContext, name: str) -> list[ProductRecord]:
    items, _ = await product_window(context, {"search": name}, 0, MAX_PAGE_SIZE)
    return [record(item) for item in items]


register_finder(SOURCE, find_by_name)
