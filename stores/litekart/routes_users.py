"""``/api/users``: admin and vendor users of the store back office (admin only).

Passwords are write-only. Emails are unique (409). List filters: ``role``,
``status``.
"""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from stores.litekart.auth import Principal
from stores.litekart.context import Context
from stores.litekart.envelope import no_content, ok, read, read_list
from stores.litekart.errors import conflict
from stores.litekart.query import (
    ListParams,
    Schema,
    apply_sort,
    fields_param,
    filter_ids,
    list_params,
    parse_fields,
    project,
)
from stores.litekart.schemas import UserCreate, UserUpdate

Row = dict[str, Any]

FIELDS: Schema = dict.fromkeys(
    ("id", "email", "name", "role", "status", "created_at", "updated_at")
)
SORTS = ("id", "email", "name", "role", "created_at")


def router(ctx: Context) -> APIRouter:
    db, auth = ctx.db, ctx.auth
    api = APIRouter(prefix="/api/users", tags=["users"])

    def check_email(email: str | None, current: Row | None) -> None:
        if email and any(
            u["email"] == email.lower() and u is not current for u in db.users.values()
        ):
            raise conflict(f"A user with email {email.lower()} already exists", "email")

    @api.get("", summary="List users (admin)")
    async def list_users(
        request: Request,
        params: ListParams = Depends(list_params),
        role: Literal["admin", "vendor"] | None = Query(None),
        status: Literal["active", "suspended"] | None = Query(None),
        _: Principal = Depends(auth.admin),
    ) -> Response:
        selection = parse_fields(params.fields, FIELDS)
        rows = filter_ids(list(db.users.values()), params.ids)
        if role is not None:
            rows = [u for u in rows if u["role"] == role]
        if status is not None:
            rows = [u for u in rows if u["status"] == status]
        rows = apply_sort(rows, params.sort, SORTS)
        return read_list(request, rows, params, selection, "Users retrieved successfully")

    @api.post("", status_code=201, summary="Create a user (admin)")
    async def create_user(body: UserCreate, _: Principal = Depends(auth.admin)) -> Response:
        check_email(body.email, None)
        now = db.now_iso()
        user = {
            "id": db.next_id("user"),
            "email": body.email.lower(),
            "name": body.name,
            "role": body.role,
            "status": body.status,
            "created_at": now,
            "updated_at": now,
        }
        db.users[user["id"]] = user
        return ok(user, "User created successfully", 201)

    @api.get("/{id}", summary="Get a user (admin)")
    async def get_user(
        request: Request,
        id: str,
        fields: str | None = Depends(fields_param),
        _: Principal = Depends(auth.admin),
    ) -> Response:
        selection = parse_fields(fields, FIELDS)
        user = db.get("users", id, "User")
        return read(request, project(user, selection), "User retrieved successfully")

    @api.put("/{id}", summary="Update a user (admin; partial)")
    async def update_user(
        id: str, body: UserUpdate, _: Principal = Depends(auth.admin)
    ) -> Response:
        user = db.get("users", id, "User")
        changes = body.changes()
        changes.pop("password", None)  # write-only; accepted, never stored in the clear
        check_email(changes.get("email"), user)
        if "email" in changes:
            changes["email"] = changes["email"].lower()
        user.update(changes, updated_at=db.now_iso())
        return ok(user, "User updated successfully")

    @api.delete("/{id}", status_code=204, summary="Delete a user (admin)")
    async def delete_user(id: str, _: Principal = Depends(auth.admin)) -> Response:
        db.get("users", id, "User")
        del db.users[id]
        return no_content()

    return api
