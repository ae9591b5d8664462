"""Catalog store contract: every endpoint, envelopes, caching, limits, control API."""

from __future__ import annotations

from typing import Any

import pytest

from stores.common.shared_items import items_for
from tests.stores.catalog_support import NEW_PRODUCT, bearer, error_of, issue, store

# Every endpoint the seed documents: method, template, sample request, expected status.
# "{refresh_token}" in a body is filled with a live refresh token.
ENDPOINTS: list[tuple[str, str, str, dict[str, Any] | None, int]] = [
    (
        "POST",
        "/api/v1/auth/token",
        "/api/v1/auth/token",
        {
            "client_id": "catalog_demo_client",
            "client_secret": "catalog_demo_secret",
            "grant_type": "client_credentials",
        },
        200,
    ),
    (
        "POST",
        "/api/v1/auth/refresh",
        "/api/v1/auth/refresh",
        {"refresh_token": "{refresh_token}", "grant_type": "refresh_token"},
        200,
    ),
    ("GET", "/api/v1/products", "/api/v1/products?limit=5&sort=price&order=asc", None, 200),
    ("POST", "/api/v1/products", "/api/v1/products", NEW_PRODUCT, 201),
    ("GET", "/api/v1/products/{product_id}", "/api/v1/products/prod_100001", None, 200),
    ("PUT", "/api/v1/products/{product_id}", "/api/v1/products/prod_100001", {"price": 9.5}, 200),
    ("DELETE", "/api/v1/products/{product_id}", "/api/v1/products/prod_100002", None, 200),
    ("GET", "/api/v1/categories", "/api/v1/categories?parent_id=electronics", None, 200),
    ("GET", "/api/v1/categories/{category_id}", "/api/v1/categories/electronics", None, 200),
]

PRODUCT_KEYS = {
    "id",
    "name",
    "description",
    "price",
    "currency",
    "inventory",
    "category",
    "images",
    "attributes",
    "status",
    "created_at",
    "updated_at",
}


@pytest.mark.parametrize(
    ("method", "template", "url", "body", "expected"),
    ENDPOINTS,
    ids=[f"{m} {t}" for m, t, *_ in ENDPOINTS],
)
async def test_every_endpoint_answers_its_documented_success(
    method: str, template: str, url: str, body: dict[str, Any] | None, expected: int
) -> None:
    async with store() as (_, client):
        tokens = await issue(client)
        if body and body.get("refresh_token") == "{refresh_token}":
            body = {**body, "refresh_token": tokens["refresh_token"]}
        headers = {"Authorization": f"Bearer {tokens['access_token']}"}
        response = await client.request(method, url, json=body, headers=headers)
        assert response.status_code == expected, response.text
        payload = response.json()
        assert payload["status"] == "success"
        assert set(payload["meta"]) == {"request_id", "timestamp"}
        assert payload["meta"]["request_id"].startswith("req_")
        assert payload["data"]
        assert response.headers["x-ratelimit-limit"] == "100"
        stats = (await client.get("/__sim/stats")).json()
        calls = 2 if template == "/api/v1/auth/token" else 1  # issue() called it too
        assert stats["routes"][f"{method} {template}"] == calls


def test_openapi_paths_are_exactly_the_endpoint_table() -> None:
    from stores.catalog import create_app

    paths = create_app().openapi()["paths"]
    served = {(method.upper(), path) for path, ops in paths.items() for method in ops}
    assert served == {(method, template) for method, template, *_ in ENDPOINTS}


async def test_product_list_shape_and_pagination_meta() -> None:
    async with store() as (_, client):
        headers = await bearer(client)
        response = await client.get("/api/v1/products", headers=headers)
        data = response.json()["data"]
        assert data["pagination"] == {
            "total": 240,
            "page": 1,
            "limit": 20,
            "pages": 12,
            "has_next": True,
            "has_prev": False,
        }
        assert len(data["items"]) == 20
        item = data["items"][0]
        assert set(item) == PRODUCT_KEYS
        assert set(item["inventory"]) == {"available", "reserved", "total"}
        inventory = item["inventory"]
        assert inventory["available"] + inventory["reserved"] == inventory["total"]
        assert set(item["category"]) == {"id", "name", "parent_id"}
        assert all(set(image) == {"url", "alt", "is_primary"} for image in item["images"])
        assert item["images"][0]["is_primary"] is True
        assert {"brand", "gtin", "mpn"} <= set(item["attributes"])
        assert item["id"].startswith("prod_")

        last = await client.get("/api/v1/products?page=12", headers=headers)
        last_page = last.json()["data"]
        assert len(last_page["items"]) == 20
        assert last_page["pagination"]["has_next"] is False
        assert last_page["pagination"]["has_prev"] is True
        beyond = (await client.get("/api/v1/products?page=13", headers=headers)).json()["data"]
        assert beyond["items"] == []
        assert beyond["pagination"]["total"] == 240


async def test_single_item_envelope() -> None:
    async with store() as (_, client):
        headers = await bearer(client)
        response = await client.get("/api/v1/products/prod_100001", headers=headers)
        item = response.json()["data"]["item"]
        assert item["id"] == "prod_100001"
        assert set(item) == PRODUCT_KEYS
        category = await client.get("/api/v1/categories/electronics-audio", headers=headers)
        assert category.json()["data"]["item"] == {
            "id": "electronics-audio",
            "name": "Audio",
            "description": "Headphones, speakers and sound",
            "parent_id": "electronics",
            "level": 2,
            "path": ["electronics", "electronics-audio"],
            "product_count": category.json()["data"]["item"]["product_count"],
            "created_at": "2024-12-01T09:00:00Z",
            "updated_at": "2024-12-01T09:00:00Z",
        }


async def test_two_apps_serve_identical_data() -> None:
    pages = []
    for _ in range(2):
        async with store() as (_, client):
            headers = await bearer(client)
            response = await client.get("/api/v1/products?limit=100", headers=headers)
            pages.append(response.json()["data"])
    assert pages[0] == pages[1]


async def test_shared_items_carry_their_gtin_and_mpn() -> None:
    async with store() as (_, client):
        headers = await bearer(client)
        products = []
        for page in (1, 2, 3):
            response = await client.get(f"/api/v1/products?limit=100&page={page}", headers=headers)
            products += response.json()["data"]["items"]
        by_gtin = {p["attributes"]["gtin"]: p for p in products}
        for item in items_for("catalog"):
            product = by_gtin[item.gtin]
            assert product["name"] == item.name
            assert product["attributes"]["brand"] == item.brand
            assert product["attributes"]["mpn"] == item.mpn
            assert product["price"] == float(item.price)
        assert len({p["name"].casefold() for p in products}) == 240


async def test_etag_answers_304_and_changes_after_a_write() -> None:
    async with store() as (_, client):
        headers = await bearer(client)
        url = "/api/v1/products/prod_100003"
        first = await client.get(url, headers=headers)
        assert first.headers["cache-control"] == "private, max-age=30"
        etag = first.headers["etag"]
        again = await client.get(url, headers={**headers, "If-None-Match": etag})
        assert again.status_code == 304
        assert again.content == b""
        listing = await client.get("/api/v1/categories", headers=headers)
        cached = await client.get(
            "/api/v1/categories", headers={**headers, "If-None-Match": listing.headers["etag"]}
        )
        assert cached.status_code == 304
        await client.put(url, json={"price": 12.34}, headers=headers)
        changed = await client.get(url, headers={**headers, "If-None-Match": etag})
        assert changed.status_code == 200
        assert changed.json()["data"]["item"]["price"] == 12.34


async def test_rate_limit_answers_429_with_meta_rate_limit() -> None:
    async with store() as (_, client):
        headers = await bearer(client)
        await client.put("/__sim/config", json={"rate_limit": {"limit": 2, "window_s": 60}})
        first = await client.get("/api/v1/categories", headers=headers)
        assert first.headers["x-ratelimit-remaining"] == "1"
        await client.get("/api/v1/categories", headers=headers)
        over = await client.get("/api/v1/categories", headers=headers)
        assert over.status_code == 429
        assert over.headers["x-ratelimit-limit"] == "2"
        assert over.headers["x-ratelimit-remaining"] == "0"
        assert int(over.headers["retry-after"]) >= 1
        body = over.json()
        assert body["error"] == {
            "code": "rate_limit_exceeded",
            "message": "Rate limit exceeded",
            "details": "Maximum of 2 requests per minute allowed, please try again later",
        }
        assert body["meta"]["rate_limit"] == {
            "limit": 2,
            "remaining": 0,
            "reset": int(over.headers["x-ratelimit-reset"]),
        }
        other = await bearer(client)  # the auth budget is separate; a new token has its own
        assert (await client.get("/api/v1/categories", headers=other)).status_code == 200


async def test_default_limit_is_100_per_minute_per_token() -> None:
    async with store() as (_, client):
        headers = await bearer(client)
        for _ in range(100):
            response = await client.get("/api/v1/categories/home", headers=headers)
        assert response.status_code == 200
        assert response.headers["x-ratelimit-remaining"] == "0"
        over = await client.get("/api/v1/categories/home", headers=headers)
        assert over.status_code == 429


async def test_internal_error_and_service_unavailable() -> None:
    async with store() as (_, client):
        headers = await bearer(client)
        await client.put("/__sim/config", json={"fail_next": {"count": 1, "status": 500}})
        broken = await client.get("/api/v1/products", headers=headers)
        assert broken.status_code == 500
        assert error_of(broken)["code"] == "internal_error"
        assert error_of(broken)["message"] == "Internal server error"
        await client.put("/__sim/config", json={"fail_next": {"count": 1, "status": 503}})
        down = await client.get("/api/v1/products", headers=headers)
        assert down.status_code == 503
        assert error_of(down) == {
            "code": "service_unavailable",
            "message": "Service unavailable",
            "details": "Server temporarily unable to handle request",
        }


async def test_unknown_route_and_method_use_the_error_body() -> None:
    async with store() as (_, client):
        headers = await bearer(client)
        missing = await client.get("/api/v1/brands", headers=headers)
        assert missing.status_code == 404
        assert error_of(missing)["code"] == "not_found"
        wrong = await client.patch("/api/v1/products/prod_100001", headers=headers)
        assert wrong.status_code == 405
        assert error_of(wrong)["code"] == "method_not_allowed"


async def test_stats_count_route_templates() -> None:
    async with store() as (_, client):
        headers = await bearer(client)
        await client.get("/api/v1/products/prod_100001", headers=headers)
        await client.get("/api/v1/products/prod_999999", headers=headers)
        await client.get("/api/v1/products", headers=headers)
        stats = (await client.get("/__sim/stats")).json()
        assert stats == {
            "total": 4,
            "routes": {
                "POST /api/v1/auth/token": 1,
                "GET /api/v1/products/{product_id}": 2,
                "GET /api/v1/products": 1,
            },
        }


async def test_control_false_hides_sim() -> None:
    async with store(control=False) as (_, client):
        response = await client.get("/__sim/stats")
        assert response.status_code == 404
        assert error_of(response)["code"] == "not_found"


async def test_credentials_endpoint() -> None:
    async with store() as (_, client):
        creds = (await client.get("/__sim/credentials")).json()
        assert creds["client_id"] == "catalog_demo_client"
        assert creds["client_secret"] == "catalog_demo_secret"
        reader = creds["clients"]["catalog_demo_reader"]
        assert reader == {"client_secret": "catalog_demo_reader_secret", "scopes": ["read"]}
        response = await client.post(
            "/api/v1/auth/token",
            json={
                "client_id": creds["client_id"],
                "client_secret": creds["client_secret"],
                "grant_type": "client_credentials",
            },
        )
        assert response.status_code == 200


async def test_writes_persist_and_reset_restores_the_seed() -> None:
    async with store() as (_, client):
        headers = await bearer(client)
        created = await client.post("/api/v1/products", json=NEW_PRODUCT, headers=headers)
        new_id = created.json()["data"]["item"]["id"]
        assert new_id == "prod_100241"
        await client.delete("/api/v1/products/prod_100001", headers=headers)
        await client.put("/api/v1/products/prod_100002", json={"name": "Renamed"}, headers=headers)
        assert (await client.get(f"/api/v1/products/{new_id}", headers=headers)).status_code == 200
        total = await client.get("/api/v1/products?limit=1", headers=headers)
        assert total.json()["data"]["pagination"]["total"] == 240

        reset = await client.post("/__sim/reset?data=true")
        assert reset.json() == {"reset": True, "data": True}
        # the token survives a reset
        assert (await client.get(f"/api/v1/products/{new_id}", headers=headers)).status_code == 404
        first = await client.get("/api/v1/products/prod_100001", headers=headers)
        assert first.status_code == 200
        second = await client.get("/api/v1/products/prod_100002", headers=headers)
        assert second.json()["data"]["item"]["name"] != "Renamed"


def test_unknown_status_codes_render_as_seed_codes() -> None:
    from stores.catalog.errors import render_error
    from stores.common import StoreError

    response = render_error(StoreError(502, "BAD_GATEWAY", "upstream"))
    assert response.status_code == 502
    assert b'"code":"service_unavailable"' in response.body
