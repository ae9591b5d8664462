"""FreshStore's content and people: articles, article categories, pages, users.

Disabled articles, article categories and pages are not the public catalogue: for anyone
but :data:`DRAFTS` (staff, catalogue editors) every list is asked for enabled content only
and a disabled one by id is ``None``; asking a list for disabled content is refused.
"""

from __future__ import annotations

from aiodataloader import DataLoader

from gateway.context import GatewayContext
from gateway.errors import BadUpstreamRequest
from gateway.identity import Requirement, Role
from gateway.paths import upstream_path
from resolvers.freshstore.fetch import (
    SOURCE,
    Json,
    Params,
    get_data,
    get_data_or_none,
    get_window,
    per_id_loader,
    store_id,
)

INVALID_STATUS = 422

DRAFTS = Requirement.of(Role.STAFF, Role.CATALOG_EDITOR)
"""Who sees disabled articles, article categories and pages: the back office and editors."""


def _published(context: GatewayContext, params: Params) -> Params:
    """``params`` narrowed to enabled content unless the caller may see disabled content;
    asking for disabled content without that right raises the refusal."""
    if DRAFTS.allows(context.caller):
        return params
    if params.get("enabled") is False:
        DRAFTS.check(context.caller)  # raises UNAUTHENTICATED / FORBIDDEN
    return {**params, "enabled": True}


def _shown(context: GatewayContext, item: Json | None) -> Json | None:
    """``item``, or ``None`` when it is disabled and the caller may not see it."""
    if item is None or item.get("enabled", True) or DRAFTS.allows(context.caller):
        return item
    return None


def _loader(context: GatewayContext, name: str, path: str) -> DataLoader:
    async def one(object_id: str) -> Json | None:
        return await get_data_or_none(context, upstream_path(SOURCE, path, object_id))

    return per_id_loader(context, name, one)


def article_loader(context: GatewayContext) -> DataLoader:
    """Id → the article as ``GET /api/articles/{id}`` shows it (with its categories)."""
    return _loader(context, "articles", "/api/articles/{}")


def article_category_loader(context: GatewayContext) -> DataLoader:
    return _loader(context, "article_categories", "/api/article-categories/{}")


def page_loader(context: GatewayContext) -> DataLoader:
    return _loader(context, "pages", "/api/pages/{}")


def user_loader(context: GatewayContext) -> DataLoader:
    return _loader(context, "users", "/api/users/{}")


async def _one(loader: DataLoader, object_id: object) -> Json | None:
    sid = store_id(object_id)
    return None if sid is None else await loader.load(sid)


async def _published_one(
    context: GatewayContext, loader: DataLoader, object_id: object
) -> Json | None:
    return _shown(context, await _one(loader, object_id))


async def _window(
    context: GatewayContext,
    path: str,
    params: Params,
    offset: int,
    limit: int,
    loader: DataLoader | None,
) -> tuple[list[Json], int]:
    items, total = await get_window(context, path, params, offset, limit)
    if loader is not None:
        for item in items:
            loader.prime(str(item["id"]), item)
    return items, total


# ----------------------------------------------------------------------- articles


async def article(context: GatewayContext, article_id: object) -> Json | None:
    return await _published_one(context, article_loader(context), article_id)


async def articles(
    context: GatewayContext, params: Params, offset: int, limit: int
) -> tuple[list[Json], int]:
    # List items lack ``article_categories``: they do not prime the article loader,
    # which answers with them.
    return await _window(context, "/api/articles", _published(context, params), offset, limit, None)


async def article_categories_of(context: GatewayContext, item: Json) -> list[Json]:
    """An article's categories: on the single article; for a list item, one lookup."""
    if "article_categories" not in item:
        item = await article_loader(context).load(str(item["id"])) or {}
    found = list(item.get("article_categories") or [])
    for category in found:
        article_category_loader(context).prime(str(category["id"]), category)
    return [c for c in found if _shown(context, c) is not None]


async def article_category(context: GatewayContext, category_id: object) -> Json | None:
    return await _published_one(context, article_category_loader(context), category_id)


async def article_categories(
    context: GatewayContext, params: Params, offset: int, limit: int
) -> tuple[list[Json], int]:
    return await _window(
        context,
        "/api/article-categories",
        _published(context, params),
        offset,
        limit,
        article_category_loader(context),
    )


# ----------------------------------------------------------------------- pages


async def page(context: GatewayContext, page_id: object) -> Json | None:
    return await _published_one(context, page_loader(context), page_id)


async def pages(
    context: GatewayContext, params: Params, offset: int, limit: int
) -> tuple[list[Json], int]:
    published = _published(context, params)
    return await _window(context, "/api/pages", published, offset, limit, page_loader(context))


# ----------------------------------------------------------------------- users


async def user(context: GatewayContext, user_id: object) -> Json | None:
    return await _one(user_loader(context), user_id)


async def users(context: GatewayContext, offset: int, limit: int) -> tuple[list[Json], int]:
    return await _window(context, "/api/users", {}, offset, limit, user_loader(context))


async def login_link(context: GatewayContext, email: str) -> str | None:
    """A magic login link for the user with ``email``; ``None`` when there is none
    (the store answers 422 "The selected email is invalid.")."""
    try:
        data = await get_data(context, "/api/users/login-link", {"email": email})
    except BadUpstreamRequest as error:
        if error.status == INVALID_STATUS:
            return None
        raise
    return (data or {}).get("loginLink")
