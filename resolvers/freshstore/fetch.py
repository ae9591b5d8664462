"""FreshStore reads: the ``{"data"}`` envelope unwrapped, Laravel ``page``/``per_page``
mapped onto offset windows (aligned blocks of 100, ``resolvers.paging``), and
per-request loaders that de-duplicate ids and fan out concurrently.

FreshStore takes no lists of ids, so a per-id loader fans out one ``GET`` per distinct
id, at most the store's current budget at a time (``resolvers.loading.load_each``); lists
prime those loaders so an object seen in a list is never fetched again in that request.

Which credential: the public catalogue and content (``PUBLIC_PATHS``) are read with the
gateway's key and shared by every caller; users, settings, stats, warnings, analytics and
data present ``context.credential(FRESHSTORE)`` (an operator's identity: cached per role
set, never for an anonymous caller).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Hashable, Mapping, Sequence
from typing import Any

from aiodataloader import DataLoader

from gateway.context import GatewayContext
from gateway.errors import NotFound
from gateway.identity import PUBLIC, Requirement, Role, StoreCredential
from gateway.paths import check_id
from gateway.sources import Source
from resolvers.loading import load_each
from resolvers.paging import fetch_all, fetch_window

SOURCE = Source.FRESHSTORE
MAX_PER_PAGE = 100
"""FreshStore's ``per_page`` maximum (more is a 422)."""

Params = Mapping[str, Any]
Json = dict[str, Any]


PUBLIC_PATHS = (
    "/api/products",
    "/api/offers",
    "/api/categories",
    "/api/brands",
    "/api/articles",
    "/api/article-categories",
    "/api/pages",
    "/api/store/status",
    "/api/store/info",
    "/api/store/locales",
)


STORE_DATA = Requirement.of(Role.STAFF, Role.CATALOG_EDITOR)
"""Content counts, warnings and product analytics: the back office and catalogue editors."""
BACK_OFFICE = Requirement.of(Role.STAFF)
"""Settings, AI token use and the store's analytics."""
USERS = Requirement.of(Role.STAFF, Role.SUPPORT)
"""The store's users (people)."""
LOGIN_LINKS = Requirement.of(Role.ADMIN)
"""A login link signs its holder in as the user: admin only."""
OPERATORS = Requirement.of(Role.STAFF, Role.SUPPORT, Role.CATALOG_EDITOR)
"""Whose credential answers the non-public reads (each field declares exactly who)."""


def credential(context: GatewayContext, path: str) -> StoreCredential:
    """``PUBLIC`` for the catalogue and content (not their analytics), else the caller's
    (operator's) credential."""
    public = any(path == p or path.startswith(p + "/") for p in PUBLIC_PATHS)
    if public and not path.endswith("/analytics"):
        return PUBLIC
    return context.credential(SOURCE, OPERATORS)


async def get_body(context: GatewayContext, path: str, params: Params | None = None) -> Any:
    response = await context.client(SOURCE).get_json(
        path, dict(params or {}), credential=credential(context, path), deadline=context.deadline
    )
    return response.json


async def get_data(context: GatewayContext, path: str, params: Params | None = None) -> Any:
    """``data`` of a FreshStore response."""
    body = await get_body(context, path, params)
    return body.get("data") if isinstance(body, dict) else None


async def get_data_or_none(context: GatewayContext, path: str, params: Params | None = None) -> Any:
    """``data``, or ``None`` when the store says 404 (unknown or non-numeric id)."""
    try:
        return await get_data(context, path, params)
    except NotFound:
        return None


async def get_page(
    context: GatewayContext, path: str, params: Params | None, page: int, per_page: int
) -> tuple[list[Json], int]:
    """One Laravel page: its items and the list's total."""
    body = await get_body(context, path, {**(params or {}), "page": page, "per_page": per_page})
    items = list(body.get("data") or [])
    return items, int((body.get("meta") or {}).get("total") or 0)


async def get_window(
    context: GatewayContext, path: str, params: Params | None, offset: int, limit: int
) -> tuple[list[Json], int]:
    """Items ``[offset, offset + limit)`` of a list and its total (one call per aligned
    block of 100 the window touches; a walk finds its next block in the cache)."""

    async def page(number: int, size: int) -> tuple[list[Json], int]:
        return await get_page(context, path, params, number, size)

    return await fetch_window(page, offset, limit, MAX_PER_PAGE)


async def get_all(context: GatewayContext, path: str, params: Params | None = None) -> list[Json]:
    """Every item of a list, in blocks of 100 (the rest concurrently after the first)."""

    async def page(number: int, size: int) -> tuple[list[Json], int]:
        return await get_page(context, path, params, number, size)

    return await fetch_all(page, MAX_PER_PAGE)


def per_id_loader(
    context: GatewayContext,
    name: str,
    fetch_one: Callable[[Any], Awaitable[Any]],
) -> DataLoader:
    """The request's loader ``freshstore.<name>``: distinct keys fetched one by one,
    concurrently within the store's budget; a missing object loads as ``None``."""

    async def batch(keys: Sequence[Hashable]) -> list[Any]:
        return await load_each(context, SOURCE, list(keys), fetch_one)

    return context.loader(f"{SOURCE.value}.{name}", batch)


def memo(context: GatewayContext, name: str, fetch: Callable[[], Awaitable[Any]]) -> Awaitable[Any]:
    """``fetch()`` at most once per request (a one-key loader)."""

    async def batch(keys: Sequence[Hashable]) -> list[Any]:
        value = await fetch()
        return [value for _ in keys]

    return context.loader(f"{SOURCE.value}.memo.{name}", batch).load(name)


def store_id(value: object) -> str | None:
    """A FreshStore id as the store writes it in paths (ASCII digits), ``None`` for
    ``None``; anything else is :class:`~gateway.paths.InvalidId`."""
    return None if value is None else check_id(SOURCE, value)
