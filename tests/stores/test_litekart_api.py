"""Litekart's envelopes, auth, errors, limits, caching and control plane."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator

import httpx
import pytest

from stores.litekart import create_app, tokens
from stores.litekart.auth import JWT_SECRET
from tests.stores.litekart_support import ADMIN, assert_error, client_for, login, seeded_client


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with seeded_client() as c:
        yield c


async def test_list_envelope_and_pagination_meta(client: httpx.AsyncClient) -> None:
    first = (await client.get("/api/products?limit=50")).json()
    assert first["success"] is True and first["message"]
    meta = first["pagination"]
    total = meta["total"]
    assert total >= 190  # active products of 220
    assert meta == {
        "page": 1, "limit": 50, "total": total, "totalPages": -(-total // 50),
        "hasNext": True, "hasPrev": False,
    }  # fmt: skip
    last_page = meta["totalPages"]
    last = (await client.get(f"/api/products?limit=50&page={last_page}")).json()
    assert last["pagination"]["hasNext"] is False and last["pagination"]["hasPrev"] is True
    assert len(last["data"]) == total - 50 * (last_page - 1)
    assert (await client.get("/api/products")).json()["pagination"]["limit"] == 20
    beyond = (await client.get(f"/api/products?limit=50&page={last_page + 1}")).json()
    assert beyond["data"] == [] and beyond["pagination"]["hasNext"] is False


async def test_seed_sizes_and_shared_items(client: httpx.AsyncClient) -> None:
    async def total(path: str) -> int:
        response = await client.get(path, headers=ADMIN)
        return response.json()["pagination"]["total"]

    assert await total("/api/products") == 220
    assert await total("/api/categories") >= 12
    assert await total("/api/brands") >= 15
    assert await total("/api/customers") >= 100
    assert await total("/api/orders") >= 500
    from stores.common.shared_items import items_for

    item = items_for("litekart")[0]
    found = (await client.get(f"/api/products?search={item.mpn}", headers=ADMIN)).json()["data"]
    assert [(p["name"], p["sku"], p["barcode"], p["price"]) for p in found] == [
        (item.name, item.mpn, item.gtin, float(item.price))
    ]
    brand = (await client.get(f"/api/brands/{found[0]['brand_id']}")).json()["data"]
    category = (await client.get(f"/api/categories/{found[0]['category_id']}")).json()["data"]
    assert (brand["name"], category["name"]) == (item.brand, item.category)


async def test_orders_add_up(client: httpx.AsyncClient) -> None:
    orders = (await client.get("/api/orders?limit=100", headers=ADMIN)).json()["data"]
    for order in orders:
        assert round(sum(i["total"] for i in order["items"]), 2) == order["subtotal"]
        for item in order["items"]:
            assert round(item["unit_price"] * item["quantity"], 2) == item["total"]
        expected = order["subtotal"] - order["discount"] + order["shipping"] + order["tax"]
        assert round(expected, 2) == order["total"]


async def test_missing_and_invalid_credentials_are_401(client: httpx.AsyncClient) -> None:
    assert_error(await client.get("/api/orders"), 401, "AUTHENTICATION_ERROR")
    bad = await client.get("/api/orders", headers={"Authorization": "Bearer nope"})
    assert_error(bad, 401, "AUTHENTICATION_ERROR")
    basic = await client.get("/api/orders", headers={"Authorization": "Basic abc"})
    assert_error(basic, 401, "AUTHENTICATION_ERROR")
    forged = tokens.encode({"sub": "cus_0001", "exp": time.time() + 60}, "wrong-secret")
    resp = await client.get("/api/orders", headers={"Authorization": f"Bearer {forged}"})
    assert_error(resp, 401, "AUTHENTICATION_ERROR")
    expired = tokens.encode({"sub": "cus_0001", "exp": int(time.time()) - 1}, JWT_SECRET)
    resp = await client.get("/api/orders", headers={"Authorization": f"Bearer {expired}"})
    assert "expired" in assert_error(resp, 401, "AUTHENTICATION_ERROR")["message"]
    wrong = await client.post("/api/auth/login", json={"email": "x@y.z", "password": "password1"})
    assert_error(wrong, 401, "AUTHENTICATION_ERROR")


async def test_customer_jwt_gets_403_on_admin_resources(client: httpx.AsyncClient) -> None:
    jwt = await login(client, "cus_0001")
    for method, path, body in [
        ("GET", "/api/customers", None),
        ("GET", "/api/users", None),
        ("PUT", "/api/settings", {"tax_rate": 0.1}),
        ("POST", "/api/coupons", {"code": "MINE", "type": "fixed", "value": 5}),
        ("DELETE", "/api/coupons/cpn_01", None),
        ("POST", "/api/products", {"name": "X", "price": 1, "sku": "X-1"}),
        ("PATCH", "/api/orders/ord_000001", {"status": "shipped"}),
        ("GET", "/api/customers/cus_0002", None),
    ]:
        response = await client.request(method, path, json=body, headers=jwt)
        assert_error(response, 403, "AUTHORIZATION_ERROR")
    assert (await client.get("/api/settings", headers=jwt)).status_code == 200
    assert (await client.get("/api/coupons", headers=jwt)).status_code == 200
    me = (await client.get("/api/customers/cus_0001", headers=jwt)).json()["data"]
    assert me["id"] == "cus_0001"


async def test_body_validation_is_422_with_field_details(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/api/customers", json={"email": "not-an-email", "first_name": ""}, headers=ADMIN
    )
    error = assert_error(response, 422, "VALIDATION_ERROR")
    fields = {d["field"] for d in error["details"]}
    assert {"email", "first_name", "last_name"} <= fields
    assert all(set(d) == {"field", "message"} for d in error["details"])
    short = await client.post(
        "/api/auth/register",
        json={"email": "a@b.co", "password": "short", "first_name": "A", "last_name": "B"},
    )
    assert assert_error(short, 422, "VALIDATION_ERROR")["details"][0]["field"] == "password"
    extra = await client.put("/api/products/prod_0001", json={"colour": "red"}, headers=ADMIN)
    assert_error(extra, 422, "VALIDATION_ERROR")
    null = await client.put("/api/products/prod_0001", json={"name": None}, headers=ADMIN)
    assert_error(null, 422, "VALIDATION_ERROR")
    broken = await client.post(
        "/api/products", content=b"{not json", headers={**ADMIN, "content-type": "application/json"}
    )
    assert_error(broken, 422, "VALIDATION_ERROR")


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("limit=0", "limit"),
        ("limit=101", "limit"),
        ("page=abc", "page"),
        ("price_min=cheap", "price_min"),
        ("status=sold", "status"),
        ("sort=colour:asc", "sort"),
        ("sort=price:up", "sort"),
        ("fields=id,colour", "fields"),
        ("fields=variants(id,weight)", "fields"),
        ("fields=name(id)", "fields"),
        ("fields=variants(id", "fields"),
        ("created_after=yesterday", "created_after"),
        ("ids=" + ",".join(f"prod_{n:04d}" for n in range(1, 102)), "ids"),
    ],
)
async def test_bad_query_parameters_are_400(
    client: httpx.AsyncClient, query: str, field: str
) -> None:
    error = assert_error(await client.get(f"/api/products?{query}"), 400, "VALIDATION_ERROR")
    assert error["details"][0]["field"] == field


async def test_not_found_bodies(client: httpx.AsyncClient) -> None:
    for path in ["/api/products/prod_9999", "/api/orders/ord_999999", "/api/carts/cart_1"]:
        assert_error(await client.get(path, headers=ADMIN), 404, "NOT_FOUND")
    assert_error(await client.get("/api/nowhere"), 404, "NOT_FOUND")
    draft = (await client.get("/api/products?status=draft&limit=1", headers=ADMIN)).json()
    hidden = draft["data"][0]["id"]
    assert_error(await client.get(f"/api/products/{hidden}"), 404, "NOT_FOUND")
    assert (await client.get(f"/api/products/{hidden}", headers=ADMIN)).status_code == 200
    wrong_method = await client.patch("/api/products/prod_0001", headers=ADMIN)
    assert_error(wrong_method, 405, "METHOD_NOT_ALLOWED")


async def test_conflicts_are_409(client: httpx.AsyncClient) -> None:
    existing = (await client.get("/api/products/prod_0001")).json()["data"]
    dup = await client.post(
        "/api/products", json={"name": "Copy", "price": 1, "sku": existing["sku"]}, headers=ADMIN
    )
    assert assert_error(dup, 409, "CONFLICT")["details"][0]["field"] == "sku"
    customer = (await client.get("/api/customers/cus_0002", headers=ADMIN)).json()["data"]
    body = {"email": customer["email"].upper(), "first_name": "A", "last_name": "B"}
    assert_error(await client.post("/api/customers", json=body, headers=ADMIN), 409, "CONFLICT")
    coupon = {"code": "welcome10", "type": "fixed", "value": 1}
    assert_error(await client.post("/api/coupons", json=coupon, headers=ADMIN), 409, "CONFLICT")


async def test_bad_input_changes_nothing(client: httpx.AsyncClient) -> None:
    before = (await client.get("/api/products/prod_0001", headers=ADMIN)).json()["data"]
    other_sku = (await client.get("/api/products/prod_0002")).json()["data"]["sku"]
    for body in [
        {"price": -1},
        {"price": 10.0, "category_id": "cat_99"},
        {"name": "New name", "variants": [{"id": "var_9999", "sku": "S", "name": "N", "price": 1}]},
        {"sku": other_sku, "name": "Renamed"},
    ]:
        response = await client.put("/api/products/prod_0001", json=body, headers=ADMIN)
        assert response.status_code in (409, 422)
    after = (await client.get("/api/products/prod_0001", headers=ADMIN)).json()["data"]
    assert after == before
    count = (await client.get("/api/products?limit=1", headers=ADMIN)).json()["pagination"]
    bad = {"name": "X", "price": 5, "sku": "NEW-1", "brand_id": "brand_99"}
    assert (await client.post("/api/products", json=bad, headers=ADMIN)).status_code == 422
    again = (await client.get("/api/products?limit=1", headers=ADMIN)).json()["pagination"]
    assert again["total"] == count["total"]


async def test_writes_persist_and_reset_restores(client: httpx.AsyncClient) -> None:
    put = await client.put("/api/products/prod_0001", json={"price": 1.5}, headers=ADMIN)
    assert put.json()["data"]["price"] == 1.5
    assert (await client.get("/api/products/prod_0001")).json()["data"]["price"] == 1.5
    assert (await client.delete("/api/brands/brand_01", headers=ADMIN)).status_code == 409
    await client.post("/__sim/reset?data=true")
    assert (await client.get("/api/products/prod_0001")).json()["data"]["price"] == 89.0


async def test_determinism_two_apps_same_first_pages() -> None:
    pages = []
    for _ in range(2):
        async with client_for(create_app(control=False)) as c:
            pages.append(
                [
                    (await c.get(path, headers=ADMIN)).json()
                    for path in ("/api/products", "/api/orders", "/api/customers")
                ]
            )
    assert pages[0] == pages[1]


async def test_control_false_hides_sim() -> None:
    async with client_for(create_app(control=False)) as c:
        assert_error(await c.get("/__sim/stats"), 404, "NOT_FOUND")
        assert (await c.get("/api/products")).status_code == 200


async def test_stats_count_route_templates(client: httpx.AsyncClient) -> None:
    await client.get("/api/products/prod_0001")
    await client.get("/api/products/prod_0002")
    await client.get("/api/orders/ord_000001", headers=ADMIN)
    stats = (await client.get("/__sim/stats")).json()
    assert stats["routes"] == {"GET /api/products/{id}": 2, "GET /api/orders/{id}": 1}
    assert stats["total"] == 3


async def test_rate_limits_per_credential_and_429_body() -> None:
    app = create_app()
    async with client_for(app) as c:
        first = await c.get("/api/products", headers=ADMIN)
        assert first.headers["x-ratelimit-limit"] == "1000"
        anon = await c.get("/api/products")
        assert anon.headers["x-ratelimit-limit"] == "100"
        assert anon.headers["x-ratelimit-remaining"] == "99"
        await c.put("/__sim/config", json={"rate_limit": {"limit": 2, "window_s": 60}})
        await c.post("/__sim/reset")
        for _ in range(2):
            assert (await c.get("/api/products", headers=ADMIN)).status_code == 200
        over = await c.get("/api/products", headers=ADMIN)
        assert_error(over, 429, "RATE_LIMITED")
        assert over.headers["x-ratelimit-remaining"] == "0"
        assert int(over.headers["x-ratelimit-reset"]) > time.time()
        assert int(over.headers["retry-after"]) >= 1
        # another credential has its own budget
        assert (await c.get("/api/products")).status_code == 200


async def test_get_caching_headers_and_304(client: httpx.AsyncClient) -> None:
    public = await client.get("/api/products/prod_0001")
    assert public.headers["cache-control"] == "public, max-age=60"
    again = await client.get(
        "/api/products/prod_0001", headers={"If-None-Match": public.headers["etag"]}
    )
    assert again.status_code == 304 and again.content == b""
    assert (await client.get("/api/categories")).headers["cache-control"] == "public, max-age=60"
    private = await client.get("/api/orders/ord_000001", headers=ADMIN)
    assert private.headers["cache-control"] == "private, no-cache"
    admin_catalogue = await client.get("/api/products", headers=ADMIN)
    assert admin_catalogue.headers["cache-control"] == "private, no-cache"
    await client.put("/api/products/prod_0001", json={"stock": 7}, headers=ADMIN)
    changed = await client.get(
        "/api/products/prod_0001", headers={"If-None-Match": public.headers["etag"]}
    )
    assert changed.status_code == 200


async def test_credentials_and_register_login(client: httpx.AsyncClient) -> None:
    creds = (await client.get("/__sim/credentials")).json()
    assert creds["api_key"] == "lk_demo_admin_key"
    token = creds["users"][0]["token"]
    orders = await client.get("/api/orders", headers={"Authorization": f"Bearer {token}"})
    assert orders.status_code == 200
    body = {
        "email": "New.Shopper@Example.com",
        "password": "hunter2hunter2",
        "first_name": "N",
        "last_name": "S",
    }
    registered = await client.post("/api/auth/register", json=body)
    assert registered.status_code == 201
    data = registered.json()["data"]
    assert data["customer"]["email"] == "new.shopper@example.com" and data["token_type"] == "Bearer"
    login = await client.post(
        "/api/auth/login", json={"email": "new.shopper@example.com", "password": "hunter2hunter2"}
    )
    me = data["customer"]["id"]
    jwt = {"Authorization": f"Bearer {login.json()['data']['token']}"}
    assert (await client.get(f"/api/customers/{me}", headers=jwt)).json()["data"]["id"] == me
    assert (await client.post("/api/auth/register", json=body)).status_code == 409
