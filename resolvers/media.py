"""Absolute media URLs: a store's relative paths (Rewards' ``/uploads/x.jpg``) joined
to the public base its media is served under.

The base is ``STOREGRAPH_<SOURCE>_MEDIA_URL``, else the store's own URL (a Strapi
store serves its uploads beside its API), else — for the embedded simulator, which
serves no media — ``EMBEDDED_MEDIA_URL``.
"""

from __future__ import annotations

from urllib.parse import urljoin

from gateway.context import GatewayContext
from gateway.sources import Source

EMBEDDED_MEDIA_URL = "https://{source}.media.example"
"""Where the embedded simulators' relative media paths point (a placeholder host)."""


def media_base(context: GatewayContext, source: Source) -> str:
    store = context.settings.store(source)
    return store.media_url or store.url or EMBEDDED_MEDIA_URL.format(source=source.value)


def absolute_url(context: GatewayContext, source: Source, url: object) -> str | None:
    """``url`` made absolute against the store's media base; ``None`` for no URL."""
    if not isinstance(url, str) or not url.strip():
        return None
    text = url.strip()
    if text.startswith(("http://", "https://")):
        return text
    return urljoin(media_base(context, source).rstrip("/") + "/", text.lstrip("/"))
