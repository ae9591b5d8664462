"""``/api/article-categories``: list (filters) and CRUD."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request, Response

from stores.freshstore import serialize
from stores.freshstore.auth import requires
from stores.freshstore.data.catalog import slugify
from stores.freshstore.db import FreshDB
from stores.freshstore.models import ArticleCategoryCreate, ArticleCategoryUpdate
from stores.freshstore.pagination import (
    PageParams,
    flag_filter,
    page_params,
    paginate,
    search_filter,
)
from stores.freshstore.rules import Rules
from stores.freshstore.timefmt import now_iso


def build_router(db: FreshDB) -> APIRouter:
    router = APIRouter(prefix="/api/article-categories", tags=["article-categories"])
    read = [Depends(requires("article-categories", "read"))]
    write = [Depends(requires("article-categories", "write"))]

    def ancestors_and_self(category_id: int, parent_id: int) -> bool:
        """Would ``parent_id`` as parent of ``category_id`` make a cycle?"""
        current: int | None = parent_id
        while current is not None:
            if current == category_id:
                return True
            current = db.article_categories[current]["parent_id"]
        return False

    @router.get("", dependencies=read, summary="List article categories")
    async def list_article_categories(
        request: Request,
        pages: PageParams = Depends(page_params),
        search: str | None = None,
        enabled: bool | None = None,
    ) -> dict[str, Any]:
        rows = list(db.article_categories.values())
        rows = flag_filter(search_filter(rows, search), "enabled", enabled)
        return paginate(request, rows, pages, lambda c: serialize.article_category(db, c))

    @router.post("", dependencies=write, status_code=201, summary="Create article category")
    async def create_article_category(body: ArticleCategoryCreate) -> dict[str, Any]:
        rules = Rules()
        rules.exists(db.article_categories, "parent_id", body.parent_id)
        rules.check()
        row_id = db.next_id(db.article_categories)
        now = now_iso()
        row: dict[str, Any] = {
            "id": row_id,
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
        row.update(body.given())
        db.article_categories[row_id] = row
        return {"data": serialize.article_category(db, row)}

    @router.get("/{id}", dependencies=read, summary="Get article category")
    async def get_article_category(id: str) -> dict[str, Any]:
        return {"data": serialize.article_category(db, db.get(db.article_categories, id))}

    @router.patch("/{id}", dependencies=write, summary="Update article category")
    async def update_article_category(id: str, body: ArticleCategoryUpdate) -> dict[str, Any]:
        row = db.get(db.article_categories, id)
        rules = Rules()
        rules.exists(db.article_categories, "parent_id", body.parent_id)
        if body.parent_id in db.article_categories and ancestors_and_self(
            row["id"], body.parent_id
        ):
            rules.fail("parent_id", "The parent id cannot be the category or one of its children.")
        rules.check()
        row.update(body.given())
        row["updated_at"] = now_iso()
        return {"data": serialize.article_category(db, row)}

    @router.delete("/{id}", dependencies=write, status_code=204, summary="Delete article category")
    async def delete_article_category(id: str) -> Response:
        row = db.get(db.article_categories, id)
        del db.article_categories[row["id"]]
        for child in db.article_categories.values():
            if child["parent_id"] == row["id"]:
                child["parent_id"] = row["parent_id"]
        for article_id, ids in db.article_links.items():
            db.article_links[article_id] = [i for i in ids if i != row["id"]]
        return Response(status_code=204)

    return router
