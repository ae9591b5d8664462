"""``/api/settings``: every setting as flat ``{group}_{setting}`` keys, or one
group with the prefix stripped; PATCH validates every key and type before saving
any (unknown keys and wrong types are 422, an unknown group is 404)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body, Depends

from stores.freshstore.auth import requires
from stores.freshstore.db import FreshDB, not_found
from stores.freshstore.rules import Rules

SAVED = {"message": "Settings saved successfully."}
TYPE_WORDS = {bool: "true or false", int: "an integer", str: "a string", list: "an array"}


def prefix(group: str) -> str:
    return group.replace("-", "_") + "_"


def type_error(key: str, current: Any, value: Any) -> str | None:
    """Laravel's message when ``value`` cannot replace ``current``, else ``None``."""
    kind = type(current)
    ok = isinstance(value, kind) and not (kind is int and isinstance(value, bool))
    if ok and kind is str and len(value) > 255:
        return f"The {key} field must not be greater than 255 characters."
    if ok:
        return None
    return f"The {key} field must be {TYPE_WORDS.get(kind, 'valid')}."


def build_router(db: FreshDB) -> APIRouter:
    router = APIRouter(prefix="/api/settings", tags=["settings"])
    read = [Depends(requires("settings", "read"))]
    write = [Depends(requires("settings", "write"))]

    def flat() -> dict[str, Any]:
        return {
            prefix(group) + key: value
            for group, values in db.settings.items()
            for key, value in values.items()
        }

    def locate(flat_key: str) -> tuple[str, str] | None:
        for group in sorted(db.settings, key=lambda g: -len(prefix(g))):
            key = flat_key.removeprefix(prefix(group))
            if key != flat_key and key in db.settings[group]:
                return group, key
        return None

    def save(rules: Rules, changes: list[tuple[str, str, str, Any]]) -> None:
        """``changes``: (field as sent, group, key, value); all checked, then all saved."""
        for field, group, key, value in changes:
            message = type_error(field, db.settings[group][key], value)
            if message:
                rules.fail(field, message)
        rules.check()
        for _, group, key, value in changes:
            db.settings[group][key] = value
            if (group, key) == ("template", "logo_icon"):
                db.logo_icon_picked = False  # a manual choice the AI must not overwrite

    @router.get("", dependencies=read, summary="All settings")
    async def all_settings() -> dict[str, Any]:
        return {"data": flat()}

    @router.patch("", dependencies=write, summary="Update settings")
    async def update_settings(body: dict[str, Any] = Body(...)) -> dict[str, Any]:
        rules = Rules()
        changes = []
        for field, value in body.items():
            place = locate(field)
            if place is None:
                rules.fail(field, f"The {field} setting does not exist.")
            else:
                changes.append((field, *place, value))
        save(rules, changes)
        return SAVED

    @router.get("/{group}", dependencies=read, summary="Settings by group")
    async def group_settings(group: str) -> dict[str, Any]:
        if group not in db.settings:
            raise not_found()
        return {"data": dict(db.settings[group])}

    @router.patch("/{group}", dependencies=write, summary="Update group settings")
    async def update_group(group: str, body: dict[str, Any] = Body(...)) -> dict[str, Any]:
        if group not in db.settings:
            raise not_found()
        rules = Rules()
        for field in body:
            if field not in db.settings[group]:
                rules.fail(field, f"The {field} setting does not exist.")
        known = [(f, group, f, value) for f, value in body.items() if f in db.settings[group]]
        save(rules, known)
        return SAVED

    return router
