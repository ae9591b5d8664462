"""HTTP caching of GraphQL ``GET`` responses, from what each answer used upstream.

:func:`cache_control` reads the request's :class:`~gateway.usage.UpstreamUsage`:

- ``no-store`` when the answer has errors, wrote anything, or some store failed;
- otherwise ``max-age`` is the shortest remaining freshness of the upstream entries it
  read (capped by ``STOREGRAPH_HTTP_CACHE_MAX_AGE_S``; the cap alone when it read
  nothing), and ``no-cache`` (revalidate each time) when that is zero or a part was
  served stale;
- ``public`` only when every part was public and the request carried no identity
  header (anonymous catalogue data), ``private`` otherwise.

:func:`entity_tag` is a weak ETag of the answer's ``data`` and media type (the
``extensions`` — quota left, staleness — describe one response and are left out), so
a client's ``If-None-Match`` gets ``304`` while the data is unchanged
(:func:`not_modified`). :data:`VARY` names what the answer differs by. ``POST``
answers (mutations included) are ``no-store``.
"""

from __future__ import annotations

import hashlib
import math
from typing import Any

import orjson

from gateway.http.headers import IDENTITY_HEADERS
from gateway.usage import UpstreamUsage

NO_STORE = "no-store"
VARY = ", ".join(("Accept", *(name.title() for name in IDENTITY_HEADERS)))
"""A response differs by its media type and by who asked."""


def cache_control(
    usage: UpstreamUsage, *, identified: bool, has_errors: bool, max_age_cap: int, now: float
) -> str:
    """The ``Cache-Control`` of a ``GET`` answer (see the module docstring)."""
    if has_errors or not usage.cacheable:
        return NO_STORE
    scope = "private" if identified or usage.private else "public"
    fresh_for = usage.max_age(now)
    max_age = max_age_cap if fresh_for is None else min(max_age_cap, math.floor(fresh_for))
    if max_age <= 0 or usage.stale:
        return f"{scope}, no-cache"
    return f"{scope}, max-age={max_age}"


def entity_tag(payload: dict[str, Any], media_type: str) -> str:
    """A weak ETag of the answer's data in ``media_type``."""
    digest = hashlib.sha256(media_type.encode())
    digest.update(orjson.dumps(payload.get("data"), default=str, option=orjson.OPT_SORT_KEYS))
    return f'W/"{digest.hexdigest()[:32]}"'


def not_modified(if_none_match: str | None, etag: str) -> bool:
    """``If-None-Match`` names ``etag`` (weak comparison) or is ``*``."""
    if not if_none_match:
        return False
    wanted = etag.removeprefix("W/")
    for candidate in if_none_match.split(","):
        candidate = candidate.strip()
        if candidate == "*" or candidate.removeprefix("W/") == wanted:
            return True
    return False
