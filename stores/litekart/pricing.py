"""Money arithmetic, coupon rules and order/cart totals.

Amounts are computed in ``Decimal`` and exposed as numbers with two decimals.
``total = subtotal - discount + shipping + tax`` where shipping is the flat rate
unless the discounted subtotal reaches the free-shipping threshold, and tax is
``tax_rate`` of the discounted subtotal.
"""

from __future__ import annotations

from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from stores.litekart.query import instant_of

CENT = Decimal("0.01")


def dec(value: float | int | str | Decimal) -> Decimal:
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


def money(value: Decimal) -> float:
    return float(value.quantize(CENT, rounding=ROUND_HALF_UP))


def coupon_problem(coupon: dict[str, Any], subtotal: Decimal, now: datetime) -> str | None:
    """Why ``coupon`` cannot apply to ``subtotal`` now, or ``None`` if it can."""
    if not coupon["active"]:
        return "Coupon is not active"
    if coupon["starts_at"] and now < instant_of(coupon["starts_at"]):
        return "Coupon is not valid yet"
    if coupon["expires_at"] and now >= instant_of(coupon["expires_at"]):
        return "Coupon has expired"
    if coupon["max_uses"] is not None and coupon["used_count"] >= coupon["max_uses"]:
        return "Coupon usage limit reached"
    minimum = coupon["min_order_amount"]
    if minimum is not None and subtotal < dec(minimum):
        return f"Order subtotal must be at least {dec(minimum)}"
    return None


def coupon_discount(coupon: dict[str, Any], subtotal: Decimal) -> Decimal:
    if coupon["type"] == "percent":
        return dec(subtotal * Decimal(str(coupon["value"])) / 100)
    return min(dec(coupon["value"]), subtotal)


def totals(
    lines: list[dict[str, Any]], coupon: dict[str, Any] | None, settings: dict[str, Any]
) -> dict[str, float]:
    """``subtotal, discount, shipping, tax, total`` of priced ``lines``."""
    subtotal = sum((dec(line["total"]) for line in lines), Decimal("0.00"))
    discount = coupon_discount(coupon, subtotal) if coupon else Decimal("0.00")
    taxable = subtotal - discount
    threshold = dec(settings["free_shipping_threshold"])
    shipping = (
        Decimal("0.00")
        if not lines or taxable >= threshold
        else dec(settings["shipping_flat_rate"])
    )
    tax = dec(taxable * Decimal(str(settings["tax_rate"])))
    return {
        "subtotal": money(subtotal),
        "discount": money(discount),
        "shipping": money(shipping),
        "tax": money(tax),
        "total": money(taxable + shipping + tax),
    }


def line(product: dict[str, Any], variant: dict[str, Any] | None, quantity: int) -> dict[str, Any]:
    """An order/cart line priced at the product's (or variant's) current price."""
    unit = dec(variant["price"] if variant else product["price"])
    name = f"{product['name']} - {variant['name']}" if variant else product["name"]
    return {
        "product_id": product["id"],
        "variant_id": variant["id"] if variant else None,
        "name": name,
        "quantity": quantity,
        "unit_price": money(unit),
        "total": money(unit * quantity),
    }
