"""Litekart's success envelopes and cache headers.

``{"success": true, "data": ..., "message": "..."}``; lists add
``"pagination"``. GETs go through ``cached_json`` (ETag / 304) with
``public, max-age=60`` for anonymous catalogue reads and ``private, no-cache``
for everything read with a credential.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from stores.common.responses import cached_json
from stores.litekart.query import ListParams, Selection, paginate, project

PUBLIC_CACHE = "public, max-age=60"
PRIVATE_CACHE = "private, no-cache"


def ok(data: Any, message: str, status_code: int = 200) -> JSONResponse:
    """A write's answer (never cached)."""
    return JSONResponse({"success": True, "data": data, "message": message}, status_code)


def no_content() -> Response:
    return Response(status_code=204)


def read(request: Request, data: Any, message: str, *, public: bool = False) -> Response:
    """A single resource read, with validators."""
    body = {"success": True, "data": data, "message": message}
    return cached_json(request, body, cache_control=PUBLIC_CACHE if public else PRIVATE_CACHE)


def read_list(
    request: Request,
    rows: list[dict[str, Any]],
    params: ListParams,
    selection: Selection | None,
    message: str,
    *,
    public: bool = False,
) -> Response:
    """One page of ``rows`` projected to ``selection``, with pagination meta."""
    page, meta = paginate(rows, params)
    body = {
        "success": True,
        "data": project(page, selection),
        "message": message,
        "pagination": meta,
    }
    return cached_json(request, body, cache_control=PUBLIC_CACHE if public else PRIVATE_CACHE)
