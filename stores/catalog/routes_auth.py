"""``POST /api/v1/auth/token`` and ``POST /api/v1/auth/refresh``."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import JSONResponse

from stores.catalog.envelope import success
from stores.catalog.models import RefreshRequest, TokenRequest, openapi_body, parse_body
from stores.catalog.tokens import TokenStore


def auth_router(tokens: TokenStore) -> APIRouter:
    router = APIRouter(prefix="/api/v1/auth", tags=["auth"])

    @router.post("/token", openapi_extra=openapi_body(TokenRequest))
    async def issue_token(request: Request) -> JSONResponse:
        """Client credentials grant: a new access and refresh token."""
        body = await parse_body(request, TokenRequest)
        client = tokens.client(body.client_id, body.client_secret)
        return success(tokens.issue(client))

    @router.post("/refresh", openapi_extra=openapi_body(RefreshRequest))
    async def refresh_token(request: Request) -> JSONResponse:
        """Refresh grant: spends the refresh token for a new pair."""
        body = await parse_body(request, RefreshRequest)
        return success(tokens.rotate(body.refresh_token))

    return router
