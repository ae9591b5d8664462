"""``/api/coupons``: discount codes (percent or fixed).

Any credential may read and validate; writes need the admin key. Codes are
stored upper-case and unique (409). ``POST /api/coupons/validate
{"code", "subtotal"?}`` answers ``200`` with ``{valid, reason, coupon,
discount}`` — an unknown, expired, inactive or exhausted code is ``valid:
false`` with the reason. List filter: ``active`` (true/false).
"""

from __future__ import annotations

from datetime import UTC
from decimal import Decimal
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from stores.litekart.auth import Principal
from stores.litekart.context import Context
from stores.litekart.data import iso
from stores.litekart.envelope import no_content, ok, read, read_list
from stores.litekart.errors import conflict, invalid_body
from stores.litekart.ordering import find_coupon
from stores.litekart.pricing import coupon_discount, coupon_problem, dec, money
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
from stores.litekart.schemas import CouponCreate, CouponUpdate, CouponValidate

Row = dict[str, Any]

FIELDS: Schema = dict.fromkeys(
    (
        "id",
        "code",
        "type",
        "value",
        "min_order_amount",
        "max_uses",
        "used_count",
        "starts_at",
        "expires_at",
        "active",
        "created_at",
        "updated_at",
    )
)
SORTS = ("id", "code", "value", "used_count", "expires_at", "created_at")


def router(ctx: Context) -> APIRouter:
    db, auth = ctx.db, ctx.auth
    api = APIRouter(prefix="/api/coupons", tags=["coupons"])

    def stored(values: Row) -> Row:
        out = dict(values)
        if "code" in out:
            out["code"] = out["code"].upper()
        for key in ("starts_at", "expires_at"):
            if out.get(key) is not None:
                moment = out[key]
                out[key] = iso(moment if moment.tzinfo else moment.replace(tzinfo=UTC))
        return out

    def check(coupon: Row, current: Row | None) -> None:
        if any(c["code"] == coupon["code"] and c is not current for c in db.coupons.values()):
            raise conflict(f"A coupon with code {coupon['code']} already exists", "code")
        if coupon["type"] == "percent" and coupon["value"] > 100:
            raise invalid_body("value", "a percent coupon's value must be at most 100")
        starts, expires = coupon["starts_at"], coupon["expires_at"]
        if starts and expires and expires <= starts:
            raise invalid_body("expires_at", "expires_at must be after starts_at")

    @api.get("", summary="List coupons")
    async def list_coupons(
        request: Request,
        params: ListParams = Depends(list_params),
        active: bool | None = Query(None),
        _: Principal = Depends(auth.required),
    ) -> Response:
        selection = parse_fields(params.fields, FIELDS)
        rows = filter_ids(list(db.coupons.values()), params.ids)
        if active is not None:
            rows = [c for c in rows if c["active"] == active]
        rows = apply_sort(rows, params.sort, SORTS)
        return read_list(request, rows, params, selection, "Coupons retrieved successfully")

    @api.post("", status_code=201, summary="Create a coupon (admin)")
    async def create_coupon(body: CouponCreate, _: Principal = Depends(auth.admin)) -> Response:
        now = db.now_iso()
        coupon = {"id": "", **stored(body.model_dump()), "used_count": 0}
        check(coupon, None)
        coupon["id"] = db.next_id("coupon")
        coupon.update(created_at=now, updated_at=now)
        db.coupons[coupon["id"]] = coupon
        return ok(coupon, "Coupon created successfully", 201)

    @api.post("/validate", summary="Check whether a code applies")
    async def validate_coupon(
        body: CouponValidate, _: Principal = Depends(auth.required)
    ) -> Response:
        coupon = find_coupon(db, body.code)
        subtotal = dec(body.subtotal) if body.subtotal is not None else None
        result: Row = {
            "valid": False,
            "reason": "Coupon not found",
            "coupon": None,
            "discount": None,
        }
        if coupon is not None:
            problem = coupon_problem(
                coupon, subtotal if subtotal is not None else Decimal("1e9"), db.now()
            )
            result.update(valid=problem is None, reason=problem, coupon=coupon)
            if problem is None and subtotal is not None:
                result["discount"] = money(coupon_discount(coupon, subtotal))
        return ok(result, "Coupon is valid" if result["valid"] else "Coupon is not valid")

    @api.get("/{id}", summary="Get a coupon")
    async def get_coupon(
        request: Request,
        id: str,
        fields: str | None = Depends(fields_param),
        _: Principal = Depends(auth.required),
    ) -> Response:
        selection = parse_fields(fields, FIELDS)
        coupon = db.get("coupons", id, "Coupon")
        return read(request, project(coupon, selection), "Coupon retrieved successfully")

    @api.put("/{id}", summary="Update a coupon (admin; partial)")
    async def update_coupon(
        id: str, body: CouponUpdate, _: Principal = Depends(auth.admin)
    ) -> Response:
        coupon = db.get("coupons", id, "Coupon")
        merged = {**coupon, **stored(body.changes())}
        check(merged, coupon)
        coupon.update(merged, updated_at=db.now_iso())
        return ok(coupon, "Coupon updated successfully")

    @api.delete("/{id}", status_code=204, summary="Delete a coupon (admin)")
    async def delete_coupon(id: str, _: Principal = Depends(auth.admin)) -> Response:
        db.get("coupons", id, "Coupon")
        del db.coupons[id]
        return no_content()

    return api
