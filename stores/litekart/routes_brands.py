"""``/api/brands``: public reads, admin writes.

Defined conventions: list filters ``search`` (name) and ``ids``; a brand that
still has products cannot be deleted (409).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from stores.litekart.auth import Principal
from stores.litekart.context import Context
from stores.litekart.data import slugify
from stores.litekart.envelope import no_content, ok, read, read_list
from stores.litekart.errors import conflict
from stores.litekart.query import (
    ListParams,
    Schema,
    apply_sort,
    fields_param,
    filter_ids,
    list_params,
    parse_fields,
    project,
)
from stores.litekart.schemas import BrandCreate, BrandUpdate

Row = dict[str, Any]

FIELDS: Schema = dict.fromkeys(
    ("id", "name", "slug", "description", "website", "logo_url", "created_at", "updated_at")
)
SORTS = ("id", "name", "slug", "created_at")


def router(ctx: Context) -> APIRouter:
    db, auth = ctx.db, ctx.auth
    api = APIRouter(prefix="/api/brands", tags=["brands"])

    @api.get("", summary="List brands")
    async def list_brands(
        request: Request,
        params: ListParams = Depends(list_params),
        search: str | None = Query(None, max_length=200),
        principal: Principal | None = Depends(auth.optional),
    ) -> Response:
        selection = parse_fields(params.fields, FIELDS)
        rows = filter_ids(list(db.brands.values()), params.ids)
        if search:
            rows = [b for b in rows if search.lower() in b["name"].lower()]
        rows = apply_sort(rows, params.sort, SORTS)
        return read_list(
            request,
            rows,
            params,
            selection,
            "Brands retrieved successfully",
            public=principal is None,
        )

    @api.post("", status_code=201, summary="Create a brand (admin)")
    async def create_brand(body: BrandCreate, _: Principal = Depends(auth.admin)) -> Response:
        values = body.model_dump()
        values["slug"] = values["slug"] or slugify(values["name"])
        _check_slug(values["slug"], None)
        now = db.now_iso()
        brand_id = db.next_id("brand")
        brand = {"id": brand_id, **values, "created_at": now, "updated_at": now}
        db.brands[brand_id] = brand
        return ok(brand, "Brand created successfully", 201)

    @api.get("/{id}", summary="Get a brand")
    async def get_brand(
        request: Request,
        id: str,
        fields: str | None = Depends(fields_param),
        principal: Principal | None = Depends(auth.optional),
    ) -> Response:
        selection = parse_fields(fields, FIELDS)
        brand = db.get("brands", id, "Brand")
        return read(
            request,
            project(brand, selection),
            "Brand retrieved successfully",
            public=principal is None,
        )

    @api.put("/{id}", summary="Update a brand (admin; partial)")
    async def update_brand(
        id: str, body: BrandUpdate, _: Principal = Depends(auth.admin)
    ) -> Response:
        brand = db.get("brands", id, "Brand")
        changes = body.changes()
        _check_slug(changes.get("slug"), brand)
        brand.update(changes)
        brand["updated_at"] = db.now_iso()
        return ok(brand, "Brand updated successfully")

    @api.delete("/{id}", status_code=204, summary="Delete a brand (admin)")
    async def delete_brand(id: str, _: Principal = Depends(auth.admin)) -> Response:
        db.get("brands", id, "Brand")
        if any(p["brand_id"] == id for p in db.products.values()):
            raise conflict("Brand still has products")
        del db.brands[id]
        return no_content()

    def _check_slug(slug: str | None, current: Row | None) -> None:
        if slug and any(b["slug"] == slug and b is not current for b in db.brands.values()):
            raise conflict(f"A brand with slug {slug} already exists", "slug")

    return api
