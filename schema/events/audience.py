"""Who may hear which event: ``gateway.identity``'s one mechanism, per event kind.

Each kind's audience (``gateway.events.catalog``) becomes a
:class:`~gateway.identity.Requirement`; ``admin`` and ``staff`` hear every event.

=========  =====================================================================
audience   who hears it
=========  =====================================================================
PUBLIC     everyone (catalogue: products created/updated, reviews)
STAFF      ``staff``/``admin`` only (low stock)
CUSTOMER   the Litekart customer it belongs to (``litekart-customer-token``), and
           ``support`` (orders, payments, sign-ups)
CREATOR    the creator it belongs to (operator token with role ``creator`` and
           ``creator_id``), and ``moderator`` for content events
=========  =====================================================================

At subscribe time a caller who could never hear a kind is refused
(``UNAUTHENTICATED``/``FORBIDDEN``, naming what would do), as is a filter naming
someone else's objects; each event is then delivered only if the caller may hear
that one. A subscription whose credential expires is closed.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping

from gateway.events import SubscriptionClosed
from gateway.events.catalog import Audience, EventKind
from gateway.identity import Caller, NotAllowed, Requirement, Role
from gateway.sources import Source

EVERYTHING = frozenset({Role.STAFF})
"""Besides ``admin``, who hears every event."""
EXTRA_ROLES: Mapping[str, frozenset[Role]] = {
    "contentSubmitted": frozenset({Role.MODERATOR}),
    "contentApproved": frozenset({Role.MODERATOR}),
    "orderPlaced": frozenset({Role.SUPPORT}),
    "orderUpdated": frozenset({Role.SUPPORT}),
    "orderCancelled": frozenset({Role.SUPPORT}),
    "paymentCompleted": frozenset({Role.SUPPORT}),
    "customerRegistered": frozenset({Role.SUPPORT}),
}


def requirement(kind: EventKind) -> Requirement | None:
    """Who may hear ``kind`` at all (``None``: everyone)."""
    if kind.audience is Audience.PUBLIC:
        return None
    roles = EVERYTHING | EXTRA_ROLES.get(kind.field, frozenset())
    if kind.audience is Audience.CUSTOMER:
        return Requirement(roles, viewer=frozenset({Source.LITEKART}))
    return Requirement(roles, creator=kind.audience is Audience.CREATOR)


def _by_role(caller: Caller, kind: EventKind) -> bool:
    req = requirement(kind)
    return req is None or (caller.operator is not None and caller.operator.holds_any(req.roles))


def _own_id(caller: Caller, kind: EventKind) -> str | None:
    """The caller's own customer or creator id, for the kind's audience."""
    if kind.audience is Audience.CUSTOMER and caller.litekart_customer is not None:
        return caller.litekart_customer.customer_id
    if kind.audience is Audience.CREATOR and caller.operator is not None:
        return caller.operator.creator_id
    return None


def may_ever_hear(caller: Caller, kind: EventKind) -> bool:
    req = requirement(kind)
    return req is None or req.allows(caller, creator_id=_own_id(caller, kind))


def check_subscribe(caller: Caller, kinds: Iterable[EventKind], filters: Mapping[str, str]) -> None:
    """Refuse kinds the caller may never hear, and filters on someone else's objects."""
    for kind in kinds:
        req = requirement(kind)
        if req is None:
            continue
        req.check(caller, creator_id=_own_id(caller, kind))
        if _by_role(caller, kind):
            continue
        concern = "customer" if kind.audience is Audience.CUSTOMER else "creator"
        wanted = filters.get(concern)
        if wanted is not None and wanted != _own_id(caller, kind):
            raise NotAllowed(f"You may only hear your own {kind.field} events.")


def may_hear(caller: Caller, kind: EventKind, owner: str | None) -> bool:
    """Whether the caller may hear this event of ``kind``, belonging to ``owner``."""
    if _by_role(caller, kind):
        return True
    if kind.audience is Audience.STAFF:
        return False
    return owner is not None and owner == _own_id(caller, kind)


def check_still_valid(caller: Caller, now: float | None = None) -> None:
    """Close a subscription whose credential has expired since it began."""
    moment = time.time() if now is None else now
    expiries = [
        c.expires_at
        for c in (caller.operator, caller.litekart_customer)
        if c is not None and c.expires_at is not None
    ]
    if any(expiry <= moment for expiry in expiries):
        raise SubscriptionClosed("Your credential has expired; subscribe again with a fresh one.")
