"""storegraph's gateway: how it calls the stores' REST APIs, caches and batches.

Public names live in small modules and are re-exported here.
"""

from gateway.auth import Auth, BearerAuth, NoAuth, OAuthClientCredentials, auth_from_settings
from gateway.batching import chunked, fan_out, make_loader
from gateway.cache import CachedResponse, CacheKey, ResponseCache, fingerprint
from gateway.errors import (
    BadUpstreamRequest,
    BadUserInput,
    Forbidden,
    GatewayError,
    NotFound,
    RateLimited,
    Unauthenticated,
    UpstreamError,
    UpstreamTimeout,
    UpstreamUnavailable,
    error_for_status,
)
from gateway.metrics import Metrics
from gateway.ratelimit import RateLimitRegistry, RateLimitState
from gateway.retry import RetryPolicy
from gateway.settings import RateLimitReserve, Settings, SettingsError, StoreSettings
from gateway.sources import Source
from gateway.upstream import UpstreamClient, UpstreamResponse, default_parse_error

__all__ = [
    "Auth",
    "BadUpstreamRequest",
    "BadUserInput",
    "BearerAuth",
    "CacheKey",
    "CachedResponse",
    "Forbidden",
    "GatewayError",
    "Metrics",
    "NoAuth",
    "NotFound",
    "OAuthClientCredentials",
    "RateLimitRegistry",
    "RateLimitReserve",
    "RateLimitState",
    "RateLimited",
    "ResponseCache",
    "RetryPolicy",
    "Settings",
    "SettingsError",
    "Source",
    "StoreSettings",
    "Unauthenticated",
    "UpstreamClient",
    "UpstreamError",
    "UpstreamResponse",
    "UpstreamTimeout",
    "UpstreamUnavailable",
    "auth_from_settings",
    "chunked",
    "default_parse_error",
    "error_for_status",
    "fan_out",
    "fingerprint",
    "make_loader",
]
