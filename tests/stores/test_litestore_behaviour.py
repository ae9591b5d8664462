"""Litestore's documented behaviour: filters, paging, moderation, AI, reviews, analytics."""

from __future__ import annotations

import httpx
import pytest

from stores.common.shared_items import items_for
from stores.litestore.data import slug
from tests.stores.litestore_helpers import (
    APPROVED_CONTENT,
    FULL,
    NEW_CONTENT,
    NEW_REVIEW,
    PENDING_CONTENT,
    litestore,
)


@pytest.fixture
async def client():
    async with litestore(headers=FULL) as c:
        yield c


async def all_pages(client: httpx.AsyncClient, url: str, **params: object) -> list[dict]:
    items: list[dict] = []
    while True:
        body = (await client.get(url, params={**params, "limit": 100, "offset": len(items)})).json()
        items += body["data"]
        if len(items) >= body["total"]:
            return items


async def test_products_page_through_the_seed(client: httpx.AsyncClient) -> None:
    first = (await client.get("/api/products")).json()
    assert (first["total"], first["limit"], first["offset"]) == (220, 20, 0)
    assert [p["id"] for p in first["data"][:3]] == ["prod-001", "prod-002", "prod-003"]
    products = await all_pages(client, "/api/products")
    assert len({p["id"] for p in products}) == 220
    assert len({p["category"] for p in products}) == 10
    assert {p["status"] for p in products} == {"active", "draft", "archived"}
    sample = products[0]
    assert set(sample) == {
        "id", "name", "description", "price", "category", "images", "tags",
        "status", "createdAt", "updatedAt", "gtin", "mpn",
    }  # fmt: skip
    assert isinstance(sample["price"], float)
    tail = (await client.get("/api/products", params={"offset": 210})).json()
    assert len(tail["data"]) == 10


async def test_shared_items_carry_their_identifiers(client: httpx.AsyncClient) -> None:
    products = await all_pages(client, "/api/products")
    by_gtin = {p["gtin"]: p for p in products if p["gtin"]}
    shared = items_for("litestore")
    assert set(by_gtin) == {item.gtin for item in shared}
    for item in shared:
        product = by_gtin[item.gtin]
        assert product["mpn"] == item.mpn
        assert product["name"] == item.name
        assert product["category"] == item.category
        assert product["price"] == float(item.price)
        assert slug(item.brand) in product["tags"]
    assert "lumiere" in by_gtin[shared[2].gtin]["tags"]


async def test_product_filters(client: httpx.AsyncClient) -> None:
    skincare = await all_pages(client, "/api/products", category="skincare")
    assert skincare and {p["category"] for p in skincare} == {"Skincare"}
    by_name = await all_pages(client, "/api/products", category="Skincare")
    assert by_name == skincare
    drafts = await all_pages(client, "/api/products", status="draft")
    assert drafts and {p["status"] for p in drafts} == {"draft"}
    found = await all_pages(client, "/api/products", search="HEADPHONES")
    assert "prod-001" in {p["id"] for p in found}
    assert all(
        "headphones" in (p["name"] + p["description"] + " ".join(p["tags"])).lower() for p in found
    )
    tagged = await all_pages(client, "/api/products", search="anti-aging")
    assert tagged and all("anti-aging" in p["tags"] for p in tagged)
    both = await all_pages(client, "/api/products", category="skincare", status="active")
    assert {p["id"] for p in both} == {p["id"] for p in skincare if p["status"] == "active"}
    none = (await client.get("/api/products", params={"category": "spaceships"})).json()
    assert (none["data"], none["total"]) == ([], 0)


async def test_create_update_delete_product(client: httpx.AsyncClient) -> None:
    created = await client.post(
        "/api/products",
        json={"name": "New Product", "price": 29.99, "generateDescription": True},
    )
    product = created.json()
    assert created.status_code == 201
    assert product["status"] == "draft"
    assert product["description"].startswith("Experience New Product")
    assert (product["gtin"], product["mpn"]) == (None, None)
    updated = await client.put(
        f"/api/products/{product['id']}", json={"price": 19.5, "status": "active"}
    )
    assert updated.json()["price"] == 19.5
    assert updated.json()["status"] == "active"
    assert updated.json()["name"] == "New Product"
    fetched = (await client.get(f"/api/products/{product['id']}")).json()
    assert fetched == updated.json()
    bad_status = await client.put(f"/api/products/{product['id']}", json={"status": "gone"})
    assert bad_status.status_code == 400
    assert (await client.delete(f"/api/products/{product['id']}")).status_code == 204
    assert (await client.get(f"/api/products/{product['id']}")).status_code == 404


async def test_content_list_filters(client: httpx.AsyncClient) -> None:
    everything = await all_pages(client, "/api/creators/content")
    assert len(everything) == 320
    statuses = {c["status"] for c in everything}
    assert statuses == {"pending_review", "approved", "rejected"}
    pending = await all_pages(client, "/api/creators/content", status="pending")
    assert pending and {c["status"] for c in pending} == {"pending_review"}
    mine = await all_pages(client, "/api/creators/content", creatorId="creator-001")
    assert mine and {c["creatorId"] for c in mine} == {"creator-001"}
    linked = await all_pages(client, "/api/creators/content", productId="prod-002")
    assert linked and all("prod-002" in c["products"] for c in linked)
    page = (await client.get("/api/creators/content", params={"limit": 5, "offset": 5})).json()
    assert [c["id"] for c in page["data"]] == [c["id"] for c in everything[5:10]]
    item = everything[0]
    for key in ("creatorId", "title", "description", "media", "products", "tags", "views"):
        assert key in item
    assert {"clicks", "conversions", "createdAt", "moderation"} <= set(item)
    assert set(item["moderation"]["aiAnalysis"]) == {"spamScore", "qualityScore", "sentiment"}


async def test_submitted_content_is_pending_with_ai_analysis(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/creators/content", json=NEW_CONTENT)
    item = response.json()
    assert response.status_code == 201
    assert item["id"] == "content-321"
    assert item["status"] == "pending_review"
    assert item["moderation"]["aiAnalysis"]["sentiment"] == "positive"
    assert item["moderation"]["aiAnalysis"]["spamScore"] < 0.1
    listed = await all_pages(client, "/api/creators/content", status="pending")
    assert item["id"] in {c["id"] for c in listed}
    bad = await client.post(
        "/api/creators/content", json=dict(NEW_CONTENT, creatorId="creator-999", products=[])
    )
    assert bad.status_code == 400
    assert {e["field"] for e in bad.json()["error"]["details"]["errors"]} == {"products"}
    unknown = await client.post(
        "/api/creators/content", json=dict(NEW_CONTENT, creatorId="creator-999")
    )
    assert unknown.json()["error"]["details"]["field"] == "creatorId"


async def test_moderation_approves_and_rejects_only_pending(client: httpx.AsyncClient) -> None:
    url = f"/api/creators/content/{PENDING_CONTENT}/moderate"
    invalid = await client.post(url, json={"action": "publish"})
    assert invalid.status_code == 400
    assert invalid.json()["error"]["details"]["field"] == "action"
    approved = await client.post(
        url,
        json={
            "action": "approve",
            "feedback": "Great content!",
            "modifications": {"title": "Approved: Amazing Product Review"},
        },
    )
    body = approved.json()
    assert approved.status_code == 200
    assert body["status"] == "approved"
    assert body["title"] == "Approved: Amazing Product Review"
    assert body["moderation"]["feedback"] == "Great content!"
    assert body["moderation"]["action"] == "approve"
    assert body["commission"] > 0
    again = await client.post(url, json={"action": "reject"})
    assert again.status_code == 400
    assert again.json()["error"]["details"]["field"] == "status"
    done = await client.post(
        f"/api/creators/content/{APPROVED_CONTENT}/moderate", json={"action": "reject"}
    )
    assert done.status_code == 400
    new = (await client.post("/api/creators/content", json=NEW_CONTENT)).json()
    rejected = await client.post(
        f"/api/creators/content/{new['id']}/moderate",
        json={"action": "reject", "feedback": "Blurry", "modifications": {"title": "x"}},
    )
    assert rejected.json()["status"] == "rejected"
    assert rejected.json()["title"] == NEW_CONTENT["title"]
    assert rejected.json()["commission"] == 0


async def test_ai_description_is_deterministic_and_bounded(client: httpx.AsyncClient) -> None:
    request = {
        "productName": "Wireless Bluetooth Headphones",
        "features": ["Noise cancellation", "20hr battery"],
        "targetAudience": "music enthusiasts",
        "brandVoice": "professional",
        "maxLength": 200,
    }
    first = (await client.post("/api/ai/generate-description", json=request)).json()
    second = (await client.post("/api/ai/generate-description", json=request)).json()
    assert first == second
    assert "noise cancellation" in first["description"]
    assert len(first["description"]) <= 200
    assert first["metadata"]["model"] == "gpt-4"
    assert first["metadata"]["tokens"] > 0
    short = await client.post("/api/ai/generate-description", json={**request, "maxLength": 40})
    assert len(short.json()["description"]) <= 40
    playful = await client.post(
        "/api/ai/generate-description", json={**request, "brandVoice": "playful"}
    )
    assert playful.json()["description"] != first["description"]
    missing = await client.post("/api/ai/generate-description", json={"features": []})
    assert missing.json()["error"]["details"]["field"] == "productName"


async def test_ai_analysis_follows_word_lists(client: httpx.AsyncClient) -> None:
    happy = (
        await client.post("/api/ai/analyze-content", json={"content": "This product is amazing!"})
    ).json()
    assert happy["sentiment"] == "positive"
    assert happy["language"] == "en"
    assert 0 <= happy["spamScore"] < 0.1
    assert 0 <= happy["qualityScore"] <= 10
    assert 0 < happy["confidence"] < 1
    spam = await client.post(
        "/api/ai/analyze-content",
        json={"content": "CLICK NOW!!! FREE prize winner, buy now www promo"},
    )
    assert spam.json()["spamScore"] > happy["spamScore"] + 0.3
    sad = await client.post("/api/ai/analyze-content", json={"content": "Terrible, it broke."})
    assert sad.json()["sentiment"] == "negative"
    spanish = await client.post(
        "/api/ai/analyze-content", json={"content": "Me encanta este producto, es muy bueno"}
    )
    assert spanish.json()["language"] == "es"
    only = await client.post(
        "/api/ai/analyze-content", json={"content": "Nice", "analysis": ["sentiment"]}
    )
    assert set(only.json()) == {"sentiment", "language", "confidence"}
    bad = await client.post("/api/ai/analyze-content", json={"content": "x", "analysis": ["iq"]})
    assert bad.status_code == 400


async def test_ai_suggests_categories(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/api/ai/suggest-categories",
        json={
            "productTitle": "Organic Green Tea",
            "description": "Premium loose leaf tea",
            "existingCategories": ["Tea", "Beverages", "Health"],
        },
    )
    body = response.json()
    assert body["suggestions"][:2] == ["Organic Tea", "Green Tea"]
    assert {"Beverages", "Health & Wellness"} <= set(body["suggestions"])
    assert 0 < body["confidence"] < 1
    vague = await client.post("/api/ai/suggest-categories", json={"productTitle": "Thing"})
    assert vague.json() == {"suggestions": ["General"], "confidence": 0.35}


async def test_generation_endpoints_have_their_own_budget() -> None:
    async with litestore(headers=FULL) as client:
        for _ in range(10):
            ok = await client.post("/api/ai/analyze-content", json={"content": "hi"})
            assert ok.status_code == 200
        over = await client.post("/api/ai/suggest-categories", json={"productTitle": "Tea"})
        assert over.status_code == 429
        assert over.json()["error"]["code"] == "RATE_LIMITED"
        assert over.headers["x-ratelimit-limit"] == "10"
        assert (await client.get("/api/products")).status_code == 200


async def test_reviews_filter_sort_and_page(client: httpx.AsyncClient) -> None:
    products = await all_pages(client, "/api/products", status="active")
    counts = {}
    for product in products[:40]:
        counts[product["id"]] = (
            await client.get(f"/api/products/{product['id']}/reviews", params={"limit": 1})
        ).json()["total"]
    busiest = max(counts, key=counts.__getitem__)
    url = f"/api/products/{busiest}/reviews"
    reviews = await all_pages(client, url)
    assert len(reviews) == counts[busiest] > 5
    assert {r["productId"] for r in reviews} == {busiest}
    dates = [r["createdAt"] for r in reviews]
    assert dates == sorted(dates, reverse=True)
    oldest = await all_pages(client, url, sort="oldest")
    assert [r["createdAt"] for r in oldest] == sorted(dates)
    helpful = await all_pages(client, url, sort="helpful")
    assert [r["helpfulCount"] for r in helpful] == sorted(
        (r["helpfulCount"] for r in reviews), reverse=True
    )
    verified = await all_pages(client, url, verified="true")
    assert verified == [r for r in reviews if r["verified"]]
    five = await all_pages(client, url, rating=5)
    assert five == [r for r in reviews if r["rating"] == 5]
    review = reviews[0]
    assert set(review) >= {"id", "rating", "title", "content", "verified", "photos"}
    assert {"helpfulCount", "createdAt"} <= set(review)


async def test_review_submission_and_helpful_votes(client: httpx.AsyncClient) -> None:
    created = await client.post("/api/products/prod-005/reviews", json=NEW_REVIEW)
    review = created.json()
    assert created.status_code == 201
    assert review["id"] == "review-1101"
    assert (review["productId"], review["helpfulCount"]) == ("prod-005", 0)
    listed = (await client.get("/api/products/prod-005/reviews")).json()["data"]
    assert listed[0]["id"] == review["id"]
    voted = (await client.post(f"/api/reviews/{review['id']}/helpful")).json()
    assert voted["helpfulCount"] == 1
    voted = (await client.post(f"/api/reviews/{review['id']}/helpful")).json()
    assert voted["helpfulCount"] == 2
    bad = await client.post("/api/products/prod-005/reviews", json={**NEW_REVIEW, "rating": 0})
    assert bad.json()["error"]["details"]["field"] == "rating"


async def test_product_analytics_by_period_and_metrics(client: httpx.AsyncClient) -> None:
    url = "/api/analytics/products/prod-001"
    default = (await client.get(url)).json()
    assert default["period"] == "30d"
    assert default == (await client.get(url, params={"period": "30d"})).json()
    week = (await client.get(url, params={"period": "7d"})).json()
    year = (await client.get(url, params={"period": "1y"})).json()
    assert week["views"] < default["views"] < year["views"]
    assert 0 < default["conversionRate"] < 1
    assert default["purchases"] == round(default["views"] * default["conversionRate"])
    assert default["topReferrers"][0]["source"] == "creator-content"
    picked = (await client.get(url, params={"metrics": "views,purchases"})).json()
    assert picked == {"views": default["views"], "purchases": default["purchases"], "period": "30d"}
    repeated = await client.get(url, params=[("metrics", "views"), ("metrics", "purchases")])
    assert repeated.json() == picked
    other = (await client.get("/api/analytics/products/prod-002")).json()
    assert other != default


async def test_creator_analytics_total_the_creators_content(client: httpx.AsyncClient) -> None:
    content = await all_pages(client, "/api/creators/content", creatorId="creator-001")
    stats = (await client.get("/api/analytics/creators/creator-001")).json()
    views = sum(c["views"] for c in content)
    clicks = sum(c["clicks"] for c in content)
    assert stats["contentCount"] == len(content)
    assert stats["totalViews"] == views
    assert stats["totalClicks"] == clicks
    assert stats["totalConversions"] == sum(c["conversions"] for c in content)
    assert stats["totalCommission"] == round(sum(c["commission"] for c in content), 2)
    assert stats["avgEngagement"] == round(clicks / views, 3)
    top = max(content, key=lambda c: c["views"])
    assert stats["topContent"][0] == {
        "id": top["id"],
        "title": top["title"],
        "views": top["views"],
        "conversions": top["conversions"],
    }
    await client.post("/api/creators/content", json=NEW_CONTENT)
    after = (await client.get("/api/analytics/creators/creator-001")).json()
    assert after["contentCount"] == stats["contentCount"] + 1
