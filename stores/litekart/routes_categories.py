"""``/api/categories``: the category tree (``parent_id``), public reads, admin writes.

Defined conventions: list filters ``parent_id`` (``root`` for top-level) and
``ids``; a category with subcategories or products cannot be deleted (409).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from stores.litekart.auth import Principal
from stores.litekart.context import Context
from stores.litekart.data import slugify
from stores.litekart.envelope import no_content, ok, read, read_list
from stores.litekart.errors import conflict, invalid_body
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
from stores.litekart.schemas import CategoryCreate, CategoryUpdate

Row = dict[str, Any]

FIELDS: Schema = dict.fromkeys(
    ("id", "name", "slug", "description", "parent_id", "position", "created_at", "updated_at")
)
SORTS = ("id", "name", "slug", "position", "created_at")


def router(ctx: Context) -> APIRouter:
    db, auth = ctx.db, ctx.auth
    api = APIRouter(prefix="/api/categories", tags=["categories"])

    @api.get("", summary="List categories")
    async def list_categories(
        request: Request,
        params: ListParams = Depends(list_params),
        parent_id: str | None = Query(None, description="Parent id, or `root` for top level"),
        principal: Principal | None = Depends(auth.optional),
    ) -> Response:
        selection = parse_fields(params.fields, FIELDS)
        rows = filter_ids(list(db.categories.values()), params.ids)
        if parent_id is not None:
            parent = None if parent_id == "root" else parent_id
            rows = [c for c in rows if c["parent_id"] == parent]
        rows = apply_sort(rows, params.sort, SORTS)
        return read_list(
            request,
            rows,
            params,
            selection,
            "Categories retrieved successfully",
            public=principal is None,
        )

    @api.post("", status_code=201, summary="Create a category (admin)")
    async def create_category(body: CategoryCreate, _: Principal = Depends(auth.admin)) -> Response:
        values = body.model_dump()
        slug = values["slug"] or slugify(values["name"])
        _check(slug, values["parent_id"], None)
        now = db.now_iso()
        category_id = db.next_id("category")
        category = {"id": category_id, **values, "slug": slug, "created_at": now, "updated_at": now}
        db.categories[category_id] = category
        return ok(category, "Category created successfully", 201)

    @api.get("/{id}", summary="Get a category")
    async def get_category(
        request: Request,
        id: str,
        fields: str | None = Depends(fields_param),
        principal: Principal | None = Depends(auth.optional),
    ) -> Response:
        selection = parse_fields(fields, FIELDS)
        category = db.get("categories", id, "Category")
        return read(
            request,
            project(category, selection),
            "Category retrieved successfully",
            public=principal is None,
        )

    @api.put("/{id}", summary="Update a category (admin; partial)")
    async def update_category(
        id: str, body: CategoryUpdate, _: Principal = Depends(auth.admin)
    ) -> Response:
        category = db.get("categories", id, "Category")
        changes = body.changes()
        _check(changes.get("slug"), changes.get("parent_id"), category)
        category.update(changes)
        category["updated_at"] = db.now_iso()
        return ok(category, "Category updated successfully")

    @api.delete("/{id}", status_code=204, summary="Delete a category (admin)")
    async def delete_category(id: str, _: Principal = Depends(auth.admin)) -> Response:
        db.get("categories", id, "Category")
        if any(c["parent_id"] == id for c in db.categories.values()):
            raise conflict("Category has subcategories")
        if any(p["category_id"] == id for p in db.products.values()):
            raise conflict("Category still has products")
        del db.categories[id]
        return no_content()

    def _check(slug: str | None, parent_id: str | None, current: Row | None) -> None:
        if parent_id is not None:
            if parent_id not in db.categories:
                raise invalid_body("parent_id", "Parent category not found")
            if current is not None and parent_id in db.category_subtree(current["id"]):
                raise invalid_body("parent_id", "A category cannot be its own ancestor")
        if slug and any(c["slug"] == slug and c is not current for c in db.categories.values()):
            raise conflict(f"A category with slug {slug} already exists", "slug")

    return api
