"""Which media type a GraphQL response is sent as, from the request's ``Accept``, and
which one a request's body was sent as (:func:`content_media_type`).

GraphQL over HTTP: ``application/graphql-response+json`` (the spec's own, whose status
codes say what failed) is used when the client asks for it at least as much as for
``application/json``; ``application/json`` (the legacy type: 200 for every well-formed
request) when asked for, when ``Accept`` is missing, or when only wildcards match.
``None`` means neither is acceptable (``406``).
"""

from __future__ import annotations

from collections.abc import Mapping

GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"
JSON = "application/json"


def content_media_type(headers: Mapping[str, str]) -> str:
    """The request's ``Content-Type`` without parameters, lower-cased (``""`` if none)."""
    return headers.get("content-type", "").split(";")[0].strip().lower()


def _ranges(accept: str) -> list[tuple[str, float]]:
    ranges = []
    for part in accept.split(","):
        media, *params = (piece.strip() for piece in part.split(";"))
        if not media:
            continue
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        ranges.append((media.lower(), quality))
    return ranges


def response_media_type(accept: str | None) -> str | None:
    """The media type to answer with (see the module docstring)."""
    if not accept or not accept.strip():
        return JSON
    explicit: dict[str, float] = {}
    wildcard = 0.0
    for media, quality in _ranges(accept):
        if media in (GRAPHQL_RESPONSE_JSON, JSON):
            explicit[media] = max(explicit.get(media, 0.0), quality)
        elif media in ("*/*", "application/*"):
            wildcard = max(wildcard, quality)
    new, legacy = explicit.get(GRAPHQL_RESPONSE_JSON, 0.0), explicit.get(JSON)
    if new > 0 and (legacy is None or new >= legacy):
        return GRAPHQL_RESPONSE_JSON
    if legacy is not None and legacy > 0:
        return JSON
    return JSON if wildcard > 0 else None
