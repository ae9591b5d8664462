"""``/api/payments``: paying orders.

``POST /api/payments {"order_id", "amount", "method"}`` pays a
``pending_payment`` order: the amount must equal the order total exactly (else
422), an order that is already paid (or cancelled) answers 409. A payment marks
the order ``paid``, adds to the customer's ``total_spent`` and emits
``payment.completed``. Customers see and make only their own payments.
List filters: ``order_id``, ``status``.
"""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from stores.common import StoreError
from stores.litekart.auth import Principal
from stores.litekart.context import Context
from stores.litekart.envelope import ok, read, read_list
from stores.litekart.errors import invalid_body
from stores.litekart.pricing import dec, money
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
from stores.litekart.schemas import PaymentCreate

Row = dict[str, Any]

FIELDS: Schema = dict.fromkeys(
    (
        "id",
        "order_id",
        "customer_id",
        "amount",
        "currency",
        "method",
        "status",
        "transaction_ref",
        "created_at",
    )
)
SORTS = ("id", "amount", "status", "created_at")


def router(ctx: Context) -> APIRouter:
    db, auth = ctx.db, ctx.auth
    api = APIRouter(prefix="/api/payments", tags=["payments"])

    @api.get("", summary="List payments (admin: all; customer: own)")
    async def list_payments(
        request: Request,
        params: ListParams = Depends(list_params),
        order_id: str | None = Query(None),
        status: Literal["completed", "refunded"] | None = Query(None),
        principal: Principal = Depends(auth.required),
    ) -> Response:
        selection = parse_fields(params.fields, FIELDS)
        rows = list(db.payments.values())
        if not principal.is_admin:
            rows = [p for p in rows if p["customer_id"] == principal.customer_id]
        rows = filter_ids(rows, params.ids)
        if order_id is not None:
            rows = [p for p in rows if p["order_id"] == order_id]
        if status is not None:
            rows = [p for p in rows if p["status"] == status]
        rows = apply_sort(rows, params.sort, SORTS)
        return read_list(request, rows, params, selection, "Payments retrieved successfully")

    @api.post("", status_code=201, summary="Pay an order")
    async def create_payment(
        body: PaymentCreate, principal: Principal = Depends(auth.required)
    ) -> Response:
        order = db.orders.get(body.order_id)
        if order is None:
            raise invalid_body("order_id", "Order not found")
        principal.require_owner(order["customer_id"])
        if order["status"] != "pending_payment":
            raise StoreError(409, "CONFLICT", f"Order {order['id']} is {order['status']}")
        if dec(body.amount) != dec(order["total"]):
            raise invalid_body("amount", f"Amount must equal the order total {order['total']:.2f}")
        now = db.now_iso()
        payment_id = db.next_id("payment")
        payment = {
            "id": payment_id,
            "order_id": order["id"],
            "customer_id": order["customer_id"],
            "amount": order["total"],
            "currency": "USD",
            "method": body.method,
            "status": "completed",
            "transaction_ref": f"txn_{payment_id[4:]}{order['id'][4:]}",
            "created_at": now,
        }
        db.payments[payment_id] = payment
        order["status"] = "paid"
        order["updated_at"] = now
        customer = db.customers.get(order["customer_id"])
        if customer:
            customer["total_spent"] = money(dec(customer["total_spent"]) + dec(order["total"]))
        ctx.emit(
            "payment.completed",
            {
                "paymentId": payment_id,
                "orderId": order["id"],
                "customerId": order["customer_id"],
                "amount": order["total"],
            },
        )
        return ok(payment, "Payment completed successfully", 201)

    @api.get("/{id}", summary="Get a payment (admin or its customer)")
    async def get_payment(
        request: Request,
        id: str,
        fields: str | None = Depends(fields_param),
        principal: Principal = Depends(auth.required),
    ) -> Response:
        selection = parse_fields(fields, FIELDS)
        payment = db.get("payments", id, "Payment")
        principal.require_owner(payment["customer_id"])
        return read(request, project(payment, selection), "Payment retrieved successfully")

    return api
