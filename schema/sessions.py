"""How a Litekart customer gets the token the gateway forwards for them:
``loginLitekartCustomer`` and ``registerLitekartCustomer`` (Litekart's ``POST
/api/auth/login`` and ``/api/auth/register``).

Both answer the customer's JWT (send it back as the ``litekart-customer-token`` header)
and its expiry. The caller's mistakes are ``userErrors``: input checked here first
(nothing is sent), then the store's refusals — wrong email or password
(``INVALID_CREDENTIALS``), an email already registered (``EMAIL_TAKEN``), anything else
the store rejects (``INVALID_INPUT``, with its message). They are public: anyone may try
to log in; what the token then opens is Litekart's to decide.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Annotated

import strawberry
from strawberry.types import Info

from gateway.errors import BadUpstreamRequest, Unauthenticated
from resolvers import litekart as fetch
from schema.payloads import UserError

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_EMAIL = 254
PASSWORD_LENGTH = (8, 128)
"""What Litekart accepts for a new password."""
NAME_LENGTH = (1, 100)
PHONE_LENGTH = (3, 30)


@strawberry.input(description="A Litekart customer's login.")
class LoginLitekartCustomerInput:
    email: str = strawberry.field(description="The customer's email.")
    password: str = strawberry.field(description="The customer's password.")


@strawberry.input(description="A new Litekart customer.")
class RegisterLitekartCustomerInput:
    email: str = strawberry.field(description="Their email; it must not be registered yet.")
    password: str = strawberry.field(description="8 to 128 characters.")
    first_name: str = strawberry.field(description="1 to 100 characters.")
    last_name: str = strawberry.field(description="1 to 100 characters.")
    phone: str | None = strawberry.field(default=None, description="3 to 30 characters.")


@strawberry.type(description="A customer's session: the token and when it expires.")
class LitekartCustomerSession:
    token: str = strawberry.field(
        description="The customer's JWT: send it as the `litekart-customer-token` header."
    )
    expires_at: datetime = strawberry.field(description="When the token stops working.")
    customer_id: str = strawberry.field(description="The customer's Litekart id.")


@strawberry.type(description="What `loginLitekartCustomer` answers.")
class LoginLitekartCustomerPayload:
    session: LitekartCustomerSession | None = strawberry.field(
        description="The session; null when `userErrors` says why not."
    )
    user_errors: list[UserError] = strawberry.field(description="The caller's mistakes.")


@strawberry.type(description="What `registerLitekartCustomer` answers.")
class RegisterLitekartCustomerPayload:
    session: LitekartCustomerSession | None = strawberry.field(
        description="The new customer's session; null when `userErrors` says why not."
    )
    user_errors: list[UserError] = strawberry.field(description="The caller's mistakes.")


def _error(field: str | None, message: str, code: str) -> UserError:
    return UserError(field=["input", field] if field else None, message=message, code=code)


def _length(field: str, value: str | None, bounds: tuple[int, int]) -> UserError | None:
    low, high = bounds
    if value is None or low <= len(value) <= high:
        return None
    return _error(field, f"`{field}` must be {low} to {high} characters.", "INVALID_INPUT")


def _email(value: str) -> UserError | None:
    if len(value) <= MAX_EMAIL and EMAIL.match(value):
        return None
    return _error("email", "`email` is not an email address.", "INVALID_INPUT")


async def _session(
    info: Info, action: str, body: dict[str, object]
) -> tuple[LitekartCustomerSession | None, list[UserError]]:
    try:
        data = await fetch.start_session(info.context, action, body)
    except Unauthenticated:  # the store's 401 on login: wrong email or password
        return None, [_error("password", "Wrong email or password.", "INVALID_CREDENTIALS")]
    except BadUpstreamRequest as refused:
        if refused.status == 409:
            return None, [_error("email", "This email is already registered.", "EMAIL_TAKEN")]
        return None, [_error(None, refused.message, "INVALID_INPUT")]
    lifetime = float(data.get("expires_in") or 0)
    session = LitekartCustomerSession(
        token=str(data["token"]),
        expires_at=datetime.now(UTC) + timedelta(seconds=lifetime),
        customer_id=str((data.get("customer") or {}).get("id") or ""),
    )
    return session, []


@strawberry.type
class Mutation:
    @strawberry.mutation(
        description="Log a Litekart customer in: their token (for the "
        "`litekart-customer-token` header) and its expiry, or userErrors."
    )
    async def login_litekart_customer(
        self,
        info: Info,
        input: Annotated[LoginLitekartCustomerInput, strawberry.argument(description="The login.")],
    ) -> LoginLitekartCustomerPayload | None:
        mistakes = [
            e
            for e in (
                _error("email", "`email` is required.", "INVALID_INPUT")
                if not input.email.strip()
                else None,
                _length("password", input.password, (1, PASSWORD_LENGTH[1])),
            )
            if e is not None
        ]
        if mistakes:
            return LoginLitekartCustomerPayload(session=None, user_errors=mistakes)
        body: dict[str, object] = {"email": input.email.strip(), "password": input.password}
        session, errors = await _session(info, "login", body)
        return LoginLitekartCustomerPayload(session=session, user_errors=errors)

    @strawberry.mutation(
        description="Register a new Litekart customer and log them in: their token and its "
        "expiry, or userErrors (`EMAIL_TAKEN`, `INVALID_INPUT`)."
    )
    async def register_litekart_customer(
        self,
        info: Info,
        input: Annotated[
            RegisterLitekartCustomerInput, strawberry.argument(description="The new customer.")
        ],
    ) -> RegisterLitekartCustomerPayload | None:
        checks = (
            _email(input.email.strip()),
            _length("password", input.password, PASSWORD_LENGTH),
            _length("firstName", input.first_name.strip(), NAME_LENGTH),
            _length("lastName", input.last_name.strip(), NAME_LENGTH),
            _length("phone", input.phone.strip() if input.phone else None, PHONE_LENGTH),
        )
        mistakes = [e for e in checks if e is not None]
        if mistakes:
            return RegisterLitekartCustomerPayload(session=None, user_errors=mistakes)
        body: dict[str, object] = {
            "email": input.email.strip(),
            "password": input.password,
            "first_name": input.first_name.strip(),
            "last_name": input.last_name.strip(),
        }
        if input.phone:
            body["phone"] = input.phone.strip()
        session, errors = await _session(info, "register", body)
        return RegisterLitekartCustomerPayload(session=session, user_errors=errors)
