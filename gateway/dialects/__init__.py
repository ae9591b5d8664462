"""How each store is spoken to: its auth, error bodies, and a cheap readiness probe.

A store may have a module ``gateway.dialects.<source>`` defining any of:

- ``make_auth(store: StoreSettings) -> Auth``
- ``parse_error(response: httpx.Response) -> tuple[str, str] | None``: the store's own
  error code and short message from its documented error body
- ``PROBE: tuple[str, dict[str, str]]``: a cheap GET (path, params) that proves the
  store answers with our credentials

What a store's module leaves out comes from the defaults below (the core already
reads every seed's error shapes and picks each store's auth).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import httpx

from gateway.auth import Auth, auth_from_settings
from gateway.settings import StoreSettings
from gateway.sources import Source
from gateway.upstream import default_parse_error

DEFAULT_PROBES: dict[Source, tuple[str, dict[str, str]]] = {
    Source.LITESTORE: ("/api/products", {"limit": "1"}),
    Source.LITEKART: ("/api/products", {"limit": "1"}),
    Source.FRESHSTORE: ("/api/store/status", {}),
    Source.REWARDS: ("/api/categories", {"pagination[pageSize]": "1"}),
    Source.CATALOG: ("/api/v1/categories", {"limit": "1"}),
}


@dataclass(frozen=True)
class Dialect:
    make_auth: Callable[[StoreSettings], Auth]
    parse_error: Callable[[httpx.Response], tuple[str, str] | None]
    probe: tuple[str, dict[str, str]]


@cache
def dialect(source: Source) -> Dialect:
    """The dialect of ``source``: its module's definitions over the defaults."""
    try:
        module = importlib.import_module(f"gateway.dialects.{source.value}")
    except ModuleNotFoundError:
        module = None
    return Dialect(
        make_auth=getattr(module, "make_auth", None) or (lambda s: auth_from_settings(source, s)),
        parse_error=getattr(module, "parse_error", None) or default_parse_error,
        probe=getattr(module, "PROBE", None) or DEFAULT_PROBES[source],
    )
