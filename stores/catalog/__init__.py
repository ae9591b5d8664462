"""Catalog: the "E-Commerce Product API v1" simulator (seed ``004_015f859105bdbcf4``).

Base path ``/api/v1``. JSON everywhere.

Auth — OAuth client credentials:
- ``POST /api/v1/auth/token {client_id, client_secret, grant_type: "client_credentials"}``
  → 200 ``{status: "success", data: {access_token, refresh_token, token_type: "Bearer",
  expires_in}, meta}`` (``expires_in`` in seconds; fractional when ``token_ttl_s`` is).
  Wrong client id/secret → 401 ``unauthorized``; missing fields or a ``grant_type`` other
  than ``client_credentials`` → 400 ``validation_error``.
- ``POST /api/v1/auth/refresh {refresh_token, grant_type: "refresh_token"}`` → 200, a new
  pair. Refresh tokens rotate (the used one stops working: 401 ``unauthorized``) and live
  30 days (past that: 401 ``token_expired``). Access tokens issued earlier stay valid
  until their own expiry.
- Every other endpoint needs ``Authorization: Bearer <access_token>``. Tokens are opaque;
  expiry is kept server-side: access tokens live ``token_ttl_s`` seconds (default 3600,
  ``PUT /__sim/config {"token_ttl_s": S}``, read when a token is issued). Missing header or
  unknown token → 401 ``unauthorized``; expired → 401 ``token_expired``. Auth is checked
  before the query, path or body. Tokens survive ``/__sim/reset`` (with or without data).
- Demo clients: ``catalog_demo_client`` / ``catalog_demo_secret`` (read + write) and
  ``catalog_demo_reader`` / ``catalog_demo_reader_secret`` (read only: writes → 403
  ``forbidden``).

Rate limits: 100 requests per minute per access token (``X-RateLimit-Limit/Remaining/Reset``
on every response); the auth endpoints have their own 100/minute per client address. Past
the limit: 429 ``rate_limit_exceeded`` with ``meta.rate_limit {limit, remaining, reset}``
and ``Retry-After``.

Envelopes: success ``{"status": "success", "data": ..., "meta": {"request_id",
"timestamp"}}`` — lists ``data: {items, pagination: {total, page, limit, pages, has_next,
has_prev}}``, single objects ``data: {item}``. Errors ``{"status": "error", "error": {code,
message, details}, "meta"}`` with the seed's codes: ``validation_error``, ``invalid_json``,
``invalid_product_data``, ``invalid_category_id``, ``invalid_image_url``,
``inventory_error`` (400), ``unauthorized``, ``token_expired`` (401), ``forbidden`` (403),
``not_found`` (404), ``duplicate_product`` (409), ``rate_limit_exceeded`` (429),
``internal_error`` (500), ``service_unavailable`` (503; injected faults). ``details`` lists
``{field, message}`` for field problems, otherwise it is a sentence (404: ``"Product with ID
'prod_999999' does not exist"``). Also ``method_not_allowed`` (405, not in the seed).

Simulator notes: an expired access token answers ``token_expired`` for a day after expiry,
then ``unauthorized``; ``maintenance_mode`` (503) is never produced; injected faults answer
``internal_error`` (500) or ``service_unavailable`` (other 5xx). ``create_app(clock=...)``
takes the clock (epoch seconds) that drives token expiry and rate-limit windows.

GETs carry ``ETag`` (over ``data``) and ``Cache-Control: private, max-age=30`` and answer
304 to a matching ``If-None-Match``.

Endpoints:
- ``GET /api/v1/products`` — ``page`` (≥1, default 1), ``limit`` (1-100, default 20; more →
  400 ``validation_error``), ``category_id`` (exactly that category, not its descendants;
  unknown → 400 ``invalid_category_id``), ``status`` (active|draft|archived; default all),
  ``sort`` (created_at|updated_at|price|name, default created_at), ``order`` (asc|desc,
  default desc; ties keep ascending id order), ``search`` (case-insensitive substring of name
  or description). No multi-id lookup exists.
- ``GET /api/v1/products/{product_id}`` — 404 ``not_found`` when unknown.
- ``POST /api/v1/products`` → 201 ``{item}``. Required ``name``, ``description``, ``price``,
  ``category_id``; optional ``currency`` (3 capital letters, default USD), ``inventory``
  (integer, default 0), ``images`` (URL strings or ``{url, alt, is_primary}``, ≤10),
  ``attributes`` (object), ``status`` (default active). Unknown fields, wrong types, nulls →
  400 ``validation_error`` listing every field. Then, in order: ``invalid_product_data``
  (price ≤ 0, > 1,000,000 or > 2 decimals; bad ``attributes.gtin`` check digit; two primary
  images), ``inventory_error`` (negative, or below the reserved units), ``invalid_category_id``,
  ``invalid_image_url`` (not absolute http(s)), 409 ``duplicate_product`` (same name ignoring
  case, or same ``attributes.gtin``). Malformed JSON → 400 ``invalid_json``.
- ``PUT /api/v1/products/{product_id}`` → 200 ``{item}``; partial: only fields sent change
  (``images``/``attributes`` are replaced whole); same validation. ``inventory`` sets the
  total; ``available = total - reserved``.
- ``DELETE /api/v1/products/{product_id}`` → 200 ``{"data": {"id", "deleted": true}}``.
- ``GET /api/v1/categories`` — ``page``, ``limit`` (as products), ``parent_id`` (direct
  children of that category; unknown → 400 ``invalid_category_id``). Parents precede
  children. A category is ``{id, name, description, parent_id, level, path, product_count,
  created_at, updated_at}`` (``product_count``: products filed directly under it).
- ``GET /api/v1/categories/{category_id}`` — 404 ``not_found`` when unknown.

Data: 240 products (``prod_100001``…) over a 43-category tree (9 top-level departments, up
to 3 levels, ids like ``electronics``, ``electronics-audio``,
``electronics-audio-headphones``). Every product has ``attributes.brand``, ``.gtin`` and
``.mpn``; the shared items of ``items_for("catalog")`` carry their shared GTIN and MPN.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import httpx
from fastapi import FastAPI

from stores.catalog.errors import render_error
from stores.catalog.limits import pick_rule
from stores.catalog.routes_auth import auth_router
from stores.catalog.routes_categories import categories_router
from stores.catalog.routes_products import products_router
from stores.catalog.store import CatalogData
from stores.catalog.tokens import CLIENTS, TokenStore
from stores.common import SimState, StoreSpec, build_store_app

__all__ = ["create_app", "credentials"]


def credentials() -> dict[str, object]:
    """The demo credentials for ``GET /__sim/credentials``."""
    return {
        "client_id": "catalog_demo_client",
        "client_secret": "catalog_demo_secret",
        "clients": {
            client.client_id: {
                "client_secret": client.client_secret,
                "scopes": sorted(client.scopes),
            }
            for client in CLIENTS.values()
        },
    }


def create_app(
    *,
    control: bool = True,
    webhook_transport: httpx.AsyncBaseTransport | None = None,
    clock: Callable[[], float] = time.time,
) -> FastAPI:
    """The Catalog app. ``clock`` (seconds) drives token expiry and rate-limit windows;
    Catalog sends no webhooks, so ``webhook_transport`` is unused."""
    state = SimState(clock=clock)
    data = CatalogData()
    tokens = TokenStore(state)
    spec = StoreSpec(
        title="E-Commerce Product API",
        description="Catalog simulator: products with inventory, categories, OAuth tokens.",
        render_error=render_error,
        pick_rule=pick_rule,
        credentials=credentials,
        reseed=data.reseed,
        validation_status=400,
        version="1.0.0",
    )
    routers = [
        auth_router(tokens),
        products_router(data, tokens, state),
        categories_router(data, tokens),
    ]
    return build_store_app(spec, state=state, routers=routers, control=control)
