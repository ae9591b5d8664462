"""Receiving one webhook delivery: check, parse, de-duplicate, invalidate, publish.

:meth:`WebhookReceiver.receive` takes the raw body and the signature header and
answers with a :class:`WebhookResult` (status and JSON body), in this order:

=========================================  ======  =============================
the delivery                               status  effect
=========================================  ======  =============================
store has no webhook secret configured     404     none (the receiver is off)
signature missing or wrong                 401     none — nothing is parsed
body not an event envelope / bad data      400     none
timestamp further than the tolerance       400     none (``STALE_EVENT``)
an event type the store does not document  200     none (``ignored``)
an event id already received               200     none (``duplicate``)
a new event                                200     cache invalidated, published
=========================================  ======  =============================

A replay is answered 200 so that the store stops retrying. Event ids are
remembered (``gateway.state.OnceSet``) for twice the tolerance, so an old event
is refused by its timestamp and a recent one by its id.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from gateway.cache import ResponseCache
from gateway.events.catalog import WEBHOOK_SOURCES
from gateway.events.envelope import MalformedEvent, ReceivedEvent, UnknownEvent, parse_event
from gateway.events.signature import SIGNATURE_HEADERS, is_valid
from gateway.sources import Source
from gateway.state import EventBus, OnceSet

logger = logging.getLogger("storegraph.events")

DEFAULT_TOLERANCE_S = 300.0
"""How far an event's timestamp may be from now (either way) to be accepted."""


@dataclass(frozen=True)
class WebhookResult:
    """The answer to one delivery, and the event it published (if any)."""

    status: int
    body: dict[str, Any]
    event: ReceivedEvent | None = field(default=None, compare=False)


def _error(status: int, code: str, message: str) -> WebhookResult:
    return WebhookResult(status, {"error": {"code": code, "message": message}})


class WebhookReceiver:
    """The gateway's receiver for the stores' webhooks."""

    def __init__(
        self,
        *,
        secret_for: Callable[[Source], str | None],
        seen: OnceSet,
        bus: EventBus[ReceivedEvent],
        cache: ResponseCache,
        tolerance_s: float = DEFAULT_TOLERANCE_S,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.secret_for = secret_for
        self.seen = seen
        self.bus = bus
        self.cache = cache
        self.tolerance_s = tolerance_s
        self.clock = clock

    def enabled(self, source: Source) -> bool:
        return source in WEBHOOK_SOURCES and bool(self.secret_for(source))

    def receive(self, source: Source, body: bytes, signature: str | None) -> WebhookResult:
        secret = self.secret_for(source) if source in WEBHOOK_SOURCES else None
        if not secret:
            return _error(404, "NOT_FOUND", "No webhook receiver here.")
        if not is_valid(secret, body, signature):
            header = SIGNATURE_HEADERS[source.value]
            return _error(401, "INVALID_SIGNATURE", f"Missing or wrong `{header}` signature.")
        now = datetime.fromtimestamp(self.clock(), UTC)
        try:
            event = parse_event(source, body, now=now)
        except UnknownEvent as unknown:
            return WebhookResult(200, {"received": True, "ignored": str(unknown)})
        except MalformedEvent as malformed:
            return _error(400, "MALFORMED_EVENT", str(malformed))
        skew = abs((now - event.occurred_at).total_seconds())
        if skew > self.tolerance_s:
            return _error(
                400,
                "STALE_EVENT",
                f"The event's timestamp is more than {self.tolerance_s:g} s from now.",
            )
        if not self.seen.first_time(f"{source.value}:{event.id}"):
            return WebhookResult(200, {"received": True, "duplicate": True})
        dropped = self.cache.drop(source, event.kind.invalidates(event.data))
        delivered = self.bus.publish(event.topic, event)
        logger.info(
            "webhook %s %s from %s: %d cache entries dropped, %d subscribers",
            event.kind.name,
            event.id,
            source.value,
            dropped,
            delivered,
        )
        return WebhookResult(200, {"received": True}, event)
