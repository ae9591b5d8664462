"""``/api/users``: list, create (an existing email returns that user), magic login
link, get, update."""

from __future__ import annotations

import hashlib
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse

from stores.freshstore import serialize
from stores.freshstore.auth import requires
from stores.freshstore.db import FreshDB
from stores.freshstore.models import UserCreate, UserUpdate
from stores.freshstore.pagination import PageParams, page_params, paginate
from stores.freshstore.rules import Rules


def build_router(db: FreshDB) -> APIRouter:
    router = APIRouter(prefix="/api/users", tags=["users"])
    read = [Depends(requires("users", "read"))]
    write = [Depends(requires("users", "write"))]

    def by_email(email: str) -> dict[str, Any] | None:
        wanted = email.lower()
        return next((u for u in db.users.values() if u["email"].lower() == wanted), None)

    @router.get("", dependencies=read, summary="List users")
    async def list_users(
        request: Request, pages: PageParams = Depends(page_params)
    ) -> dict[str, Any]:
        rows = [u for u in db.users.values() if not u["_deleted"]]
        return paginate(request, rows, pages, serialize.user)

    @router.post("", dependencies=write, status_code=201, summary="Create user")
    async def create_user(body: UserCreate) -> Any:
        existing = by_email(body.email)
        if existing is not None:  # including deleted users: returned as they are
            return JSONResponse({"data": serialize.user(existing)}, status_code=200)
        user_id = db.next_id(db.users)
        row = {
            "id": user_id,
            "firstName": body.first_name,
            "lastName": body.last_name,
            "email": body.email,
            "roles": list(dict.fromkeys(body.roles or [])),
            "_newsletter": True if body.newsletter is None else body.newsletter,
            "_deleted": False,
        }
        db.users[user_id] = row
        return {"data": serialize.user(row)}

    @router.get("/login-link", dependencies=read, summary="Magic login link")
    async def login_link(email: str = Query(..., max_length=255)) -> dict[str, Any]:
        user = by_email(email)
        if user is None or user["_deleted"]:
            rules = Rules()
            rules.fail("email", "The selected email is invalid.")
            rules.check()
        assert user is not None
        token = hashlib.sha256(f"magic:{user['id']}:{user['email']}".encode()).hexdigest()[:40]
        base = db.settings["store"]["url"].rstrip("/")
        return {"data": {"loginLink": f"{base}/magiclink/{token}"}}

    @router.get("/{id}", dependencies=read, summary="Get user")
    async def get_user(id: str) -> dict[str, Any]:
        return {"data": serialize.user(db.get(db.users, id))}

    @router.patch("/{id}", dependencies=write, summary="Update user")
    async def update_user(id: str, body: UserUpdate) -> dict[str, Any]:
        row = db.get(db.users, id)
        if body.email is not None:
            other = by_email(body.email)
            if other is not None and other["id"] != row["id"]:
                rules = Rules()
                rules.fail("email", "The email has already been taken.")
                rules.check()
        names = {"first_name": "firstName", "last_name": "lastName", "email": "email"}
        for field, value in body.given().items():
            row[names[field]] = value
        return {"data": serialize.user(row)}

    return router
