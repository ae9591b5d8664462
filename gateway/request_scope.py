"""What one incoming request hands down to every upstream call it causes.

The upstream clients are shared by all requests, so the request's id and its record of
upstream usage (:class:`~gateway.usage.UpstreamUsage`) travel in context variables: the edge's
request-scope middleware (:mod:`gateway.http.request_scope`) sets them around each
request, asyncio copies them into every task the request starts (DataLoader batches,
coalesced calls), and :mod:`gateway.upstream` reads them — it sends the id as
``x-request-id`` on each call and records each read and write in the usage.

Outside a request (a unit test calling a client directly, a background job) both are
``None`` and nothing is sent or recorded.
"""

from __future__ import annotations

import re
import secrets
from contextvars import ContextVar, Token

from gateway import usage as upstream_usage
from gateway.usage import UpstreamUsage

REQUEST_ID_HEADER = "x-request-id"
STATUS_KEY = "response_status"
"""``scope["state"][STATUS_KEY]``: the status of the response the request got, once it
started (set by the edge's request scope, read by the request log line)."""
REQUEST_ID_PATTERN = re.compile(r"[A-Za-z0-9._:\-]{1,128}")
"""A caller's ``x-request-id`` is kept when it matches this (no spaces or control
characters, so it is safe in a log line and a header); otherwise a new one is made."""

_request_id: ContextVar[str | None] = ContextVar("storegraph_request_id", default=None)


def accept_request_id(sent: str | None) -> str:
    """The caller's request id when it is well-formed, else a new one (32 hex digits)."""
    if sent and REQUEST_ID_PATTERN.fullmatch(sent):
        return sent
    return secrets.token_hex(16)  # random like uuid4().hex, at a third of its cost


def current_request_id() -> str | None:
    """The id of the request being served (``None`` outside a request)."""
    return _request_id.get()


ScopeTokens = tuple[Token[str | None], Token[UpstreamUsage | None]]


def enter(request_id: str, usage: UpstreamUsage) -> ScopeTokens:
    """Make ``request_id`` and ``usage`` the current request's (the record is then
    :func:`gateway.usage.current`); :func:`leave` undoes it."""
    return _request_id.set(request_id), upstream_usage.enter(usage)


def leave(tokens: ScopeTokens) -> None:
    id_token, usage_token = tokens
    upstream_usage.leave(usage_token)
    _request_id.reset(id_token)
