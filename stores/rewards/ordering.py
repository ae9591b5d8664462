"""Ordering entries by ``sort`` keys, the way Strapi's SQL ``ORDER BY`` would.

Keys apply left to right; nulls come first ascending and last descending (as
SQLite and MySQL order them); ties keep ascending ``id`` order. Dotted paths
follow to-one relations and components (``reward.rewardItemCost``).
"""

from __future__ import annotations

from typing import Any

from stores.rewards.db import Entity, RewardsDB, related
from stores.rewards.query import SortKey
from stores.rewards.schema import ContentType, target_of


def sort_entities(
    db: RewardsDB, ctype: ContentType, items: list[Entity], keys: list[SortKey]
) -> list[Entity]:
    """``items`` ordered by ``keys``."""
    out = sorted(items, key=lambda e: e["id"])
    for path, descending in reversed(keys):
        values = {e["id"]: path_value(db, ctype, e, path) for e in out}
        present = [e for e in out if values[e["id"]] is not None]
        missing = [e for e in out if values[e["id"]] is None]
        present.sort(key=lambda e: values[e["id"]], reverse=descending)
        out = present + missing if descending else missing + present
    return out


def path_value(db: RewardsDB, ctype: ContentType, entity: Entity, path: tuple[str, ...]) -> Any:
    """The value at a dotted ``path`` (``None`` when a relation on the way is empty)."""
    current: Entity | None = entity
    for name in path[:-1]:
        f = ctype.get(name)
        assert f is not None and current is not None
        found = related(db, current, name, f)
        current = found[0] if found else None
        if current is None:
            return None
        ctype = target_of(f)
    return current.get(path[-1]) if current is not None else None
