"""Glue shared by the route modules: reading a request's Strapi query, the
cache headers, and the OpenAPI description of the query parameters."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from stores.common.responses import cached_json
from stores.rewards import qs
from stores.rewards.query import Query, parse_query
from stores.rewards.schema import TYPES

PUBLIC_CACHE = "public, max-age=60"
PRIVATE_CACHE = "private, no-cache"

_COMMON_PARAMS: list[dict[str, Any]] = [
    {
        "name": "populate",
        "in": "query",
        "schema": {"type": "string"},
        "description": "*, a,b, populate[0]=a, or populate[rel][populate]=... (nested)",
    },
    {
        "name": "fields",
        "in": "query",
        "schema": {"type": "string"},
        "description": "fields[0]=name or fields=name,startAt",
    },
    {
        "name": "publicationState",
        "in": "query",
        "schema": {"type": "string", "enum": ["live", "preview"]},
    },
]
_LIST_PARAMS: list[dict[str, Any]] = [
    {
        "name": "filters",
        "in": "query",
        "style": "deepObject",
        "schema": {"type": "object"},
        "description": "filters[field][$op]=value; $and/$or/$not; nested relation filters",
    },
    {
        "name": "sort",
        "in": "query",
        "schema": {"type": "string"},
        "description": "field:asc,other:desc or sort[0]=field:asc",
    },
    {"name": "pagination[page]", "in": "query", "schema": {"type": "integer", "minimum": 1}},
    {
        "name": "pagination[pageSize]",
        "in": "query",
        "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 25},
    },
    {"name": "pagination[start]", "in": "query", "schema": {"type": "integer", "minimum": 0}},
    {"name": "pagination[limit]", "in": "query", "schema": {"type": "integer"}},
    {"name": "pagination[withCount]", "in": "query", "schema": {"type": "boolean"}},
]
_LOCALE_PARAM = {"name": "locale", "in": "query", "schema": {"type": "string", "default": "en"}}


def openapi_query(*, many: bool, localized: bool = False) -> dict[str, Any]:
    """``openapi_extra`` listing the Strapi query parameters an endpoint takes."""
    params = _COMMON_PARAMS + (_LIST_PARAMS if many else [])
    if localized:
        params = [*params, _LOCALE_PARAM]
    return {"parameters": params}


def read_query(request: Request, ctype_name: str, *, many: bool, localized: bool = False) -> Query:
    """The request's query string as a validated ``Query`` (400 when invalid)."""
    params = qs.parse_query(request.query_params.multi_items())
    return parse_query(params, TYPES[ctype_name], many=many, localized=localized)


def answer(request: Request, payload: Any, *, private: bool) -> Response:
    """A GET answer with ETag (304 on a match) and the store's Cache-Control."""
    return cached_json(request, payload, cache_control=PRIVATE_CACHE if private else PUBLIC_CACHE)
