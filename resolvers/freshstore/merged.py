"""FreshStore in the cross-store roots: the product adapter and the same-item lister.

The adapter pushes down what ``GET /api/products`` can do — ``status`` (active =
``enabled=true``, draft = ``enabled=false``; FreshStore archives nothing), the category
(its name looked up in the cached categories list, pushed as ``category_id``) and
sorting by name or creation time (``sort_by=title|created_at``, ``sort_dir``) — and maps
offsets onto ``page``/``per_page``. A search (FreshStore's own matches titles only), a
price filter or a price sort is applied by the gateway: then the whole matching list is
fetched with ``include=offers`` and ``apply_locally`` does the rest; those pages are
cached, so later pages of the merged list cost nothing.

The merged root does not pass the query's selection to adapters, so its pages always ask
``include=brand,offers,categories``: one call answers the price (the interface field
every client shows) and every FreshStore relation a fragment can select.
"""

from __future__ import annotations

from typing import Any

from gateway.context import GatewayContext
from resolvers.derived import per_object
from resolvers.freshstore.catalogue import (
    PRODUCT_INCLUDES,
    all_categories,
    lowest_offer_price,
    remember_products,
)
from resolvers.freshstore.fetch import (
    SOURCE,
    Json,
    get_all,
    get_window,
)
from resolvers.identifiers import Identifiers, identifiers
from resolvers.products import ProductQuery, ProductRecord, apply_locally
from resolvers.values import parse_datetime

MERGED_INCLUDE = ",".join(PRODUCT_INCLUDES)
SORT_COLUMNS = {"name": "title", "created_at": "created_at"}
"""Merged sort fields FreshStore sorts itself; ``price`` is applied by the gateway."""


def product_identifiers(item: Json) -> Identifiers:
    """FreshStore's EAN and UPC (both GTINs), ISBN, and MPN with the included brand."""
    brand = (item.get("brand") or {}).get("title") if isinstance(item.get("brand"), dict) else None
    return identifiers(
        gtins=[item.get("ean"), item.get("upc")],
        mpn=item.get("mpn"),
        brand=brand,
        isbn=item.get("isbn"),
    )


@per_object
def product_record(item: Json) -> ProductRecord:
    """The merge's view of a FreshStore product (price only when offers are included)."""
    price = lowest_offer_price(item["offers"]) if item.get("offers") is not None else None
    return ProductRecord(
        source=SOURCE,
        data=item,
        name=str(item.get("title") or ""),
        price=price[0] if price else None,
        currency=price[1] if price else None,
        created_at=parse_datetime(item.get("created_at")),
        category_names=tuple(str(c.get("title")) for c in item.get("categories") or ()),
        status="active" if item.get("enabled") else "draft",
        identifiers=product_identifiers(item).keys,
        description=str(item.get("summary") or ""),
    )


class FreshStoreProducts:
    """FreshStore's side of the merged ``products`` list."""

    name = SOURCE.value

    def __init__(self, context: GatewayContext, query: ProductQuery) -> None:
        self.context = context
        self.query = query

    async def _filters(self) -> tuple[dict[str, Any], bool] | None:
        """Pushed-down filters and whether the gateway must filter/sort the whole list;
        ``None`` when nothing in FreshStore can match."""
        query = self.query
        params: dict[str, Any] = {}
        # FreshStore searches titles only: the graph's search (names and descriptions)
        # is applied here, over the whole list
        local = query.sort_field not in SORT_COLUMNS or query.priced or bool(query.search)
        if query.status == "active":
            params["enabled"] = True
        elif query.status == "draft":
            params["enabled"] = False
        elif query.status is not None:
            return None
        if query.category_name:
            wanted = query.category_name.casefold()
            found = [
                c
                for c in await all_categories(self.context)
                if str(c.get("title", "")).casefold() == wanted
            ]
            if not found:
                return None
            if len(found) == 1:
                params["category_id"] = found[0]["id"]
            else:
                local = True  # several categories share the name: match on included names
        return params, local

    async def fetch(self, offset: int, limit: int) -> tuple[list[ProductRecord], int]:
        filters = await self._filters()
        if filters is None:
            return [], 0
        params, local = filters
        params["include"] = MERGED_INCLUDE
        if local:
            items = await get_all(self.context, "/api/products", params)
            remember_products(self.context, items, MERGED_INCLUDE)
            matching = apply_locally([product_record(i) for i in items], self.query)
            return matching[offset : offset + limit], len(matching)
        params["sort_by"] = SORT_COLUMNS[self.query.sort_field]
        params["sort_dir"] = "desc" if self.query.descending else "asc"
        items, total = await get_window(self.context, "/api/products", params, offset, limit)
        remember_products(self.context, items, MERGED_INCLUDE)
        return [product_record(i) for i in items], total


def product_adapter(context: GatewayContext, query: ProductQuery) -> FreshStoreProducts:
    return FreshStoreProducts(context, query)


async def every_product(context: GatewayContext) -> list[ProductRecord]:
    """Every FreshStore product (the same-item index), with brand, offers and categories
    in the same calls: the brand makes its MPN a key, and a match shows its price."""
    items = await get_all(context, "/api/products", {"include": MERGED_INCLUDE})
    remember_products(context, items, MERGED_INCLUDE)
    return [product_record(i) for i in items]
