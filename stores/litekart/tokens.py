"""HS256 JSON Web Tokens for Litekart customers, built on hmac and base64url.

``encode(claims, secret)`` signs a compact JWT; ``decode(token, secret, now)``
verifies the header, the signature and ``exp`` and returns the claims, raising
``TokenError`` for anything a client should treat as "not authenticated".
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from typing import Any

HEADER = {"alg": "HS256", "typ": "JWT"}


class TokenError(Exception):
    """A token that is malformed, wrongly signed or expired."""


def _b64encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _b64decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _signature(signing_input: str, secret: str) -> str:
    digest = hmac.new(secret.encode(), signing_input.encode(), hashlib.sha256).digest()
    return _b64encode(digest)


def encode(claims: dict[str, Any], secret: str) -> str:
    """A signed compact JWT carrying ``claims``."""
    header = _b64encode(json.dumps(HEADER, separators=(",", ":")).encode())
    payload = _b64encode(json.dumps(claims, separators=(",", ":")).encode())
    signing_input = f"{header}.{payload}"
    return f"{signing_input}.{_signature(signing_input, secret)}"


def decode(token: str, secret: str, now: float) -> dict[str, Any]:
    """The claims of a valid, unexpired token; ``TokenError`` otherwise."""
    parts = token.split(".")
    if len(parts) != 3:
        raise TokenError("malformed token")
    header_b64, payload_b64, signature = parts
    if not hmac.compare_digest(signature, _signature(f"{header_b64}.{payload_b64}", secret)):
        raise TokenError("bad signature")
    try:
        header = json.loads(_b64decode(header_b64))
        claims = json.loads(_b64decode(payload_b64))
    except ValueError as exc:
        raise TokenError("malformed token") from exc
    if not isinstance(header, dict) or header.get("alg") != "HS256":
        raise TokenError("unsupported algorithm")
    if not isinstance(claims, dict):
        raise TokenError("malformed claims")
    exp = claims.get("exp")
    if not isinstance(exp, int | float) or now >= exp:
        raise TokenError("token expired")
    return claims
