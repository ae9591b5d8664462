"""Reviews API: ``POST``/``GET /api/products/{id}/reviews`` and
``POST /api/reviews/{id}/helpful``.

A new review emits ``review.created``. The list filters by ``rating`` (1-5) and
``verified`` and sorts ``newest`` (default), ``oldest`` or ``helpful`` (most
helpful first, newest breaking ties). Marking a review helpful answers the
review with ``helpfulCount`` one higher.
"""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends, Query

from stores.common import WebhookDispatcher
from stores.litestore.auth import require_key, require_writer
from stores.litestore.data import LitestoreData, now_iso
from stores.litestore.errors import not_found
from stores.litestore.listing import PageParams, page, page_params
from stores.litestore.models import ReviewSubmit


def reviews_router(db: LitestoreData, hooks: WebhookDispatcher) -> APIRouter:
    """The review endpoints over ``db``, emitting to ``hooks``."""
    router = APIRouter()

    def require_product(product_id: str) -> None:
        if product_id not in db.products:
            raise not_found("product", product_id)

    @router.post(
        "/api/products/{id}/reviews", status_code=201, dependencies=[Depends(require_writer)]
    )
    async def submit_review(id: str, body: ReviewSubmit) -> dict[str, Any]:
        require_product(id)
        review = {
            "id": db.next_id("review"),
            "productId": id,
            "author": "API client",
            "rating": body.rating,
            "title": body.title,
            "content": body.content,
            "verified": body.verified,
            "photos": list(body.photos),
            "helpfulCount": 0,
            "createdAt": now_iso(),
        }
        db.reviews[review["id"]] = review
        hooks.emit(
            "review.created",
            {
                "reviewId": review["id"],
                "productId": id,
                "rating": review["rating"],
                "verified": review["verified"],
                "createdAt": review["createdAt"],
            },
        )
        return review

    @router.get("/api/products/{id}/reviews", dependencies=[Depends(require_key)])
    async def list_reviews(
        id: str,
        params: PageParams = Depends(page_params),
        rating: int | None = Query(None, ge=1, le=5),
        verified: bool | None = Query(None),
        sort: Literal["newest", "oldest", "helpful"] = Query("newest"),
    ) -> dict[str, Any]:
        require_product(id)
        items = [r for r in db.reviews.values() if r["productId"] == id]
        if rating is not None:
            items = [r for r in items if r["rating"] == rating]
        if verified is not None:
            items = [r for r in items if r["verified"] == verified]
        if sort == "helpful":
            items.sort(key=lambda r: (r["helpfulCount"], r["createdAt"], r["id"]), reverse=True)
        else:
            items.sort(key=lambda r: (r["createdAt"], r["id"]), reverse=sort == "newest")
        return page(items, params)

    @router.post("/api/reviews/{id}/helpful", dependencies=[Depends(require_writer)])
    async def mark_helpful(id: str) -> dict[str, Any]:
        review = db.reviews.get(id)
        if review is None:
            raise not_found("review", id)
        review["helpfulCount"] += 1
        return review

    return router
