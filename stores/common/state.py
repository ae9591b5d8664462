"""Control-plane state of one store simulator.

Holds the injectable config (latency, faults, rate-limit override, token
lifetime, webhook subscriptions), the request counters per route template, and
the fixed rate-limit windows per (rule, credential).
"""

from __future__ import annotations

import math
import random
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

DEFAULT_TOKEN_TTL_S = 3600


@dataclass(frozen=True)
class RateLimitRule:
    """A budget of ``limit`` requests per ``window_s`` seconds, counted per
    credential. ``name`` separates budgets (e.g. Litestore's content generation)."""

    name: str
    limit: int
    window_s: float


@dataclass
class Window:
    """One fixed rate-limit window."""

    started: float
    count: int = 0


@dataclass
class RateDecision:
    """The outcome of charging one request against a budget."""

    allowed: bool
    limit: int
    remaining: int
    reset: int  # unix epoch seconds when the window ends

    def headers(self) -> dict[str, str]:
        return {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(self.remaining),
            "X-RateLimit-Reset": str(self.reset),
        }

    def retry_after(self, now: float) -> int:
        return max(1, math.ceil(self.reset - now))


@dataclass
class SimConfig:
    """What ``PUT /__sim/config`` can change."""

    latency_ms: float = 0.0
    jitter_ms: float = 0.0
    error_rate: float = 0.0
    fail_next: dict[str, int] = field(default_factory=lambda: {"count": 0, "status": 503})
    rate_limit: dict[str, float] | None = None  # {"limit": N, "window_s": S} overrides every rule
    token_ttl_s: float = DEFAULT_TOKEN_TTL_S
    webhooks: list[dict[str, Any]] = field(default_factory=list)  # [{url, secret, events}]

    def as_dict(self) -> dict[str, Any]:
        return {
            "latency_ms": self.latency_ms,
            "jitter_ms": self.jitter_ms,
            "error_rate": self.error_rate,
            "fail_next": dict(self.fail_next),
            "rate_limit": dict(self.rate_limit) if self.rate_limit else None,
            "token_ttl_s": self.token_ttl_s,
            "webhooks": [dict(w) for w in self.webhooks],
        }


class SimState:
    """Counters, windows and config of one store; one instance per app."""

    def __init__(self, clock: Any = time.time) -> None:
        self.clock = clock
        self.config = SimConfig()
        self.route_counts: Counter[str] = Counter()
        self.windows: dict[tuple[str, str], Window] = {}
        self.random = random.Random(0)

    # -- stats -----------------------------------------------------------------
    def count(self, route_key: str) -> None:
        self.route_counts[route_key] += 1

    def stats(self) -> dict[str, Any]:
        return {"total": sum(self.route_counts.values()), "routes": dict(self.route_counts)}

    def reset(self) -> None:
        self.route_counts.clear()
        self.windows.clear()

    # -- rate limits -----------------------------------------------------------
    def effective(self, rule: RateLimitRule) -> RateLimitRule:
        override = self.config.rate_limit
        if not override:
            return rule
        return RateLimitRule(
            rule.name,
            int(override.get("limit", rule.limit)),
            float(override.get("window_s", rule.window_s)),
        )

    def charge(self, rule: RateLimitRule, credential: str) -> RateDecision:
        """Count one request against ``rule`` for ``credential``."""
        rule = self.effective(rule)
        now = self.clock()
        key = (rule.name, credential)
        window = self.windows.get(key)
        if window is None or now >= window.started + rule.window_s:
            window = Window(started=now)
            self.windows[key] = window
        reset = math.ceil(window.started + rule.window_s)
        if window.count >= rule.limit:
            return RateDecision(False, rule.limit, 0, reset)
        window.count += 1
        return RateDecision(True, rule.limit, rule.limit - window.count, reset)

    # -- faults ----------------------------------------------------------------
    def injected_fault(self) -> int | None:
        """The status of a fault to inject into this request, if any."""
        fail_next = self.config.fail_next
        if fail_next.get("count", 0) > 0:
            fail_next["count"] -= 1
            return int(fail_next.get("status", 503))
        if self.config.error_rate > 0 and self.random.random() < self.config.error_rate:
            return 503
        return None

    def latency_s(self) -> float:
        cfg = self.config
        jitter = self.random.uniform(0, cfg.jitter_ms) if cfg.jitter_ms > 0 else 0.0
        return max(0.0, cfg.latency_ms + jitter) / 1000.0

    def update_config(self, patch: dict[str, Any]) -> None:
        """Apply a validated ``PUT /__sim/config`` body."""
        cfg = self.config
        for key, value in patch.items():
            if key == "fail_next" and value is not None:
                cfg.fail_next = {
                    "count": int(value.get("count", 0)),
                    "status": int(value.get("status", 503)),
                }
            elif key == "rate_limit":
                cfg.rate_limit = dict(value) if value else None
            elif key == "webhooks":
                cfg.webhooks = [dict(w) for w in value or []]
            elif value is not None:
                setattr(cfg, key, value)
