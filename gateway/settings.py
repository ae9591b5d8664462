"""Gateway configuration on pydantic-settings: per-store settings plus gateway-wide limits.

``Settings.from_env()`` reads ``STOREGRAPH_*`` environment variables and an optional
TOML file (``STOREGRAPH_CONFIG`` or the ``toml_path`` argument); the environment wins
over the file, the file over the defaults declared on the fields below. ``Settings()``
does the same from the process environment, keyword arguments winning over both. A
store whose ``url`` is ``None`` is served embedded (in-process). Invalid values raise
:class:`SettingsError` naming the variable (or the file's key). ``repr()`` and
:func:`describe` never show a secret.

Names: a gateway-wide field ``x`` is ``STOREGRAPH_X`` and ``x = ...`` in the file; a
store field ``y`` is ``STOREGRAPH_<SOURCE>_Y`` and ``y = ...`` under ``[stores.<source>]``
(``<SOURCE>`` is ``LITESTORE``, ``LITEKART``, ``FRESHSTORE``, ``REWARDS``, ``CATALOG``).
A field whose variable has another name declares it as ``validation_alias`` (e.g.
``request_deadline_s`` is ``STOREGRAPH_DEADLINE_S``); the file accepts both spellings.

The HTTP edge (:mod:`gateway.http`): ``STOREGRAPH_CORS_ORIGINS`` (comma-separated
origins, or ``*`` for credential-less use; unset: the embedded demo allows
``http://localhost:*``-style dev origins, a gateway over real stores allows none),
``STOREGRAPH_CORS_CREDENTIALS``, ``STOREGRAPH_CORS_MAX_AGE_S``, ``STOREGRAPH_CSRF``,
``STOREGRAPH_GRAPHIQL``, ``STOREGRAPH_APQ_MAX_BYTES``, ``STOREGRAPH_APQ_TTL_S``,
``STOREGRAPH_TRUSTED_DOCUMENTS`` (a manifest file), ``STOREGRAPH_TRUSTED_DOCUMENTS_ONLY``,
``STOREGRAPH_MAX_BATCH_OPERATIONS``, ``STOREGRAPH_COMPRESSION_MIN_BYTES``,
``STOREGRAPH_HTTP_CACHE_MAX_AGE_S``.

Operator tokens (see ``gateway.identity``) are the ``[jwt]`` group: ``STOREGRAPH_JWT_SECRET``
(HS256 shared secret), ``STOREGRAPH_JWT_JWKS_URL`` (an issuer's JWKS, RS256/ES256),
``STOREGRAPH_JWT_ISSUER`` / ``STOREGRAPH_JWT_AUDIENCE`` (both ``storegraph`` by default),
``STOREGRAPH_JWT_LEEWAY_S`` (clock skew, 30 s, at most 300). ``STOREGRAPH_INTROSPECTION``
(default on) switches introspection and GraphiQL off for production.

``STOREGRAPH_RATE_LIMIT_RESERVE`` is one or two comma-separated parts: a fraction
(``0.1`` or ``10%``) and/or a whole number of calls (``2``); e.g. ``10%,2`` keeps the
last 10% of the window, at least 2 calls. A part left out is zero; ``0`` disables it.

The file, e.g.::

    request_deadline_s = 8
    cache_max_entries = 5000
    [stores.catalog]
    url = "https://catalog.example.com"
    client_id = "..."

Adding a setting: declare a typed field with ``Field(default, description=...)`` on
:class:`Settings` (gateway-wide) or :class:`StoreSettings` (per store); annotate a
credential with :data:`Secret`. Parsing, precedence, error messages, masking and
``storegraph config`` follow from the declaration.
"""

from __future__ import annotations

import math
import os
import tomllib
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    AfterValidator,
    AliasChoices,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)
from pydantic.fields import FieldInfo
from pydantic_settings import (
    BaseSettings,
    EnvSettingsSource,
    InitSettingsSource,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)

from gateway.fx import DEFAULT_RATES, DEFAULT_RATES_DATE, RateTable, parse_rates, rate_entries
from gateway.sources import Source

ENV_PREFIX = "STOREGRAPH_"
CONFIG_ENV = "STOREGRAPH_CONFIG"
MASK = "***"
"""What a secret that is set looks like in ``repr()`` and ``storegraph config``."""

BROWSER_USER_AGENT = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/124.0 Safari/537.36"
)
"""FreshStore's WAF blocks generic user agents; its seed asks for a browser one."""
DEFAULT_USER_AGENT = "storegraph/0.1"

DEFAULT_TIMEOUT_S = 5.0
DEFAULT_TTL_S = 30.0
DEFAULT_MAX_CONCURRENCY = 32
"""Concurrent calls per store at most; the rate-limit budget lowers it as remaining falls."""
DEFAULT_REQUEST_DEADLINE_S = 10.0
DEFAULT_CACHE_MAX_ENTRIES = 10_000
DEFAULT_CACHE_MAX_BYTES = 64 * 1024 * 1024
DEFAULT_IDEMPOTENCY_TTL_S = 24 * 3600.0
DEFAULT_IDEMPOTENCY_MAX_KEYS = 10_000
DEFAULT_RESERVE_FRACTION = 0.10
DEFAULT_RESERVE_MINIMUM = 2
DEFAULT_RETRY_ATTEMPTS = 3
DEFAULT_NEGATIVE_TTL_S = 10.0
DEFAULT_STALE_IF_SLOW_MS = 300.0
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_CORS_MAX_AGE_S = 600
"""Browsers may reuse a preflight answer this long."""
DEFAULT_APQ_MAX_BYTES = 16 * 1024 * 1024
DEFAULT_APQ_TTL_S = 24 * 3600.0
DEFAULT_MAX_BATCH_OPERATIONS = 10
DEFAULT_COMPRESSION_MIN_BYTES = 1024
"""Smaller responses go uncompressed (the headers would cost more than they save)."""
DEFAULT_HTTP_CACHE_MAX_AGE_S = 300
"""No GET response is cacheable for longer, whatever the stores allow."""
DEFAULT_JWT_ISSUER = "storegraph"
DEFAULT_JWT_AUDIENCE = "storegraph"
DEFAULT_JWT_LEEWAY_S = 30.0
MAX_JWT_LEEWAY_S = 300.0
DEFAULT_WEBHOOK_TOLERANCE_S = 300.0
DEFAULT_SUBSCRIPTION_QUEUE_SIZE = 100
DEFAULT_SUBSCRIPTIONS_PER_CONNECTION = 20
DEFAULT_SUBSCRIPTION_KEEPALIVE_S = 15.0
DEFAULT_SUBSCRIPTION_INIT_TIMEOUT_S = 10.0

LITESTORE_MAX_BATCH = 1
"""Litestore has no multi-id filter: one id per call."""
LITEKART_MAX_BATCH = 100
"""Litekart lists take ``ids=a,b,c`` up to its page size."""
FRESHSTORE_MAX_BATCH = 1
REWARDS_MAX_BATCH = 100
"""Rewards (Strapi) takes ``filters[id][$in][]=...`` up to its page size."""
CATALOG_MAX_BATCH = 1

MAX_BATCH_BY_SOURCE: dict[Source, int] = {
    Source.LITESTORE: LITESTORE_MAX_BATCH,
    Source.LITEKART: LITEKART_MAX_BATCH,
    Source.FRESHSTORE: FRESHSTORE_MAX_BATCH,
    Source.REWARDS: REWARDS_MAX_BATCH,
    Source.CATALOG: CATALOG_MAX_BATCH,
}


class SettingsError(ValueError):
    """A configuration value is missing or malformed."""


# ---------------------------------------------------------------- value types


class _SecretMarker:
    """Field metadata: the value is a credential (masked wherever settings are shown)."""

    def __repr__(self) -> str:
        return "Secret"


SECRET = _SecretMarker()


def _blank_is_none(raw: Any) -> Any:
    if isinstance(raw, str):
        return raw.strip() or None
    return raw


def _store_url(raw: Any) -> Any:
    """``None``, blank or ``embedded`` mean the embedded simulator; else an http(s) URL."""
    if not isinstance(raw, str):
        return raw
    text = raw.strip()
    if not text or text.lower() == "embedded":
        return None
    if not text.startswith(("http://", "https://")) or len(text.split("://", 1)[1]) == 0:
        raise ValueError(f"{text!r} is not an http(s) URL (or 'embedded')")
    return text.rstrip("/")


def _http_url(raw: Any) -> Any:
    """``None`` or blank: not set; else an http(s) URL."""
    if not isinstance(raw, str):
        return raw
    text = raw.strip()
    if not text:
        return None
    if not text.startswith(("http://", "https://")) or len(text.split("://", 1)[1]) == 0:
        raise ValueError(f"{text!r} is not an http(s) URL")
    return text


def _tcp_port(value: int) -> int:
    if not 0 <= value <= 65535:
        raise ValueError(f"{value} is not a TCP port")
    return value


def _split_commas(raw: Any) -> Any:
    if isinstance(raw, str):
        return tuple(part.strip() for part in raw.split(",") if part.strip())
    return raw


OptionalText = Annotated[str | None, BeforeValidator(_blank_is_none)]
"""Text; blank means not set."""
Secret = Annotated[str | None, BeforeValidator(_blank_is_none), SECRET]
"""A credential: text, blank means not set, never shown."""
StoreUrl = Annotated[str | None, BeforeValidator(_store_url)]
"""An http(s) base URL without the trailing slash; ``None`` (or ``embedded``): in-process."""
HttpUrl = Annotated[str | None, BeforeValidator(_http_url)]
"""An http(s) URL; blank means not set."""
Port = Annotated[int, AfterValidator(_tcp_port)]
LogLevel = Annotated[
    Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"],
    BeforeValidator(lambda raw: raw.strip().upper() if isinstance(raw, str) else raw),
]
CommaList = Annotated[tuple[str, ...], NoDecode, BeforeValidator(_split_commas)]
"""A list given as ``a,b,c`` in a variable (or a TOML array in the file)."""


def _origins(raw: Any) -> Any:
    raw = _split_commas(raw)
    if not isinstance(raw, list | tuple):
        return raw
    origins = tuple(str(part).strip().rstrip("/") for part in raw if str(part).strip())
    for origin in origins:
        if origin != "*" and not origin.startswith(("http://", "https://")):
            raise ValueError(f"{origin!r} is not an origin (scheme://host[:port])")
    if "*" in origins and len(origins) > 1:
        raise ValueError("'*' cannot be combined with other origins")
    return origins


Origins = Annotated[tuple[str, ...] | None, NoDecode, BeforeValidator(_origins)]
"""Browser origins as ``https://a.example,http://localhost:3000`` (or ``*``)."""


@dataclass(frozen=True)
class RateLimitReserve:
    """How much of a store's rate-limit window the gateway keeps back.

    The reserve is ``max(minimum, ceil(limit * fraction))`` calls; once ``remaining``
    falls to it, the gateway serves cached data rather than spend the rest.
    """

    fraction: float = DEFAULT_RESERVE_FRACTION
    minimum: int = DEFAULT_RESERVE_MINIMUM

    def calls(self, limit: int | None) -> int:
        """The reserve in calls for a window of ``limit`` calls (unknown: the minimum)."""
        by_fraction = math.ceil(limit * self.fraction) if limit else 0
        return max(self.minimum, by_fraction)

    def __str__(self) -> str:
        return f"{self.fraction * 100:g}%,{self.minimum}"

    @classmethod
    def parse(cls, raw: str) -> RateLimitReserve:
        """``FRACTION``, ``CALLS`` or ``FRACTION,CALLS`` (fraction as ``0.1`` or ``10%``)."""
        fraction, minimum = 0.0, 0
        parts = [p.strip() for p in str(raw).split(",") if p.strip()]
        if not parts or len(parts) > 2:
            raise ValueError("expected 'FRACTION', 'CALLS' or 'FRACTION,CALLS'")
        for part in parts:
            try:
                if part.endswith("%"):
                    fraction = float(part[:-1]) / 100
                elif "." in part:
                    fraction = float(part)
                else:
                    minimum = int(part)
            except ValueError:
                raise ValueError(f"{part!r} is not a number") from None
            if not 0 <= fraction < 1 or minimum < 0:
                raise ValueError("fraction must be in [0, 1), calls >= 0")
        return cls(fraction=fraction, minimum=minimum)


def _reserve(raw: Any) -> Any:
    if isinstance(raw, int | float | str) and not isinstance(raw, bool):
        return RateLimitReserve.parse(str(raw))
    return raw


Reserve = Annotated[RateLimitReserve, NoDecode, BeforeValidator(_reserve)]


def _fx_rates(value: tuple[str, ...]) -> tuple[str, ...]:
    return rate_entries(parse_rates(value))


@lru_cache(maxsize=8)
def _rate_table(entries: tuple[str, ...], date: str | None) -> RateTable:
    return RateTable(rates=parse_rates(entries), date=date)


FxRates = Annotated[
    tuple[str, ...], NoDecode, BeforeValidator(_split_commas), AfterValidator(_fx_rates)
]
"""``GBP=1.27,EUR=1.08``: US dollars per unit of each currency (``gateway.fx``), kept as
``CODE=RATE`` entries so the effective configuration prints as it is written."""


def _positive(default: float, description: str, **kwargs: Any) -> Any:
    return Field(default, gt=0, allow_inf_nan=False, description=description, **kwargs)


# ---------------------------------------------------------------- the models


class _SettingsModel:
    """``repr()``/``str()`` show ``***`` for every field annotated :data:`Secret`; a field
    given under several spellings takes the first of its ``AliasChoices`` (the
    variable's, which the environment supplies and which wins over the file)."""

    model_fields: ClassVar[dict[str, FieldInfo]]

    @model_validator(mode="before")
    @classmethod
    def _one_spelling(cls, values: Any) -> Any:
        if not isinstance(values, dict):
            return values
        for name, field in cls.model_fields.items():
            alias = field.validation_alias
            if not isinstance(alias, AliasChoices):
                continue
            choices = dict.fromkeys(c for c in (*alias.choices, name) if isinstance(c, str))
            spellings = [c for c in choices if c in values]
            if len(spellings) > 1:
                values = {k: v for k, v in values.items() if k not in spellings[1:]}
        return values

    def __repr_args__(self) -> Iterator[tuple[str | None, Any]]:
        for name, value in super().__repr_args__():  # type: ignore[misc]
            if name is not None and is_secret(type(self).model_fields.get(name)):
                value = None if value is None else MASK
            yield name, value


def is_secret(field: FieldInfo | None) -> bool:
    """Whether a settings field holds a credential."""
    return field is not None and SECRET in field.metadata


class StoreSettings(_SettingsModel, BaseModel):
    """How to reach one store. ``url=None`` means the embedded simulator."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    url: StoreUrl = Field(None, description="Base URL of the real store; unset: embedded.")
    api_key: Secret = Field(None, description="Bearer key (Rewards: the store API token).")
    client_id: OptionalText = Field(None, description="OAuth client id (Catalog).")
    client_secret: Secret = Field(None, description="OAuth client secret (Catalog).")
    user_agent: str = Field(DEFAULT_USER_AGENT, description="User-Agent sent to the store.")
    timeout_s: float = _positive(DEFAULT_TIMEOUT_S, "Per-call timeout in seconds.")
    default_ttl_s: float = _positive(
        DEFAULT_TTL_S,
        "Cache TTL when the store sends no Cache-Control.",
        validation_alias=AliasChoices("ttl_s", "default_ttl_s"),
    )
    max_batch: int = Field(1, ge=1, description="Ids per batched call.")
    max_concurrency: int = Field(
        DEFAULT_MAX_CONCURRENCY, ge=1, description="Concurrent calls to the store at most."
    )
    webhook_secret: Secret = Field(
        None,
        description="The secret the store signs its webhooks with (Litestore, Litekart); "
        "unset: its receiver is off (embedded: one is made at start).",
    )
    media_url: StoreUrl = Field(
        None,
        description="Public base URL of the store's relative media paths (Rewards' "
        "/uploads/...); unset: the store's url (Strapi serves uploads beside its API).",
    )

    @property
    def embedded(self) -> bool:
        return self.url is None


def default_store_settings(source: Source) -> StoreSettings:
    """The defaults for one store (batch size, FreshStore's browser User-Agent)."""
    user_agent = BROWSER_USER_AGENT if source is Source.FRESHSTORE else DEFAULT_USER_AGENT
    return StoreSettings(user_agent=user_agent, max_batch=MAX_BATCH_BY_SOURCE[source])


class JwtSettings(_SettingsModel, BaseModel):
    """Operator tokens: a shared secret (HS256) and/or an issuer's JWKS (RS256/ES256)."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    secret: Secret = Field(
        None, description="HS256 secret (the embedded default generates and prints one)."
    )
    jwks_url: HttpUrl = Field(None, description="An issuer's JWKS URL (RS256/ES256 tokens).")
    issuer: str = Field(DEFAULT_JWT_ISSUER, min_length=1, description="Required `iss`.")
    audience: str = Field(DEFAULT_JWT_AUDIENCE, min_length=1, description="Required `aud`.")
    leeway_s: float = Field(
        DEFAULT_JWT_LEEWAY_S,
        ge=0,
        le=MAX_JWT_LEEWAY_S,
        allow_inf_nan=False,
        description="Clock skew allowed on `exp`/`nbf`/`iat`, in seconds.",
    )
    jwks_refetch_s: float = Field(
        30.0,
        ge=0,
        allow_inf_nan=False,
        description="A token naming an unknown `kid` refetches the JWKS at most this often.",
    )


def _store_field(source: Source) -> Any:
    return Field(
        default_store_settings(source),
        description=f"{source.value}: {ENV_PREFIX}{source.name}_*, [stores.{source.value}].",
    )


class Settings(_SettingsModel, BaseSettings):
    """Everything the gateway needs to know before it starts."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        env_prefix_target="all",
        env_nested_delimiter="_",
        env_nested_max_split=1,
        nested_model_default_partial_update=True,
        extra="forbid",
        frozen=True,
        populate_by_name=True,
    )

    litestore: StoreSettings = _store_field(Source.LITESTORE)
    litekart: StoreSettings = _store_field(Source.LITEKART)
    freshstore: StoreSettings = _store_field(Source.FRESHSTORE)
    rewards: StoreSettings = _store_field(Source.REWARDS)
    catalog: StoreSettings = _store_field(Source.CATALOG)

    request_deadline_s: float = _positive(
        DEFAULT_REQUEST_DEADLINE_S,
        "A request's total deadline in seconds.",
        validation_alias=AliasChoices("deadline_s", "request_deadline_s"),
    )
    cache_max_entries: int = Field(
        DEFAULT_CACHE_MAX_ENTRIES, ge=1, description="Response cache bound: entries."
    )
    cache_max_bytes: int = Field(
        DEFAULT_CACHE_MAX_BYTES, ge=1, description="Response cache bound: bytes."
    )
    rate_limit_reserve: Reserve = Field(
        default_factory=RateLimitReserve,
        description="Budget kept back per store: '10%,2', '0.1' or '2'.",
    )
    retry_attempts: int = Field(DEFAULT_RETRY_ATTEMPTS, ge=1, description="Attempts per call.")
    loaders_enabled: bool = Field(
        True,
        description="Batching on/off (off: the bench's naive baseline).",
        validation_alias=AliasChoices("loaders", "loaders_enabled"),
    )
    cache_enabled: bool = Field(
        True,
        description="Response caching on/off (off: the bench's naive baseline).",
        validation_alias=AliasChoices("cache", "cache_enabled"),
    )
    negative_ttl_s: float = Field(
        DEFAULT_NEGATIVE_TTL_S,
        ge=0,
        description="How long a store's 404 is remembered (0: never).",
    )
    stale_if_slow_ms: float = Field(
        DEFAULT_STALE_IF_SLOW_MS,
        ge=0,
        description="Serve a stale entry when the store has not answered in this many ms "
        "(the refresh finishes in the background; 0: always wait).",
    )
    max_body_bytes: int = Field(
        1024 * 1024, ge=1, description="Largest request body read; larger is refused (413)."
    )
    max_depth: int = Field(12, ge=1, description="Deepest field nesting an operation may have.")
    max_aliases: int = Field(30, ge=0, description="Aliases a document may use.")
    max_root_fields: int = Field(20, ge=1, description="Root fields an operation may ask for.")
    max_fragments: int = Field(32, ge=0, description="Fragments a document may define.")
    max_directives: int = Field(50, ge=0, description="Directives a document may use.")
    max_tokens: int = Field(5000, ge=1, description="Tokens a document may have.")
    max_cost: int = Field(
        1000,
        ge=1,
        description="Cost an operation may have: each object field 1, times the sizes "
        "(`first`, `ids`) of the lists it is in.",
    )
    max_upstream_calls: int | None = Field(
        None,
        ge=1,
        description="Upstream calls one request may make; unset: its cost, at least 50.",
    )
    caller_rate_limit: int = Field(
        600,
        ge=0,
        description="GraphQL requests one caller may make per window (0: no limit).",
    )
    caller_rate_window_s: float = _positive(60.0, "The per-caller rate limit's window, seconds.")
    host: str = Field(DEFAULT_HOST, description="Bind address of `storegraph serve`.")
    port: Port = Field(DEFAULT_PORT, description="Port of `storegraph serve`.")
    admin_token: Secret = Field(
        None, description="Enables POST /admin/cache/clear for this bearer token."
    )
    trace_upstream: bool = Field(
        False,
        description="Lets a request ask for its upstream calls' timings "
        "(`storegraph-trace: upstream` → extensions.upstreamCalls; the bench's honest floor).",
    )
    trace_fields: bool = Field(
        False,
        description="With tracing on (OTEL_*), a span per resolved field under the "
        "operation's — for debugging: it costs more CPU than most fields.",
    )
    operation_cache_max_entries: int = Field(
        2000,
        ge=0,
        description="Whole GraphQL responses kept by the response cache (0: off; also off "
        "with STOREGRAPH_CACHE=0).",
    )
    operation_cache_fast_path: bool = Field(
        True,
        description="Answer whole-response cache hits in front of the router, from their "
        "stored bytes (off: the endpoint answers them; the bench's before).",
    )
    idempotency_ttl_s: float = _positive(
        DEFAULT_IDEMPOTENCY_TTL_S,
        "How long a write's outcome is kept for retries with its Idempotency-Key (s).",
    )
    idempotency_max_keys: int = Field(
        DEFAULT_IDEMPOTENCY_MAX_KEYS,
        ge=1,
        description="How many Idempotency-Keys are kept at most (the oldest go first).",
    )
    jwt: JwtSettings = Field(
        default_factory=JwtSettings,
        description="Operator tokens: STOREGRAPH_JWT_*, [jwt].",
    )
    introspection: bool = Field(
        True, description="Introspection and GraphiQL; switch off for production."
    )
    webhook_tolerance_s: float = _positive(
        DEFAULT_WEBHOOK_TOLERANCE_S,
        "A webhook whose timestamp is further than this from now is refused.",
    )
    subscription_queue_size: int = Field(
        DEFAULT_SUBSCRIPTION_QUEUE_SIZE,
        ge=1,
        description="Events a subscription may leave unread before it is closed as too slow.",
    )
    subscriptions_per_connection: int = Field(
        DEFAULT_SUBSCRIPTIONS_PER_CONNECTION,
        ge=1,
        description="Operations one websocket may run at once.",
    )
    subscription_keepalive_s: float = _positive(
        DEFAULT_SUBSCRIPTION_KEEPALIVE_S,
        "Server pings: a websocket `ping` message, an SSE comment.",
    )
    subscription_init_timeout_s: float = _positive(
        DEFAULT_SUBSCRIPTION_INIT_TIMEOUT_S,
        "A websocket sending no `connection_init` within this is closed (4408).",
    )
    log_format: Literal["json", "console"] = Field(
        "json", description="Log lines as JSON objects or console text."
    )
    log_level: LogLevel = Field("INFO", description="Least severe level logged.")
    fx_rates: FxRates = Field(
        default_factory=lambda: rate_entries(DEFAULT_RATES),
        description="Exchange rates for cross-currency price comparisons, as US dollars "
        f"per unit: 'GBP=1.27,EUR=1.08' (USD is 1); default: the {DEFAULT_RATES_DATE} "
        "reference table of gateway/fx.py.",
    )
    fx_rates_date: OptionalText = Field(
        DEFAULT_RATES_DATE, description="The day the exchange rates are from (shown with them)."
    )

    @property
    def rate_table(self) -> RateTable:
        """The exchange rates as a :class:`gateway.fx.RateTable`."""
        return _rate_table(self.fx_rates, self.fx_rates_date)

    @property
    def all_embedded(self) -> bool:
        """Every store is the embedded simulator (the demo default)."""
        return all(self.store(source).embedded for source in Source)

    # the HTTP edge (gateway.http)
    cors_origins: Origins = Field(
        None,
        description="Origins browsers may call from ('*': any, credential-less only); "
        "unset: local dev origins when every store is embedded, else none.",
    )
    cors_credentials: bool = Field(
        False, description="Let cross-origin browsers send cookies and HTTP auth."
    )
    cors_max_age_s: int = Field(
        DEFAULT_CORS_MAX_AGE_S, ge=0, description="How long browsers may reuse a preflight."
    )
    csrf_prevention: bool = Field(
        True,
        description="Refuse operations in requests a browser sends without a preflight.",
        validation_alias=AliasChoices("csrf", "csrf_prevention"),
    )
    graphiql: bool = Field(True, description="Serve GraphiQL on GET /graphql to browsers.")
    apq_max_bytes: int = Field(
        DEFAULT_APQ_MAX_BYTES, ge=1, description="Persisted-query store bound: bytes."
    )
    apq_ttl_s: float = _positive(DEFAULT_APQ_TTL_S, "Persisted queries are kept this long.")
    trusted_documents: OptionalText = Field(
        None, description="A trusted-documents manifest (Apollo or GraphQL Codegen JSON)."
    )
    trusted_documents_only: bool = Field(
        False, description="Run only the manifest's documents; refuse any other."
    )
    max_batch_operations: int = Field(
        DEFAULT_MAX_BATCH_OPERATIONS, ge=1, description="Operations one batched request may hold."
    )
    compression_min_bytes: int = Field(
        DEFAULT_COMPRESSION_MIN_BYTES, ge=0, description="Smaller answers go uncompressed."
    )
    http_cache_max_age_s: int = Field(
        DEFAULT_HTTP_CACHE_MAX_AGE_S, ge=0, description="No GET answer is cacheable longer."
    )

    @model_validator(mode="after")
    def _edge_rules(self) -> Settings:
        if self.cors_origins == ("*",) and self.cors_credentials:
            raise ValueError(
                f"{ENV_PREFIX}CORS_ORIGINS='*' is only for credential-less use "
                f"({ENV_PREFIX}CORS_CREDENTIALS is on)"
            )
        if self.trusted_documents_only and not self.trusted_documents:
            raise ValueError(
                f"{ENV_PREFIX}TRUSTED_DOCUMENTS_ONLY needs a {ENV_PREFIX}TRUSTED_DOCUMENTS manifest"
            )
        return self

    @property
    def embedded(self) -> bool:
        """Every store is the in-process simulator (the demo)."""
        return all(self.store(source).embedded for source in Source)

    def store(self, source: Source) -> StoreSettings:
        """The settings of one store."""
        store: StoreSettings = getattr(self, Source(source).value)
        return store

    @property
    def stores(self) -> dict[Source, StoreSettings]:
        """Every store's settings."""
        return {source: self.store(source) for source in Source}

    def with_stores(self, stores: Mapping[Source, StoreSettings]) -> Settings:
        """A copy with some stores' settings replaced."""
        return self.model_copy(update={Source(s).value: store for s, store in stores.items()})

    @classmethod
    def from_env(
        cls,
        environ: Mapping[str, str] | None = None,
        toml_path: str | os.PathLike[str] | None = None,
    ) -> Settings:
        """Settings from ``STOREGRAPH_*`` variables over an optional TOML file."""
        inputs = _Inputs(os.environ if environ is None else environ, toml_path)
        token = _INPUTS.set(inputs)
        try:
            return cls()
        except ValidationError as error:
            raise SettingsError(_explain(error, inputs)) from None
        finally:
            _INPUTS.reset(token)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        inputs = _INPUTS.get() or _Inputs(os.environ, None)
        return (
            init_settings,
            _Environment(settings_cls, inputs.environ),
            _ConfigFile(settings_cls, inputs.config_path()),
        )


# ---------------------------------------------------------------- sources


@dataclass(frozen=True)
class _Inputs:
    environ: Mapping[str, str]
    toml_path: str | os.PathLike[str] | None

    def config_path(self) -> str | None:
        if self.toml_path is not None:
            return os.fspath(self.toml_path)
        return self.environ.get(CONFIG_ENV) or None

    def has_variable(self, name: str) -> bool:
        return name.upper() in {key.upper() for key in self.environ}


_INPUTS: ContextVar[_Inputs | None] = ContextVar("storegraph_settings_inputs", default=None)


class _Environment(EnvSettingsSource):
    """pydantic-settings' environment source, over a given mapping of ``STOREGRAPH_*``."""

    def __init__(self, settings_cls: type[BaseSettings], environ: Mapping[str, str]) -> None:
        self._environ = {
            key.lower(): value
            for key, value in environ.items()
            if key.upper().startswith(ENV_PREFIX) and key.upper() != CONFIG_ENV
        }
        super().__init__(settings_cls)

    def _load_env_vars(self) -> Mapping[str, str | None]:
        return self._environ


class _ConfigFile(InitSettingsSource):
    """The TOML file: top-level keys are gateway-wide, ``[stores.<source>]`` per store."""

    def __init__(self, settings_cls: type[BaseSettings], path: str | None) -> None:
        super().__init__(settings_cls, _flatten_stores(_read_toml(path)) if path else {})


def _read_toml(path: str) -> dict[str, Any]:
    try:
        with Path(path).open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise SettingsError(f"{CONFIG_ENV}: config file {path!r} not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{CONFIG_ENV}: config file {path!r} is not TOML: {exc}") from None


def _flatten_stores(values: dict[str, Any]) -> dict[str, Any]:
    values = dict(values)
    stores = values.pop("stores", {})
    if not isinstance(stores, dict):
        raise SettingsError("config file: [stores] must be a table")
    sources = {s.value for s in Source}
    unknown = set(stores) - sources
    if unknown:
        raise SettingsError(f"config file: unknown stores: {', '.join(sorted(unknown))}")
    misplaced = sources & set(values)
    if misplaced:
        name = sorted(misplaced)[0]
        raise SettingsError(f"config file: {name!r} belongs under [stores.{name}]")
    return {**values, **stores}


# ---------------------------------------------------------------- error messages

_MESSAGES = {
    "int_parsing": "{input!r} is not a whole number",
    "int_from_float": "{input!r} is not a whole number",
    "int_type": "{input!r} is not a whole number",
    "float_parsing": "{input!r} is not a number",
    "float_type": "{input!r} is not a number",
    "finite_number": "must be a finite number, got {input!r}",
    "greater_than": "must be a positive number, got {input!r}",
    "greater_than_equal": "must be at least {ge}, got {input}",
    "less_than_equal": "must be at most {le}, got {input}",
    "bool_parsing": "expected one of 1/0, true/false, yes/no, on/off; got {input!r}",
    "bool_type": "expected one of 1/0, true/false, yes/no, on/off; got {input!r}",
    "string_type": "expected a string",
    "model_type": "must be a table",
    "model_attributes_type": "must be a table",
    "dataclass_type": "expected 'FRACTION', 'CALLS' or 'FRACTION,CALLS'",
    "literal_error": "expected {expected}; got {input!r}",
}


def _explain(error: ValidationError, inputs: _Inputs) -> str:
    """One line per problem, each naming the variable (or the file's key) it came from."""
    return "; ".join(_explain_one(detail, inputs) for detail in error.errors())


def _explain_one(detail: Any, inputs: _Inputs) -> str:
    loc = [str(part) for part in detail["loc"]]
    kind = detail["type"]
    if not loc:  # a rule across fields: its message names the variables
        return str(detail["ctx"]["error"]) if kind == "value_error" else detail["msg"]
    sources = {s.value for s in Source}
    if kind == "extra_forbidden":
        if loc[0] in sources and len(loc) == 2:
            variable = f"{ENV_PREFIX}{loc[0].upper()}_{loc[1].upper()}"
            if inputs.has_variable(variable):
                return f"{variable}: not a setting"
            return f"config file: unknown keys in [stores.{loc[0]}]: {loc[1]}"
        return f"config file: unknown key {'.'.join(loc)!r}"
    variable = ENV_PREFIX + "_".join(loc).upper()
    where = variable
    if not inputs.has_variable(variable) and inputs.config_path() is not None:
        where = "config file: " + ".".join(["stores", *loc] if loc[0] in sources else loc)
    if kind == "value_error":
        message = str(detail["ctx"]["error"])
    elif kind in _MESSAGES:
        message = _MESSAGES[kind].format(input=detail.get("input"), **detail.get("ctx", {}))
    else:
        message = detail["msg"]
    return f"{where}: {message}"


# ---------------------------------------------------------------- storegraph config


def describe(settings: Settings) -> str:
    """The effective configuration as a TOML document, secrets masked, each line naming
    its variable; settings not set appear as comments."""
    lines = ["# storegraph: effective configuration (environment > file > defaults)"]
    groups = [
        name
        for name in type(settings).model_fields
        if isinstance(getattr(settings, name), BaseModel) and name not in set(Source)
    ]
    lines += _describe_model(settings, ENV_PREFIX, skip={*(s.value for s in Source), *groups})
    for group in groups:  # nested groups: [name], STOREGRAPH_<NAME>_<FIELD>
        lines += ["", f"[{group}]"]
        lines += _describe_model(getattr(settings, group), f"{ENV_PREFIX}{group.upper()}_")
    for source in Source:
        lines += ["", f"[stores.{source.value}]"]
        lines += _describe_model(settings.store(source), f"{ENV_PREFIX}{source.name}_")
    return "\n".join(lines) + "\n"


def _describe_model(model: BaseModel, prefix: str, skip: frozenset[str] | set[str] = frozenset()):
    lines = []
    for name, field in type(model).model_fields.items():
        if name in skip:
            continue
        value = getattr(model, name)
        variable = prefix + _env_suffix(name, field)
        if value is None:
            lines.append(f"# {name} is not set  ({variable})")
            continue
        if is_secret(field):
            value = MASK
        lines.append(f"{name} = {_toml_value(value)}  # {variable}")
    return lines


def _env_suffix(name: str, field: FieldInfo) -> str:
    alias = field.validation_alias
    if isinstance(alias, AliasChoices) and isinstance(alias.choices[0], str):
        return alias.choices[0].upper()
    return name.upper()


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'
