"""FreshStore's resolvers (seed ``002``): plain dicts from the store, fetched through the
FreshStore client and per-request loaders.

- ``fetch``: envelope, pages ↔ offset windows, per-id loaders, per-request memos
- ``catalogue``: products (``include=`` pushdown), offers, brands, categories (tree)
- ``content``: articles, article categories, pages, users, login links
- ``store``: status, info, stats, warnings, locales, settings, AI token usage
- ``analytics``: summaries and record lists
- ``merged``: the cross-store product adapter and the same-item lister (registered here)
"""

from __future__ import annotations

from gateway.sources import Source
from resolvers.freshstore import analytics, catalogue, content, fetch, merged, store
from resolvers.same_item import register_lister

register_lister(Source.FRESHSTORE, merged.every_product)

__all__ = ["analytics", "catalogue", "content", "fetch", "merged", "store"]
