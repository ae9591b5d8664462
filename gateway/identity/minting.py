"""Minting development operator tokens (``storegraph token --role admin --ttl 1h``).

:func:`mint_operator_token` signs an HS256 gateway JWT with the configured (or the
embedded default's printed) secret; :func:`parse_ttl` reads ``90``, ``90s``, ``15m``,
``1h`` or ``7d``. Only for the shared-secret setup: a real issuer (JWKS) mints its own.
"""

from __future__ import annotations

import re
import secrets
import time
import uuid
from collections.abc import Iterable

import jwt

from gateway.identity.operator_tokens import DEFAULT_AUDIENCE, DEFAULT_ISSUER
from gateway.identity.roles import Role

DEFAULT_TTL_S = 3600
MAX_TTL_S = 30 * 24 * 3600
GENERATED_SECRET_BYTES = 32
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def generate_secret() -> str:
    """A fresh random HS256 secret (the embedded default's, when none is configured)."""
    return secrets.token_urlsafe(GENERATED_SECRET_BYTES)


def parse_ttl(text: str) -> int:
    """Seconds in ``text`` (``90``, ``90s``, ``15m``, ``1h``, ``7d``); ``ValueError`` else."""
    match = re.fullmatch(r"\s*(\d+)\s*([smhd]?)\s*", text.lower())
    if not match:
        raise ValueError(f"{text!r} is not a duration like 90s, 15m, 1h or 7d")
    seconds = int(match.group(1)) * _UNITS[match.group(2)]
    if not 0 < seconds <= MAX_TTL_S:
        raise ValueError(f"a token lives between 1 s and {MAX_TTL_S // 86400} days")
    return seconds


def mint_operator_token(
    secret: str,
    roles: Iterable[Role],
    *,
    ttl_s: int = DEFAULT_TTL_S,
    subject: str = "dev-operator",
    creator_id: str | None = None,
    issuer: str = DEFAULT_ISSUER,
    audience: str = DEFAULT_AUDIENCE,
    now: float | None = None,
) -> str:
    """An HS256 operator JWT for ``roles`` that lives ``ttl_s`` seconds."""
    issued = int(time.time() if now is None else now)
    claims: dict[str, object] = {
        "iss": issuer,
        "aud": audience,
        "sub": subject,
        "iat": issued,
        "exp": issued + ttl_s,
        "jti": uuid.uuid4().hex,
        "roles": sorted(str(role) for role in roles),
    }
    if creator_id:
        claims["creator_id"] = creator_id
    return jwt.encode(claims, secret, algorithm="HS256")
