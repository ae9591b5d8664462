"""The in-memory database of the Rewards store.

``RewardsDB`` holds every collection as ``{id: entity}`` plus the LiveLike
users behind the ``livelike-user-token`` header; ``related`` follows a
relation, component or media field of an entity (inverse relations are found
from the owning side).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from stores.rewards.schema import ContentType, Field

Entity = dict[str, Any]


def iso(moment: datetime) -> str:
    """Strapi's timestamp format: ``2025-09-01T10:00:00.000Z``."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + (
        f"{moment.microsecond // 1000:03d}Z"
    )


@dataclass
class User:
    """A LiveLike end user: who a ``livelike-user-token`` stands for."""

    livelike_user_id: str
    token: str
    custom_id: str
    wallets: dict[int, int]  # reward item id → balance (absent: no wallet)
    badges: set[int]


@dataclass
class RewardsDB:
    """Every collection of the store, keyed by id."""

    collections: dict[str, dict[int, Entity]] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)  # by livelikeUserId

    def collection(self, name: str) -> dict[int, Entity]:
        return self.collections[name]

    def user_by_token(self, token: str) -> User | None:
        return next((u for u in self.users.values() if u.token == token), None)

    def next_id(self, name: str) -> int:
        return max(self.collections[name], default=0) + 1


@dataclass
class Store:
    """The live database; ``reseed`` replaces it wholesale."""

    db: RewardsDB


def related(db: RewardsDB, owner: Entity, name: str, f: Field) -> list[Entity]:
    """The entities (component dicts, media) that field ``name`` of ``owner`` holds."""
    if f.kind in ("component", "media"):
        value = owner.get(name)
        if value is None:
            return []
        return list(value) if isinstance(value, list) else [value]
    assert f.target is not None
    target = db.collection(f.target)
    if f.inverse is not None:
        out = []
        for candidate in target.values():
            link = candidate.get(f.inverse)
            if link == owner["id"] or (isinstance(link, list) and owner["id"] in link):
                out.append(candidate)
        return out
    value = owner.get(name)
    if value is None:
        return []
    ids = value if isinstance(value, list) else [value]
    return [target[i] for i in ids if i in target]


def is_published(ctype: ContentType, entity: Entity) -> bool:
    return not ctype.draft_and_publish or entity.get("publishedAt") is not None
