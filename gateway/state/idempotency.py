"""Idempotency keys: the first outcome of a write, kept per (caller, key).

A client that retries a write with the same ``Idempotency-Key`` gets the first
outcome again instead of a second write. :class:`IdempotencyStore` is the interface;
:class:`MemoryIdempotencyStore` keeps records in-process (bounded, expiring).

:meth:`IdempotencyStore.claim` answers one of:

- :class:`Owner` — the key is new: the caller performs the write, then calls
  :meth:`Owner.finish` with the record to replay (or :meth:`Owner.release` when the
  write provably never reached the store, so a retry may try again);
- :class:`Replay` — the key was used for the same request: its record;
- :class:`Reused` — the key was used for a different request.

Concurrent claims of one key wait for the owner: two simultaneous requests with one
key make one upstream write, and the second replays the first's record.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from cachetools import TTLCache

from gateway.settings import DEFAULT_IDEMPOTENCY_MAX_KEYS, DEFAULT_IDEMPOTENCY_TTL_S


@dataclass(frozen=True)
class Replay:
    """The key's first outcome, for the same request."""

    record: dict[str, Any]


@dataclass(frozen=True)
class Reused:
    """The key was first used for a different request."""


@dataclass
class Owner:
    """This claim owns the key: write, then :meth:`finish` or :meth:`release`."""

    _done: Callable[[dict[str, Any] | None], None] = field(repr=False)

    def finish(self, record: dict[str, Any]) -> None:
        """Keep ``record`` as the key's outcome (replayed to later claims)."""
        self._done(record)

    def release(self) -> None:
        """Forget the claim: nothing was written, a later claim may try again."""
        self._done(None)


Claim = Owner | Replay | Reused


class IdempotencyStore(Protocol):
    """Where write outcomes are kept per key (``key`` already includes the caller)."""

    async def claim(self, key: str, request_hash: str) -> Claim: ...


@dataclass(frozen=True)
class _Stored:
    request_hash: str
    record: dict[str, Any]


class MemoryIdempotencyStore:
    """Records in a bounded TTL cache; in-flight claims as futures others wait on."""

    def __init__(
        self,
        *,
        ttl_s: float = DEFAULT_IDEMPOTENCY_TTL_S,
        max_keys: int = DEFAULT_IDEMPOTENCY_MAX_KEYS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if ttl_s <= 0 or max_keys < 1:
            raise ValueError("ttl_s and max_keys must be positive")
        self._records: TTLCache[str, _Stored] = TTLCache(maxsize=max_keys, ttl=ttl_s, timer=clock)
        self._inflight: dict[str, tuple[str, asyncio.Future[None]]] = {}

    async def claim(self, key: str, request_hash: str) -> Claim:
        while True:
            stored = self._records.get(key)
            if stored is not None:
                if stored.request_hash != request_hash:
                    return Reused()
                return Replay(stored.record)
            pending = self._inflight.get(key)
            if pending is None:
                break
            owner_hash, done = pending
            if owner_hash != request_hash:
                return Reused()
            await asyncio.shield(done)  # the owner finished or released: look again
        done = asyncio.get_running_loop().create_future()
        self._inflight[key] = (request_hash, done)

        def settle(record: dict[str, Any] | None) -> None:
            if self._inflight.get(key, (None, None))[1] is not done:
                return  # settled already
            del self._inflight[key]
            if record is not None:
                self._records[key] = _Stored(request_hash, record)
            done.set_result(None)

        return Owner(settle)

    def __len__(self) -> int:
        return len(self._records)
