"""The ``/__sim/`` control API (not part of any documented store API).

- ``GET /__sim/stats`` → ``{"total": N, "routes": {"GET /api/products/{id}": N}}``
- ``POST /__sim/reset`` → zero counters and rate-limit windows; ``?data=true`` re-seeds
- ``GET``/``PUT /__sim/config`` → latency, jitter, error rate, next-N failures,
  rate-limit override, token lifetime, webhook subscriptions
- ``GET /__sim/credentials`` → the demo credentials of this store
- ``GET /__sim/webhooks`` → the webhook deliveries attempted so far
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field

from stores.common.state import SimState
from stores.common.webhooks import WebhookDispatcher


class FailNext(BaseModel):
    model_config = ConfigDict(extra="forbid")
    count: int = Field(0, ge=0)
    status: int = Field(503, ge=400, le=599)


class RateLimitOverride(BaseModel):
    model_config = ConfigDict(extra="forbid")
    limit: int = Field(..., ge=0)
    window_s: float = Field(..., gt=0)


class WebhookSubscription(BaseModel):
    model_config = ConfigDict(extra="forbid")
    url: str
    secret: str
    events: list[str] | None = None  # None: every event


class ConfigPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")
    latency_ms: float | None = Field(None, ge=0)
    jitter_ms: float | None = Field(None, ge=0)
    error_rate: float | None = Field(None, ge=0, le=1)
    fail_next: FailNext | None = None
    rate_limit: RateLimitOverride | None = None
    token_ttl_s: float | None = Field(None, gt=0)
    webhooks: list[WebhookSubscription] | None = None


def control_router(
    state: SimState,
    *,
    credentials: Callable[[], dict[str, Any]],
    reseed: Callable[[], None],
    webhooks: WebhookDispatcher | None,
) -> APIRouter:
    """The control API bound to one store's state."""
    router = APIRouter(prefix="/__sim", include_in_schema=False)

    @router.get("/stats")
    async def stats() -> dict[str, Any]:
        return state.stats()

    @router.post("/reset")
    async def reset(data: bool = Query(False)) -> dict[str, Any]:
        state.reset()
        if data:
            reseed()
        if webhooks is not None:
            webhooks.deliveries.clear()
        return {"reset": True, "data": data}

    @router.get("/config")
    async def get_config() -> dict[str, Any]:
        return state.config.as_dict()

    @router.put("/config")
    async def put_config(patch: ConfigPatch) -> dict[str, Any]:
        state.update_config(patch.model_dump(exclude_unset=True))
        return state.config.as_dict()

    @router.get("/credentials")
    async def get_credentials() -> dict[str, Any]:
        return credentials()

    @router.get("/webhooks")
    async def get_webhooks() -> dict[str, Any]:
        return {"deliveries": list(webhooks.deliveries) if webhooks else []}

    return router
