"""``RequestScopeMiddleware``: each request's id and upstream usage record.

For every HTTP and WebSocket connection it

- takes the caller's ``x-request-id`` when well-formed, or makes one
  (:func:`gateway.request_scope.accept_request_id`);
- opens the request's record of upstream usage (:class:`~gateway.usage.UpstreamUsage`,
  the one record: each GraphQL operation's own record sits inside it);
- puts both in ``scope["state"]`` (``request.state.request_id``,
  ``request.state.usage``) and in the context variables of
  :mod:`gateway.request_scope`, which the upstream clients read;
- echoes the id on the response as ``x-request-id``, and notes the response's status in
  ``scope["state"]`` (:data:`gateway.request_scope.STATUS_KEY`) for the request log
  line (:mod:`gateway.telemetry.requests`), which so needs no wrapper of its own.

It is the outermost middleware, so every response — a CORS refusal, a CSRF refusal,
an error — carries the id.
"""

from __future__ import annotations

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gateway import request_scope
from gateway.usage import UpstreamUsage


class RequestScopeMiddleware:
    """Gives each request an id (echoed) and an upstream usage record."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        request_id = request_scope.accept_request_id(
            Headers(scope=scope).get(request_scope.REQUEST_ID_HEADER)
        )
        usage = UpstreamUsage()
        state = scope.setdefault("state", {})
        state["request_id"] = request_id
        state["usage"] = usage

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)[request_scope.REQUEST_ID_HEADER] = request_id
                state[request_scope.STATUS_KEY] = message["status"]
            await send(message)

        tokens = request_scope.enter(request_id, usage)
        try:
            await self.app(scope, receive, send_with_id)
        finally:
            request_scope.leave(tokens)
