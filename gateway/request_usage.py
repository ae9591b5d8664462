"""The per-request record of what a response used upstream.

One :class:`RequestUsage` exists per incoming HTTP request (made by the edge's
request-scope middleware, reachable as ``info.context.usage`` and
``request.state.usage``). :class:`~gateway.upstream.UpstreamClient` fills it on every
read and write it answers for that request — whether the answer came from the store or
the gateway's cache, fresh or stale and how stale, whether it was private to an end
user, how long it stays fresh, and the rate-limit budget the store last reported.

Readers:

- the edge's HTTP caching turns it into ``Cache-Control`` (:meth:`RequestUsage.max_age`,
  :attr:`RequestUsage.private`, :attr:`RequestUsage.cacheable`);
- every GraphQL response that touched a store carries :meth:`RequestUsage.extensions`
  under ``extensions.upstream``;
- the whole-response cache and the request log line read the same object.

Times are epoch seconds on the clock of the client that recorded them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from gateway.cache import parse_cache_control
from gateway.ratelimit import RateLimitState
from gateway.sources import Source

if TYPE_CHECKING:
    from gateway.upstream import UpstreamResponse


@dataclass
class StoreUsage:
    """What one request used of one store."""

    from_store: int = 0
    """Reads the store answered with a body for this request (one shared with an
    identical in-flight call included)."""
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


class RequestUsage:
    """Per store, what one request used (see the module docstring)."""

    def __init__(self) -> None:
        self.stores: dict[Source, StoreUsage] = {}
        self.reused_until: float | None = None
        """An operation answered whole from the operation cache is fresh until then."""
        self.reused_private = False

    def _store(self, source: Source) -> StoreUsage:
        usage = self.stores.get(source)
        if usage is None:
            usage = self.stores[source] = StoreUsage()
        return usage

    # ------------------------------------------------------------------ recording

    def answered(
        self,
        source: Source,
        response: UpstreamResponse,
        budget: RateLimitState,
        private: bool,
        now: float,
    ) -> None:
        """A read answered by ``response``; ``private`` when it carried an end user's
        credential (the store's ``Cache-Control: private`` also makes it private)."""
        usage = self._store(source)
        if response.from_cache:
            usage.from_cache += 1
        else:
            usage.from_store += 1
        fresh_until = now if response.fresh_until is None else response.fresh_until
        if response.stale:
            age = max(0.0, now - fresh_until)
            usage.stale_for_s = max(usage.stale_for_s or 0.0, age)
            fresh_until = now
        marked = "private" in parse_cache_control(response.headers.get("cache-control"))
        usage.private = usage.private or private or marked
        if usage.fresh_until is None or fresh_until < usage.fresh_until:
            usage.fresh_until = fresh_until
        usage.report(budget)

    def reused(self, *, fresh_until: float, private: bool) -> None:
        """An operation was answered whole from the operation cache (its parts' shortest
        freshness and whether any was private)."""
        if self.reused_until is None or fresh_until < self.reused_until:
            self.reused_until = fresh_until
        self.reused_private = self.reused_private or private

    def wrote(self, source: Source) -> None:
        """A write was sent (the answer, whatever it is, is not reusable)."""
        self._store(source).writes += 1

    def failed(self, source: Source, budget: RateLimitState) -> None:
        """A read or write ended in an error."""
        usage = self._store(source)
        usage.failures += 1
        usage.report(budget)

    # ------------------------------------------------------------------ reading

    @property
    def touched(self) -> bool:
        """Some store was read or written for this request."""
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
