"""FreshStore: every documented endpoint answers, and the served routes are
exactly the seed's Quick Reference (both ways)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from stores.freshstore import create_app
from tests.stores.freshstore_helpers import client_for

# (method, template, concrete path, json body, expected status, envelope kind)
# kind: "list" (data+links+meta), "data" ({"data": ...}), "message", "none" (204)
ENDPOINTS: list[tuple[str, str, str, Any, int, str]] = [
    ("GET", "/api/store/status", "/api/store/status", None, 200, "data"),
    ("GET", "/api/store/info", "/api/store/info", None, 200, "data"),
    ("GET", "/api/store/stats", "/api/store/stats", None, 200, "data"),
    ("GET", "/api/store/warnings", "/api/store/warnings", None, 200, "data"),
    ("GET", "/api/store/locales", "/api/store/locales", None, 200, "data"),
    ("POST", "/api/store/clean", "/api/store/clean", {"operations": ["empty_brands"]}, 200, "data"),
    (
        "POST",
        "/api/store/regenerate-stock-texts",
        "/api/store/regenerate-stock-texts",
        None,
        200,
        "data",
    ),
    (
        "POST",
        "/api/store/pick-logo-icon",
        "/api/store/pick-logo-icon",
        {"niche": "bees"},
        200,
        "data",
    ),
    ("POST", "/api/store/generate-logo", "/api/store/generate-logo", {"niche": "tea"}, 200, "data"),
    ("GET", "/api/users", "/api/users", None, 200, "list"),
    ("POST", "/api/users", "/api/users", {"email": "new.person@example.com"}, 201, "data"),
    (
        "GET",
        "/api/users/login-link",
        "/api/users/login-link?email=jane.doe@example.com",
        None,
        200,
        "data",
    ),
    ("GET", "/api/users/{id}", "/api/users/2", None, 200, "data"),
    ("PATCH", "/api/users/{id}", "/api/users/3", {"first_name": "Ana"}, 200, "data"),
    ("GET", "/api/settings", "/api/settings", None, 200, "data"),
    ("PATCH", "/api/settings", "/api/settings", {"product_show_reviews": False}, 200, "message"),
    ("GET", "/api/settings/{group}", "/api/settings/xml-sitemap", None, 200, "data"),
    (
        "PATCH",
        "/api/settings/{group}",
        "/api/settings/social",
        {"x_url": "https://x.com/f"},
        200,
        "message",
    ),
    ("GET", "/api/products", "/api/products", None, 200, "list"),
    ("POST", "/api/products", "/api/products", {"title": "Table Lamp", "brand_id": 2}, 201, "data"),
    ("GET", "/api/products/{id}", "/api/products/1", None, 200, "data"),
    ("PATCH", "/api/products/{id}", "/api/products/2", {"subtitle": "New"}, 200, "data"),
    ("DELETE", "/api/products/{id}", "/api/products/150", None, 204, "none"),
    ("GET", "/api/products/{id}/offers", "/api/products/1/offers", None, 200, "list"),
    ("GET", "/api/products/{id}/categories", "/api/products/1/categories", None, 200, "data"),
    (
        "POST",
        "/api/products/{id}/categories",
        "/api/products/3/categories",
        {"category_ids": [1]},
        200,
        "data",
    ),
    ("GET", "/api/products/{id}/analytics", "/api/products/1/analytics", None, 200, "data"),
    ("GET", "/api/offers/merchants", "/api/offers/merchants", None, 200, "data"),
    ("GET", "/api/offers", "/api/offers", None, 200, "list"),
    (
        "POST",
        "/api/offers",
        "/api/offers",
        {
            "merchant": "amazon",
            "merchant_offer_id": "B0GR52QJCF",
            "title": "Amazon Product",
            "url_detail": "https://www.amazon.com/dp/B0GR52QJCF",
        },
        201,
        "data",
    ),
    ("GET", "/api/offers/{id}", "/api/offers/1", None, 200, "data"),
    ("PATCH", "/api/offers/{id}", "/api/offers/2", {"price": 10.5}, 200, "data"),
    ("DELETE", "/api/offers/{id}", "/api/offers/300", None, 204, "none"),
    (
        "POST",
        "/api/offers/{id}/products",
        "/api/offers/4/products",
        {"product_ids": [4, 5]},
        200,
        "data",
    ),
    ("GET", "/api/categories/tree", "/api/categories/tree", None, 200, "data"),
    ("GET", "/api/categories", "/api/categories", None, 200, "list"),
    (
        "POST",
        "/api/categories",
        "/api/categories",
        {"title": "Gadgets", "parent_id": 1},
        201,
        "data",
    ),
    ("GET", "/api/categories/{id}", "/api/categories/1", None, 200, "data"),
    ("PATCH", "/api/categories/{id}", "/api/categories/2", {"sort_order": 3}, 200, "data"),
    ("DELETE", "/api/categories/{id}", "/api/categories/40", None, 204, "none"),
    ("GET", "/api/categories/{id}/products", "/api/categories/1/products", None, 200, "list"),
    ("GET", "/api/brands", "/api/brands", None, 200, "list"),
    ("POST", "/api/brands", "/api/brands", {"title": "Acme"}, 201, "data"),
    ("GET", "/api/brands/{id}", "/api/brands/1", None, 200, "data"),
    ("PATCH", "/api/brands/{id}", "/api/brands/2", {"subtitle": "Best"}, 200, "data"),
    ("DELETE", "/api/brands/{id}", "/api/brands/20", None, 204, "none"),
    ("GET", "/api/brands/{id}/products", "/api/brands/1/products", None, 200, "list"),
    ("POST", "/api/brands/clean", "/api/brands/clean", {"niche": "kitchen"}, 200, "data"),
    ("GET", "/api/articles", "/api/articles", None, 200, "list"),
    ("POST", "/api/articles", "/api/articles", {"title": "Tea 101"}, 201, "data"),
    ("GET", "/api/articles/{id}", "/api/articles/1", None, 200, "data"),
    ("PATCH", "/api/articles/{id}", "/api/articles/2", {"enabled": False}, 200, "data"),
    ("DELETE", "/api/articles/{id}", "/api/articles/40", None, 204, "none"),
    (
        "POST",
        "/api/articles/{id}/fill-empty-images",
        "/api/articles/3/fill-empty-images",
        None,
        200,
        "data",
    ),
    ("GET", "/api/article-categories", "/api/article-categories", None, 200, "list"),
    ("POST", "/api/article-categories", "/api/article-categories", {"title": "Tips"}, 201, "data"),
    ("GET", "/api/article-categories/{id}", "/api/article-categories/1", None, 200, "data"),
    (
        "PATCH",
        "/api/article-categories/{id}",
        "/api/article-categories/2",
        {"enabled": False},
        200,
        "data",
    ),
    ("DELETE", "/api/article-categories/{id}", "/api/article-categories/8", None, 204, "none"),
    ("GET", "/api/pages", "/api/pages", None, 200, "list"),
    ("POST", "/api/pages", "/api/pages", {"title": "FAQ"}, 201, "data"),
    ("GET", "/api/pages/{id}", "/api/pages/1", None, 200, "data"),
    ("PATCH", "/api/pages/{id}", "/api/pages/2", {"subtitle": "Who we are"}, 200, "data"),
    ("DELETE", "/api/pages/{id}", "/api/pages/8", None, 204, "none"),
    ("GET", "/api/analytics/visits/summary", "/api/analytics/visits/summary", None, 200, "data"),
    ("GET", "/api/analytics/visits", "/api/analytics/visits", None, 200, "list"),
    ("GET", "/api/analytics/visitors", "/api/analytics/visitors", None, 200, "list"),
    ("GET", "/api/analytics/visitors/{id}", "/api/analytics/visitors/1", None, 200, "data"),
    ("GET", "/api/analytics/pages", "/api/analytics/pages", None, 200, "list"),
    ("GET", "/api/analytics/countries", "/api/analytics/countries", None, 200, "list"),
    ("GET", "/api/analytics/devices", "/api/analytics/devices", None, 200, "list"),
    ("GET", "/api/analytics/sources", "/api/analytics/sources", None, 200, "list"),
    ("GET", "/api/analytics/clicks/summary", "/api/analytics/clicks/summary", None, 200, "data"),
    ("GET", "/api/analytics/clicks", "/api/analytics/clicks", None, 200, "list"),
    (
        "GET",
        "/api/analytics/checkouts/summary",
        "/api/analytics/checkouts/summary",
        None,
        200,
        "data",
    ),
    ("GET", "/api/analytics/checkouts", "/api/analytics/checkouts", None, 200, "list"),
    ("GET", "/api/analytics/actions", "/api/analytics/actions", None, 200, "list"),
    ("GET", "/api/data/openai-tokens", "/api/data/openai-tokens", None, 200, "data"),
    ("GET", "/api/data/stats", "/api/data/stats", None, 200, "data"),
    (
        "POST",
        "/api/products/import-links",
        "/api/products/import-links",
        {"links": ["B0TABLE001"]},
        202,
        "data",
    ),
    (
        "POST",
        "/api/categories/fill",
        "/api/categories/fill",
        {"categories": [3], "api_name": "ebay", "locale": "us", "quantity": 1},
        202,
        "data",
    ),
    (
        "POST",
        "/api/categories/generate-list",
        "/api/categories/generate-list",
        {"niche": "tea"},
        200,
        "data",
    ),
    (
        "POST",
        "/api/articles/generate-topics",
        "/api/articles/generate-topics",
        {"count": 2},
        200,
        "data",
    ),
]

APP = create_app()


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with client_for(APP) as c:
        await c.post("/__sim/reset")  # fresh rate-limit windows; the data carries on
        yield c


def test_served_routes_are_exactly_the_seed_table() -> None:
    served = {
        (method.upper(), path)
        for path, operations in APP.openapi()["paths"].items()
        for method in operations
    }
    documented = {(method, template) for method, template, *_ in ENDPOINTS}
    assert served == documented
    assert len(ENDPOINTS) == len(documented) == 83


@pytest.mark.parametrize(
    ("method", "template", "path", "body", "status", "kind"),
    ENDPOINTS,
    ids=[f"{m} {t}" for m, t, *_ in ENDPOINTS],
)
async def test_endpoint_answers_with_documented_status_and_envelope(
    client: httpx.AsyncClient,
    method: str,
    template: str,
    path: str,
    body: Any,
    status: int,
    kind: str,
) -> None:
    response = await client.request(method, path, json=body)
    assert response.status_code == status, response.text
    assert "etag" not in response.headers and "cache-control" not in response.headers
    if kind == "none":
        assert response.content == b""
        return
    payload = response.json()
    if kind == "message":
        assert payload == {"message": "Settings saved successfully."}
    elif kind == "list":
        assert set(payload) == {"data", "links", "meta"}
        assert isinstance(payload["data"], list) and payload["data"]
        assert set(payload["meta"]) == {
            "current_page",
            "from",
            "last_page",
            "per_page",
            "to",
            "total",
        }
    else:
        assert set(payload) == {"data"}
    stats = (await client.get("/__sim/stats")).json()
    assert stats["routes"] == {f"{method} {template}": 1}
