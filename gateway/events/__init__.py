"""Live events: the stores' signed webhooks, received, checked and fanned out.

- ``catalog``: every documented webhook event, declared once — its store, its
  GraphQL name, the data it carries, what it invalidates and whose it is.
- ``envelope``: :class:`ReceivedEvent`, one received and validated event.
- ``signature``: the raw-body HMAC-SHA256 check, in constant time.
- ``receiver``: :class:`WebhookReceiver` — signature, parsing, freshness, replay,
  then cache invalidation and publication on the event bus.
- ``routes``: ``POST /webhooks/litestore`` and ``POST /webhooks/litekart``.
- ``transports``: the subscription transports' limits and keep-alive pings.
- ``errors``: :class:`SubscriptionClosed`, how a subscription the gateway ends ends.

The bus and the replay guard are shared state (``gateway.state``); the GraphQL
subscriptions that deliver events to callers are in ``schema.events``.
"""

from __future__ import annotations

from gateway.events.catalog import EVENT_KINDS, WEBHOOK_SOURCES, EventKind, kind_of, topic
from gateway.events.envelope import ReceivedEvent
from gateway.events.errors import SubscriptionClosed
from gateway.events.receiver import WebhookReceiver, WebhookResult

__all__ = [
    "EVENT_KINDS",
    "WEBHOOK_SOURCES",
    "EventKind",
    "ReceivedEvent",
    "SubscriptionClosed",
    "WebhookReceiver",
    "WebhookResult",
    "kind_of",
    "topic",
]
