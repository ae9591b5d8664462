"""Which browser origins may call the gateway: Starlette's ``CORSMiddleware``, configured.

:func:`cors_options` turns the settings into the middleware's arguments:

- ``STOREGRAPH_CORS_ORIGINS``: the allowed origins, exactly; ``*`` allows any origin,
  for credential-less use only (settings refuse ``*`` with credentials);
- unset: the embedded demo allows local development origins (``http://localhost:*``,
  ``127.0.0.1``, ``[::1]``, any port); a gateway over real stores allows none;
- ``STOREGRAPH_CORS_CREDENTIALS``: let browsers send cookies/HTTP auth (opt-in);
- allowed request headers: the identity headers, Apollo's preflight and client
  headers, ``x-request-id``; exposed response headers: ``x-request-id`` and ``ETag``;
- preflight answers are cached ``STOREGRAPH_CORS_MAX_AGE_S`` seconds.

:func:`origin_allowed` is the same rule for a cross-origin WebSocket handshake
(subscriptions), which CORS does not cover.
"""

from __future__ import annotations

import re
from typing import Any

from gateway.http.headers import (
    CLIENT_HEADERS,
    EXPOSED_HEADERS,
    IDENTITY_HEADERS,
    PREFLIGHT_HEADERS,
)
from gateway.settings import Settings

DEV_ORIGIN_REGEX = r"https?://(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?"
ALLOWED_METHODS = ("GET", "POST", "OPTIONS")
ALLOWED_HEADERS = (*IDENTITY_HEADERS, *PREFLIGHT_HEADERS, *CLIENT_HEADERS)


def cors_options(settings: Settings) -> dict[str, Any]:
    """Keyword arguments for ``starlette.middleware.cors.CORSMiddleware``."""
    origins: tuple[str, ...] = settings.cors_origins or ()
    regex = DEV_ORIGIN_REGEX if settings.cors_origins is None and settings.embedded else None
    return {
        "allow_origins": list(origins),
        "allow_origin_regex": regex,
        "allow_methods": list(ALLOWED_METHODS),
        "allow_headers": list(ALLOWED_HEADERS),
        "allow_credentials": settings.cors_credentials,
        "expose_headers": list(EXPOSED_HEADERS),
        "max_age": settings.cors_max_age_s,
    }


def origin_allowed(settings: Settings, origin: str) -> bool:
    """Whether a page on ``origin`` may call the gateway (the rule CORS applies)."""
    options = cors_options(settings)
    origin = origin.rstrip("/")
    if "*" in options["allow_origins"] or origin in options["allow_origins"]:
        return True
    regex = options["allow_origin_regex"]
    return regex is not None and re.fullmatch(regex, origin) is not None
