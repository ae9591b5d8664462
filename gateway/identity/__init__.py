"""Who is asking, what they may see, and which credential each store call uses.

The contract other packages build on (one mechanism; do not add a second):

**The caller** — ``info.context.caller`` is a :class:`Caller` (``caller.py``), built once
per request by :func:`recognise_caller` (``recognise.py``) from three headers, in any
combination: ``Authorization: Bearer <gateway JWT>`` → ``caller.operator``
(:class:`Operator`: ``subject``, ``roles``, ``creator_id``), ``litekart-customer-token``
→ ``caller.litekart_customer``, ``livelike-user-token`` → ``caller.rewards_user``.
Bad credentials land in ``caller.problems`` (header + reason), not on the caller.

**Roles** — :class:`Role` (``roles.py``): ``admin`` (everything), ``staff`` (read-only
everything), ``support``, ``moderator``, ``catalog_editor``, ``creator``.

**Who may call a field/mutation** — declare it once on the field with
``schema.permissions.requires(...)`` (a Strawberry ``PermissionExtension`` that shows as
``@requires(...)`` in ``schema.graphql``)::

    from gateway.identity import Role
    from schema.permissions import requires

    @strawberry.mutation(extensions=[requires(Role.SUPPORT)])           # admin too
    @strawberry.field(extensions=[requires(Role.STAFF, viewer=[Source.LITEKART])])

A refusal is ``null`` + ``UNAUTHENTICATED`` / ``FORBIDDEN``. Outside a field (``node``,
subscriptions, the write executor) use the same :class:`Requirement`
(``requirements.py``): ``requirement.check(context.caller)`` raises,
``requirement.allows(caller)`` answers.

**Which credential a store call uses** — ``context.credential(source, requirement)`` →
:class:`StoreCredential` (``credentials.py``), passed as ``credential=`` to
``UpstreamClient.get_json`` / ``send_json``, with the same ``Requirement`` the field or
write declares: an operator holding its roles → the gateway's key (cache identity = role
set); else the customer's JWT as Litekart's ``Authorization: Bearer``; the Rewards user
token forwarded whenever sent; never the gateway's key for an anonymous caller or an end
user.
Public catalogue reads pass nothing (:data:`PUBLIC`: shared cache entries).

**Operator tokens** — :class:`OperatorTokenVerifier` (``operator_tokens.py``: PyJWT,
HS256 secret and/or JWKS via :class:`JwksKeys` in ``jwks.py``, with rotation),
:func:`operator_auth` (``setup.py``: the embedded default's generated secret),
:func:`mint_operator_token` (``minting.py``: ``storegraph token``).
"""

from __future__ import annotations

from gateway.identity.caller import (
    ANONYMOUS,
    LITEKART_CUSTOMER_HEADER,
    OPERATOR_HEADER,
    REWARDS_USER_HEADER,
    Caller,
    CredentialKind,
    CredentialProblem,
    LitekartCustomer,
    Operator,
    RewardsUser,
)
from gateway.identity.credentials import PUBLIC, StoreCredential, credential_for
from gateway.identity.errors import NotAllowed, NotAuthenticated
from gateway.identity.jwks import JwksKeys
from gateway.identity.minting import mint_operator_token, parse_ttl
from gateway.identity.operator_tokens import OperatorTokenVerifier, TokenRejected
from gateway.identity.recognise import recognise_caller
from gateway.identity.requirements import Decision, Requirement
from gateway.identity.roles import Role, roles_from_claims
from gateway.identity.setup import OperatorAuth, operator_auth

__all__ = [
    "ANONYMOUS",
    "LITEKART_CUSTOMER_HEADER",
    "OPERATOR_HEADER",
    "PUBLIC",
    "REWARDS_USER_HEADER",
    "Caller",
    "CredentialKind",
    "CredentialProblem",
    "Decision",
    "JwksKeys",
    "LitekartCustomer",
    "NotAllowed",
    "NotAuthenticated",
    "Operator",
    "OperatorAuth",
    "OperatorTokenVerifier",
    "Requirement",
    "RewardsUser",
    "Role",
    "StoreCredential",
    "TokenRejected",
    "credential_for",
    "mint_operator_token",
    "operator_auth",
    "parse_ttl",
    "recognise_caller",
    "roles_from_claims",
]
