"""``CallerRateLimit``: one caller cannot spend the stores' budgets for everyone.

An ASGI middleware in front of the GraphQL route counting each caller's requests in
fixed windows (``STOREGRAPH_CALLER_RATE_LIMIT`` per ``STOREGRAPH_CALLER_RATE_WINDOW_S``;
0 turns it off). Past the limit it answers ``429`` with ``Retry-After`` and a GraphQL
error (``RATE_LIMITED``, ``retryAfter``, the ``limit``) without running anything.

A caller is who is asking: ``caller_key(scope)`` — by default the client's address;
the identity of a verified caller (an operator's JWT, a store user) is the better key
once it is known at this depth, and replaces the default through the same argument.
Unverified tokens are never keys (a caller could mint a fresh one per request).
The counts live behind :class:`~gateway.state.windows.RateWindows`.
"""

from __future__ import annotations

from collections.abc import Callable

import orjson
from starlette.types import ASGIApp, Receive, Scope, Send

from gateway.state.windows import InProcessRateWindows, RateWindows

CallerKey = Callable[[Scope], str]
STATUS = 429


def client_address(scope: Scope) -> str:
    """The caller as the client's address (``unknown`` when the server gives none)."""
    client = scope.get("client")
    return f"address:{client[0]}" if client else "address:unknown"


class CallerRateLimit:
    """At most ``limit`` requests per caller per ``window_s`` on paths under ``prefix``."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        limit: int,
        window_s: float,
        prefix: str,
        caller_key: CallerKey = client_address,
        windows: RateWindows | None = None,
    ) -> None:
        if limit < 0 or window_s <= 0:
            raise ValueError("limit must be >= 0 and window_s > 0")
        self.app = app
        self.limit = limit
        self.window_s = window_s
        self.prefix = prefix
        self.caller_key = caller_key
        self.windows = windows if windows is not None else InProcessRateWindows()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.limit == 0 or scope["type"] != "http" or not scope["path"].startswith(self.prefix):
            await self.app(scope, receive, send)
            return
        decision = self.windows.hit(self.caller_key(scope), self.limit, self.window_s)
        if decision.allowed:
            await self.app(scope, receive, send)
            return
        retry_after = decision.retry_after_s
        body = orjson.dumps(
            {
                "errors": [
                    {
                        "message": f"Too many requests from this caller; retry in {retry_after} s.",
                        "extensions": {
                            "code": "RATE_LIMITED",
                            "retryAfter": retry_after,
                            "limit": self.limit,
                        },
                    }
                ]
            }
        )
        await send(
            {
                "type": "http.response.start",
                "status": STATUS,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"retry-after", str(retry_after).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
