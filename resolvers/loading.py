"""Per-id loading for stores without a multi-id endpoint.

``load_each`` fetches distinct ids concurrently, at most the store's
``max_concurrency`` at a time; each call still takes its own permit from the store's
rate-limit budget (:mod:`gateway.ratelimit`), so a fan-out never spends more than the
budget holds — ids past it fail alone (``RATE_LIMITED``) or come from stale entries. A
missing object is ``None`` (a nullable field, not an error) and any other failure is
that key's error alone.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from gateway.batching import fan_out
from gateway.context import GatewayContext
from gateway.errors import NotFound
from gateway.sources import Source


async def load_each(
    context: GatewayContext,
    source: Source,
    ids: Sequence[Any],
    fetch_one: Callable[[Any], Awaitable[Any]],
) -> list[Any]:
    concurrency = context.settings.store(source).max_concurrency
    results = await fan_out(ids, fetch_one, concurrency=concurrency)
    return [None if isinstance(result, NotFound) else result for result in results]
