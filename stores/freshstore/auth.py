"""API keys, their permissions, and the rate-limit budget.

A key holds scopes: ``full`` (read and write everything), the broad ``read`` and
``write`` (each on its own; write does not imply read), or per-resource
``<resource>:read`` / ``<resource>:write``. A request beyond the key's scopes gets
403 ``{"message": "This token does not have <read|write> access."}``; a key made
of per-resource scopes only is told the scope it lacks
(``"This token does not have offers:read access."``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Literal

from fastapi import Request
from starlette.datastructures import Headers
from starlette.types import Scope

from stores.common import RateLimitRule, StoreError, bearer_token

Action = Literal["read", "write"]

FULL_KEY = "fs_demo_full_key"
READ_KEY = "fs_demo_read_key"
WRITE_KEY = "fs_demo_write_key"
PRODUCTS_READ_KEY = "fs_demo_products_read_key"
CATALOG_READ_KEY = "fs_demo_catalog_read_key"

KEY_SCOPES: dict[str, frozenset[str]] = {
    FULL_KEY: frozenset({"full"}),
    READ_KEY: frozenset({"read"}),
    WRITE_KEY: frozenset({"write"}),
    PRODUCTS_READ_KEY: frozenset({"products:read"}),
    CATALOG_READ_KEY: frozenset({"products:read", "offers:read", "brands:read", "categories:read"}),
}

RATE_LIMIT = RateLimitRule("api", 60, 60.0)
"""All endpoints: 60 requests per minute, per key (per client address without one)."""


def credentials() -> dict[str, object]:
    return {
        "api_key": FULL_KEY,
        "keys": {
            "full": FULL_KEY,
            "read": READ_KEY,
            "write": WRITE_KEY,
            "products:read": PRODUCTS_READ_KEY,
            "catalog:read": CATALOG_READ_KEY,
        },
    }


def pick_rule(scope: Scope, headers: Headers) -> RateLimitRule | None:
    return RATE_LIMIT


def denial(scopes: frozenset[str], resource: str, action: Action) -> str | None:
    """The 403 message for a key lacking ``resource:action``, or ``None`` if allowed."""
    if "full" in scopes or action in scopes or f"{resource}:{action}" in scopes:
        return None
    if scopes & {"read", "write"}:
        return f"This token does not have {action} access."
    return f"This token does not have {resource}:{action} access."


def requires(resource: str, action: Action) -> Callable[[Request], Awaitable[None]]:
    """A route dependency: a known bearer key (401) whose scopes allow this (403)."""

    async def check(request: Request) -> None:
        token = bearer_token(request)
        scopes = KEY_SCOPES.get(token or "")
        if scopes is None:
            raise StoreError(401, "AUTHENTICATION_ERROR", "Unauthorized.")
        message = denial(scopes, resource, action)
        if message is not None:
            raise StoreError(403, "AUTHORIZATION_ERROR", message)

    return check
