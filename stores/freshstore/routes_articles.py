"""``/api/articles``: list (filters), CRUD with background AI content and images,
fill-empty-images, and the AI topic generator."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime
from typing import Any

from fastapi import APIRouter, Body, Depends, Request, Response

from stores.freshstore import ai, serialize
from stores.freshstore.auth import requires
from stores.freshstore.data.catalog import slugify
from stores.freshstore.data.content import image_url
from stores.freshstore.db import FreshDB
from stores.freshstore.models import ArticleCreate, ArticleFields, ArticleUpdate, GenerateTopics
from stores.freshstore.pagination import (
    PageParams,
    flag_filter,
    page_params,
    paginate,
    search_filter,
)
from stores.freshstore.rules import Rules
from stores.freshstore.timefmt import iso, now_iso

AI_JOB_DELAY_S = 0.05
IMAGE_SLOTS = {"listing": "listingImage", "hero": "heroImage", "social": "socialImage"}
JOB_FIELDS = (
    "generate_ai_content",
    "generate_seo_keyword",
    "generate_images",
    "image_source",
    "article_categories",
    "product_category_id",
)


def stored_fields(body: ArticleFields) -> dict[str, Any]:
    """The article columns a create/update body sets."""
    given = {k: v for k, v in body.given().items() if k not in JOB_FIELDS}
    if body.published_at is not None:
        given["published_at"] = iso_date(body.published_at)
    return given


def iso_date(value: date | datetime) -> str:
    if isinstance(value, datetime):
        return iso(value if value.tzinfo else value.replace(tzinfo=UTC))
    return iso(datetime(value.year, value.month, value.day, tzinfo=UTC))


def build_router(db: FreshDB) -> APIRouter:
    router = APIRouter(prefix="/api/articles", tags=["articles"])
    read = [Depends(requires("articles", "read"))]
    write = [Depends(requires("articles", "write"))]

    def validate(body: ArticleFields) -> None:
        rules = Rules()
        rules.exists(db.categories, "product_category_id", body.product_category_id)
        rules.all_exist(db.article_categories, "article_categories", body.article_categories)
        rules.check()

    def apply_links(article_id: int, body: ArticleFields) -> None:
        if body.article_categories is not None:
            db.article_links[article_id] = list(dict.fromkeys(body.article_categories))
        if "product_category_id" in body.model_fields_set:
            db.articles[article_id]["_product_category_id"] = body.product_category_id

    async def generate(article_id: int, body: ArticleFields) -> None:
        await asyncio.sleep(AI_JOB_DELAY_S)
        row = db.articles.get(article_id)
        if row is None:
            return
        if body.generate_ai_content:
            row.update(ai.article_copy(row["title"], body.generate_seo_keyword))
            row["generated"] = 1
            db.spend_ai_tokens(ai.TOKENS_PER_CALL)
        wanted = body.generate_images
        kinds = list(IMAGE_SLOTS) if wanted is True else list(wanted or [])
        for kind in kinds:
            row["_images"][IMAGE_SLOTS[kind]] = image_url(f"articles/{kind}", row["slug"])

    def schedule(article_id: int, body: ArticleFields) -> None:
        if body.generate_ai_content or body.generate_images:
            db.run_later(generate(article_id, body))

    @router.get("", dependencies=read, summary="List articles")
    async def list_articles(
        request: Request,
        pages: PageParams = Depends(page_params),
        search: str | None = None,
        enabled: bool | None = None,
        generated: bool | None = None,
        article_category_id: int | None = None,
    ) -> dict[str, Any]:
        rows = flag_filter(search_filter(list(db.articles.values()), search), "enabled", enabled)
        rows = flag_filter(rows, "generated", generated)
        if article_category_id is not None:
            rows = [a for a in rows if article_category_id in db.article_links.get(a["id"], [])]
        return paginate(request, rows, pages, lambda a: serialize.article(db, a))

    @router.post("", dependencies=write, status_code=201, summary="Create article")
    async def create_article(body: ArticleCreate) -> dict[str, Any]:
        validate(body)
        article_id = db.next_id(db.articles)
        now = now_iso()
        row: dict[str, Any] = {
            "id": article_id,
            "slug": slugify(body.title),
            "title": body.title,
            "subtitle": None,
            "link_title": body.title,
            "content": None,
            "meta_title": None,
            "meta_keywords": None,
            "meta_description": None,
            "enabled": True,
            "generated": 0,
            "published_at": None,
            "created_at": now,
            "updated_at": now,
            "_product_category_id": None,
            "_images": dict.fromkeys(IMAGE_SLOTS.values()),
        }
        row.update(stored_fields(body))
        db.articles[article_id] = row
        db.article_links[article_id] = []
        apply_links(article_id, body)
        schedule(article_id, body)
        return {"data": serialize.article(db, row, with_categories=True)}

    @router.post("/generate-topics", dependencies=write, summary="AI-suggest article topics")
    async def generate_topics(body: GenerateTopics | None = Body(None)) -> dict[str, Any]:
        count = (body or GenerateTopics()).count
        suggestions = ai.topics(db.settings["store"]["niche"], count)
        db.spend_ai_tokens(ai.TOKENS_PER_CALL * count)
        return {"data": {"topics": suggestions, "requested": count, "returned": len(suggestions)}}

    @router.get("/{id}", dependencies=read, summary="Get article")
    async def get_article(id: str) -> dict[str, Any]:
        return {"data": serialize.article(db, db.get(db.articles, id), with_categories=True)}

    @router.patch("/{id}", dependencies=write, summary="Update article")
    async def update_article(id: str, body: ArticleUpdate) -> dict[str, Any]:
        row = db.get(db.articles, id)
        validate(body)
        row.update(stored_fields(body))
        row["updated_at"] = now_iso()
        apply_links(row["id"], body)
        schedule(row["id"], body)
        return {"data": serialize.article(db, row, with_categories=True)}

    @router.delete("/{id}", dependencies=write, status_code=204, summary="Delete article")
    async def delete_article(id: str) -> Response:
        row = db.get(db.articles, id)
        del db.articles[row["id"]]
        db.article_links.pop(row["id"], None)
        return Response(status_code=204)

    @router.post("/{id}/fill-empty-images", dependencies=write, summary="Fill empty images")
    async def fill_empty_images(id: str) -> dict[str, Any]:
        images = db.get(db.articles, id)["_images"]
        hero = images["heroImage"]
        filled = []
        if hero:
            for slot in ("listingImage", "socialImage"):
                if not images[slot]:
                    images[slot] = hero
                    filled.append(slot)
        return {"data": {"filled": filled}}

    return router
