"""Every Litekart endpoint answers its documented success, and the OpenAPI lists exactly them."""

from __future__ import annotations

import string
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from stores.litekart import create_app
from tests.stores.litekart_support import ADMIN, seeded_client

Ctx = dict[str, Any]
Body = dict[str, Any] | Callable[[Ctx], dict[str, Any]] | None

PRODUCT = {"name": "Test Lamp", "price": 19.99, "sku": "TEST-LAMP-1", "category_id": "cat_02"}
ADDRESS = {"line1": "1 Main St", "city": "Austin", "postal_code": "78701", "country": "US"}

# (method, path template, concrete path, body, expected status, origin)
# origin "seed": the seed shows the request; "defined": a conventional endpoint we defined
# for a resource the seed names without endpoints (see stores/litekart/__init__.py).
ENDPOINTS: list[tuple[str, str, str, Body, int, str]] = [
    ("GET", "/api/products", "/api/products?category=electronics&price_min=10&price_max=100", None, 200, "seed"),
    ("POST", "/api/products", "/api/products", PRODUCT, 201, "defined"),
    ("GET", "/api/products/{id}", "/api/products/prod_0001", None, 200, "defined"),
    ("PUT", "/api/products/{id}", "/api/products/prod_0001", {"price": 91.0}, 200, "defined"),
    ("DELETE", "/api/products/{id}", "/api/products/prod_0220", None, 204, "defined"),
    ("GET", "/api/categories", "/api/categories", None, 200, "defined"),
    ("POST", "/api/categories", "/api/categories", {"name": "Garden", "parent_id": "cat_02"}, 201, "defined"),
    ("GET", "/api/categories/{id}", "/api/categories/cat_01", None, 200, "defined"),
    ("PUT", "/api/categories/{id}", "/api/categories/cat_01", {"description": "Gadgets"}, 200, "defined"),
    ("DELETE", "/api/categories/{id}", "/api/categories/{category}", None, 204, "defined"),
    ("GET", "/api/brands", "/api/brands", None, 200, "defined"),
    ("POST", "/api/brands", "/api/brands", {"name": "Acme"}, 201, "defined"),
    ("GET", "/api/brands/{id}", "/api/brands/brand_01", None, 200, "defined"),
    ("PUT", "/api/brands/{id}", "/api/brands/brand_01", {"description": "Audio"}, 200, "defined"),
    ("DELETE", "/api/brands/{id}", "/api/brands/{brand}", None, 204, "defined"),
    ("GET", "/api/customers", "/api/customers", None, 200, "defined"),
    ("POST", "/api/customers", "/api/customers", {"email": "new@example.com", "first_name": "N", "last_name": "W"}, 201, "defined"),
    ("GET", "/api/customers/{id}", "/api/customers/cus_0001", None, 200, "defined"),
    ("PUT", "/api/customers/{id}", "/api/customers/cus_0001", {"phone": "+1-555-000-1111"}, 200, "defined"),
    ("DELETE", "/api/customers/{id}", "/api/customers/cus_0120", None, 204, "defined"),
    ("GET", "/api/customers/{id}/orders", "/api/customers/cus_0001/orders", None, 200, "defined"),
    ("GET", "/api/orders", "/api/orders?status=completed&created_after=2024-01-01", None, 200, "seed"),
    ("POST", "/api/orders", "/api/orders", {"customer_id": "cus_0002", "items": [{"product_id": "prod_0002"}]}, 201, "defined"),
    ("GET", "/api/orders/{id}", "/api/orders/ord_000001", None, 200, "defined"),
    ("PATCH", "/api/orders/{id}", "/api/orders/{paid_order}", {"status": "processing"}, 200, "defined"),
    ("POST", "/api/orders/{id}/cancel", "/api/orders/{order}/cancel", None, 200, "defined"),
    ("POST", "/api/carts", "/api/carts", {"customer_id": "cus_0003"}, 201, "defined"),
    ("GET", "/api/carts/{id}", "/api/carts/{cart}", None, 200, "defined"),
    ("POST", "/api/carts/{id}/items", "/api/carts/{cart}/items", {"product_id": "prod_0003", "quantity": 2}, 201, "defined"),
    ("PATCH", "/api/carts/{id}/items/{item_id}", "/api/carts/{cart}/items/{item}", {"quantity": 3}, 200, "defined"),
    ("DELETE", "/api/carts/{id}/items/{item_id}", "/api/carts/{cart}/items/{item}", None, 204, "defined"),
    ("POST", "/api/carts/{id}/coupon", "/api/carts/{cart}/coupon", {"code": "FLAT5"}, 200, "defined"),
    ("POST", "/api/carts/{id}/checkout", "/api/carts/{cart}/checkout", {"shipping_address": ADDRESS}, 201, "defined"),
    ("GET", "/api/payments", "/api/payments", None, 200, "defined"),
    ("POST", "/api/payments", "/api/payments", lambda ctx: {"order_id": ctx["order"], "amount": ctx["order_total"]}, 201, "defined"),
    ("GET", "/api/payments/{id}", "/api/payments/pay_000001", None, 200, "defined"),
    ("GET", "/api/coupons", "/api/coupons", None, 200, "defined"),
    ("POST", "/api/coupons", "/api/coupons", {"code": "NEW10", "type": "percent", "value": 10}, 201, "defined"),
    ("POST", "/api/coupons/validate", "/api/coupons/validate", {"code": "WELCOME10", "subtotal": 50}, 200, "defined"),
    ("GET", "/api/coupons/{id}", "/api/coupons/cpn_01", None, 200, "defined"),
    ("PUT", "/api/coupons/{id}", "/api/coupons/cpn_01", {"value": 12}, 200, "defined"),
    ("DELETE", "/api/coupons/{id}", "/api/coupons/cpn_01", None, 204, "defined"),
    ("GET", "/api/users", "/api/users", None, 200, "defined"),
    ("POST", "/api/users", "/api/users", {"email": "v@example.com", "name": "V", "role": "vendor", "password": "longenough"}, 201, "defined"),
    ("GET", "/api/users/{id}", "/api/users/usr_01", None, 200, "defined"),
    ("PUT", "/api/users/{id}", "/api/users/usr_03", {"status": "suspended"}, 200, "defined"),
    ("DELETE", "/api/users/{id}", "/api/users/usr_05", None, 204, "defined"),
    ("GET", "/api/settings", "/api/settings", None, 200, "defined"),
    ("PUT", "/api/settings", "/api/settings", {"tax_rate": 0.07}, 200, "defined"),
    ("POST", "/api/auth/login", "/api/auth/login", lambda ctx: {"email": ctx["email"], "password": "password123"}, 200, "defined"),
    ("POST", "/api/auth/register", "/api/auth/register", {"email": "me@example.com", "password": "password123", "first_name": "M", "last_name": "E"}, 201, "defined"),
]  # fmt: skip


# What a callable body reads from the prepared context.
BODY_NEEDS: dict[tuple[str, str], set[str]] = {
    ("POST", "/api/payments"): {"order"},
    ("POST", "/api/auth/login"): {"email"},
}


async def prepare(client: httpx.AsyncClient, needs: set[str]) -> Ctx:
    """Only the state a request refers to: a cart with a line, a pending order, a
    deletable category or brand, a paid order, a login email."""
    ctx: Ctx = {}
    if needs & {"cart", "item"}:
        cart = await client.post(
            "/api/carts",
            json={"customer_id": "cus_0001", "items": [{"product_id": "prod_0001"}]},
            headers=ADMIN,
        )
        ctx["cart"] = cart.json()["data"]["id"]
        ctx["item"] = cart.json()["data"]["items"][0]["id"]
    if "order" in needs:
        order = await client.post(
            "/api/orders",
            json={"customer_id": "cus_0001", "items": [{"product_id": "prod_0004"}]},
            headers=ADMIN,
        )
        ctx["order"], ctx["order_total"] = (order.json()["data"][k] for k in ("id", "total"))
    if "category" in needs:
        category = await client.post("/api/categories", json={"name": "Spare"}, headers=ADMIN)
        ctx["category"] = category.json()["data"]["id"]
    if "brand" in needs:
        brand = await client.post("/api/brands", json={"name": "Spare Brand"}, headers=ADMIN)
        ctx["brand"] = brand.json()["data"]["id"]
    if "paid_order" in needs:
        paid = await client.get("/api/orders?status=paid&limit=1", headers=ADMIN)
        ctx["paid_order"] = paid.json()["data"][0]["id"]
    if "email" in needs:
        customer = await client.get("/api/customers/cus_0001", headers=ADMIN)
        ctx["email"] = customer.json()["data"]["email"]
    return ctx


@pytest.mark.parametrize(
    ("method", "template", "path", "body", "status", "origin"),
    ENDPOINTS,
    ids=[f"{m} {t}" for m, t, *_ in ENDPOINTS],
)
async def test_endpoint_answers_documented_success(
    method: str, template: str, path: str, body: Body, status: int, origin: str
) -> None:
    async with seeded_client() as client:
        placeholders = {name for _, name, _, _ in string.Formatter().parse(path) if name}
        ctx = await prepare(client, placeholders | BODY_NEEDS.get((method, template), set()))
        payload = body(ctx) if callable(body) else body
        response = await client.request(method, path.format(**ctx), json=payload, headers=ADMIN)
        assert response.status_code == status, response.text
        if status == 204:
            assert response.content == b""
            return
        envelope = response.json()
        assert envelope["success"] is True
        assert isinstance(envelope["message"], str) and envelope["message"]
        assert "data" in envelope
        if method == "GET" and isinstance(envelope["data"], list):
            assert set(envelope["pagination"]) == {
                "page", "limit", "total", "totalPages", "hasNext", "hasPrev",
            }  # fmt: skip
        assert response.headers["x-ratelimit-limit"] == "1000"
        stats = (await client.get("/__sim/stats")).json()["routes"]
        assert stats[f"{method} {template}"] >= 1


def test_openapi_lists_exactly_the_table() -> None:
    paths = create_app().openapi()["paths"]
    served = {(method.upper(), path) for path, ops in paths.items() for method in ops}
    table = {(method, template) for method, template, *_ in ENDPOINTS}
    assert served == table
    assert len(table) == len(ENDPOINTS)
