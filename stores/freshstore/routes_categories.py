"""``/api/categories``: the nested tree, list (filters), CRUD, the category's
products, and the AI category-list generator."""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import APIRouter, Depends, Query, Request, Response

from stores.freshstore import ai, serialize
from stores.freshstore.auth import requires
from stores.freshstore.data.catalog import slugify
from stores.freshstore.db import FreshDB
from stores.freshstore.errors import invalid
from stores.freshstore.models import CategoryCreate, CategoryUpdate, GenerateCategoryList
from stores.freshstore.pagination import (
    PageParams,
    flag_filter,
    page_params,
    paginate,
    search_filter,
)
from stores.freshstore.rules import Rules
from stores.freshstore.timefmt import now_iso

AI_JOB_DELAY_S = 0.05
JOB_ONLY_FIELDS = ("generate_ai_content", "generate_images", "image_source")


def parse_parent(raw: str | None) -> int | str | None:
    """``parent_id`` filter: absent -> ``"any"``, empty -> roots (``None``), else an id."""
    if raw is None:
        return "any"
    if raw == "":
        return None
    if not raw.isdigit():
        raise invalid("parent_id", "The parent id field must be an integer.")
    return int(raw)


def build_router(db: FreshDB) -> APIRouter:
    router = APIRouter(prefix="/api/categories", tags=["categories"])
    read = [Depends(requires("categories", "read"))]
    write = [Depends(requires("categories", "write"))]

    def ordered(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return sorted(rows, key=lambda c: (c["sort_order"] or 0, c["id"]))

    def node(row: dict[str, Any]) -> dict[str, Any]:
        children = ordered(db.children_of(row["id"]))
        return {**serialize.category(db, row), "children": [node(c) for c in children]}

    def descendants(category_id: int) -> set[int]:
        found: set[int] = set()
        stack = [category_id]
        while stack:
            for child in db.children_of(stack.pop()):
                found.add(child["id"])
                stack.append(child["id"])
        return found

    async def write_copy(category_id: int) -> None:
        await asyncio.sleep(AI_JOB_DELAY_S)
        row = db.categories.get(category_id)
        if row is not None:
            row.update(ai.category_copy(row["title"], db.settings["store"]["niche"]))
            db.spend_ai_tokens(ai.TOKENS_PER_CALL)

    @router.get("/tree", dependencies=read, summary="Category tree")
    async def tree() -> dict[str, Any]:
        roots = ordered([c for c in db.categories.values() if c["parent_id"] is None])
        return {"data": [node(root) for root in roots]}

    @router.get("", dependencies=read, summary="List categories")
    async def list_categories(
        request: Request,
        pages: PageParams = Depends(page_params),
        search: str | None = None,
        enabled: bool | None = None,
        parent_id: str | None = Query(None, description="Parent id; empty string: roots only"),
    ) -> dict[str, Any]:
        parent = parse_parent(parent_id)
        rows = flag_filter(search_filter(list(db.categories.values()), search), "enabled", enabled)
        if parent != "any":
            rows = [c for c in rows if c["parent_id"] == parent]
        return paginate(request, rows, pages, lambda c: serialize.category(db, c))

    @router.post("", dependencies=write, status_code=201, summary="Create category")
    async def create_category(body: CategoryCreate) -> dict[str, Any]:
        rules = Rules()
        rules.exists(db.categories, "parent_id", body.parent_id)
        rules.check()
        category_id = db.next_id(db.categories)
        now = now_iso()
        row: dict[str, Any] = {
            "id": category_id,
            "parent_id": None,
            "slug": slugify(body.title),
            "title": body.title,
            "subtitle": None,
            "link_title": body.title,
            "content_top": None,
            "content_bottom": None,
            "meta_title": None,
            "meta_keywords": None,
            "meta_description": None,
            "enabled": True,
            "sort_order": 0,
            "created_at": now,
            "updated_at": now,
        }
        given = body.given()
        row.update({k: v for k, v in given.items() if k not in JOB_ONLY_FIELDS})
        db.categories[category_id] = row
        if body.generate_ai_content:
            db.run_later(write_copy(category_id))
        return {"data": serialize.category(db, row)}

    @router.post("/generate-list", dependencies=write, summary="AI-suggest a category tree")
    async def generate_list(body: GenerateCategoryList) -> dict[str, Any]:
        db.spend_ai_tokens(ai.TOKENS_PER_CALL)
        categories = ai.category_list(body.niche, body.max_categories, body.max_subcategories)
        return {"data": {"niche": body.niche, "categories": categories}}

    @router.get("/{id}", dependencies=read, summary="Get category")
    async def get_category(id: str) -> dict[str, Any]:
        return {"data": serialize.category(db, db.get(db.categories, id))}

    @router.patch("/{id}", dependencies=write, summary="Update category")
    async def update_category(id: str, body: CategoryUpdate) -> dict[str, Any]:
        row = db.get(db.categories, id)
        rules = Rules()
        rules.exists(db.categories, "parent_id", body.parent_id)
        if body.parent_id is not None and body.parent_id in {row["id"], *descendants(row["id"])}:
            rules.fail("parent_id", "The parent id cannot be the category or one of its children.")
        rules.check()
        row.update({k: v for k, v in body.given().items() if k not in JOB_ONLY_FIELDS})
        row["updated_at"] = now_iso()
        if body.generate_ai_content:
            db.run_later(write_copy(row["id"]))
        return {"data": serialize.category(db, row)}

    @router.delete("/{id}", dependencies=write, status_code=204, summary="Delete category")
    async def delete_category(id: str) -> Response:
        db.delete_category(db.get(db.categories, id)["id"])
        return Response(status_code=204)

    @router.get("/{id}/products", dependencies=read, summary="Category products")
    async def category_products(
        request: Request, id: str, pages: PageParams = Depends(page_params)
    ) -> dict[str, Any]:
        row = db.get(db.categories, id)
        rows = db.category_products(row["id"])
        return paginate(request, rows, pages, lambda p: serialize.product(db, p))

    return router
