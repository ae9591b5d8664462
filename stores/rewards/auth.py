"""Who is calling: the store's API token and the LiveLike end user.

- ``Authorization: Bearer <token>``: ``rw_demo_store_token`` (full access) or
  ``rw_demo_read_token`` (read-only: every GET, but ``POST /api/redeem`` is 403).
  A missing token on a protected endpoint and an unknown token anywhere (also
  on public endpoints, as Strapi does) are 401 UnauthorizedError "Missing or
  invalid credentials".
- ``livelike-user-token``: names the end user for orders, redeem and (when
  sent) refunds; missing or unknown → 401 UnauthorizedError.
"""

from __future__ import annotations

from starlette.requests import Request

from stores.common import StoreError, bearer_token
from stores.rewards.db import RewardsDB, User

FULL_TOKEN = "rw_demo_store_token"
READ_TOKEN = "rw_demo_read_token"
TOKENS = {FULL_TOKEN: "full-access", READ_TOKEN: "read-only"}
USER_HEADER = "livelike-user-token"


def unauthorized(message: str = "Missing or invalid credentials") -> StoreError:
    return StoreError(401, "AUTHENTICATION_ERROR", message)


def api_token_type(request: Request, *, required: bool) -> str | None:
    """``"full-access"``/``"read-only"`` for a valid token; ``None`` when absent
    and not ``required``; 401 otherwise."""
    if "authorization" not in request.headers:
        if required:
            raise unauthorized()
        return None
    token = bearer_token(request)
    if token is None or token not in TOKENS:
        raise unauthorized()
    return TOKENS[token]


def require_full_access(request: Request) -> None:
    """401 without a valid token, 403 ForbiddenError for a read-only one."""
    if api_token_type(request, required=True) != "full-access":
        raise StoreError(403, "AUTHORIZATION_ERROR", "Forbidden")


def end_user(request: Request, db: RewardsDB, *, required: bool = True) -> User | None:
    """The user a ``livelike-user-token`` names (401 when missing or unknown)."""
    token = request.headers.get(USER_HEADER)
    if token is None:
        if required:
            raise unauthorized(f"Missing {USER_HEADER} header")
        return None
    user = db.user_by_token(token.strip())
    if user is None:
        raise unauthorized(f"Invalid {USER_HEADER}")
    return user
