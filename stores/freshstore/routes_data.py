"""``/api/data``: AI token usage and the content-counts alias of ``/api/store/stats``."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends

from stores.freshstore.auth import requires
from stores.freshstore.db import AI_TOKENS_LIMIT, FreshDB
from stores.freshstore.routes_store import store_stats

TOKENS_RESET_AT = "2026-04-01"


def build_router(db: FreshDB) -> APIRouter:
    router = APIRouter(prefix="/api/data", tags=["data"])
    read = [Depends(requires("data", "read"))]

    @router.get("/openai-tokens", dependencies=read, summary="AI token usage")
    async def openai_tokens() -> dict[str, Any]:
        used = db.ai_tokens_used
        return {
            "data": {
                "tokens_used": used,
                "tokens_limit": AI_TOKENS_LIMIT,
                "tokens_remaining": max(0, AI_TOKENS_LIMIT - used),
                "resets_at": TOKENS_RESET_AT,
            }
        }

    @router.get("/stats", dependencies=read, summary="Content counts (alias)")
    async def stats() -> dict[str, Any]:
        return {"data": store_stats(db)}

    return router
