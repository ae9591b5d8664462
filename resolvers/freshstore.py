"""FreshStore (a Laravel-style affiliate store): products with offers, brands and a
category tree; articles, pages, users, settings, store info and analytics.

The store takes no lists of ids, but ``?include=brand,offers,categories`` brings a
page of products with every relation: includes follow the query's selection,
and every included brand, offer and category primes its loader, so a relation
seen in a list is never fetched again in that request. By-id lookups
de-duplicate and fan out concurrently within the store's budget. All 81
categories fit one ``per_page=100`` page, read once per request for parents,
children and the tree. Offsets map onto aligned ``page``/``per_page`` blocks of 100.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
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

SOURCE = Source.FRESHSTORE
MAX_PAGE_SIZE = 100
Row = dict[str, Any]
SECRET_SETTING = re.compile(r"(api_key|secret|token|password)$")
REDACTED = "***"


async def _get(context: GatewayContext, path: str, params: dict[str, Any] | None = None) -> Any:
    response = await context.client(SOURCE).get_json(path, params, deadline=context.deadline)
    return response.json


async def data(context: GatewayContext, path: str, params: dict[str, Any] | None = None) -> Any:
    """The ``data`` of a GET."""
    return (await _get(context, path, params))["data"]


def redact_settings(values: dict[str, Any]) -> dict[str, Any]:
    """Settings with third-party credentials (API keys, secrets, tokens) masked."""
    return {k: (REDACTED if SECRET_SETTING.search(k) and v else v) for k, v in values.items()}


# ---------------------------------------------------------------- loaders


def loader(context: GatewayContext, resource: str, params: str = "") -> DataLoader:
    """``/api/<resource>/{id}`` by id: de-duplicated, concurrent, bounded."""
    query = dict(p.split("=", 1) for p in params.split("&") if p)

    async def batch(ids: list[int]) -> list[Any]:
        return await load_each(
            context, SOURCE, ids, lambda i: data(context, f"/api/{resource}/{i}", query)
        )

    return context.loader(f"freshstore.{resource}:{params}", batch)


def include_param(include: str) -> str:
    return f"include={include}" if include else ""


def prime(context: GatewayContext, products: list[Row], include: str) -> None:
    """Products and everything included with them into this request's loaders."""
    products_loader = loader(context, "products", include_param(include))
    brands, offers = loader(context, "brands"), loader(context, "offers")
    for product in products:
        products_loader.prime(product["id"], product)
        if isinstance(product.get("brand"), dict):
            brands.prime(product["brand"]["id"], product["brand"])
        for offer in product.get("offers") or []:
            offers.prime(offer["id"], offer)


async def one(context: GatewayContext, resource: str, row_id: str, params: str = "") -> Row | None:
    if not str(row_id).isdigit():
        return None
    return await loader(context, resource, params).load(int(row_id))


async def product(context: GatewayContext, product_id: str, include: str = "") -> Row | None:
    return await one(context, "products", product_id, include_param(include))


# ---------------------------------------------------------------- lists


async def window(
    context: GatewayContext, path: str, params: dict[str, Any], offset: int, limit: int
) -> tuple[list[Row], int]:
    """Rows ``[offset, offset + limit)`` of a paginated list, and its total."""

    async def page(number: int, size: int) -> tuple[list[Row], int]:
        body = await _get(context, path, {**params, "page": number, "per_page": size})
        return body["data"], body["meta"]["total"]

    rows, total = await fetch_window(page, offset, limit, MAX_PAGE_SIZE)
    return rows[:limit], total


async def everything(context: GatewayContext, path: str, params: dict[str, Any]) -> list[Row]:
    async def page(number: int, size: int) -> tuple[list[Row], int]:
        body = await _get(context, path, {**params, "page": number, "per_page": size})
        return body["data"], body["meta"]["total"]

    return await fetch_all(page, MAX_PAGE_SIZE)


async def product_window(
    context: GatewayContext, path: str, params: dict[str, Any], offset: int, limit: int
) -> tuple[list[Row], int]:
    rows, total = await window(context, path, params, offset, limit)
    prime(context, rows, params.get("include", ""))
    return rows, total


async def categories(context: GatewayContext) -> dict[int, Row]:
    """Every category by id (one call per request, then the shared cache)."""

    async def batch(keys: list[str]) -> list[Any]:
        rows = await everything(context, "/api/categories", {})
        return [{row["id"]: row for row in rows} for _ in keys]

    return await context.loader("freshstore.categories", batch).load("all")


# ---------------------------------------------------------------- merged list


def lowest_price(product: Row) -> Decimal | None:
    """The lowest price among the product's enabled, in-stock offers."""
    prices = [
        parse_decimal(offer.get("price"))
        for offer in product.get("offers") or []
        if offer.get("enabled") and offer.get("stock_available") and offer.get("price") is not None
    ]
    prices = [p for p in prices if p is not None]
    return min(prices) if prices else None


def record(product: Row) -> ProductRecord:
    return ProductRecord(
        source=SOURCE,
        data=product,
        name=product.get("title", ""),
        price=lowest_price(product),
        created_at=parse_datetime(product.get("created_at")),
        category_names=tuple(c["title"] for c in product.get("categories") or []),
        status="active" if product.get("enabled") else "draft",
        identifiers=identifier_keys(
            upc=product.get("upc"), ean=product.get("ean"), mpn=product.get("mpn")
        ),
    )


SORTS = {"name": "title", "created_at": "created_at"}
MERGE_INCLUDE = "brand,categories,offers"  # a product card's relations, in the same call


class FreshStoreProducts(MergeSource[ProductRecord]):
    """FreshStore's side of the merged product list: search, status and sort by name
    or date pushed down; prices live on offers and categories are many, so a price
    filter or sort, or a category, is applied here over the whole matching list
    (read once with its offers and categories, then cached)."""

    name = SOURCE.value

    def __init__(self, context: GatewayContext, query: ProductQuery) -> None:
        self.context = context
        self.params: dict[str, Any] = {"include": MERGE_INCLUDE}
        if query.search:
            self.params["search"] = query.search
        if query.status:
            self.params["enabled"] = "true" if query.status == "active" else "false"
        self.none = query.status == "archived"  # FreshStore has no archived products
        self.local = (
            query.sort_field == "price"
            or query.price_min is not None
            or query.price_max is not None
            or bool(query.category_name)
        )
        if not self.local:
            self.params["sort_by"] = SORTS[query.sort_field]
            self.params["sort_dir"] = "desc" if query.descending else "asc"
        self.rest = replace(query, search=None, status=None)

    async def fetch(self, offset: int, limit: int) -> tuple[list[ProductRecord], int]:
        if self.none:
            return [], 0
        if not self.local:
            rows, total = await product_window(
                self.context, "/api/products", self.params, offset, limit
            )
            return [record(row) for row in rows], total
        rows = await everything(self.context, "/api/products", self.params)
        prime(self.context, rows, MERGE_INCLUDE)
        kept = apply_locally((record(row) for row in rows), self.rest)
        return kept[offset : offset + limit], len(kept)


async def find_by_name(context: GatewayContext, name: str) -> list[ProductRecord]:
    rows, _ = await product_window(
        context, "/api/products", {"search": name, "include": MERGE_INCLUDE}, 0, MAX_PAGE_SIZE
    )
    return [record(row) for row in rows]


register_finder(SOURCE, find_by_name)
