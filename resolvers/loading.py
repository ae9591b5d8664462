"""Per-id loading for stores without a multi-id endpoint.

``load_each`` fetches distinct ids concurrently, bounded by the store's current
budget; a missing object is ``None`` (a nullable field, not an error) and any
other failure is that key's error alone.
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
    results = await fan_out(ids, fetch_one, concurrency=context.client(source).budget())
    return [None if isinstance(result, NotFound) else result for result in results]
