"""Where each store's types register what the shared roots need.

- ``NODE_KINDS``: GraphQL type name → how to fetch one object by its store id
  and turn it into the type (``node``/``nodes``), and who may (its ``requirement``,
  the same :class:`~gateway.identity.Requirement` its root lookup field declares;
  ``node`` checks it before fetching).
- ``PRODUCT_KINDS``: store → its product adapter factory and converter
  (``products``, ``sameItemElsewhere``).
- ``ORDER_KINDS``: store → its order adapter factory and converter (``orders``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

from gateway.context import GatewayContext
from gateway.identity import Requirement
from gateway.sources import Source
from resolvers.merge import MergeSource
from resolvers.products import ProductQuery, ProductRecord
from schema.common import StatusMap


@dataclass(frozen=True)
class NodeKind:
    fetch: Callable[[GatewayContext, str], Awaitable[Any | None]]
    convert: Callable[[Any], Any]
    requirement: Requirement | None = None
    """Who may fetch this kind by id (``None``: anyone — the public catalogue)."""


@dataclass(frozen=True)
class ProductKind:
    adapter: Callable[[GatewayContext, ProductQuery], MergeSource[ProductRecord]]
    convert: Callable[[ProductRecord], Any]


@dataclass(frozen=True)
class OrderKind:
    """``adapter(context, statuses)``: the store's orders the caller may see with one of
    ``statuses`` (the store's own words; ``None``: any), or ``None`` when the caller can
    have none; ``own_adapter``: the same limited to the caller's own as an end user (the
    ``viewer``), ``None`` when orders there are always the caller's own."""

    adapter: Callable[[GatewayContext, tuple[str, ...] | None], MergeSource[Any] | None]
    convert: Callable[[Any], Any]
    created_at: Callable[[Any], Any]
    statuses: StatusMap
    own_adapter: (
        Callable[[GatewayContext, tuple[str, ...] | None], MergeSource[Any] | None] | None
    ) = None

    def own(self, context: GatewayContext, statuses: tuple[str, ...] | None) -> Any:
        return (self.own_adapter or self.adapter)(context, statuses)


NODE_KINDS: dict[str, NodeKind] = {}
PRODUCT_KINDS: dict[Source, ProductKind] = {}
ORDER_KINDS: dict[Source, OrderKind] = {}


def register_node(type_name: str, kind: NodeKind) -> None:
    NODE_KINDS[type_name] = kind


def register_lookups(
    kinds: Mapping[str, tuple[str, Callable[[Any], Any]]],
    fetch_one: Callable[[GatewayContext, str, str], Awaitable[Any | None]],
    requirements: Mapping[str, Requirement] | None = None,
) -> None:
    """Node kinds a store looks up the same way: ``{type name: (resource, convert)}``,
    each fetched with ``fetch_one(context, resource, source_id)``; ``requirements``
    names who may fetch the guarded ones."""
    for type_name, (resource, convert) in kinds.items():

        async def fetch(context: GatewayContext, source_id: str, resource: str = resource) -> Any:
            return await fetch_one(context, resource, source_id)

        requirement = (requirements or {}).get(type_name)
        register_node(type_name, NodeKind(fetch, convert, requirement))


def register_products(source: Source, kind: ProductKind) -> None:
    PRODUCT_KINDS[source] = kind


def register_orders(source: Source, kind: OrderKind) -> None:
    ORDER_KINDS[source] = kind


def convert_product(record: ProductRecord) -> Any:
    return PRODUCT_KINDS[record.source].convert(record)
