"""The gateway's long-lived parts: settings, one pooled client per store, the
shared response cache, rate-limit state and metrics.

Built once per app, lazily on the first request (so it also works when the app
is driven through ``httpx.ASGITransport`` without a lifespan), closed on
shutdown. Stores without a configured URL are the embedded simulators; stores
without configured credentials get them from the store's ``/__sim/credentials``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any

import httpx

from gateway import embedded
from gateway.cache import ResponseCache
from gateway.dialects import dialect
from gateway.metrics import Metrics
from gateway.ratelimit import RateLimitRegistry
from gateway.settings import Settings, StoreSettings
from gateway.sources import Source
from gateway.upstream import UpstreamClient


class Runtime:
    """Everything requests share."""

    def __init__(
        self,
        settings: Settings,
        transports: Mapping[Source, httpx.AsyncBaseTransport] | None = None,
    ) -> None:
        self.settings = settings
        self._given_transports = dict(transports or {})
        self.cache = ResponseCache(
            max_entries=settings.cache_max_entries, max_bytes=settings.cache_max_bytes
        )
        self.rate_limits = RateLimitRegistry(reserve=settings.rate_limit_reserve)
        self.metrics = Metrics()
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
                stores[source] = store
            self.settings = self.settings.with_stores(stores)
            for source in Source:
                self.clients[source] = self._client_for(source, transports[source])
            self._started = True

    def _transport_for(self, source: Source) -> httpx.AsyncBaseTransport | None:
        transport = self._given_transports.get(source)
        if transport is None and self.settings.store(source).url is None:
            transport = embedded.transport_for(embedded.store_app(source))
        return transport

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
        )

    def keep(self, task: asyncio.Future[Any]) -> None:
        """Hold a task that finishes behind an answer (cancelled at close)."""
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def close(self) -> None:
        for task in list(self._background):
            task.cancel()
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
