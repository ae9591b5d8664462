"""Rate limits: one budget of 300 requests per 60 s per credential (the bearer
token, else the client's address) for every endpoint; overridable through
``PUT /__sim/config {"rate_limit": {"limit", "window_s"}}``."""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.types import Scope

from stores.common import RateLimitRule

DEFAULT_LIMIT = 300
DEFAULT_WINDOW_S = 60.0
DEFAULT_RULE = RateLimitRule("default", DEFAULT_LIMIT, DEFAULT_WINDOW_S)


def pick_rule(scope: Scope, headers: Headers) -> RateLimitRule | None:
    """Every store request is charged to the default budget."""
    return DEFAULT_RULE
