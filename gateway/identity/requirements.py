"""What a field needs, and the one decision of whether a caller has it.

A :class:`Requirement` admits a caller who satisfies **any** of:

- an operator holding one of ``roles`` (``admin`` always qualifies when ``roles`` is
  not empty; a viewer-only requirement admits no operator: it is about the end user);
- for each store in ``viewer``, that store's end user with their own credential
  (forwarded, so the store itself enforces ownership);
- with ``creator=True``, a ``creator`` operator whose ``creator_id`` is the owner of
  what is asked (the owner is supplied by the field: see ``schema.permissions``).

:meth:`Requirement.check` raises :class:`~gateway.identity.errors.NotAuthenticated`
(``UNAUTHENTICATED``) when nothing valid that could qualify was sent — naming the
header(s) needed and, if one was sent but refused, why — and
:class:`~gateway.identity.errors.NotAllowed` (``FORBIDDEN``) when a valid credential
is not enough. With ``null_when_absent``, a caller who sent none of the qualifying
credentials gets ``None`` without an error (``viewer`` parts: "no credential, no part").

Fields use this through ``schema.permissions.requires``; code outside a field (``node``,
subscriptions, the write executor) calls :meth:`Requirement.check` /
:meth:`Requirement.allows` with ``context.caller``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from gateway.identity.caller import END_USER_KIND, Caller, CredentialKind
from gateway.identity.errors import NotAllowed, NotAuthenticated
from gateway.identity.roles import Role
from gateway.sources import Source

STORE_NAMES = {
    Source.LITEKART: "a Litekart customer token (`litekart-customer-token`)",
    Source.REWARDS: "a Rewards user token (`livelike-user-token`)",
}


class Decision(Enum):
    GRANTED = "granted"
    ABSENT = "absent"
    """Quietly nothing: ``null_when_absent`` and no qualifying credential was sent."""


@dataclass(frozen=True)
class Requirement:
    """Who may read (or call) something. See the module docstring."""

    roles: frozenset[Role] = frozenset()
    viewer: frozenset[Source] = frozenset()
    creator: bool = False
    null_when_absent: bool = False

    def __post_init__(self) -> None:
        if not (self.roles or self.viewer or self.creator):
            raise ValueError("a requirement must admit someone: roles, viewer or creator")
        unknown = self.viewer - set(END_USER_KIND)
        if unknown:
            raise ValueError(f"stores without end-user credentials: {sorted(unknown)}")

    @classmethod
    def of(
        cls,
        *roles: Role,
        viewer: tuple[Source, ...] | list[Source] = (),
        creator: bool = False,
        null_when_absent: bool = False,
    ) -> Requirement:
        return cls(frozenset(roles), frozenset(viewer), creator, null_when_absent)

    # ------------------------------------------------------------------ decision

    def decide(self, caller: Caller, *, creator_id: str | None = None) -> Decision:
        """``GRANTED`` or ``ABSENT``; raises ``NotAuthenticated`` / ``NotAllowed``."""
        operator = caller.operator
        if operator is not None and self.roles and operator.holds_any(self.roles):
            return Decision.GRANTED
        if self.viewer & caller.end_user_sources():
            return Decision.GRANTED
        creator_ok = (
            self.creator
            and operator is not None
            and Role.CREATOR in operator.roles
            and operator.creator_id is not None
        )
        if (
            creator_ok
            and operator is not None
            and creator_id is not None
            and operator.creator_id == creator_id
        ):
            return Decision.GRANTED
        problems = [p for p in (caller.problem(k) for k in self._kinds()) if p is not None]
        operator_counts = operator is not None and bool(self.roles or self.creator)
        if self.null_when_absent and not problems and not operator_counts:
            return Decision.ABSENT
        if operator_counts:
            raise NotAllowed(self._forbidden_message(caller, creator_ok))
        raise NotAuthenticated(self._unauthenticated_message(problems))

    def allows(self, caller: Caller, *, creator_id: str | None = None) -> bool:
        """``True`` when :meth:`decide` would grant (never raises)."""
        try:
            return self.decide(caller, creator_id=creator_id) is Decision.GRANTED
        except (NotAuthenticated, NotAllowed):
            return False

    def check(self, caller: Caller, *, creator_id: str | None = None) -> bool:
        """``True`` when granted, ``False`` when quietly absent; raises when refused."""
        return self.decide(caller, creator_id=creator_id) is Decision.GRANTED

    # ------------------------------------------------------------------ messages

    def _kinds(self) -> list[CredentialKind]:
        kinds = [CredentialKind.OPERATOR] if self.roles or self.creator else []
        return kinds + [END_USER_KIND[s] for s in sorted(self.viewer)]

    def needs(self) -> str:
        """What would do, in words: "an operator token ... or a Litekart customer token"."""
        parts = []
        if self.roles:
            names = " or ".join(r.name for r in sorted(self.roles | {Role.ADMIN}))
            parts.append(f"an operator token (`Authorization: Bearer <JWT>`) with role {names}")
        if self.creator:
            parts.append("the owning creator's operator token (role CREATOR)")
        parts.extend(STORE_NAMES[s] for s in sorted(self.viewer))
        return " or ".join(parts)

    def _unauthenticated_message(self, problems: list) -> str:
        needs = f"This needs {self.needs()}."
        if problems:
            return "; ".join(p.message() for p in problems) + ". " + needs
        return needs

    def _forbidden_message(self, caller: Caller, creator_ok: bool) -> str:
        if creator_ok and not self.roles & caller.roles():
            return "A creator may only read their own content, commissions and analytics."
        held = ", ".join(r.name for r in sorted(caller.roles())) or "none"
        return f"Your operator roles ({held}) are not enough: this needs {self.needs()}."
