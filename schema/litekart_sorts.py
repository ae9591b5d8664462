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


@sort_keys(
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
class LitekartProductSort:
    """Made by :func:`~schema.sorting.sort_keys`."""


@sort_keys(
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
class LitekartOrderSort:
    """Made by :func:`~schema.sorting.sort_keys`."""


@sort_keys(
    "Litekart categories",
    {
        "ID": _ID,
        "NAME": _NAME,
        "SLUG": _SLUG,
        "POSITION": ("position", "Its position among its siblings."),
        "CREATED_AT": _CREATED,
    },
)
class LitekartCategorySort:
    """Made by :func:`~schema.sorting.sort_keys`."""


@sort_keys(
    "Litekart brands",
    {"ID": _ID, "NAME": _NAME, "SLUG": _SLUG, "CREATED_AT": _CREATED},
)
class LitekartBrandSort:
    """Made by :func:`~schema.sorting.sort_keys`."""


@sort_keys(
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
class CustomerSort:
    """Made by :func:`~schema.sorting.sort_keys`."""


@sort_keys(
    "Litekart payments",
    {
        "ID": _ID,
        "AMOUNT": ("amount", "The amount paid."),
        "STATUS": _STATUS,
        "CREATED_AT": ("created_at", "When it was made."),
    },
)
class PaymentSort:
    """Made by :func:`~schema.sorting.sort_keys`."""


@sort_keys(
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
class CouponSort:
    """Made by :func:`~schema.sorting.sort_keys`."""


@sort_keys(
    "Litekart back-office users",
    {
        "ID": _ID,
        "EMAIL": ("email", "The email address."),
        "NAME": _NAME,
        "ROLE": ("role", "The role."),
        "CREATED_AT": _CREATED,
    },
)
class AdminUserSort:
    """Made by :func:`~schema.sorting.sort_keys`."""
