"""Helpers for the Litekart simulator tests: clients, credentials, logins."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
from fastapi import FastAPI

from stores.litekart import create_app

ADMIN = {"Authorization": "Bearer lk_demo_admin_key"}
PASSWORD = "password123"


def client_for(app: FastAPI) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://litekart")


_SHARED: list[FastAPI] = []


def shared_app() -> FastAPI:
    """One app reused by tests that leave its config alone (building an app costs
    ~0.1 s of FastAPI route analysis); ``reset_client`` restores its data."""
    if not _SHARED:
        _SHARED.append(create_app())
    return _SHARED[0]


@asynccontextmanager
async def seeded_client() -> AsyncIterator[httpx.AsyncClient]:
    """A client of the shared app, with seed data, counters and windows restored."""
    async with client_for(shared_app()) as client:
        await client.post("/__sim/reset?data=true")
        yield client


async def login(client: httpx.AsyncClient, customer_id: str) -> dict[str, str]:
    """Bearer headers of a seeded customer, through ``POST /api/auth/login``."""
    customer = (await client.get(f"/api/customers/{customer_id}", headers=ADMIN)).json()["data"]
    response = await client.post(
        "/api/auth/login", json={"email": customer["email"], "password": PASSWORD}
    )
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['data']['token']}"}


def assert_error(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    """The documented error body with ``status`` and ``code``; returns ``error``."""
    assert response.status_code == status, response.text
    body = response.json()
    assert body["success"] is False
    assert set(body["error"]) == {"code", "message", "details"}
    assert body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return body["error"]
