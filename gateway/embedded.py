"""The embedded default: the five store simulators, in-process.

This is the one place the gateway imports ``stores``. With no store URL
configured, ``storegraph serve`` reaches each store through
``httpx.ASGITransport`` over that store's app — still HTTP semantics, never a
Python shortcut — and learns its demo credentials from the store's own
``GET /__sim/credentials``. The stores that send webhooks are subscribed to the
gateway's receivers (``PUT /__sim/config``) and reach them in-process too, so
live events flow with no configuration.
"""

from __future__ import annotations

from typing import Any

import httpx

from gateway.sources import Source

EMBEDDED_BASE_URL = "http://{source}.embedded"


GATEWAY_BASE_URL = "http://gateway.embedded"
"""Where an embedded store posts its webhooks: the gateway app, in-process."""


def store_app(source: Source, *, webhook_transport: httpx.AsyncBaseTransport | None = None) -> Any:
    """A fresh simulator app for ``source``; its webhooks go through ``webhook_transport``."""
    from stores import create_store_app

    return create_store_app(source.value, webhook_transport=webhook_transport)


def transport_for(app: Any) -> httpx.AsyncBaseTransport:
    """An in-process HTTP transport to a store app."""
    return httpx.ASGITransport(app=app)


def base_url(source: Source) -> str:
    return EMBEDDED_BASE_URL.format(source=source.value)


async def demo_credentials(transport: httpx.AsyncBaseTransport, source: Source) -> dict[str, Any]:
    """The store's demo credentials, read from its control API."""
    async with httpx.AsyncClient(transport=transport, base_url=base_url(source)) as client:
        response = await client.get("/__sim/credentials")
        response.raise_for_status()
        return response.json()


async def subscribe_webhooks(
    transport: httpx.AsyncBaseTransport, source: Source, url: str, secret: str
) -> None:
    """Have the simulator behind ``transport`` sign every event with ``secret`` and post
    it to ``url`` (its ``PUT /__sim/config`` webhooks)."""
    async with httpx.AsyncClient(transport=transport, base_url=base_url(source)) as client:
        config = {"webhooks": [{"url": url, "secret": secret}]}
        response = await client.put("/__sim/config", json=config)
        response.raise_for_status()


def default_store_ports() -> dict[str, int]:
    from stores import DEFAULT_PORTS

    return dict(DEFAULT_PORTS)


def serve_stores(host: str, ports: dict[str, int]) -> None:
    """Run the five simulators as HTTP servers until interrupted, printing each
    store's address and demo credentials first."""
    import asyncio
    import json

    import uvicorn

    from gateway.collector import pace_for_serving

    async def run_all() -> None:
        servers = []
        for source in Source:
            app = store_app(source)
            credentials = await demo_credentials(transport_for(app), source)
            port = ports[source.value]
            print(f"{source.value:<10} http://{host}:{port}  {json.dumps(credentials)}", flush=True)
            config = uvicorn.Config(app, host=host, port=port, log_level="warning")
            servers.append(uvicorn.Server(config))
        # the seeded stores (~125,000 objects, ~90 ms of CPU per full collection) live as
        # long as the process: paced like `storegraph serve` (gateway.collector)
        pace_for_serving()
        await asyncio.gather(*(server.serve() for server in servers))

    asyncio.run(run_all())
