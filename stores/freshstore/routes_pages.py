"""``/api/pages``: list (filters, exact ``key``) and CRUD; ``generate_ai_content``
fills the page's copy in the background."""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import APIRouter, Depends, Request, Response

from stores.freshstore import ai, serialize
from stores.freshstore.auth import requires
from stores.freshstore.data.catalog import slugify
from stores.freshstore.db import FreshDB
from stores.freshstore.models import PageCreate, PageFields, PageUpdate
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
JOB_FIELDS = ("generate_ai_content", "generate_images", "image_source")


def build_router(db: FreshDB) -> APIRouter:
    router = APIRouter(prefix="/api/pages", tags=["pages"])
    read = [Depends(requires("pages", "read"))]
    write = [Depends(requires("pages", "write"))]

    def validate(body: PageFields, page_id: int | None = None) -> None:
        rules = Rules()
        if body.key is not None and any(
            p["key"] == body.key and p["id"] != page_id for p in db.pages.values()
        ):
            rules.fail("key", "The key has already been taken.")
        rules.check()

    async def write_copy(page_id: int) -> None:
        await asyncio.sleep(AI_JOB_DELAY_S)
        row = db.pages.get(page_id)
        if row is not None:
            copy = ai.article_copy(row["title"], db.settings["store"]["niche"])
            if row["key"] == "homepage":
                copy.pop("content")
            row.update(copy)
            db.spend_ai_tokens(ai.TOKENS_PER_CALL)

    @router.get("", dependencies=read, summary="List pages")
    async def list_pages(
        request: Request,
        pages: PageParams = Depends(page_params),
        search: str | None = None,
        key: str | None = None,
        enabled: bool | None = None,
    ) -> dict[str, Any]:
        rows = flag_filter(search_filter(list(db.pages.values()), search), "enabled", enabled)
        if key is not None:
            rows = [p for p in rows if p["key"] == key]
        return paginate(request, rows, pages, serialize.public)

    @router.post("", dependencies=write, status_code=201, summary="Create page")
    async def create_page(body: PageCreate) -> dict[str, Any]:
        validate(body)
        page_id = db.next_id(db.pages)
        now = now_iso()
        row: dict[str, Any] = {
            "id": page_id,
            "key": None,
            "slug": slugify(body.title),
            "title": body.title,
            "subtitle": None,
            "link_title": body.title,
            "content": None,
            "meta_title": None,
            "meta_keywords": None,
            "meta_description": None,
            "enabled": True,
            "created_at": now,
            "updated_at": now,
        }
        row.update({k: v for k, v in body.given().items() if k not in JOB_FIELDS})
        db.pages[page_id] = row
        if body.generate_ai_content:
            db.run_later(write_copy(page_id))
        return {"data": serialize.public(row)}

    @router.get("/{id}", dependencies=read, summary="Get page")
    async def get_page(id: str) -> dict[str, Any]:
        return {"data": serialize.public(db.get(db.pages, id))}

    @router.patch("/{id}", dependencies=write, summary="Update page")
    async def update_page(id: str, body: PageUpdate) -> dict[str, Any]:
        row = db.get(db.pages, id)
        validate(body, row["id"])
        row.update({k: v for k, v in body.given().items() if k not in JOB_FIELDS})
        row["updated_at"] = now_iso()
        if body.generate_ai_content:
            db.run_later(write_copy(row["id"]))
        return {"data": serialize.public(row)}

    @router.delete("/{id}", dependencies=write, status_code=204, summary="Delete page")
    async def delete_page(id: str) -> Response:
        del db.pages[db.get(db.pages, id)["id"]]
        return Response(status_code=204)

    return router
