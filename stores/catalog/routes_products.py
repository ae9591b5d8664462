"""``/api/v1/products``: list (filter, search, sort, pages), get, create, update, delete."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import JSONResponse, Response

from stores.catalog.auth import require
from stores.catalog.envelope import cached_success, paginate, success
from stores.catalog.errors import fail
from stores.catalog.models import (
    ImageInput,
    ProductCreate,
    ProductUpdate,
    Status,
    openapi_body,
    parse_body,
)
from stores.catalog.rules import check_write
from stores.catalog.store import CatalogData
from stores.catalog.tokens import TokenStore
from stores.common import FieldError, SimState

SortField = Literal["created_at", "updated_at", "price", "name"]


def stored_images(images: list[ImageInput], name: str) -> list[dict[str, Any]]:
    """Images as stored: default ``alt``; the first is primary if none is."""
    has_primary = any(image.is_primary for image in images)
    return [
        {
            "url": image.url,
            "alt": image.alt if image.alt is not None else f"{name} image {index + 1}",
            "is_primary": image.is_primary or (not has_primary and index == 0),
        }
        for index, image in enumerate(images)
    ]


def sort_key(field: SortField) -> Any:
    if field == "name":
        return lambda p: p["name"].casefold()
    return lambda p: p[field]


def products_router(data: CatalogData, tokens: TokenStore, state: SimState) -> APIRouter:
    router = APIRouter(prefix="/api/v1/products", tags=["products"])
    read = [Depends(require(tokens, "read"))]
    write = [Depends(require(tokens, "write"))]

    def now_iso() -> str:
        return datetime.fromtimestamp(state.clock(), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    def find(product_id: str) -> dict[str, Any]:
        product = data.products.get(product_id)
        if product is None:
            raise fail("not_found", f"Product with ID '{product_id}' does not exist")
        return product

    @router.get("", dependencies=read)
    async def list_products(
        request: Request,
        page: int = Query(1, ge=1),
        limit: int = Query(20, ge=1, le=100, description="Results per page, max 100"),
        category_id: str | None = Query(None, description="Exactly this category"),
        status: Status | None = Query(None),
        sort: SortField = Query("created_at"),
        order: Literal["asc", "desc"] = Query("desc"),
        search: str | None = Query(None, max_length=200, description="In name or description"),
    ) -> Response:
        """Products; ties in the sort field keep ascending id order."""
        if category_id is not None and category_id not in data.categories:
            message = f"Category '{category_id}' does not exist"
            raise fail("invalid_category_id", [FieldError("category_id", message)])
        products = sorted(data.products.values(), key=lambda p: int(p["id"][5:]))
        if category_id is not None:
            products = [p for p in products if p["category_id"] == category_id]
        if status is not None:
            products = [p for p in products if p["status"] == status]
        if search:
            needle = search.casefold()
            products = [
                p
                for p in products
                if needle in p["name"].casefold() or needle in p["description"].casefold()
            ]
        products.sort(key=sort_key(sort), reverse=order == "desc")
        window, pagination = paginate(products, page, limit)
        items = [data.render_product(p) for p in window]
        return cached_success(request, {"items": items, "pagination": pagination})

    @router.get("/{product_id}", dependencies=read)
    async def get_product(request: Request, product_id: str) -> Response:
        return cached_success(request, {"item": data.render_product(find(product_id))})

    @router.post("", status_code=201, dependencies=write, openapi_extra=openapi_body(ProductCreate))
    async def create_product(request: Request) -> JSONResponse:
        body = await parse_body(request, ProductCreate)
        check_write(data, dict(body))
        stamp = now_iso()
        product = {
            "id": data.new_product_id(),
            "name": body.name,
            "description": body.description,
            "price": round(body.price, 2),
            "currency": body.currency,
            "category_id": body.category_id,
            "inventory": {"available": body.inventory, "reserved": 0, "total": body.inventory},
            "images": stored_images(body.images, body.name),
            "attributes": body.attributes,
            "status": body.status,
            "created_at": stamp,
            "updated_at": stamp,
        }
        data.products[product["id"]] = product
        return success({"item": data.render_product(product)}, status_code=201)

    @router.put("/{product_id}", dependencies=write, openapi_extra=openapi_body(ProductUpdate))
    async def update_product(request: Request, product_id: str) -> JSONResponse:
        """Partial update: only the fields sent change; lists and objects are replaced."""
        product = find(product_id)
        body = await parse_body(request, ProductUpdate)
        fields = {name: getattr(body, name) for name in body.model_fields_set}
        reserved = product["inventory"]["reserved"]
        check_write(data, fields, product_id=product_id, reserved=reserved)
        if not fields:
            return success({"item": data.render_product(product)})
        for name in ("name", "description", "currency", "category_id", "attributes", "status"):
            if name in fields:
                product[name] = fields[name]
        if "price" in fields:
            product["price"] = round(fields["price"], 2)
        if "inventory" in fields:
            total = fields["inventory"]
            product["inventory"] = {
                "available": total - reserved,
                "reserved": reserved,
                "total": total,
            }
        if "images" in fields:
            product["images"] = stored_images(fields["images"], product["name"])
        product["updated_at"] = now_iso()
        return success({"item": data.render_product(product)})

    @router.delete("/{product_id}", dependencies=write)
    async def delete_product(product_id: str) -> JSONResponse:
        """Deletes for good: later reads answer 404; the id is never reused."""
        find(product_id)
        del data.products[product_id]
        return success({"id": product_id, "deleted": True})

    return router
