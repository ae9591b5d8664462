"""FreshStore behaviour a client notices: the WAF, keys and permissions, rate
limits, pagination, include=, filters, validation bodies, background jobs, the
Store Cleaner, soft deletes, settings, determinism and the control API."""

from __future__ import annotations

import httpx
import pytest

from stores.common.shared_items import items_for
from stores.freshstore import create_app
from stores.freshstore.jobs import amazon_item
from tests.stores.freshstore_helpers import (
    CATALOG_READ,
    FULL,
    PRODUCTS_READ,
    READ,
    WRITE,
    auth,
    client_for,
    poll,
)

WAF_BODY = {"message": "Request blocked by WAF: a browser User-Agent is required."}
NOT_FOUND = {"message": "The API resource was not found"}


# -- WAF ---------------------------------------------------------------------------
@pytest.mark.parametrize("agent", ["curl/8.5.0", "python-httpx/0.27.0", "", None])
async def test_waf_blocks_generic_and_empty_user_agents_before_auth(agent: str | None) -> None:
    app = create_app()
    transport = httpx.ASGITransport(app)
    async with httpx.AsyncClient(transport=transport, base_url="http://freshstore") as client:
        headers = {**auth(FULL), "User-Agent": agent or ""}
        if agent is None:
            client.headers.pop("user-agent")
            headers.pop("User-Agent")
        for path in ("/api/store/status", "/api/products"):
            response = await client.get(path, headers=headers)
            assert response.status_code == 403
            assert response.json() == WAF_BODY
            assert "x-ratelimit-limit" not in response.headers
        assert (await client.get("/__sim/stats")).json()["total"] == 0


async def test_browser_user_agent_passes_and_status_needs_no_key() -> None:
    async with client_for(create_app(), key=None) as client:
        response = await client.get("/api/store/status")
        assert response.status_code == 200
        assert response.json() == {"data": {"up": True}}
        assert response.headers["x-ratelimit-limit"] == "60"


# -- auth and permissions ----------------------------------------------------------
async def test_missing_or_unknown_key_is_401_unauthorized() -> None:
    async with client_for(create_app(), key=None) as client:
        missing = await client.get("/api/products")
        unknown = await client.get("/api/products", headers=auth("nope"))
    for response in (missing, unknown):
        assert response.status_code == 401
        assert response.json() == "Unauthorized."


PERMISSIONS = [
    (READ, "GET", "/api/products", None, 200, None),
    (READ, "GET", "/api/analytics/visits", None, 200, None),
    (READ, "POST", "/api/brands", {"title": "X"}, 403, "This token does not have write access."),
    (READ, "DELETE", "/api/products/1", None, 403, "This token does not have write access."),
    (WRITE, "POST", "/api/brands", {"title": "X"}, 201, None),
    (WRITE, "GET", "/api/products", None, 403, "This token does not have read access."),
    (PRODUCTS_READ, "GET", "/api/products/1", None, 200, None),
    (
        PRODUCTS_READ,
        "GET",
        "/api/offers",
        None,
        403,
        "This token does not have offers:read access.",
    ),
    (
        PRODUCTS_READ,
        "PATCH",
        "/api/products/1",
        {"title": "Y"},
        403,
        "This token does not have products:write access.",
    ),
    (CATALOG_READ, "GET", "/api/offers/1", None, 200, None),
    (CATALOG_READ, "GET", "/api/brands/1/products", None, 200, None),
    (CATALOG_READ, "GET", "/api/categories/tree", None, 200, None),
    (
        CATALOG_READ,
        "GET",
        "/api/analytics/visits",
        None,
        403,
        "This token does not have analytics:read access.",
    ),
    (
        CATALOG_READ,
        "GET",
        "/api/settings",
        None,
        403,
        "This token does not have settings:read access.",
    ),
    (
        CATALOG_READ,
        "POST",
        "/api/categories/fill",
        {"api_name": "amazon", "locale": "us"},
        403,
        "This token does not have categories:write access.",
    ),
    (FULL, "GET", "/api/settings", None, 200, None),
    (FULL, "POST", "/api/brands", {"title": "X"}, 201, None),
]


@pytest.mark.parametrize(("key", "method", "path", "body", "status", "message"), PERMISSIONS)
async def test_each_key_is_held_to_its_permissions(
    key: str, method: str, path: str, body: object, status: int, message: str | None
) -> None:
    async with client_for(create_app(), key=key) as client:
        response = await client.request(method, path, json=body)
    assert response.status_code == status, response.text
    if message:
        assert response.json() == {"message": message}


async def test_credentials_list_every_demo_key() -> None:
    async with client_for(create_app()) as client:
        creds = (await client.get("/__sim/credentials")).json()
    assert creds == {
        "api_key": FULL,
        "keys": {
            "full": FULL,
            "read": READ,
            "write": WRITE,
            "products:read": PRODUCTS_READ,
            "catalog:read": CATALOG_READ,
        },
    }


# -- rate limits and control API ------------------------------------------------------
async def test_rate_limit_answers_429_with_headers_and_store_body() -> None:
    async with client_for(create_app()) as client:
        await client.put("/__sim/config", json={"rate_limit": {"limit": 2, "window_s": 60}})
        first = await client.get("/api/products/1")
        assert first.headers["x-ratelimit-remaining"] == "1"
        await client.get("/api/products/2")
        over = await client.get("/api/products/3")
        assert over.status_code == 429
        assert over.json() == {"message": "Too Many Attempts."}
        assert over.headers["x-ratelimit-limit"] == "2"
        assert over.headers["x-ratelimit-remaining"] == "0"
        assert int(over.headers["retry-after"]) >= 1
        other_key = await client.get("/api/products/3", headers=auth(READ))
        assert other_key.status_code == 200  # budgets are per key
        stats = (await client.get("/__sim/stats")).json()
        assert stats["routes"] == {"GET /api/products/{id}": 4}


async def test_control_false_hides_sim_api() -> None:
    async with client_for(create_app(control=False)) as client:
        assert (await client.get("/__sim/stats")).status_code == 404
        assert (await client.get("/api/store/info")).status_code == 200


async def test_two_apps_serve_identical_first_pages() -> None:
    pages = []
    for _ in range(2):
        async with client_for(create_app()) as client:
            response = await client.get("/api/products", params={"include": "offers,brand"})
            pages.append(response.json())
    assert pages[0] == pages[1]


# -- pagination, include, filters -------------------------------------------------------
async def test_pagination_meta_and_links_follow_the_request_url() -> None:
    async with client_for(create_app()) as client:
        body = (
            await client.get(
                "/api/offers", params={"per_page": 10, "page": 2, "merchant": "amazon"}
            )
        ).json()
        meta, links = body["meta"], body["links"]
        total = meta["total"]
        assert total > 200 and len(body["data"]) == 10
        assert meta == {
            "current_page": 2,
            "from": 11,
            "last_page": -(-total // 10),
            "per_page": 10,
            "to": 20,
            "total": total,
        }
        assert links["prev"] == "http://freshstore/api/offers?per_page=10&merchant=amazon&page=1"
        assert links["next"] == "http://freshstore/api/offers?per_page=10&merchant=amazon&page=3"
        assert links["first"].endswith("merchant=amazon&page=1")
        assert links["last"].endswith(f"merchant=amazon&page={meta['last_page']}")
        beyond = (await client.get("/api/offers", params={"page": 999})).json()
        assert beyond["data"] == [] and beyond["meta"]["from"] is None
        assert beyond["links"]["next"] is None
        default = (await client.get("/api/products")).json()["meta"]
        assert default["per_page"] == 15 and default["total"] >= 200
        too_big = await client.get("/api/products", params={"per_page": 101})
        assert too_big.status_code == 422
        assert too_big.json() == {
            "message": "The per page field must not be greater than 100.",
            "errors": {"per_page": ["The per page field must not be greater than 100."]},
        }


async def test_include_loads_relations_only_when_asked() -> None:
    async with client_for(create_app()) as client:
        plain = (await client.get("/api/products/1")).json()["data"]
        assert not {"brand", "offers", "categories"} & set(plain)
        full = (
            await client.get("/api/products/1", params={"include": "brand,offers,categories"})
        ).json()
        data = full["data"]
        assert data["brand"]["id"] == plain["brand_id"] and data["brand"]["title"] == "Sonora"
        assert data["offers"] and all("merchant_offer_id" in o for o in data["offers"])
        assert {c["title"] for c in data["categories"]} == {"Electronics", "Headphones"}
        listed = (
            await client.get("/api/products", params={"include": "brand", "per_page": 3})
        ).json()
        assert all("brand" in p and "offers" not in p for p in listed["data"])
        bad = await client.get("/api/products", params={"include": "brand,reviews"})
        assert bad.status_code == 422
        assert list(bad.json()["errors"]) == ["include"]


async def test_product_filters_and_sorting() -> None:
    async with client_for(create_app()) as client:
        by_brand = (
            await client.get("/api/products", params={"brand_id": 1, "per_page": 100})
        ).json()
        assert by_brand["data"] and all(p["brand_id"] == 1 for p in by_brand["data"])
        by_cat = (
            await client.get("/api/products", params={"category_id": 1, "include": "categories"})
        ).json()
        assert all(1 in [c["id"] for c in p["categories"]] for p in by_cat["data"])
        found = (await client.get("/api/products", params={"search": "matcha"})).json()["data"]
        assert [p["title"] for p in found] == ["Ceremonial Matcha 30g"]
        titles = [
            p["title"]
            for p in (
                await client.get("/api/products", params={"sort_by": "title", "sort_dir": "asc"})
            ).json()["data"]
        ]
        assert titles == sorted(titles)
        disabled = (await client.get("/api/products", params={"enabled": "false"})).json()["data"]
        assert disabled and not any(p["enabled"] for p in disabled)
        bad = await client.get("/api/products", params={"sort_by": "password"})
        assert bad.json()["errors"] == {"sort_by": ["The selected sort by is invalid."]}
        offers = (await client.get("/api/offers", params={"product_id": 1})).json()["data"]
        assert offers and offers[0]["price"] == 199.99


async def test_shared_items_carry_their_identifiers() -> None:
    async with client_for(create_app()) as client:
        for item in items_for("freshstore")[:5]:
            hits = (await client.get("/api/products", params={"search": item.name})).json()["data"]
            product = next(p for p in hits if p["title"] == item.name)
            assert (product["upc"], product["ean"], product["mpn"]) == (
                item.upc,
                item.ean,
                item.mpn,
            )


async def test_category_tree_is_nested_and_parent_filter_finds_roots() -> None:
    async with client_for(create_app()) as client:
        tree = (await client.get("/api/categories/tree")).json()["data"]
        electronics = tree[0]
        assert electronics["title"] == "Electronics"
        assert electronics["children"][0]["children"][0]["title"] == "Headphones"
        roots = (await client.get("/api/categories", params={"parent_id": ""})).json()
        assert {c["title"] for c in roots["data"]} == {n["title"] for n in tree}
        products = (await client.get("/api/categories/3/products", params={"per_page": 2})).json()
        assert products["meta"]["per_page"] == 2 and products["meta"]["total"] > 2


# -- validation, 404, writes --------------------------------------------------------------
async def test_validation_errors_use_laravel_body_and_change_nothing() -> None:
    async with client_for(create_app()) as client:
        before = (await client.get("/api/store/stats")).json()
        response = await client.post("/api/products", json={"meta_title": "x" * 256, "brand_id": 1})
        assert response.status_code == 422
        assert response.json() == {
            "message": "The meta title field must not be greater than 255 characters. "
            "(and 1 more error)",
            "errors": {
                "meta_title": ["The meta title field must not be greater than 255 characters."],
                "title": ["The title field is required."],
            },
        }
        missing_brand = await client.patch(
            "/api/products/1", json={"title": "New", "brand_id": 999}
        )
        assert missing_brand.json()["errors"] == {"brand_id": ["The selected brand id is invalid."]}
        assert (await client.get("/api/products/1")).json()["data"]["title"] != "New"
        fill = await client.post(
            "/api/categories/fill",
            json={"api_name": "shopify", "locale": "us", "categories": [1] * 51},
        )
        assert set(fill.json()["errors"]) == {"api_name", "categories"}
        assert (await client.get("/api/store/stats")).json() == before


async def test_missing_resources_answer_the_documented_404() -> None:
    async with client_for(create_app()) as client:
        for path in (
            "/api/products/99999",
            "/api/brands/abc",
            "/api/settings/nope",
            "/api/nothing",
        ):
            response = await client.get(path)
            assert response.status_code == 404
            assert response.json() == NOT_FOUND


async def test_product_delete_is_soft_and_reset_restores_data() -> None:
    async with client_for(create_app()) as client:
        total = (await client.get("/api/products")).json()["meta"]["total"]
        assert (await client.delete("/api/products/5")).status_code == 204
        assert (await client.get("/api/products/5")).json() == NOT_FOUND
        assert (await client.get("/api/products")).json()["meta"]["total"] == total - 1
        created = await client.post("/api/brands", json={"title": "Acme"})
        assert (await client.get(f"/api/brands/{created.json()['data']['id']}")).status_code == 200
        await client.post("/__sim/reset", params={"data": "true"})
        assert (await client.get("/api/products/5")).status_code == 200
        assert (await client.get("/api/products")).json()["meta"]["total"] == total


async def test_creating_a_user_with_a_known_email_returns_that_user() -> None:
    async with client_for(create_app()) as client:
        existing = await client.post("/api/users", json={"email": "Jane.Doe@example.com"})
        assert existing.status_code == 200 and existing.json()["data"]["id"] == 1
        fresh = await client.post(
            "/api/users", json={"email": "zoe@example.com", "roles": ["editor"]}
        )
        assert fresh.status_code == 201 and fresh.json()["data"]["roles"] == ["editor"]
        bad = await client.post("/api/users", json={"email": "nope", "roles": ["wizard"]})
        assert bad.json()["errors"] == {
            "email": ["The email field must be a valid email address."],
            "roles.0": ["The selected roles.0 is invalid."],
        }


async def test_settings_flat_and_grouped_views_agree() -> None:
    async with client_for(create_app()) as client:
        flat = (await client.get("/api/settings")).json()["data"]
        assert flat["store_name"] == "My Fresh Store" and flat["offers_amazon_enabled"] is True
        saved = await client.patch("/api/settings/store", json={"name": "Renamed", "niche": "tea"})
        assert saved.json() == {"message": "Settings saved successfully."}
        assert (await client.get("/api/settings/store")).json()["data"]["name"] == "Renamed"
        await client.patch("/api/settings", json={"offers_ebay_enabled": False})
        merchants = (await client.get("/api/offers/merchants")).json()["data"]
        assert "ebay" not in merchants and merchants["amazon"] == "Amazon"
        bad = await client.patch("/api/settings", json={"store_live": "yes", "store_bogus": 1})
        assert bad.status_code == 422
        assert set(bad.json()["errors"]) == {"store_live", "store_bogus"}
        assert (await client.get("/api/settings/store")).json()["data"]["live"] is True
        assert (await client.patch("/api/settings/nope", json={})).status_code == 404


# -- background jobs ---------------------------------------------------------------
async def test_fill_lands_in_stock_products_in_the_background() -> None:
    async with client_for(create_app()) as client:

        async def count() -> int:
            return (await client.get("/api/categories/20/products")).json()["meta"]["total"]

        before = await count()
        response = await client.post(
            "/api/categories/fill",
            json={"categories": [20], "api_name": "walmart", "locale": "gb", "quantity": 4},
        )
        assert response.status_code == 202
        assert response.json() == {
            "data": {
                "categories_queued": 1,
                "quantity_per_category": 4,
                "api_name": "walmart",
                "locale": "gb",
            }
        }
        assert await count() == before  # not yet: the job runs a moment later
        await poll(count, lambda n: n == before + 4)
        offers = (
            await client.get("/api/offers", params={"merchant": "walmart", "per_page": 100})
        ).json()
        imported = [o for o in offers["data"] if o["locale"] == "gb"]
        assert len(imported) == 4 and all(o["stock_available"] for o in imported)


async def test_import_links_reports_duplicates_and_imports_out_of_stock_items() -> None:
    async with client_for(create_app()) as client:
        existing = (await client.get("/api/offers", params={"product_id": 1})).json()["data"][0]
        asin = existing["merchant_offer_id"]
        out_of_stock = next(
            f"B0ZZZZ{n:04d}"
            for n in range(1000)
            if not amazon_item(f"B0ZZZZ{n:04d}", "us").in_stock
        )
        links = [f"https://www.amazon.com/dp/{asin}", out_of_stock, "not a link"]
        response = await client.post(
            "/api/products/import-links", json={"links": links, "categories": [2]}
        )
        assert response.status_code == 202
        data = response.json()["data"]
        assert (data["total"], data["importing"], data["duplicates"], data["failed"]) == (
            3,
            1,
            1,
            1,
        )
        assert data["links"][0] == {
            "link": links[0],
            "asin": asin,
            "locale": "us",
            "status": "duplicate",
            "reason": "Product already exists",
            "product_id": 1,
        }

        async def search() -> list[dict]:
            return (
                await client.get(
                    "/api/products", params={"search": out_of_stock, "include": "offers,categories"}
                )
            ).json()["data"]

        products = await poll(search, lambda rows: len(rows) == 1)
        offer = products[0]["offers"][0]
        assert offer["merchant_offer_id"] == out_of_stock and offer["stock_available"] is False
        assert [c["id"] for c in products[0]["categories"]] == [2]
        again = await client.post("/api/products/import-links", json={"links": [out_of_stock]})
        assert again.json()["data"]["links"][0]["status"] == "duplicate"
        too_many = await client.post(
            "/api/products/import-links", json={"links": ["B000000000"] * 101}
        )
        assert too_many.json()["errors"] == {
            "links": ["The links field must not have more than 100 items."]
        }


# -- store cleaner and AI helpers --------------------------------------------------------
async def test_store_clean_really_deletes_what_it_reports() -> None:
    async with client_for(create_app()) as client:
        stats = (await client.get("/api/store/stats")).json()["data"]
        first = (await client.post("/api/store/clean")).json()["data"]["deleted"]
        assert set(first) == {
            "expired_offers",
            "offerless_products",
            "empty_brands",
            "empty_categories",
        }
        assert first["expired_offers"] > 0 and first["offerless_products"] >= 3
        assert first["empty_brands"] >= 1 and first["empty_categories"] >= 1
        after = (await client.get("/api/store/stats")).json()["data"]
        assert after["offers"] == stats["offers"] - first["expired_offers"]
        assert after["products"] == stats["products"] - first["offerless_products"]
        assert after["brands"] == stats["brands"] - first["empty_brands"]
        assert after["categories"] == stats["categories"] - first["empty_categories"]
        again = (await client.post("/api/store/clean")).json()["data"]["deleted"]
        assert again["expired_offers"] == 0 and again["offerless_products"] == 0

        out = await client.get("/api/offers", params={"per_page": 100})
        total_offers = out.json()["meta"]["total"]
        stock = (
            await client.post("/api/store/clean", json={"operations": ["out_of_stock_offers"]})
        ).json()
        removed = stock["data"]["deleted"]
        assert list(removed) == ["out_of_stock_offers"] and removed["out_of_stock_offers"] > 0
        remaining = (await client.get("/api/offers", params={"per_page": 100})).json()["meta"][
            "total"
        ]
        assert remaining == total_offers - removed["out_of_stock_offers"]
        bad = await client.post("/api/store/clean", json={"operations": ["everything"]})
        assert bad.json()["errors"] == {"operations.0": ["The selected operations.0 is invalid."]}


async def test_ai_helpers_are_deterministic_and_change_the_store() -> None:
    async with client_for(create_app()) as client:
        icon = (await client.post("/api/store/pick-logo-icon", json={"niche": "honey bees"})).json()
        assert icon == {"data": {"status": "picked", "picked": "emoji-nature", "label": "Bee"}}
        logo = (await client.post("/api/store/generate-logo", json={"niche": "bees"})).json()
        assert logo == {"data": {"status": "generated"}}
        again = (await client.post("/api/store/generate-logo", json={"niche": "bees"})).json()
        assert again == {"data": {"status": "skipped", "reason": "logo_already_set"}}
        texts = (await client.post("/api/store/regenerate-stock-texts")).json()["data"]
        assert (texts["rewritten"], texts["skipped_customised"]) == (7, 5)
        assert (await client.post("/api/store/regenerate-stock-texts")).json()["data"][
            "rewritten"
        ] == 0
        listing = (
            await client.post(
                "/api/categories/generate-list",
                json={"niche": "vintage cameras", "max_categories": 2, "max_subcategories": 0},
            )
        ).json()
        assert [len(c["subcategories"]) for c in listing["data"]["categories"]] == [3, 3]
        brands = (await client.post("/api/brands/clean", json={"keep_top": 5})).json()["data"]
        assert brands["enabled"] == 5 and brands["deleted"] == 2 and brands["title_fixes"] == 1
        assert (await client.get("/api/brands", params={"enabled": "true"})).json()["meta"][
            "total"
        ] == 5
        filled = (await client.post("/api/articles/2/fill-empty-images")).json()
        assert filled == {"data": {"filled": ["listingImage", "socialImage"]}}
        assert (await client.post("/api/articles/2/fill-empty-images")).json() == {
            "data": {"filled": []}
        }
        tokens = (await client.get("/api/data/openai-tokens")).json()["data"]
        assert tokens["tokens_used"] + tokens["tokens_remaining"] == tokens["tokens_limit"]
        assert tokens["tokens_used"] > 125_000
