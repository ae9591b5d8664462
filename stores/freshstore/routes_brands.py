"""``/api/brands``: list (filters), CRUD, the brand's products, and the AI cleaner."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body, Depends, Request, Response

from stores.freshstore import serialize
from stores.freshstore.auth import requires
from stores.freshstore.brand_cleaner import clean_brands
from stores.freshstore.data.catalog import slugify
from stores.freshstore.db import FreshDB
from stores.freshstore.models import BrandCreate, BrandUpdate, CleanBrands
from stores.freshstore.pagination import (
    PageParams,
    flag_filter,
    page_params,
    paginate,
    search_filter,
)
from stores.freshstore.timefmt import now_iso


def build_router(db: FreshDB) -> APIRouter:
    router = APIRouter(prefix="/api/brands", tags=["brands"])
    read = [Depends(requires("brands", "read"))]
    write = [Depends(requires("brands", "write"))]

    @router.get("", dependencies=read, summary="List brands")
    async def list_brands(
        request: Request,
        pages: PageParams = Depends(page_params),
        search: str | None = None,
        enabled: bool | None = None,
    ) -> dict[str, Any]:
        rows = flag_filter(search_filter(list(db.brands.values()), search), "enabled", enabled)
        return paginate(request, rows, pages, lambda b: serialize.brand(db, b))

    @router.post("", dependencies=write, status_code=201, summary="Create brand")
    async def create_brand(body: BrandCreate) -> dict[str, Any]:
        brand_id = db.next_id(db.brands)
        now = now_iso()
        row: dict[str, Any] = {
            "id": brand_id,
            "slug": slugify(body.title),
            "title": body.title,
            "subtitle": None,
            "link_title": body.title,
            "content": None,
            "content_bottom": None,
            "meta_title": None,
            "meta_keywords": None,
            "meta_description": None,
            "enabled": True,
            "created_at": now,
            "updated_at": now,
        }
        row.update(body.given())
        db.brands[brand_id] = row
        return {"data": serialize.brand(db, row)}

    @router.post("/clean", dependencies=write, summary="AI-classify and clean brands")
    async def clean(body: CleanBrands | None = Body(None)) -> dict[str, Any]:
        body = body or CleanBrands()
        return {"data": clean_brands(db, body.niche, body.keep_top)}

    @router.get("/{id}", dependencies=read, summary="Get brand")
    async def get_brand(id: str) -> dict[str, Any]:
        return {"data": serialize.brand(db, db.get(db.brands, id))}

    @router.patch("/{id}", dependencies=write, summary="Update brand")
    async def update_brand(id: str, body: BrandUpdate) -> dict[str, Any]:
        row = db.get(db.brands, id)
        row.update(body.given())
        row["updated_at"] = now_iso()
        return {"data": serialize.brand(db, row)}

    @router.delete("/{id}", dependencies=write, status_code=204, summary="Delete brand")
    async def delete_brand(id: str) -> Response:
        db.delete_brand(db.get(db.brands, id)["id"])
        return Response(status_code=204)

    @router.get("/{id}/products", dependencies=read, summary="Brand products")
    async def brand_products(
        request: Request, id: str, pages: PageParams = Depends(page_params)
    ) -> dict[str, Any]:
        row = db.get(db.brands, id)
        rows = db.brand_products(row["id"])
        return paginate(request, rows, pages, lambda p: serialize.product(db, p))

    return router
