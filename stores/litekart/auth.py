"""Who is calling: the admin API key or a customer JWT.

- ``Authorization: Bearer lk_demo_admin_key``: the admin, full access.
- ``Authorization: Bearer <JWT>`` from ``POST /api/auth/login``: one customer,
  who only sees and changes their own customer record, orders, carts and payments.

Missing, invalid or expired credentials answer ``401 AUTHENTICATION_ERROR``;
a customer reaching for someone else's data or an admin-only resource answers
``403 AUTHORIZATION_ERROR``. Rate limits: 1000 requests/hour per valid
credential, 100/hour per client address otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.types import Scope

from stores.common import RateLimitRule, SimState, StoreError
from stores.litekart import tokens
from stores.litekart.db import Database
from stores.litekart.errors import forbidden

ADMIN_API_KEY = "lk_demo_admin_key"
JWT_SECRET = "litekart-simulator-jwt-secret"
AUTHENTICATED_RULE = RateLimitRule("authenticated", 1000, 3600)
ANONYMOUS_RULE = RateLimitRule("unauthenticated", 100, 3600)


@dataclass(frozen=True)
class Principal:
    """The admin (``customer_id`` is ``None``) or one customer."""

    customer_id: str | None = None

    @property
    def is_admin(self) -> bool:
        return self.customer_id is None

    def require_admin(self) -> None:
        if not self.is_admin:
            raise forbidden("This resource requires the admin API key")

    def require_owner(self, customer_id: str | None) -> None:
        """403 unless the admin, or the customer who owns the resource."""
        if not self.is_admin and customer_id != self.customer_id:
            raise forbidden("You can only access your own resources")


def unauthenticated(message: str) -> StoreError:
    return StoreError(401, "AUTHENTICATION_ERROR", message, headers={"WWW-Authenticate": "Bearer"})


class Auth:
    """Resolves credentials against one app's database and token lifetime."""

    def __init__(self, db: Database, state: SimState) -> None:
        self.db = db
        self.state = state

    def issue(self, customer_id: str) -> tuple[str, int]:
        """A fresh JWT for ``customer_id`` and its lifetime in seconds."""
        now = int(self.state.clock())
        ttl = max(1, int(self.state.config.token_ttl_s))
        claims = {"sub": customer_id, "role": "customer", "iat": now, "exp": now + ttl}
        return tokens.encode(claims, JWT_SECRET), ttl

    def resolve(self, token: str) -> Principal:
        if token == ADMIN_API_KEY:
            return Principal()
        try:
            claims = tokens.decode(token, JWT_SECRET, self.state.clock())
        except tokens.TokenError as exc:
            raise unauthenticated(f"Invalid or expired token: {exc}") from exc
        subject = claims.get("sub")
        if not isinstance(subject, str) or subject not in self.db.customers:
            raise unauthenticated("Token subject no longer exists")
        return Principal(customer_id=subject)

    def is_valid(self, token: str) -> bool:
        try:
            self.resolve(token)
        except StoreError:
            return False
        return True

    # -- FastAPI dependencies ------------------------------------------------------
    def optional(self, request: Request) -> Principal | None:
        """The caller, or ``None`` without credentials (a bad credential is a 401)."""
        token = _bearer(request.headers)
        if token is None:
            if request.headers.get("authorization"):
                raise unauthenticated("Authorization must be 'Bearer <token>'")
            return None
        return self.resolve(token)

    def required(self, request: Request) -> Principal:
        principal = self.optional(request)
        if principal is None:
            raise unauthenticated("Authentication required")
        return principal

    def admin(self, request: Request) -> Principal:
        principal = self.required(request)
        principal.require_admin()
        return principal

    # -- rate limits ---------------------------------------------------------------
    def pick_rule(self, scope: Scope, headers: Headers) -> RateLimitRule:
        token = _bearer(headers)
        return AUTHENTICATED_RULE if token and self.is_valid(token) else ANONYMOUS_RULE


def _bearer(headers: Headers) -> str | None:
    scheme, _, token = headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def demo_credentials(auth: Auth) -> dict[str, Any]:
    """``GET /__sim/credentials``: the admin key and two customers' tokens."""
    users = []
    for customer_id in ("cus_0001", "cus_0002"):
        if customer_id in auth.db.customers:
            token, _ = auth.issue(customer_id)
            users.append(
                {
                    "id": customer_id,
                    "email": auth.db.customers[customer_id]["email"],
                    "password": "password123",
                    "token": token,
                }
            )
    return {"api_key": ADMIN_API_KEY, "keys": {"full": ADMIN_API_KEY}, "users": users}
