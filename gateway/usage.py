"""THE record of what a request used upstream: one :class:`UpstreamUsage`, read by all.

What is recorded — by :class:`~gateway.upstream.UpstreamClient`, the only writer:

- every exchange sent (:class:`UpstreamCall`, each retry attempt its own): when it was
  sent and answered (the ``monotonic`` clock), its status and the store's processing
  time from its ``Server-Timing: app;dur=<ms>`` header;
- every read's answer: per store (:class:`StoreUsage`) whether it came from the store
  or the gateway's cache, fresh or stale and how stale, private to an end user or not,
  how long it stays fresh, and the budget the store last reported; and how what is built
  on it may be reused (:class:`~gateway.cache.Reuse`, ``None`` when it may not be);
- every write and every failure;
- an operation answered whole from the whole-response cache (:meth:`UpstreamUsage.reused`,
  recorded by the edge) and whether that cache was asked (:attr:`UpstreamUsage.response_cache`).

Records nest: the edge's request scope (:mod:`gateway.http.request_scope`) opens one per
HTTP request or WebSocket connection, and the endpoint one per GraphQL operation inside
it (:func:`recording`); whatever an operation records is also recorded in the request's
(:attr:`UpstreamUsage.parent`), so a batch's request record sums its operations while
each operation keeps its own reads. The current record travels in a context variable —
asyncio copies it into every task a request starts (DataLoader batches, coalesced
calls). Outside a request (``/readyz`` probes, tests driving a client directly) nothing
is recorded.

Who reads it:

- the whole-response cache stores an operation only when every read of *its* record may
  be reused (:attr:`UpstreamUsage.reads`);
- the edge: ``extensions.upstream`` (:meth:`UpstreamUsage.extensions`) and HTTP caching
  (:meth:`~UpstreamUsage.max_age`, :attr:`~UpstreamUsage.private`,
  :attr:`~UpstreamUsage.cacheable`, :attr:`~UpstreamUsage.stale`);
- the request log line (:meth:`UpstreamUsage.by_store`), the operation's span;
- the bench: ``extensions.upstreamCalls`` (:meth:`UpstreamUsage.as_json`) and the
  dependent levels and critical path it derives (:meth:`~UpstreamUsage.levels`,
  :meth:`~UpstreamUsage.critical_path`): a call *depends* on an earlier one when it was
  sent after that one was answered.

Only counts, timings, sources, methods and statuses leave it: never a path, URL, cache
key or credential. Times of freshness are epoch seconds on the recording client's clock.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar, Token
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from gateway.cache import Reuse, parse_cache_control
from gateway.ratelimit import RateLimitState
from gateway.sources import Source

if TYPE_CHECKING:
    from gateway.upstream import UpstreamResponse

SERVER_TIMING_HEADER = "server-timing"
STORE_TIMING_METRIC = "app"
"""The ``Server-Timing`` metric a store names its processing time with."""
MAX_KEPT = 10_000
"""A record keeps at most this many calls and reads one by one (a WebSocket connection
lives long); past it the counts per store still grow and the reads count as not
reusable."""

_current: ContextVar[UpstreamUsage | None] = ContextVar("storegraph_upstream_usage", default=None)


@dataclass(frozen=True, slots=True)
class UpstreamCall:
    """One exchange with a store, as the gateway saw it."""

    source: Source
    method: str
    started: float
    ended: float
    status: int | None
    """``None`` when no response came (connection error, timeout)."""
    store_ms: float | None
    """The store's processing time (its ``Server-Timing``), if it sent one."""


@dataclass(slots=True)
class StoreUsage:
    """What one record used of one store."""

    sent: int = 0
    """HTTP exchanges sent to the store (each retry attempt and revalidation counts)."""
    from_store: int = 0
    """Reads the store answered with a body (one shared with an identical in-flight call
    included)."""
    from_cache: int = 0
    """Reads whose body came from the gateway's cache: fresh, revalidated by a ``304``,
    or stale."""
    writes: int = 0
    failures: int = 0
    """Reads or writes that ended in an error."""
    stale_for_s: float | None = None
    """How long past its freshness the stalest part served was (``None``: nothing stale)."""
    private: bool = False
    """Some part was read with an end user's credential or marked private by the store."""
    fresh_until: float | None = None
    """When the first part read stops being fresh (the shortest remaining freshness)."""
    limit: int | None = None
    remaining: int | None = None
    reset_at: float | None = None
    """The store's budget as it last reported it (``X-RateLimit-*``)."""

    @property
    def stale(self) -> bool:
        return self.stale_for_s is not None

    def report(self, budget: RateLimitState) -> None:
        """Take the store's budget as last reported (parts it never reported stay)."""
        if budget.limit is not None:
            self.limit = budget.limit
        if budget.remaining is not None:
            self.remaining = budget.remaining
        if budget.reset is not None:
            self.reset_at = budget.reset

    def extensions(self, now: float) -> dict[str, Any]:
        """This store's entry in ``extensions.upstream``."""
        entry: dict[str, Any] = {
            "fromStore": self.from_store,
            "fromCache": self.from_cache,
            "stale": self.stale,
        }
        if self.stale_for_s is not None:
            entry["staleSeconds"] = round(self.stale_for_s, 1)
        if self.writes:
            entry["writes"] = self.writes
        if self.failures:
            entry["failures"] = self.failures
        rate: dict[str, Any] = {}
        if self.limit is not None:
            rate["limit"] = self.limit
        if self.remaining is not None:
            rate["remaining"] = self.remaining
        if self.reset_at is not None:
            rate["resetAt"] = datetime.fromtimestamp(self.reset_at, UTC).isoformat()
            rate["resetSeconds"] = max(0, round(self.reset_at - now))
        if rate:
            entry["rateLimit"] = rate
        return entry


@dataclass(slots=True)
class UpstreamUsage:
    """What one request (or one operation of it) used upstream (see the module docstring)."""

    started: float = field(default_factory=time.monotonic)
    calls: list[UpstreamCall] = field(default_factory=list)
    """Every exchange, in the order they were answered (at most :data:`MAX_KEPT`)."""
    reads: list[Reuse | None] = field(default_factory=list)
    """How each upstream answer read may be reused (``None``: it may not)."""
    stores: dict[Source, StoreUsage] = field(default_factory=dict)
    parent: UpstreamUsage | None = None
    """The enclosing record (an operation's request), which records everything too."""
    reused_until: float | None = None
    """An operation answered whole from the whole-response cache is fresh until then."""
    reused_private: bool = False
    response_cache: str | None = None
    """``hit`` / ``miss`` when the whole-response cache was asked for this operation."""

    def _lineage(self) -> Iterator[UpstreamUsage]:
        record: UpstreamUsage | None = self
        while record is not None:
            yield record
            record = record.parent

    def _store(self, source: Source) -> StoreUsage:
        usage = self.stores.get(source)
        if usage is None:
            usage = self.stores[source] = StoreUsage()
        return usage

    # ------------------------------------------------------------------ recording

    def add(self, call: UpstreamCall) -> None:
        """An exchange was sent and answered (or failed to be)."""
        for record in self._lineage():
            record._store(call.source).sent += 1
            if len(record.calls) < MAX_KEPT:
                record.calls.append(call)

    def answered(
        self,
        source: Source,
        response: UpstreamResponse,
        budget: RateLimitState,
        private: bool,
        now: float,
        *,
        max_age: float | None = None,
    ) -> None:
        """A read answered by ``response``; ``private`` when it carried an end user's
        credential (the store's ``Cache-Control: private`` also makes it private);
        ``max_age``: what the read was asked with (what is built on it is no older)."""
        fresh_until = now if response.fresh_until is None else response.fresh_until
        stale_for = max(0.0, now - fresh_until) if response.stale else None
        if response.stale:
            fresh_until = now
        marked = "private" in parse_cache_control(response.headers.get("cache-control"))
        reuse = _within(response.reuse, max_age, now)
        for record in self._lineage():
            usage = record._store(source)
            if response.from_cache:
                usage.from_cache += 1
            else:
                usage.from_store += 1
            if stale_for is not None:
                usage.stale_for_s = max(usage.stale_for_s or 0.0, stale_for)
            usage.private = usage.private or private or marked
            if usage.fresh_until is None or fresh_until < usage.fresh_until:
                usage.fresh_until = fresh_until
            usage.report(budget)
            record._read(reuse)

    def failed(self, source: Source, budget: RateLimitState, *, read: bool = False) -> None:
        """A read (``read=True``: nothing built on it is reusable) or write failed."""
        for record in self._lineage():
            usage = record._store(source)
            usage.failures += 1
            usage.report(budget)
            if read:
                record._read(None)

    def wrote(self, source: Source) -> None:
        """A write was sent (the answer, whatever it is, is not reusable)."""
        for record in self._lineage():
            record._store(source).writes += 1

    def reused(self, *, fresh_until: float, private: bool) -> None:
        """An operation was answered whole from the whole-response cache (its parts'
        shortest freshness and whether any was private)."""
        for record in self._lineage():
            if record.reused_until is None or fresh_until < record.reused_until:
                record.reused_until = fresh_until
            record.reused_private = record.reused_private or private

    def _read(self, reuse: Reuse | None) -> None:
        if len(self.reads) < MAX_KEPT:
            self.reads.append(reuse)
        elif self.reads[-1] is not None:
            self.reads[-1] = None  # more than can be kept: not reusable

    # ------------------------------------------------------------------ reading

    @property
    def touched(self) -> bool:
        """Some store was read or written."""
        return bool(self.stores)

    @property
    def private(self) -> bool:
        return self.reused_private or any(store.private for store in self.stores.values())

    @property
    def stale(self) -> bool:
        return any(store.stale for store in self.stores.values())

    @property
    def cacheable(self) -> bool:
        """Nothing was written and nothing failed: the answer may be reused."""
        return not any(s.writes or s.failures for s in self.stores.values())

    def max_age(self, now: float) -> float | None:
        """Seconds until the first part read stops being fresh (``None``: nothing read)."""
        ends = [s.fresh_until for s in self.stores.values() if s.fresh_until is not None]
        if self.reused_until is not None:
            ends.append(self.reused_until)
        if not ends:
            return None
        return max(0.0, min(ends) - now)

    def extensions(self, now: float) -> dict[str, Any]:
        """``{"LITEKART": {...}, ...}`` for ``extensions.upstream``, stores by name."""
        return {
            source.name: usage.extensions(now)
            for source, usage in sorted(self.stores.items(), key=lambda item: item[0].name)
        }

    def by_store(self) -> dict[str, dict[str, int]]:
        """Per store (by its value): ``calls`` sent, ``cache_hits``, and ``writes`` /
        ``failures`` when there were any — the request log line's ``upstream``."""
        summary: dict[str, dict[str, int]] = {}
        for source, usage in sorted(self.stores.items(), key=lambda item: item[0].value):
            entry = {"calls": usage.sent, "cache_hits": usage.from_cache}
            if usage.writes:
                entry["writes"] = usage.writes
            if usage.failures:
                entry["failures"] = usage.failures
            summary[source.value] = entry
        return summary

    def levels(self) -> int:
        """Dependent levels taken: the longest chain of calls each sent after the
        previous one was answered (0 with no calls; independent calls are one level)."""
        return len(self._longest_chain(lambda call: 1.0))

    def critical_path(self, weight: Callable[[UpstreamCall], float]) -> float:
        """The heaviest chain of dependent calls, each call weighing ``weight(call)``."""
        return sum(weight(call) for call in self._longest_chain(weight))

    def _longest_chain(self, weight: Callable[[UpstreamCall], float]) -> list[UpstreamCall]:
        by_start = sorted(self.calls, key=lambda call: call.started)
        best: list[tuple[float, int]] = []  # per call: (chain weight ending here, previous index)
        for i, call in enumerate(by_start):
            total, previous = weight(call), -1
            for j in range(i):
                if by_start[j].ended <= call.started and best[j][0] + weight(call) > total:
                    total, previous = best[j][0] + weight(call), j
            best.append((total, previous))
        if not best:
            return []
        index = max(range(len(best)), key=lambda i: best[i][0])
        chain = []
        while index >= 0:
            chain.append(by_start[index])
            index = best[index][1]
        return chain[::-1]

    def as_json(self) -> list[dict[str, object]]:
        """The calls for a response's ``extensions``: times in ms from the record's start."""
        return [
            {
                "source": call.source.value,
                "method": call.method,
                "startMs": round((call.started - self.started) * 1000, 3),
                "endMs": round((call.ended - self.started) * 1000, 3),
                "status": call.status,
                "storeMs": call.store_ms,
            }
            for call in self.calls
        ]


def current() -> UpstreamUsage | None:
    """The record of the request (or operation) being served, if any."""
    return _current.get()


def enter(usage: UpstreamUsage) -> Token[UpstreamUsage | None]:
    """Make ``usage`` the current record; :func:`leave` undoes it."""
    return _current.set(usage)


def leave(token: Token[UpstreamUsage | None]) -> None:
    _current.reset(token)


@contextmanager
def recording() -> Iterator[UpstreamUsage]:
    """A fresh record, current for the block (one GraphQL operation), inside the current
    one (its request's) if there is one."""
    usage = UpstreamUsage(parent=_current.get())
    token = _current.set(usage)
    try:
        yield usage
    finally:
        _current.reset(token)


def _within(reuse: Reuse | None, max_age: float | None, now: float) -> Reuse | None:
    """What is built from a read asked with ``max_age`` is no older than it either (a
    job's poll, ``max_age=0``: never reused)."""
    if reuse is None or max_age is None:
        return reuse
    if max_age <= 0:
        return None
    return dataclasses.replace(reuse, fresh_until=min(reuse.fresh_until, now + max_age))


def store_time_ms(headers: Mapping[str, str]) -> float | None:
    """The store's processing time from ``Server-Timing: app;dur=1.5`` (``None`` if absent)."""
    for metric in headers.get(SERVER_TIMING_HEADER, "").split(","):
        name, *params = (part.strip() for part in metric.split(";"))
        if name != STORE_TIMING_METRIC:
            continue
        for param in params:
            key, _, value = param.partition("=")
            if key.strip() == "dur":
                try:
                    return float(value)
                except ValueError:
                    return None
    return None
