"""``/api/orders``: the order lifecycle.

- ``GET /api/orders``: admin sees all, a customer JWT only its own. Filters
  ``status``, ``customer_id``, ``created_after``, ``created_before``, ``ids``.
- ``POST /api/orders``: place an order directly (same rules as cart checkout):
  ``pending_payment``, stock taken, ``order.placed`` (+ ``inventory.low``).
- ``PATCH /api/orders/{id}`` (admin): ``{"status"}`` along
  paid → processing → shipped → completed, or → refunded; emits ``order.updated``.
  Orders become ``paid`` through ``POST /api/payments`` and ``cancelled`` through
  ``POST /api/orders/{id}/cancel``; any other move is ``409 CONFLICT``.
- ``POST /api/orders/{id}/cancel``: from pending_payment, paid or processing;
  restores stock, refunds a payment, emits ``order.cancelled``.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from stores.common import StoreError
from stores.litekart import order_views
from stores.litekart.auth import Principal
from stores.litekart.context import Context
from stores.litekart.data import SPENDING_STATUSES
from stores.litekart.envelope import ok, read, read_list
from stores.litekart.errors import invalid_body
from stores.litekart.ordering import TRANSITIONS, Wanted, cancel_order, commit_order, plan_order
from stores.litekart.pricing import dec, money
from stores.litekart.query import (
    ListParams,
    apply_sort,
    fields_param,
    filter_ids,
    list_params,
    parse_fields,
    project,
)
from stores.litekart.schemas import OrderCreate, OrderStatus, OrderUpdate

Row = dict[str, Any]


def router(ctx: Context) -> APIRouter:
    db, auth = ctx.db, ctx.auth
    api = APIRouter(prefix="/api/orders", tags=["orders"])

    def owned(principal: Principal, ident: str) -> Row:
        order = db.get("orders", ident, "Order")
        principal.require_owner(order["customer_id"])
        return order

    @api.get("", summary="List orders (admin: all; customer: own)")
    async def list_orders(
        request: Request,
        params: ListParams = Depends(list_params),
        status: OrderStatus | None = Query(None),
        customer_id: str | None = Query(None),
        created_after: str | None = Query(None, description="ISO date or date-time"),
        created_before: str | None = Query(None, description="ISO date or date-time"),
        principal: Principal = Depends(auth.required),
    ) -> Response:
        selection = parse_fields(params.fields, order_views.FIELDS)
        if customer_id is not None:
            principal.require_owner(customer_id)
        rows = list(db.orders.values())
        if not principal.is_admin:
            rows = [o for o in rows if o["customer_id"] == principal.customer_id]
        rows = filter_ids(rows, params.ids)
        rows = order_views.filter_orders(
            rows,
            status=status,
            customer_id=customer_id,
            created_after=created_after,
            created_before=created_before,
        )
        rows = apply_sort(rows, params.sort, order_views.SORTS)
        return read_list(request, rows, params, selection, "Orders retrieved successfully")

    @api.post("", status_code=201, summary="Place an order")
    async def create_order(
        body: OrderCreate, principal: Principal = Depends(auth.required)
    ) -> Response:
        customer_id = body.customer_id or principal.customer_id
        if customer_id is None:
            raise invalid_body("customer_id", "customer_id is required")
        principal.require_owner(customer_id)
        wanted = [
            Wanted(f"items.{i}", item.product_id, item.variant_id, item.quantity)
            for i, item in enumerate(body.items)
        ]
        address = body.shipping_address.model_dump() if body.shipping_address else None
        plan = plan_order(ctx, customer_id, wanted, body.coupon_code, address)
        order = commit_order(ctx, plan)
        return ok(order, "Order created successfully", 201)

    @api.get("/{id}", summary="Get an order (admin or its customer)")
    async def get_order(
        request: Request,
        id: str,
        fields: str | None = Depends(fields_param),
        principal: Principal = Depends(auth.required),
    ) -> Response:
        selection = parse_fields(fields, order_views.FIELDS)
        order = owned(principal, id)
        return read(request, project(order, selection), "Order retrieved successfully")

    @api.patch("/{id}", summary="Change an order's status (admin)")
    async def update_order(
        id: str, body: OrderUpdate, _: Principal = Depends(auth.admin)
    ) -> Response:
        order = db.get("orders", id, "Order")
        previous = order["status"]
        if body.status not in TRANSITIONS[previous]:
            raise StoreError(
                409, "CONFLICT", f"An order cannot move from {previous} to {body.status}"
            )
        customer = db.customers.get(order["customer_id"])
        if customer and body.status == "refunded" and previous in SPENDING_STATUSES:
            customer["total_spent"] = money(dec(customer["total_spent"]) - dec(order["total"]))
            for payment in db.payments.values():
                if payment["order_id"] == id and payment["status"] == "completed":
                    payment["status"] = "refunded"
        order["status"] = body.status
        order["updated_at"] = db.now_iso()
        ctx.emit(
            "order.updated",
            {
                "orderId": id,
                "customerId": order["customer_id"],
                "status": body.status,
                "previousStatus": previous,
            },
        )
        return ok(order, "Order updated successfully")

    @api.post("/{id}/cancel", summary="Cancel an order (admin or its customer)")
    async def cancel(id: str, principal: Principal = Depends(auth.required)) -> Response:
        order = owned(principal, id)
        cancel_order(ctx, order)
        return ok(order, "Order cancelled successfully")

    return api
