"""``/api/carts``: shopping carts and checkout.

Carts belong to a customer (a JWT creates carts for itself; the admin names
``customer_id``). Lines are priced at read time from the current catalogue;
stock is checked at checkout, which validates everything before changing
anything. Checkout creates a ``pending_payment`` order, takes stock, marks the
cart ``checked_out`` (further changes answer 409) and emits ``order.placed``
plus ``inventory.low`` for lines left under the low-stock threshold.
Removing a line answers ``204``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from stores.common import FieldError, StoreError
from stores.litekart.auth import Principal
from stores.litekart.context import Context
from stores.litekart.envelope import no_content, ok, read
from stores.litekart.errors import conflict, invalid_body, not_found
from stores.litekart.ordering import Wanted, commit_order, find_coupon, plan_order, resolve_line
from stores.litekart.pricing import coupon_problem, dec, line, totals
from stores.litekart.query import Schema, fields_param, parse_fields, project
from stores.litekart.schemas import CartCreate, CartItemUpdate, Checkout, CouponApply, LineIn

Row = dict[str, Any]

FIELDS: Schema = {
    **dict.fromkeys(
        (
            "id",
            "customer_id",
            "status",
            "order_id",
            "coupon_code",
            "subtotal",
            "discount",
            "shipping",
            "tax",
            "total",
            "currency",
            "created_at",
            "updated_at",
        )
    ),
    "items": dict.fromkeys(
        ("id", "product_id", "variant_id", "name", "quantity", "unit_price", "total", "available")
    ),
}


def router(ctx: Context) -> APIRouter:
    db, auth = ctx.db, ctx.auth
    api = APIRouter(prefix="/api/carts", tags=["carts"])

    def owned(principal: Principal, ident: str) -> Row:
        cart = db.get("carts", ident, "Cart")
        principal.require_owner(cart["customer_id"])
        return cart

    def open_cart(principal: Principal, ident: str) -> Row:
        cart = owned(principal, ident)
        if cart["status"] != "open":
            raise conflict("This cart has already been checked out")
        return cart

    def view(cart: Row) -> Row:
        """The cart with its lines priced from the current catalogue."""
        items, priced = [], []
        for item in cart["items"]:
            product = db.products.get(item["product_id"])
            variant = next(
                (v for v in (product or {}).get("variants", []) if v["id"] == item["variant_id"]),
                None,
            )
            available = (
                product is not None
                and product["status"] == "active"
                and (item["variant_id"] is None) == (variant is None)
            )
            if available:
                assert product is not None
                priced_line = line(product, variant, item["quantity"])
                priced.append(priced_line)
                items.append({"id": item["id"], **priced_line, "available": True})
            else:
                items.append(
                    {
                        "id": item["id"],
                        "product_id": item["product_id"],
                        "variant_id": item["variant_id"],
                        "name": None,
                        "quantity": item["quantity"],
                        "unit_price": None,
                        "total": None,
                        "available": False,
                    }
                )
        coupon = find_coupon(db, cart["coupon_code"]) if cart["coupon_code"] else None
        subtotal = sum((dec(p["total"]) for p in priced), Decimal("0.00"))
        if coupon and coupon_problem(coupon, subtotal, db.now()):
            coupon = None
        return {
            "id": cart["id"],
            "customer_id": cart["customer_id"],
            "status": cart["status"],
            "order_id": cart["order_id"],
            "items": items,
            "coupon_code": cart["coupon_code"],
            **totals(priced, coupon, db.settings),
            "currency": "USD",
            "created_at": cart["created_at"],
            "updated_at": cart["updated_at"],
        }

    def add_line(cart: Row, item: LineIn, field: str) -> None:
        """Validate first (raises), then merge into an existing line or append."""
        resolve_line(db, Wanted(field, item.product_id, item.variant_id, item.quantity))
        for existing in cart["items"]:
            if (existing["product_id"], existing["variant_id"]) == (
                item.product_id,
                item.variant_id,
            ):
                if existing["quantity"] + item.quantity > 100:
                    raise invalid_body(f"{field}.quantity", "At most 100 of one item per cart")
                existing["quantity"] += item.quantity
                return
        cart["items"].append(
            {
                "id": db.next_id("cart_item"),
                "product_id": item.product_id,
                "variant_id": item.variant_id,
                "quantity": item.quantity,
            }
        )

    @api.post("", status_code=201, summary="Create a cart")
    async def create_cart(
        body: CartCreate, principal: Principal = Depends(auth.required)
    ) -> Response:
        customer_id = body.customer_id or principal.customer_id
        if customer_id is None:
            raise invalid_body("customer_id", "customer_id is required")
        principal.require_owner(customer_id)
        if customer_id not in db.customers:
            raise invalid_body("customer_id", "Customer not found")
        for index, item in enumerate(body.items):
            resolve_line(
                db, Wanted(f"items.{index}", item.product_id, item.variant_id, item.quantity)
            )
        now = db.now_iso()
        cart = {
            "id": db.next_id("cart"),
            "customer_id": customer_id,
            "status": "open",
            "order_id": None,
            "items": [],
            "coupon_code": None,
            "created_at": now,
            "updated_at": now,
        }
        for index, item in enumerate(body.items):
            add_line(cart, item, f"items.{index}")
        db.carts[cart["id"]] = cart
        return ok(view(cart), "Cart created successfully", 201)

    @api.get("/{id}", summary="Get a cart (admin or its customer)")
    async def get_cart(
        request: Request,
        id: str,
        fields: str | None = Depends(fields_param),
        principal: Principal = Depends(auth.required),
    ) -> Response:
        selection = parse_fields(fields, FIELDS)
        cart = owned(principal, id)
        return read(request, project(view(cart), selection), "Cart retrieved successfully")

    @api.post("/{id}/items", status_code=201, summary="Add an item to a cart")
    async def add_item(
        id: str, body: LineIn, principal: Principal = Depends(auth.required)
    ) -> Response:
        cart = open_cart(principal, id)
        add_line(cart, body, "body")
        cart["updated_at"] = db.now_iso()
        return ok(view(cart), "Item added to cart", 201)

    @api.patch("/{id}/items/{item_id}", summary="Change an item's quantity")
    async def update_item(
        id: str, item_id: str, body: CartItemUpdate, principal: Principal = Depends(auth.required)
    ) -> Response:
        cart = open_cart(principal, id)
        item = _item(cart, item_id)
        item["quantity"] = body.quantity
        cart["updated_at"] = db.now_iso()
        return ok(view(cart), "Cart item updated")

    @api.delete("/{id}/items/{item_id}", status_code=204, summary="Remove an item from a cart")
    async def delete_item(
        id: str, item_id: str, principal: Principal = Depends(auth.required)
    ) -> Response:
        cart = open_cart(principal, id)
        cart["items"].remove(_item(cart, item_id))
        cart["updated_at"] = db.now_iso()
        return no_content()

    @api.post("/{id}/coupon", summary="Apply a coupon code to a cart")
    async def apply_coupon(
        id: str, body: CouponApply, principal: Principal = Depends(auth.required)
    ) -> Response:
        cart = open_cart(principal, id)
        coupon = find_coupon(db, body.code)
        if coupon is None:
            raise not_found("Coupon", body.code)
        subtotal = Decimal(str(view(cart)["subtotal"]))
        problem = coupon_problem(coupon, subtotal, db.now())
        if problem:
            raise StoreError(422, "VALIDATION_ERROR", problem, [FieldError("code", problem)])
        cart["coupon_code"] = coupon["code"]
        cart["updated_at"] = db.now_iso()
        return ok(view(cart), "Coupon applied")

    @api.post("/{id}/checkout", status_code=201, summary="Check out a cart into an order")
    async def checkout(
        id: str, body: Checkout | None = None, principal: Principal = Depends(auth.required)
    ) -> Response:
        cart = open_cart(principal, id)
        wanted = [
            Wanted(f"items.{i}", item["product_id"], item["variant_id"], item["quantity"])
            for i, item in enumerate(cart["items"])
        ]
        address = body.shipping_address.model_dump() if body and body.shipping_address else None
        plan = plan_order(ctx, cart["customer_id"], wanted, cart["coupon_code"], address)
        order = commit_order(ctx, plan)
        cart["status"] = "checked_out"
        cart["order_id"] = order["id"]
        cart["updated_at"] = order["created_at"]
        return ok(order, "Order placed successfully", 201)

    return api


def _item(cart: Row, item_id: str) -> Row:
    for item in cart["items"]:
        if item["id"] == item_id:
            return item
    raise not_found("Cart item", item_id)
