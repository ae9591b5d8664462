"""The Catalog's ``{status, data, meta}`` envelope, pagination and cached GETs.

GET answers carry an ``ETag`` computed over ``data`` only (``meta`` holds a fresh
``request_id`` and ``timestamp`` per response, which would defeat validators),
``Cache-Control: private, max-age=30``, and ``304`` on a matching ``If-None-Match``.
"""

from __future__ import annotations

import json
import math
import uuid
from datetime import UTC, datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from stores.common.responses import etag_of

CACHE_CONTROL = "private, max-age=30"


def meta() -> dict[str, Any]:
    """Per-response metadata: a fresh request id and the current UTC time."""
    return {
        "request_id": f"req_{uuid.uuid4().hex[:12]}",
        "timestamp": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }


def success(data: Any, status_code: int = 200) -> JSONResponse:
    """A success envelope (writes and auth answers: never cached)."""
    return JSONResponse(
        {"status": "success", "data": data, "meta": meta()},
        status_code=status_code,
        headers={"Cache-Control": "no-store"},
    )


def cached_success(request: Request, data: Any) -> Response:
    """A success envelope for a GET, with ETag/304 and ``Cache-Control``."""
    etag = etag_of(json.dumps(data, separators=(",", ":"), sort_keys=True).encode())
    headers = {"ETag": etag, "Cache-Control": CACHE_CONTROL}
    candidates = [t.strip() for t in request.headers.get("if-none-match", "").split(",")]
    if etag in candidates or "*" in candidates:
        return Response(status_code=304, headers=headers)
    return JSONResponse({"status": "success", "data": data, "meta": meta()}, headers=headers)


def paginate(items: list[Any], page: int, limit: int) -> tuple[list[Any], dict[str, Any]]:
    """The slice of ``items`` for ``page`` and the documented pagination object."""
    total = len(items)
    pages = math.ceil(total / limit)
    start = (page - 1) * limit
    return items[start : start + limit], {
        "total": total,
        "page": page,
        "limit": limit,
        "pages": pages,
        "has_next": page < pages,
        "has_prev": page > 1,
    }
