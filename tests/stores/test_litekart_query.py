"""Litekart's list query language: filters, ``sort``, ``fields`` and ``ids``."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator

import httpx
import pytest

from tests.stores.litekart_support import ADMIN, seeded_client


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with seeded_client() as c:
        yield c


async def data(client: httpx.AsyncClient, path: str) -> list[dict]:
    response = await client.get(path, headers=ADMIN)
    assert response.status_code == 200, response.text
    return response.json()["data"]


async def test_multi_key_sort(client: httpx.AsyncClient) -> None:
    rows = await data(client, "/api/products?sort=price:asc,name:desc&limit=100")
    for a, b in itertools.pairwise(rows):
        assert a["price"] < b["price"] or (
            a["price"] == b["price"] and a["name"].lower() >= b["name"].lower()
        )
    newest = await data(client, "/api/orders?sort=created_at:desc&limit=5")
    stamps = [o["created_at"] for o in newest]
    assert stamps == sorted(stamps, reverse=True)
    default = await data(client, "/api/orders?limit=3")
    assert [o["id"] for o in default] == ["ord_000001", "ord_000002", "ord_000003"]


async def test_fields_selection_nested_and_single(client: httpx.AsyncClient) -> None:
    rows = await data(client, "/api/products?fields=id,name,variants(id,price)&limit=100")
    assert all(set(p) == {"id", "name", "variants"} for p in rows)
    with_variants = [p for p in rows if p["variants"]]
    assert with_variants and all(
        set(v) == {"id", "price"} for p in with_variants for v in p["variants"]
    )
    one = await data(client, "/api/orders/ord_000001?fields=total,items(name,quantity)")
    assert set(one) == {"total", "items"} and set(one["items"][0]) == {"name", "quantity"}


async def test_ids_batches_lookups(client: httpx.AsyncClient) -> None:
    rows = await data(client, "/api/products?ids=prod_0003,prod_0001,prod_9999&fields=id")
    assert rows == [{"id": "prod_0001"}, {"id": "prod_0003"}]
    priced = await data(client, "/api/products?ids=prod_0003,prod_0001&sort=price:desc&fields=id")
    assert len(priced) == 2
    hundred = ",".join(f"cus_{n:04d}" for n in range(1, 101))
    response = await client.get(f"/api/customers?ids={hundred}&limit=100", headers=ADMIN)
    assert response.json()["pagination"]["total"] == 100
    for path in ("/api/orders", "/api/categories", "/api/brands"):
        first_two = await data(client, f"{path}?limit=2")
        ids = ",".join(r["id"] for r in first_two)
        assert await data(client, f"{path}?ids={ids}") == first_two


async def test_product_filters(client: httpx.AsyncClient) -> None:
    electronics = await data(client, "/api/products?category=electronics&limit=100")
    slugs = ("electronics", "audio", "wearables", "computer-accessories")
    categories = await data(client, "/api/categories?limit=100")
    tree = {c["id"] for c in categories if c["slug"] in slugs}
    assert electronics and {p["category_id"] for p in electronics} <= tree
    assert len({p["category_id"] for p in electronics}) > 1  # subcategories included
    by_id = await data(client, "/api/products?category=cat_01&limit=100")
    assert by_id == electronics
    cheap = await data(client, "/api/products?price_min=10&price_max=30&limit=100")
    assert cheap and all(10 <= p["price"] <= 30 for p in cheap)
    drafts = await data(client, "/api/products?status=draft&limit=100")
    assert drafts and all(p["status"] == "draft" for p in drafts)
    sonora = await data(client, "/api/products?brand=sonora&limit=100")
    assert sonora and {p["brand_id"] for p in sonora} == {"brand_01"}
    found = await data(client, "/api/products?search=trekking")
    assert [p["name"] for p in found] == ["Carbon Pro Trekking Poles"]
    window = await data(
        client, "/api/products?created_after=2025-01-10&created_before=2025-01-20&limit=100"
    )
    assert window and all("2025-01-10" <= p["created_at"] < "2025-01-20" for p in window)
    anonymous = (await client.get("/api/products?status=draft")).json()["data"]
    assert anonymous == []


async def test_order_and_customer_filters(client: httpx.AsyncClient) -> None:
    completed = await data(
        client, "/api/orders?status=completed&created_after=2025-06-01&limit=100"
    )
    assert completed and all(
        o["status"] == "completed" and o["created_at"] >= "2025-06-01" for o in completed
    )
    mine = await data(client, "/api/orders?customer_id=cus_0001&limit=100")
    assert mine == await data(client, "/api/customers/cus_0001/orders?limit=100")
    customer = await data(client, "/api/customers/cus_0001")
    assert customer["orders_count"] == len(mine)
    assert await data(client, f"/api/customers?email={customer['email'].upper()}") == [customer]
    by_name = await data(client, f"/api/customers?search={customer['last_name']}&limit=100")
    assert customer in by_name
