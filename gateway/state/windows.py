"""Fixed-window hit counters: "may this key make one more request in this window?"

:class:`RateWindows` is the interface (a Redis ``INCR`` + ``EXPIRE`` would implement it
for several replicas); :class:`InProcessRateWindows` keeps the windows in a bounded
TTL map, so a flood of distinct keys cannot grow memory without bound (the least
recently used windows go first).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from cachetools import TTLCache

DEFAULT_MAX_KEYS = 100_000


@dataclass(frozen=True)
class WindowDecision:
    """The outcome of one hit: allowed, or refused with seconds until the window ends."""

    allowed: bool
    retry_after_s: int = 0


class RateWindows(Protocol):
    def hit(self, key: str, limit: int, window_s: float) -> WindowDecision:
        """Count one hit of ``key`` in its current window of ``window_s`` seconds."""
        ...


@dataclass
class _Window:
    started: float
    hits: int = 0


class InProcessRateWindows:
    """:class:`RateWindows` in this process's memory."""

    def __init__(
        self, *, max_keys: int = DEFAULT_MAX_KEYS, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.clock = clock
        self._windows: TTLCache[str, _Window] = TTLCache(maxsize=max_keys, ttl=3600.0, timer=clock)

    def hit(self, key: str, limit: int, window_s: float) -> WindowDecision:
        now = self.clock()
        window = self._windows.get(key)
        if window is None or now - window.started >= window_s:
            window = self._windows[key] = _Window(started=now)
        if window.hits >= limit:
            return WindowDecision(False, max(1, math.ceil(window.started + window_s - now)))
        window.hits += 1
        return WindowDecision(True)
