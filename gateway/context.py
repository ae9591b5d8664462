"""The per-request GraphQL context.

Holds the shared upstream clients, the :class:`~gateway.identity.Caller` (who is
asking: ``context.caller``) and :meth:`GatewayContext.credential` (the credential a
people/money/operations call to a store presents for that caller; see
``gateway.identity.credentials``), the request deadline, the per-request DataLoaders
(aiodataloader binds the running event loop, so loaders are created here,
lazily, inside the request — never shared), the errors of stores that
failed while the rest of the query went on (reported beside partial data), the
HTTP request's id (:mod:`gateway.request_scope`) and its record of what it used upstream
(:mod:`gateway.usage`).

A subscription's context lives as long as its connection; each event it delivers
starts afresh with :meth:`GatewayContext.renew` (a new deadline, new loaders, no
errors carried over), so an event never reads what an earlier one loaded.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any

from aiodataloader import DataLoader
from strawberry.fastapi import BaseContext

from gateway.batching import Loader
from gateway.errors import GatewayError
from gateway.identity import ANONYMOUS, Caller, Requirement, StoreCredential, credential_for
from gateway.settings import Settings
from gateway.sources import Source
from gateway.state import EventBus
from gateway.state.idempotency import IdempotencyStore, MemoryIdempotencyStore
from gateway.upstream import UpstreamClient
from gateway.usage import UpstreamUsage

BatchFn = Callable[[list[Any]], Awaitable[Sequence[Any]]]


class GatewayContext(BaseContext):
    """What every resolver reaches through ``info.context``."""

    def __init__(
        self,
        *,
        clients: Mapping[Source, UpstreamClient],
        settings: Settings,
        caller: Caller = ANONYMOUS,
        idempotency: IdempotencyStore | None = None,
        events: EventBus[Any] | None = None,
        request_id: str | None = None,
        usage: UpstreamUsage | None = None,
    ) -> None:
        super().__init__()
        self.clients = clients
        self.settings = settings
        self.caller = caller
        self.events = events
        """The event bus subscriptions listen to."""
        self.request_id = request_id
        """The request's id (``x-request-id``), sent upstream and in every error."""
        self.usage = usage if usage is not None else UpstreamUsage()
        """What this request used upstream (the one record, filled by the upstream
        clients; each operation's own record is inside it: :func:`gateway.usage.current`)."""
        self.deadline = time.monotonic() + settings.request_deadline_s
        self.partial_errors: list[tuple[GatewayError, list[str | int] | None]] = []
        """Store failures beside partial data, each with the path of the field it hit."""
        self._loaders: dict[str, DataLoader] = {}
        # `is None`, never `or`: an empty store is falsy (it has a length)
        self.idempotency: IdempotencyStore = (
            idempotency if idempotency is not None else MemoryIdempotencyStore()
        )
        """Where write outcomes are kept per (caller, Idempotency-Key): the runtime's."""

    def renew(self) -> None:
        """Start a new unit of work on a long-lived context (a subscription's next event)."""
        self.deadline = time.monotonic() + self.settings.request_deadline_s
        self.partial_errors = []
        self._loaders = {}

    def report(self, error: GatewayError, path: list[str | int] | None = None) -> None:
        """Report a store's failure beside the data (``path``: the field it left short)."""
        self.partial_errors.append((error, path))

    def client(self, source: Source) -> UpstreamClient:
        return self.clients[source]

    def credential(self, source: Source, requirement: Requirement) -> StoreCredential:
        """What a people/money/operations call to ``source`` presents for this caller,
        admitted by ``requirement`` (the field's own); raises ``UNAUTHENTICATED`` /
        ``FORBIDDEN`` when the caller has nothing that fits."""
        return credential_for(self.caller, source, requirement)

    def loader(
        self, name: str, batch_fn: BatchFn, *, max_batch_size: int | None = None
    ) -> DataLoader:
        """The request's loader called ``name``, created on first use.

        With loaders switched off (the bench's naive baseline) each key is
        loaded on its own, uncached: one upstream call per field.
        """
        loader = self._loaders.get(name)
        if loader is None:
            if self.settings.loaders_enabled:
                loader = Loader(batch_fn, max_batch_size=max_batch_size)
            else:
                loader = Loader(batch_fn, batch=False, cache=False)
            self._loaders[name] = loader
        return loader

    def forget_loaders(self, prefix: str) -> None:
        """Drop the request's loaders whose name starts with ``prefix`` (what a write
        changed): the next load in this request asks again."""
        for name in [n for n in self._loaders if n.startswith(prefix)]:
            del self._loaders[name]
