"""JSON responses with validators: ``ETag`` and ``Cache-Control``.

``cached_json(request, payload)`` answers ``304 Not Modified`` (empty body) when
the request's ``If-None-Match`` names the payload's current ETag, and the full
JSON with ``ETag`` (and ``Cache-Control`` when given) otherwise. Stores whose
seeds talk about caching use it on their GET endpoints.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from starlette.requests import Request
from starlette.responses import Response


def etag_of(body: bytes) -> str:
    """A strong ETag for a response body."""
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def cached_json(
    request: Request,
    payload: Any,
    *,
    status_code: int = 200,
    cache_control: str | None = None,
    etag_source: Any = None,
) -> Response:
    """``payload`` as JSON with an ``ETag``, or ``304`` when the client has it.

    The ETag hashes ``etag_source`` when given (e.g. the payload without a per-response
    request id), else the body itself.
    """
    body = json.dumps(payload, separators=(",", ":"), default=str).encode()
    if etag_source is None:
        etag = etag_of(body)
    else:
        etag = etag_of(json.dumps(etag_source, separators=(",", ":"), default=str).encode())
    headers = {"ETag": etag}
    if cache_control:
        headers["Cache-Control"] = cache_control
    candidates = [t.strip() for t in request.headers.get("if-none-match", "").split(",")]
    if etag in candidates or "*" in candidates:
        return Response(status_code=304, headers=headers)
    return Response(body, status_code=status_code, media_type="application/json", headers=headers)
