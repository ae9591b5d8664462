"""What the gateway knows about each store's rate-limit budget.

Stores report their budget on every response (``X-RateLimit-Limit``,
``X-RateLimit-Remaining``, ``X-RateLimit-Reset``) and, past the limit, answer ``429``
with ``Retry-After``. :class:`RateLimitRegistry` keeps one :class:`RateLimitState` per
(source, credential fingerprint), because stores count budgets per credential.

``X-RateLimit-Reset`` is read as epoch seconds; small values (below
:data:`EPOCH_THRESHOLD`) as seconds from now, and an HTTP/ISO date as that instant.
Responses that arrive out of order inside one window never raise ``remaining``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import parsedate_to_datetime

from gateway.settings import RateLimitReserve
from gateway.sources import Source

Clock = Callable[[], float]

EPOCH_THRESHOLD = 1_000_000_000
"""Reset values below this are deltas in seconds, above it Unix timestamps."""
RESET_SAME_WINDOW_S = 1.0
"""Resets this close to each other are the same window (stores round differently)."""

LIMIT_HEADER = "x-ratelimit-limit"
REMAINING_HEADER = "x-ratelimit-remaining"
RESET_HEADER = "x-ratelimit-reset"
RETRY_AFTER_HEADER = "retry-after"


@dataclass
class RateLimitState:
    """The last known budget of one (store, credential)."""

    reserve: RateLimitReserve = field(default_factory=RateLimitReserve)
    limit: int | None = None
    remaining: int | None = None
    reset: float | None = None
    updated_at: float | None = None

    @property
    def reserve_calls(self) -> int:
        return self.reserve.calls(self.limit)

    def update(self, headers: Mapping[str, str], now: float, *, status: int | None = None) -> None:
        """Take the budget from a response's headers (and ``Retry-After`` on 429)."""
        limit = _int(headers.get(LIMIT_HEADER))
        remaining = _int(headers.get(REMAINING_HEADER))
        reset = parse_reset(headers.get(RESET_HEADER), now)
        if status == 429:
            retry_after = parse_retry_after(headers.get(RETRY_AFTER_HEADER), now)
            remaining = 0
            if retry_after is not None:
                reset = max(reset or 0.0, now + retry_after)
        if limit is not None:
            self.limit = limit
        window_open = self.reset is not None and now < self.reset
        same = window_open and (
            reset is None or abs(reset - (self.reset or 0.0)) < RESET_SAME_WINDOW_S
        )
        if remaining is not None:
            keep_lower = same and self.remaining is not None
            self.remaining = min(self.remaining or 0, remaining) if keep_lower else remaining
        if reset is not None:
            self.reset = max(self.reset or 0.0, reset) if same else reset
        self.updated_at = now

    def _window_open(self, now: float | None) -> bool:
        return now is None or self.reset is None or now < self.reset

    def is_low(self, now: float | None = None) -> bool:
        """``remaining`` is at or below the reserve (and, given ``now``, the window is open)."""
        if self.remaining is None:
            return False
        return self.remaining <= self.reserve_calls and self._window_open(now)

    def is_exhausted(self, now: float) -> bool:
        """No calls left until the window resets."""
        return self.remaining == 0 and self.reset is not None and now < self.reset

    def seconds_to_reset(self, now: float) -> float:
        """Seconds until the window resets (0 when unknown or past)."""
        if self.reset is None:
            return 0.0
        return max(0.0, self.reset - now)

    def budget(self, max_concurrency: int, now: float | None = None) -> int:
        """How many calls may run concurrently right now (at least 1)."""
        if self.remaining is None or not self._window_open(now):
            return max_concurrency
        return min(max_concurrency, max(1, self.remaining - self.reserve_calls))


class RateLimitRegistry:
    """Rate-limit state per (source, credential fingerprint), shared across requests."""

    def __init__(
        self,
        *,
        reserve: RateLimitReserve | None = None,
        clock: Clock = time.time,
    ) -> None:
        self.reserve = reserve or RateLimitReserve()
        self.clock = clock
        self._states: dict[tuple[Source, str], RateLimitState] = {}

    def state(self, source: Source, fingerprint: str = "") -> RateLimitState:
        key = (source, fingerprint)
        state = self._states.get(key)
        if state is None:
            state = self._states[key] = RateLimitState(reserve=self.reserve)
        return state

    def update(
        self,
        source: Source,
        fingerprint: str,
        headers: Mapping[str, str],
        *,
        status: int | None = None,
    ) -> RateLimitState:
        state = self.state(source, fingerprint)
        state.update(headers, self.clock(), status=status)
        return state

    def budget(self, source: Source, fingerprint: str, max_concurrency: int) -> int:
        """How many calls to ``source`` may run concurrently right now."""
        return self.state(source, fingerprint).budget(max_concurrency, self.clock())

    def __len__(self) -> int:
        return len(self._states)


def _int(raw: str | None) -> int | None:
    if raw is None:
        return None
    try:
        return max(0, int(float(raw.strip())))
    except ValueError:
        return None


def parse_reset(raw: str | None, now: float) -> float | None:
    """``X-RateLimit-Reset`` as an epoch timestamp (see the module docstring)."""
    if raw is None or not raw.strip():
        return None
    text = raw.strip()
    try:
        value = float(text)
    except ValueError:
        return _parse_date(text)
    return value if value >= EPOCH_THRESHOLD else now + max(0.0, value)


def parse_retry_after(raw: str | None, now: float) -> float | None:
    """``Retry-After`` (seconds or an HTTP date) as seconds from ``now``."""
    if raw is None or not raw.strip():
        return None
    text = raw.strip()
    try:
        return max(0.0, float(text))
    except ValueError:
        when = _parse_date(text)
        return None if when is None else max(0.0, when - now)


def _parse_date(text: str) -> float | None:
    try:
        return parsedate_to_datetime(text).timestamp()
    except (TypeError, ValueError):
        pass
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()
    except ValueError:
        return None
