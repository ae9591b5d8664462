"""The sort keys of every Litekart list: each list route's ``sort`` whitelist (the
store's OpenAPI) as an enum, with its input ``{field direction}`` (made by
:func:`schema.sorting.sort_keys`)."""

from __future__ import annotations

from schema.sorting import sort_keys

_ID = ("id", "The store's id.")
_NAME = ("name", "The name.")
_SLUG = ("slug", "The URL slug.")
_CREATED = ("created_at", "When it was created.")
_STATUS = ("status", "The store's status word.")

LitekartProductSort = sort_keys(
    "LitekartProductSort",
    "Litekart products",
    {
        "ID": _ID,
        "NAME": _NAME,
        "PRICE": ("price", "The price."),
        "STOCK": ("stock", "Units in stock."),
        "SKU": ("sku", "The stock-keeping unit."),
        "STATUS": _STATUS,
        "CREATED_AT": _CREATED,
        "UPDATED_AT": ("updated_at", "When it last changed."),
    },
)
LitekartOrderSort = sort_keys(
    "LitekartOrderSort",
    "Litekart orders",
    {
        "ID": ("id", "The order's id."),
        "NUMBER": ("number", "The order number."),
        "STATUS": _STATUS,
        "TOTAL": ("total", "The order total."),
        "CREATED_AT": ("created_at", "When it was placed."),
        "UPDATED_AT": ("updated_at", "When it last changed."),
    },
)
LitekartCategorySort = sort_keys(
    "LitekartCategorySort",
    "Litekart categories",
    {
        "ID": _ID,
        "NAME": _NAME,
        "SLUG": _SLUG,
        "POSITION": ("position", "Its position among its siblings."),
        "CREATED_AT": _CREATED,
    },
)
LitekartBrandSort = sort_keys(
    "LitekartBrandSort",
    "Litekart brands",
    {"ID": _ID, "NAME": _NAME, "SLUG": _SLUG, "CREATED_AT": _CREATED},
)
CustomerSort = sort_keys(
    "CustomerSort",
    "Litekart customers",
    {
        "ID": _ID,
        "EMAIL": ("email", "The email address."),
        "FIRST_NAME": ("first_name", "The first name."),
        "LAST_NAME": ("last_name", "The last name."),
        "ORDER_COUNT": ("orders_count", "How many orders they placed."),
        "TOTAL_SPENT": ("total_spent", "How much they spent."),
        "CREATED_AT": ("created_at", "When they signed up."),
    },
)
PaymentSort = sort_keys(
    "PaymentSort",
    "Litekart payments",
    {
        "ID": _ID,
        "AMOUNT": ("amount", "The amount paid."),
        "STATUS": _STATUS,
        "CREATED_AT": ("created_at", "When it was made."),
    },
)
CouponSort = sort_keys(
    "CouponSort",
    "Litekart coupons",
    {
        "ID": _ID,
        "CODE": ("code", "The code."),
        "VALUE": ("value", "The discount's value."),
        "USED_COUNT": ("used_count", "How often it was used."),
        "EXPIRES_AT": ("expires_at", "When it expires."),
        "CREATED_AT": _CREATED,
    },
)
AdminUserSort = sort_keys(
    "AdminUserSort",
    "Litekart back-office users",
    {
        "ID": _ID,
        "EMAIL": ("email", "The email address."),
        "NAME": _NAME,
        "ROLE": ("role", "The role."),
        "CREATED_AT": _CREATED,
    },
)
