"""Rewards store: endpoint table, envelopes, auth, errors, limits, control API,
determinism, caching."""

from __future__ import annotations

from typing import Any

import pytest

from stores.rewards import create_app
from tests.stores.rewards_support import READ, SEED, STORE, client_for, redeemable, user

USER1_ORDER = min(
    o["id"] for o in SEED.collection("order").values() if o["livelikeUserId"] == "user-001"
)
USER2_ORDER = min(
    o["id"] for o in SEED.collection("order").values() if o["livelikeUserId"] == "user-002"
)
CHEAP = redeemable(SEED, 1)

# method, path template, sample path, headers, body, expected status
ENDPOINTS: list[tuple[str, str, str, dict[str, str], Any, int]] = [
    ("GET", "/api/products", "/api/products?populate=*", {}, None, 200),
    ("GET", "/api/products/{id}", "/api/products/1?populate=*", {}, None, 200),
    ("GET", "/api/categories", "/api/categories?sort=categorySequence:asc", {}, None, 200),
    ("GET", "/api/categories/{id}", "/api/categories/1", {}, None, 200),
    ("GET", "/api/orders", "/api/orders?populate=*&sort=createdAt:desc", user(1), None, 200),
    ("GET", "/api/orders/{id}", f"/api/orders/{USER1_ORDER}", user(1), None, 200),
    ("POST", "/api/redeem", "/api/redeem", user(1), {"productId": CHEAP["id"]}, 200),
    ("GET", "/api/reward-items", "/api/reward-items", {}, None, 200),
    ("GET", "/api/reward-items/{id}", "/api/reward-items/1", {}, None, 200),
    ("GET", "/api/badges", "/api/badges", {}, None, 200),
    ("GET", "/api/badges/{id}", "/api/badges/1", {}, None, 200),
    ("GET", "/api/refunds", "/api/refunds?populate=*", STORE, None, 200),
    ("GET", "/api/refunds/{id}", "/api/refunds/1?populate=*", STORE, None, 200),
]


@pytest.fixture
async def client():
    async with client_for(create_app()) as c:
        yield c


@pytest.mark.parametrize(("method", "template", "path", "headers", "body", "status"), ENDPOINTS)
async def test_every_endpoint_answers_its_envelope(
    client, method: str, template: str, path: str, headers: dict, body: Any, status: int
) -> None:
    response = await client.request(method, path, headers=headers, json=body)
    assert response.status_code == status, response.text
    payload = response.json()
    assert response.headers["x-ratelimit-limit"] == "300"
    if method == "POST":
        assert set(payload) == {"order", "userRewardPoints"}
    elif template.endswith("{id}"):
        assert payload["meta"] == {}
        assert set(payload["data"]) == {"id", "attributes"}
    else:
        assert isinstance(payload["data"], list) and payload["data"]
        assert set(payload["meta"]["pagination"]) == {"page", "pageSize", "pageCount", "total"}


def test_openapi_paths_are_exactly_the_table() -> None:
    spec = create_app().openapi()["paths"]
    served = {(m.upper(), p) for p, ops in spec.items() for m in ops}
    assert served == {(method, template) for method, template, *_ in ENDPOINTS}


async def test_single_entry_shape_matches_the_seed_example(client) -> None:
    body = (await client.get("/api/products/1?populate=*")).json()
    attrs = body["data"]["attributes"]
    assert attrs["name"] == "Aurora Wireless Noise-Cancelling Headphones"
    assert attrs["description"][0]["type"] == "paragraph"
    assert attrs["productImage"]["data"]["attributes"]["url"] == "/uploads/product_1.jpg"
    assert attrs["categories"]["data"][0]["attributes"]["name"] == "Electronics"
    assert attrs["reward"]["rewardItemCost"] == 19999
    assert attrs["reward"]["rewardItem"]["data"]["attributes"]["name"] == "Points"
    assert attrs["variants"] == [
        {
            "id": 1,
            "sku": SEED.collection("product")[1]["variants"][0]["sku"],
            "name": attrs["name"],
            "inventoryCount": 40,
        }
    ]
    assert attrs["badge"] == {"data": None}
    assert attrs["sponsor"]["name"] == "Sonora"


AUTH_MATRIX = [
    ("GET", "/api/products", {}, 200),
    ("GET", "/api/products", READ, 200),
    ("GET", "/api/products", {"Authorization": "Bearer nope"}, 401),
    ("GET", "/api/badges/1", {"Authorization": "Basic abc"}, 401),
    ("GET", "/api/orders", {}, 401),
    (
        "GET",
        "/api/orders",
        {"Authorization": "Bearer nope", "livelike-user-token": "llu_demo_user_001"},
        401,
    ),
    ("GET", "/api/orders", STORE, 401),
    ("GET", "/api/orders", {**STORE, "livelike-user-token": "llu_nobody"}, 401),
    ("GET", "/api/orders", user(1, READ), 200),
    ("POST", "/api/redeem", {"livelike-user-token": "llu_demo_user_001"}, 401),
    ("POST", "/api/redeem", STORE, 401),
    ("POST", "/api/redeem", user(1, READ), 403),
    ("GET", "/api/refunds", {}, 401),
    ("GET", "/api/refunds", READ, 200),
    ("GET", "/api/refunds", {**STORE, "livelike-user-token": "llu_nobody"}, 401),
]


@pytest.mark.parametrize(("method", "path", "headers", "status"), AUTH_MATRIX)
async def test_auth_matrix(client, method: str, path: str, headers: dict, status: int) -> None:
    body = {"productId": CHEAP["id"]} if method == "POST" else None
    response = await client.request(method, path, headers=headers, json=body)
    assert response.status_code == status
    if status >= 400:
        error = response.json()["error"]
        assert response.json()["data"] is None
        assert error["name"] == {401: "UnauthorizedError", 403: "ForbiddenError"}[status]
        assert error["status"] == status


async def test_missing_user_token_says_so(client) -> None:
    response = await client.get("/api/orders", headers=STORE)
    assert response.json()["error"]["message"] == "Missing livelike-user-token header"


async def test_not_found_bodies(client) -> None:
    for path in ("/api/products/999", "/api/products/abc", "/api/nothing", "/api/badges/0"):
        response = await client.get(path)
        assert response.status_code == 404
        assert response.json() == {
            "data": None,
            "error": {
                "status": 404,
                "name": "NotFoundError",
                "message": "Not Found",
                "details": {},
            },
        }


async def test_method_not_allowed_uses_the_store_body(client) -> None:
    response = await client.post("/api/products", json={})
    assert response.status_code == 405
    assert response.json()["error"]["name"] == "MethodNotAllowedError"


async def test_bad_query_is_400_bad_request(client) -> None:
    response = await client.get("/api/products?filters[price][$eq]=1")
    assert response.status_code == 400
    assert response.json() == {
        "data": None,
        "error": {
            "status": 400,
            "name": "BadRequestError",
            "message": 'Invalid key "price" in filters: product has no such field',
            "details": {},
        },
    }


async def test_body_validation_lists_the_field(client) -> None:
    response = await client.post(
        "/api/redeem", headers=user(1), json={"productId": 1, "quantity": 1.5}
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["name"] == "BadRequestError"
    assert error["details"]["errors"][0]["path"] == ["quantity"]
    assert error["details"]["errors"][0]["name"] == "ValidationError"


async def test_rate_limit_answers_429_with_headers(client) -> None:
    await client.put("/__sim/config", json={"rate_limit": {"limit": 2, "window_s": 30}})
    for _ in range(2):
        ok = await client.get("/api/badges", headers=STORE)
        assert ok.status_code == 200
    over = await client.get("/api/badges", headers=STORE)
    assert over.status_code == 429
    assert over.json()["error"] == {
        "status": 429,
        "name": "RateLimitError",
        "message": "Too many requests, please try again later.",
        "details": {},
    }
    assert over.headers["x-ratelimit-limit"] == "2"
    assert over.headers["x-ratelimit-remaining"] == "0"
    assert int(over.headers["retry-after"]) >= 1
    # another credential has its own window
    assert (await client.get("/api/badges", headers=READ)).status_code == 200


async def test_injected_faults_render_application_error(client) -> None:
    await client.put("/__sim/config", json={"fail_next": {"count": 1, "status": 503}})
    response = await client.get("/api/products")
    assert response.status_code == 503
    assert response.json()["error"]["name"] == "ApplicationError"


async def test_stats_count_route_templates(client) -> None:
    await client.get("/api/products/1")
    await client.get("/api/products/2")
    await client.get("/api/orders", headers=user(1))
    stats = (await client.get("/__sim/stats")).json()
    assert stats["routes"] == {"GET /api/products/{id}": 2, "GET /api/orders": 1}


async def test_control_false_hides_sim() -> None:
    async with client_for(create_app(control=False)) as c:
        assert (await c.get("/__sim/stats")).status_code == 404
        assert (await c.get("/api/products")).status_code == 200


async def test_two_apps_give_identical_pages() -> None:
    pages = []
    for _ in range(2):
        async with client_for(create_app()) as c:
            pages.append((await c.get("/api/products?populate=*&pagination[pageSize]=100")).json())
    assert pages[0] == pages[1]


async def test_credentials(client) -> None:
    creds = (await client.get("/__sim/credentials")).json()
    assert creds["api_key"] == "rw_demo_store_token"
    assert creds["keys"] == {"full": "rw_demo_store_token", "read": "rw_demo_read_token"}
    assert len(creds["users"]) == 12
    assert creds["users"][0] == {"id": "user-001", "token": "llu_demo_user_001", "balance": 250000}


async def test_writes_persist_and_reset_restores(client) -> None:
    before = (await client.get("/api/orders?pagination[pageSize]=100", headers=user(1))).json()
    redeem = await client.post("/api/redeem", headers=user(1), json={"productId": CHEAP["id"]})
    assert redeem.status_code == 200
    after = (await client.get("/api/orders?pagination[pageSize]=100", headers=user(1))).json()
    assert after["meta"]["pagination"]["total"] == before["meta"]["pagination"]["total"] + 1
    await client.post("/__sim/reset?data=true")
    restored = (await client.get("/api/orders?pagination[pageSize]=100", headers=user(1))).json()
    assert restored == before
    product = (await client.get(f"/api/products/{CHEAP['id']}")).json()
    assert product["data"]["attributes"]["inventoryCount"] == CHEAP["inventoryCount"]


async def test_etag_and_cache_control(client) -> None:
    first = await client.get("/api/products/1")
    assert first.headers["cache-control"] == "public, max-age=60"
    again = await client.get("/api/products/1", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304
    assert again.content == b""
    orders = await client.get("/api/orders", headers=user(1))
    assert orders.headers["cache-control"] == "private, no-cache"
    cached = await client.get(
        "/api/orders", headers={**user(1), "If-None-Match": orders.headers["etag"]}
    )
    assert cached.status_code == 304
    await client.post("/api/redeem", headers=user(1), json={"productId": CHEAP["id"]})
    changed = await client.get(
        "/api/orders", headers={**user(1), "If-None-Match": orders.headers["etag"]}
    )
    assert changed.status_code == 200
