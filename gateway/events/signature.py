"""The webhook signature: hex HMAC-SHA256 of the raw body under the shared secret.

Checked on the raw bytes before anything is parsed, in constant time
(:func:`hmac.compare_digest`). Header values are compared case-insensitively as
hex; anything that is not 64 hex digits is simply wrong.
"""

from __future__ import annotations

import hashlib
import hmac

SIGNATURE_HEADERS = {"litestore": "x-litestore-signature", "litekart": "x-litekart-signature"}
"""The header each store signs in (header names are case-insensitive)."""


def sign(secret: str, body: bytes) -> str:
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def is_valid(secret: str, body: bytes, signature: str | None) -> bool:
    """Whether ``signature`` is the body's HMAC under ``secret`` (constant time)."""
    if not signature:
        return False
    sent = signature.strip().lower().encode("ascii", "replace")
    return hmac.compare_digest(sent, sign(secret, body).encode())
