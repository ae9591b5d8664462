"""Helpers for the Catalog store tests: a settable clock, clients and tokens."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI

from stores.catalog import create_app

WRITER = {"client_id": "catalog_demo_client", "client_secret": "catalog_demo_secret"}
READER = {"client_id": "catalog_demo_reader", "client_secret": "catalog_demo_reader_secret"}

NEW_PRODUCT = {
    "name": "Aurora Desk Organizer",
    "description": "Bamboo desk organizer with five compartments",
    "price": 34.5,
    "category_id": "office-stationery",
}


class FakeClock:
    """A clock tests move by hand."""

    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@asynccontextmanager
async def store(
    clock: FakeClock | None = None, *, control: bool = True
) -> AsyncIterator[tuple[FastAPI, httpx.AsyncClient]]:
    app = create_app(control=control, clock=clock or FakeClock())
    transport = httpx.ASGITransport(app)
    async with httpx.AsyncClient(transport=transport, base_url="http://catalog") as client:
        yield app, client


async def issue(client: httpx.AsyncClient, who: dict[str, str] = WRITER) -> dict[str, object]:
    """A fresh token pair's ``data`` for ``who``."""
    response = await client.post(
        "/api/v1/auth/token", json={**who, "grant_type": "client_credentials"}
    )
    assert response.status_code == 200, response.text
    return response.json()["data"]


async def bearer(client: httpx.AsyncClient, who: dict[str, str] = WRITER) -> dict[str, str]:
    """``Authorization`` headers with a fresh access token for ``who``."""
    return {"Authorization": f"Bearer {(await issue(client, who))['access_token']}"}


def error_of(response: httpx.Response) -> dict[str, object]:
    """The ``error`` object of an error body, after checking the envelope."""
    body = response.json()
    assert body["status"] == "error"
    assert set(body["meta"]) >= {"request_id", "timestamp"}
    return body["error"]
