"""A set of keys remembered for a window: "is this the first time we see it?".

Webhook receivers use it to drop replayed event ids. Keys are kept for
``window_s`` (at least as long as an event's timestamp is accepted, so a replay
is refused by one rule or the other) and at most ``max_keys`` of them (oldest
forgotten first). :class:`OnceSet` is the interface, :class:`InProcessOnceSet`
the implementation for one process.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Protocol

from cachetools import TTLCache

DEFAULT_MAX_KEYS = 100_000


class OnceSet(Protocol):
    def first_time(self, key: str) -> bool:
        """True the first time ``key`` is seen within the window (and remembers it)."""
        ...


class InProcessOnceSet:
    """Keys seen by this process within ``window_s``, at most ``max_keys``."""

    def __init__(
        self,
        window_s: float,
        *,
        max_keys: int = DEFAULT_MAX_KEYS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if window_s <= 0 or max_keys < 1:
            raise ValueError("window_s and max_keys must be positive")
        self._seen: TTLCache[str, bool] = TTLCache(maxsize=max_keys, ttl=window_s, timer=clock)

    def first_time(self, key: str) -> bool:
        if key in self._seen:
            return False
        self._seen[key] = True
        return True

    def __len__(self) -> int:
        return len(self._seen)
