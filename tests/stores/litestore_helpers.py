"""Shared bits of the Litestore tests: keys, a client factory and sample bodies."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI

from stores.litestore import create_app

FULL = {"Authorization": "Bearer ls_demo_full_key"}
READ = {"Authorization": "Bearer ls_demo_read_key"}
PENDING_CONTENT = "content-003"  # seeded pending_review
APPROVED_CONTENT = "content-004"  # seeded approved

NEW_PRODUCT = {
    "name": "New Product",
    "description": "Product description",
    "price": 29.99,
    "category": "Electronics",
    "images": ["image1.jpg"],
    "tags": ["wireless", "bluetooth"],
}
NEW_CONTENT = {
    "creatorId": "creator-001",
    "title": "Amazing Product Review",
    "description": "My honest experience, I love it and recommend it.",
    "media": [{"type": "image", "url": "review-photo.jpg", "caption": "Before and after"}],
    "products": ["prod-001", "prod-002"],
    "tags": ["review", "transformation"],
}
NEW_REVIEW = {
    "rating": 5,
    "title": "Life-changing product!",
    "content": "This product exceeded all my expectations...",
    "verified": True,
    "photos": ["review-photo1.jpg"],
}


@asynccontextmanager
async def litestore(
    app: FastAPI | None = None, headers: dict[str, str] | None = None
) -> AsyncIterator[httpx.AsyncClient]:
    """A client of a fresh (or the given) Litestore app."""
    app = app or create_app()
    transport = httpx.ASGITransport(app)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://litestore", headers=headers
    ) as client:
        yield client
