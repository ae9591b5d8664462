"""``/api/auth``: customer login and registration (no credential needed).

``POST /api/auth/login {"email", "password"}`` → ``{token, token_type,
expires_in, customer}`` (an HS256 JWT; wrong credentials answer 401).
``POST /api/auth/register {"email", "password", "first_name", "last_name",
"phone"?}`` creates the customer (409 if the email is taken), answers ``201``
with a token and emits ``customer.registered``.
"""

from __future__ import annotations

import hmac
from typing import Any

from fastapi import APIRouter
from starlette.responses import Response

from stores.litekart.auth import unauthenticated
from stores.litekart.context import Context
from stores.litekart.customers_service import check_email_free, create_customer
from stores.litekart.data import password_hash
from stores.litekart.envelope import ok
from stores.litekart.schemas import Login, Register


def router(ctx: Context) -> APIRouter:
    db, auth = ctx.db, ctx.auth
    api = APIRouter(prefix="/api/auth", tags=["auth"])

    def session(customer: dict[str, Any]) -> dict[str, Any]:
        token, ttl = auth.issue(customer["id"])
        return {"token": token, "token_type": "Bearer", "expires_in": ttl, "customer": customer}

    @api.post("/login", summary="Log a customer in")
    async def login(body: Login) -> Response:
        email = body.email.lower()
        customer = next((c for c in db.customers.values() if c["email"] == email), None)
        stored = db.passwords.get(customer["id"]) if customer else None
        if (
            customer is None
            or stored is None
            or not hmac.compare_digest(stored, password_hash(customer["id"], body.password))
        ):
            raise unauthenticated("Invalid email or password")
        return ok(session(customer), "Login successful")

    @api.post("/register", status_code=201, summary="Register a new customer")
    async def register(body: Register) -> Response:
        values = body.model_dump()
        check_email_free(db, values["email"])
        customer = create_customer(db, values)
        ctx.emit("customer.registered", {"customerId": customer["id"], "email": customer["email"]})
        return ok(session(customer), "Registration successful", 201)

    return api
