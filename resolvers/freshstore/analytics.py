"""FreshStore's analytics: period summaries and paginated record lists."""

from __future__ import annotations

from typing import Any

from aiodataloader import DataLoader

from gateway.context import GatewayContext
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

LISTS = ("visits", "visitors", "pages", "countries", "devices", "sources", "clicks", "checkouts")
SUMMARIES = ("visits", "clicks", "checkouts")
LIST_PATHS = {name: f"/api/analytics/{name}" for name in (*LISTS, "actions")}


def visitor_loader(context: GatewayContext) -> DataLoader:
    async def one(visitor_id: str) -> Json | None:
        return await get_data_or_none(
            context, upstream_path(SOURCE, "/api/analytics/visitors/{}", visitor_id)
        )

    return per_id_loader(context, "visitors", one)


async def summary(context: GatewayContext, name: str, period: str, length: int) -> Any:
    """``GET /api/analytics/{visits|clicks|checkouts}/summary``."""
    if name not in SUMMARIES:
        raise ValueError(f"unknown summary {name!r}")
    return await get_data(
        context, f"/api/analytics/{name}/summary", {"period": period, "length": length}
    )


async def records(
    context: GatewayContext, name: str, params: Params, offset: int, limit: int
) -> tuple[list[Json], int]:
    """A window of one of the analytics lists (visitors prime the visitor loader)."""
    items, total = await get_window(context, LIST_PATHS[name], params, offset, limit)
    if name == "visitors":
        loader = visitor_loader(context)
        for item in items:
            loader.prime(str(item["id"]), item)
    return items, total


async def visitor(context: GatewayContext, visitor_id: object) -> Json | None:
    sid = store_id(visitor_id)
    return None if sid is None else await visitor_loader(context).load(sid)
