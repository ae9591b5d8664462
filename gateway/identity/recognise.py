"""Recognising the caller from a request's headers (see :mod:`gateway.identity.caller`).

:func:`recognise_caller` is called once per request by the context getter:

- ``Authorization: Bearer <JWT>`` is verified by the gateway
  (:class:`~gateway.identity.operator_tokens.OperatorTokenVerifier`); any other
  ``Authorization`` form, or a gateway without operator tokens configured, is a problem.
- ``litekart-customer-token`` must be a JWT naming a customer (``sub``) that has not
  expired (``exp``, read without verifying: Litekart holds the key and checks the
  signature itself on every forwarded call; the gateway reads the claims only to
  answer "who am I" and to refuse an expired token without calling the store).
- ``livelike-user-token`` is opaque: any printable value up to a sane length.

A credential that fails is recorded as a
:class:`~gateway.identity.caller.CredentialProblem` and left off the caller; the request
goes on (public fields still answer), and fields needing it say which header and why.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from typing import Any

import jwt

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
from gateway.identity.operator_tokens import MAX_TOKEN_LENGTH, OperatorTokenVerifier, TokenRejected

CUSTOMER_TOKEN_LEEWAY_S = 5.0


async def recognise_caller(
    headers: Mapping[str, str],
    verifier: OperatorTokenVerifier | None,
    *,
    clock: Callable[[], float] = time.time,
) -> Caller:
    """The caller these request headers describe (header names are case-insensitive)."""
    problems: list[CredentialProblem] = []
    operator = await _operator(headers.get(OPERATOR_HEADER), verifier, problems)
    customer = _litekart_customer(headers.get(LITEKART_CUSTOMER_HEADER), clock(), problems)
    user = _rewards_user(headers.get(REWARDS_USER_HEADER), problems)
    if not (operator or customer or user or problems):
        return ANONYMOUS
    return Caller(
        operator=operator, litekart_customer=customer, rewards_user=user, problems=tuple(problems)
    )


async def _operator(
    value: str | None, verifier: OperatorTokenVerifier | None, problems: list[CredentialProblem]
) -> Operator | None:
    if value is None or not value.strip():
        return None
    scheme, _, token = value.strip().partition(" ")
    kind = CredentialKind.OPERATOR
    if scheme.lower() != "bearer" or not token.strip():
        problems.append(CredentialProblem(kind, "it must be `Bearer <JWT>`"))
        return None
    if verifier is None:
        problems.append(CredentialProblem(kind, "this gateway has no operator tokens configured"))
        return None
    try:
        return await verifier.verify(token.strip())
    except TokenRejected as exc:
        problems.append(CredentialProblem(kind, exc.reason))
        return None


def _litekart_customer(
    value: str | None, now: float, problems: list[CredentialProblem]
) -> LitekartCustomer | None:
    if value is None or not value.strip():
        return None
    token = value.strip()
    kind = CredentialKind.LITEKART_CUSTOMER
    if token.lower().startswith("bearer "):
        token = token[7:].strip()
    claims: Any
    try:
        if len(token) > MAX_TOKEN_LENGTH:
            raise jwt.DecodeError("too long")
        claims = jwt.decode(token, options={"verify_signature": False})
    except jwt.InvalidTokenError:
        problems.append(CredentialProblem(kind, "it is not a well-formed JWT"))
        return None
    subject = claims.get("sub")
    if not isinstance(subject, str) or not subject:
        problems.append(CredentialProblem(kind, "it names no customer (`sub`)"))
        return None
    expires = claims.get("exp")
    if not isinstance(expires, int | float):
        problems.append(CredentialProblem(kind, "it has no expiry (`exp`)"))
        return None
    if expires + CUSTOMER_TOKEN_LEEWAY_S <= now:
        problems.append(CredentialProblem(kind, "the token has expired; log in again"))
        return None
    return LitekartCustomer(token=token, customer_id=subject, expires_at=float(expires))


def _rewards_user(value: str | None, problems: list[CredentialProblem]) -> RewardsUser | None:
    if value is None or not value.strip():
        return None
    token = value.strip()
    if len(token) > MAX_TOKEN_LENGTH or not token.isprintable():
        problems.append(CredentialProblem(CredentialKind.REWARDS_USER, "it is not a token"))
        return None
    return RewardsUser(token=token)
