"""Litestore's API contract: every endpoint, auth, errors, limits, control API."""

from __future__ import annotations

from typing import Any

import pytest

from stores.litestore import create_app
from tests.stores.litestore_helpers import (
    FULL,
    NEW_CONTENT,
    NEW_PRODUCT,
    NEW_REVIEW,
    PENDING_CONTENT,
    READ,
    litestore,
)

LIST_KEYS = {"data", "total", "limit", "offset"}

# (method, template, url, body, status, keys the body has); all from the seed.
ENDPOINTS: list[tuple[str, str, str, Any, int, set[str]]] = [
    ("GET", "/api/products", "/api/products", None, 200, LIST_KEYS),
    ("POST", "/api/products", "/api/products", NEW_PRODUCT, 201, {"id", "status"}),
    ("GET", "/api/products/{id}", "/api/products/prod-001", None, 200, {"id", "gtin"}),
    ("PUT", "/api/products/{id}", "/api/products/prod-002", {"price": 9.5}, 200, {"price"}),
    ("DELETE", "/api/products/{id}", "/api/products/prod-003", None, 204, set()),
    ("POST", "/api/creators/content", "/api/creators/content", NEW_CONTENT, 201, {"moderation"}),
    ("GET", "/api/creators/content", "/api/creators/content", None, 200, LIST_KEYS),
    (
        "POST",
        "/api/creators/content/{id}/moderate",
        f"/api/creators/content/{PENDING_CONTENT}/moderate",
        {"action": "approve", "feedback": "Great content!"},
        200,
        {"status", "moderation"},
    ),
    (
        "POST",
        "/api/ai/generate-description",
        "/api/ai/generate-description",
        {"productName": "Wireless Bluetooth Headphones"},
        200,
        {"description", "metadata"},
    ),
    (
        "POST",
        "/api/ai/analyze-content",
        "/api/ai/analyze-content",
        {"content": "This product is amazing!"},
        200,
        {"sentiment", "spamScore", "qualityScore", "language", "confidence"},
    ),
    (
        "POST",
        "/api/ai/suggest-categories",
        "/api/ai/suggest-categories",
        {"productTitle": "Organic Green Tea"},
        200,
        {"suggestions", "confidence"},
    ),
    (
        "POST",
        "/api/products/{id}/reviews",
        "/api/products/prod-001/reviews",
        NEW_REVIEW,
        201,
        {"id", "rating"},
    ),
    ("GET", "/api/products/{id}/reviews", "/api/products/prod-001/reviews", None, 200, LIST_KEYS),
    ("POST", "/api/reviews/{id}/helpful", "/api/reviews/review-0001/helpful", None, 200, {"id"}),
    (
        "GET",
        "/api/analytics/products/{id}",
        "/api/analytics/products/prod-001",
        None,
        200,
        {"views", "purchases", "conversionRate", "avgOrderValue", "topReferrers", "period"},
    ),
    (
        "GET",
        "/api/analytics/creators/{id}",
        "/api/analytics/creators/creator-001",
        None,
        200,
        {"contentCount", "totalViews", "totalCommission", "avgEngagement", "topContent"},
    ),
]
# Simulator-only (not in the OpenAPI, only with control=True): POST /__sim/purchase.


@pytest.mark.parametrize(
    ("method", "template", "url", "body", "status", "keys"),
    ENDPOINTS,
    ids=[f"{row[0]} {row[1]}" for row in ENDPOINTS],
)
async def test_every_endpoint_answers_its_documented_success(
    method: str, template: str, url: str, body: Any, status: int, keys: set[str]
) -> None:
    async with litestore(headers=FULL) as client:
        response = await client.request(method, url, json=body)
        assert response.status_code == status, response.text
        if status == 204:
            assert response.content == b""
        else:
            assert keys <= set(response.json())
        assert response.headers["x-ratelimit-limit"] in {"100", "10"}
        stats = (await client.get("/__sim/stats")).json()
        assert stats["routes"] == {f"{method} {template}": 1}


def test_openapi_lists_exactly_the_table() -> None:
    paths = create_app().openapi()["paths"]
    served = {(m.upper(), p) for p, ops in paths.items() for m in ops}
    assert served == {(row[0], row[1]) for row in ENDPOINTS}


async def test_every_endpoint_requires_a_key() -> None:
    bad_headers = [{}, {"Authorization": "Bearer nope"}, {"Authorization": "Basic bHM6ZGVtbw=="}]
    async with litestore() as client:
        for headers in bad_headers:
            for method, _, url, body, _, _ in ENDPOINTS:
                response = await client.request(method, url, json=body, headers=headers)
                assert response.status_code == 401, (headers, url)
                error = response.json()["error"]
                assert error["code"] == "AUTHENTICATION_ERROR"
                assert set(error) == {"code", "message", "details"}
        assert (await client.get("/api/products/prod-003", headers=FULL)).status_code == 200


async def test_read_key_reads_and_gets_403_on_writes() -> None:
    async with litestore(headers=READ) as client:
        for method, _, url, body, _, _ in ENDPOINTS:
            response = await client.request(method, url, json=body)
            writes = method in {"PUT", "DELETE"} or (
                method == "POST" and not url.startswith("/api/ai/")
            )
            if writes:
                assert response.status_code == 403, url
                assert response.json()["error"]["code"] == "AUTHORIZATION_ERROR"
            else:
                assert response.status_code == 200, url
        # nothing was written
        assert (await client.get("/api/products/prod-003")).status_code == 200
        listed = (await client.get("/api/products", params={"limit": 1})).json()
        assert listed["total"] == 220


async def test_validation_errors_use_the_documented_body() -> None:
    async with litestore(headers=FULL) as client:
        response = await client.post("/api/products", json={"name": "X", "price": -5})
        assert response.status_code == 400
        assert response.json() == {
            "error": {
                "code": "VALIDATION_ERROR",
                "message": response.json()["error"]["message"],
                "details": {
                    "field": "price",
                    "issue": "must be positive number",
                    "errors": [{"field": "price", "issue": "must be positive number"}],
                },
            }
        }
        several = await client.post("/api/products", json={"price": 0, "tags": "x"})
        details = several.json()["error"]["details"]
        assert details["field"] == details["errors"][0]["field"]
        assert {e["field"] for e in details["errors"]} == {"name", "price", "tags"}
        malformed = await client.post(
            "/api/products", content=b"{not json", headers={"content-type": "application/json"}
        )
        assert malformed.status_code == 400
        assert malformed.json()["error"]["details"]["field"] == "body"
        for field, value in (("price", True), ("price", "9.99"), ("generateDescription", "yes")):
            loose = await client.post("/api/products", json={"name": "X", "price": 1, field: value})
            assert loose.status_code == 400
            assert loose.json()["error"]["details"]["field"] == field
        whole = await client.post("/api/products", json={"name": "Whole", "price": 5})
        assert whole.json()["price"] == 5.0
        for url in (
            "/api/products?limit=0",
            "/api/products?limit=101",
            "/api/products?offset=-1",
            "/api/products?status=deleted",
            "/api/creators/content?status=live",
            "/api/products/prod-001/reviews?rating=6",
            "/api/products/prod-001/reviews?sort=best",
            "/api/products/prod-001/reviews?verified=maybe",
            "/api/analytics/products/prod-001?period=2w",
            "/api/analytics/products/prod-001?metrics=views,likes",
        ):
            bad = await client.get(url)
            assert bad.status_code == 400, url
            assert bad.json()["error"]["code"] == "VALIDATION_ERROR"
            assert bad.json()["error"]["details"]["field"] in url


MISSING: list[tuple[str, str, Any]] = [
    ("GET", "/api/products/prod-999", None),
    ("PUT", "/api/products/prod-999", {"price": 1}),
    ("DELETE", "/api/products/prod-999", None),
    ("POST", "/api/creators/content/content-999/moderate", {"action": "reject"}),
    ("POST", "/api/products/prod-999/reviews", NEW_REVIEW),
    ("GET", "/api/products/prod-999/reviews", None),
    ("POST", "/api/reviews/review-9999/helpful", None),
    ("GET", "/api/analytics/products/prod-999", None),
    ("GET", "/api/analytics/creators/creator-999", None),
    ("GET", "/api/nowhere", None),
]


async def test_missing_resources_are_404() -> None:
    async with litestore(headers=FULL) as client:
        for method, url, body in MISSING:
            response = await client.request(method, url, json=body)
            assert response.status_code == 404, url
            error = response.json()["error"]
            assert error["code"] == "NOT_FOUND"
            assert error["message"]
        product = (await client.get("/api/products/prod-999")).json()["error"]
        assert product["details"] == {"resource": "product", "id": "prod-999"}


async def test_unsupported_method_keeps_the_store_body() -> None:
    async with litestore(headers=FULL) as client:
        response = await client.patch("/api/products/prod-001", json={})
        assert response.status_code == 405
        assert set(response.json()["error"]) == {"code", "message", "details"}


async def test_rate_limits_are_per_key_and_separate_for_generation() -> None:
    async with litestore(headers=FULL) as client:
        first = await client.get("/api/products")
        assert first.headers["x-ratelimit-limit"] == "100"
        assert first.headers["x-ratelimit-remaining"] == "99"
        generation = await client.post("/api/ai/analyze-content", json={"content": "hi"})
        assert generation.headers["x-ratelimit-limit"] == "10"
        assert generation.headers["x-ratelimit-remaining"] == "9"
        assert (await client.get("/api/products")).headers["x-ratelimit-remaining"] == "98"
        other_key = await client.get("/api/products", headers=READ)
        assert other_key.headers["x-ratelimit-remaining"] == "99"


async def test_rate_limited_answers_429_with_headers() -> None:
    async with litestore(headers=FULL) as client:
        await client.put("/__sim/config", json={"rate_limit": {"limit": 2, "window_s": 30}})
        for _ in range(2):
            assert (await client.get("/api/products")).status_code == 200
        over = await client.get("/api/products")
        assert over.status_code == 429
        assert over.json()["error"]["code"] == "RATE_LIMITED"
        assert set(over.json()["error"]) == {"code", "message", "details"}
        assert over.headers["x-ratelimit-limit"] == "2"
        assert over.headers["x-ratelimit-remaining"] == "0"
        assert int(over.headers["x-ratelimit-reset"]) > 0
        assert int(over.headers["retry-after"]) >= 1


async def test_injected_faults_are_server_errors() -> None:
    async with litestore(headers=FULL) as client:
        await client.put("/__sim/config", json={"fail_next": {"count": 1, "status": 503}})
        failed = await client.get("/api/products")
        assert failed.status_code == 503
        assert failed.json()["error"]["code"] == "SERVER_ERROR"
        assert (await client.get("/api/products")).status_code == 200


async def test_stats_count_route_templates() -> None:
    async with litestore(headers=FULL) as client:
        await client.get("/api/products/prod-001")
        await client.get("/api/products/prod-002")
        await client.get("/api/products/prod-002/reviews")
        stats = (await client.get("/__sim/stats")).json()
        assert stats == {
            "total": 3,
            "routes": {"GET /api/products/{id}": 2, "GET /api/products/{id}/reviews": 1},
        }


async def test_control_false_hides_the_control_api() -> None:
    async with litestore(create_app(control=False), headers=FULL) as client:
        for method, url in (
            ("GET", "/__sim/stats"),
            ("GET", "/__sim/credentials"),
            ("POST", "/__sim/purchase"),
        ):
            assert (await client.request(method, url, json={})).status_code == 404
        assert (await client.get("/api/products")).status_code == 200


async def test_credentials_are_the_demo_keys() -> None:
    async with litestore() as client:
        creds = (await client.get("/__sim/credentials")).json()
        assert creds == {
            "api_key": "ls_demo_full_key",
            "keys": {"full": "ls_demo_full_key", "read": "ls_demo_read_key"},
        }


async def test_two_apps_serve_identical_data() -> None:
    pages = []
    for _ in range(2):
        async with litestore(headers=FULL) as client:
            pages.append(
                [
                    (await client.get(url)).json()
                    for url in (
                        "/api/products",
                        "/api/creators/content?offset=100",
                        "/api/products/prod-050/reviews",
                        "/api/analytics/creators/creator-007",
                    )
                ]
            )
    assert pages[0] == pages[1]


async def test_writes_persist_until_reset_with_data() -> None:
    async with litestore(headers=FULL) as client:
        created = (await client.post("/api/products", json=NEW_PRODUCT)).json()
        await client.put("/api/products/prod-001", json={"name": "Renamed"})
        await client.delete("/api/products/prod-002")
        assert (await client.get(f"/api/products/{created['id']}")).status_code == 200
        assert (await client.get("/api/products/prod-001")).json()["name"] == "Renamed"
        assert (await client.get("/api/products/prod-002")).status_code == 404
        await client.post("/__sim/reset")
        assert (await client.get("/api/products/prod-001")).json()["name"] == "Renamed"
        await client.post("/__sim/reset", params={"data": "true"})
        assert (await client.get(f"/api/products/{created['id']}")).status_code == 404
        restored = (await client.get("/api/products/prod-001")).json()
        assert restored["name"] == "Aurora Wireless Noise-Cancelling Headphones"
        assert (await client.get("/api/products/prod-002")).status_code == 200
        again = (await client.post("/api/products", json=NEW_PRODUCT)).json()
        assert again["id"] == created["id"]


async def test_bad_input_changes_nothing() -> None:
    async with litestore(headers=FULL) as client:
        before = (await client.get("/api/products/prod-001")).json()
        bad = await client.put("/api/products/prod-001", json={"name": "Ok", "price": -1})
        assert bad.status_code == 400
        nulled = await client.put("/api/products/prod-001", json={"name": None})
        assert nulled.json()["error"]["details"]["issue"] == "may not be null"
        assert (await client.get("/api/products/prod-001")).json() == before
        assert (await client.post("/api/products", json={"name": "X"})).status_code == 400
        content = dict(NEW_CONTENT, products=["prod-001", "prod-999"])
        rejected = await client.post("/api/creators/content", json=content)
        assert rejected.json()["error"]["details"]["field"] == "products.1"
        totals = [
            (await client.get(url)).json()["total"]
            for url in ("/api/products", "/api/creators/content")
        ]
        assert totals == [220, 320]
