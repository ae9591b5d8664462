"""Litekart: a simulator of the Litekart REST API (seed ``001_b618aa6e3c8e3aad``).

Base path ``/api``. JSON in, JSON out.

Envelopes
    Success ``{"success": true, "data": ..., "message": "..."}``; lists add
    ``"pagination": {page, limit, total, totalPages, hasNext, hasPrev}``.
    Errors ``{"success": false, "error": {"code", "message", "details"}}`` with codes
    VALIDATION_ERROR, AUTHENTICATION_ERROR, AUTHORIZATION_ERROR, NOT_FOUND, CONFLICT,
    RATE_LIMITED, METHOD_NOT_ALLOWED, SERVER_ERROR, SERVICE_UNAVAILABLE. Validation
    ``details`` are a list of ``{"field", "message"}``. Bad query parameters (unknown
    ``sort``/``fields`` names, bad numbers, bad dates, ``limit`` > 100, > 100 ``ids``)
    answer 400; invalid request bodies 422; duplicates (product sku/slug, customer or
    user email, coupon code, category/brand slug) 409; creates 201; deletes 204.

Auth
    ``Authorization: Bearer lk_demo_admin_key`` is the admin API key (full access).
    ``Authorization: Bearer <JWT>`` is a customer: ``POST /api/auth/login`` with a
    seeded customer's email (``GET /api/customers`` as admin, or ``cus_0001``'s
    ``GET /__sim/credentials``) and the password ``password123`` (every seeded
    customer). JWTs are HS256, live ``token_ttl_s`` (default 3600 s) and only see or
    change their own customer record, orders, carts and payments (others → 403
    AUTHORIZATION_ERROR). Admin-only: the customers list, POST/DELETE customers,
    users, settings writes, coupon writes, catalogue writes, PATCH orders. Public
    (no credential): GET products, categories, brands, and ``/api/auth/*``. Missing,
    invalid or expired credentials → 401 AUTHENTICATION_ERROR.

Rate limits
    1000 requests/hour per valid credential (API key or JWT), 100/hour per client
    address otherwise; ``X-RateLimit-Limit/Remaining/Reset`` on every response,
    429 RATE_LIMITED with ``Retry-After`` past the limit.

Caching
    GETs carry an ``ETag`` and answer 304 to a matching ``If-None-Match``.
    Anonymous catalogue reads (products, categories, brands) are
    ``Cache-Control: public, max-age=60``; everything read with a credential is
    ``private, no-cache``.

List query language (every list endpoint)
    ``page`` (default 1), ``limit`` (default 20, max 100);
    ``sort=field:dir,field2:dir`` over a whitelist per resource (dir ``asc``/``desc``,
    default ``asc``; ties by ``id``; default order ``id`` ascending);
    ``fields=id,name,variants(id,price)`` selection with nested parentheses, also on
    single GETs; ``ids=a,b,c`` (defined convention, at most 100): only those ids, in
    the requested sort — the way to batch lookups by id. Dates accept ISO dates or
    date-times (UTC unless an offset is given); ``created_after`` is inclusive,
    ``created_before`` exclusive.

Endpoints (the seed names the resources; these conventional REST paths are defined)
    GET    /api/products              public; filters category (id or slug, includes
                                      subcategories), brand (id or slug), price_min,
                                      price_max, status, search, created_after,
                                      created_before; anonymous/JWT callers see only
                                      ``active`` products
    POST   /api/products              admin; emits product.created
    GET    /api/products/{id}         public (non-active products: admin only)
    PUT    /api/products/{id}         admin, partial; emits product.updated
    DELETE /api/products/{id}         admin
    GET    /api/categories            public; filter parent_id (``root`` = top level)
    POST   /api/categories            admin
    GET    /api/categories/{id}       public
    PUT    /api/categories/{id}       admin, partial
    DELETE /api/categories/{id}       admin; 409 while it has subcategories/products
    GET    /api/brands                public; filter search
    POST   /api/brands                admin
    GET    /api/brands/{id}           public
    PUT    /api/brands/{id}           admin, partial
    DELETE /api/brands/{id}           admin; 409 while it has products
    GET    /api/customers             admin; filters search, email
    POST   /api/customers             admin
    GET    /api/customers/{id}        admin or that customer
    PUT    /api/customers/{id}        admin or that customer, partial
    DELETE /api/customers/{id}        admin
    GET    /api/customers/{id}/orders admin or that customer; order filters
    GET    /api/orders                admin all / customer own; filters status,
                                      customer_id, created_after, created_before
    POST   /api/orders                place an order directly (same rules as checkout)
    GET    /api/orders/{id}           admin or its customer
    PATCH  /api/orders/{id}           admin ``{"status"}``: paid→processing→shipped→
                                      completed, or →refunded; emits order.updated
    POST   /api/orders/{id}/cancel    from pending_payment/paid/processing; restores
                                      stock; emits order.cancelled
    POST   /api/carts                 ``{"customer_id"?, "items"?}``
    GET    /api/carts/{id}
    POST   /api/carts/{id}/items      ``{"product_id", "variant_id"?, "quantity"}``
    PATCH  /api/carts/{id}/items/{item_id}   ``{"quantity"}``
    DELETE /api/carts/{id}/items/{item_id}   204
    POST   /api/carts/{id}/coupon     ``{"code"}``; unknown 404, unusable 422
    POST   /api/carts/{id}/checkout   ``{"shipping_address"?}`` → 201 order
                                      ``pending_payment``; takes stock; emits
                                      order.placed and inventory.low (stock under the
                                      ``low_stock_threshold`` setting, 5); insufficient
                                      stock → 422 and nothing changes
    GET    /api/payments              admin all / customer own; filters order_id, status
    POST   /api/payments              ``{"order_id", "amount", "method"}``: exact total
                                      → order ``paid``, emits payment.completed; wrong
                                      amount 422; already paid 409
    GET    /api/payments/{id}
    GET    /api/coupons               any credential; filter active
    POST   /api/coupons               admin
    POST   /api/coupons/validate      ``{"code", "subtotal"?}`` → ``{valid, reason,
                                      coupon, discount}``
    GET    /api/coupons/{id}          any credential
    PUT    /api/coupons/{id}          admin, partial
    DELETE /api/coupons/{id}          admin
    GET    /api/users                 admin; filters role, status
    POST   /api/users                 admin
    GET    /api/users/{id}            admin
    PUT    /api/users/{id}            admin, partial
    DELETE /api/users/{id}            admin
    GET    /api/settings              any credential
    PUT    /api/settings              admin, partial
    POST   /api/auth/login            ``{"email", "password"}`` → token
    POST   /api/auth/register         creates a customer, emits customer.registered

Totals
    ``subtotal`` = sum of line totals; ``discount`` from the coupon (percent of subtotal,
    or fixed up to the subtotal); ``shipping`` = ``shipping_flat_rate`` (5.99) unless
    subtotal - discount >= ``free_shipping_threshold`` (75); ``tax`` = ``tax_rate``
    (0.08) x (subtotal - discount); ``total`` = subtotal - discount + shipping + tax.

Webhooks
    Subscriptions come from ``PUT /__sim/config {"webhooks": [...]}``. Each event is a
    POST of ``{"id", "event", "data", "timestamp"}`` signed with
    ``X-Litekart-Signature`` = hex HMAC-SHA256 of the raw body under the secret,
    retried with backoff on failure. Events: order.placed, order.updated,
    order.cancelled, product.created, product.updated, customer.registered,
    payment.completed, inventory.low; ``data`` uses the seed's camelCase ids
    (``orderId``, ``customerId``, ``productId``...).

Seed data
    18 categories, 17 brands, 220 products (``prod_0001``-``prod_0020`` are the shared
    items with ``sku`` = MPN and ``barcode`` = GTIN), 120 customers, 520 orders and
    their payments, 8 coupons, 5 users, settings.
"""

from __future__ import annotations

import httpx
from fastapi import FastAPI

from stores.common import SimState, StoreSpec, WebhookDispatcher, build_store_app
from stores.litekart import (
    routes_auth,
    routes_brands,
    routes_carts,
    routes_categories,
    routes_coupons,
    routes_customers,
    routes_orders,
    routes_payments,
    routes_products,
    routes_settings,
    routes_users,
)
from stores.litekart.auth import Auth, demo_credentials
from stores.litekart.context import Context
from stores.litekart.db import Database
from stores.litekart.errors import install_status_split, render_error

SIGNATURE_HEADER = "X-Litekart-Signature"


def create_app(
    *, control: bool = True, webhook_transport: httpx.AsyncBaseTransport | None = None
) -> FastAPI:
    """A fresh Litekart simulator with its seed data."""
    state = SimState()
    db = Database(state.clock)
    auth = Auth(db, state)
    hooks = WebhookDispatcher(state, signature_header=SIGNATURE_HEADER, transport=webhook_transport)
    ctx = Context(db=db, auth=auth, state=state, hooks=hooks)
    spec = StoreSpec(
        title="Litekart API",
        description=(__doc__ or "").split("\n\n", 1)[0],
        render_error=render_error,
        pick_rule=auth.pick_rule,
        credentials=lambda: demo_credentials(auth),
        reseed=db.reseed,
        validation_status=422,
    )
    modules = (
        routes_auth,
        routes_products,
        routes_categories,
        routes_brands,
        routes_customers,
        routes_orders,
        routes_carts,
        routes_payments,
        routes_coupons,
        routes_users,
        routes_settings,
    )
    app = build_store_app(
        spec,
        state=state,
        routers=[module.router(ctx) for module in modules],
        control=control,
        webhooks=hooks,
    )
    install_status_split(app)
    app.state.db = db
    return app
