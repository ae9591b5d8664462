"""Prometheus metrics of the upstream calls, cache and rate-limit budgets.

Each :class:`Metrics` owns its own :class:`prometheus_client.CollectorRegistry` (never the
process-global one), so tests and several gateways in one process never collide.
``render()`` gives the text exposition served at ``/metrics``.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from gateway.sources import Source

LATENCY_BUCKETS_S = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
CACHE_HIT_KINDS = ("fresh", "revalidated", "stale", "coalesced", "negative")
CONTENT_TYPE = CONTENT_TYPE_LATEST


class Metrics:
    """The gateway's upstream metrics, in a registry of their own."""

    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        self.registry = registry or CollectorRegistry(auto_describe=True)
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

    def store_ready(self, source: Source, ready: bool) -> None:
        """What ``/readyz`` last found of a store (1 ready, 0 not)."""
        self.store_readiness.labels(source.value).set(1 if ready else 0)

    def request(self, source: Source, method: str, status: int | str, seconds: float) -> None:
        """One upstream HTTP exchange (``status`` may be ``"error"`` for transport failures)."""
        self.upstream_requests.labels(source.value, method.upper(), str(status)).inc()
        self.upstream_latency.labels(source.value).observe(seconds)

    def error(self, source: Source, code: str) -> None:
        self.upstream_errors.labels(source.value, code).inc()

    def cache_hit(self, source: Source, kind: str) -> None:
        if kind not in CACHE_HIT_KINDS:
            raise ValueError(f"unknown cache hit kind {kind!r}")
        self.cache_hits.labels(source.value, kind).inc()

    def cache_miss(self, source: Source) -> None:
        self.cache_misses.labels(source.value).inc()

    def remaining(self, source: Source, remaining: int) -> None:
        self.rate_limit_remaining.labels(source.value).set(remaining)

    def value(self, name: str, **labels: str) -> float:
        """A sample's current value (0 when absent) — handy in tests and health checks."""
        found = self.registry.get_sample_value(name, labels)
        return found or 0.0

    def render(self) -> bytes:
        """The Prometheus text exposition of these metrics."""
        return generate_latest(self.registry)
