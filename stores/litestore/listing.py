"""Pagination shared by every list: ``limit`` (default 20, 1-100) and ``offset``
(≥ 0), answered as ``{"data", "total", "limit", "offset"}``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import Query

DEFAULT_LIMIT = 20
MAX_LIMIT = 100


@dataclass(frozen=True)
class PageParams:
    limit: int
    offset: int


def page_params(
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0),
) -> PageParams:
    """The ``limit``/``offset`` query parameters (FastAPI dependency)."""
    return PageParams(limit, offset)


def page(items: list[Any], params: PageParams) -> dict[str, Any]:
    """One page of ``items`` in the list envelope."""
    return {
        "data": items[params.offset : params.offset + params.limit],
        "total": len(items),
        "limit": params.limit,
        "offset": params.offset,
    }
