"""Offset windows over store lists, read in aligned blocks, and whole lists.

Stores page by number (``page``/``limit``, ``page``/``per_page``,
``pagination[page]``) or by offset; the graph pages by cursor. Every window is
read as the aligned blocks of the store's largest page that cover it, so the
next page of a walk finds its block in the cache: a walk over a whole list costs
one call per block, its minimum, and a single window still costs one call
(two when it straddles a block boundary). ``fetch_all`` reads a whole list
through the same blocks — for filters and sorts a store cannot do, applied by
the gateway over a list the cache then keeps.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

PageFetcher = Callable[[int, int], Awaitable[tuple[list[Any], int]]]
"""``(page, page_size) -> (items, total)`` for one 1-based store page."""


async def fetch_window(
    fetch_page: PageFetcher, offset: int, limit: int, block: int
) -> tuple[list[Any], int]:
    """Items ``[offset, offset + limit)`` of a paged list, and its total."""
    first = offset // block
    last = (offset + max(limit, 1) - 1) // block
    pages = await asyncio.gather(*(fetch_page(n + 1, block) for n in range(first, last + 1)))
    items = [item for page_items, _ in pages for item in page_items]
    start = offset - first * block
    return items[start : start + limit], pages[0][1]


async def fetch_all(fetch_page: PageFetcher, block: int) -> list[Any]:
    """Every item of a paged list."""
    first, total = await fetch_page(1, block)
    pages = -(-total // block)
    rest = await asyncio.gather(*(fetch_page(p, block) for p in range(2, pages + 1)))
    return first + [item for items, _ in rest for item in items]
