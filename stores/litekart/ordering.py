"""Placing and cancelling orders: the one path carts and ``POST /orders`` share.

``plan_order`` validates everything (products, variants, stock, coupon,
customer, address) and returns a plan without touching state; ``commit_order``
applies it (stock, coupon use, customer counters, the order) and emits
``order.placed`` and ``inventory.low``. A failing order therefore changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from stores.common import FieldError, StoreError
from stores.litekart.context import Context
from stores.litekart.data import SPENDING_STATUSES, default_address
from stores.litekart.db import Database
from stores.litekart.pricing import coupon_problem, dec, line, money, totals

Row = dict[str, Any]

# status → statuses an admin may move it to with PATCH /orders/{id}
TRANSITIONS: dict[str, frozenset[str]] = {
    "pending_payment": frozenset(),
    "paid": frozenset({"processing", "refunded"}),
    "processing": frozenset({"shipped", "refunded"}),
    "shipped": frozenset({"completed", "refunded"}),
    "completed": frozenset({"refunded"}),
    "cancelled": frozenset(),
    "refunded": frozenset(),
}
CANCELLABLE = frozenset({"pending_payment", "paid", "processing"})


@dataclass
class Wanted:
    """One requested line: where it came from in the request, and what it names."""

    field: str
    product_id: str
    variant_id: str | None
    quantity: int


@dataclass
class Plan:
    customer: Row
    lines: list[tuple[Row, Row | None, int]]
    coupon: Row | None
    shipping_address: Row


def invalid(errors: list[FieldError], message: str = "Validation failed") -> StoreError:
    return StoreError(422, "VALIDATION_ERROR", message, errors)


def resolve_line(db: Database, wanted: Wanted) -> tuple[Row, Row | None]:
    """The sellable product (and variant) a line names, or a 422."""
    product = db.products.get(wanted.product_id)
    if product is None or product["status"] != "active":
        raise invalid(
            [FieldError(f"{wanted.field}.product_id", "Product not found or not for sale")]
        )
    variants = {v["id"]: v for v in product["variants"]}
    if wanted.variant_id is None:
        if variants:
            raise invalid(
                [FieldError(f"{wanted.field}.variant_id", "This product requires a variant_id")]
            )
        return product, None
    variant = variants.get(wanted.variant_id)
    if variant is None:
        raise invalid(
            [FieldError(f"{wanted.field}.variant_id", "Variant not found for this product")]
        )
    return product, variant


def find_coupon(db: Database, code: str) -> Row | None:
    code = code.upper()
    return next((c for c in db.coupons.values() if c["code"] == code), None)


def plan_order(
    ctx: Context,
    customer_id: str,
    wanted: list[Wanted],
    coupon_code: str | None,
    shipping_address: Row | None,
) -> Plan:
    db = ctx.db
    customer = db.customers.get(customer_id)
    if customer is None:
        raise invalid([FieldError("customer_id", "Customer not found")])
    if not wanted:
        raise invalid([FieldError("items", "The cart is empty")])
    lines = [(*resolve_line(db, w), w.quantity) for w in wanted]
    errors: list[FieldError] = []
    demand: dict[tuple[str, str | None], int] = {}
    for w in wanted:
        key = (w.product_id, w.variant_id)
        demand[key] = demand.get(key, 0) + w.quantity
    for w, (product, variant, _) in zip(wanted, lines, strict=True):
        available = variant["stock"] if variant else product["stock"]
        if demand[(w.product_id, w.variant_id)] > available:
            errors.append(
                FieldError(f"{w.field}.quantity", f"Insufficient stock: {available} left")
            )
    if errors:
        raise invalid(errors, "Insufficient stock")
    coupon = None
    if coupon_code:
        coupon = find_coupon(db, coupon_code)
        if coupon is None:
            raise invalid([FieldError("coupon_code", "Coupon not found")])
        subtotal = sum((dec(line(p, v, q)["total"]) for p, v, q in lines), Decimal("0.00"))
        problem = coupon_problem(coupon, subtotal, db.now())
        if problem:
            raise invalid([FieldError("coupon_code", problem)])
    address = shipping_address or default_address(customer)
    if address is None:
        raise invalid([FieldError("shipping_address", "A shipping address is required")])
    return Plan(customer, lines, coupon, address)


def commit_order(ctx: Context, plan: Plan) -> Row:
    """Apply a validated plan: the order exists, stock is taken, events are sent."""
    db = ctx.db
    now = db.now_iso()
    threshold = db.settings["low_stock_threshold"]
    low: list[Row] = []
    for product, variant, quantity in plan.lines:
        product["stock"] -= quantity
        if variant:
            variant["stock"] -= quantity
        target = variant or product
        if target["stock"] < threshold:
            low.append(
                {
                    "productId": product["id"],
                    "variantId": variant["id"] if variant else None,
                    "sku": target["sku"],
                    "stock": target["stock"],
                    "threshold": threshold,
                }
            )
    priced = [line(p, v, q) for p, v, q in plan.lines]
    order_id = db.next_id("order")
    order = {
        "id": order_id,
        "number": db.next_order_number(),
        "customer_id": plan.customer["id"],
        "status": "pending_payment",
        "items": priced,
        **totals(priced, plan.coupon, db.settings),
        "currency": "USD",
        "coupon_code": plan.coupon["code"] if plan.coupon else None,
        "shipping_address": dict(plan.shipping_address),
        "created_at": now,
        "updated_at": now,
    }
    db.orders[order_id] = order
    if plan.coupon:
        plan.coupon["used_count"] += 1
    plan.customer["orders_count"] += 1
    ctx.emit(
        "order.placed",
        {
            "orderId": order_id,
            "customerId": order["customer_id"],
            "total": order["total"],
            "number": order["number"],
            "status": order["status"],
        },
    )
    for event in low:
        ctx.emit("inventory.low", event)
    return order


def cancel_order(ctx: Context, order: Row) -> None:
    """Cancel ``order``: stock back, spending and payment reversed, event sent."""
    db = ctx.db
    if order["status"] not in CANCELLABLE:
        raise StoreError(409, "CONFLICT", f"An order that is {order['status']} cannot be cancelled")
    for item in order["items"]:
        product = db.products.get(item["product_id"])
        if product is None:
            continue
        product["stock"] += item["quantity"]
        for variant in product["variants"]:
            if variant["id"] == item["variant_id"]:
                variant["stock"] += item["quantity"]
    customer = db.customers.get(order["customer_id"])
    if customer and order["status"] in SPENDING_STATUSES:
        customer["total_spent"] = money(dec(customer["total_spent"]) - dec(order["total"]))
    for payment in db.payments.values():
        if payment["order_id"] == order["id"] and payment["status"] == "completed":
            payment["status"] = "refunded"
    order["status"] = "cancelled"
    order["updated_at"] = db.now_iso()
    ctx.emit(
        "order.cancelled",
        {"orderId": order["id"], "customerId": order["customer_id"], "total": order["total"]},
    )
