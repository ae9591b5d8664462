"""Business rules for product writes, checked after the body's shape is valid and
before anything is stored, in this order (the first failing kind answers, listing
every field it failed on):

1. ``invalid_product_data`` — price must be > 0, at most 1,000,000 and have at
   most 2 decimals; ``attributes.gtin`` must be a GTIN-8/12/13/14 with a valid
   check digit; at most one image may be primary.
2. ``inventory_error`` — inventory can't be negative, nor below the units
   already reserved.
3. ``invalid_category_id`` — the category must exist.
4. ``invalid_image_url`` — every image URL must be an absolute http(s) URL.
5. ``duplicate_product`` (409) — no other product may have the same name
   (ignoring case and outer spaces) or the same ``attributes.gtin``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from stores.catalog.errors import fail
from stores.catalog.models import ImageInput
from stores.catalog.seed_products import gs1_check_digit
from stores.catalog.store import CatalogData
from stores.common import FieldError

MAX_PRICE = 1_000_000


def price_errors(price: float) -> list[FieldError]:
    if price <= 0:
        return [FieldError("price", "Price must be greater than zero")]
    if price > MAX_PRICE:
        return [FieldError("price", f"Price must be at most {MAX_PRICE}")]
    if abs(round(price, 2) - price) > 1e-9:
        return [FieldError("price", "Price must have at most 2 decimal places")]
    return []


def gtin_errors(attributes: dict[str, Any]) -> list[FieldError]:
    if "gtin" not in attributes:
        return []
    gtin = attributes["gtin"]
    valid = (
        isinstance(gtin, str)
        and gtin.isdigit()
        and len(gtin) in (8, 12, 13, 14)
        and gs1_check_digit(gtin[:-1]) == gtin[-1]
    )
    if valid:
        return []
    return [FieldError("attributes.gtin", "GTIN must be 8, 12, 13 or 14 digits with a check digit")]


def is_http_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.hostname) and " " not in url


def check_write(
    data: CatalogData,
    fields: dict[str, Any],
    *,
    product_id: str | None = None,
    reserved: int = 0,
) -> None:
    """Raise the first rule ``fields`` (a create body or an update's set fields) breaks."""
    problems: list[FieldError] = []
    if "price" in fields:
        problems += price_errors(fields["price"])
    if "attributes" in fields:
        problems += gtin_errors(fields["attributes"])
    images: list[ImageInput] = fields.get("images") or []
    if sum(image.is_primary for image in images) > 1:
        problems.append(FieldError("images", "At most one image may be primary"))
    if problems:
        raise fail("invalid_product_data", problems)

    inventory = fields.get("inventory")
    if inventory is not None and inventory < 0:
        raise fail("inventory_error", [FieldError("inventory", "Inventory can't be negative")])
    if inventory is not None and inventory < reserved:
        message = f"Inventory can't be below the {reserved} units already reserved"
        raise fail("inventory_error", [FieldError("inventory", message)])

    category_id = fields.get("category_id")
    if category_id is not None and category_id not in data.categories:
        message = f"Category '{category_id}' does not exist"
        raise fail("invalid_category_id", [FieldError("category_id", message)])

    bad_urls = [
        FieldError(f"images.{i}.url", f"'{image.url}' is not an absolute http(s) URL")
        for i, image in enumerate(images)
        if not is_http_url(image.url)
    ]
    if bad_urls:
        raise fail("invalid_image_url", bad_urls)

    duplicates: list[FieldError] = []
    name = fields.get("name")
    if name is not None and (other := data.product_named(name, exclude=product_id)):
        duplicates.append(FieldError("name", f"Product '{other['id']}' already has this name"))
    gtin = (fields.get("attributes") or {}).get("gtin")
    if gtin is not None and (other := data.product_with_gtin(gtin, exclude=product_id)):
        duplicates.append(
            FieldError("attributes.gtin", f"Product '{other['id']}' already has this GTIN")
        )
    if duplicates:
        raise fail("duplicate_product", duplicates)
