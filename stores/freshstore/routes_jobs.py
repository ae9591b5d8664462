"""The background-job endpoints: ``POST /api/categories/fill`` and
``POST /api/products/import-links`` (both 202; work lands via ``jobs``)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from stores.freshstore import jobs
from stores.freshstore.auth import requires
from stores.freshstore.data.names import COUNTRIES
from stores.freshstore.db import FreshDB
from stores.freshstore.models import FillCategories, ImportLinks
from stores.freshstore.rules import Rules


def build_router(db: FreshDB) -> APIRouter:
    router = APIRouter(prefix="/api", tags=["jobs"])

    @router.post(
        "/categories/fill",
        dependencies=[Depends(requires("categories", "write"))],
        status_code=202,
        summary="Fill categories with products",
    )
    async def fill(body: FillCategories) -> JSONResponse:
        rules = Rules()
        rules.all_exist(db.categories, "categories", body.categories)
        locale = body.locale.lower()
        if locale not in COUNTRIES:
            rules.fail("locale", "The selected locale is invalid.")
        rules.check()
        ids = list(dict.fromkeys(body.categories)) if body.categories else sorted(db.categories)
        db.run_later(jobs.fill_categories(db, ids, body.api_name, locale, body.quantity))
        data = {
            "categories_queued": len(ids),
            "quantity_per_category": body.quantity,
            "api_name": body.api_name,
            "locale": locale,
        }
        return JSONResponse({"data": data}, status_code=202)

    @router.post(
        "/products/import-links",
        dependencies=[Depends(requires("products", "write"))],
        status_code=202,
        summary="Import products from Amazon links",
    )
    async def import_links(body: ImportLinks) -> JSONResponse:
        rules = Rules()
        rules.all_exist(db.categories, "categories", body.categories)
        rules.check()
        results: list[dict[str, Any]] = []
        queued: list[tuple[str, str]] = []
        for link in body.links:
            parsed = jobs.parse_link(link)
            if parsed is None:
                results.append({"link": link, "status": "failed", "reason": "Invalid Amazon link"})
                continue
            asin, locale = parsed
            entry: dict[str, Any] = {"link": link, "asin": asin, "locale": locale}
            owner = db.asin_owner(asin)
            if owner is not None:
                entry |= {"status": "duplicate", "reason": "Product already exists"}
                entry["product_id"] = owner
            elif any(asin == queued_asin for queued_asin, _ in queued):
                entry |= {"status": "duplicate", "reason": "Duplicate link in request"}
            else:
                entry["status"] = "importing"
                queued.append((asin, locale))
            results.append(entry)
        if queued:
            db.run_later(jobs.import_links(db, queued, list(body.categories or [])))
        summary = {
            "total": len(results),
            "importing": sum(r["status"] == "importing" for r in results),
            "duplicates": sum(r["status"] == "duplicate" for r in results),
            "failed": sum(r["status"] == "failed" for r in results),
            "links": results,
        }
        return JSONResponse({"data": summary}, status_code=202)

    return router
