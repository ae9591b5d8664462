"""``GET /api/v1/categories`` and ``GET /api/v1/categories/{category_id}``."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from stores.catalog.auth import require
from stores.catalog.envelope import cached_success, paginate
from stores.catalog.errors import fail
from stores.catalog.store import CatalogData
from stores.catalog.tokens import TokenStore
from stores.common import FieldError


def categories_router(data: CatalogData, tokens: TokenStore) -> APIRouter:
    router = APIRouter(
        prefix="/api/v1/categories",
        tags=["categories"],
        dependencies=[Depends(require(tokens, "read"))],
    )

    @router.get("")
    async def list_categories(
        request: Request,
        page: int = Query(1, ge=1),
        limit: int = Query(20, ge=1, le=100),
        parent_id: str | None = Query(None, description="Only the direct children of this id"),
    ) -> Response:
        """Categories, parents before children; ``parent_id`` keeps direct children."""
        categories = list(data.categories.values())
        if parent_id is not None:
            if parent_id not in data.categories:
                message = f"Category '{parent_id}' does not exist"
                raise fail("invalid_category_id", [FieldError("parent_id", message)])
            categories = [c for c in categories if c["parent_id"] == parent_id]
        window, pagination = paginate(categories, page, limit)
        items = [data.render_category(c) for c in window]
        return cached_success(request, {"items": items, "pagination": pagination})

    @router.get("/{category_id}")
    async def get_category(request: Request, category_id: str) -> Response:
        category = data.categories.get(category_id)
        if category is None:
            raise fail("not_found", f"Category with ID '{category_id}' does not exist")
        return cached_success(request, {"item": data.render_category(category)})

    return router
