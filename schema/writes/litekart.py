"""Litekart's writes (seed ``001``; the REST paths the simulator defines after it).

Carts, checkout and payment for a customer (their own JWT, forwarded) or support;
orders, customers, the catalogue, coupons, back-office users and settings for the
roles that run them. Every write is a declaration; :mod:`schema.writes.factory`
makes the mutations. Login and registration belong to identity (``gateway.identity``).

Read-your-writes: a write drops the cached reads of what it changed — the object by
id (any ``fields=``), the lists it appears in (any filter), and what it touches
besides (checkout takes stock: the products; paying changes the customer's
``total_spent``) — and primes the request's loaders with the store's answer.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

import strawberry

from gateway.sources import Source
from gateway.writes.spec import Access, Call, Field, Naming, Result, Shape, Write
from resolvers import litekart as fetch
from schema.common import Money, ProductStatus, money
from schema.litekart import (
    AdminUser,
    AdminUserRole,
    AdminUserStatus,
    Cart,
    Coupon,
    CouponType,
    Customer,
    LitekartBrand,
    LitekartCategory,
    LitekartOrderStatus,
    LitekartProduct,
    LitekartSettings,
    Payment,
    PaymentMethod,
    StoreOrder,
)
from schema.writes.kit import deleted_id, object_id, read_back, returned, update_of

SOURCE = Source.LITEKART
EMAIL = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
COUNTRY = r"^[A-Z]{2}$"
MAX_MONEY = 1_000_000

SHOPPER = Access.of("support", viewer=[SOURCE])
"""The customer, with their own token (Litekart checks it is theirs), or support."""
CATALOG = Access.of("catalog_editor")
ADMIN = Access.of("admin")


def write(name: str, description: str, method: str, path: str, **kw: Any) -> Write:
    return Write(
        name=name,
        description=description,
        source=SOURCE,
        method=method,
        path=path,
        naming=Naming.SNAKE,
        unwrap=lambda body: body["data"],
        **kw,
    )


def prime(resource: str) -> Any:
    def primer(context: Any, call: Call) -> None:
        if isinstance(call.result, dict) and "id" in call.result:
            fetch.prime(context, resource, call.result)

    return primer


def row(name: str, graph_type: Any, description: str) -> Result:
    return returned(name, graph_type, graph_type.from_json, description)


def money_field(name: str, description: str, required: bool = False, **rules: Any) -> Field:
    rules.setdefault("ge", 0)
    return Field(name, Decimal, description, required=required, le=MAX_MONEY, decimals=2, **rules)


# ---------------------------------------------------------------- shapes

LINE = Shape(
    "LitekartLineInput",
    "A product (and variant) and how many of it.",
    (
        object_id("productId", "LitekartProduct", "The product."),
        Field(
            "variantId",
            str,
            "The variant's id (`LitekartVariant.id`); required when the product has variants.",
        ),
        Field("quantity", int, "How many.", ge=1, le=100, default=1),
    ),
)
ADDRESS_FIELDS = (
    Field("line1", str, "Street and number.", required=True, min_length=1, max_length=200),
    Field("line2", str, "Apartment, suite, floor.", max_length=200),
    Field("city", str, "City.", required=True, min_length=1, max_length=100),
    Field("state", str, "State, province or region.", max_length=100),
    Field("postalCode", str, "Postal code.", required=True, min_length=1, max_length=20),
    Field(
        "country",
        str,
        "ISO 3166-1 alpha-2 country code, e.g. `US`.",
        required=True,
        pattern=COUNTRY,
    ),
)
SHIPPING_ADDRESS = Shape(
    "LitekartShippingAddressInput", "Where an order is shipped.", ADDRESS_FIELDS
)
CUSTOMER_ADDRESS = Shape(
    "LitekartAddressInput",
    "One of a customer's saved addresses.",
    (
        Field("label", str, "A name for it, e.g. Home or Work.", max_length=50),
        *ADDRESS_FIELDS,
        Field("isDefault", bool, "Whether orders ship here unless told otherwise."),
    ),
)
IMAGE = Shape(
    "LitekartImageInput",
    "A product image.",
    (
        Field("url", str, "Where the image is.", required=True, min_length=1, max_length=2000),
        Field("alt", str, "Alternative text.", max_length=200),
    ),
)
VARIANT = Shape(
    "LitekartVariantInput",
    "A variant of a product (a size, a colour).",
    (
        Field("id", str, "The variant's id, to keep an existing variant when replacing them."),
        Field(
            "sku",
            str,
            "The variant's stock-keeping unit.",
            required=True,
            min_length=1,
            max_length=64,
        ),
        Field(
            "name",
            str,
            "What tells it apart, e.g. Large.",
            required=True,
            min_length=1,
            max_length=100,
        ),
        money_field("price", "Its price.", required=True),
        Field("stock", int, "Units in stock.", ge=0, le=1_000_000),
    ),
)

# ---------------------------------------------------------------- catalogue

PRODUCT_FIELDS = (
    Field("name", str, "The product's name.", required=True, min_length=1, max_length=200),
    Field(
        "slug",
        str,
        "URL name (lower-case words joined by dashes); made from the name when left out.",
        min_length=1,
        max_length=200,
        pattern=SLUG,
    ),
    Field("description", str, "What it is.", max_length=5000),
    money_field("price", "Its price.", required=True),
    money_field(
        "compareAtPrice",
        "The price it is compared with (was).",
    ),
    Field(
        "sku",
        str,
        "Stock-keeping unit (the shared items' MPN).",
        required=True,
        min_length=1,
        max_length=64,
    ),
    Field("barcode", str, "GTIN/EAN/UPC, 8-14 digits.", pattern=r"^\d{8,14}$"),
    Field("categoryId", str, "Its category.", id_of="LitekartCategory"),
    Field("brandId", str, "Its brand.", id_of="LitekartBrand"),
    Field("status", ProductStatus, "Lifecycle status (default ACTIVE)."),
    Field("stock", int, "Units in stock.", ge=0, le=1_000_000),
    Field("images", IMAGE, "Its images.", many=True, max_items=20),
    Field("variants", VARIANT, "Its variants (replaced whole on update).", many=True, max_items=50),
    Field("tags", str, "Free tags.", many=True, min_length=1, max_length=50, max_items=30),
)
PRODUCT_ID = object_id("id", "LitekartProduct", "The product.")
PRODUCT_STALE = ("/api/products", "/api/products/{id}", "/api/carts/*")

CATEGORY_FIELDS = (
    Field("name", str, "The category's name.", required=True, min_length=1, max_length=100),
    Field(
        "slug",
        str,
        "URL name; made from the name when left out.",
        min_length=1,
        max_length=200,
        pattern=SLUG,
    ),
    Field("description", str, "What it holds.", max_length=2000),
    Field("parentId", str, "Its parent (none: a top-level category).", id_of="LitekartCategory"),
    Field("position", int, "Its place among its siblings.", ge=0, le=10_000),
)
CATEGORY_ID = object_id("id", "LitekartCategory", "The category.")

BRAND_FIELDS = (
    Field("name", str, "The brand's name.", required=True, min_length=1, max_length=100),
    Field(
        "slug",
        str,
        "URL name; made from the name when left out.",
        min_length=1,
        max_length=200,
        pattern=SLUG,
    ),
    Field("description", str, "About the brand.", max_length=2000),
    Field("website", str, "The brand's website.", max_length=2000),
    Field("logoUrl", str, "Where its logo is.", max_length=2000),
)
BRAND_ID = object_id("id", "LitekartBrand", "The brand.")

# ---------------------------------------------------------------- people

CUSTOMER_FIELDS = (
    Field(
        "email", str, "Their email address (unique).", required=True, max_length=254, pattern=EMAIL
    ),
    Field("firstName", str, "First name.", required=True, min_length=1, max_length=100),
    Field("lastName", str, "Last name.", required=True, min_length=1, max_length=100),
    Field("phone", str, "Phone number.", min_length=3, max_length=30),
    Field(
        "addresses",
        CUSTOMER_ADDRESS,
        "Saved addresses (replaced whole on update).",
        many=True,
        max_items=10,
    ),
    Field("password", str, "A password for signing in.", min_length=8, max_length=128),
)
CUSTOMER_ID = object_id("id", "Customer", "The customer.")

USER_FIELDS = (
    Field(
        "email", str, "Their email address (unique).", required=True, max_length=254, pattern=EMAIL
    ),
    Field("name", str, "Their name.", required=True, min_length=1, max_length=100),
    Field("role", AdminUserRole, "What they may do.", required=True),
    Field("status", AdminUserStatus, "Whether they may sign in (default ACTIVE)."),
    Field("password", str, "Their password.", required=True, min_length=8, max_length=128),
)
USER_ID = object_id("id", "AdminUser", "The back-office user.")

COUPON_FIELDS = (
    Field(
        "code",
        str,
        "The code shoppers type (letters, digits, `_`, `-`).",
        required=True,
        pattern=r"^[A-Za-z0-9_-]{3,32}$",
        min_length=3,
        max_length=32,
    ),
    Field("type", CouponType, "Percent of the subtotal or a fixed amount.", required=True),
    Field(
        "value",
        Decimal,
        "The percent, or the amount off.",
        required=True,
        gt=0,
        le=MAX_MONEY,
        decimals=2,
    ),
    money_field("minOrderAmount", "The smallest subtotal it applies to."),
    Field("maxUses", int, "How many times it may be used in all.", ge=1),
    Field("startsAt", datetime, "When it starts to apply."),
    Field("expiresAt", datetime, "When it stops applying."),
    Field("active", bool, "Whether it applies at all (default true)."),
)
COUPON_ID = object_id("id", "Coupon", "The coupon.")


# ---------------------------------------------------------------- orders, carts, payments


def _order_products(call: Call) -> list[str]:
    items = (call.result or {}).get("items") or []
    return [f"/api/products/{i['product_id']}" for i in items if i.get("product_id")]


ORDER_PLACED = (
    "/api/orders",
    "/api/customers",
    "/api/customers/{result[customer_id]}",
    "/api/customers/{result[customer_id]}/orders",
    "/api/products",
    _order_products,
    "/api/coupons",
    "/api/coupons/*",
)
ORDER_CHANGED = (
    "/api/orders",
    "/api/orders/{result[id]}",
    "/api/customers",
    "/api/customers/{result[customer_id]}",
    "/api/customers/{result[customer_id]}/orders",
    "/api/payments",
    "/api/payments/*",
)
ORDER_ID = object_id("orderId", "StoreOrder", "The order.")
CART_ID = object_id("cartId", "Cart", "The cart.")
ITEM_ID = Field("itemId", str, "The cart line (`CartItem.id`).", required=True, min_length=1)
CART_STALE = ("/api/carts/{cartId}",)


def _cart(context: Any, call: Call) -> Any:
    return fetch.one(context, "carts", call.values["cartId"])


def _paid_order(context: Any, call: Call) -> Any:
    return fetch.one(context, "orders", (call.result or {}).get("order_id", ""))


_prime_order = prime("orders")
"""Primes the order loader with the order a checkout or order write answers."""


@strawberry.type(description="Whether a coupon code applies, and what it would take off.")
class LitekartCouponCheck:
    valid: bool = strawberry.field(description="Whether the code applies.")
    reason: str | None = strawberry.field(description="Why not, when it does not.")
    coupon: Coupon | None = strawberry.field(description="The coupon the code names, if any.")
    discount: Money | None = strawberry.field(description="What it takes off the given subtotal.")

    @staticmethod
    def from_json(body: dict[str, Any]) -> LitekartCouponCheck:
        coupon = body.get("coupon")
        return LitekartCouponCheck(
            valid=bool(body.get("valid")),
            reason=body.get("reason"),
            coupon=Coupon.from_json(coupon) if coupon else None,
            discount=money(body.get("discount")),
        )


CART = "The cart as it is now, priced from the current catalogue."

WRITES: tuple[Write, ...] = (
    # carts → checkout → payment
    write(
        "createLitekartCart",
        "Start a cart for the customer (a customer's token: their own; support names "
        "`customerId`), optionally with lines.",
        "POST",
        "/api/carts",
        fields=(
            Field(
                "customerId",
                str,
                "Whose cart (support only; a customer's token makes their own).",
                id_of="Customer",
            ),
            Field("items", LINE, "Lines to start with.", many=True, max_items=100),
        ),
        results=(row("cart", Cart, CART),),
        access=SHOPPER,
        prime=prime("carts"),
        fallback_field="customerId",
    ),
    write(
        "addLitekartCartItem",
        "Put a product in a cart (adds to the line's quantity when it is already there).",
        "POST",
        "/api/carts/{cartId}/items",
        fields=(CART_ID, *LINE.fields),
        results=(row("cart", Cart, CART),),
        access=SHOPPER,
        idempotent=False,
        stale=CART_STALE,
        prime=prime("carts"),
    ),
    write(
        "updateLitekartCartItem",
        "Set how many of a cart line.",
        "PATCH",
        "/api/carts/{cartId}/items/{itemId}",
        fields=(CART_ID, ITEM_ID, Field("quantity", int, "How many.", required=True, ge=1, le=100)),
        results=(row("cart", Cart, CART),),
        access=SHOPPER,
        stale=CART_STALE,
        prime=prime("carts"),
        not_found_field="itemId",
    ),
    write(
        "removeLitekartCartItem",
        "Take a line out of a cart.",
        "DELETE",
        "/api/carts/{cartId}/items/{itemId}",
        fields=(CART_ID, ITEM_ID),
        results=(read_back("cart", Cart, Cart.from_json, CART, _cart),),
        access=SHOPPER,
        stale=CART_STALE,
        not_found_field="itemId",
    ),
    write(
        "applyLitekartCoupon",
        "Apply a coupon code to a cart (an unknown code is `NOT_FOUND`; one that does not "
        "apply, `VALIDATION_ERROR`).",
        "POST",
        "/api/carts/{cartId}/coupon",
        fields=(
            CART_ID,
            Field("code", str, "The coupon code.", required=True, min_length=1, max_length=50),
        ),
        results=(row("cart", Cart, CART),),
        access=SHOPPER,
        idempotent=True,
        stale=CART_STALE,
        prime=prime("carts"),
        not_found_field="code",
    ),
    write(
        "checkoutLitekartCart",
        "Turn a cart into an order awaiting payment: stock is taken, the cart closes. "
        "Insufficient stock is a `VALIDATION_ERROR` and changes nothing.",
        "POST",
        "/api/carts/{cartId}/checkout",
        fields=(
            CART_ID,
            Field(
                "shippingAddress",
                SHIPPING_ADDRESS,
                "Where to ship (default: the customer's default address).",
            ),
        ),
        results=(
            row("order", StoreOrder, "The order placed, awaiting payment."),
            read_back("cart", Cart, Cart.from_json, "The cart, now checked out.", _cart),
        ),
        access=SHOPPER,
        stale=(*CART_STALE, *ORDER_PLACED),
        prime=_prime_order,
        fallback_field="cartId",
    ),
    write(
        "payLitekartOrder",
        "Pay an order awaiting payment; the amount must be its exact total (else "
        "`VALIDATION_ERROR`; an order already paid is `CONFLICT`).",
        "POST",
        "/api/payments",
        fields=(
            ORDER_ID,
            money_field("amount", "The order's exact total.", required=True),
            Field("method", PaymentMethod, "How it is paid (default CARD)."),
        ),
        results=(
            row("payment", Payment, "The payment made."),
            read_back(
                "order", StoreOrder, StoreOrder.from_json, "The order, now paid.", _paid_order
            ),
        ),
        access=SHOPPER,
        stale=(
            "/api/orders",
            "/api/orders/{orderId}",
            "/api/customers",
            "/api/customers/{result[customer_id]}",
            "/api/customers/{result[customer_id]}/orders",
            "/api/payments",
        ),
        prime=prime("payments"),
    ),
    write(
        "cancelLitekartOrder",
        "Cancel an order that is awaiting payment, paid or processing: stock goes back, "
        "a payment is refunded.",
        "POST",
        "/api/orders/{orderId}/cancel",
        fields=(ORDER_ID,),
        results=(row("order", StoreOrder, "The order, now cancelled."),),
        access=SHOPPER,
        idempotent=True,
        stale=(*ORDER_CHANGED, "/api/products", _order_products),
        prime=_prime_order,
    ),
    write(
        "placeLitekartOrder",
        "Place an order directly from lines (the same rules as checkout).",
        "POST",
        "/api/orders",
        fields=(
            Field(
                "customerId",
                str,
                "Whose order (support only; a customer's token orders for themselves).",
                id_of="Customer",
            ),
            Field(
                "items",
                LINE,
                "What is ordered.",
                required=True,
                many=True,
                min_items=1,
                max_items=100,
            ),
            Field("couponCode", str, "A coupon code to apply.", min_length=1, max_length=50),
            Field(
                "shippingAddress",
                SHIPPING_ADDRESS,
                "Where to ship (default: the customer's default address).",
            ),
        ),
        results=(row("order", StoreOrder, "The order placed, awaiting payment."),),
        access=SHOPPER,
        stale=ORDER_PLACED,
        prime=_prime_order,
    ),
    write(
        "updateLitekartOrderStatus",
        "Move an order on: paid → processing → shipped → completed, or → refunded.",
        "PATCH",
        "/api/orders/{id}",
        fields=(
            object_id("id", "StoreOrder", "The order."),
            Field("status", LitekartOrderStatus, "Its new status.", required=True),
        ),
        results=(row("order", StoreOrder, "The order with its new status."),),
        access=Access.of("support"),
        stale=ORDER_CHANGED,
        prime=_prime_order,
    ),
    write(
        "validateLitekartCoupon",
        "Check whether a coupon code applies (to a subtotal, if given) without using it.",
        "POST",
        "/api/coupons/validate",
        fields=(
            Field("code", str, "The coupon code.", required=True, min_length=1, max_length=50),
            money_field("subtotal", "The subtotal it would apply to."),
        ),
        results=(
            returned(
                "check",
                LitekartCouponCheck,
                LitekartCouponCheck.from_json,
                "Whether it applies, and the discount.",
            ),
        ),
        access=Access.of("support", "catalog_editor", viewer=[SOURCE]),
        idempotent=True,
    ),
    # the catalogue
    write(
        "createLitekartProduct",
        "Add a product to the catalogue.",
        "POST",
        "/api/products",
        fields=PRODUCT_FIELDS,
        results=(row("product", LitekartProduct, "The product created."),),
        access=CATALOG,
        stale=("/api/products",),
        prime=prime("products"),
    ),
    write(
        "updateLitekartProduct",
        "Change a product (only the fields given; images, variants and tags replaced whole).",
        "PUT",
        "/api/products/{id}",
        fields=(PRODUCT_ID, *update_of(PRODUCT_FIELDS)),
        results=(row("product", LitekartProduct, "The product as it is now."),),
        access=CATALOG,
        stale=PRODUCT_STALE,
        prime=prime("products"),
    ),
    write(
        "deleteLitekartProduct",
        "Delete a product.",
        "DELETE",
        "/api/products/{id}",
        fields=(PRODUCT_ID,),
        results=(deleted_id("LitekartProduct", SOURCE),),
        access=ADMIN,
        stale=PRODUCT_STALE,
    ),
    write(
        "createLitekartCategory",
        "Add a category.",
        "POST",
        "/api/categories",
        fields=CATEGORY_FIELDS,
        results=(row("category", LitekartCategory, "The category created."),),
        access=CATALOG,
        stale=("/api/categories",),
        prime=prime("categories"),
    ),
    write(
        "updateLitekartCategory",
        "Change a category (only the fields given).",
        "PUT",
        "/api/categories/{id}",
        fields=(CATEGORY_ID, *update_of(CATEGORY_FIELDS)),
        results=(row("category", LitekartCategory, "The category as it is now."),),
        access=CATALOG,
        stale=("/api/categories", "/api/categories/{id}"),
        prime=prime("categories"),
    ),
    write(
        "deleteLitekartCategory",
        "Delete a category (refused with `CONFLICT` while it has subcategories or products).",
        "DELETE",
        "/api/categories/{id}",
        fields=(CATEGORY_ID,),
        results=(deleted_id("LitekartCategory", SOURCE),),
        access=ADMIN,
        stale=("/api/categories", "/api/categories/{id}"),
    ),
    write(
        "createLitekartBrand",
        "Add a brand.",
        "POST",
        "/api/brands",
        fields=BRAND_FIELDS,
        results=(row("brand", LitekartBrand, "The brand created."),),
        access=CATALOG,
        stale=("/api/brands",),
        prime=prime("brands"),
    ),
    write(
        "updateLitekartBrand",
        "Change a brand (only the fields given).",
        "PUT",
        "/api/brands/{id}",
        fields=(BRAND_ID, *update_of(BRAND_FIELDS)),
        results=(row("brand", LitekartBrand, "The brand as it is now."),),
        access=CATALOG,
        stale=("/api/brands", "/api/brands/{id}"),
        prime=prime("brands"),
    ),
    write(
        "deleteLitekartBrand",
        "Delete a brand (refused with `CONFLICT` while it has products).",
        "DELETE",
        "/api/brands/{id}",
        fields=(BRAND_ID,),
        results=(deleted_id("LitekartBrand", SOURCE),),
        access=ADMIN,
        stale=("/api/brands", "/api/brands/{id}"),
    ),
    # customers
    write(
        "createLitekartCustomer",
        "Add a customer.",
        "POST",
        "/api/customers",
        fields=CUSTOMER_FIELDS,
        results=(row("customer", Customer, "The customer created."),),
        access=ADMIN,
        stale=("/api/customers",),
        prime=prime("customers"),
    ),
    write(
        "updateLitekartCustomer",
        "Change a customer's details (only the fields given; a customer's token: their own).",
        "PUT",
        "/api/customers/{id}",
        fields=(CUSTOMER_ID, *update_of(CUSTOMER_FIELDS)),
        results=(row("customer", Customer, "The customer as they are now."),),
        access=SHOPPER,
        stale=("/api/customers", "/api/customers/{id}"),
        prime=prime("customers"),
    ),
    write(
        "deleteLitekartCustomer",
        "Delete a customer.",
        "DELETE",
        "/api/customers/{id}",
        fields=(CUSTOMER_ID,),
        results=(deleted_id("Customer", SOURCE),),
        access=ADMIN,
        stale=("/api/customers", "/api/customers/{id}", "/api/customers/{id}/orders"),
    ),
    # coupons
    write(
        "createLitekartCoupon",
        "Add a coupon.",
        "POST",
        "/api/coupons",
        fields=COUPON_FIELDS,
        results=(row("coupon", Coupon, "The coupon created."),),
        access=ADMIN,
        stale=("/api/coupons",),
        prime=prime("coupons"),
    ),
    write(
        "updateLitekartCoupon",
        "Change a coupon (only the fields given).",
        "PUT",
        "/api/coupons/{id}",
        fields=(COUPON_ID, *update_of(COUPON_FIELDS)),
        results=(row("coupon", Coupon, "The coupon as it is now."),),
        access=ADMIN,
        stale=("/api/coupons", "/api/coupons/{id}", "/api/carts/*"),
        prime=prime("coupons"),
    ),
    write(
        "deleteLitekartCoupon",
        "Delete a coupon.",
        "DELETE",
        "/api/coupons/{id}",
        fields=(COUPON_ID,),
        results=(deleted_id("Coupon", SOURCE),),
        access=ADMIN,
        stale=("/api/coupons", "/api/coupons/{id}", "/api/carts/*"),
    ),
    # back-office users and settings
    write(
        "createLitekartUser",
        "Add a back-office user.",
        "POST",
        "/api/users",
        fields=USER_FIELDS,
        results=(row("user", AdminUser, "The user created."),),
        access=ADMIN,
        stale=("/api/users",),
        prime=prime("users"),
    ),
    write(
        "updateLitekartUser",
        "Change a back-office user (only the fields given).",
        "PUT",
        "/api/users/{id}",
        fields=(USER_ID, *update_of(USER_FIELDS)),
        results=(row("user", AdminUser, "The user as they are now."),),
        access=ADMIN,
        stale=("/api/users", "/api/users/{id}"),
        prime=prime("users"),
    ),
    write(
        "deleteLitekartUser",
        "Delete a back-office user.",
        "DELETE",
        "/api/users/{id}",
        fields=(USER_ID,),
        results=(deleted_id("AdminUser", SOURCE),),
        access=ADMIN,
        stale=("/api/users", "/api/users/{id}"),
    ),
    write(
        "updateLitekartSettings",
        "Change the store's settings (only the fields given); carts are priced with them.",
        "PUT",
        "/api/settings",
        fields=(
            Field("storeName", str, "The store's name.", min_length=1, max_length=100),
            Field("storeEmail", str, "The store's email address.", max_length=254, pattern=EMAIL),
            Field("currency", str, "The store's currency (only `USD`).", pattern=r"^USD$"),
            Field(
                "timezone",
                str,
                "The store's time zone, e.g. `America/New_York`.",
                min_length=1,
                max_length=64,
            ),
            Field(
                "taxRate", Decimal, "Tax as a fraction of the subtotal, e.g. 0.08.", ge=0, le=0.5
            ),
            money_field("shippingFlatRate", "Shipping below the free-shipping threshold."),
            money_field("freeShippingThreshold", "The subtotal from which shipping is free."),
            Field(
                "lowStockThreshold",
                int,
                "Stock under which `inventory.low` is sent.",
                ge=0,
                le=10_000,
            ),
            Field("allowGuestCheckout", bool, "Whether guests may check out."),
        ),
        results=(
            returned(
                "settings",
                LitekartSettings,
                LitekartSettings.from_json,
                "The settings as they are now.",
            ),
        ),
        access=ADMIN,
        stale=("/api/settings", "/api/carts/*"),
    ),
)
