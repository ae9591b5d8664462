"""The shared simulator machinery: stats, limits, faults, control API, webhooks."""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest
from fastapi import APIRouter, FastAPI, Request
from starlette.responses import JSONResponse

from stores.common import (
    RateLimitRule,
    SimState,
    StoreError,
    StoreSpec,
    WebhookDispatcher,
    build_store_app,
)
from stores.common.webhooks import sign


def render(error: StoreError) -> JSONResponse:
    return JSONResponse({"error": {"code": error.code, "message": error.message}}, error.status)


def toy_app(transport: httpx.AsyncBaseTransport | None = None) -> FastAPI:
    state = SimState()
    hooks = WebhookDispatcher(state, signature_header="x-toy-signature", transport=transport)
    router = APIRouter()

    @router.get("/api/items/{item_id}")
    async def get_item(item_id: int) -> dict:
        if item_id > 10:
            raise StoreError(404, "NOT_FOUND", "Item not found")
        return {"id": item_id}

    @router.post("/api/items")
    async def create_item(request: Request) -> dict:
        hooks.emit("item.created", {"id": 1})
        return {"id": 1}

    spec = StoreSpec(
        title="Toy",
        description="toy",
        render_error=render,
        pick_rule=lambda scope, headers: RateLimitRule("default", 3, 60),
        credentials=lambda: {"api_key": "k"},
        reseed=lambda: None,
    )
    return build_store_app(spec, state=state, routers=[router], webhooks=hooks)


@pytest.fixture
async def client():
    app = toy_app()
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://toy") as c:
        yield c


async def test_counts_route_templates_and_limits(client: httpx.AsyncClient) -> None:
    first = await client.get("/api/items/1")
    assert first.json() == {"id": 1}
    assert first.headers["x-ratelimit-limit"] == "3"
    assert first.headers["x-ratelimit-remaining"] == "2"
    await client.get("/api/items/2")
    third = await client.get("/api/items/99")
    assert third.status_code == 404
    assert third.json() == {"error": {"code": "NOT_FOUND", "message": "Item not found"}}
    over = await client.get("/api/items/3")
    assert over.status_code == 429
    assert over.json()["error"]["code"] == "RATE_LIMITED"
    assert over.headers["x-ratelimit-remaining"] == "0"
    assert int(over.headers["retry-after"]) >= 1
    stats = (await client.get("/__sim/stats")).json()
    assert stats == {"total": 4, "routes": {"GET /api/items/{item_id}": 4}}
    await client.post("/__sim/reset")
    assert (await client.get("/__sim/stats")).json()["total"] == 0
    assert (await client.get("/api/items/3")).status_code == 200


async def test_validation_and_unknown_routes_use_store_shape(client: httpx.AsyncClient) -> None:
    bad = await client.get("/api/items/abc")
    assert bad.status_code == 400
    assert bad.json()["error"]["code"] == "VALIDATION_ERROR"
    missing = await client.get("/api/nothing")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "NOT_FOUND"


async def test_injected_faults_and_config(client: httpx.AsyncClient) -> None:
    put = await client.put("/__sim/config", json={"fail_next": {"count": 1, "status": 502}})
    assert put.json()["fail_next"] == {"count": 1, "status": 502}
    assert (await client.get("/api/items/1")).status_code == 502
    assert (await client.get("/api/items/1")).status_code == 200
    await client.put("/__sim/config", json={"rate_limit": {"limit": 1, "window_s": 30}})
    await client.post("/__sim/reset")
    assert (await client.get("/api/items/1")).status_code == 200
    assert (await client.get("/api/items/1")).status_code == 429
    invalid = await client.put("/__sim/config", json={"error_rate": 2})
    assert invalid.status_code == 400
    assert (await client.get("/__sim/config")).json()["error_rate"] == 0.0


async def test_webhooks_are_signed_and_retried() -> None:
    received: list[httpx.Request] = []

    def receiver(request: httpx.Request) -> httpx.Response:
        received.append(request)
        return httpx.Response(500 if len(received) == 1 else 200)

    app = toy_app(httpx.MockTransport(receiver))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://toy") as c:
        hook = {"url": "http://receiver/hook", "secret": "s3cret", "events": ["item.created"]}
        await c.put("/__sim/config", json={"webhooks": [hook]})
        await c.post("/api/items")
        await app.state.webhooks.drain()
        deliveries = (await c.get("/__sim/webhooks")).json()["deliveries"]
    assert [d["status"] for d in deliveries] == [500, 200]
    body = received[-1].content
    assert received[-1].headers["x-toy-signature"] == sign("s3cret", body)
    assert json.loads(body)["event"] == "item.created"
    assert received[0].content == body  # the retry sends the same event id
    await asyncio.sleep(0)


async def test_cached_json_answers_304_for_a_matching_etag() -> None:
    from stores.common.responses import cached_json

    app = FastAPI()

    @app.get("/x")
    async def x(request: Request):
        return cached_json(request, {"a": 1}, cache_control="public, max-age=30")

    async with httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://t") as c:
        first = await c.get("/x")
        assert first.json() == {"a": 1}
        assert first.headers["cache-control"] == "public, max-age=30"
        again = await c.get("/x", headers={"If-None-Match": first.headers["etag"]})
        assert again.status_code == 304
        assert again.content == b""
        other = await c.get("/x", headers={"If-None-Match": '"stale"'})
        assert other.status_code == 200


async def test_server_timing_reports_the_store_work_without_the_injected_latency(
    client: httpx.AsyncClient,
) -> None:
    plain = await client.get("/api/items/1")
    metric, _, duration = plain.headers["server-timing"].partition(";dur=")
    assert metric == "app"
    assert float(duration) >= 0
    await client.put("/__sim/config", json={"latency_ms": 300})
    delayed = await client.get("/api/items/2")
    # the injected 300 ms are not the store's work (the sleep alone would exceed it)
    assert float(delayed.headers["server-timing"].partition(";dur=")[2]) < 300
    await client.put("/__sim/config", json={"latency_ms": 0})
    missing = await client.get("/api/items/99")  # errors are timed too
    assert missing.status_code == 404
    assert missing.headers["server-timing"].startswith("app;dur=")
    assert "server-timing" not in (await client.get("/__sim/stats")).headers
