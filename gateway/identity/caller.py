"""Who is asking: the :class:`Caller` on ``info.context.caller``.

A request may carry any combination of three credentials (each read from its own
header by :mod:`gateway.identity.recognise`):

==================================  ===========================  ==========================
header                              what it is                   on the caller
==================================  ===========================  ==========================
``Authorization: Bearer <JWT>``     an operator (gateway JWT)    ``caller.operator``
``litekart-customer-token: <JWT>``  a Litekart customer          ``caller.litekart_customer``
``livelike-user-token: <token>``    a Rewards end user           ``caller.rewards_user``
==================================  ===========================  ==========================

None of them: the anonymous shopper (``caller.is_anonymous``). A credential that was sent
but is not usable (expired, forged, malformed) is not on the caller; it is recorded in
``caller.problems`` so a field needing it can say which header failed and why.

Tokens never appear in ``repr()``; use :mod:`gateway.identity.credentials` to present
them to a store.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from gateway.identity.roles import Role
from gateway.sources import Source

OPERATOR_HEADER = "authorization"
LITEKART_CUSTOMER_HEADER = "litekart-customer-token"
REWARDS_USER_HEADER = "livelike-user-token"


class CredentialKind(Enum):
    """The three credentials a caller can present, each with its request header."""

    OPERATOR = OPERATOR_HEADER
    LITEKART_CUSTOMER = LITEKART_CUSTOMER_HEADER
    REWARDS_USER = REWARDS_USER_HEADER

    @property
    def header(self) -> str:
        """The header's name as written in messages (``Authorization``, ...)."""
        return "Authorization" if self is CredentialKind.OPERATOR else self.value


END_USER_KIND: dict[Source, CredentialKind] = {
    Source.LITEKART: CredentialKind.LITEKART_CUSTOMER,
    Source.REWARDS: CredentialKind.REWARDS_USER,
}
"""The stores whose end users have their own credential, and which one."""


@dataclass(frozen=True)
class Operator:
    """A verified gateway JWT: who (``subject``), which roles, and a creator's id."""

    subject: str
    roles: frozenset[Role]
    creator_id: str | None = None
    expires_at: float | None = None

    def holds_any(self, roles: frozenset[Role]) -> bool:
        """``admin``, or one of ``roles``."""
        return Role.ADMIN in self.roles or bool(self.roles & roles)


@dataclass(frozen=True)
class LitekartCustomer:
    """A Litekart customer JWT (verified by Litekart itself when forwarded)."""

    token: str = field(repr=False)
    customer_id: str
    expires_at: float | None = None


@dataclass(frozen=True)
class RewardsUser:
    """A Rewards end-user token (opaque; Rewards checks it when forwarded)."""

    token: str = field(repr=False)


@dataclass(frozen=True)
class CredentialProblem:
    """A credential that was sent but cannot be used, and why (``"has expired"``)."""

    kind: CredentialKind
    reason: str

    def message(self) -> str:
        return f"`{self.kind.header}` was not accepted: {self.reason}"


@dataclass(frozen=True)
class Caller:
    """Who is asking, per credential. Immutable; one per request."""

    operator: Operator | None = None
    litekart_customer: LitekartCustomer | None = None
    rewards_user: RewardsUser | None = None
    problems: tuple[CredentialProblem, ...] = ()

    @property
    def is_anonymous(self) -> bool:
        """No usable credential at all (problems do not count)."""
        return self.operator is None and not self.end_user_sources()

    def end_user_sources(self) -> frozenset[Source]:
        """The stores this caller is an end user of."""
        found = set()
        if self.litekart_customer is not None:
            found.add(Source.LITEKART)
        if self.rewards_user is not None:
            found.add(Source.REWARDS)
        return frozenset(found)

    def is_end_user_of(self, source: Source) -> bool:
        return source in self.end_user_sources()

    def problem(self, kind: CredentialKind) -> CredentialProblem | None:
        """Why the credential of ``kind`` that was sent is unusable (``None``: no problem)."""
        return next((p for p in self.problems if p.kind is kind), None)

    def roles(self) -> frozenset[Role]:
        return self.operator.roles if self.operator else frozenset()


ANONYMOUS = Caller()
