"""Bearer-key authentication and the read/write permission split.

Every ``/api`` endpoint requires ``Authorization: Bearer <key>``. Missing or
unknown keys answer 401 ``AUTHENTICATION_ERROR``. The read-only key may call
every GET and the three AI helpers (they change no data); endpoints that create,
change or delete data answer 403 ``AUTHORIZATION_ERROR`` to it.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request

from stores.common import StoreError, bearer_token

FULL_KEY = "ls_demo_full_key"
READ_KEY = "ls_demo_read_key"


@dataclass(frozen=True)
class ApiKey:
    """A demo API key and what it may do."""

    key: str
    can_write: bool
    actor: str  # who moderation and writes are attributed to


KEYS: dict[str, ApiKey] = {
    FULL_KEY: ApiKey(FULL_KEY, can_write=True, actor="admin-001"),
    READ_KEY: ApiKey(READ_KEY, can_write=False, actor="reader-001"),
}


def require_key(request: Request) -> ApiKey:
    """The caller's key; 401 when missing or unknown."""
    token = bearer_token(request)
    if token is None:
        raise StoreError(
            401,
            "AUTHENTICATION_ERROR",
            "Missing API key",
            {"header": "Authorization", "issue": "expected 'Bearer <api-key>'"},
        )
    key = KEYS.get(token)
    if key is None:
        raise StoreError(
            401, "AUTHENTICATION_ERROR", "Invalid API key", {"header": "Authorization"}
        )
    return key


def require_writer(request: Request) -> ApiKey:
    """The caller's key, which must be allowed to write; 403 otherwise."""
    key = require_key(request)
    if not key.can_write:
        raise StoreError(
            403,
            "AUTHORIZATION_ERROR",
            "This API key is read-only",
            {"required": "write", "granted": "read"},
        )
    return key


def credentials() -> dict[str, object]:
    """The demo credentials, for ``GET /__sim/credentials``."""
    return {"api_key": FULL_KEY, "keys": {"full": FULL_KEY, "read": READ_KEY}}
