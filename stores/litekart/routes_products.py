"""``/api/products``: the public catalogue and its admin writes.

Anyone may read; without the admin key only ``active`` products exist (others
answer 404 and never appear in lists). Writes need the admin key and emit
``product.created`` / ``product.updated``.
"""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from stores.litekart.auth import Principal
from stores.litekart.context import Context
from stores.litekart.data import slugify
from stores.litekart.envelope import no_content, ok, read, read_list
from stores.litekart.errors import conflict, invalid_body, not_found
from stores.litekart.query import (
    ListParams,
    Schema,
    apply_sort,
    fields_param,
    filter_created,
    filter_ids,
    list_params,
    parse_fields,
    project,
)
from stores.litekart.schemas import ProductCreate, ProductUpdate

Row = dict[str, Any]

FIELDS: Schema = {
    **dict.fromkeys(
        (
            "id",
            "name",
            "slug",
            "description",
            "price",
            "compare_at_price",
            "currency",
            "sku",
            "barcode",
            "category_id",
            "brand_id",
            "status",
            "stock",
            "tags",
            "created_at",
            "updated_at",
        )
    ),
    "images": {"url": None, "alt": None},
    "variants": dict.fromkeys(("id", "sku", "name", "price", "stock")),
}
SORTS = ("id", "name", "price", "stock", "sku", "status", "created_at", "updated_at")


def router(ctx: Context) -> APIRouter:
    db, auth = ctx.db, ctx.auth
    api = APIRouter(prefix="/api/products", tags=["products"])

    def visible(principal: Principal | None, product: Row) -> bool:
        return (principal is not None and principal.is_admin) or product["status"] == "active"

    def lookup(principal: Principal | None, ident: str) -> Row:
        product = db.products.get(ident)
        if product is None or not visible(principal, product):
            raise not_found("Product", ident)
        return product

    def resolve_ref(collection: str, ref: str) -> set[str]:
        rows = getattr(db, collection)
        match = rows.get(ref) or next((r for r in rows.values() if r["slug"] == ref), None)
        if match is None:
            return set()
        return db.category_subtree(match["id"]) if collection == "categories" else {match["id"]}

    @api.get("", summary="List products")
    async def list_products(
        request: Request,
        params: ListParams = Depends(list_params),
        category: str | None = Query(None, description="Category id or slug (with subcategories)"),
        brand: str | None = Query(None, description="Brand id or slug"),
        price_min: float | None = Query(None, ge=0),
        price_max: float | None = Query(None, ge=0),
        status: Literal["active", "draft", "archived"] | None = Query(None),
        search: str | None = Query(None, max_length=200),
        created_after: str | None = Query(None, description="ISO date or date-time"),
        created_before: str | None = Query(None, description="ISO date or date-time"),
        principal: Principal | None = Depends(auth.optional),
    ) -> Response:
        selection = parse_fields(params.fields, FIELDS)
        rows = [p for p in db.products.values() if visible(principal, p)]
        rows = filter_ids(rows, params.ids)
        if category is not None:
            wanted = resolve_ref("categories", category)
            rows = [p for p in rows if p["category_id"] in wanted]
        if brand is not None:
            wanted = resolve_ref("brands", brand)
            rows = [p for p in rows if p["brand_id"] in wanted]
        if price_min is not None:
            rows = [p for p in rows if p["price"] >= price_min]
        if price_max is not None:
            rows = [p for p in rows if p["price"] <= price_max]
        if status is not None:
            rows = [p for p in rows if p["status"] == status]
        if search:
            needle = search.lower()
            rows = [p for p in rows if needle in _haystack(p)]
        rows = filter_created(rows, created_after, created_before)
        rows = apply_sort(rows, params.sort, SORTS)
        return read_list(
            request,
            rows,
            params,
            selection,
            "Products retrieved successfully",
            public=principal is None,
        )

    @api.post("", status_code=201, summary="Create a product (admin)")
    async def create_product(body: ProductCreate, _: Principal = Depends(auth.admin)) -> Response:
        values = body.model_dump()
        _check_refs(values)
        _check_unique(values, None)
        now = db.now_iso()
        product_id = db.next_id("product")
        product = {
            "id": product_id,
            "name": values["name"],
            "slug": values["slug"] or _free_slug(values["name"]),
            "description": values["description"],
            "price": values["price"],
            "compare_at_price": values["compare_at_price"],
            "currency": "USD",
            "sku": values["sku"],
            "barcode": values["barcode"],
            "category_id": values["category_id"],
            "brand_id": values["brand_id"],
            "status": values["status"],
            "stock": values["stock"],
            "images": values["images"],
            "variants": [],
            "tags": values["tags"],
            "created_at": now,
            "updated_at": now,
        }
        _set_variants(product, values["variants"])
        db.products[product_id] = product
        ctx.emit("product.created", _event(product))
        return ok(product, "Product created successfully", 201)

    @api.get("/{id}", summary="Get a product")
    async def get_product(
        request: Request,
        id: str,
        fields: str | None = Depends(fields_param),
        principal: Principal | None = Depends(auth.optional),
    ) -> Response:
        selection = parse_fields(fields, FIELDS)
        product = lookup(principal, id)
        return read(
            request,
            project(product, selection),
            "Product retrieved successfully",
            public=principal is None,
        )

    @api.put("/{id}", summary="Update a product (admin; partial)")
    async def update_product(
        id: str, body: ProductUpdate, _: Principal = Depends(auth.admin)
    ) -> Response:
        product = db.get("products", id, "Product")
        changes = body.changes()
        _check_refs(changes)
        _check_unique(changes, product)
        variants = changes.pop("variants", None)
        if variants is not None:
            known = {v["id"] for v in product["variants"]}
            for index, variant in enumerate(variants):
                if variant["id"] is not None and variant["id"] not in known:
                    raise invalid_body(f"variants.{index}.id", "Variant not found for this product")
        product.update(changes)
        if variants is not None:
            _set_variants(product, variants)
        product["updated_at"] = db.now_iso()
        changed = sorted([*changes, *(["variants"] if variants is not None else [])])
        ctx.emit("product.updated", {**_event(product), "changed": changed})
        return ok(product, "Product updated successfully")

    @api.delete("/{id}", status_code=204, summary="Delete a product (admin)")
    async def delete_product(id: str, _: Principal = Depends(auth.admin)) -> Response:
        db.get("products", id, "Product")
        del db.products[id]
        return no_content()

    def _check_refs(values: Row) -> None:
        if values.get("category_id") is not None and values["category_id"] not in db.categories:
            raise invalid_body("category_id", "Category not found")
        if values.get("brand_id") is not None and values["brand_id"] not in db.brands:
            raise invalid_body("brand_id", "Brand not found")

    def _check_unique(values: Row, current: Row | None) -> None:
        others = [p for p in db.products.values() if p is not current]
        if values.get("sku") and any(p["sku"] == values["sku"] for p in others):
            raise conflict(f"A product with sku {values['sku']} already exists", "sku")
        if values.get("slug") and any(p["slug"] == values["slug"] for p in others):
            raise conflict(f"A product with slug {values['slug']} already exists", "slug")
        skus = [v["sku"] for v in values.get("variants") or []]
        if len(skus) != len(set(skus)):
            raise invalid_body("variants", "Variant skus must be unique")

    def _free_slug(name: str) -> str:
        base = slugify(name) or "product"
        taken = {p["slug"] for p in db.products.values()}
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        return slug

    def _set_variants(product: Row, variants: list[Row]) -> None:
        product["variants"] = [
            {
                "id": v["id"] or db.next_id("variant"),
                "sku": v["sku"],
                "name": v["name"],
                "price": v["price"],
                "stock": v["stock"],
            }
            for v in variants
        ]
        if product["variants"]:
            product["stock"] = sum(v["stock"] for v in product["variants"])

    return api


def _haystack(product: Row) -> str:
    return " ".join(
        [product["name"], product["description"], product["sku"], *product["tags"]]
    ).lower()


def _event(product: Row) -> Row:
    return {
        "productId": product["id"],
        "name": product["name"],
        "sku": product["sku"],
        "price": product["price"],
        "status": product["status"],
        "stock": product["stock"],
    }
