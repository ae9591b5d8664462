"""The public catalogue: products, categories, reward items and badges.

No token needed; a token that is sent must be valid (401 otherwise). Answers
carry ``Cache-Control: public, max-age=60`` and an ETag.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from stores.rewards.auth import api_token_type
from stores.rewards.db import Store
from stores.rewards.endpoints import answer, openapi_query, read_query
from stores.rewards.finder import find_many, find_one

# path, content type, summary noun, localized
CATALOG = (
    ("/api/products", "product", "reward products", False),
    ("/api/categories", "category", "product categories", True),
    ("/api/reward-items", "reward-item", "reward items", False),
    ("/api/badges", "badge", "badges", False),
)


def catalog_router(store: Store) -> APIRouter:
    """List and single-entry endpoints of every public collection."""
    router = APIRouter(tags=["catalog"])
    for path, ctype, noun, localized in CATALOG:
        _add_collection(router, store, path, ctype, noun, localized)
    return router


def _add_collection(
    router: APIRouter, store: Store, path: str, ctype: str, noun: str, localized: bool
) -> None:
    async def list_entries(request: Request) -> Response:
        api_token_type(request, required=False)
        query = read_query(request, ctype, many=True, localized=localized)
        return answer(request, find_many(store.db, ctype, query), private=False)

    async def get_entry(id: str, request: Request) -> Response:
        api_token_type(request, required=False)
        query = read_query(request, ctype, many=False, localized=localized)
        return answer(request, find_one(store.db, ctype, id, query), private=False)

    router.add_api_route(
        path,
        list_entries,
        methods=["GET"],
        summary=f"List {noun}",
        operation_id=f"list_{ctype.replace('-', '_')}",
        openapi_extra=openapi_query(many=True, localized=localized),
    )
    router.add_api_route(
        path + "/{id}",
        get_entry,
        methods=["GET"],
        summary=f"Get one of the {noun}",
        operation_id=f"get_{ctype.replace('-', '_')}",
        openapi_extra=openapi_query(many=False, localized=localized),
    )
