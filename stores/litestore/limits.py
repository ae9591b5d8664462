"""Rate-limit budgets, per API key: 100 requests a minute for most endpoints and
a separate 10 a minute for the content-generation endpoints (``POST /api/ai/*``)."""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.types import Scope

from stores.common import RateLimitRule

DEFAULT_RULE = RateLimitRule("default", 100, 60.0)
GENERATION_RULE = RateLimitRule("content-generation", 10, 60.0)


def pick_rule(scope: Scope, headers: Headers) -> RateLimitRule | None:
    """The budget a request is charged to; paths outside ``/api`` are free."""
    path: str = scope["path"]
    if not path.startswith("/api/"):
        return None
    if scope["method"] == "POST" and path.startswith("/api/ai/"):
        return GENERATION_RULE
    return DEFAULT_RULE
