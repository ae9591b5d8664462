"""``POST /webhooks/litestore`` and ``POST /webhooks/litekart``.

The raw body is read (at most :data:`MAX_BODY_BYTES`, else 413) and handed with
the store's signature header to :class:`~gateway.events.receiver.WebhookReceiver`;
its answer is sent as JSON. Any other store name is 404, like a receiver that is
off because no secret is configured.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from gateway.events.catalog import WEBHOOK_SOURCES
from gateway.events.receiver import WebhookReceiver
from gateway.events.signature import SIGNATURE_HEADERS
from gateway.sources import Source

WEBHOOK_PATH = "/webhooks/{store}"
MAX_BODY_BYTES = 256 * 1024
"""A webhook body larger than this is refused (413) before it is read further."""

_SOURCES = {source.value: source for source in WEBHOOK_SOURCES}


def _refused(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


async def _read_body(request: Request) -> bytes | None:
    """The body, or ``None`` when it is larger than :data:`MAX_BODY_BYTES`."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        return None
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def webhook_router(receiver: Callable[[], Awaitable[WebhookReceiver]]) -> APIRouter:
    """The receivers; ``receiver()`` gives the started runtime's receiver."""
    router = APIRouter()

    @router.post(WEBHOOK_PATH, include_in_schema=False)
    async def receive(store: str, request: Request) -> JSONResponse:
        source: Source | None = _SOURCES.get(store)
        handler = await receiver()
        if source is None or not handler.enabled(source):
            return _refused(404, "NOT_FOUND", "No webhook receiver here.")
        body = await _read_body(request)
        if body is None:
            return _refused(413, "TOO_LARGE", f"Webhook bodies are at most {MAX_BODY_BYTES} bytes.")
        result = handler.receive(source, body, request.headers.get(SIGNATURE_HEADERS[store]))
        return JSONResponse(result.body, status_code=result.status)

    return router
