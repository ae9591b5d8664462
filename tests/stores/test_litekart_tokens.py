"""Litekart's HS256 JWTs: round trip, tampering and expiry."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json

import pytest

from stores.litekart import tokens


def test_round_trip_is_a_standard_hs256_jwt() -> None:
    token = tokens.encode({"sub": "cus_0001", "exp": 200}, "secret")
    header, payload, signature = token.split(".")
    assert json.loads(base64.urlsafe_b64decode(header + "==")) == {"alg": "HS256", "typ": "JWT"}
    expected = hmac.new(b"secret", f"{header}.{payload}".encode(), hashlib.sha256).digest()
    assert base64.urlsafe_b64decode(signature + "=") == expected
    assert tokens.decode(token, "secret", now=100) == {"sub": "cus_0001", "exp": 200}


@pytest.mark.parametrize(
    ("token", "now", "message"),
    [
        (tokens.encode({"sub": "a", "exp": 200}, "other"), 100, "bad signature"),
        (tokens.encode({"sub": "a", "exp": 200}, "secret"), 200, "token expired"),
        (tokens.encode({"sub": "a"}, "secret"), 100, "token expired"),
        ("not-a-token", 100, "malformed token"),
    ],
)
def test_rejects_bad_tokens(token: str, now: float, message: str) -> None:
    with pytest.raises(tokens.TokenError, match=message):
        tokens.decode(token, "secret", now=now)
