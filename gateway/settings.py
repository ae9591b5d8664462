"""Gateway configuration: per-store settings plus gateway-wide limits.

``Settings.from_env()`` reads ``STOREGRAPH_*`` environment variables and an optional
TOML file (``STOREGRAPH_CONFIG`` or the ``toml_path`` argument); environment wins over
the file, the file over the defaults below. A store whose ``url`` is ``None`` is
served embedded (in-process). Invalid values raise :class:`SettingsError` naming the
variable. ``repr()`` never shows a secret.

Per store (``<SOURCE>`` is ``LITESTORE``, ``LITEKART``, ``FRESHSTORE``, ``REWARDS``,
``CATALOG``): ``STOREGRAPH_<SOURCE>_URL``, ``_API_KEY``, ``_CLIENT_ID``,
``_CLIENT_SECRET``, ``_USER_AGENT``, ``_TIMEOUT_S``, ``_TTL_S``, ``_MAX_BATCH``,
``_MAX_CONCURRENCY``. Gateway-wide: ``STOREGRAPH_DEADLINE_S``,
``STOREGRAPH_CACHE_MAX_ENTRIES``, ``STOREGRAPH_CACHE_MAX_BYTES``,
``STOREGRAPH_RATE_LIMIT_RESERVE``, ``STOREGRAPH_RETRY_ATTEMPTS``, ``STOREGRAPH_LOADERS``,
``STOREGRAPH_CACHE``, ``STOREGRAPH_HOST``, ``STOREGRAPH_PORT``, ``STOREGRAPH_ADMIN_TOKEN``,
``STOREGRAPH_TRACE_UPSTREAM``.

``STOREGRAPH_RATE_LIMIT_RESERVE`` is one or two comma-separated parts: a fraction
(``0.1`` or ``10%``) and/or a whole number of calls (``2``); e.g. ``10%,2`` keeps the
last 10% of the window, at least 2 calls. A part left out is zero; ``0`` disables it.

The TOML file uses the same names in lower case without the prefix::

    request_deadline_s = 8
    cache_max_entries = 5000
    [stores.catalog]
    url = "https://catalog.example.com"
    client_id = "..."
"""

from __future__ import annotations

import math
import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from gateway.sources import Source

ENV_PREFIX = "STOREGRAPH_"
CONFIG_ENV = "STOREGRAPH_CONFIG"

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
DEFAULT_RESERVE_FRACTION = 0.10
DEFAULT_RESERVE_MINIMUM = 2
DEFAULT_RETRY_ATTEMPTS = 3
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000

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

_SECRET_FIELDS = ("api_key", "client_secret")


class SettingsError(ValueError):
    """A configuration value is missing or malformed."""


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

    @classmethod
    def parse(cls, raw: str, *, name: str = "rate_limit_reserve") -> RateLimitReserve:
        fraction, minimum = 0.0, 0
        parts = [p.strip() for p in str(raw).split(",") if p.strip()]
        if not parts or len(parts) > 2:
            raise SettingsError(f"{name}: expected 'FRACTION', 'CALLS' or 'FRACTION,CALLS'")
        for part in parts:
            try:
                if part.endswith("%"):
                    fraction = float(part[:-1]) / 100
                elif "." in part:
                    fraction = float(part)
                else:
                    minimum = int(part)
            except ValueError:
                raise SettingsError(f"{name}: {part!r} is not a number") from None
            if not 0 <= fraction < 1 or minimum < 0:
                raise SettingsError(f"{name}: fraction must be in [0, 1), calls >= 0")
        return cls(fraction=fraction, minimum=minimum)


@dataclass(frozen=True)
class StoreSettings:
    """How to reach one store. ``url=None`` means the embedded simulator."""

    url: str | None = None
    api_key: str | None = None
    client_id: str | None = None
    client_secret: str | None = None
    user_agent: str = DEFAULT_USER_AGENT
    timeout_s: float = DEFAULT_TIMEOUT_S
    default_ttl_s: float = DEFAULT_TTL_S
    max_batch: int = 1
    max_concurrency: int = DEFAULT_MAX_CONCURRENCY

    @property
    def embedded(self) -> bool:
        return self.url is None

    def __repr__(self) -> str:
        parts = []
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name in _SECRET_FIELDS and value is not None:
                value = "***"
            parts.append(f"{f.name}={value!r}")
        return f"StoreSettings({', '.join(parts)})"

    __str__ = __repr__


def default_store_settings(source: Source) -> StoreSettings:
    """The defaults for one store (batch size, FreshStore's browser User-Agent)."""
    user_agent = BROWSER_USER_AGENT if source is Source.FRESHSTORE else DEFAULT_USER_AGENT
    return StoreSettings(user_agent=user_agent, max_batch=MAX_BATCH_BY_SOURCE[source])


def _default_stores() -> dict[Source, StoreSettings]:
    return {source: default_store_settings(source) for source in Source}


@dataclass(frozen=True)
class Settings:
    """Everything the gateway needs to know before it starts."""

    stores: dict[Source, StoreSettings] = field(default_factory=_default_stores)
    request_deadline_s: float = DEFAULT_REQUEST_DEADLINE_S
    cache_max_entries: int = DEFAULT_CACHE_MAX_ENTRIES
    cache_max_bytes: int = DEFAULT_CACHE_MAX_BYTES
    rate_limit_reserve: RateLimitReserve = field(default_factory=RateLimitReserve)
    retry_attempts: int = DEFAULT_RETRY_ATTEMPTS
    loaders_enabled: bool = True
    cache_enabled: bool = True
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    admin_token: str | None = None
    """Enables ``POST /admin/cache/clear`` for callers presenting it as a bearer token."""
    trace_upstream: bool = False
    """Lets a request ask for its upstream calls' timings (``storegraph-trace: upstream``)."""

    def store(self, source: Source) -> StoreSettings:
        """The settings of one store (defaults when not configured)."""
        return self.stores.get(source) or default_store_settings(source)

    @classmethod
    def from_env(
        cls,
        environ: Mapping[str, str] | None = None,
        toml_path: str | os.PathLike[str] | None = None,
    ) -> Settings:
        """Settings from ``STOREGRAPH_*`` variables over an optional TOML file."""
        env = os.environ if environ is None else environ
        path = toml_path if toml_path is not None else env.get(CONFIG_ENV)
        file_values = _read_toml(path) if path else {}

        stores: dict[Source, StoreSettings] = {}
        file_stores = file_values.get("stores", {})
        if not isinstance(file_stores, dict):
            raise SettingsError("config file: [stores] must be a table")
        for source in Source:
            stores[source] = _store_from(source, env, file_stores.get(source.value, {}))

        kwargs: dict[str, Any] = {"stores": stores}
        for name, (env_suffix, parse) in _GLOBAL_FIELDS.items():
            env_name = ENV_PREFIX + env_suffix
            if env_name in env:
                kwargs[name] = parse(env[env_name], env_name)
            elif name in file_values:
                kwargs[name] = parse(file_values[name], f"config file: {name}")
        return cls(**kwargs)

    def __repr__(self) -> str:
        parts = []
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "admin_token" and value is not None:
                value = "***"
            parts.append(f"{f.name}={value!r}")
        return f"Settings({', '.join(parts)})"


# ---------------------------------------------------------------- parsing helpers


def _read_toml(path: str | os.PathLike[str]) -> dict[str, Any]:
    try:
        with Path(path).open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise SettingsError(f"{CONFIG_ENV}: config file {str(path)!r} not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{CONFIG_ENV}: config file {str(path)!r} is not TOML: {exc}") from None


def _text(raw: Any, name: str) -> str:
    if not isinstance(raw, str):
        raise SettingsError(f"{name}: expected a string")
    return raw


def _optional_text(raw: Any, name: str) -> str | None:
    return _text(raw, name).strip() or None


def _url(raw: Any, name: str) -> str | None:
    text = _text(raw, name).strip()
    if not text or text.lower() == "embedded":
        return None
    if not text.startswith(("http://", "https://")):
        raise SettingsError(f"{name}: {text!r} is not an http(s) URL (or 'embedded')")
    return text.rstrip("/")


def _positive_float(raw: Any, name: str) -> float:
    try:
        value = float(raw)
    except (TypeError, ValueError):
        raise SettingsError(f"{name}: {raw!r} is not a number") from None
    if not math.isfinite(value) or value <= 0:
        raise SettingsError(f"{name}: must be a positive number, got {raw!r}")
    return value


def _int_at_least(minimum: int) -> Callable[[Any, str], int]:
    def parse(raw: Any, name: str) -> int:
        if isinstance(raw, bool):
            raise SettingsError(f"{name}: {raw!r} is not a whole number")
        try:
            value = int(str(raw).strip())
        except ValueError:
            raise SettingsError(f"{name}: {raw!r} is not a whole number") from None
        if value < minimum:
            raise SettingsError(f"{name}: must be at least {minimum}, got {value}")
        return value

    return parse


def _port(raw: Any, name: str) -> int:
    value = _int_at_least(0)(raw, name)
    if value > 65535:
        raise SettingsError(f"{name}: {value} is not a TCP port")
    return value


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def _bool(raw: Any, name: str) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise SettingsError(f"{name}: expected one of 1/0, true/false, yes/no, on/off; got {raw!r}")


def _reserve(raw: Any, name: str) -> RateLimitReserve:
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        raw = str(raw)
    return RateLimitReserve.parse(_text(raw, name), name=name)


_GLOBAL_FIELDS: dict[str, tuple[str, Callable[[Any, str], Any]]] = {
    "request_deadline_s": ("DEADLINE_S", _positive_float),
    "cache_max_entries": ("CACHE_MAX_ENTRIES", _int_at_least(1)),
    "cache_max_bytes": ("CACHE_MAX_BYTES", _int_at_least(1)),
    "rate_limit_reserve": ("RATE_LIMIT_RESERVE", _reserve),
    "retry_attempts": ("RETRY_ATTEMPTS", _int_at_least(1)),
    "loaders_enabled": ("LOADERS", _bool),
    "cache_enabled": ("CACHE", _bool),
    "host": ("HOST", _text),
    "port": ("PORT", _port),
    "admin_token": ("ADMIN_TOKEN", _text),
    "trace_upstream": ("TRACE_UPSTREAM", _bool),
}

_STORE_FIELDS: dict[str, tuple[str, Callable[[Any, str], Any]]] = {
    "url": ("URL", _url),
    "api_key": ("API_KEY", _optional_text),
    "client_id": ("CLIENT_ID", _optional_text),
    "client_secret": ("CLIENT_SECRET", _optional_text),
    "user_agent": ("USER_AGENT", _text),
    "timeout_s": ("TIMEOUT_S", _positive_float),
    "default_ttl_s": ("TTL_S", _positive_float),
    "max_batch": ("MAX_BATCH", _int_at_least(1)),
    "max_concurrency": ("MAX_CONCURRENCY", _int_at_least(1)),
}


def _store_from(source: Source, env: Mapping[str, str], file_values: Any) -> StoreSettings:
    if not isinstance(file_values, dict):
        raise SettingsError(f"config file: [stores.{source.value}] must be a table")
    changes: dict[str, Any] = {}
    for name, (suffix, parse) in _STORE_FIELDS.items():
        env_name = f"{ENV_PREFIX}{source.name}_{suffix}"
        if env_name in env:
            changes[name] = parse(env[env_name], env_name)
        elif name in file_values:
            changes[name] = parse(file_values[name], f"config file: stores.{source.value}.{name}")
    unknown = set(file_values) - set(_STORE_FIELDS)
    if unknown:
        raise SettingsError(
            f"config file: unknown keys in [stores.{source.value}]: {', '.join(sorted(unknown))}"
        )
    return replace(default_store_settings(source), **changes)
