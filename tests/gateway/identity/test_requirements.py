"""The one decision: who a Requirement admits, and the refusal each caller gets."""

from __future__ import annotations

import pytest

from gateway.identity import (
    ANONYMOUS,
    Caller,
    CredentialKind,
    CredentialProblem,
    Decision,
    LitekartCustomer,
    NotAllowed,
    NotAuthenticated,
    Operator,
    Requirement,
    RewardsUser,
    Role,
)
from gateway.sources import Source

OWN_OR_STAFF = Requirement.of(Role.STAFF, Role.SUPPORT, viewer=[Source.LITEKART])


def operator(*roles: Role, creator_id: str | None = None) -> Caller:
    return Caller(operator=Operator("op", frozenset(roles), creator_id=creator_id))


CUSTOMER = Caller(litekart_customer=LitekartCustomer("jwt", "cus_0001"))
REWARDS = Caller(rewards_user=RewardsUser("llu"))


@pytest.mark.parametrize(
    "caller",
    [operator(Role.STAFF), operator(Role.SUPPORT), operator(Role.ADMIN), CUSTOMER],
)
def test_the_roles_admin_and_the_stores_end_user_are_admitted(caller: Caller) -> None:
    assert OWN_OR_STAFF.decide(caller) is Decision.GRANTED


def test_anonymous_is_unauthenticated_and_told_what_would_do() -> None:
    with pytest.raises(NotAuthenticated) as refused:
        OWN_OR_STAFF.decide(ANONYMOUS)
    assert refused.value.code == "UNAUTHENTICATED"
    assert refused.value.message == (
        "This needs an operator token (`Authorization: Bearer <JWT>`) with role ADMIN or "
        "STAFF or SUPPORT or a Litekart customer token (`litekart-customer-token`)."
    )


def test_another_stores_end_user_is_unauthenticated_here() -> None:
    with pytest.raises(NotAuthenticated):
        OWN_OR_STAFF.decide(REWARDS)


def test_an_operator_without_the_role_is_forbidden() -> None:
    with pytest.raises(NotAllowed) as refused:
        OWN_OR_STAFF.decide(operator(Role.CATALOG_EDITOR))
    assert refused.value.code == "FORBIDDEN"
    assert "(CATALOG_EDITOR) are not enough" in refused.value.message


def test_a_refused_credential_says_which_header_and_why() -> None:
    caller = Caller(problems=(CredentialProblem(CredentialKind.OPERATOR, "the token has expired"),))
    with pytest.raises(NotAuthenticated) as refused:
        OWN_OR_STAFF.decide(caller)
    assert refused.value.message.startswith(
        "`Authorization` was not accepted: the token has expired. This needs"
    )


def test_a_creator_is_admitted_for_their_own_only() -> None:
    own = Requirement.of(Role.STAFF, creator=True)
    creator = operator(Role.CREATOR, creator_id="cr_1")
    assert own.decide(creator, creator_id="cr_1") is Decision.GRANTED
    with pytest.raises(NotAllowed) as refused:
        own.decide(creator, creator_id="cr_2")
    assert "only read their own" in refused.value.message
    with pytest.raises(NotAllowed):  # a creator token without creator_id owns nothing
        own.decide(operator(Role.CREATOR), creator_id=None)


def test_null_when_absent_is_quiet_only_without_any_qualifying_credential() -> None:
    part = Requirement.of(viewer=[Source.LITEKART], null_when_absent=True)
    assert part.decide(ANONYMOUS) is Decision.ABSENT
    assert part.decide(operator(Role.ADMIN)) is Decision.ABSENT  # an operator is no customer
    assert part.decide(CUSTOMER) is Decision.GRANTED
    expired = Caller(
        problems=(CredentialProblem(CredentialKind.LITEKART_CUSTOMER, "the token has expired"),)
    )
    with pytest.raises(NotAuthenticated) as refused:
        part.decide(expired)
    assert "`litekart-customer-token` was not accepted" in refused.value.message


def test_allows_never_raises() -> None:
    assert OWN_OR_STAFF.allows(CUSTOMER)
    assert not OWN_OR_STAFF.allows(ANONYMOUS)
    assert not OWN_OR_STAFF.allows(operator(Role.MODERATOR))


def test_only_stores_with_end_users_can_be_viewer_stores() -> None:
    with pytest.raises(ValueError, match="end-user"):
        Requirement.of(viewer=[Source.CATALOG])
