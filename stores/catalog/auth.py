"""Request authentication: the ``Authorization: Bearer <access_token>`` dependency.

Checked before anything else about a request (body, query, path), so a caller
without a valid token learns only that: missing or unknown token → 401
``unauthorized``; expired token → 401 ``token_expired``; a read-only client
calling a write endpoint → 403 ``forbidden``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from stores.catalog.errors import fail
from stores.catalog.tokens import Grant, TokenStore

bearer_scheme = HTTPBearer(auto_error=False, description="Access token from /api/v1/auth/token")


def require(
    tokens: TokenStore, scope: str
) -> Callable[[HTTPAuthorizationCredentials | None], Awaitable[Grant]]:
    """A dependency admitting callers whose live token's client has ``scope``."""

    async def dependency(
        credentials: HTTPAuthorizationCredentials | None = Depends(bearer_scheme),
    ) -> Grant:
        if credentials is None:
            raise fail("unauthorized", "Missing Authorization header: use 'Bearer <access_token>'")
        grant = tokens.verify(credentials.credentials)
        if scope not in grant.client.scopes:
            raise fail(
                "forbidden",
                f"Client '{grant.client.client_id}' does not have the '{scope}' permission",
            )
        return grant

    return dependency
