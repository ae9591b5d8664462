"""FreshStore reads: the ``{"data"}`` envelope unwrapped, Laravel pages mapped onto
offset windows, and per-request loaders that de-duplicate ids and fan out concurrently.

FreshStore takes no lists of ids, so a per-id loader fans out one ``GET`` per distinct
id, at most the store's current budget at a time (``UpstreamClient.budget``); lists
prime those loaders so an object seen in a list is never fetched again in that request.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Hashable, Mapping, Sequence
from typing import Any

from aiodataloader import DataLoader

from gateway.batching import fan_out
from gateway.context import GatewayContext
from gateway.errors import NotFound
from gateway.sources import Source
from resolvers.cursors import covering_pages

SOURCE = Source.FRESHSTORE
MAX_PER_PAGE = 100
"""FreshStore's ``per_page`` maximum (more is a 422)."""

Params = Mapping[str, Any]
Json = dict[str, Any]


def params_of(**values: Any) -> dict[str, Any]:
    """Query parameters without the ``None`` ones (booleans become ``true``/``false``)."""
    return {k: v for k, v in values.items() if v is not None}


async def get_body(context: GatewayContext, path: str, params: Params | None = None) -> Any:
    response = await context.client(SOURCE).get_json(
        path, dict(params or {}), deadline=context.deadline
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
    """Items ``[offset, offset + limit)`` of a list and its total, in the fewest pages
    (one call when one page size covers the window)."""
    size, first_page, count = covering_pages(offset, limit, MAX_PER_PAGE)
    pages = await asyncio.gather(
        *(get_page(context, path, params, first_page + i, size) for i in range(count))
    )
    items = [item for page_items, _ in pages for item in page_items]
    start = offset - (first_page - 1) * size
    return items[start : start + limit], pages[0][1]


async def get_all(context: GatewayContext, path: str, params: Params | None = None) -> list[Json]:
    """Every item of a list: page 1 at the largest size, then the rest concurrently."""
    items, total = await get_page(context, path, params, 1, MAX_PER_PAGE)
    last_page = -(-total // MAX_PER_PAGE)
    if last_page > 1:
        rest = await asyncio.gather(
            *(get_page(context, path, params, p, MAX_PER_PAGE) for p in range(2, last_page + 1))
        )
        items.extend(item for page_items, _ in rest for item in page_items)
    return items


def per_id_loader(
    context: GatewayContext,
    name: str,
    fetch_one: Callable[[Any], Awaitable[Any]],
) -> DataLoader:
    """The request's loader ``freshstore.<name>``: distinct keys fetched one by one,
    concurrently within the store's budget; a missing object loads as ``None``."""

    async def batch(keys: Sequence[Hashable]) -> list[Any]:
        concurrency = context.client(SOURCE).budget()
        return await fan_out(list(keys), fetch_one, concurrency=concurrency)

    return context.loader(f"{SOURCE.value}.{name}", batch)


def memo(context: GatewayContext, name: str, fetch: Callable[[], Awaitable[Any]]) -> Awaitable[Any]:
    """``fetch()`` at most once per request (a one-key loader)."""

    async def batch(keys: Sequence[Hashable]) -> list[Any]:
        value = await fetch()
        return [value for _ in keys]

    return context.loader(f"{SOURCE.value}.memo.{name}", batch).load(name)


def store_id(value: object) -> str | None:
    """A FreshStore id as the store writes it in paths (digits), or ``None``."""
    text = str(value).strip() if value is not None else ""
    return text if text.isdigit() else None
