"""Recognising the caller from request headers, in any combination."""

from __future__ import annotations

import time

import jwt

from gateway.identity import (
    ANONYMOUS,
    CredentialKind,
    OperatorTokenVerifier,
    Role,
    mint_operator_token,
    recognise_caller,
)

SECRET = "recognise-test-secret-0123456789abcdef0123"
VERIFIER = OperatorTokenVerifier(secret=SECRET)


def customer_token(sub: str = "cus_0001", ttl: int = 600) -> str:
    now = int(time.time())
    return jwt.encode(
        {"sub": sub, "iat": now, "exp": now + ttl}, "litekart's own secret-xxxxxxxxxxxx"
    )


async def test_no_headers_is_the_anonymous_caller() -> None:
    caller = await recognise_caller({}, VERIFIER)
    assert caller is ANONYMOUS and caller.is_anonymous


async def test_all_three_credentials_at_once() -> None:
    headers = {
        "authorization": f"Bearer {mint_operator_token(SECRET, [Role.SUPPORT])}",
        "litekart-customer-token": customer_token(),
        "livelike-user-token": "llu_demo_user_001",
    }
    caller = await recognise_caller(headers, VERIFIER)
    assert caller.operator is not None and caller.operator.roles == {Role.SUPPORT}
    assert caller.litekart_customer is not None
    assert caller.litekart_customer.customer_id == "cus_0001"
    assert caller.rewards_user is not None and not caller.problems
    assert "llu_demo_user_001" not in repr(caller)  # tokens never in a repr


async def test_bad_credentials_become_problems_naming_their_header() -> None:
    headers = {
        "authorization": "Basic dXNlcjpwYXNz",
        "litekart-customer-token": customer_token(ttl=-60),
        "livelike-user-token": "bad\x00token",
    }
    caller = await recognise_caller(headers, VERIFIER)
    assert caller.is_anonymous
    assert {p.kind: p.reason for p in caller.problems} == {
        CredentialKind.OPERATOR: "it must be `Bearer <JWT>`",
        CredentialKind.LITEKART_CUSTOMER: "the token has expired; log in again",
        CredentialKind.REWARDS_USER: "it is not a token",
    }


async def test_a_customer_token_that_is_no_jwt_is_a_problem() -> None:
    caller = await recognise_caller({"litekart-customer-token": "garbage"}, VERIFIER)
    [problem] = caller.problems
    assert (
        problem.message()
        == "`litekart-customer-token` was not accepted: it is not a well-formed JWT"
    )


async def test_operator_tokens_without_a_verifier_are_refused_with_a_reason() -> None:
    token = mint_operator_token(SECRET, [Role.ADMIN])
    caller = await recognise_caller({"authorization": f"Bearer {token}"}, None)
    assert caller.operator is None
    assert caller.problems[0].reason == "this gateway has no operator tokens configured"
