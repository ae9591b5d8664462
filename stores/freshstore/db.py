"""The store's in-memory database: the seeded tables, id counters and the
relations between them (product <-> categories, offer <-> products)."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any

from stores.common import StoreError
from stores.freshstore.data import build_seed

NOT_FOUND = "The API resource was not found"

AI_TOKENS_LIMIT = 500_000
AI_TOKENS_SEEDED = 125_000


def not_found() -> StoreError:
    return StoreError(404, "NOT_FOUND", NOT_FOUND)


def parse_id(raw: str) -> int:
    """A route's ``{id}``: a positive integer, else the resource cannot exist (404)."""
    if not raw.isdigit() or len(raw) > 18:
        raise not_found()
    return int(raw)


class FreshDB:
    """Every table of one store instance; ``reseed()`` restores the seed data."""

    def __init__(self) -> None:
        self.tasks: set[asyncio.Task[None]] = set()
        self.reseed()

    def reseed(self) -> None:
        seed = build_seed()
        cat, content = seed.catalogue, seed.content
        self.brands = cat.brands
        self.categories = cat.categories
        self.products = cat.products
        self.offers = cat.offers
        self.product_categories = cat.product_categories
        self.offer_products = cat.offer_products
        self.article_categories = content.article_categories
        self.articles = content.articles
        self.article_links = content.article_links
        self.pages = content.pages
        self.users = content.users
        self.settings = content.settings
        self.stock_texts = content.stock_texts
        self.analytics = seed.analytics
        self.ai_tokens_used = AI_TOKENS_SEEDED
        self.logo_icon_picked = False
        self.import_runs = 0

    # -- ids and lookups ---------------------------------------------------------
    @staticmethod
    def next_id(table: dict[int, Any]) -> int:
        return max(table, default=0) + 1

    @staticmethod
    def get(table: dict[int, dict[str, Any]], raw_id: str) -> dict[str, Any]:
        row = table.get(parse_id(raw_id))
        if row is None or row.get("_deleted"):
            raise not_found()
        return row

    def live_products(self) -> list[dict[str, Any]]:
        return [p for p in self.products.values() if not p["_deleted"]]

    def offers_of(self, product_id: int) -> list[dict[str, Any]]:
        return [o for o in self.offers.values() if product_id in self.offer_products[o["id"]]]

    def categories_of(self, product_id: int) -> list[dict[str, Any]]:
        ids = self.product_categories.get(product_id, [])
        return [self.categories[i] for i in ids if i in self.categories]

    def brand_products(self, brand_id: int) -> list[dict[str, Any]]:
        return [p for p in self.live_products() if p["brand_id"] == brand_id]

    def category_products(self, category_id: int) -> list[dict[str, Any]]:
        return [p for p in self.live_products() if category_id in self.product_categories[p["id"]]]

    def children_of(self, category_id: int) -> list[dict[str, Any]]:
        return [c for c in self.categories.values() if c["parent_id"] == category_id]

    def asin_owner(self, asin: str) -> int | None:
        """The product carrying an Amazon offer for ``asin``, if any."""
        for offer in self.offers.values():
            if offer["merchant"] == "amazon" and offer["merchant_offer_id"] == asin:
                products = self.offer_products[offer["id"]]
                return products[0] if products else 0
        return None

    # -- deletes ---------------------------------------------------------------
    def delete_offer(self, offer_id: int) -> None:
        del self.offers[offer_id]
        del self.offer_products[offer_id]

    def delete_brand(self, brand_id: int) -> None:
        del self.brands[brand_id]
        for product in self.products.values():
            if product["brand_id"] == brand_id:
                product["brand_id"] = None

    def delete_category(self, category_id: int) -> None:
        """Drop a category; its children move up to its parent, products lose it."""
        parent_id = self.categories.pop(category_id)["parent_id"]
        for child in self.children_of(category_id):
            child["parent_id"] = parent_id
        for product_id, ids in self.product_categories.items():
            self.product_categories[product_id] = [i for i in ids if i != category_id]

    # -- AI usage and background work -------------------------------------------
    def spend_ai_tokens(self, tokens: int) -> None:
        self.ai_tokens_used += tokens

    def run_later(self, job: Coroutine[Any, Any, None]) -> None:
        """Run ``job`` as a background task on the running loop (kept referenced)."""
        task = asyncio.get_running_loop().create_task(job)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def drain(self) -> None:
        """Wait for every background job (tests and shutdown)."""
        while self.tasks:
            await asyncio.gather(*list(self.tasks), return_exceptions=True)
