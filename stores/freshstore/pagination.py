"""Laravel-style pagination: ``page`` (default 1) and ``per_page`` (default 15,
max 100) in; ``{"data", "links": {first,last,prev,next}, "meta": {...}}`` out,
links built from the request's own URL."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from fastapi import Query, Request

DEFAULT_PER_PAGE = 15
MAX_PER_PAGE = 100


@dataclass(frozen=True)
class PageParams:
    page: int
    per_page: int


def page_params(
    page: int = Query(1, ge=1, description="Page number"),
    per_page: int = Query(DEFAULT_PER_PAGE, ge=1, le=MAX_PER_PAGE, description="Items per page"),
) -> PageParams:
    return PageParams(page, per_page)


def paginate(
    request: Request,
    rows: Sequence[dict[str, Any]],
    params: PageParams,
    serialize: Callable[[dict[str, Any]], dict[str, Any]],
) -> dict[str, Any]:
    total = len(rows)
    last_page = max(1, math.ceil(total / params.per_page))
    start = (params.page - 1) * params.per_page
    chunk = rows[start : start + params.per_page]

    def link(page: int) -> str:
        return str(request.url.include_query_params(page=page))

    return {
        "data": [serialize(row) for row in chunk],
        "links": {
            "first": link(1),
            "last": link(last_page),
            "prev": link(params.page - 1) if 1 < params.page <= last_page + 1 else None,
            "next": link(params.page + 1) if params.page < last_page else None,
        },
        "meta": {
            "current_page": params.page,
            "from": start + 1 if chunk else None,
            "last_page": last_page,
            "per_page": params.per_page,
            "to": start + len(chunk) if chunk else None,
            "total": total,
        },
    }


def search_filter(rows: list[dict[str, Any]], search: str | None) -> list[dict[str, Any]]:
    """Rows whose title contains ``search`` (case-insensitive)."""
    if not search:
        return rows
    needle = search.lower()
    return [row for row in rows if needle in str(row.get("title", "")).lower()]


def flag_filter(rows: list[dict[str, Any]], field: str, value: bool | None) -> list[dict[str, Any]]:
    if value is None:
        return rows
    return [row for row in rows if bool(row[field]) == value]
