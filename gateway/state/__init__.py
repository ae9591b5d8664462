"""Shared state behind small interfaces, with in-process implementations.

What one gateway process shares between requests — and what several replicas
would have to share through one store (DESIGN "Shared state") — sits behind an
interface here, so a shared implementation can replace the in-process one
without touching its users:

- :class:`EventBus` (``events``): webhook events fanned out to subscribers, with a
  bounded queue per subscriber; :class:`InProcessEventBus` today.
- :class:`OnceSet` (``once``): "has this key been seen within its window?" —
  replayed webhook ids; :class:`InProcessOnceSet` today.
- :class:`DocumentStore` (``documents``): persisted-query documents by sha256 (APQ),
  bounded by bytes and age; :class:`InMemoryDocumentStore` today.
- :class:`RateWindows` (``windows``): fixed-window hit counts per key — the per-caller
  request limit; :class:`InProcessRateWindows` today.
- :class:`OperationStore` (``operations``): the whole-response cache's entries, indexed
  by the upstream entries and tags they were built from; :class:`InProcessOperationStore`
  today.
- :class:`IdempotencyStore` (``idempotency``): the outcome of a write per (caller,
  Idempotency-Key), replayed to retries; :class:`MemoryIdempotencyStore` today.
"""

from __future__ import annotations

from gateway.state.documents import DocumentStore, InMemoryDocumentStore
from gateway.state.events import (
    DEFAULT_QUEUE_SIZE,
    EventBus,
    InProcessEventBus,
    Subscriber,
    SubscriberClosed,
)
from gateway.state.idempotency import IdempotencyStore, MemoryIdempotencyStore
from gateway.state.once import InProcessOnceSet, OnceSet
from gateway.state.operations import InProcessOperationStore, OperationStore, StoredOperation
from gateway.state.windows import InProcessRateWindows, RateWindows, WindowDecision

__all__ = [
    "DEFAULT_QUEUE_SIZE",
    "DocumentStore",
    "EventBus",
    "IdempotencyStore",
    "InMemoryDocumentStore",
    "InProcessEventBus",
    "InProcessOnceSet",
    "InProcessOperationStore",
    "InProcessRateWindows",
    "MemoryIdempotencyStore",
    "OnceSet",
    "OperationStore",
    "RateWindows",
    "StoredOperation",
    "Subscriber",
    "SubscriberClosed",
    "WindowDecision",
]
