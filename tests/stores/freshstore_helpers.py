"""Shared helpers for the FreshStore simulator tests: a browser User-Agent (the
WAF blocks everything else), the demo keys, and a client factory."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import httpx
from fastapi import FastAPI

BROWSER_UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36"
FULL = "fs_demo_full_key"
READ = "fs_demo_read_key"
WRITE = "fs_demo_write_key"
PRODUCTS_READ = "fs_demo_products_read_key"
CATALOG_READ = "fs_demo_catalog_read_key"


def auth(key: str = FULL) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


@asynccontextmanager
async def client_for(app: FastAPI, key: str | None = FULL) -> AsyncIterator[httpx.AsyncClient]:
    """A client with a browser UA (and ``key``); drains background jobs on exit."""
    headers = {"User-Agent": BROWSER_UA, **(auth(key) if key else {})}
    transport = httpx.ASGITransport(app)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://freshstore", headers=headers
    ) as client:
        try:
            yield client
        finally:
            await app.state.db.drain()


async def poll(fetch: Callable[[], Any], until: Callable[[Any], bool], attempts: int = 40) -> Any:
    """Call ``fetch`` until ``until(result)`` holds (bounded: ~2 s); returns the result."""
    result = None
    for _ in range(attempts):
        result = await fetch()
        if until(result):
            return result
        await asyncio.sleep(0.05)
    raise AssertionError(f"condition never held; last result: {result!r}")
