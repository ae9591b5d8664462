"""Catalog's writes (seed ``004``): products with inventory. The two OAuth calls
(``/auth/token``, ``/auth/refresh``) are the gateway's own (``gateway.auth``).

The store validates in a documented order (``validation_error`` for shapes, then
``invalid_product_data``, ``inventory_error``, ``invalid_category_id``,
``invalid_image_url``, ``duplicate_product``); the shapes and the price rule are
checked here first, so they cost no call. A product write drops the product's
cached reads, the product lists and the category counts.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from gateway.sources import Source
from gateway.writes.executor import encode_fields
from gateway.writes.spec import Access, Call, Field, Naming, Shape, Write
from resolvers import catalog as fetch
from schema.catalog import CatalogProduct
from schema.common import ProductStatus
from schema.writes.kit import deleted_id, object_id, returned, update_of

SOURCE = Source.CATALOG
PRODUCTS = "/api/v1/products"

IMAGE = Shape(
    "CatalogImageInput",
    "A product image.",
    (
        Field("url", str, "An absolute http(s) URL.", required=True),
        Field("alt", str, "Alternative text.", max_length=200),
        Field("isPrimary", bool, "Whether it is the main image (one at most)."),
    ),
)
ATTRIBUTE = Shape(
    "CatalogAttributeInput",
    "One free-form attribute of a product.",
    (
        Field(
            "key",
            str,
            "Its name, camelCase (`batteryLife` is the store's `battery_life`).",
            required=True,
            min_length=1,
        ),
        Field("value", str, "Its value, as text.", required=True),
    ),
)
PRODUCT_FIELDS = (
    Field(
        "name",
        str,
        "The product's name (unique, ignoring case).",
        required=True,
        min_length=1,
        max_length=200,
    ),
    Field("description", str, "What it is.", required=True, min_length=1, max_length=5000),
    Field("price", Decimal, "Its price.", required=True, gt=0, le=1_000_000, decimals=2),
    Field(
        "currency",
        str,
        "ISO 4217 code, three capital letters (default USD).",
        pattern=r"^[A-Z]{3}$",
    ),
    Field(
        "categoryId",
        str,
        "Its category.",
        required=True,
        id_of="CatalogCategory",
        min_length=1,
        max_length=100,
    ),
    Field("inventory", int, "Units in stock in all (available = this - reserved).", ge=0),
    Field("images", IMAGE, "Its images.", many=True, max_items=10),
    Field(
        "attributes",
        ATTRIBUTE,
        "Free-form attributes (brand, gtin, mpn, color...); replaced whole on update.",
        many=True,
    ),
    Field("status", ProductStatus, "Lifecycle status (default ACTIVE)."),
)
PRODUCT_ID = object_id("id", "CatalogProduct", "The product.", store="product_id")
STALE = (
    PRODUCTS,
    PRODUCTS + "/{id}",
    "/api/v1/categories",
    "/api/v1/categories/*",
)


def _prime(context: Any, call: Call) -> None:
    if call.result:
        fetch.product_loader(context).clear(call.result["id"]).prime(call.result["id"], call.result)


def _body(values: dict[str, Any]) -> dict[str, Any]:
    """The store's body; attributes as the store's object of snake_case keys."""
    body = encode_fields(PRODUCT_FIELDS, values, Naming.SNAKE)
    if values.get("attributes") is not None:
        body["attributes"] = {
            Naming.SNAKE.convert(a["key"]): a["value"] for a in values["attributes"]
        }
    return body


def write(name: str, description: str, method: str, path: str, **kw: Any) -> Write:
    return Write(
        name=name,
        description=description,
        source=SOURCE,
        method=method,
        path=path,
        naming=Naming.SNAKE,
        **{"unwrap": lambda body: body["data"]["item"], "body": _body, **kw},
    )


CATALOG = Access.of("catalog_editor")
PRODUCT = "The product as it is now."

WRITES: tuple[Write, ...] = (
    write(
        "createCatalogProduct",
        "Add a product to the Catalog store.",
        "POST",
        PRODUCTS,
        fields=PRODUCT_FIELDS,
        results=(
            returned("product", CatalogProduct, CatalogProduct.from_json, "The product created."),
        ),
        access=CATALOG,
        stale=(PRODUCTS, "/api/v1/categories", "/api/v1/categories/*"),
        prime=_prime,
        fallback_field="name",
    ),
    write(
        "updateCatalogProduct",
        "Change a product (only the fields given; `images` and `attributes` replaced whole; "
        "`inventory` sets the total).",
        "PUT",
        PRODUCTS + "/{id}",
        fields=(PRODUCT_ID, *update_of(PRODUCT_FIELDS)),
        results=(returned("product", CatalogProduct, CatalogProduct.from_json, PRODUCT),),
        access=CATALOG,
        stale=STALE,
        prime=_prime,
    ),
    write(
        "deleteCatalogProduct",
        "Delete a product.",
        "DELETE",
        PRODUCTS + "/{id}",
        fields=(PRODUCT_ID,),
        results=(deleted_id("CatalogProduct", SOURCE),),
        access=Access.of("admin"),
        stale=STALE,
        unwrap=lambda body: body["data"],
        body=lambda values: None,
    ),
)
