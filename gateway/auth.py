"""How the gateway authenticates to each store.

Every auth object follows the :class:`Auth` protocol: ``headers(client)`` gives the
headers for the next request, ``on_unauthorized(client, response)`` reacts to a ``401``
(``True``: credentials were renewed, retry the request once), and ``fingerprint()`` names
the credential for cache keys and rate-limit budgets without revealing it.

- :class:`NoAuth` — nothing (embedded stores in tests, public endpoints).
- :class:`BearerAuth` — ``Authorization: Bearer <api key>`` (Litestore, Litekart,
  FreshStore, Rewards).
- :class:`OAuthClientCredentials` — the Catalog seed's flow: ``POST /api/v1/auth/token``
  with the client credentials, the access token as a bearer, ``POST /api/v1/auth/refresh``
  with the refresh token shortly before it expires (``min(REFRESH_MARGIN_S,
  REFRESH_MARGIN_FRACTION * lifetime)`` early) and once on ``401 token_expired``; when
  a refresh fails, a new client-credentials grant. One lock makes 50 concurrent first
  calls share one token fetch.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

import httpx

from gateway.cache import fingerprint as _fingerprint
from gateway.errors import GatewayError, UpstreamError, UpstreamUnavailable, error_for_status
from gateway.sources import Source

TOKEN_PATH = "/api/v1/auth/token"
REFRESH_PATH = "/api/v1/auth/refresh"
REFRESH_MARGIN_S = 60.0
REFRESH_MARGIN_FRACTION = 0.10
DEFAULT_TOKEN_LIFETIME_S = 3600.0
"""Used when a token response has no ``expires_in``."""
TOKEN_EXPIRED_CODE = "token_expired"


@runtime_checkable
class Auth(Protocol):
    async def headers(self, client: httpx.AsyncClient) -> dict[str, str]: ...

    async def on_unauthorized(
        self, client: httpx.AsyncClient, response: httpx.Response
    ) -> bool: ...

    def fingerprint(self) -> str: ...


class NoAuth:
    """No credentials at all."""

    async def headers(self, client: httpx.AsyncClient) -> dict[str, str]:
        return {}

    async def on_unauthorized(self, client: httpx.AsyncClient, response: httpx.Response) -> bool:
        return False

    def fingerprint(self) -> str:
        return "anonymous"

    def __repr__(self) -> str:
        return "NoAuth()"


class BearerAuth:
    """A static API key sent as ``Authorization: Bearer``."""

    def __init__(self, api_key: str) -> None:
        if not api_key:
            raise ValueError("api_key must not be empty")
        self._api_key = api_key
        self._fingerprint = _fingerprint("bearer", api_key)

    async def headers(self, client: httpx.AsyncClient) -> dict[str, str]:
        return {"Authorization": f"Bearer {self._api_key}"}

    async def on_unauthorized(self, client: httpx.AsyncClient, response: httpx.Response) -> bool:
        return False

    def fingerprint(self) -> str:
        return self._fingerprint

    def __repr__(self) -> str:
        return f"BearerAuth(fingerprint={self._fingerprint!r})"


@dataclass
class _Token:
    access: str
    refresh: str | None
    expires_at: float
    lifetime: float

    def refresh_at(self) -> float:
        margin = min(REFRESH_MARGIN_S, REFRESH_MARGIN_FRACTION * self.lifetime)
        return self.expires_at - margin


class OAuthClientCredentials:
    """Catalog's OAuth client-credentials flow with refresh tokens."""

    def __init__(
        self,
        client_id: str,
        client_secret: str,
        *,
        token_path: str = TOKEN_PATH,
        refresh_path: str = REFRESH_PATH,
        clock: Callable[[], float] = time.monotonic,
        source: Source = Source.CATALOG,
    ) -> None:
        if not client_id or not client_secret:
            raise ValueError("client_id and client_secret must not be empty")
        self._client_id = client_id
        self._client_secret = client_secret
        self.token_path = token_path
        self.refresh_path = refresh_path
        self.clock = clock
        self.source = source
        self._token: _Token | None = None
        self._lock = asyncio.Lock()
        self._fingerprint = _fingerprint("oauth", client_id, client_secret)

    def fingerprint(self) -> str:
        return self._fingerprint

    def __repr__(self) -> str:
        return f"OAuthClientCredentials(fingerprint={self._fingerprint!r})"

    async def headers(self, client: httpx.AsyncClient) -> dict[str, str]:
        token = self._token
        if token is None or self.clock() >= token.refresh_at():
            async with self._lock:
                token = self._token
                if token is None:
                    token = await self._grant(client)
                elif self.clock() >= token.refresh_at():
                    token = await self._refresh_or_grant(client, token)
        return {"Authorization": f"Bearer {token.access}"}

    async def on_unauthorized(self, client: httpx.AsyncClient, response: httpx.Response) -> bool:
        """Renew the token after a ``401``; ``True`` when the request should be retried."""
        try:
            sent = response.request.headers.get("authorization", "")
        except RuntimeError:  # a response built without its request
            sent = ""
        expired = _error_code(response) == TOKEN_EXPIRED_CODE
        async with self._lock:
            current = self._token
            if current is not None and sent != f"Bearer {current.access}":
                return True  # another caller renewed it meanwhile
            if expired and current is not None:
                await self._refresh_or_grant(client, current)
            else:
                await self._grant(client)
        return True

    async def _refresh_or_grant(self, client: httpx.AsyncClient, token: _Token) -> _Token:
        if token.refresh:
            try:
                body = {"refresh_token": token.refresh, "grant_type": "refresh_token"}
                fresh = await self._fetch(client, self.refresh_path, body)
            except GatewayError:
                pass
            else:
                return fresh
        return await self._grant(client)

    async def _grant(self, client: httpx.AsyncClient) -> _Token:
        body = {
            "client_id": self._client_id,
            "client_secret": self._client_secret,
            "grant_type": "client_credentials",
        }
        token = await self._fetch(client, self.token_path, body)
        return token

    async def _fetch(self, client: httpx.AsyncClient, path: str, body: dict[str, str]) -> _Token:
        try:
            response = await client.post(path, json=body)
        except httpx.TransportError:
            raise UpstreamUnavailable(
                "Could not reach the token endpoint", source=self.source
            ) from None
        if response.status_code >= 400:
            raise error_for_status(self.source, response.status_code, "Token request was refused")
        try:
            payload: Any = response.json()
            data = payload.get("data", payload) if isinstance(payload, dict) else {}
            access = str(data["access_token"])
            lifetime = float(data.get("expires_in") or DEFAULT_TOKEN_LIFETIME_S)
            refresh = data.get("refresh_token")
        except (ValueError, KeyError, TypeError, AttributeError):
            raise UpstreamError("Token response was not understood", source=self.source) from None
        token = _Token(access, refresh, self.clock() + lifetime, lifetime)
        self._token = token
        return token


def _error_code(response: httpx.Response) -> str | None:
    """The store's error code (``{"error": {"code": ...}}`` or ``{"code": ...}``)."""
    try:
        body = response.json()
    except ValueError:
        return None
    if not isinstance(body, dict):
        return None
    error = body.get("error")
    if isinstance(error, dict):
        code = error.get("code")
    else:
        code = body.get("code") or (error if isinstance(error, str) else None)
    return str(code) if code is not None else None


def auth_from_settings(source: Source, store: Any) -> Auth:
    """The auth a store's settings call for: OAuth with client credentials, a bearer key
    with ``api_key``, else none."""
    if store.client_id and store.client_secret:
        return OAuthClientCredentials(store.client_id, store.client_secret, source=source)
    if store.api_key:
        return BearerAuth(store.api_key)
    return NoAuth()
