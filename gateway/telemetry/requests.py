"""``RequestLogMiddleware``: one structured log line per HTTP request.

Just inside the edge's request scope (:func:`gateway.http.install`), so it times the
whole request — CORS and CSRF refusals included. (Every line logged while the request
is served carries its id: :mod:`gateway.telemetry.logs` reads it from
:mod:`gateway.request_scope`.) Once the response is sent it logs ``event="request"``
with

- ``request_id`` and the upstream usage — per store the HTTP calls sent (retries
  included), the reads the gateway's cache answered, writes and failures — from the
  edge's request scope (``scope["state"]``: ``request_id``, and ``usage``, the one
  :class:`~gateway.usage.UpstreamUsage`), never a record of its own;
- ``method``, ``route`` (the matched route's template, ``unmatched`` otherwise — never
  the raw path or query, which a caller chooses), ``status`` (as the request scope saw
  the response start: this middleware wraps no message), ``duration_ms``;
- from :mod:`gateway.telemetry.operation`: ``operation`` (the bounded name; a list for a
  batch), ``identity`` (the caller's class), ``errors`` (count by ``extensions.code``),
  ``response_cache`` (operations the whole-response cache answered or missed:
  ``{"hit": 1}``; absent when it was not asked).

Probes and scrapes (``/healthz``, ``/readyz``, ``/metrics``) are not logged. The line is
at ``info``, or ``warning`` for a 5xx.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import Any

from starlette.types import ASGIApp, Receive, Scope, Send

from gateway.request_scope import STATUS_KEY
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
        try:
            await self.app(scope, receive, send)
        finally:
            _log_request(scope, state, time.perf_counter() - started)


def _log_request(scope: Scope, state: dict[str, Any], seconds: float) -> None:
    status = state.get(STATUS_KEY, 500)  # 500 unless a response started
    summaries = state.get(OPERATIONS_KEY) or []
    fields: dict[str, Any] = {
        "request_id": state.get("request_id"),
        "method": scope.get("method"),
        "route": _route_of(scope),
        "status": status,
        "duration_ms": round(seconds * 1000, 2),
    }
    if summaries:
        names = [s.name for s in summaries]
        fields["operation"] = names[0] if len(names) == 1 else names
        fields["identity"] = summaries[0].identity
        fields["errors"] = _counts(code for s in summaries for code in s.codes)
        cached = _counts(s.response_cache for s in summaries if s.response_cache is not None)
        if cached:
            fields["response_cache"] = cached
    usage = state.get("usage")
    if isinstance(usage, UpstreamUsage) and usage.touched:
        fields["upstream"] = usage.by_store()
    (_log.warning if status >= 500 else _log.info)("request", **fields)


def _counts(values: Iterable[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return counts


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
