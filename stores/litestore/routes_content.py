"""Creator content API: ``POST``/``GET /api/creators/content`` and
``POST /api/creators/content/{id}/moderate``.

Submissions start ``pending_review`` with a deterministic ``moderation.aiAnalysis``
and emit ``content.submitted``. Only pending content can be moderated (anything
else answers 400 ``VALIDATION_ERROR`` on ``status``); ``approve`` applies the
``modifications``, credits the approval commission and emits ``content.approved``;
``reject`` records the feedback (modifications are ignored).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query

from stores.common import FieldError, StoreError, WebhookDispatcher
from stores.litestore.auth import ApiKey, require_key, require_writer
from stores.litestore.data import (
    LitestoreData,
    approval_commission,
    moderation_analysis,
    now_iso,
)
from stores.litestore.errors import not_found, validation_error
from stores.litestore.listing import PageParams, page, page_params
from stores.litestore.models import ContentSubmit, ModerationRequest

STATUS_FILTERS = {
    "pending": "pending_review",
    "pending_review": "pending_review",
    "approved": "approved",
    "rejected": "rejected",
}


def content_router(db: LitestoreData, hooks: WebhookDispatcher) -> APIRouter:
    """The creator content endpoints over ``db``, emitting to ``hooks``."""
    router = APIRouter()

    @router.post("/api/creators/content", status_code=201, dependencies=[Depends(require_writer)])
    async def submit_content(body: ContentSubmit) -> dict[str, Any]:
        problems: list[FieldError] = []
        if body.creatorId not in db.creators:
            problems.append(FieldError("creatorId", f"creator {body.creatorId} does not exist"))
        for index, product_id in enumerate(body.products):
            if product_id not in db.products:
                problems.append(
                    FieldError(f"products.{index}", f"product {product_id} does not exist")
                )
        if problems:
            raise StoreError(400, "VALIDATION_ERROR", "Invalid content submission", problems)
        created = now_iso()
        item = {
            "id": db.next_id("content"),
            "creatorId": body.creatorId,
            "title": body.title,
            "description": body.description,
            "media": [m.model_dump() for m in body.media],
            "products": list(dict.fromkeys(body.products)),
            "tags": list(body.tags),
            "status": "pending_review",
            "views": 0,
            "clicks": 0,
            "conversions": 0,
            "commission": 0.0,
            "moderation": {
                "aiAnalysis": moderation_analysis(body.title, body.description),
                "action": None,
                "feedback": None,
                "moderatedBy": None,
                "moderatedAt": None,
            },
            "createdAt": created,
            "updatedAt": created,
        }
        db.content[item["id"]] = item
        hooks.emit(
            "content.submitted",
            {
                "contentId": item["id"],
                "creatorId": item["creatorId"],
                "productIds": item["products"],
                "status": item["status"],
                "submittedAt": created,
            },
        )
        return item

    @router.get("/api/creators/content", dependencies=[Depends(require_key)])
    async def list_content(
        params: PageParams = Depends(page_params),
        creatorId: str | None = Query(None),
        status: str | None = Query(None, description="pending, approved or rejected"),
        productId: str | None = Query(None),
    ) -> dict[str, Any]:
        if status is not None and status not in STATUS_FILTERS:
            raise validation_error("status", "must be one of pending, approved, rejected")
        items = list(db.content.values())
        if creatorId:
            items = [c for c in items if c["creatorId"] == creatorId]
        if status:
            items = [c for c in items if c["status"] == STATUS_FILTERS[status]]
        if productId:
            items = [c for c in items if productId in c["products"]]
        return page(items, params)

    @router.post("/api/creators/content/{id}/moderate")
    async def moderate_content(
        id: str, body: ModerationRequest, key: ApiKey = Depends(require_writer)
    ) -> dict[str, Any]:
        item = db.content.get(id)
        if item is None:
            raise not_found("content", id)
        if item["status"] != "pending_review":
            raise validation_error(
                "status",
                f"content is {item['status']}; only pending_review content can be moderated",
                "Content has already been moderated",
            )
        moderated = now_iso()
        if body.action == "approve" and body.modifications is not None:
            item.update(body.modifications.model_dump(exclude_none=True))
        item["moderation"].update(
            action=body.action, feedback=body.feedback, moderatedBy=key.actor, moderatedAt=moderated
        )
        item["updatedAt"] = moderated
        if body.action == "reject":
            item["status"] = "rejected"
            return item
        prices = [db.products[p]["price"] for p in item["products"] if p in db.products]
        commission = approval_commission(prices)
        item["status"] = "approved"
        item["commission"] = round(item["commission"] + commission, 2)
        hooks.emit(
            "content.approved",
            {
                "contentId": item["id"],
                "approvedBy": key.actor,
                "approvedAt": moderated,
                "commission": commission,
            },
        )
        return item

    return router
