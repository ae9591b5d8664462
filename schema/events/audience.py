"""Who may hear which event.

Every event kind declares its audience (``gateway.events.catalog``). Until callers
carry an identity, only ``PUBLIC`` events (the catalogue: products created or
updated, reviews) are delivered; events about people, money or store operations
are refused at subscribe time and never delivered.
"""

from __future__ import annotations

from collections.abc import Iterable

from gateway.errors import Forbidden
from gateway.events.catalog import Audience, EventKind


def may_ever_hear(context: object, kind: EventKind) -> bool:
    """Whether the caller may hear some events of ``kind``."""
    return kind.audience is Audience.PUBLIC


def may_hear(context: object, kind: EventKind, owner: str | None) -> bool:
    """Whether the caller may hear this event of ``kind``, owned by ``owner``."""
    return may_ever_hear(context, kind)


def check_subscribe(context: object, kinds: Iterable[EventKind]) -> None:
    """Refuse a subscription to kinds the caller may never hear (``FORBIDDEN``)."""
    refused = [k.field for k in kinds if not may_ever_hear(context, k)]
    if refused:
        raise Forbidden(f"You may not subscribe to {', '.join(refused)}.")
