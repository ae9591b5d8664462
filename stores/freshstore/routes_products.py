"""``/api/products``: list (filters, sorting, ``include=``), CRUD with soft delete,
the product's offers, categories (get and sync) and analytics."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends, Query, Request, Response

from stores.freshstore import serialize
from stores.freshstore.auth import requires
from stores.freshstore.data.catalog import slugify
from stores.freshstore.db import FreshDB
from stores.freshstore.errors import invalid
from stores.freshstore.models import CategoryIds, ProductCreate, ProductUpdate
from stores.freshstore.pagination import PageParams, flag_filter, page_params, paginate
from stores.freshstore.rules import Rules
from stores.freshstore.timefmt import now_iso

SortColumn = Literal[
    "id",
    "title",
    "slug",
    "created_at",
    "updated_at",
    "review_score",
    "review_quantity",
    "analytics_visits",
    "enabled",
]


def parse_include(raw: str | None) -> tuple[str, ...]:
    """``brand,offers,categories`` (any subset); anything else is a 422."""
    if not raw:
        return ()
    names = tuple(name.strip() for name in raw.split(",") if name.strip())
    unknown = [name for name in names if name not in serialize.PRODUCT_INCLUDES]
    if unknown:
        allowed = ", ".join(serialize.PRODUCT_INCLUDES)
        raise invalid(
            "include",
            f"The selected include is invalid: {', '.join(unknown)}. Allowed: {allowed}.",
        )
    return names


def include_param() -> Any:
    return Query(None, description="Comma-separated relations: brand, offers, categories")


def sort_rows(rows: list[dict[str, Any]], column: str, direction: str) -> list[dict[str, Any]]:
    """Rows by ``column`` (text case-insensitively, as MySQL's default collation
    sorts for Laravel), ties by id."""
    ordered = sorted(rows, key=lambda row: row["id"], reverse=direction == "desc")
    return sorted(ordered, key=lambda row: _collate(row[column]), reverse=direction == "desc")


def _collate(value: Any) -> Any:
    return value.casefold() if isinstance(value, str) else value


def build_router(db: FreshDB) -> APIRouter:
    router = APIRouter(prefix="/api/products", tags=["products"])
    read = [Depends(requires("products", "read"))]
    write = [Depends(requires("products", "write"))]

    def validate(body: ProductCreate | ProductUpdate) -> None:
        rules = Rules()
        rules.exists(db.brands, "brand_id", body.brand_id)
        rules.check()

    @router.get("", dependencies=read, summary="List products")
    async def list_products(
        request: Request,
        pages: PageParams = Depends(page_params),
        include: str | None = include_param(),
        search: str | None = None,
        enabled: bool | None = None,
        brand_id: int | None = None,
        category_id: int | None = None,
        sort_by: SortColumn = "created_at",
        sort_dir: Literal["asc", "desc"] = "desc",
    ) -> dict[str, Any]:
        relations = parse_include(include)
        rows = db.live_products()
        if search:
            rows = [p for p in rows if search.lower() in p["title"].lower()]
        rows = flag_filter(rows, "enabled", enabled)
        if brand_id is not None:
            rows = [p for p in rows if p["brand_id"] == brand_id]
        if category_id is not None:
            rows = [p for p in rows if category_id in db.product_categories[p["id"]]]
        rows = sort_rows(rows, sort_by, sort_dir)
        return paginate(request, rows, pages, lambda p: serialize.product(db, p, relations))

    @router.post("", dependencies=write, status_code=201, summary="Create product")
    async def create_product(body: ProductCreate) -> dict[str, Any]:
        validate(body)
        product_id = db.next_id(db.products)
        now = now_iso()
        row = {
            "id": product_id,
            "slug": slugify(body.title),
            "title": body.title,
            "subtitle": None,
            "link_title": body.title,
            "content": None,
            "content_bottom": None,
            "highlights": [],
            "summary": None,
            "meta_title": None,
            "meta_keywords": None,
            "meta_description": None,
            "review_quantity": 0,
            "review_score": 0.0,
            "enabled": True,
            "in_sitemap": True,
            "brand_id": None,
            "analytics_visits": 0,
            "upc": None,
            "ean": None,
            "isbn": None,
            "mpn": None,
            "main_image_url": None,
            "created_at": now,
            "updated_at": now,
            "_deleted": False,
        }
        row.update(body.given())
        db.products[product_id] = row
        db.product_categories[product_id] = []
        return {"data": serialize.product(db, row)}

    @router.get("/{id}", dependencies=read, summary="Get product")
    async def get_product(id: str, include: str | None = include_param()) -> dict[str, Any]:
        relations = parse_include(include)
        return {"data": serialize.product(db, db.get(db.products, id), relations)}

    @router.patch("/{id}", dependencies=write, summary="Update product")
    async def update_product(id: str, body: ProductUpdate) -> dict[str, Any]:
        row = db.get(db.products, id)
        validate(body)
        row.update(body.given())
        row["updated_at"] = now_iso()
        return {"data": serialize.product(db, row)}

    @router.delete("/{id}", dependencies=write, status_code=204, summary="Delete product (soft)")
    async def delete_product(id: str) -> Response:
        row = db.get(db.products, id)
        row["_deleted"] = True
        return Response(status_code=204)

    @router.get("/{id}/offers", dependencies=read, summary="Product offers")
    async def product_offers(
        request: Request, id: str, pages: PageParams = Depends(page_params)
    ) -> dict[str, Any]:
        row = db.get(db.products, id)
        return paginate(request, db.offers_of(row["id"]), pages, serialize.offer)

    @router.get("/{id}/categories", dependencies=read, summary="Product categories")
    async def product_categories(id: str) -> dict[str, Any]:
        row = db.get(db.products, id)
        return {"data": [serialize.category(db, c) for c in db.categories_of(row["id"])]}

    @router.post("/{id}/categories", dependencies=write, summary="Sync product categories")
    async def sync_product_categories(id: str, body: CategoryIds) -> dict[str, Any]:
        row = db.get(db.products, id)
        rules = Rules()
        rules.all_exist(db.categories, "category_ids", body.category_ids)
        rules.check()
        db.product_categories[row["id"]] = list(dict.fromkeys(body.category_ids))
        return {"data": [serialize.category(db, c) for c in db.categories_of(row["id"])]}

    @router.get("/{id}/analytics", dependencies=read, summary="Product analytics")
    async def product_analytics(id: str) -> dict[str, Any]:
        row = db.get(db.products, id)
        clicks = [c for c in db.analytics.clicks if c["product_id"] == row["id"]]
        return {
            "data": {
                "analytics_visits": row["analytics_visits"],
                "total_clicks": len(clicks),
                "affiliate_clicks": sum(c["affiliate"] for c in clicks),
            }
        }

    return router
