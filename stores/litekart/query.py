"""Litekart's list query language: pagination, ``sort``, ``fields`` and ``ids``.

- ``page`` (default 1) and ``limit`` (default 20, max 100).
- ``sort=price:asc,name:desc``: whitelisted fields per resource, direction
  ``asc`` (default) or ``desc``; ties fall back to ``id``.
- ``fields=id,name,variants(id,price)``: a selection tree with nested
  parentheses, checked against the resource's field schema.
- ``ids=a,b,c``: at most 100 ids; unknown ids are simply absent.

Every mistake raises a ``400 VALIDATION_ERROR`` naming the parameter.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from fastapi import Query

from stores.litekart.errors import bad_query

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
MAX_IDS = 100

Schema = dict[str, "Schema | None"]
"""A resource's selectable fields; nested objects/lists carry their own schema."""

Selection = dict[str, "Selection | None"]


@dataclass(frozen=True)
class ListParams:
    """The query parameters every list endpoint takes."""

    page: int
    limit: int
    sort: str | None
    fields: str | None
    ids: str | None


def list_params(
    page: int = Query(1, ge=1, description="Page number, from 1"),
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Page size, at most 100"),
    sort: str | None = Query(None, description="e.g. `price:asc,name:desc`"),
    fields: str | None = Query(None, description="e.g. `id,name,variants(id,price)`"),
    ids: str | None = Query(None, description="Comma-separated ids, at most 100"),
) -> ListParams:
    return ListParams(page=page, limit=limit, sort=sort, fields=fields, ids=ids)


def fields_param(
    fields: str | None = Query(None, description="e.g. `id,name,variants(id,price)`"),
) -> str | None:
    return fields


# -- ids -------------------------------------------------------------------------
def parse_ids(raw: str | None) -> list[str] | None:
    if raw is None:
        return None
    ids = [part.strip() for part in raw.split(",") if part.strip()]
    if not ids:
        raise bad_query("ids", "ids must name at least one id")
    if len(ids) > MAX_IDS:
        raise bad_query("ids", f"at most {MAX_IDS} ids per request")
    return ids


def filter_ids(rows: list[dict[str, Any]], raw: str | None) -> list[dict[str, Any]]:
    ids = parse_ids(raw)
    if ids is None:
        return rows
    wanted = set(ids)
    return [row for row in rows if row["id"] in wanted]


# -- dates -----------------------------------------------------------------------
def parse_instant(name: str, raw: str | None) -> datetime | None:
    """An ISO date or date-time (UTC when no offset is given)."""
    if raw is None:
        return None
    try:
        if len(raw) == 10:
            value = datetime.combine(date.fromisoformat(raw), datetime.min.time())
        else:
            value = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError as exc:
        raise bad_query(name, "must be an ISO 8601 date or date-time") from exc
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def instant_of(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def filter_created(
    rows: list[dict[str, Any]], after: str | None, before: str | None
) -> list[dict[str, Any]]:
    start = parse_instant("created_after", after)
    end = parse_instant("created_before", before)
    if start:
        rows = [r for r in rows if instant_of(r["created_at"]) >= start]
    if end:
        rows = [r for r in rows if instant_of(r["created_at"]) < end]
    return rows


# -- sort ------------------------------------------------------------------------
def parse_sort(raw: str | None, allowed: tuple[str, ...]) -> list[tuple[str, bool]]:
    """``[(field, descending), ...]``."""
    if raw is None:
        return []
    keys: list[tuple[str, bool]] = []
    for part in raw.split(","):
        name, _, direction = part.strip().partition(":")
        if name not in allowed:
            raise bad_query("sort", f"cannot sort by {name!r}; allowed: {', '.join(allowed)}")
        if direction not in ("", "asc", "desc"):
            raise bad_query("sort", f"direction of {name!r} must be asc or desc")
        keys.append((name, direction == "desc"))
    return keys


def apply_sort(
    rows: list[dict[str, Any]], raw: str | None, allowed: tuple[str, ...]
) -> list[dict[str, Any]]:
    keys = parse_sort(raw, allowed)
    out = sorted(rows, key=lambda r: r["id"])
    for name, descending in reversed(keys):
        present = [r for r in out if r.get(name) is not None]
        missing = [r for r in out if r.get(name) is None]
        out = sorted(present, key=lambda r, n=name: _sort_key(r[n]), reverse=descending) + missing
    return out


def _sort_key(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value


# -- fields ----------------------------------------------------------------------
def parse_fields(raw: str | None, schema: Schema) -> Selection | None:
    if raw is None:
        return None
    selection, rest = _parse_level(raw.replace(" ", ""), schema, "")
    if rest:
        raise bad_query("fields", f"unexpected {rest[0]!r} in fields")
    return selection


def _parse_level(text: str, schema: Schema, prefix: str) -> tuple[Selection, str]:
    selection: Selection = {}
    while True:
        end = 0
        while end < len(text) and text[end] not in ",()":
            end += 1
        name, text = text[:end], text[end:]
        if not name:
            raise bad_query("fields", "empty field name in fields")
        if name not in schema:
            raise bad_query("fields", f"unknown field {prefix + name!r}")
        if text.startswith("("):
            nested = schema[name]
            if nested is None:
                raise bad_query("fields", f"field {prefix + name!r} has no sub-fields")
            sub, text = _parse_level(text[1:], nested, f"{prefix}{name}.")
            if not text.startswith(")"):
                raise bad_query("fields", "unbalanced parentheses in fields")
            text = text[1:]
            selection[name] = sub
        else:
            selection[name] = None
        if text.startswith(","):
            text = text[1:]
            continue
        return selection, text


def project(value: Any, selection: Selection | None) -> Any:
    """``value`` reduced to ``selection`` (dicts, and lists of dicts)."""
    if selection is None:
        return value
    if isinstance(value, list):
        return [project(item, selection) for item in value]
    if not isinstance(value, dict):
        return value
    return {key: project(value.get(key), sub) for key, sub in selection.items() if key in value}


# -- pages -----------------------------------------------------------------------
def paginate(
    rows: list[dict[str, Any]], params: ListParams
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    total = len(rows)
    total_pages = math.ceil(total / params.limit)
    start = (params.page - 1) * params.limit
    meta = {
        "page": params.page,
        "limit": params.limit,
        "total": total,
        "totalPages": total_pages,
        "hasNext": params.page < total_pages,
        "hasPrev": params.page > 1,
    }
    return rows[start : start + params.limit], meta
