"""Catalog products and categories: queries, writes, validation and every 4xx code."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from stores.common.shared_items import items_for
from tests.stores.catalog_support import NEW_PRODUCT, bearer, error_of, store

PRODUCTS = "/api/v1/products"


class Api:
    """A client that sends the writer's token."""

    def __init__(self, client: httpx.AsyncClient, headers: dict[str, str]) -> None:
        self.client = client
        self.headers = headers

    async def get(self, url: str) -> httpx.Response:
        return await self.client.get(url, headers=self.headers)

    async def send(
        self, method: str, url: str, headers: dict[str, str] | None = None, **kwargs: Any
    ) -> httpx.Response:
        headers = {**self.headers, **(headers or {})}
        return await self.client.request(method, url, headers=headers, **kwargs)

    async def items(self, query: str) -> list[dict[str, Any]]:
        response = await self.get(f"{PRODUCTS}?{query}")
        assert response.status_code == 200, response.text
        return response.json()["data"]["items"]

    async def total(self) -> int:
        response = await self.get(f"{PRODUCTS}?limit=1")
        return response.json()["data"]["pagination"]["total"]


@pytest.fixture
async def api() -> AsyncIterator[Api]:
    async with store() as (_, client):
        yield Api(client, await bearer(client))


# -- listing ---------------------------------------------------------------------------


async def test_default_order_is_newest_first(api: Api) -> None:
    items = await api.items("limit=100")
    stamps = [p["created_at"] for p in items]
    assert stamps == sorted(stamps, reverse=True)
    oldest = await api.items("order=asc&limit=1")
    assert oldest[0]["id"] == "prod_100001"


async def test_sort_by_price_and_name(api: Api) -> None:
    cheap = await api.items("sort=price&order=asc&limit=100")
    prices = [p["price"] for p in cheap]
    assert prices == sorted(prices)
    dear = await api.items("sort=price&limit=5")
    assert dear[0]["price"] >= dear[-1]["price"] >= prices[-1]
    names = [p["name"].casefold() for p in await api.items("sort=name&order=asc&limit=50")]
    assert names == sorted(names)
    updated = [p["updated_at"] for p in await api.items("sort=updated_at&limit=50")]
    assert updated == sorted(updated, reverse=True)


async def test_pages_do_not_overlap(api: Api) -> None:
    first = await api.items("limit=50&sort=price&order=asc")
    second = await api.items("limit=50&page=2&sort=price&order=asc")
    assert not {p["id"] for p in first} & {p["id"] for p in second}
    response = await api.get(f"{PRODUCTS}?limit=50&page=2")
    assert response.json()["data"]["pagination"] == {
        "total": 240,
        "page": 2,
        "limit": 50,
        "pages": 5,
        "has_next": True,
        "has_prev": True,
    }


async def test_search_is_case_insensitive_over_name_and_description(api: Api) -> None:
    found = await api.items("search=YOGA&limit=100")
    assert found
    assert all("yoga" in (p["name"] + p["description"]).lower() for p in found)
    by_description = await api.items("search=by%20sonora&limit=100")
    assert by_description
    assert all("by sonora" in p["description"].lower() for p in by_description)
    assert await api.items("search=zzzz-nothing") == []


async def test_status_filter(api: Api) -> None:
    for status in ("active", "draft", "archived"):
        items = await api.items(f"status={status}&limit=100")
        assert items
        assert {p["status"] for p in items} == {status}
    response = await api.get(f"{PRODUCTS}?status=deleted")
    assert response.status_code == 400
    assert error_of(response)["details"][0]["field"] == "status"


async def test_category_filter_is_exact(api: Api) -> None:
    yoga = await api.items("category_id=sports-fitness-yoga&limit=100")
    assert yoga
    assert {p["category"]["id"] for p in yoga} == {"sports-fitness-yoga"}
    assert yoga[0]["category"] == {
        "id": "sports-fitness-yoga",
        "name": "Yoga",
        "parent_id": "sports-fitness",
    }
    fitness = await api.items("category_id=sports-fitness&limit=100")
    assert {p["category"]["id"] for p in fitness} == {"sports-fitness"}
    category = await api.get("/api/v1/categories/sports-fitness")
    assert category.json()["data"]["item"]["product_count"] == len(fitness)


async def test_filters_combine(api: Api) -> None:
    items = await api.items("category_id=home-decor&status=active&search=diffuser&sort=name")
    assert [p["name"] for p in items] == ["Aroma Diffuser Ceramic"]


async def test_limit_over_100_is_a_validation_error(api: Api) -> None:
    response = await api.get(f"{PRODUCTS}?limit=101")
    assert response.status_code == 400
    assert error_of(response) == {
        "code": "validation_error",
        "message": "Request parameter validation failed",
        "details": [{"field": "limit", "message": "Input should be less than or equal to 100"}],
    }
    zero = await api.get(f"{PRODUCTS}?page=0&sort=color")
    assert [d["field"] for d in error_of(zero)["details"]] == ["page", "sort"]


async def test_unknown_category_filter_is_invalid_category_id(api: Api) -> None:
    response = await api.get(f"{PRODUCTS}?category_id=spaceships")
    assert response.status_code == 400
    assert error_of(response) == {
        "code": "invalid_category_id",
        "message": "Category ID is invalid",
        "details": [{"field": "category_id", "message": "Category 'spaceships' does not exist"}],
    }


# -- categories ------------------------------------------------------------------------


async def test_categories_tree_and_parent_filter(api: Api) -> None:
    everything = await api.get("/api/v1/categories?limit=100")
    data = everything.json()["data"]
    categories = data["items"]
    assert data["pagination"]["total"] == len(categories) == 43
    top = [c for c in categories if c["parent_id"] is None]
    assert len(top) == 9
    assert max(c["level"] for c in categories) == 3
    seen: set[str] = set()
    for category in categories:  # parents come before their children
        assert category["parent_id"] is None or category["parent_id"] in seen
        seen.add(category["id"])
    children = await api.get("/api/v1/categories?parent_id=electronics")
    assert [c["id"] for c in children.json()["data"]["items"]] == [
        "electronics-audio",
        "electronics-wearables",
        "electronics-computer-accessories",
        "electronics-mobile-accessories",
    ]
    paged = await api.get("/api/v1/categories?limit=5&page=2")
    assert paged.json()["data"]["pagination"]["pages"] == 9
    assert [c["id"] for c in paged.json()["data"]["items"]] == [c["id"] for c in categories[5:10]]


async def test_unknown_parent_and_category(api: Api) -> None:
    parent = await api.get("/api/v1/categories?parent_id=nowhere")
    assert error_of(parent)["code"] == "invalid_category_id"
    missing = await api.get("/api/v1/categories/nowhere")
    assert missing.status_code == 404
    assert error_of(missing) == {
        "code": "not_found",
        "message": "Resource not found",
        "details": "Category with ID 'nowhere' does not exist",
    }


# -- create ----------------------------------------------------------------------------


async def test_create_fills_documented_defaults(api: Api) -> None:
    body = {
        **NEW_PRODUCT,
        "images": ["https://example.com/a.jpg", "https://example.com/b.jpg"],
        "inventory": 50,
    }
    response = await api.send("POST", PRODUCTS, json=body)
    assert response.status_code == 201
    item = response.json()["data"]["item"]
    assert item["id"] == "prod_100241"
    assert item["currency"] == "USD"
    assert item["status"] == "active"
    assert item["attributes"] == {}
    assert item["inventory"] == {"available": 50, "reserved": 0, "total": 50}
    assert item["category"] == {
        "id": "office-stationery",
        "name": "Stationery",
        "parent_id": "office",
    }
    assert [(i["url"], i["alt"], i["is_primary"]) for i in item["images"]] == [
        ("https://example.com/a.jpg", "Aurora Desk Organizer image 1", True),
        ("https://example.com/b.jpg", "Aurora Desk Organizer image 2", False),
    ]
    assert item["created_at"] == item["updated_at"]
    fetched = await api.get(f"{PRODUCTS}/prod_100241")
    assert fetched.json()["data"]["item"] == item
    newest = await api.items("limit=1")
    assert newest[0]["id"] == "prod_100241"


async def test_create_with_every_field(api: Api) -> None:
    body = {
        **NEW_PRODUCT,
        "currency": "EUR",
        "status": "draft",
        "attributes": {"color": "Natural", "gtin": "4006381333931", "mpn": "AUR-1"},
        "images": [{"url": "http://img.example.com/x.png", "alt": "Top", "is_primary": True}],
    }
    item = (await api.send("POST", PRODUCTS, json=body)).json()["data"]["item"]
    assert item["currency"] == "EUR"
    assert item["status"] == "draft"
    assert item["attributes"]["gtin"] == "4006381333931"
    assert item["images"] == [
        {"url": "http://img.example.com/x.png", "alt": "Top", "is_primary": True}
    ]


async def test_validation_error_lists_every_field(api: Api) -> None:
    response = await api.send(
        "POST", PRODUCTS, json={"price": "cheap", "currency": "usd", "colour": "red"}
    )
    assert response.status_code == 400
    assert error_of(response) == {
        "code": "validation_error",
        "message": "Request parameter validation failed",
        "details": [
            {"field": "name", "message": "Product name is required"},
            {"field": "description", "message": "Product description is required"},
            {"field": "price", "message": "Input should be a valid number"},
            {"field": "currency", "message": "String should match pattern '^[A-Z]{3}$'"},
            {"field": "category_id", "message": "Category ID is required"},
            {"field": "colour", "message": "Unknown field"},
        ],
    }


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "   "}, "name"),
        ({"inventory": 2.5}, "inventory"),
        ({"inventory": "5"}, "inventory"),
        ({"attributes": ["red"]}, "attributes"),
        ({"images": "https://example.com/a.jpg"}, "images"),
        ({"images": [{"href": "https://example.com/a.jpg"}]}, "images.0.url"),
        ({"status": "published"}, "status"),
        ({"price": True}, "price"),
    ],
)
async def test_field_type_errors(api: Api, body: dict[str, Any], field: str) -> None:
    response = await api.send("POST", PRODUCTS, json={**NEW_PRODUCT, **body})
    assert response.status_code == 400
    assert error_of(response)["code"] == "validation_error"
    assert field in [d["field"] for d in error_of(response)["details"]]


async def test_body_must_be_a_json_object(api: Api) -> None:
    listing = await api.send("POST", PRODUCTS, json=[NEW_PRODUCT])
    assert error_of(listing)["details"] == [
        {"field": "body", "message": "Request body must be a JSON object"}
    ]
    empty = await api.send("POST", PRODUCTS)
    assert error_of(empty)["details"] == [{"field": "body", "message": "Request body is required"}]


async def test_malformed_json_is_invalid_json(api: Api) -> None:
    response = await api.send(
        "POST", PRODUCTS, content=b'{"name": "x",}', headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "invalid_json"
    assert error["message"] == "Invalid JSON format"
    assert error["details"].startswith("Request body is not valid JSON")


@pytest.mark.parametrize(
    ("price", "message"),
    [
        (0, "Price must be greater than zero"),
        (-5, "Price must be greater than zero"),
        (10.999, "Price must have at most 2 decimal places"),
        (2_000_000, "Price must be at most 1000000"),
    ],
)
async def test_bad_price_is_invalid_product_data(api: Api, price: float, message: str) -> None:
    response = await api.send("POST", PRODUCTS, json={**NEW_PRODUCT, "price": price})
    assert response.status_code == 400
    assert error_of(response) == {
        "code": "invalid_product_data",
        "message": "Product data is invalid",
        "details": [{"field": "price", "message": message}],
    }


async def test_bad_gtin_and_two_primary_images_are_invalid_product_data(api: Api) -> None:
    images = [
        {"url": "https://example.com/a.jpg", "is_primary": True},
        {"url": "https://example.com/b.jpg", "is_primary": True},
    ]
    body = {**NEW_PRODUCT, "attributes": {"gtin": "4006381333932"}, "images": images}
    response = await api.send("POST", PRODUCTS, json=body)
    assert error_of(response)["code"] == "invalid_product_data"
    assert [d["field"] for d in error_of(response)["details"]] == ["attributes.gtin", "images"]


async def test_negative_inventory_is_inventory_error(api: Api) -> None:
    response = await api.send("POST", PRODUCTS, json={**NEW_PRODUCT, "inventory": -1})
    assert response.status_code == 400
    assert error_of(response) == {
        "code": "inventory_error",
        "message": "Inventory error",
        "details": [{"field": "inventory", "message": "Inventory can't be negative"}],
    }


async def test_unknown_category_is_invalid_category_id(api: Api) -> None:
    response = await api.send("POST", PRODUCTS, json={**NEW_PRODUCT, "category_id": "boats"})
    assert response.status_code == 400
    assert error_of(response) == {
        "code": "invalid_category_id",
        "message": "Category ID is invalid",
        "details": [{"field": "category_id", "message": "Category 'boats' does not exist"}],
    }


@pytest.mark.parametrize(
    "url", ["ftp://example.com/a.jpg", "not a url", "/images/a.jpg", "https://"]
)
async def test_bad_image_url_is_invalid_image_url(api: Api, url: str) -> None:
    images = ["https://example.com/ok.jpg", url]
    response = await api.send("POST", PRODUCTS, json={**NEW_PRODUCT, "images": images})
    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "invalid_image_url"
    assert error["message"] == "Image URL is invalid"
    assert error["details"] == [
        {"field": "images.1.url", "message": f"'{url}' is not an absolute http(s) URL"}
    ]


async def test_duplicate_name_or_gtin_is_409(api: Api) -> None:
    first = await api.send("POST", PRODUCTS, json=NEW_PRODUCT)
    assert first.status_code == 201
    same_name = {**NEW_PRODUCT, "name": "  aurora DESK organizer "}
    response = await api.send("POST", PRODUCTS, json=same_name)
    assert response.status_code == 409
    assert error_of(response) == {
        "code": "duplicate_product",
        "message": "Product already exists",
        "details": [{"field": "name", "message": "Product 'prod_100241' already has this name"}],
    }
    shared = items_for("catalog")[0]
    same_gtin = {**NEW_PRODUCT, "name": "Another watch", "attributes": {"gtin": shared.gtin}}
    clash = await api.send("POST", PRODUCTS, json=same_gtin)
    assert clash.status_code == 409
    assert error_of(clash)["details"][0]["field"] == "attributes.gtin"


async def test_rejected_writes_change_nothing(api: Api) -> None:
    before = await api.get(f"{PRODUCTS}?limit=100")
    bad_bodies = [
        {**NEW_PRODUCT, "price": 0},
        {**NEW_PRODUCT, "inventory": -3},
        {**NEW_PRODUCT, "category_id": "boats"},
        {**NEW_PRODUCT, "images": ["nope"]},
        {**NEW_PRODUCT, "name": "Yoga Mat Pro 6mm"},
    ]
    for body in bad_bodies:
        assert (await api.send("POST", PRODUCTS, json=body)).status_code in (400, 409)
        put = await api.send("PUT", f"{PRODUCTS}/prod_100005", json=body)
        assert put.status_code in (400, 409)
    after = await api.get(f"{PRODUCTS}?limit=100")
    assert after.json()["data"] == before.json()["data"]
    created = await api.send("POST", PRODUCTS, json=NEW_PRODUCT)
    assert created.json()["data"]["item"]["id"] == "prod_100241"  # no number was spent


# -- update and delete -------------------------------------------------------------------


async def test_put_changes_only_the_fields_sent(api: Api) -> None:
    url = f"{PRODUCTS}/prod_100010"
    before = (await api.get(url)).json()["data"]["item"]
    response = await api.send("PUT", url, json={"price": 19.99, "status": "archived"})
    assert response.status_code == 200
    after = response.json()["data"]["item"]
    assert after["price"] == 19.99
    assert after["status"] == "archived"
    assert after["updated_at"] > before["updated_at"]
    unchanged = {k: v for k, v in after.items() if k not in ("price", "status", "updated_at")}
    assert unchanged == {
        k: v for k, v in before.items() if k not in ("price", "status", "updated_at")
    }
    assert (await api.get(url)).json()["data"]["item"] == after


async def test_put_inventory_keeps_reserved_units(api: Api) -> None:
    products = await api.items("limit=100")
    product = next(p for p in products if p["inventory"]["reserved"] > 0)
    reserved = product["inventory"]["reserved"]
    url = f"{PRODUCTS}/{product['id']}"
    ok = await api.send("PUT", url, json={"inventory": reserved + 10})
    assert ok.json()["data"]["item"]["inventory"] == {
        "available": 10,
        "reserved": reserved,
        "total": reserved + 10,
    }
    below = await api.send("PUT", url, json={"inventory": reserved - 1})
    assert below.status_code == 400
    assert error_of(below)["code"] == "inventory_error"
    assert error_of(below)["details"] == [
        {
            "field": "inventory",
            "message": f"Inventory can't be below the {reserved} units already reserved",
        }
    ]


async def test_put_validates_like_create(api: Api) -> None:
    url = f"{PRODUCTS}/prod_100010"
    current = (await api.get(url)).json()["data"]["item"]
    same_name = await api.send("PUT", url, json={"name": current["name"].upper()})
    assert same_name.status_code == 200  # its own name is no duplicate
    other = (await api.get(f"{PRODUCTS}/prod_100011")).json()["data"]["item"]
    clash = await api.send("PUT", url, json={"name": other["name"]})
    assert clash.status_code == 409
    null = await api.send("PUT", url, json={"price": None})
    assert error_of(null)["details"] == [{"field": "price", "message": "May not be null"}]
    category = await api.send("PUT", url, json={"category_id": "boats"})
    assert error_of(category)["code"] == "invalid_category_id"
    moved = await api.send("PUT", url, json={"category_id": "toys-plush"})
    assert moved.json()["data"]["item"]["category"]["name"] == "Plush Toys"
    empty = await api.send("PUT", url, json={})
    assert empty.status_code == 200


async def test_unknown_product_is_not_found(api: Api) -> None:
    for method, body in (("GET", None), ("PUT", {"price": 1.0}), ("DELETE", None)):
        response = await api.send(method, f"{PRODUCTS}/prod_999999", json=body)
        assert response.status_code == 404
        assert error_of(response) == {
            "code": "not_found",
            "message": "Resource not found",
            "details": "Product with ID 'prod_999999' does not exist",
        }


async def test_delete_removes_the_product(api: Api) -> None:
    url = f"{PRODUCTS}/prod_100020"
    response = await api.send("DELETE", url)
    assert response.status_code == 200
    assert response.json()["data"] == {"id": "prod_100020", "deleted": True}
    assert (await api.get(url)).status_code == 404
    assert (await api.send("DELETE", url)).status_code == 404
    assert await api.total() == 239
    created = await api.send("POST", PRODUCTS, json=NEW_PRODUCT)
    assert created.json()["data"]["item"]["id"] == "prod_100241"
