"""Rewards: a Strapi v4 reward store (seed ``003_00ce0d7c87188036.txt``).

Base path ``/api``. Envelopes: lists ``{"data": [{"id", "attributes"}],
"meta": {"pagination": {"page", "pageSize", "pageCount", "total"}}}`` (or
``{"start", "limit", "total"}`` with offset pagination), single entries
``{"data": {"id", "attributes"}, "meta": {}}``, errors ``{"data": null,
"error": {"status", "name", "message", "details"}}`` (see ``errors``).

Auth (see ``auth``): ``Authorization: Bearer rw_demo_store_token`` (full
access) or ``rw_demo_read_token`` (read-only); end users by the
``livelike-user-token`` header (``llu_demo_user_001`` .. ``llu_demo_user_012``
for ``user-001`` .. ``user-012``). Missing/unknown token → 401, read-only
token on redeem → 403, missing/unknown user token → 401.

Rate limit (see ``limits``): 300 requests / 60 s per credential (bearer token,
else client address), ``X-RateLimit-Limit/Remaining/Reset`` on every answer,
429 RateLimitError past it.

Endpoints (all from the seed):

- ``GET /api/products``, ``GET /api/products/{id}`` — public
- ``GET /api/categories``, ``GET /api/categories/{id}`` — public, ``locale``
  (default ``en``, ``all`` for every locale)
- ``GET /api/reward-items``, ``GET /api/reward-items/{id}`` — public
- ``GET /api/badges``, ``GET /api/badges/{id}`` — public
- ``GET /api/orders``, ``GET /api/orders/{id}`` — token + user token, scoped to
  the user
- ``POST /api/redeem`` — full-access token + user token; body ``{productId,
  quantity=1 (1..100), sku?}``; check order and error codes in ``redeem``
- ``GET /api/refunds``, ``GET /api/refunds/{id}`` — token; scoped to the user
  when a user token is sent

Every list takes Strapi's ``filters``/``sort``/``pagination``/``fields``/
``populate``/``publicationState`` (see ``query`` and ``filters``); a gateway
batches lookups with ``filters[id][$in][0]=1&filters[id][$in][1]=2`` (or
``filters[id][$in]=1,2``) and ``pagination[pageSize]=100``. Public GETs answer
``Cache-Control: public, max-age=60``, user-scoped ones ``private, no-cache``,
all with an ETag (``If-None-Match`` → 304). Unknown ids and non-integer ids
are 404 NotFoundError, as Strapi answers them.

Data (see ``data``): 64 products, 11 categories, 3 reward items, 9 badges, 12
users, 160 orders, refunds for the refunded ones; ``/__sim/credentials``
lists the tokens and every user's Points balance.
"""

from __future__ import annotations

from typing import Any

import httpx
from fastapi import FastAPI

from stores.common import SimState, StoreSpec, build_store_app
from stores.rewards.auth import FULL_TOKEN, READ_TOKEN
from stores.rewards.data import POINTS, build
from stores.rewards.db import Store
from stores.rewards.errors import render_error
from stores.rewards.limits import pick_rule
from stores.rewards.routes_catalog import catalog_router
from stores.rewards.routes_user import user_router

__all__ = ["create_app"]


def create_app(
    *, control: bool = True, webhook_transport: httpx.AsyncBaseTransport | None = None
) -> FastAPI:
    """The Rewards store app (``webhook_transport`` is unused: no webhooks)."""
    store = Store(build())

    def reseed() -> None:
        store.db = build()

    def credentials() -> dict[str, Any]:
        return {
            "api_key": FULL_TOKEN,
            "keys": {"full": FULL_TOKEN, "read": READ_TOKEN},
            "users": [
                {"id": u.livelike_user_id, "token": u.token, "balance": u.wallets.get(POINTS, 0)}
                for u in store.db.users.values()
            ],
        }

    spec = StoreSpec(
        title="Rewards Store API",
        description=(__doc__ or "").strip(),
        render_error=render_error,
        pick_rule=pick_rule,
        credentials=credentials,
        reseed=reseed,
        validation_status=400,
    )
    app = build_store_app(
        spec,
        state=SimState(),
        routers=[catalog_router(store), user_router(store)],
        control=control,
    )
    app.state.rewards = store
    return app
