"""``/api/settings``: store settings (any credential reads, the admin writes).

``tax_rate``, ``shipping_flat_rate``, ``free_shipping_threshold`` and
``low_stock_threshold`` drive cart/order totals and ``inventory.low``.
``PUT`` is partial.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from stores.litekart.auth import Principal
from stores.litekart.context import Context
from stores.litekart.envelope import ok, read
from stores.litekart.schemas import SettingsUpdate


def router(ctx: Context) -> APIRouter:
    db, auth = ctx.db, ctx.auth
    api = APIRouter(prefix="/api/settings", tags=["settings"])

    @api.get("", summary="Get store settings")
    async def get_settings(request: Request, _: Principal = Depends(auth.required)) -> Response:
        return read(request, db.settings, "Settings retrieved successfully")

    @api.put("", summary="Update store settings (admin; partial)")
    async def update_settings(body: SettingsUpdate, _: Principal = Depends(auth.admin)) -> Response:
        db.settings.update(body.changes(), updated_at=db.now_iso())
        return ok(db.settings, "Settings updated successfully")

    return api
