"""Offset windows over page-numbered store lists, and whole lists.

Stores page by number (``page``/``limit``, ``page``/``per_page``,
``pagination[page]``); the graph pages by offset. ``fetch_window`` asks for the
fewest store pages that cover a window (concurrently) and slices it out;
``fetch_all`` reads a whole list (first page, then the rest at once) — for
filters and sorts a store cannot do, applied by the gateway over a list the
cache then keeps.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from resolvers.cursors import covering_pages

PageFetcher = Callable[[int, int], Awaitable[tuple[list[Any], int]]]
"""``(page, page_size) -> (items, total)`` for one 1-based store page."""


async def fetch_window(
    fetch_page: PageFetcher, offset: int, limit: int, max_page_size: int
) -> tuple[list[Any], int]:
    """Items ``[offset, offset + limit)`` of a paged list, and its total."""
    size, first_page, count = covering_pages(offset, limit, max_page_size)
    pages = await asyncio.gather(*(fetch_page(first_page + i, size) for i in range(count)))
    items = [item for page_items, _ in pages for item in page_items]
    start = offset - (first_page - 1) * size
    return items[start : start + limit], pages[0][1]


async def fetch_all(fetch_page: PageFetcher, page_size: int) -> list[Any]:
    """Every item of a paged list."""
    first, total = await fetch_page(1, page_size)
    pages = -(-total // page_size)
    rest = await asyncio.gather(*(fetch_page(p, page_size) for p in range(2, pages + 1)))
    return first + [item for items, _ in rest for item in items]
