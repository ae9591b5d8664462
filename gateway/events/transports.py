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
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

import orjson
from strawberry.asgi import ASGIWebSocketAdapter
from strawberry.http.exceptions import WebSocketDisconnected
from strawberry.http.streaming import SSETransport
from strawberry.subscriptions import GRAPHQL_SSE_PROTOCOL, GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler,
)

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


class SubscriptionTransports:
    """Mixin for the GraphQL router: text frames, server pings, the SSE heartbeat."""

    websocket_adapter_class = TextWebSocketAdapter
    graphql_transport_ws_handler_class = KeepAliveTransportWSHandler
    keep_alive_interval: float | None

    def configure_sse(self) -> None:
        """Call after the router's ``__init__``: the SSE heartbeat follows the keep-alive."""
        transport = sse_transport(float(self.keep_alive_interval or 15))
        self.stream_transport_classes_by_protocol = {GRAPHQL_SSE_PROTOCOL: transport}
