"""``find_many`` / ``find_one``: a parsed query run against one collection and
answered in Strapi's envelopes (``{"data": [...], "meta": {"pagination"}}``
and ``{"data": {...}, "meta": {}}``)."""

from __future__ import annotations

from typing import Any

from stores.common import StoreError
from stores.rewards.db import Entity, RewardsDB, is_published
from stores.rewards.filters import Predicate
from stores.rewards.ordering import sort_entities
from stores.rewards.query import Query
from stores.rewards.schema import TYPES
from stores.rewards.serialize import entry


def visible(query: Query, ctype_name: str, entity: Entity) -> bool:
    """Whether ``entity`` exists for this request (publication state, locale)."""
    ctype = TYPES[ctype_name]
    if not query.preview and not is_published(ctype, entity):
        return False
    return query.locale is None or entity.get("locale", query.locale) == query.locale


def find_many(
    db: RewardsDB, ctype_name: str, query: Query, scope: Predicate | None = None
) -> dict[str, Any]:
    """The page of matching entries with its pagination meta."""
    ctype = TYPES[ctype_name]
    rows = [
        e
        for e in db.collection(ctype_name).values()
        if visible(query, ctype_name, e)
        and (scope is None or scope(db, e))
        and (query.filters is None or query.filters(db, e))
    ]
    rows = sort_entities(db, ctype, rows, query.sort)
    page = query.page
    chosen = rows[page.start : page.start + page.limit]
    return {
        "data": [entry(db, ctype, e, query.fields, query.populate, query.preview) for e in chosen],
        "meta": {"pagination": page.meta(len(rows))},
    }


def find_one(
    db: RewardsDB, ctype_name: str, raw_id: str, query: Query, scope: Predicate | None = None
) -> dict[str, Any]:
    """One entry by id, or Strapi's 404 (also for ids that are not integers)."""
    entity = db.collection(ctype_name).get(int(raw_id)) if raw_id.isdigit() else None
    if (
        entity is None
        or not visible(query, ctype_name, entity)
        or (scope is not None and not scope(db, entity))
    ):
        raise StoreError(404, "NOT_FOUND", "Not Found")
    ctype = TYPES[ctype_name]
    return {
        "data": entry(db, ctype, entity, query.fields, query.populate, query.preview),
        "meta": {},
    }
