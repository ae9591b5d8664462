"""Entities in Strapi v4's response shape.

An entry is ``{"id", "attributes": {...}}``; a populated relation or media is
``{"data": entry | [entries] | null}``; a component is a plain object with its
``id`` and attributes (its relations again wrapped in ``{"data": ...}``).
Relations, components and media appear only when populated.
"""

from __future__ import annotations

from typing import Any

from stores.rewards.db import Entity, RewardsDB, is_published, related
from stores.rewards.ordering import sort_entities
from stores.rewards.query import Populate
from stores.rewards.schema import ContentType, target_of


def entry(
    db: RewardsDB,
    ctype: ContentType,
    entity: Entity,
    fields: list[str] | None,
    populate: dict[str, Populate],
    preview: bool,
) -> dict[str, Any]:
    """``{"id", "attributes"}`` for a collection entry."""
    return {
        "id": entity["id"],
        "attributes": attributes(db, ctype, entity, fields, populate, preview),
    }


def attributes(
    db: RewardsDB,
    ctype: ContentType,
    entity: Entity,
    fields: list[str] | None,
    populate: dict[str, Populate],
    preview: bool,
) -> dict[str, Any]:
    """The selected attributes of ``entity`` plus its populated fields."""
    out = {name: entity.get(name) for name in (fields or ctype.scalar_names())}
    for name, node in populate.items():
        f = ctype.fields[name]
        target = target_of(f)
        items = related(db, entity, name, f)
        if f.kind == "relation" and not preview:
            items = [i for i in items if is_published(target, i)]
        if node.filters is not None:
            items = [i for i in items if node.filters(db, i)]
        if node.sort:
            items = sort_entities(db, target, items, node.sort)
        children = node.children
        if target.component and not node.children_given:
            children = {n: Populate() for n in target.populatable_names()}
        if f.kind == "component":
            shaped = [
                {"id": i["id"], **attributes(db, target, i, node.fields, children, preview)}
                for i in items
            ]
            out[name] = shaped if f.many else (shaped[0] if shaped else None)
        else:
            entries = [entry(db, target, i, node.fields, children, preview) for i in items]
            out[name] = {"data": entries if f.many else (entries[0] if entries else None)}
    return out
