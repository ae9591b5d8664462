"""The cross-store roots: ``node``, ``nodes``, ``products``, ``orders``."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from decimal import Decimal
from enum import Enum
from typing import Annotated, Any, TypeVar

import strawberry
from strawberry.types import Info

from gateway.errors import BadUserInput, GatewayError
from gateway.fx import RateTable
from gateway.identity import Requirement, Role
from gateway.paths import InvalidId
from gateway.sources import Source as SourceName
from resolvers.cursors import DEFAULT_PAGE_SIZE, check_first
from resolvers.merge import MergedPage, MergeOrder, merge_page, query_fingerprint
from resolvers.products import ProductQuery, ProductRecord
from schema.common import OrderStatus, ProductStatus, SortDirection, Source
from schema.connection import Connection, connection_of
from schema.ids import decode_id
from schema.interfaces import Node, Order, Product
from schema.permissions import requires
from schema.prefetch import start_selected
from schema.registry import NODE_KINDS, ORDER_KINDS, PRODUCT_KINDS

MAX_NODES = 100
ORDER_READERS = Requirement.of(
    Role.STAFF, Role.SUPPORT, viewer=[SourceName.LITEKART, SourceName.REWARDS]
)
"""Who may read the merged orders (each store's side then answers for its credential)."""


@strawberry.enum(description="What the merged product list can be sorted by.")
class ProductSortField(Enum):
    NAME = "name"
    PRICE = "price"
    CREATED_AT = "created_at"


@strawberry.input(description="Filters for the merged product list; all optional.")
class ProductFilter:
    search: str | None = strawberry.UNSET
    sources: list[Source] | None = strawberry.UNSET
    category_name: str | None = strawberry.UNSET
    status: ProductStatus | None = strawberry.UNSET
    price_min: Decimal | None = strawberry.UNSET
    price_max: Decimal | None = strawberry.UNSET
    price_currency: str = strawberry.field(
        default="USD",
        description="The currency of `priceMin`/`priceMax` (ISO 4217); every price is "
        "converted to it at the configured rates (`STOREGRAPH_FX_RATES`) before it is "
        "compared. A currency without a rate is refused.",
    )


@strawberry.input(description="Sort order of the merged product list.")
class ProductSort:
    field: ProductSortField = ProductSortField.CREATED_AT
    direction: SortDirection = SortDirection.DESC


@strawberry.input(description="Filters for the merged order list; all optional.")
class OrderFilter:
    sources: list[Source] | None = strawberry.field(
        default=strawberry.UNSET, description="Only these stores' orders."
    )
    status: OrderStatus | None = strawberry.field(
        default=strawberry.UNSET,
        description="Only orders in this status (each store filters by its own words for it).",
    )


T = TypeVar("T")


def _value(value: T | None) -> T | None:
    return None if value is strawberry.UNSET else value


def product_query(
    filter: ProductFilter | None, sort: ProductSort | None, rates: RateTable
) -> ProductQuery:
    f = filter or ProductFilter()
    s = sort or ProductSort()
    status = _value(f.status)
    price_min, price_max = _value(f.price_min), _value(f.price_max)
    if price_min is not None and price_max is not None and price_min > price_max:
        raise BadUserInput("`priceMin` must not exceed `priceMax`.", field="filter.priceMin")
    currency = rates.check(str(f.price_currency or "USD"), field="filter.priceCurrency")
    return ProductQuery(
        price_currency=currency,
        rates=rates,
        search=_value(f.search) or None,
        category_name=_value(f.category_name) or None,
        status=status.value if isinstance(status, ProductStatus) else None,
        price_min=price_min,
        price_max=price_max,
        sort_field=s.field.value,
        descending=s.direction is SortDirection.DESC,
    )


def _chosen(sources: object) -> list[SourceName]:
    wanted = _value(sources)
    if not wanted:
        return list(SourceName)
    return [s for s in SourceName if s in wanted]  # type: ignore[operator]


@strawberry.type
class Query:
    @strawberry.field(description="Any object by its global id; null if it does not exist.")
    async def node(self, info: Info, id: strawberry.ID) -> Node | None:
        return await _resolve_node(info, id)

    @strawberry.field(description=f"Objects by global id, in order (at most {MAX_NODES}).")
    async def nodes(
        self,
        info: Info,
        ids: Annotated[
            list[strawberry.ID],
            strawberry.argument(
                description="Global ids (at most 100); each answers in its place, null if unknown."
            ),
        ],
    ) -> list[Node | None] | None:
        if len(ids) > MAX_NODES:
            raise BadUserInput(f"`ids` takes at most {MAX_NODES} ids.", field="ids")
        return list(await asyncio.gather(*(_each_node(info, i, n) for n, i in enumerate(ids))))

    @strawberry.field(
        description="Products of every store, merged: filters and sort are pushed down where "
        "a store supports them and applied by the gateway where it does not; the cursor "
        "records each store's position, so paging is stable and complete."
    )
    async def products(
        self,
        info: Info,
        filter: ProductFilter | None = None,
        sort: ProductSort | None = None,
        first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[Product] | None:
        check_first(first)
        query = product_query(filter, sort, info.context.settings.rate_table)
        sources = [s for s in _chosen(filter.sources if filter else None) if s in PRODUCT_KINDS]
        adapters = [PRODUCT_KINDS[s].adapter(info.context, query) for s in sources]
        fingerprint = query_fingerprint(
            {"q": query.fingerprint_parts(), "s": [s.value for s in sources]}
        )
        page = await merge_page(
            adapters,
            MergeOrder[ProductRecord](key=query.sort_key, descending=query.descending),
            first=first,
            after=after,
            fingerprint=fingerprint,
        )
        return _merged_connection(
            info, page, [PRODUCT_KINDS[r.source].convert(r) for r in page.records]
        )

    @strawberry.field(
        description="The caller's orders merged newest first: a Litekart customer's own "
        "(`litekart-customer-token`) and a Rewards user's (`livelike-user-token`); every "
        "Litekart order for staff, support and admin operators (with the reward orders of a "
        "user token they also send: Rewards lists orders per user only).",
        extensions=[requires(ORDER_READERS)],
    )
    async def orders(
        self,
        info: Info,
        filter: OrderFilter | None = None,
        first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[Order] | None:
        return await merged_orders(info, filter, first, after, own=False)


async def merged_orders(
    info: Info, filter: OrderFilter | None, first: int, after: str | None, *, own: bool
) -> Connection[Order]:
    """Orders of every store, merged newest first: those the caller may see, or with
    ``own`` only the caller's own as an end user (``viewer.orders``)."""
    check_first(first)
    status = _value(filter.status) if filter else None
    sources = [s for s in _chosen(filter.sources if filter else None) if s in ORDER_KINDS]
    adapters = []
    for source in sources:
        kind = ORDER_KINDS[source]
        wanted = tuple(kind.statuses.store(status)) if isinstance(status, OrderStatus) else None
        adapter = kind.own(info.context, wanted) if own else kind.adapter(info.context, wanted)
        if adapter is not None:
            adapters.append(adapter)
    fingerprint = query_fingerprint(
        {"status": status.value if status else None, "s": [s.value for s in sources], "own": own}
    )
    kinds = {s.value: ORDER_KINDS[s] for s in sources}
    page = await merge_page(
        adapters,
        MergeOrder(key=lambda r: kinds[r[0]].created_at(r[1]), descending=True),
        first=first,
        after=after,
        fingerprint=fingerprint,
    )
    return _merged_connection(info, page, [kinds[name].convert(raw) for name, raw in page.records])


def _merged_connection(info: Info, page: MergedPage[Any], nodes: Sequence[T]) -> Connection[T]:
    """A merged page as this field's connection, each store that failed reported at the
    field beside the data the others gave."""
    for error in page.errors:
        info.context.report(error, info.path.as_list())
    return connection_of(
        nodes,
        page.cursors,
        has_next=page.has_next,
        has_previous=page.has_previous,
        total=page.total,
    )


async def _each_node(info: Info, global_id: str, index: int) -> Node | None:
    """One of ``nodes``: a refusal is that id's null plus an error at its path
    (``["nodes", index]``), not the list's."""
    try:
        return await _resolve_node(info, global_id)
    except GatewayError as error:
        info.context.report(error, [*info.path.as_list(), index])
        return None


async def _resolve_node(info: Info, global_id: str) -> Node | None:
    """The object an id names, or null: unknown type, malformed id, missing object, or an
    id whose store part is not the store its type lives in (ids are ours to mint).
    A guarded kind (``NodeKind.requirement``) is checked before any store call: refused,
    it raises UNAUTHENTICATED/FORBIDDEN (``nodes`` reports it beside the other ids)."""
    parts = decode_id(global_id)
    kind = NODE_KINDS.get(parts.type_name) if parts else None
    if parts is None or kind is None:
        return None
    if kind.requirement is not None and not kind.requirement.check(info.context.caller):
        return None
    start_selected(info, parts.source_id, parts.type_name)
    try:
        raw = await kind.fetch(info.context, parts.source_id)
    except InvalidId:  # a forged id: no object of ours has it
        return None
    if raw is None:
        return None
    node = kind.convert(raw)
    return node if getattr(node, "source", None) == parts.source else None
