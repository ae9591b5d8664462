"""Products API: ``GET``/``POST /api/products``, ``GET``/``PUT``/``DELETE
/api/products/{id}``."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Response

from stores.litestore import ai
from stores.litestore.auth import require_key, require_writer
from stores.litestore.data import LitestoreData, now_iso, slug
from stores.litestore.errors import not_found, validation_error
from stores.litestore.listing import PageParams, page, page_params
from stores.litestore.models import ProductCreate, ProductUpdate

PRODUCT_STATUSES = ("active", "draft", "archived")
DEFAULT_CATEGORY = "Uncategorized"


def matches_search(product: dict[str, Any], needle: str) -> bool:
    """Whether ``needle`` occurs in the name, description or a tag (any case)."""
    needle = needle.lower()
    return (
        needle in product["name"].lower()
        or needle in product["description"].lower()
        or any(needle in tag.lower() for tag in product["tags"])
    )


def products_router(db: LitestoreData) -> APIRouter:
    """The products endpoints over ``db``."""
    router = APIRouter()

    def find(product_id: str) -> dict[str, Any]:
        product = db.products.get(product_id)
        if product is None:
            raise not_found("product", product_id)
        return product

    @router.get("/api/products", dependencies=[Depends(require_key)])
    async def list_products(
        params: PageParams = Depends(page_params),
        category: str | None = Query(None, description="Category id (slug of its name)"),
        search: str | None = Query(None, max_length=200),
        status: str | None = Query(None, description="active, draft or archived"),
    ) -> dict[str, Any]:
        if status is not None and status not in PRODUCT_STATUSES:
            raise validation_error("status", "must be one of active, draft, archived")
        items = list(db.products.values())
        if category:
            wanted = slug(category)
            items = [p for p in items if slug(p["category"]) == wanted]
        if search:
            items = [p for p in items if matches_search(p, search)]
        if status:
            items = [p for p in items if p["status"] == status]
        return page(items, params)

    @router.post("/api/products", status_code=201, dependencies=[Depends(require_writer)])
    async def create_product(body: ProductCreate) -> dict[str, Any]:
        description = body.description or ""
        if body.generateDescription:
            features = [tag.replace("-", " ") for tag in body.tags] or None
            description = ai.generate_description(body.name, features).description
        created = now_iso()
        product = {
            "id": db.next_id("product"),
            "name": body.name,
            "description": description,
            "price": body.price,
            "category": body.category or DEFAULT_CATEGORY,
            "images": list(body.images),
            "tags": list(body.tags),
            "status": "draft",
            "createdAt": created,
            "updatedAt": created,
            "gtin": body.gtin,
            "mpn": body.mpn,
        }
        db.products[product["id"]] = product
        return product

    @router.get("/api/products/{id}", dependencies=[Depends(require_key)])
    async def get_product(id: str) -> dict[str, Any]:
        return find(id)

    @router.put("/api/products/{id}", dependencies=[Depends(require_writer)])
    async def update_product(id: str, body: ProductUpdate) -> dict[str, Any]:
        product = find(id)
        changes = body.model_dump(exclude_unset=True)
        if changes:
            product.update(changes)
            product["updatedAt"] = now_iso()
        return product

    @router.delete("/api/products/{id}", status_code=204, dependencies=[Depends(require_writer)])
    async def delete_product(id: str) -> Response:
        find(id)
        del db.products[id]
        return Response(status_code=204)

    return router
