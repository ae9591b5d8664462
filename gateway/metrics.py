"""Prometheus metrics of the gateway's requests and of its upstream calls, cache and
rate-limit budgets.

Each :class:`Metrics` owns its own :class:`prometheus_client.CollectorRegistry` (never the
process-global one), so tests and several gateways in one process never collide.
``render()`` gives the text exposition served at ``/metrics``; no ``_created`` series.

Gateway requests: ``storegraph_graphql_requests_total{operation,type,outcome}``,
``storegraph_graphql_request_seconds{operation}``,
``storegraph_graphql_errors_total{code}``, ``storegraph_graphql_in_flight``,
``storegraph_response_cache_total{result}`` and ``storegraph_apq_total{result}`` (hit
ratio: ``hit / (hit + miss)``), ``storegraph_subscriptions_active`` (kept by
:mod:`gateway.telemetry.operation`: a subscription is counted there, not in flight, and
never timed). The ``operation``
label is the operation's name for the first :data:`MAX_OPERATION_NAMES` names seen,
``other`` after that, ``anonymous`` for unnamed operations and ``unknown`` when the
document did not parse — a client cannot grow the series without bound.

With ``traced=True`` the upstream observations are also set on the current span (the
upstream call's, see :mod:`gateway.telemetry.tracing`).
"""

from __future__ import annotations

import threading
from typing import Any

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    disable_created_metrics,
    generate_latest,
)
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from gateway.sources import Source
from gateway.telemetry import tracing

disable_created_metrics()  # the _created series describe nothing an operator needs

LATENCY_BUCKETS_S = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
CACHE_HIT_KINDS = ("fresh", "revalidated", "stale", "coalesced", "negative")
CONTENT_TYPE = CONTENT_TYPE_LATEST
MAX_OPERATION_NAMES = 50
OUTCOMES = ("ok", "partial", "error")
OTHER = "other"
ANONYMOUS = "anonymous"
UNKNOWN = "unknown"
RESERVED_NAMES = frozenset({OTHER, ANONYMOUS, UNKNOWN})
"""Labels of the vocabulary itself: always labels, never counted against the bound."""


class OperationNames:
    """Bounds the ``operation`` label: the first ``limit`` names, then :data:`OTHER`."""

    def __init__(self, limit: int = MAX_OPERATION_NAMES) -> None:
        self.limit = limit
        self._seen: set[str] = set()
        self._lock = threading.Lock()

    def label(self, name: str) -> str:
        if name in self._seen or name in RESERVED_NAMES:
            return name
        with self._lock:
            if len(self._seen) < self.limit:
                self._seen.add(name)
                return name
        return OTHER


class Metrics:
    """The gateway's metrics, in a registry of their own."""

    def __init__(self, registry: CollectorRegistry | None = None, *, traced: bool = False) -> None:
        self.registry = registry or CollectorRegistry(auto_describe=True)
        self.traced = traced
        self.operation_names = OperationNames()
        self._children: dict[tuple[object, ...], Any] = {}
        """Labelled series already made (prometheus_client's ``labels()`` takes a lock and
        builds its key on every call; an operation counts several per request)."""
        self.graphql_requests = Counter(
            "storegraph_graphql_requests_total",
            "GraphQL operations, by operation name, type and outcome (ok|partial|error).",
            ("operation", "type", "outcome"),
            registry=self.registry,
        )
        self.graphql_latency = Histogram(
            "storegraph_graphql_request_seconds",
            "Time to answer one GraphQL query or mutation (subscriptions are not timed).",
            ("operation",),
            buckets=LATENCY_BUCKETS_S,
            registry=self.registry,
        )
        self.graphql_errors = Counter(
            "storegraph_graphql_errors_total",
            "Errors in GraphQL responses, by extensions.code.",
            ("code",),
            registry=self.registry,
        )
        self.in_flight = Gauge(
            "storegraph_graphql_in_flight",
            "GraphQL queries and mutations being answered right now (not subscriptions).",
            registry=self.registry,
        )
        self.response_cache = Counter(
            "storegraph_response_cache_total",
            "Whole-response cache lookups (hit|miss).",
            ("result",),
            registry=self.registry,
        )
        self.apq = Counter(
            "storegraph_apq_total",
            "Automatic persisted query lookups by hash (hit|miss).",
            ("result",),
            registry=self.registry,
        )
        self.subscriptions = Gauge(
            "storegraph_subscriptions_active",
            "GraphQL subscriptions open right now.",
            registry=self.registry,
        )
        self.upstream_retries = Counter(
            "storegraph_upstream_retries_total",
            "Upstream attempts retried, by what the previous attempt got.",
            ("source", "reason"),
            registry=self.registry,
        )
        self.upstream_requests = Counter(
            "storegraph_upstream_requests_total",
            "HTTP requests sent to the stores, by answer status.",
            ("source", "method", "status"),
            registry=self.registry,
        )
        self.upstream_latency = Histogram(
            "storegraph_upstream_latency_seconds",
            "Time for one upstream HTTP request.",
            ("source",),
            buckets=LATENCY_BUCKETS_S,
            registry=self.registry,
        )
        self.upstream_errors = Counter(
            "storegraph_upstream_errors_total",
            "Upstream calls that ended in a gateway error, by error code.",
            ("source", "code"),
            registry=self.registry,
        )
        self.cache_hits = Counter(
            "storegraph_cache_hits_total",
            "Reads answered without a full upstream response (fresh|revalidated|stale|coalesced).",
            ("source", "kind"),
            registry=self.registry,
        )
        self.cache_misses = Counter(
            "storegraph_cache_misses_total",
            "Reads that needed a full upstream response.",
            ("source",),
            registry=self.registry,
        )
        self.store_readiness = Gauge(
            "storegraph_store_ready",
            "Whether each store answered the last readiness probe (1) or not (0).",
            ("source",),
            registry=self.registry,
        )
        self.rate_limit_remaining = Gauge(
            "storegraph_rate_limit_remaining",
            "Last X-RateLimit-Remaining seen from each store.",
            ("source",),
            registry=self.registry,
        )

    # ------------------------------------------------------------------ gateway requests

    def operation(
        self, name: str, kind: str, outcome: str, seconds: float | None, codes: list[str]
    ) -> None:
        """One GraphQL operation answered (``name`` already ``anonymous``/``unknown``
        when it has none); ``codes``: its errors' ``extensions.code``; ``seconds``:
        ``None`` for a subscription (its lifetime is no latency)."""
        label = self.operation_names.label(name)
        self._child(self.graphql_requests, label, kind, outcome).inc()
        if seconds is not None:
            self._child(self.graphql_latency, label).observe(seconds)
        for code in codes:
            self._child(self.graphql_errors, code).inc()

    def response_cache_lookup(self, hit: bool) -> None:
        self._child(self.response_cache, "hit" if hit else "miss").inc()

    def _child(self, metric: Any, *labels: str) -> Any:
        """``metric.labels(*labels)``, made once (the labels are bounded vocabularies)."""
        key = (metric, *labels)
        child = self._children.get(key)
        if child is None:
            child = self._children[key] = metric.labels(*labels)
        return child

    def apq_lookup(self, hit: bool) -> None:
        self._child(self.apq, "hit" if hit else "miss").inc()

    # ------------------------------------------------------------------ upstream calls
    def store_ready(self, source: Source, ready: bool) -> None:
        """What ``/readyz`` last found of a store (1 ready, 0 not)."""
        self.store_readiness.labels(source.value).set(1 if ready else 0)

    def request(self, source: Source, method: str, status: int | str, seconds: float) -> None:
        """One upstream HTTP exchange (``status`` may be ``"error"`` for transport failures)."""
        self._child(self.upstream_requests, source.value, method.upper(), str(status)).inc()
        self._child(self.upstream_latency, source.value).observe(seconds)
        if self.traced:
            tracing.count_attempt(status)

    def retry(self, source: Source, attempt: int, delay_s: float, reason: str) -> None:
        """Attempt ``attempt`` got ``reason`` (a status or an error kind); another follows."""
        self._child(self.upstream_retries, source.value, reason).inc()
        if self.traced:
            tracing.mark_retry(attempt, delay_s, reason)

    def error(self, source: Source, code: str) -> None:
        self._child(self.upstream_errors, source.value, code).inc()
        if self.traced:
            tracing.mark_error(code)

    def cache_hit(self, source: Source, kind: str) -> None:
        if kind not in CACHE_HIT_KINDS:
            raise ValueError(f"unknown cache hit kind {kind!r}")
        self._child(self.cache_hits, source.value, kind).inc()
        if self.traced:
            tracing.annotate(**{tracing.CACHE: kind})

    def cache_miss(self, source: Source) -> None:
        self._child(self.cache_misses, source.value).inc()
        if self.traced:
            tracing.annotate(**{tracing.CACHE: "miss"})

    def remaining(self, source: Source, remaining: int) -> None:
        self.rate_limit_remaining.labels(source.value).set(remaining)
        if self.traced:
            tracing.annotate(**{tracing.REMAINING: remaining})

    def value(self, name: str, **labels: str) -> float:
        """A sample's current value (0 when absent) — handy in tests and health checks."""
        found = self.registry.get_sample_value(name, labels)
        return found or 0.0

    def render(self) -> bytes:
        """The Prometheus text exposition of these metrics."""
        return generate_latest(self.registry)
