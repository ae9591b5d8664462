"""The subscription transports on the GraphQL router, and their limits.

- **graphql-transport-ws** (the ``graphql-ws`` library's protocol) on the router's
  websocket: a client must send ``connection_init`` within
  ``STOREGRAPH_SUBSCRIPTION_INIT_TIMEOUT_S`` (else close ``4408``), may run at most
  ``STOREGRAPH_SUBSCRIPTIONS_PER_CONNECTION`` operations at once (more are refused
  with an ``error`` message), and gets a ``ping`` every
  ``STOREGRAPH_SUBSCRIPTION_KEEPALIVE_S`` once acknowledged. Messages are sent as
  text frames, as the protocol requires.
- **graphql-sse** (GraphQL over Server-Sent Events, distinct connections mode) on the
  same path: ``POST`` (or ``GET``) with ``Accept: text/event-stream``; ``next`` events,
  then ``complete``; a ``: ping`` comment every keep-alive interval.

The legacy ``graphql-ws`` (subscriptions-transport-ws) protocol is not offered.
:class:`SubscriptionTransports` is mixed into the router; :func:`subscription_options`
gives its constructor arguments from the settings.

**Who is subscribing.** An SSE subscription is a plain request: its headers are the
caller, as for queries. A websocket's caller is recognised from the handshake's
headers and again at ``connection_init`` from those headers overlaid with the
payload's string values (browsers cannot set headers on a websocket), e.g.
``{"litekart-customer-token": "<JWT>"}`` or ``{"Authorization": "Bearer <JWT>"}`` —
also accepted nested as ``{"headers": {...}}``.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable, Mapping
from datetime import timedelta
from typing import Any

import orjson
from strawberry.asgi import ASGIWebSocketAdapter
from strawberry.http.exceptions import WebSocketDisconnected
from strawberry.http.streaming import HTTPStreamTransport, SSETransport
from strawberry.subscriptions import GRAPHQL_SSE_PROTOCOL, GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler,
)
from strawberry.types.unset import UNSET, UnsetType

from gateway.settings import Settings

PROTOCOLS = (GRAPHQL_TRANSPORT_WS_PROTOCOL, GRAPHQL_SSE_PROTOCOL)


def subscription_options(settings: Settings) -> dict[str, Any]:
    """The router's constructor arguments for the two transports and their limits."""
    return {
        "subscription_protocols": PROTOCOLS,
        "connection_init_wait_timeout": timedelta(seconds=settings.subscription_init_timeout_s),
        "max_subscriptions_per_connection": settings.subscriptions_per_connection,
        "keep_alive_interval": settings.subscription_keepalive_s,
    }


class TextWebSocketAdapter(ASGIWebSocketAdapter):
    """Sends every message as a text frame (the router encodes JSON to bytes)."""

    async def send_json(self, message: Mapping[str, object]) -> None:
        try:
            await self.ws.send_text(orjson.dumps(message, default=str).decode())
        except Exception as exc:  # the socket is gone, however starlette says it
            raise WebSocketDisconnected from exc


class KeepAliveTransportWSHandler(BaseGraphQLTransportWSHandler[Any, Any]):
    """graphql-transport-ws with server pings every ``view.keep_alive_interval``."""

    _pinger: asyncio.Task[None] | None = None

    def on_request_accepted(self) -> None:
        super().on_request_accepted()
        self._pinger = asyncio.create_task(self._ping())

    async def _ping(self) -> None:
        interval = float(self.view.keep_alive_interval or 0)
        if interval <= 0:
            return
        with contextlib.suppress(WebSocketDisconnected, RuntimeError):
            while True:
                await asyncio.sleep(interval)
                if self.connection_acknowledged:
                    await self.send_message({"type": "ping"})

    async def shutdown(self) -> None:
        if self._pinger is not None:
            self._pinger.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._pinger
        await super().shutdown()


def sse_transport(heartbeat_s: float) -> type[SSETransport]:
    """graphql-sse with a ``: ping`` comment every ``heartbeat_s``."""

    class GatewaySSETransport(SSETransport):
        def __init__(self) -> None:
            super().__init__(heartbeat_interval=heartbeat_s)

    return GatewaySSETransport


Recognise = Callable[[Mapping[str, str]], Awaitable[Any]]
"""Headers → the caller (``gateway.identity.recognise_caller`` with the app's verifier)."""


def connection_headers(handshake: Mapping[str, str], payload: object) -> dict[str, str]:
    """The handshake's headers overlaid with a ``connection_init`` payload's strings."""
    headers = {k.lower(): v for k, v in handshake.items()}
    if not isinstance(payload, dict):
        return headers
    nested = payload.get("headers")
    for source in (payload, nested if isinstance(nested, dict) else {}):
        for key, value in source.items():
            if isinstance(key, str) and isinstance(value, str):
                headers[key.lower()] = value
    return headers


class SubscriptionTransports:
    """Mixin for the GraphQL router: text frames, server pings, the SSE heartbeat, and
    the websocket's caller from ``connection_init`` (``recognise_connection=``)."""

    # typed as the router's own attributes, so the mixin's values stand in for them
    websocket_adapter_class: type[ASGIWebSocketAdapter] = TextWebSocketAdapter
    graphql_transport_ws_handler_class: type[BaseGraphQLTransportWSHandler[Any, Any]] = (
        KeepAliveTransportWSHandler
    )
    stream_transport_classes_by_protocol: Mapping[str, type[HTTPStreamTransport]]
    keep_alive_interval: float | None

    def __init__(
        self, *args: Any, recognise_connection: Recognise | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.recognise_connection = recognise_connection
        transport = sse_transport(float(self.keep_alive_interval or 15))
        self.stream_transport_classes_by_protocol = {GRAPHQL_SSE_PROTOCOL: transport}

    async def on_ws_connect(self, context: Any) -> UnsetType | dict[str, object] | None:
        params = getattr(context, "connection_params", None)
        if self.recognise_connection is not None and params:
            request = getattr(context, "request", None)
            handshake = dict(request.headers) if request is not None else {}
            caller = await self.recognise_connection(connection_headers(handshake, params))
            context.caller = caller
        return UNSET
