"""Litestore: products, creator content, reviews, AI helpers and analytics.

Base path ``/api``. Every endpoint needs ``Authorization: Bearer <api-key>``;
a missing or unknown key answers 401 ``AUTHENTICATION_ERROR``. Demo keys:

- ``ls_demo_full_key``: everything.
- ``ls_demo_read_key``: every GET and the three AI helpers; endpoints that
  create, change or delete data answer 403 ``AUTHORIZATION_ERROR``.

Rate limits, per key, fixed one-minute windows: 100 requests for most
endpoints, a separate 10 for content generation (``POST /api/ai/*``).
``X-RateLimit-Limit/Remaining/Reset`` on every response; past the limit, 429
``RATE_LIMITED`` with ``Retry-After``.

Errors: ``{"error": {"code", "message", "details"}}`` with the seed's codes
(VALIDATION_ERROR 400, AUTHENTICATION_ERROR 401, AUTHORIZATION_ERROR 403,
NOT_FOUND 404, RATE_LIMITED 429, SERVER_ERROR 5xx). Validation details are
``{"field", "issue"}`` of the first bad field plus ``errors``: all of them.
Bodies reject unknown fields; numbers and booleans must be JSON ones.

Lists answer ``{"data", "total", "limit", "offset"}``; ``limit`` 1-100
(default 20), ``offset`` ≥ 0; out of range is a 400. No ids-batch parameter.

Endpoints:

- ``GET /api/products``: ``category`` (category id = slug of the category
  name, e.g. ``skincare``), ``search`` (name, description, tags; any case),
  ``status`` (active, draft, archived). Ordered by id.
- ``POST /api/products`` → 201 with the product; starts ``draft``; ``name``
  and ``price`` (> 0) required; ``generateDescription: true`` writes the
  description with the AI generator. Also accepts ``gtin``/``mpn``.
- ``GET /api/products/{id}``; ``PUT /api/products/{id}`` changes the given
  fields (name, description, price, category, images, tags, status, gtin,
  mpn); ``DELETE /api/products/{id}`` → 204.
  Products: id (``prod-001``), name, description, price, category (name),
  images, tags (the brand's slug is one), status, createdAt, updatedAt,
  gtin, mpn (set on the shared items only).
- ``POST /api/creators/content`` → 201 with the item, ``pending_review``, and
  ``moderation.aiAnalysis`` {spamScore, qualityScore, sentiment}; creatorId
  and products must exist. Emits ``content.submitted``.
- ``GET /api/creators/content``: ``creatorId``, ``status`` (pending,
  approved, rejected), ``productId``. Ordered by id.
- ``POST /api/creators/content/{id}/moderate``: ``action`` approve|reject,
  ``feedback``, ``modifications`` (title, description, tags; applied on
  approve). Only ``pending_review`` content: otherwise 400 on ``status``.
  Approval adds the commission (5.00 + 5% of the linked prices) and emits
  ``content.approved``. Answers the item.
- ``POST /api/ai/generate-description``, ``/api/ai/analyze-content``,
  ``/api/ai/suggest-categories``: deterministic, offline.
- ``POST /api/products/{id}/reviews`` → 201 with the review; emits
  ``review.created``. ``GET /api/products/{id}/reviews``: ``rating`` 1-5,
  ``verified``, ``sort`` newest|oldest|helpful. ``POST
  /api/reviews/{id}/helpful`` → the review, ``helpfulCount`` + 1.
- ``GET /api/analytics/products/{id}``: ``period`` 7d|30d|90d|1y (default
  30d), ``metrics`` (repeated or comma list of views, purchases,
  conversionRate, avgOrderValue, topReferrers). ``GET
  /api/analytics/creators/{id}``: totals over the creator's content.

Webhooks: ``POST`` of ``{"id", "event", "data", "timestamp"}`` signed in
``x-litestore-signature`` (hex HMAC-SHA256 of the raw body under the
subscription secret); subscriptions via ``PUT /__sim/config``. Events:
content.submitted, content.approved, review.created, and — through the
simulator-only ``POST /__sim/purchase`` (see ``routes_sim``) —
product.purchased and commission.earned.

No caching headers: the seed documents none.
"""

from __future__ import annotations

import httpx
from fastapi import APIRouter, FastAPI

from stores.common import SimState, StoreSpec, WebhookDispatcher, build_store_app
from stores.litestore.auth import credentials
from stores.litestore.data import LitestoreData
from stores.litestore.errors import render_error
from stores.litestore.limits import pick_rule
from stores.litestore.routes_ai import ai_router
from stores.litestore.routes_analytics import analytics_router
from stores.litestore.routes_content import content_router
from stores.litestore.routes_products import products_router
from stores.litestore.routes_reviews import reviews_router
from stores.litestore.routes_sim import sim_router

SIGNATURE_HEADER = "x-litestore-signature"

__all__ = ["SIGNATURE_HEADER", "create_app"]


def create_app(
    *, control: bool = True, webhook_transport: httpx.AsyncBaseTransport | None = None
) -> FastAPI:
    """A Litestore simulator with freshly seeded data."""
    state = SimState()
    db = LitestoreData()
    hooks = WebhookDispatcher(state, signature_header=SIGNATURE_HEADER, transport=webhook_transport)
    routers: list[APIRouter] = [
        products_router(db),
        content_router(db, hooks),
        ai_router(),
        reviews_router(db, hooks),
        analytics_router(db),
    ]
    if control:
        routers.append(sim_router(db, hooks))
    spec = StoreSpec(
        title="Litestore API",
        description="Products, creator content, reviews, AI helpers and analytics.",
        render_error=render_error,
        pick_rule=pick_rule,
        credentials=credentials,
        reseed=db.reseed,
    )
    app = build_store_app(spec, state=state, routers=routers, control=control, webhooks=hooks)
    app.state.data = db
    return app
