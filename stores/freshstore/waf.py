"""The WAF in front of the store: requests without a browser-style User-Agent get
403 before anything else runs (no auth, no rate-limit charge, no route count).

A User-Agent passes when it starts like a browser (``Mozilla/``, ``Opera/``) and
names no generic HTTP client (curl, python-requests, python-httpx, axios, wget,
Go-http-client, okhttp, node-fetch, libwww, Java/, PostmanRuntime, ...).
"""

from __future__ import annotations

import json

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

WAF_MESSAGE = "Request blocked by WAF: a browser User-Agent is required."
PROTECTED_PREFIX = "/api"
BROWSER_PREFIXES = ("mozilla/", "opera/")
GENERIC_CLIENTS = (
    "curl",
    "wget",
    "python-requests",
    "python-httpx",
    "python-urllib",
    "aiohttp",
    "axios",
    "go-http-client",
    "okhttp",
    "node-fetch",
    "undici",
    "libwww",
    "java/",
    "apache-httpclient",
    "postmanruntime",
    "insomnia",
    "httpie",
    "guzzlehttp",
    "scrapy",
)


def is_browser_agent(user_agent: str) -> bool:
    agent = user_agent.strip().lower()
    if not agent.startswith(BROWSER_PREFIXES):
        return False
    return not any(client in agent for client in GENERIC_CLIENTS)


class WafMiddleware:
    """Outermost middleware: blocks non-browser User-Agents on ``/api`` paths."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(PROTECTED_PREFIX):
            await self.app(scope, receive, send)
            return
        if is_browser_agent(Headers(scope=scope).get("user-agent", "")):
            await self.app(scope, receive, send)
            return
        body = json.dumps({"message": WAF_MESSAGE}).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 403,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
