"""FreshStore's catalogue: products (with ``include=``), offers, brands, categories.

``include=brand,offers,categories`` brings a page of products with every relation in
one call, so list and lookup resolvers push down only the relations the query selects.
Whatever a response carries is remembered for the rest of the request: products, their
brands, offers and categories prime the per-id loaders (and the per-product offer and
category loaders), so nothing seen once is fetched again.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from itertools import combinations
from typing import Any

from aiodataloader import DataLoader

from gateway.context import GatewayContext
from gateway.paths import upstream_path
from resolvers.freshstore.fetch import (
    SOURCE,
    Json,
    Params,
    get_all,
    get_data,
    get_data_or_none,
    get_window,
    memo,
    per_id_loader,
    store_id,
)

PRODUCT_INCLUDES = ("brand", "offers", "categories")
"""The relations FreshStore's ``include=`` accepts, in its own order."""
BASE_CURRENCY = "USD"
"""FreshStore's default country is the US: its prices compare in dollars first."""


def include_key(names: Iterable[str]) -> str:
    """The ``include=`` value for ``names`` (unknown names dropped, canonical order)."""
    wanted = set(names)
    return ",".join(name for name in PRODUCT_INCLUDES if name in wanted)


def _with_include(params: Params | None, include: str) -> dict[str, Any]:
    out = dict(params or {})
    if include:
        out["include"] = include
    return out


# ----------------------------------------------------------------------- loaders


def product_loader(context: GatewayContext) -> DataLoader:
    """``(id, include)`` → the product with those relations, or ``None``."""

    async def one(key: tuple[str, str]) -> Json | None:
        product_id, include = key
        data = await get_data_or_none(
            context,
            upstream_path(SOURCE, "/api/products/{}", product_id),
            _with_include(None, include),
        )
        if data is not None:
            remember_products(context, [data], include)
        return data

    return per_id_loader(context, "products", one)


def _simple_loader(context: GatewayContext, name: str, path: str) -> DataLoader:
    async def one(object_id: str) -> Json | None:
        return await get_data_or_none(context, upstream_path(SOURCE, path, object_id))

    return per_id_loader(context, name, one)


def offer_loader(context: GatewayContext) -> DataLoader:
    return _simple_loader(context, "offers", "/api/offers/{}")


def brand_loader(context: GatewayContext) -> DataLoader:
    return _simple_loader(context, "brands", "/api/brands/{}")


def category_loader(context: GatewayContext) -> DataLoader:
    return _simple_loader(context, "categories", "/api/categories/{}")


def product_analytics_loader(context: GatewayContext) -> DataLoader:
    return _simple_loader(context, "product_analytics", "/api/products/{}/analytics")


def product_categories_loader(context: GatewayContext) -> DataLoader:
    """Product id → its categories (``GET /api/products/{id}/categories``)."""

    async def one(product_id: str) -> list[Json] | None:
        data = await get_data_or_none(
            context, upstream_path(SOURCE, "/api/products/{}/categories", product_id)
        )
        if data is not None:
            _prime(category_loader(context), data)
        return data

    return per_id_loader(context, "product_categories", one)


def product_offers_loader(context: GatewayContext) -> DataLoader:
    """Product id → all its offers (``GET /api/products/{id}/offers``, every page)."""

    async def one(product_id: str) -> list[Json]:
        offers = await get_all(
            context, upstream_path(SOURCE, "/api/products/{}/offers", product_id)
        )
        _prime(offer_loader(context), offers)
        return offers

    return per_id_loader(context, "product_offers", one)


def _prime(loader: DataLoader, items: Iterable[Json | None]) -> None:
    for item in items:
        if item and item.get("id") is not None:
            loader.prime(str(item["id"]), item)


def remember_products(context: GatewayContext, products: Iterable[Json], include: str) -> None:
    """Prime every loader from products fetched with ``include``."""
    names = [n for n in include.split(",") if n]
    subsets = [include_key(c) for r in range(len(names) + 1) for c in combinations(names, r)]
    products_by_key = product_loader(context)
    for product in products:
        pid = str(product["id"])
        for subset in subsets:
            products_by_key.prime((pid, subset), product)
        if product.get("brand"):
            _prime(brand_loader(context), [product["brand"]])
        if "offers" in product:
            _prime(offer_loader(context), product["offers"])
            product_offers_loader(context).prime(pid, product["offers"])
        if "categories" in product:
            _prime(category_loader(context), product["categories"])
            product_categories_loader(context).prime(pid, product["categories"])


# ----------------------------------------------------------------------- products


async def product(context: GatewayContext, product_id: object, include: str = "") -> Json | None:
    sid = store_id(product_id)
    if sid is None:
        return None
    return await product_loader(context).load((sid, include))


async def products(
    context: GatewayContext, params: Params, offset: int, limit: int, include: str = ""
) -> tuple[list[Json], int]:
    """A window of ``GET /api/products`` (filters and sort in ``params``)."""
    items, total = await get_window(
        context, "/api/products", _with_include(params, include), offset, limit
    )
    remember_products(context, items, include)
    return items, total


async def products_of(
    context: GatewayContext, owner: str, owner_id: str, offset: int, limit: int, include: str
) -> tuple[list[Json], int]:
    """A brand's or category's products. Without relations to include, the owner's own
    route (``/api/brands/{id}/products``); with them, ``/api/products?brand_id=`` (or
    ``category_id=``) which takes ``include=`` — one call either way."""
    if include:
        return await products(context, {f"{owner}_id": owner_id}, offset, limit, include)
    plural = "brands" if owner == "brand" else "categories"
    items, total = await get_window(
        context,
        upstream_path(SOURCE, f"/api/{plural}/{{}}/products", owner_id),
        None,
        offset,
        limit,
    )
    remember_products(context, items, "")
    return items, total


async def product_brand(context: GatewayContext, product: Json) -> Json | None:
    if "brand" in product:
        return product["brand"]
    brand_id = product.get("brand_id")
    return None if brand_id is None else await brand_loader(context).load(str(brand_id))


async def product_offers(context: GatewayContext, product: Json) -> list[Json]:
    if "offers" in product:
        return list(product["offers"] or [])
    return list(await product_offers_loader(context).load(str(product["id"])) or [])


async def product_categories(context: GatewayContext, product: Json) -> list[Json]:
    if "categories" in product:
        return list(product["categories"] or [])
    return list(await product_categories_loader(context).load(str(product["id"])) or [])


async def product_analytics(context: GatewayContext, product: Json) -> Json | None:
    return await product_analytics_loader(context).load(str(product["id"]))


def offers_in_stock(offers: Iterable[Json]) -> bool:
    """Whether any enabled offer is in stock (a product without one cannot be bought)."""
    return any(o.get("enabled") and o.get("stock_available") for o in offers)


async def product_url(context: GatewayContext, product: Json) -> str | None:
    """The product's page: ``{store url}/products/{slug}`` (the store's URL from
    ``GET /api/store/info``, read once per request and cached)."""
    from resolvers.freshstore.store import info

    slug = product.get("slug")
    if not slug:
        return None
    found = await memo(context, "store_info", lambda: info(context))
    base = str(found.get("url") or "").rstrip("/")
    return f"{base}/products/{slug}" if base.startswith(("http://", "https://")) else None


def lowest_offer_price(offers: Iterable[Json]) -> tuple[Decimal, str] | None:
    """The lowest price among in-stock, enabled offers, as ``(amount, currency)``.

    Prices are only compared within one currency: dollars when any such offer is in
    dollars (the store's base currency), otherwise the alphabetically first currency.
    """
    by_currency: dict[str, list[Decimal]] = {}
    for offer in offers:
        if not (offer.get("stock_available") and offer.get("enabled")):
            continue
        if offer.get("price") is None or not offer.get("currency"):
            continue
        try:
            amount = Decimal(str(offer["price"]))
        except InvalidOperation:
            continue
        by_currency.setdefault(str(offer["currency"]).upper(), []).append(amount)
    if not by_currency:
        return None
    currency = BASE_CURRENCY if BASE_CURRENCY in by_currency else min(by_currency)
    return min(by_currency[currency]), currency


# ----------------------------------------------------------------------- offers


async def offer(context: GatewayContext, offer_id: object) -> Json | None:
    sid = store_id(offer_id)
    return None if sid is None else await offer_loader(context).load(sid)


async def offers(
    context: GatewayContext, params: Params, offset: int, limit: int
) -> tuple[list[Json], int]:
    items, total = await get_window(context, "/api/offers", params, offset, limit)
    _prime(offer_loader(context), items)
    return items, total


async def merchants(context: GatewayContext) -> dict[str, str]:
    return dict(await get_data(context, "/api/offers/merchants") or {})


async def offer_products(context: GatewayContext, offer_id: str) -> list[Json]:
    """The products an offer is attached to. FreshStore has no read route from an offer
    to its products, so the request builds the index once from every product with
    ``include=offers`` (a few cached calls, however many offers ask)."""

    async def build() -> dict[str, list[Json]]:
        everything = await get_all(context, "/api/products", {"include": "offers"})
        remember_products(context, everything, "offers")
        index: dict[str, list[Json]] = {}
        for item in everything:
            for attached in item.get("offers") or []:
                index.setdefault(str(attached["id"]), []).append(item)
        return index

    index = await memo(context, "offer_products", build)
    return list(index.get(offer_id, []))


# ----------------------------------------------------------------------- brands


async def brand(context: GatewayContext, brand_id: object) -> Json | None:
    sid = store_id(brand_id)
    return None if sid is None else await brand_loader(context).load(sid)


async def brands(
    context: GatewayContext, params: Params, offset: int, limit: int
) -> tuple[list[Json], int]:
    items, total = await get_window(context, "/api/brands", params, offset, limit)
    _prime(brand_loader(context), items)
    return items, total


# ----------------------------------------------------------------------- categories


async def category(context: GatewayContext, category_id: object) -> Json | None:
    sid = store_id(category_id)
    return None if sid is None else await category_loader(context).load(sid)


async def categories(
    context: GatewayContext, params: Params, offset: int, limit: int
) -> tuple[list[Json], int]:
    items, total = await get_window(context, "/api/categories", params, offset, limit)
    _prime(category_loader(context), items)
    return items, total


async def category_tree(context: GatewayContext) -> list[Json]:
    """The root categories of ``GET /api/categories/tree`` (children nested)."""
    return list((await _tree_index(context))[0])


async def category_children(context: GatewayContext, category: Json) -> list[Json]:
    """A category's children, from the tree (one cached call for every category)."""
    if "children" in category:
        return list(category["children"] or [])
    node = (await _tree_index(context))[1].get(str(category["id"]))
    return list(node.get("children") or []) if node else []


async def category_parent(context: GatewayContext, category: Json) -> Json | None:
    """A category's parent, from the tree (the same one call answers every parent)."""
    parent_id = category.get("parent_id")
    if parent_id is None:
        return None
    found = (await _tree_index(context))[1].get(str(parent_id))
    return found if found is not None else await category_loader(context).load(str(parent_id))


async def _tree_index(context: GatewayContext) -> tuple[list[Json], dict[str, Json]]:
    async def build() -> tuple[list[Json], dict[str, Json]]:
        roots = list(await get_data(context, "/api/categories/tree") or [])
        index: dict[str, Json] = {}
        stack = list(roots)
        while stack:
            node = stack.pop()
            index[str(node["id"])] = node
            stack.extend(node.get("children") or [])
        _prime(category_loader(context), index.values())
        return roots, index

    return await memo(context, "category_tree", build)


async def all_categories(context: GatewayContext) -> list[Json]:
    """Every category (one call up to 100; cached), for lookups by name."""
    items = await memo(context, "all_categories", lambda: get_all(context, "/api/categories"))
    _prime(category_loader(context), items)
    return items
