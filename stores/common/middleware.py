"""ASGI middleware every store runs behind.

For each request outside ``/__sim/`` it: counts the route template
(``"GET /api/products/{id}"``), sleeps the injected latency (without blocking
the loop), charges the store's rate-limit budget for the caller's credential
(answering the store's own 429 body past the limit), injects configured faults,
and adds ``X-RateLimit-Limit/Remaining/Reset`` to every response.

Every such response also carries ``Server-Timing: app;dur=<ms>``: the store's own
processing time, from the end of the injected latency to the start of the response
(so a client can tell the store's work from the network and the injected delay).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence

from starlette.datastructures import Headers, MutableHeaders
from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from stores.common.auth import credential_of
from stores.common.errors import GENERIC_CODE_BY_STATUS, ErrorRenderer, StoreError
from stores.common.state import RateDecision, RateLimitRule, SimState

CONTROL_PREFIX = "/__sim"
SERVER_TIMING = "server-timing"
SERVER_TIMING_METRIC = "app"
"""The ``Server-Timing`` metric naming the store's processing time (``app;dur=1.25``)."""

RulePicker = Callable[[Scope, Headers], RateLimitRule | None]
"""Chooses the budget a request is charged to (``None``: not rate limited)."""


def route_key(routes: Sequence[BaseRoute], scope: Scope) -> str:
    """``"METHOD /route/template"`` for a request, or ``"METHOD <unmatched>"``.

    ``routes`` are the plain routes of the store's routers (their ``path`` is the
    full template); a path served under another method counts under its template.
    """
    partial: str | None = None
    for route in routes:
        match, _ = route.matches(scope)
        if match == Match.FULL:
            return f"{scope['method']} {route.path}"  # type: ignore[attr-defined]
        if match == Match.PARTIAL and partial is None:
            partial = route.path  # type: ignore[attr-defined]
    return f"{scope['method']} {partial or '<unmatched>'}"


class SimMiddleware:
    """Counting, latency, faults and rate limits for one store."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        state: SimState,
        routes: Sequence[BaseRoute],
        pick_rule: RulePicker,
        render_error: ErrorRenderer,
    ) -> None:
        self.app = app
        self.state = state
        self.routes = routes
        self.pick_rule = pick_rule
        self.render_error = render_error

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(CONTROL_PREFIX):
            await self.app(scope, receive, send)
            return
        state = self.state
        state.count(route_key(self.routes, scope))
        delay = state.latency_s()
        if delay:
            await asyncio.sleep(delay)
        started = time.perf_counter()
        extra: dict[str, str] = {}

        async def send_timed(message: Message) -> None:
            if message["type"] == "http.response.start":
                mutable = MutableHeaders(scope=message)
                for name, value in extra.items():
                    mutable[name] = value
                elapsed_ms = (time.perf_counter() - started) * 1000
                mutable[SERVER_TIMING] = f"{SERVER_TIMING_METRIC};dur={elapsed_ms:.3f}"
            await send(message)

        headers = Headers(scope=scope)
        decision: RateDecision | None = None
        rule = self.pick_rule(scope, headers)
        if rule is not None:
            client = scope.get("client")
            credential = credential_of(headers, client[0] if client else None)
            decision = state.charge(rule, credential)
            if not decision.allowed:
                retry_after = decision.retry_after(state.clock())
                error = StoreError(
                    429,
                    "RATE_LIMITED",
                    "Too many requests",
                    headers={**decision.headers(), "Retry-After": str(retry_after)},
                )
                await self._answer(error, scope, receive, send_timed)
                return

        fault = state.injected_fault()
        if fault is not None:
            code = GENERIC_CODE_BY_STATUS.get(fault, "SERVER_ERROR")
            error = StoreError(fault, code, "Injected fault")
            if decision is not None:
                error.headers.update(decision.headers())
            await self._answer(error, scope, receive, send_timed)
            return

        if decision is not None:
            extra.update(decision.headers())
        await self.app(scope, receive, send_timed)

    async def _answer(self, error: StoreError, scope: Scope, receive: Receive, send: Send) -> None:
        response = self.render_error(error)
        response.headers.update(error.headers)
        await response(scope, receive, send)
