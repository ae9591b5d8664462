"""What the gateway knows about each store's rate-limit budget.

Stores report their budget on every response (``X-RateLimit-Limit``,
``X-RateLimit-Remaining``, ``X-RateLimit-Reset``) and, past the limit, answer ``429``
with ``Retry-After``. :class:`RateLimitRegistry` keeps one :class:`RateLimitState` per
(source, credential fingerprint), because stores count budgets per credential.

``X-RateLimit-Reset`` is read as epoch seconds; small values (below
:data:`EPOCH_THRESHOLD`) as seconds from now, and an HTTP/ISO date as that instant.
Responses that arrive out of order inside one window never raise ``remaining``.

Reading a budget is not holding it: concurrent requests would each see the same
``remaining``. So every upstream call first takes a permit (:meth:`RateLimitRegistry.acquire`)
and gives it back with the store's answer (:meth:`Permit.release`). Permits available
are ``remaining - reserve - in flight``, shared by every concurrent request; none left
means no call (:class:`~gateway.errors.RateLimited` with ``retry_after``; the client
serves a stale entry instead where it has one). Once the window's reset has passed, a
fresh window of ``limit`` is assumed. Before a store has ever answered, its budget is
unknown: at most the reserve's worth of calls goes out (the others wait for the first
answer, within their deadline), so a cold burst cannot overrun a small budget by more
than the gateway keeps back anyway. A store that answers without rate-limit headers
has no known budget and is not held back.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import parsedate_to_datetime

from gateway.errors import RateLimited
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
UNLIMITED = 1 << 30
"""Permits of a store that reports no budget (it answers without rate-limit headers)."""


@dataclass
class RateLimitState:
    """The last known budget of one (store, credential)."""

    reserve: RateLimitReserve = field(default_factory=RateLimitReserve)
    limit: int | None = None
    remaining: int | None = None
    reset: float | None = None
    updated_at: float | None = None
    in_flight: int = 0
    """Permits taken and not yet given back (calls sent, not yet answered)."""
    _probe: asyncio.Future[None] | None = field(default=None, repr=False)

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

    def available(self, now: float) -> int | None:
        """Permits that may be taken now; ``None`` while the budget is unknown."""
        if self.updated_at is None:
            return None  # never answered yet
        if self.remaining is None:
            return UNLIMITED  # it answers without rate-limit headers
        remaining = self.remaining
        if not self._window_open(now):
            if self.limit is None:
                return None
            remaining = self.limit  # the window reset: a fresh one
        return remaining - self.reserve_calls - self.in_flight

    def take(self, now: float) -> bool:
        """Take a permit if one is available. While the budget is unknown, at most the
        reserve's worth of calls is out (they probe it): spending blind, the gateway can
        never overrun more than what it would have kept back."""
        available = self.available(now)
        if available is None:
            if self.in_flight >= max(1, self.reserve_calls):
                return False
            if self._probe is None or self._probe.done():
                self._probe = asyncio.get_running_loop().create_future()
        elif available <= 0:
            return False
        self.in_flight += 1
        return True

    def probe(self, now: float) -> asyncio.Future[None] | None:
        """The unanswered probe of an unknown budget, if one is out."""
        if self.available(now) is None and self._probe is not None and not self._probe.done():
            return self._probe
        return None

    def give_back(
        self, now: float, headers: Mapping[str, str] | None, *, status: int | None = None
    ) -> None:
        """Return a permit with the store's answer (``None``: no answer came — the store
        may still have counted the call)."""
        self.in_flight = max(0, self.in_flight - 1)
        if headers is not None:
            self.update(headers, now, status=status)
        elif self.remaining is not None and self._window_open(now):
            self.remaining = max(0, self.remaining - 1)
        if self._probe is not None and not self._probe.done():
            self._probe.set_result(None)


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

    async def acquire(self, source: Source, fingerprint: str, *, timeout_s: float) -> Permit:
        """A permit for one call to ``source``, or :class:`RateLimited` (no call may be
        made). Waits only for an unknown budget's probe, and at most ``timeout_s``."""
        state = self.state(source, fingerprint)
        wait_until = time.monotonic() + timeout_s
        while not state.take(self.clock()):
            probe = state.probe(self.clock())
            timeout = wait_until - time.monotonic()
            if probe is None or timeout <= 0:
                wait_s = state.seconds_to_reset(self.clock())
                raise RateLimited(source=source, retry_after=float(max(1, math.ceil(wait_s))))
            await asyncio.wait([probe], timeout=timeout)
        return Permit(self, state)

    def __len__(self) -> int:
        return len(self._states)


@dataclass
class Permit:
    """Leave to make one upstream call; give it back once, with the answer."""

    registry: RateLimitRegistry
    state: RateLimitState
    _returned: bool = False

    def release(
        self, headers: Mapping[str, str] | None = None, *, status: int | None = None
    ) -> None:
        if self._returned:
            return
        self._returned = True
        self.state.give_back(self.registry.clock(), headers, status=status)


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
