"""The gateway's long-lived parts: settings, one pooled client per store, the
shared upstream response cache, the whole-response cache (:mod:`gateway.operation_cache`,
dropped with the upstream entries it was built from), rate-limit state, metrics, the
tracer (when tracing is on), the event bus and the webhook receiver.

Built once per app, lazily on the first request (so it also works when the app
is driven through ``httpx.ASGITransport`` without a lifespan), closed on
shutdown. Stores without a configured URL are the embedded simulators; stores
without configured credentials get them from the store's ``/__sim/credentials``.
Embedded stores that send webhooks post them to this gateway (``gateway_app``,
set by the app factory) under a secret made at start unless one is configured.
"""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Mapping
from typing import Any

import httpx
from opentelemetry.trace import TracerProvider

from gateway import embedded
from gateway.cache import ResponseCache
from gateway.dialects import dialect
from gateway.events import WEBHOOK_SOURCES, ReceivedEvent, WebhookReceiver
from gateway.metrics import Metrics
from gateway.operation_cache import OperationCache
from gateway.ratelimit import RateLimitRegistry
from gateway.settings import Settings, StoreSettings
from gateway.sources import Source
from gateway.state import InProcessEventBus, InProcessOnceSet
from gateway.state.idempotency import MemoryIdempotencyStore
from gateway.state.operations import InProcessOperationStore
from gateway.telemetry.tracing import tracer_of
from gateway.upstream import UpstreamClient


class Runtime:
    """Everything requests share."""

    def __init__(
        self,
        settings: Settings,
        transports: Mapping[Source, httpx.AsyncBaseTransport] | None = None,
        tracer_provider: TracerProvider | None = None,
    ) -> None:
        self.settings = settings
        self.tracer_provider = tracer_provider
        self.tracer = tracer_of(tracer_provider)
        """The gateway's tracer; ``None``: tracing is off."""
        self._given_transports = dict(transports or {})
        self.cache = ResponseCache(
            max_entries=settings.cache_max_entries, max_bytes=settings.cache_max_bytes
        )
        self.rate_limits = RateLimitRegistry(reserve=settings.rate_limit_reserve)
        self.metrics = Metrics(traced=tracer_provider is not None)
        self.operations: OperationCache | None = None
        if settings.cache_enabled and settings.operation_cache_max_entries > 0:
            self.operations = OperationCache(
                InProcessOperationStore(settings.operation_cache_max_entries)
            )
            self.cache.on_invalidate(self.operations.invalidated)
        self.idempotency = MemoryIdempotencyStore(
            ttl_s=settings.idempotency_ttl_s, max_keys=settings.idempotency_max_keys
        )
        self.bus: InProcessEventBus[ReceivedEvent] = InProcessEventBus()
        self.webhooks = WebhookReceiver(
            secret_for=lambda source: self.settings.store(source).webhook_secret,
            seen=InProcessOnceSet(window_s=2 * settings.webhook_tolerance_s),
            bus=self.bus,
            cache=self.cache,
            tolerance_s=settings.webhook_tolerance_s,
        )
        self.gateway_app: Any = None
        """The gateway's ASGI app: embedded stores post their webhooks to it."""
        self.embedded_sources: set[Source] = set()
        """The stores this runtime serves in-process (no URL configured)."""
        self.clients: dict[Source, UpstreamClient] = {}
        self._lock = asyncio.Lock()
        self._started = False
        self._background: set[asyncio.Future[Any]] = set()

    async def start(self) -> None:
        """Connect to every store (idempotent, safe under concurrency)."""
        if self._started:
            return
        async with self._lock:
            if self._started:
                return
            transports = {source: self._transport_for(source) for source in Source}
            stores: dict[Source, StoreSettings] = {}
            for source, transport in transports.items():
                store = self.settings.store(source)
                if transport is not None and _lacks_credentials(source, store):
                    demo = await embedded.demo_credentials(transport, source)
                    store = _with_demo_credentials(store, demo)
                if transport is not None and self._posts_here(source):
                    secret = store.webhook_secret or secrets.token_urlsafe(32)
                    store = store.model_copy(update={"webhook_secret": secret})
                    url = f"{embedded.GATEWAY_BASE_URL}/webhooks/{source.value}"
                    await embedded.subscribe_webhooks(transport, source, url, secret)
                stores[source] = store
            self.settings = self.settings.with_stores(stores)
            for source in Source:
                self.clients[source] = self._client_for(source, transports[source])
            self._started = True

    def _transport_for(self, source: Source) -> httpx.AsyncBaseTransport | None:
        transport = self._given_transports.get(source)
        if transport is None and self.settings.store(source).url is None:
            to_gateway = None
            if self.gateway_app is not None and source in WEBHOOK_SOURCES:
                to_gateway = embedded.transport_for(self.gateway_app)
            app = embedded.store_app(source, webhook_transport=to_gateway)
            transport = embedded.transport_for(app)
            self.embedded_sources.add(source)
        return transport

    def _posts_here(self, source: Source) -> bool:
        """Whether ``source`` is an embedded store that sends its webhooks to this app."""
        return (
            source in self.embedded_sources
            and source in WEBHOOK_SOURCES
            and self.gateway_app is not None
        )

    def _client_for(
        self, source: Source, transport: httpx.AsyncBaseTransport | None
    ) -> UpstreamClient:
        store = self.settings.store(source)
        speech = dialect(source)
        return UpstreamClient(
            source,
            self.settings,
            transport=transport,
            base_url=store.url or embedded.base_url(source),
            auth=speech.make_auth(store),
            cache=self.cache,
            rate_limits=self.rate_limits,
            metrics=self.metrics,
            parse_error=speech.parse_error,
            tracer_provider=self.tracer_provider,
        )

    def keep(self, task: asyncio.Future[Any]) -> None:
        """Hold a task that finishes behind an answer (cancelled at close)."""
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def close(self) -> None:
        for task in list(self._background):
            task.cancel()
        self.bus.close()
        for client in self.clients.values():
            await client.aclose()
        self.clients.clear()
        self._started = False


def _lacks_credentials(source: Source, store: StoreSettings) -> bool:
    if source is Source.CATALOG:
        return not (store.client_id and store.client_secret)
    return not store.api_key


def _with_demo_credentials(store: StoreSettings, demo: dict[str, Any]) -> StoreSettings:
    return store.model_copy(
        update={
            "api_key": store.api_key or demo.get("api_key"),
            "client_id": store.client_id or demo.get("client_id"),
            "client_secret": store.client_secret or demo.get("client_secret"),
        }
    )
