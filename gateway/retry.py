"""When and how long to wait before trying an upstream call again.

In the spirit of `stamina`: a small policy object whose :meth:`RetryPolicy.run` loop calls
``send()`` until it succeeds, a non-retryable outcome arrives, the attempts are used up,
or the next wait would cross the request's deadline (then the last response or error is
returned/raised as is).

- Retryable: HTTP ``429``, ``502``, ``503``, ``504`` and :class:`httpx.TransportError`
  (connect errors, timeouts, protocol errors).
- Wait: ``Retry-After`` when the store sends it, else (on ``429``) ``X-RateLimit-Reset``,
  else exponential backoff with full jitter: ``uniform(0, min(cap, base * 2**n))``.
- Non-idempotent calls (``idempotent=False``, e.g. POST) are retried only when the
  request provably never reached the store: the connection could not be opened
  (:class:`httpx.ConnectError`, :class:`httpx.ConnectTimeout`) or no pooled connection
  was free (:class:`httpx.PoolTimeout`).

``set_testing(True)`` turns every wait into a no-op (attempt counts are unchanged and
the computed delays are still reported to ``on_retry``), so tests never sleep.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import httpx

from gateway.ratelimit import RESET_HEADER, RETRY_AFTER_HEADER, parse_reset, parse_retry_after
from gateway.settings import DEFAULT_RETRY_ATTEMPTS

RETRY_STATUSES = frozenset({429, 502, 503, 504})
BACKOFF_BASE_S = 0.1
BACKOFF_CAP_S = 5.0
NEVER_REACHED_STORE: tuple[type[Exception], ...] = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.PoolTimeout,
)
"""Transport errors raised before any byte of the request left the gateway."""

_testing = False


def set_testing(testing: bool) -> None:
    """Turn backoff sleeps off (``True``) or on again (``False``)."""
    global _testing
    _testing = testing


OnRetry = Callable[[int, float, "httpx.Response | BaseException"], None]
"""Called before each wait with (attempt just made, delay in s, its outcome)."""


@dataclass
class RetryPolicy:
    """How many times and how long to wait between attempts of one upstream call."""

    attempts: int = DEFAULT_RETRY_ATTEMPTS
    base_s: float = BACKOFF_BASE_S
    cap_s: float = BACKOFF_CAP_S
    statuses: frozenset[int] = RETRY_STATUSES
    clock: Callable[[], float] = time.monotonic
    """The clock deadlines are measured on."""
    wall_clock: Callable[[], float] = time.time
    """Epoch seconds, to read ``X-RateLimit-Reset`` and HTTP-date ``Retry-After``."""
    random: Callable[[], float] = random.random
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
    on_retry: OnRetry | None = None

    def __post_init__(self) -> None:
        if self.attempts < 1:
            raise ValueError("attempts must be at least 1")

    def is_retryable(self, outcome: httpx.Response | BaseException, *, idempotent: bool) -> bool:
        if isinstance(outcome, httpx.Response):
            return idempotent and outcome.status_code in self.statuses
        if isinstance(outcome, NEVER_REACHED_STORE):
            return True
        return idempotent and isinstance(outcome, httpx.TransportError)

    def delay_for(self, attempt: int, outcome: httpx.Response | BaseException) -> float:
        """Seconds to wait after ``attempt`` (1-based) ended with ``outcome``."""
        if isinstance(outcome, httpx.Response):
            hinted = self._hinted_delay(outcome)
            if hinted is not None:
                return hinted
        ceiling = min(self.cap_s, self.base_s * 2 ** (attempt - 1))
        return self.random() * ceiling

    def _hinted_delay(self, response: httpx.Response) -> float | None:
        now = self.wall_clock()
        retry_after = parse_retry_after(response.headers.get(RETRY_AFTER_HEADER), now)
        if retry_after is not None:
            return retry_after
        if response.status_code == 429:
            reset = parse_reset(response.headers.get(RESET_HEADER), now)
            if reset is not None:
                return max(0.0, reset - now)
        return None

    async def run(
        self,
        send: Callable[[], Awaitable[httpx.Response]],
        *,
        deadline: float | None = None,
        idempotent: bool = True,
    ) -> httpx.Response:
        """Call ``send`` until done; returns the last response or raises the last error.

        ``deadline`` is on :attr:`clock`; no wait ever ends past it.
        """
        attempt = 0
        while True:
            attempt += 1
            outcome: httpx.Response | BaseException
            try:
                outcome = await send()
            except httpx.TransportError as exc:
                outcome = exc
            if attempt >= self.attempts or not self.is_retryable(outcome, idempotent=idempotent):
                return _finish(outcome)
            delay = self.delay_for(attempt, outcome)
            if deadline is not None and self.clock() + delay >= deadline:
                return _finish(outcome)
            if self.on_retry is not None:
                self.on_retry(attempt, delay, outcome)
            if isinstance(outcome, httpx.Response):
                await outcome.aclose()
            if not _testing and delay > 0:
                await self.sleep(delay)


def _finish(outcome: httpx.Response | BaseException) -> httpx.Response:
    if isinstance(outcome, BaseException):
        raise outcome
    return outcome
