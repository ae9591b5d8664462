"""OAuth client-credentials tokens: the demo clients, issue, refresh, verify.

Tokens are opaque random strings; their expiry lives here, server-side, measured
on ``SimState.clock`` (injectable, so tests expire tokens without sleeping).
Access tokens live ``state.config.token_ttl_s`` seconds (read when issued);
refresh tokens live 30 days and rotate: using one revokes it and issues a new
pair. Access tokens issued before a refresh stay valid until they expire.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass

from stores.catalog.errors import fail
from stores.common import SimState

REFRESH_TTL_S = 30 * 24 * 3600
EXPIRED_MEMORY_S = 24 * 3600  # how long an expired access token still answers token_expired


@dataclass(frozen=True)
class Client:
    """A registered API client and what it may do (``read``, ``write``)."""

    client_id: str
    client_secret: str
    scopes: frozenset[str]


CLIENTS: dict[str, Client] = {
    c.client_id: c
    for c in (
        Client("catalog_demo_client", "catalog_demo_secret", frozenset({"read", "write"})),
        Client("catalog_demo_reader", "catalog_demo_reader_secret", frozenset({"read"})),
    )
}


@dataclass(frozen=True)
class Grant:
    """One issued token and whose it is."""

    client: Client
    expires_at: float


class TokenStore:
    """Issued access and refresh tokens of one app."""

    def __init__(self, state: SimState) -> None:
        self.state = state
        self.access: dict[str, Grant] = {}
        self.refresh: dict[str, Grant] = {}

    def client(self, client_id: str, client_secret: str) -> Client:
        """The client with these credentials, or 401 ``unauthorized``."""
        client = CLIENTS.get(client_id)
        if client is None or not hmac.compare_digest(client.client_secret, client_secret):
            raise fail("unauthorized", "Invalid client_id or client_secret")
        return client

    def issue(self, client: Client) -> dict[str, object]:
        """A fresh access/refresh pair for ``client`` as the documented ``data``."""
        now = self.state.clock()
        self._forget_old(now)
        ttl = float(self.state.config.token_ttl_s)
        access_token = "cat_at_" + secrets.token_urlsafe(32)
        refresh_token = "cat_rt_" + secrets.token_urlsafe(32)
        self.access[access_token] = Grant(client, now + ttl)
        self.refresh[refresh_token] = Grant(client, now + REFRESH_TTL_S)
        return {
            "access_token": access_token,
            "refresh_token": refresh_token,
            "token_type": "Bearer",
            "expires_in": int(ttl) if ttl.is_integer() else ttl,
        }

    def rotate(self, refresh_token: str) -> dict[str, object]:
        """Spend ``refresh_token`` for a new pair (401 when unknown, used or expired)."""
        grant = self.refresh.pop(refresh_token, None)
        if grant is None:
            raise fail("unauthorized", "The refresh token is invalid or has already been used")
        if self.state.clock() >= grant.expires_at:
            raise fail("token_expired", "The refresh token has expired; request a new token")
        return self.issue(grant.client)

    def verify(self, access_token: str) -> Grant:
        """The grant of a live access token (401 ``unauthorized``/``token_expired``)."""
        grant = self.access.get(access_token)
        if grant is None:
            raise fail("unauthorized", "The provided API key is invalid or expired")
        if self.state.clock() >= grant.expires_at:
            raise fail(
                "token_expired",
                "The access token has expired; use POST /api/v1/auth/refresh for a new one",
            )
        return grant

    def _forget_old(self, now: float) -> None:
        self.access = {
            t: g for t, g in self.access.items() if g.expires_at + EXPIRED_MEMORY_S > now
        }
        self.refresh = {t: g for t, g in self.refresh.items() if g.expires_at > now}
