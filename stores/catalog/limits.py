"""Rate-limit budgets: 100 requests per minute, as the seed's "Standard limit".

API endpoints are counted per access token (callers without one, per address);
the two auth endpoints have their own budget of the same size, counted per
client address (or per bearer token, if a caller sends one there too).
"""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.types import Scope

from stores.common import RateLimitRule

API_RULE = RateLimitRule("api", 100, 60)
AUTH_RULE = RateLimitRule("auth", 100, 60)


def pick_rule(scope: Scope, headers: Headers) -> RateLimitRule | None:
    path: str = scope["path"]
    if path.startswith("/api/v1/auth/"):
        return AUTH_RULE
    if path.startswith("/api/"):
        return API_RULE
    return None
