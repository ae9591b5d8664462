"""Operator roles: what a gateway JWT's ``roles`` / ``scope`` claim can grant.

=================  ==========================================================  =========
role               what it is for                                              acts?
=================  ==========================================================  =========
``admin``          everything, including destructive operations (deletes,      yes, all
                   refunds, settings, users); passes every role requirement
``staff``          read-only everything: people, money, operations, analytics  no
``support``        customer service: reads customers, orders, carts,           orders
                   payments, refunds; acts on orders (cancel, refund)          only
``moderator``      Litestore creator-content moderation: reads content in      content
                   every moderation state, approves/rejects it
``catalog_editor`` back-office catalogue editing across stores (products,      catalogue
                   categories, brands, offers, articles, pages, inventory);
                   no people or money
``creator``        a Litestore creator (Litestore has only an API key, so a    own
                   creator is an operator JWT with ``creator_id``): their own  content
                   content, commissions and analytics, nothing else
=================  ==========================================================  =========

Why these: ``staff`` is the read-only back office the issue asks for; the stores' write
surfaces split into four groups of people who should not hold each other's power —
order handling (support), content moderation (moderator), catalogue editing
(catalog_editor) and a creator's own corner (creator) — and one role (admin) for the
destructive rest. No role implies another except ``admin``, which qualifies for every
requirement (see :mod:`gateway.identity.requirements`).

Claims (:func:`roles_from_claims`): ``roles`` as a list or a space/comma-separated string,
else OAuth ``scope`` / ``scp`` with entries ``admin`` or ``storegraph:admin``; names are
case-insensitive; unknown names are ignored (an issuer may carry roles of other systems).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Any

SCOPE_PREFIX = "storegraph:"
"""A scope entry ``storegraph:staff`` grants ``staff``."""


class Role(StrEnum):
    """A gateway operator role (the value is the claim's spelling)."""

    ADMIN = "admin"
    STAFF = "staff"
    SUPPORT = "support"
    MODERATOR = "moderator"
    CATALOG_EDITOR = "catalog_editor"
    CREATOR = "creator"


ROLE_DESCRIPTIONS: dict[Role, str] = {
    Role.ADMIN: "Everything, including destructive operations; passes every requirement.",
    Role.STAFF: "Read-only everything: people, money, operations and analytics.",
    Role.SUPPORT: "Customer service: reads customers, orders, carts, payments, refunds; "
    "acts on orders.",
    Role.MODERATOR: "Litestore content moderation: all content states; approve and reject.",
    Role.CATALOG_EDITOR: "Back-office catalogue editing across stores; no people or money.",
    Role.CREATOR: "A Litestore creator (the token's `creator_id`): their own content, "
    "commissions and analytics only.",
}


def parse_role_names(names: Iterable[str]) -> frozenset[Role]:
    """The known roles among ``names`` (case-insensitive, ``storegraph:`` prefix allowed)."""
    found: set[Role] = set()
    for name in names:
        text = name.strip().lower().removeprefix(SCOPE_PREFIX)
        try:
            found.add(Role(text))
        except ValueError:
            continue
    return frozenset(found)


def _names(value: Any) -> list[str]:
    if isinstance(value, str):
        return value.replace(",", " ").split()
    if isinstance(value, list | tuple):
        return [v for v in value if isinstance(v, str)]
    return []


def roles_from_claims(claims: Mapping[str, Any]) -> frozenset[Role]:
    """The roles a verified token grants: its ``roles`` claim, else ``scope``/``scp``."""
    if "roles" in claims:
        return parse_role_names(_names(claims["roles"]))
    return parse_role_names(_names(claims.get("scope")) + _names(claims.get("scp")))
