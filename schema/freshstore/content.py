"""FreshStore's content and people: ``Article``, ``ArticleCategory``, ``Page``,
``FreshStoreUser``."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry
from strawberry.types import Info

from resolvers.freshstore import content as fetch
from resolvers.values import parse_datetime
from schema.common import Source
from schema.connection import Connection
from schema.freshstore.common import DEFAULT_PAGE_SIZE, Meta, connection, gid, meta_of, window
from schema.interfaces import Node, Sourced
from schema.permissions import SensitiveData, sensitive

Json = dict[str, Any]


@strawberry.type(description="A FreshStore blog article.")
class Article(Node, Sourced):
    raw: strawberry.Private[Json]
    slug: str
    title: str
    subtitle: str | None
    link_title: str | None
    content: str | None = strawberry.field(description="HTML content.")
    meta: Meta
    enabled: bool
    generated: bool = strawberry.field(description="Written by the store's AI.")
    published_at: datetime | None
    created_at: datetime | None
    updated_at: datetime | None

    @strawberry.field(description="The article categories the article is filed under.")
    async def categories(self, info: Info) -> list[ArticleCategory] | None:
        found = await fetch.article_categories_of(info.context, self.raw)
        return [article_category_of(c) for c in found]


@strawberry.type(description="A category of FreshStore articles.")
class ArticleCategory(Node, Sourced):
    raw: strawberry.Private[Json]
    slug: str
    title: str
    subtitle: str | None
    link_title: str | None
    content_top: str | None
    content_bottom: str | None
    meta: Meta
    enabled: bool
    sort_order: int | None
    article_count: int | None = strawberry.field(
        description="How many articles are filed under it."
    )
    articles_count: int | None = strawberry.field(deprecation_reason="Use `articleCount`.")
    created_at: datetime | None
    updated_at: datetime | None

    @strawberry.field(description="The parent article category; null for a root.")
    async def parent(self, info: Info) -> ArticleCategory | None:
        parent_id = self.raw.get("parent_id")
        raw = None if parent_id is None else await fetch.article_category(info.context, parent_id)
        return None if raw is None else article_category_of(raw)

    @strawberry.field(description="The articles in this category.")
    async def articles(
        self, info: Info, first: int = DEFAULT_PAGE_SIZE, after: str | None = None
    ) -> Connection[Article] | None:
        win = window(first, after)
        params = {"article_category_id": self.raw["id"]}
        items, total = await fetch.articles(info.context, params, win.offset, win.limit)
        return connection(items, win.offset, total, article_of)


@strawberry.type(description="A FreshStore page (system pages carry a stable `key`).")
class Page(Node, Sourced):
    key: str | None = strawberry.field(
        description="Stable identifier of a system page (e.g. `homepage`); null for custom pages."
    )
    slug: str
    title: str
    subtitle: str | None
    link_title: str | None
    content: str | None = strawberry.field(description="HTML content.")
    meta: Meta
    enabled: bool
    created_at: datetime | None
    updated_at: datetime | None


@strawberry.type(
    description="A user of the FreshStore admin or shop.",
    directives=sensitive(SensitiveData.PEOPLE),
)
class FreshStoreUser(Node, Sourced):
    first_name: str | None
    last_name: str | None
    email: str
    roles: list[str] = strawberry.field(description="Role names, e.g. `admin`, `editor`.")


# ----------------------------------------------------------------------- converters


def _common(raw: Json, type_name: str) -> dict[str, Any]:
    sid = str(raw["id"])
    return {"id": gid(type_name, sid), "source": Source.FRESHSTORE, "source_id": sid}


def article_of(raw: Json) -> Article:
    return Article(
        raw=raw,
        **_common(raw, "Article"),
        slug=str(raw.get("slug") or ""),
        title=str(raw.get("title") or ""),
        subtitle=raw.get("subtitle"),
        link_title=raw.get("link_title"),
        content=raw.get("content"),
        meta=meta_of(raw),
        enabled=bool(raw.get("enabled")),
        generated=bool(raw.get("generated")),
        published_at=parse_datetime(raw.get("published_at")),
        created_at=parse_datetime(raw.get("created_at")),
        updated_at=parse_datetime(raw.get("updated_at")),
    )


def article_category_of(raw: Json) -> ArticleCategory:
    return ArticleCategory(
        raw=raw,
        **_common(raw, "ArticleCategory"),
        slug=str(raw.get("slug") or ""),
        title=str(raw.get("title") or ""),
        subtitle=raw.get("subtitle"),
        link_title=raw.get("link_title"),
        content_top=raw.get("content_top"),
        content_bottom=raw.get("content_bottom"),
        meta=meta_of(raw),
        enabled=bool(raw.get("enabled")),
        sort_order=raw.get("sort_order"),
        article_count=raw.get("articles_count"),
        articles_count=raw.get("articles_count"),
        created_at=parse_datetime(raw.get("created_at")),
        updated_at=parse_datetime(raw.get("updated_at")),
    )


def page_of(raw: Json) -> Page:
    return Page(
        **_common(raw, "Page"),
        key=raw.get("key"),
        slug=str(raw.get("slug") or ""),
        title=str(raw.get("title") or ""),
        subtitle=raw.get("subtitle"),
        link_title=raw.get("link_title"),
        content=raw.get("content"),
        meta=meta_of(raw),
        enabled=bool(raw.get("enabled")),
        created_at=parse_datetime(raw.get("created_at")),
        updated_at=parse_datetime(raw.get("updated_at")),
    )


def user_of(raw: Json) -> FreshStoreUser:
    return FreshStoreUser(
        **_common(raw, "FreshStoreUser"),
        first_name=raw.get("firstName"),
        last_name=raw.get("lastName"),
        email=str(raw.get("email") or ""),
        roles=[str(r) for r in raw.get("roles") or ()],
    )


TYPES: tuple[type, ...] = (Article, ArticleCategory, Page, FreshStoreUser)
