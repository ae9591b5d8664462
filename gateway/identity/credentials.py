"""Which credential each store call presents, and the identity its cache entries carry.

A :class:`StoreCredential` is what one upstream call presents on top of (or instead of)
the gateway's own store credential, plus the identity that goes into the response cache
key and the rate-limit budget. :class:`~gateway.upstream.UpstreamClient` takes one per
call (``credential=``); the default, :data:`PUBLIC`, is the gateway's own credential and
is only for public catalogue reads — one cache entry shared by every caller.

For people, money and operations, resolvers call ``context.credential(source,
requirement)`` (:func:`credential_for`) with the same
:class:`~gateway.identity.requirements.Requirement` the field declares (or the store's
constant for that data), which picks:

===========  ===============================================================================
store        credential
===========  ===============================================================================
Rewards      the user's ``livelike-user-token`` forwarded beside the gateway's store token
             whenever one was sent (Rewards scopes orders and refunds to it; identity: the
             token, plus the role set if also an operator); else an operator holding one
             of ``requirement.roles`` → the gateway's token (identity: the role set)
Litekart     an operator holding one of ``requirement.roles`` → the gateway's admin key
             (identity: the role set); else the customer's JWT as ``Authorization:
             Bearer`` *instead of* the gateway's key (Litekart enforces "own records
             only"; budget per JWT)
others       an operator holding one of ``requirement.roles``, or the CREATOR operator of
             a ``creator`` requirement (the field checked ownership) → the gateway's key
===========  ===============================================================================

An operator lacking the roles never borrows the gateway's key because they also sent an
end-user credential; with nothing that fits, :func:`credential_for` raises
``UNAUTHENTICATED``/``FORBIDDEN`` (``requirement.check``): the gateway's own credential is
never used for people-data on behalf of an anonymous caller or an end user, even if a
field forgot its requirement.

Cache identity (:attr:`StoreCredential.identity`) is a hash of every forwarded credential
and the operator's sorted role set (and ``creator_id``): entries never cross identities,
while :data:`PUBLIC` reads stay shared.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from gateway.cache import fingerprint
from gateway.identity.caller import REWARDS_USER_HEADER, Caller, CredentialKind, Operator
from gateway.identity.errors import NotAuthenticated
from gateway.identity.requirements import Requirement
from gateway.identity.roles import Role
from gateway.sources import Source


@dataclass(frozen=True)
class StoreCredential:
    """What one store call presents (see the module docstring)."""

    name: str
    """``public``, ``operator``, ``litekart-customer`` or ``rewards-user`` (for logs/tests)."""
    identity: str | None = None
    """Cache-key identity beyond the gateway's own credential; ``None`` for public reads."""
    headers: Mapping[str, str] = field(default_factory=dict, repr=False)
    """Headers to send with the call (the forwarded end-user credential)."""
    replaces_gateway_auth: bool = False
    """Send ``headers`` instead of the gateway's own store credential."""
    budget_identity: str | None = None
    """The store budgets calls with this credential separately (Litekart's JWTs)."""
    forwarded: CredentialKind | None = None
    """The caller's header this credential came from (named when the store refuses it)."""


PUBLIC = StoreCredential("public")
"""The gateway's own store credential, for public catalogue reads only."""


def operator_identity(operator: Operator) -> str:
    roles = ",".join(sorted(str(role) for role in operator.roles))
    return fingerprint("operator", roles, operator.creator_id)


def operator_credential(operator: Operator) -> StoreCredential:
    return StoreCredential("operator", identity=operator_identity(operator))


def credential_for(caller: Caller, source: Source, requirement: Requirement) -> StoreCredential:
    """The credential for a people/money/operations call to ``source`` (module docstring)."""
    operator = caller.operator
    entitled = operator is not None and (
        (bool(requirement.roles) and operator.holds_any(requirement.roles))
        or (requirement.creator and Role.CREATOR in operator.roles)
    )
    if source is Source.REWARDS and source in requirement.viewer:
        user = caller.rewards_user
        if user is not None:
            roles = operator_identity(operator) if entitled and operator else None
            return StoreCredential(
                "rewards-user",
                identity=fingerprint("rewards-user", user.token, roles),
                headers={REWARDS_USER_HEADER: user.token},
                forwarded=CredentialKind.REWARDS_USER,
            )
    if entitled and operator is not None:
        return operator_credential(operator)
    if source is Source.LITEKART and source in requirement.viewer:
        customer = caller.litekart_customer
        if customer is not None:
            return StoreCredential(
                "litekart-customer",
                identity=fingerprint("litekart-customer", customer.token),
                headers={"Authorization": f"Bearer {customer.token}"},
                replaces_gateway_auth=True,
                budget_identity=fingerprint("litekart-customer", customer.token),
                forwarded=CredentialKind.LITEKART_CUSTOMER,
            )
    requirement.check(caller)  # raises the refusal the field would have given
    raise NotAuthenticated(f"This needs {requirement.needs()}.", source=source)
