"""Endpoints for a LiveLike end user: orders, redeem and refunds.

- Orders (``GET /api/orders``, ``/api/orders/{id}``): a valid API token and a
  ``livelike-user-token``; always scoped to that user (the seed's
  ``filters[livelikeUserId][$eq]`` "automatically applied": asking for another
  user's id matches nothing, another user's order id is 404).
- ``POST /api/redeem``: a full-access token (read-only → 403) and a
  ``livelike-user-token``.
- Refunds (``GET /api/refunds``, ``/api/refunds/{id}``): a valid API token;
  scoped to the user when a ``livelike-user-token`` is sent, every refund
  otherwise (the store operator's view).

GETs carry ``Cache-Control: private, no-cache`` and an ETag.
"""

from __future__ import annotations

from fastapi import APIRouter, Body, Depends, Request
from starlette.responses import JSONResponse, Response

from stores.rewards.auth import api_token_type, end_user, require_full_access
from stores.rewards.db import RewardsDB, Store, User
from stores.rewards.endpoints import answer, openapi_query, read_query
from stores.rewards.filters import Predicate
from stores.rewards.finder import find_many, find_one
from stores.rewards.redeem import RedeemRequest, redeem

USER_HEADER_DOC = {
    "name": "livelike-user-token",
    "in": "header",
    "schema": {"type": "string"},
}


def _owned_by(user: User | None) -> Predicate | None:
    if user is None:
        return None
    return lambda _db, e: e["livelikeUserId"] == user.livelike_user_id


def _with_user_header(extra: dict, required: bool) -> dict:
    return {"parameters": [*extra["parameters"], {**USER_HEADER_DOC, "required": required}]}


def _user_for_read(request: Request, db: RewardsDB, *, required: bool) -> User | None:
    api_token_type(request, required=True)
    return end_user(request, db, required=required)


def user_router(store: Store) -> APIRouter:
    """Orders, redeem and refunds."""
    router = APIRouter(tags=["orders"])

    def redeeming_user(request: Request) -> User:
        """Auth as a dependency, so it is judged before the body is validated."""
        require_full_access(request)
        user = end_user(request, store.db)
        assert user is not None
        return user

    @router.get(
        "/api/orders",
        summary="List the user's orders",
        openapi_extra=_with_user_header(openapi_query(many=True), True),
    )
    async def list_orders(request: Request) -> Response:
        user = _user_for_read(request, store.db, required=True)
        query = read_query(request, "order", many=True)
        return answer(request, find_many(store.db, "order", query, _owned_by(user)), private=True)

    @router.get(
        "/api/orders/{id}",
        summary="Get one of the user's orders",
        openapi_extra=_with_user_header(openapi_query(many=False), True),
    )
    async def get_order(id: str, request: Request) -> Response:
        user = _user_for_read(request, store.db, required=True)
        query = read_query(request, "order", many=False)
        return answer(
            request, find_one(store.db, "order", id, query, _owned_by(user)), private=True
        )

    @router.post(
        "/api/redeem",
        summary="Redeem a reward product",
        openapi_extra={"parameters": [{**USER_HEADER_DOC, "required": True}]},
    )
    async def post_redeem(
        user: User = Depends(redeeming_user), body: RedeemRequest | None = Body(None)
    ) -> Response:
        return JSONResponse(redeem(store.db, user, body))

    @router.get(
        "/api/refunds",
        summary="List refunds",
        openapi_extra=_with_user_header(openapi_query(many=True), False),
    )
    async def list_refunds(request: Request) -> Response:
        user = _user_for_read(request, store.db, required=False)
        query = read_query(request, "refund", many=True)
        return answer(request, find_many(store.db, "refund", query, _owned_by(user)), private=True)

    @router.get(
        "/api/refunds/{id}",
        summary="Get one refund",
        openapi_extra=_with_user_header(openapi_query(many=False), False),
    )
    async def get_refund(id: str, request: Request) -> Response:
        user = _user_for_read(request, store.db, required=False)
        query = read_query(request, "refund", many=False)
        return answer(
            request, find_one(store.db, "refund", id, query, _owned_by(user)), private=True
        )

    return router
