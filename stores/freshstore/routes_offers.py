"""``/api/offers``: enabled merchants, list (filters), CRUD, and syncing the
products an offer is attached to."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Depends, Request, Response

from stores.freshstore import serialize
from stores.freshstore.auth import requires
from stores.freshstore.data.catalog import OFFER_UUID_NAMESPACE
from stores.freshstore.data.names import MERCHANTS
from stores.freshstore.db import FreshDB
from stores.freshstore.models import OfferCreate, OfferUpdate, ProductIds
from stores.freshstore.pagination import (
    PageParams,
    flag_filter,
    page_params,
    paginate,
    search_filter,
)
from stores.freshstore.rules import Rules
from stores.freshstore.timefmt import now_iso


def build_router(db: FreshDB) -> APIRouter:
    router = APIRouter(prefix="/api/offers", tags=["offers"])
    read = [Depends(requires("offers", "read"))]
    write = [Depends(requires("offers", "write"))]

    @router.get("/merchants", dependencies=read, summary="Enabled merchants")
    async def merchants() -> dict[str, Any]:
        enabled = db.settings["offers"]
        return {
            "data": {
                key: label
                for key, label in MERCHANTS.items()
                if enabled.get(f"{key}_enabled", False)
            }
        }

    @router.get("", dependencies=read, summary="List offers")
    async def list_offers(
        request: Request,
        pages: PageParams = Depends(page_params),
        search: str | None = None,
        merchant: str | None = None,
        enabled: bool | None = None,
        product_id: int | None = None,
    ) -> dict[str, Any]:
        rows = search_filter(list(db.offers.values()), search)
        if merchant:
            rows = [o for o in rows if o["merchant"] == merchant.lower()]
        rows = flag_filter(rows, "enabled", enabled)
        if product_id is not None:
            rows = [o for o in rows if product_id in db.offer_products[o["id"]]]
        return paginate(request, rows, pages, serialize.offer)

    @router.post("", dependencies=write, status_code=201, summary="Create offer")
    async def create_offer(body: OfferCreate) -> dict[str, Any]:
        external = body.merchant_product_id or body.merchant_offer_id
        if external is None:
            rules = Rules()
            rules.fail("merchant_offer_id", "The merchant offer id field is required.")
            rules.check()
        offer_id = db.next_id(db.offers)
        now = now_iso()
        given = body.given()
        given.pop("merchant_product_id", None)
        row = {
            "id": offer_id,
            "uuid": str(uuid.uuid5(OFFER_UUID_NAMESPACE, f"{body.merchant}:{external}")),
            "merchant": body.merchant,
            "merchant_offer_id": external,
            "title": body.title,
            "summary": None,
            "features": [],
            "currency": "USD",
            "price": None,
            "price_full": None,
            "min_price": None,
            "max_price": None,
            "condition": "new",
            "stock_available": True,
            "enabled": True,
            "locale": "us",
            "images": [],
            "url_detail": body.url_detail,
            "created_at": now,
            "updated_at": now,
            "_delisted": False,
        }
        row.update({k: v for k, v in given.items() if k != "merchant_offer_id"})
        db.offers[offer_id] = row
        db.offer_products[offer_id] = []
        return {"data": serialize.offer(row)}

    @router.get("/{id}", dependencies=read, summary="Get offer")
    async def get_offer(id: str) -> dict[str, Any]:
        return {"data": serialize.offer(db.get(db.offers, id))}

    @router.patch("/{id}", dependencies=write, summary="Update offer")
    async def update_offer(id: str, body: OfferUpdate) -> dict[str, Any]:
        row = db.get(db.offers, id)
        given = body.given()
        alias = given.pop("merchant_product_id", None)
        if alias is not None:
            given["merchant_offer_id"] = alias
        row.update(given)
        row["updated_at"] = now_iso()
        return {"data": serialize.offer(row)}

    @router.delete("/{id}", dependencies=write, status_code=204, summary="Delete offer")
    async def delete_offer(id: str) -> Response:
        db.delete_offer(db.get(db.offers, id)["id"])
        return Response(status_code=204)

    @router.post("/{id}/products", dependencies=write, summary="Sync offer products")
    async def sync_offer_products(id: str, body: ProductIds) -> dict[str, Any]:
        row = db.get(db.offers, id)
        rules = Rules()
        rules.all_exist(db.products, "product_ids", body.product_ids)
        rules.check()
        db.offer_products[row["id"]] = list(dict.fromkeys(body.product_ids))
        products = [db.products[i] for i in db.offer_products[row["id"]]]
        return {
            "data": {
                **serialize.offer(row),
                "products": [serialize.product(db, p) for p in products],
            }
        }

    return router
