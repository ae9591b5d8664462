"""The one permission mechanism: who may read a field or call a mutation.

Declare it once, on the field, with :func:`requires` — a Strawberry
``PermissionExtension`` holding one :class:`Requires` permission, which also puts the
``@requires(...)`` directive on the field in ``schema.graphql``::

    @strawberry.field(extensions=[requires(Role.STAFF, Role.SUPPORT, viewer=[Source.LITEKART])])
    async def order(self, info: Info, id: strawberry.ID) -> StoreOrder | None: ...

    @strawberry.mutation(extensions=[requires(Role.SUPPORT)])   # admin always qualifies
    async def cancel_litekart_order(self, info: Info, input: ...) -> CancelPayload | None: ...

    @strawberry.field(extensions=[requires(Role.STAFF, creator=lambda c, args: c.source_id)])
    async def analytics(self, info: Info) -> CreatorAnalytics | None: ...

The decision is :class:`gateway.identity.Requirement` (see its docstring): an operator with
one of the roles (``admin`` always), an end user of a ``viewer`` store with their own
credential, or — with ``creator=`` — the ``creator`` operator whose ``creator_id`` is the
owner returned by ``creator(source, kwargs)`` (a shared ``Requirement`` with
``creator=True`` and no owner admits any creator, for the field to narrow to their own:
subscriptions). A refused caller gets ``null`` for the field
and an error with ``extensions.code`` ``UNAUTHENTICATED`` (nothing valid sent; the message
names the header and, for a refused token, why) or ``FORBIDDEN`` (valid, not enough). The
field must be nullable. ``null_when_absent=True`` answers ``null`` with no error when no
qualifying credential was sent at all (the ``viewer`` parts).

Only fields that declare a requirement carry the extension (no per-field middleware): a
field under a guarded one (``Customer.orders`` below ``litekart.customer``) inherits its
parent's check. Types that hold people, money or operations carry ``@sensitive(...)``
(:func:`sensitive`), and a test walks ``schema.graphql`` to make sure every field that
returns one from an unguarded parent declares ``@requires``. The resolvers then call the
stores with ``info.context.credential(source)`` (``gateway.identity.credentials``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import Enum
from typing import Any

import strawberry
from strawberry.permission import BasePermission, PermissionExtension
from strawberry.schema_directive import Location
from strawberry.types import Info

from gateway.identity import Caller, Decision, Requirement, Role
from gateway.identity.roles import ROLE_DESCRIPTIONS
from gateway.sources import Source as SourceName
from schema.common import Source

OperatorRole = Enum(  # type: ignore[misc]  # members made from Role: mypy cannot list them
    "OperatorRole",
    {r.name: strawberry.enum_value(r.value, description=ROLE_DESCRIPTIONS[r]) for r in Role},
)
strawberry.enum(
    OperatorRole,
    name="OperatorRole",
    description="A gateway operator role, granted by the operator token's `roles` claim.",
)


@strawberry.enum(description="What kind of data a type holds, beyond the public catalogue.")
class SensitiveData(Enum):
    PEOPLE = strawberry.enum_value("people", description="Who someone is or how to reach them.")
    MONEY = strawberry.enum_value("money", description="Payments, balances, spend, commissions.")
    OPERATIONS = strawberry.enum_value(
        "operations", description="Store settings, back-office users, analytics, moderation."
    )


@strawberry.schema_directive(
    locations=[Location.FIELD_DEFINITION],
    name="requires",
    description="Who may read this field (or call this mutation); anyone else gets null and an "
    "error: UNAUTHENTICATED when nothing valid was sent, FORBIDDEN when it is not enough. "
    "Admitted: an operator token holding one of `roles` (ADMIN always), an end user of a "
    "store in `viewer` with their own credential (the store checks ownership), or with "
    "`creator` the CREATOR operator owning the object. `nullWhenAbsent`: null without an "
    "error when no such credential was sent.",
)
class RequiresDirective:
    roles: list[OperatorRole] = strawberry.field(
        description="Operator roles that may (ADMIN always may).",
    )
    viewer: list[Source] = strawberry.field(
        description="Stores whose end users may, with their own credential.",
    )
    creator: bool = strawberry.field(description="The owning creator may.")
    null_when_absent: bool = strawberry.field(
        description="Null without an error when no qualifying credential was sent."
    )


@strawberry.schema_directive(
    locations=[Location.OBJECT, Location.INTERFACE],
    name="sensitive",
    description="This type holds people, money or operations data: every field returning it "
    "declares @requires (or sits under a field that does).",
)
class SensitiveDirective:
    data: list[SensitiveData] = strawberry.field(description="What it holds.")


def sensitive(*data: SensitiveData) -> list[object]:
    """``directives=`` for a type holding people/money/operations data."""
    return [SensitiveDirective(data=list(data))]


Owner = Callable[[Any, dict[str, Any]], str | None]
"""``(source object, field arguments) -> creator id`` of what a field returns."""


class Requires(BasePermission):
    """The permission behind :func:`requires` (one instance per declaring field)."""

    def __init__(self, requirement: Requirement, owner: Owner | None = None) -> None:
        self.requirement = requirement
        self.owner = owner
        self._directive = RequiresDirective(
            roles=[OperatorRole[r.name] for r in Role if r in requirement.roles],
            viewer=sorted(requirement.viewer, key=list(SourceName).index),
            creator=requirement.creator,
            null_when_absent=requirement.null_when_absent,
        )

    @property
    def schema_directive(self) -> object:
        """``@requires(...)`` on the declaring field, from this instance's requirement."""
        return self._directive

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        caller = info.context.caller
        decision = self.requirement.decide(caller, creator_id=self._owner(source, caller, kwargs))
        return decision is Decision.GRANTED  # ABSENT: null, no error (fail_silently)

    def admits(self, source: Any, caller: Caller, arguments: dict[str, Any]) -> bool:
        """Whether :meth:`has_permission` grants, without raising its refusal (a read
        started before its field resolves: ``schema.prefetch``)."""
        return self.requirement.allows(caller, creator_id=self._owner(source, caller, arguments))

    def _owner(self, source: Any, caller: Caller, arguments: dict[str, Any]) -> str | None:
        if self.owner is not None:
            return self.owner(source, arguments)
        # no owner to compare: a creator is admitted for their own (the field narrows)
        return caller.operator.creator_id if caller.operator else None


def requires(
    *roles: Role | Requirement,
    viewer: Iterable[SourceName] = (),
    creator: Owner | None = None,
    null_when_absent: bool = False,
) -> PermissionExtension:
    """The field extension declaring who may read a field (see the module docstring).
    Takes roles and options, or one :class:`~gateway.identity.Requirement` shared with
    other declarations (``node`` kinds, the write executor)."""
    if len(roles) == 1 and isinstance(roles[0], Requirement):
        requirement = roles[0]
        if creator is not None and not requirement.creator:
            raise ValueError("a creator owner needs a requirement with creator=True")
    else:
        if not all(isinstance(r, Role) for r in roles):
            raise TypeError("requires() takes roles, or one Requirement")
        requirement = Requirement(
            roles=frozenset(roles),  # type: ignore[arg-type]
            viewer=frozenset(viewer),
            creator=creator is not None,
            null_when_absent=null_when_absent,
        )
    return PermissionExtension(
        permissions=[Requires(requirement, creator)],
        fail_silently=requirement.null_when_absent,
    )


__all__ = [
    "OperatorRole",
    "Requires",
    "RequiresDirective",
    "SensitiveData",
    "SensitiveDirective",
    "requires",
    "sensitive",
]
