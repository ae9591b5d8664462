"""Signed webhook delivery with retries.

A store calls ``dispatcher.emit(event, data)``; every subscription in the
store's config whose ``events`` include the event (or that lists none) gets a
POST of ``{"id", "event", "data", "timestamp"}`` whose raw body is signed with
hex HMAC-SHA256 under the subscription's secret, in the store's documented
header. A receiver that fails (non-2xx or unreachable) is retried with
exponential backoff; every attempt is recorded in ``deliveries``.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import httpx

from stores.common.state import SimState

DEFAULT_ATTEMPTS = 4
DEFAULT_BACKOFF_S = 0.05


def sign(secret: str, body: bytes) -> str:
    """Hex HMAC-SHA256 of ``body`` under ``secret``, as the seeds document."""
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def utc_now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class WebhookDispatcher:
    """Delivers one store's events to the subscriptions in its config."""

    def __init__(
        self,
        state: SimState,
        *,
        signature_header: str,
        transport: httpx.AsyncBaseTransport | None = None,
        attempts: int = DEFAULT_ATTEMPTS,
        backoff_s: float = DEFAULT_BACKOFF_S,
        envelope: Callable[[str, str, dict[str, Any]], dict[str, Any]] | None = None,
    ) -> None:
        self.state = state
        self.signature_header = signature_header
        self.transport = transport
        self.attempts = attempts
        self.backoff_s = backoff_s
        self.envelope = envelope or default_envelope
        self.deliveries: list[dict[str, Any]] = []
        self._tasks: set[asyncio.Task[None]] = set()

    def emit(self, event: str, data: dict[str, Any]) -> str:
        """Queue ``event`` for every matching subscription; returns the event id."""
        event_id = f"evt_{uuid.uuid4().hex}"
        body = json.dumps(self.envelope(event_id, event, data), separators=(",", ":")).encode()
        for sub in self.state.config.webhooks:
            events = sub.get("events")
            if events and event not in events:
                continue
            task = asyncio.get_running_loop().create_task(self._deliver(sub, event, event_id, body))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        return event_id

    async def drain(self) -> None:
        """Wait until every queued delivery has finished (tests use this)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    async def _deliver(self, sub: dict[str, Any], event: str, event_id: str, body: bytes) -> None:
        headers = {
            "content-type": "application/json",
            self.signature_header: sign(sub["secret"], body),
            "user-agent": "store-webhooks/1.0",
        }
        async with httpx.AsyncClient(transport=self.transport, timeout=5.0) as client:
            for attempt in range(1, self.attempts + 1):
                record = {"id": event_id, "event": event, "url": sub["url"], "attempt": attempt}
                try:
                    response = await client.post(sub["url"], content=body, headers=headers)
                    record["status"] = response.status_code
                    ok = 200 <= response.status_code < 300
                except httpx.HTTPError as exc:
                    record["error"] = type(exc).__name__
                    ok = False
                self.deliveries.append(record)
                if ok:
                    return
                if attempt < self.attempts:
                    await asyncio.sleep(self.backoff_s * 2 ** (attempt - 1))


def default_envelope(event_id: str, event: str, data: dict[str, Any]) -> dict[str, Any]:
    return {"id": event_id, "event": event, "data": data, "timestamp": utc_now_iso()}
