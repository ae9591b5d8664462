"""Simulator-only ``POST /__sim/purchase``: the seed documents the
``product.purchased`` and ``commission.earned`` events but no call that causes
them, so this route records a purchase and emits them. Only mounted when the
control API is (``control=True``), never in the OpenAPI, needs no API key.

Body ``{"productId", "quantity" = 1, "contentId"?}``. A ``contentId`` (of
approved content) makes the purchase a creator referral: the content gains a
conversion and the creator's commission (price * quantity * commission rate),
and ``commission.earned`` follows ``product.purchased``.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from stores.common import WebhookDispatcher
from stores.litestore.data import LitestoreData, now_iso
from stores.litestore.errors import not_found, validation_error
from stores.litestore.models import PurchaseRequest


def sim_router(db: LitestoreData, hooks: WebhookDispatcher) -> APIRouter:
    """The simulator's purchase trigger over ``db``."""
    router = APIRouter(prefix="/__sim", include_in_schema=False)

    @router.post("/purchase", status_code=201)
    async def purchase(body: PurchaseRequest) -> dict[str, Any]:
        product = db.products.get(body.productId)
        if product is None:
            raise not_found("product", body.productId)
        content = None
        if body.contentId is not None:
            content = db.content.get(body.contentId)
            if content is None:
                raise not_found("content", body.contentId)
            if content["status"] != "approved":
                raise validation_error("contentId", "only approved content earns commission")
        purchased = now_iso()
        revenue = round(product["price"] * body.quantity, 2)
        order = {
            "orderId": db.next_id("order"),
            "productId": product["id"],
            "quantity": body.quantity,
            "revenue": revenue,
            "referrer": None,
            "purchasedAt": purchased,
        }
        sales = db.sales.setdefault(product["id"], {"orders": 0, "revenue": 0.0})
        sales["orders"] += 1
        sales["revenue"] = round(sales["revenue"] + revenue, 2)
        commission = None
        if content is not None:
            creator = db.creators[content["creatorId"]]
            order["referrer"] = {
                "type": "creator-content",
                "contentId": content["id"],
                "creatorId": creator["id"],
            }
            amount = round(revenue * creator["commissionRate"], 2)
            content["conversions"] += 1
            content["commission"] = round(content["commission"] + amount, 2)
            commission = {
                "commissionId": db.next_id("commission"),
                "creatorId": creator["id"],
                "contentId": content["id"],
                "productId": product["id"],
                "amount": amount,
                "status": "pending",
                "earnedAt": purchased,
            }
        hooks.emit("product.purchased", order)
        if commission is not None:
            hooks.emit("commission.earned", commission)
        return {**order, "commission": commission}

    return router
