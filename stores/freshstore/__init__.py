"""FreshStore: the Laravel-style store API of seed ``002_7b1e9cb3e0479249``.

Base path ``/api``. Every request first passes the WAF: a missing, empty or
generic User-Agent (curl, python-requests, python-httpx, axios, wget,
Go-http-client, okhttp, node-fetch, libwww, Java/, PostmanRuntime, ...) gets 403
``{"message": "Request blocked by WAF: a browser User-Agent is required."}`` before
auth, rate limits or routing; a browser UA (``Mozilla/5.0 ...``) passes.

Auth: ``Authorization: Bearer <key>`` on everything but ``GET /api/store/status``.
Missing/unknown key: 401 with the body ``"Unauthorized."`` (a JSON string, exactly
as the seed's error table shows it). Keys carry scopes: ``full``; broad ``read``
(every GET) and ``write`` (every POST/PATCH/DELETE; write does not imply read);
or per-resource ``<resource>:read|write`` with resources ``store``, ``users``,
``settings``, ``products``, ``offers``, ``categories``, ``brands``, ``articles``,
``article-categories``, ``pages``, ``analytics``, ``data``. Beyond its scopes a
key gets 403 ``{"message": "This token does not have write access."}`` (or
``read``); a per-resource-only key is told the scope: ``"... does not have
offers:read access."``. ``GET /api/users/login-link`` is a read;
``/api/categories/fill`` needs ``categories:write``, ``/api/products/import-links``
``products:write``.

Demo keys: ``fs_demo_full_key`` (full), ``fs_demo_read_key`` (read),
``fs_demo_write_key`` (write), ``fs_demo_products_read_key`` (products:read),
``fs_demo_catalog_read_key`` (products/offers/brands/categories:read).

Rate limit: 60 requests per minute per key (per client address without one);
``X-RateLimit-Limit/Remaining/Reset`` on every response past the WAF; 429
``{"message": "Too Many Attempts."}`` with ``Retry-After``.

Envelopes: ``{"data": ...}``; lists ``{"data": [...], "links": {first, last, prev,
next}, "meta": {current_page, from, last_page, per_page, to, total}}`` with ``page``
(default 1) and ``per_page`` (default 15, max 100; more is 422). Errors: 404
``{"message": "The API resource was not found"}`` (also for non-numeric ids and
soft-deleted products), 422 ``{"message", "errors": {field: [...]}}`` in Laravel's
wording, 500 ``{"message": "Server Error"}``. No ETag/Cache-Control.

Endpoints (all from the seed; none invented):
- store: GET status (public), info, stats, warnings, locales; POST clean
  (``operations``: default expired_offers, offerless_products, empty_brands,
  empty_categories; ``out_of_stock_offers`` opt-in; reports only requested keys and
  really deletes), regenerate-stock-texts, pick-logo-icon, generate-logo
- users: GET/POST ``/api/users``, GET ``/api/users/login-link?email=``,
  GET/PATCH ``/api/users/{id}`` (create with a known email returns that user, 200)
- settings: GET/PATCH ``/api/settings`` (flat ``{group}_{setting}``; ``xml-sitemap``
  flattens as ``xml_sitemap_``), GET/PATCH ``/api/settings/{group}`` (prefix
  stripped; unknown group 404; unknown key or wrong type 422)
- products: GET (``search``, ``enabled``, ``brand_id``, ``category_id``, ``sort_by``
  in id/title/slug/created_at/updated_at/review_score/review_quantity/
  analytics_visits/enabled, ``sort_dir``, ``include=brand,offers,categories``)/POST
  ``/api/products``; GET (``include=``)/PATCH/DELETE (soft) ``/api/products/{id}``;
  GET ``/{id}/offers`` (paginated), GET/POST ``/{id}/categories`` (POST syncs
  ``category_ids``), GET ``/{id}/analytics``; POST ``/api/products/import-links`` (202)
- offers: GET ``/api/offers/merchants``; GET (``search``, ``merchant``, ``enabled``,
  ``product_id``)/POST ``/api/offers``; GET/PATCH/DELETE ``/api/offers/{id}``;
  POST ``/{id}/products`` (syncs ``product_ids``). Expired offers are marked by an
  internal ``_delisted`` flag that is not exposed; ``store/clean`` finds them.
- categories: GET ``/tree``; GET (``search``, ``enabled``, ``parent_id``, empty =
  roots)/POST; GET/PATCH/DELETE ``/{id}`` (children move up to the parent);
  GET ``/{id}/products`` (paginated); POST ``/fill`` (202), ``/generate-list``
- brands: GET (``search``, ``enabled``)/POST; GET/PATCH/DELETE ``/{id}``;
  GET ``/{id}/products`` (paginated); POST ``/clean``
- articles: GET (``search``, ``enabled``, ``generated``, ``article_category_id``)/POST;
  GET (with ``article_categories``)/PATCH/DELETE ``/{id}``;
  POST ``/{id}/fill-empty-images``, POST ``/generate-topics``
- article-categories, pages (``key`` filter): GET/POST and GET/PATCH/DELETE ``/{id}``
- analytics: visits/summary, visits, visitors, visitors/{id}, pages, countries,
  devices, sources, clicks/summary, clicks, checkouts/summary, checkouts, actions
  (summaries end at the data's "today", 2026-03-09; all lists paginated)
- data: GET ``/api/data/openai-tokens``, GET ``/api/data/stats`` (alias)

Background work (fill, import-links, ``generate_ai_content``/``generate_images``)
runs as asyncio tasks about 50 ms after the 202/201. The AI endpoints are
deterministic and never touch the network. ``/__sim/`` is the shared control API.
"""

from __future__ import annotations

import httpx
from fastapi import FastAPI

from stores.common import SimState, StoreSpec, build_store_app
from stores.freshstore import (
    routes_analytics,
    routes_article_categories,
    routes_articles,
    routes_brands,
    routes_categories,
    routes_data,
    routes_jobs,
    routes_offers,
    routes_pages,
    routes_products,
    routes_settings,
    routes_store,
    routes_users,
)
from stores.freshstore.auth import credentials, pick_rule
from stores.freshstore.db import FreshDB
from stores.freshstore.errors import VALIDATION_STATUS, render_error
from stores.freshstore.waf import WafMiddleware

ROUTE_MODULES = (
    routes_store,
    routes_users,
    routes_settings,
    routes_jobs,
    routes_products,
    routes_offers,
    routes_categories,
    routes_brands,
    routes_articles,
    routes_article_categories,
    routes_pages,
    routes_analytics,
    routes_data,
)


def create_app(
    *, control: bool = True, webhook_transport: httpx.AsyncBaseTransport | None = None
) -> FastAPI:
    """A FreshStore simulator with freshly seeded data (FreshStore sends no webhooks,
    so ``webhook_transport`` is accepted and unused)."""
    db = FreshDB()
    spec = StoreSpec(
        title="FreshStore API",
        description=__doc__ or "",
        render_error=render_error,
        pick_rule=pick_rule,
        credentials=credentials,
        reseed=db.reseed,
        validation_status=VALIDATION_STATUS,
    )
    routers = [module.build_router(db) for module in ROUTE_MODULES]
    app = build_store_app(spec, state=SimState(), routers=routers, control=control)
    app.add_middleware(WafMiddleware)  # outermost: the WAF answers before anything else
    app.state.db = db
    return app
