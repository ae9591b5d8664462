"""``RequestLogMiddleware``: one structured log line per HTTP request.

Just inside the edge's request scope (:func:`gateway.http.install`), so it times the
whole request — CORS and CSRF refusals included — and binds the request's id to every
line logged while the request is served (``structlog.contextvars``: an upstream retry
or failure line carries ``request_id`` too). Once the response is sent it logs
``event="request"`` with

- ``request_id`` and the upstream usage — per store the HTTP calls sent (retries
  included), the reads the gateway's cache answered, writes and failures — from the
  edge's request scope (``scope["state"]``: ``request_id``, and ``usage``, the one
  :class:`~gateway.usage.UpstreamUsage`), never a record of its own;
- ``method``, ``route`` (the matched route's template, ``unmatched`` otherwise — never
  the raw path or query, which a caller chooses), ``status``, ``duration_ms``;
- from :mod:`gateway.telemetry.operation`: ``operation`` (the bounded name; a list for a
  batch), ``identity`` (the caller's class), ``errors`` (count by ``extensions.code``),
  ``response_cache`` (operations the whole-response cache answered or missed:
  ``{"hit": 1}``; absent when it was not asked).

Probes and scrapes (``/healthz``, ``/readyz``, ``/metrics``) are not logged. The line is
at ``info``, or ``warning`` for a 5xx.
"""

from __future__ import annotations

import time
from collections import Counter
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send
from structlog.contextvars import bound_contextvars

from gateway.telemetry.logs import get_logger
from gateway.usage import UpstreamUsage

OPERATIONS_KEY = "operations"
"""``scope["state"][OPERATIONS_KEY]``: the summaries of the request's GraphQL operations."""
QUIET_PATHS = frozenset({"/healthz", "/readyz", "/metrics"})

_log = get_logger("storegraph.request")


class RequestLogMiddleware:
    """Logs one line per HTTP request (see the module docstring)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("path") in QUIET_PATHS:
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        state = scope.setdefault("state", {})
        state[OPERATIONS_KEY] = []
        status = 500  # unless a response starts

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            with bound_contextvars(request_id=state.get("request_id")):
                await self.app(scope, receive, sending)
        finally:
            _log_request(scope, state, status, time.perf_counter() - started)


def _log_request(scope: Scope, state: dict[str, Any], status: int, seconds: float) -> None:
    route = _route_of(scope)
    summaries = state.get(OPERATIONS_KEY) or []
    fields: dict[str, Any] = {
        "request_id": state.get("request_id"),
        "method": scope.get("method"),
        "route": route,
        "status": status,
        "duration_ms": round(seconds * 1000, 2),
    }
    if summaries:
        names = [s.name for s in summaries]
        fields["operation"] = names[0] if len(names) == 1 else names
        fields["identity"] = summaries[0].identity
        errors = Counter(code for s in summaries for code in s.codes)
        fields["errors"] = dict(errors)
        cached = Counter(s.response_cache for s in summaries if s.response_cache is not None)
        if cached:
            fields["response_cache"] = dict(cached)
    usage = state.get("usage")
    if isinstance(usage, UpstreamUsage) and usage.touched:
        fields["upstream"] = usage.by_store()
    (_log.warning if status >= 500 else _log.info)("request", **fields)


def _route_of(scope: Scope) -> str:
    """The matched route's template; a route without parameters is its path (an
    included router's routes have no template of their own); else ``unmatched``."""
    route = scope.get("route")
    if route is None:
        return "unmatched"
    template = getattr(route, "path_format", None)
    if template:
        return str(template)
    return str(scope.get("path")) if not scope.get("path_params") else "matched"
