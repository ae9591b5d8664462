"""Litekart: products, categories, brands, customers, orders, payments, coupons,
users, carts and settings (the REST resources we defined after the seed's conventions).

Every by-id loader batches through ``ids=`` (up to the store's batch size per
call; a lone id uses the ``/{id}`` endpoint, still one call). ``fields=`` carries
only what the query selects, so each loader is keyed by its field selection too:
an object primed with some fields is never served where others are needed.
Offsets map onto aligned ``page``/``limit`` blocks of 100.

Which credential: the public catalogue (``PUBLIC_RESOURCES``) is read with the gateway's
own key and shared by every caller; everything else presents
``context.credential(LITEKART)`` — the operator's (the gateway's key), or the customer's
own JWT, so Litekart itself keeps a customer to their own records.
"""

from __future__ import annotations

import asyncio
import re
from datetime import datetime
from typing import Any

from aiodataloader import DataLoader

from gateway.context import GatewayContext
from gateway.errors import GatewayError, NotFound
from gateway.identity import PUBLIC, Requirement, Role, StoreCredential
from gateway.paths import InvalidId, check_id, upstream_path
from gateway.sources import Source
from resolvers.derived import per_object
from resolvers.identifiers import Identifiers, identifiers
from resolvers.loading import load_each
from resolvers.merge import MergeSource
from resolvers.paging import fetch_all, fetch_window
from resolvers.products import ProductQuery, ProductRecord, found_by_search
from resolvers.same_item import register_lister
from resolvers.values import parse_datetime, parse_decimal

SOURCE = Source.LITEKART
STORE_CURRENCY = "USD"
"""Litekart prices in one currency, its settings' (``USD``)."""
MAX_PAGE_SIZE = 100
Row = dict[str, Any]
BY_ID_ONLY = frozenset({"carts"})
"""Resources read only one by one (no ``GET /api/<resource>`` list)."""


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")


PUBLIC_RESOURCES = frozenset({"products", "categories", "brands"})
OWN_OR_STAFF = Requirement.of(Role.STAFF, Role.SUPPORT, viewer=[SOURCE])
"""A customer's own record, orders, carts and payments (Litekart checks the forwarded
JWT's ownership), or any customer's for staff and support."""
STAFF_ONLY = Requirement.of(Role.STAFF, Role.SUPPORT)
"""Every customer's data at once, and coupons: operators only."""
BACK_OFFICE = Requirement.of(Role.STAFF)
"""Back-office users and settings."""


def credential(context: GatewayContext, path: str) -> StoreCredential:
    """``PUBLIC`` for ``/api/<public resource>...``, else the caller's credential (the
    fields' own requirements decide who gets this far; ``OWN_OR_STAFF`` names whose
    credential answers: a staff/support operator's, else the customer's own JWT)."""
    resource = path.removeprefix("/api/").partition("/")[0]
    return PUBLIC if resource in PUBLIC_RESOURCES else context.credential(SOURCE, OWN_OR_STAFF)


async def _get(context: GatewayContext, path: str, params: dict[str, Any] | None = None) -> Any:
    response = await context.client(SOURCE).get_json(
        path, params, credential=credential(context, path), deadline=context.deadline
    )
    return response.json


def _with_fields(params: dict[str, Any], fields: str) -> dict[str, Any]:
    return {**params, "fields": fields} if fields else params


def by_id_loader(context: GatewayContext, resource: str, fields: str = "") -> DataLoader:
    """``/api/<resource>`` rows by id, batched through ``ids=`` (carts, which have no
    list route, one ``/{id}`` call per distinct id)."""

    async def fetch_one(row_id: str) -> Row | None:
        path = upstream_path(SOURCE, f"/api/{resource}/{{}}", row_id)
        try:
            body = await _get(context, path, _with_fields({}, fields))
        except NotFound:
            return None
        return body["data"]

    async def fetch(ids: list[str]) -> dict[str, Any]:
        if len(ids) == 1 or resource in BY_ID_ONLY:
            rows = await load_each(context, SOURCE, ids, fetch_one)
            return {i: row for i, row in zip(ids, rows, strict=True) if row is not None}
        params = _with_fields({"ids": ",".join(ids), "limit": len(ids)}, fields)
        return {row["id"]: row for row in (await _get(context, f"/api/{resource}", params))["data"]}

    async def batch(ids: list[str]) -> list[Row | InvalidId | None]:
        refused: dict[str, InvalidId] = {}
        for i in ids:
            try:
                check_id(SOURCE, i)
            except InvalidId as error:
                refused[i] = error
        found = await fetch([i for i in ids if i not in refused]) if len(refused) < len(ids) else {}
        return [refused.get(i) or found.get(i) for i in ids]

    max_batch = context.settings.store(SOURCE).max_batch
    return context.loader(f"litekart.{resource}:{fields}", batch, max_batch_size=max_batch)


async def one(context: GatewayContext, resource: str, row_id: str, fields: str = "") -> Row | None:
    return await by_id_loader(context, resource, fields).load(row_id)


def prime(context: GatewayContext, resource: str, row: Row) -> None:
    """Put a row the store just answered into the request's full-row loader (a write's
    answer: the next read in this request sees it)."""
    by_id_loader(context, resource).clear(row["id"]).prime(row["id"], row)


async def many(
    context: GatewayContext, resource: str, ids: list[str], fields: str = ""
) -> list[Row | None]:
    return list(await by_id_loader(context, resource, fields).load_many(ids))


async def window(
    context: GatewayContext,
    path: str,
    params: dict[str, Any],
    offset: int,
    limit: int,
    *,
    prime: str | None = None,
) -> tuple[list[Row], int]:
    """Rows ``[offset, offset + limit)`` of a list, its total; rows prime ``prime``'s loader."""

    async def page(number: int, size: int) -> tuple[list[Row], int]:
        body = await _get(context, path, {**params, "page": number, "limit": size})
        return body["data"], body["pagination"]["total"]

    rows, total = await fetch_window(page, offset, limit, MAX_PAGE_SIZE)
    rows = rows[:limit]
    if prime:
        loader = by_id_loader(context, prime, params.get("fields", ""))
        for row in rows:
            loader.prime(row["id"], row)
    return rows, total


async def payments_of(context: GatewayContext, order_id: str) -> list[Row]:
    """An order's payments. ``/api/payments`` filters by one ``order_id`` and orders do
    not name their payments, so this is one call per distinct order (de-duplicated, run
    concurrently within the store's budget); the rows prime the payments loader."""

    async def for_order(one_id: str) -> list[Row]:
        rows, _ = await window(
            context, "/api/payments", {"order_id": one_id}, 0, MAX_PAGE_SIZE, prime="payments"
        )
        return rows

    async def batch(order_ids: list[str]) -> list[Any]:
        return await load_each(context, SOURCE, order_ids, for_order)

    return await context.loader("litekart.payments_by_order", batch).load(order_id)


async def settings(context: GatewayContext) -> Row:
    return (await _get(context, "/api/settings"))["data"]


# ---------------------------------------------------------------- merged lists


def product_identifiers(product: Row, brand: str | None = None) -> Identifiers:
    """Litekart's barcode (a GTIN) and SKU — the manufacturer's part number on the items
    other stores sell — joined with the brand's name where it is known."""
    sku = product.get("sku")
    return identifiers(gtins=[product.get("barcode")], mpn=sku, sku=sku, brand=brand)


@per_object
def record(product: Row, brand: str | None = None) -> ProductRecord:
    return ProductRecord(
        source=SOURCE,
        data=product,
        name=product.get("name", ""),
        price=parse_decimal(product.get("price")),
        created_at=parse_datetime(product.get("created_at")),
        status=product.get("status", "active"),
        identifiers=product_identifiers(product, brand).keys,
        currency=str(product.get("currency") or STORE_CURRENCY).upper(),
        description=str(product.get("description") or ""),
    )


SORTS = {"name": "name", "price": "price", "created_at": "created_at"}


class LitekartProducts(MergeSource[ProductRecord]):
    """Litekart's side of the merged product list: every filter and sort pushed down (a
    category name matches the category and its subcategories, as the store does; price
    bounds converted to the store's dollars). Its search also matches SKUs and tags, so
    with one the matching list is read whole and narrowed to names and descriptions."""

    name = SOURCE.value

    def __init__(self, context: GatewayContext, query: ProductQuery) -> None:
        self.context = context
        self.query = query
        direction = "desc" if query.descending else "asc"
        self.params: dict[str, Any] = {"sort": f"{SORTS[query.sort_field]}:{direction}"}
        if query.search:
            self.params["search"] = query.search
        if query.status:
            self.params["status"] = query.status
        if query.category_name:
            self.params["category"] = slug(query.category_name)
        for key, bound in (("price_min", query.price_min), ("price_max", query.price_max)):
            converted = query.bound_in(STORE_CURRENCY, bound)
            if converted is not None:
                self.params[key] = str(converted)

    async def fetch(self, offset: int, limit: int) -> tuple[list[ProductRecord], int]:
        if self.query.search:
            every = await _every(self.context, "/api/products", "products", self.params)
            found = [r for r in map(record, every) if found_by_search(r, self.query.search)]
            return found[offset : offset + limit], len(found)
        rows, total = await window(
            self.context, "/api/products", self.params, offset, limit, prime="products"
        )
        return [record(row) for row in rows], total


class LitekartOrders(MergeSource[tuple[str, Row]]):
    """Litekart's orders, newest first (status pushed down: Litekart filters by one):
    ``/api/orders`` (every order for staff, a customer's own with their JWT), or one
    customer's ``/api/customers/{id}/orders`` (the ``viewer``'s own, whoever asks)."""

    name = SOURCE.value

    def __init__(
        self,
        context: GatewayContext,
        statuses: tuple[str, ...] | None,
        path: str = "/api/orders",
    ) -> None:
        self.context = context
        self.path = path
        self.params: dict[str, Any] = {"sort": "created_at:desc"}
        self.none = statuses is not None and not statuses
        if statuses:
            (self.params["status"],) = statuses

    async def fetch(self, offset: int, limit: int) -> tuple[list[tuple[str, Row]], int]:
        if self.none:
            return [], 0
        rows, total = await window(
            self.context, self.path, self.params, offset, limit, prime="orders"
        )
        return [(self.name, row) for row in rows], total


def orders_for(context: GatewayContext, statuses: tuple[str, ...] | None) -> LitekartOrders | None:
    """Litekart's side of the merged orders: every order for staff/support (the gateway's
    key), the customer's own (their JWT), or none for a caller with neither."""
    try:
        context.credential(SOURCE, OWN_OR_STAFF)
    except GatewayError:
        return None
    return LitekartOrders(context, statuses)


def own_orders_for(
    context: GatewayContext, statuses: tuple[str, ...] | None
) -> LitekartOrders | None:
    """The Litekart customer's own orders (the ``viewer``): none without their token, and
    only theirs even for an operator who also sent one."""
    customer = context.caller.litekart_customer
    if customer is None:
        return None
    try:
        path = upstream_path(SOURCE, "/api/customers/{}/orders", customer.customer_id)
    except InvalidId:
        return None
    return LitekartOrders(context, statuses, path)


# ---------------------------------------------------------------- sessions


async def start_session(context: GatewayContext, action: str, body: dict[str, Any]) -> Row:
    """``POST /api/auth/<action>`` (``login`` or ``register``): a customer's JWT.

    Public endpoints: no one's credential is presented but the gateway's own (for its
    rate budget). The answer's ``token`` is the customer's, handed back to them only."""
    invalidate = ("/api/customers",) if action == "register" else ()
    response = await context.client(SOURCE).send_json(
        "POST",
        f"/api/auth/{action}",
        body,
        credential=PUBLIC,
        invalidate=invalidate,
        deadline=context.deadline,
    )
    data: Row = response.json["data"]
    return data


def order_created_at(row: Row) -> datetime | None:
    return parse_datetime(row.get("created_at"))


async def _every(
    context: GatewayContext, path: str, prime: str, params: dict[str, Any] | None = None
) -> list[Row]:
    async def page(number: int, size: int) -> tuple[list[Row], int]:
        return await window(context, path, params or {}, (number - 1) * size, size, prime=prime)

    return await fetch_all(page, MAX_PAGE_SIZE)


async def every_product(context: GatewayContext) -> list[ProductRecord]:
    """Every Litekart product (the same-item index), with its brand's name (the brand
    list, read beside the products) so its SKU — the part number — joins with it."""
    rows, brands = await asyncio.gather(
        _every(context, "/api/products", "products"), _every(context, "/api/brands", "brands")
    )
    names = {b["id"]: b.get("name") for b in brands}
    return [record(row, names.get(row.get("brand_id"))) for row in rows]


register_lister(SOURCE, every_product)
