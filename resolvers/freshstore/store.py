"""FreshStore's store-wide reads: status, info, stats, warnings, locales, settings and
AI token usage (each one call, cached)."""

from __future__ import annotations

import re
from typing import Any

from gateway.context import GatewayContext
from gateway.paths import SLUG, upstream_path
from resolvers.freshstore.fetch import SOURCE, Json, get_data, get_data_or_none

SECRET_SETTING = re.compile(r"(api_key|secret|token|password)$")
"""Settings holding third-party credentials (stock-photo API keys...): never shown."""
MASK = "***"


def mask_secrets(values: dict[str, Any]) -> dict[str, Any]:
    """``values`` with every set third-party credential replaced by ``***``."""
    return {k: MASK if SECRET_SETTING.search(k) and v else v for k, v in values.items()}


async def status(context: GatewayContext) -> Json:
    """``GET /api/store/status`` — public: it answers without the key."""
    return dict(await get_data(context, "/api/store/status") or {})


async def info(context: GatewayContext) -> Json:
    return dict(await get_data(context, "/api/store/info") or {})


async def stats(context: GatewayContext) -> Json:
    return dict(await get_data(context, "/api/store/stats") or {})


async def data_stats(context: GatewayContext) -> Json:
    """The same counts from the seed's alias ``GET /api/data/stats``."""
    return dict(await get_data(context, "/api/data/stats") or {})


async def warnings(context: GatewayContext) -> list[Json]:
    return list(await get_data(context, "/api/store/warnings") or [])


async def locales(context: GatewayContext) -> dict[str, Json]:
    return dict(await get_data(context, "/api/store/locales") or {})


async def settings(context: GatewayContext, group: str | None) -> dict[str, Any] | None:
    """All settings (flat ``{group}_{key}``) or one group's (prefix stripped);
    ``None`` for a group the store does not know. Third-party credentials are masked."""
    if group is None:
        return mask_secrets(dict(await get_data(context, "/api/settings") or {}))
    data = await get_data_or_none(
        context, upstream_path(SOURCE, "/api/settings/{}", group, id_format=SLUG)
    )
    return None if data is None else mask_secrets(dict(data))


async def ai_token_usage(context: GatewayContext) -> Json:
    return dict(await get_data(context, "/api/data/openai-tokens") or {})
