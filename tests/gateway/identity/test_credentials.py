"""Which credential a store call presents for each caller, and its cache identity."""

from __future__ import annotations

import pytest

from gateway.identity import (
    ANONYMOUS,
    PUBLIC,
    Caller,
    LitekartCustomer,
    NotAllowed,
    NotAuthenticated,
    Operator,
    Requirement,
    RewardsUser,
    Role,
    credential_for,
)
from gateway.sources import Source

LITEKART_DATA = Requirement.of(Role.STAFF, Role.SUPPORT, viewer=[Source.LITEKART])
REWARDS_DATA = Requirement.of(Role.STAFF, viewer=[Source.REWARDS])
ANALYTICS = Requirement.of(Role.STAFF, creator=True)


def op(*roles: Role, creator_id: str | None = None) -> Operator:
    return Operator("op", frozenset(roles), creator_id=creator_id)


CUSTOMER = LitekartCustomer("customer.jwt.token", "cus_0001")
USER = RewardsUser("llu_demo_user_001")


def test_a_customer_s_jwt_replaces_the_gateway_key_at_litekart() -> None:
    credential = credential_for(Caller(litekart_customer=CUSTOMER), Source.LITEKART, LITEKART_DATA)
    assert credential.replaces_gateway_auth
    assert credential.headers == {"Authorization": "Bearer customer.jwt.token"}
    assert credential.budget_identity is not None  # Litekart budgets per JWT
    assert "customer.jwt.token" not in repr(credential)


def test_an_entitled_operator_uses_the_gateway_key_even_with_a_customer_token() -> None:
    caller = Caller(operator=op(Role.STAFF), litekart_customer=CUSTOMER)
    credential = credential_for(caller, Source.LITEKART, LITEKART_DATA)
    assert credential.name == "operator" and not credential.headers


def test_an_operator_lacking_the_role_never_borrows_the_gateway_key() -> None:
    caller = Caller(operator=op(Role.CATALOG_EDITOR), litekart_customer=CUSTOMER)
    credential = credential_for(caller, Source.LITEKART, LITEKART_DATA)
    assert credential.name == "litekart-customer"
    with pytest.raises(NotAllowed):
        credential_for(Caller(operator=op(Role.CATALOG_EDITOR)), Source.LITEKART, LITEKART_DATA)


def test_nobody_gets_the_gateway_key_for_people_data() -> None:
    for caller in (ANONYMOUS, Caller(rewards_user=USER)):
        with pytest.raises(NotAuthenticated):
            credential_for(caller, Source.LITEKART, LITEKART_DATA)


def test_the_rewards_user_token_is_forwarded_beside_the_store_token() -> None:
    credential = credential_for(Caller(rewards_user=USER), Source.REWARDS, REWARDS_DATA)
    assert credential.headers == {"livelike-user-token": "llu_demo_user_001"}
    assert not credential.replaces_gateway_auth
    staff_user = credential_for(
        Caller(operator=op(Role.STAFF), rewards_user=USER), Source.REWARDS, REWARDS_DATA
    )
    assert staff_user.headers == credential.headers  # Rewards scopes to the user token
    assert staff_user.identity != credential.identity  # the role set is in the identity


def test_identities_differ_per_credential_and_role_set_and_public_has_none() -> None:
    identities = {
        credential_for(Caller(operator=op(*roles)), Source.FRESHSTORE, REWARDS_DATA).identity
        for roles in [(Role.STAFF,), (Role.ADMIN,), (Role.STAFF, Role.SUPPORT)]
    }
    assert len(identities) == 3
    other = LitekartCustomer("another.jwt.token", "cus_0002")
    assert (
        credential_for(Caller(litekart_customer=CUSTOMER), Source.LITEKART, LITEKART_DATA).identity
        != credential_for(Caller(litekart_customer=other), Source.LITEKART, LITEKART_DATA).identity
    )
    assert PUBLIC.identity is None and not PUBLIC.headers


def test_a_creator_s_identity_carries_their_creator_id() -> None:
    one = credential_for(
        Caller(operator=op(Role.CREATOR, creator_id="a")), Source.LITESTORE, ANALYTICS
    )
    two = credential_for(
        Caller(operator=op(Role.CREATOR, creator_id="b")), Source.LITESTORE, ANALYTICS
    )
    assert one.identity != two.identity
