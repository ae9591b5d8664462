"""FreshStore's slice of the graph (seed ``002``): ``freshstore: FreshStoreQuery!`` and
the types behind it, registered for ``node``, ``products`` and ``sameItemElsewhere``.

- ``catalogue``: ``FreshStoreProduct`` (implements ``Product``), ``Offer``, ``FreshStoreBrand``,
  ``FreshStoreCategory`` (implements ``Category``), product analytics, merchants
- ``content``: ``Article``, ``ArticleCategory``, ``Page``, ``FreshStoreUser``
- ``store``: status, info, stats, warnings, locales, settings, AI token usage
- ``analytics``: summaries and records
- ``query``: the namespace root
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from gateway.context import GatewayContext
from gateway.sources import Source
from resolvers.freshstore import analytics as analytics_fetch
from resolvers.freshstore import catalogue as catalogue_fetch
from resolvers.freshstore import content as content_fetch
from resolvers.freshstore.fetch import BACK_OFFICE, USERS
from resolvers.freshstore.merged import product_adapter
from schema.freshstore import analytics, catalogue, content, jobs, store
from schema.freshstore.query import FreshStoreQuery, Query
from schema.registry import NodeKind, ProductKind, register_node, register_products

TYPES: tuple[type, ...] = (
    *catalogue.TYPES,
    *content.TYPES,
    *store.TYPES,
    *analytics.TYPES,
    *jobs.TYPES,
)

Fetch = Callable[[GatewayContext, str], Awaitable[Any]]
_GUARDED = {"FreshStoreUser": USERS, "FreshStoreVisitor": BACK_OFFICE}
"""Who may fetch these by id (the same requirement as their lookup fields)."""
_NODES: dict[str, tuple[Fetch, Callable[[Any], Any]]] = {
    "FreshStoreProduct": (catalogue_fetch.product, catalogue.product_of),
    "Offer": (catalogue_fetch.offer, catalogue.offer_of),
    "FreshStoreBrand": (catalogue_fetch.brand, catalogue.brand_of),
    "Brand": (catalogue_fetch.brand, catalogue.brand_of),  # ids minted before the rename
    "FreshStoreCategory": (catalogue_fetch.category, catalogue.category_of),
    "Article": (content_fetch.article, content.article_of),
    "ArticleCategory": (content_fetch.article_category, content.article_category_of),
    "Page": (content_fetch.page, content.page_of),
    "FreshStoreUser": (content_fetch.user, content.user_of),
    "FreshStoreVisitor": (analytics_fetch.visitor, analytics.visitor_of),
}


for _name, (_fetch, _convert) in _NODES.items():
    register_node(_name, NodeKind(fetch=_fetch, convert=_convert, requirement=_GUARDED.get(_name)))

register_products(
    Source.FRESHSTORE, ProductKind(adapter=product_adapter, convert=catalogue.product_from_record)
)

__all__ = ["TYPES", "FreshStoreQuery", "Query"]
