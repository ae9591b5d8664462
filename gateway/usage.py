"""The per-request record of upstream usage: every exchange a request made with a store.

One :class:`UpstreamUsage` is opened per GraphQL request (:func:`recording`) and is the
current record for everything that request runs — including tasks it spawns, since a
task copies the context it was created in. :class:`~gateway.upstream.UpstreamClient`
adds one :class:`UpstreamCall` per exchange it sends (each retry attempt is an exchange;
answers from the cache send nothing and add nothing). A call made outside any request
(``/readyz`` probes, tests driving a client directly) is recorded nowhere.

Each call keeps when it was sent and answered (the ``monotonic`` clock), its status, and
the store's own processing time from its ``Server-Timing: app;dur=<ms>`` header. From
those the record derives what the bench reports (:meth:`UpstreamUsage.levels`,
:meth:`UpstreamUsage.critical_path`): a call *depends* on an earlier one when it was sent
after that one was answered, and the longest such chain is the dependent levels the
request actually took.

It also keeps, per upstream read (cached or not), how the answer may be reused
(:class:`~gateway.cache.Reuse`): the whole-response cache stores a response only when
every part of it may be.

Only timings, sources, methods and statuses are shown to a client
(:meth:`UpstreamUsage.as_json`): never a path, URL, cache key or credential.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from gateway.cache import Reuse
from gateway.sources import Source

SERVER_TIMING_HEADER = "server-timing"
STORE_TIMING_METRIC = "app"
"""The ``Server-Timing`` metric a store names its processing time with."""

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
class UpstreamUsage:
    """Every exchange one request made, in the order they were answered."""

    started: float = field(default_factory=time.monotonic)
    calls: list[UpstreamCall] = field(default_factory=list)
    reads: list[Reuse | None] = field(default_factory=list)
    """How each upstream answer the request read may be reused (``None``: it may not)."""

    def add(self, call: UpstreamCall) -> None:
        self.calls.append(call)

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
        """The calls for a response's ``extensions``: times in ms from the request start."""
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
    """The record of the request being served, if any."""
    return _current.get()


@contextmanager
def recording() -> Iterator[UpstreamUsage]:
    """Open a fresh record as the current one for the block (one GraphQL request)."""
    usage = UpstreamUsage()
    token = _current.set(usage)
    try:
        yield usage
    finally:
        _current.reset(token)


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
