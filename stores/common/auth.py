"""Credential extraction helpers shared by the stores."""

from __future__ import annotations

from starlette.requests import HTTPConnection


def bearer_token(request: HTTPConnection) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header, or ``None``."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def credential_of(headers: dict[str, str] | object, client_host: str | None) -> str:
    """The identity a rate-limit window is counted against: the bearer token if
    one is sent, else the caller's address (``anon:<host>``)."""
    raw = ""
    get = getattr(headers, "get", None)
    if get is not None:
        raw = get("authorization", "") or ""
    scheme, _, token = raw.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return "key:" + token.strip()
    return f"anon:{client_host or 'unknown'}"
