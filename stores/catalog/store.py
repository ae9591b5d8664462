"""The Catalog's in-memory data: categories, products and how they are rendered.

Products are stored with their ``category_id``; the API object embeds
``category {id, name, parent_id}`` at render time, so the embed always reflects
the category tree. Product numbers are never reused after a delete.
"""

from __future__ import annotations

import copy
from typing import Any

from stores.catalog.seed_categories import build_categories
from stores.catalog.seed_products import build_products


class CatalogData:
    """Categories and products of one app; ``reseed()`` restores the seed."""

    def __init__(self) -> None:
        self.categories: dict[str, dict[str, Any]] = {}
        self.products: dict[str, dict[str, Any]] = {}
        self.next_number = 0
        self.reseed()

    def reseed(self) -> None:
        self.categories = {c["id"]: c for c in build_categories()}
        self.products = {p["id"]: p for p in build_products()}
        self.next_number = max(int(pid.removeprefix("prod_")) for pid in self.products) + 1

    def new_product_id(self) -> str:
        product_id = f"prod_{self.next_number}"
        self.next_number += 1
        return product_id

    # -- rendering -------------------------------------------------------------
    def category_ref(self, category_id: str) -> dict[str, Any]:
        category = self.categories[category_id]
        return {"id": category["id"], "name": category["name"], "parent_id": category["parent_id"]}

    def render_product(self, product: dict[str, Any]) -> dict[str, Any]:
        """The API object of a stored product."""
        return {
            "id": product["id"],
            "name": product["name"],
            "description": product["description"],
            "price": product["price"],
            "currency": product["currency"],
            "inventory": dict(product["inventory"]),
            "category": self.category_ref(product["category_id"]),
            "images": copy.deepcopy(product["images"]),
            "attributes": copy.deepcopy(product["attributes"]),
            "status": product["status"],
            "created_at": product["created_at"],
            "updated_at": product["updated_at"],
        }

    def render_category(self, category: dict[str, Any]) -> dict[str, Any]:
        """The API object of a category, with its direct product count."""
        count = sum(1 for p in self.products.values() if p["category_id"] == category["id"])
        return {**category, "path": list(category["path"]), "product_count": count}

    # -- uniqueness ------------------------------------------------------------
    def product_named(self, name: str, *, exclude: str | None = None) -> dict[str, Any] | None:
        """The product whose name equals ``name`` ignoring case and outer spaces."""
        key = name.strip().casefold()
        for product in self.products.values():
            if product["id"] != exclude and product["name"].strip().casefold() == key:
                return product
        return None

    def product_with_gtin(self, gtin: str, *, exclude: str | None = None) -> dict[str, Any] | None:
        for product in self.products.values():
            if product["id"] != exclude and product["attributes"].get("gtin") == gtin:
                return product
        return None
