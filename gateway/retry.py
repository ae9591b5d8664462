"""When and how long to wait before trying an upstream call again, on `stamina`.

:class:`RetryPolicy` decides; stamina's ``retry_context`` runs the attempts, sleeps and
counts them. ``run(send)`` calls ``send()`` until it succeeds, a non-retryable outcome
arrives, the attempts are used up, or the next wait would cross the request's deadline
(then the last response or error is returned/raised as is).

- Retryable: HTTP ``429``, ``502``, ``503``, ``504`` and :class:`httpx.TransportError`
  (connect errors, timeouts, protocol errors).
- Wait: ``Retry-After`` when the store sends it, else (on ``429``) ``X-RateLimit-Reset``,
  else exponential backoff with full jitter: ``uniform(0, min(cap, base * 2**n))``; the
  wait is handed to stamina as its backoff hook's answer.
- Non-idempotent calls (``idempotent=False``, e.g. POST) are retried only when the
  request provably never reached the store: the connection could not be opened
  (:class:`httpx.ConnectError`, :class:`httpx.ConnectTimeout`) or no pooled connection
  was free (:class:`httpx.PoolTimeout`).

The first attempt is made without stamina — setting up its retry context costs about
90 µs, as much as the rest of an upstream call's own work — and only a retryable outcome
enters it, as that context's first trial (replayed, not sent again), so stamina counts,
waits and gives up exactly as if it had made every attempt.

Tests switch backoff off stamina's way: ``stamina.set_testing(True, attempts=N,
cap=True)`` (no sleeps; the policy's attempt counts unchanged up to ``N``; the computed
delays are still reported to ``on_retry``).
"""

from __future__ import annotations

import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import httpx
import stamina
import stamina.instrumentation

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

# The gateway reports its retries itself (log line, span attribute, metric) with the
# store and route; stamina's default hooks would log exception reprs (which can name
# upstream hosts) and count into the process-global Prometheus registry.
stamina.instrumentation.set_on_retry_hooks([])

OnRetry = Callable[[int, float, "httpx.Response | BaseException"], None]
"""Called before each wait with (attempt just made, delay in s, its outcome)."""


class _RetryableResponse(Exception):
    """An HTTP answer worth another attempt, carried through stamina as an exception."""

    def __init__(self, response: httpx.Response) -> None:
        super().__init__(response.status_code)
        self.response = response


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
        on_retry: OnRetry | None = None,
    ) -> httpx.Response:
        """Call ``send`` until done; returns the last response or raises the last error.

        ``deadline`` is on :attr:`clock`; no wait ever ends past it. ``on_retry`` is told
        of this call's retries (besides the policy's own :attr:`on_retry`).
        """
        first: httpx.Response | Exception
        try:  # most calls succeed at once: stamina's machinery is for the others
            response = await send()
        except Exception as error:
            if not self.is_retryable(error, idempotent=idempotent):
                raise
            first = error
        else:
            if not (idempotent and response.status_code in self.statuses):
                return response
            first = response
        return await self._retried(first, send, deadline, idempotent, on_retry)

    async def _retried(
        self,
        first: httpx.Response | Exception,
        send: Callable[[], Awaitable[httpx.Response]],
        deadline: float | None,
        idempotent: bool,
        on_retry: OnRetry | None,
    ) -> httpx.Response:
        """The attempts after a retryable ``first`` outcome, under stamina: its first
        trial replays ``first`` (so stamina counts, waits and gives up as if it had
        made that attempt itself)."""
        attempt = 0
        replay: httpx.Response | Exception | None = first

        def backoff(error: Exception) -> bool | float:
            """stamina's backoff hook: ``False`` stops, a number is the wait."""
            outcome = error.response if isinstance(error, _RetryableResponse) else error
            if attempt >= self.attempts or not self.is_retryable(outcome, idempotent=idempotent):
                return False
            delay = self.delay_for(attempt, outcome)
            if deadline is not None and self.clock() + delay >= deadline:
                return False
            for told in (self.on_retry, on_retry):
                if told is not None:
                    told(attempt, delay, outcome)
            return delay

        previous: httpx.Response | None = None
        try:
            async for trial in stamina.retry_context(
                on=backoff, attempts=self.attempts, timeout=None
            ):
                with trial:
                    attempt = trial.num
                    if previous is not None:
                        await previous.aclose()
                    if replay is not None:
                        outcome, replay = replay, None
                        if isinstance(outcome, Exception):
                            raise outcome
                        response = outcome
                    else:
                        response = await send()
                    if idempotent and response.status_code in self.statuses:
                        previous = response
                        raise _RetryableResponse(response)
                    return response
        except _RetryableResponse as last:
            return last.response
        raise AssertionError("unreachable")  # stamina re-raises the last error
