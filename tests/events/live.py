"""A real loopback server for the gateway, and minimal graphql-transport-ws and
graphql-sse clients: subscriptions are tested the way browsers and apps use them.

Everything is bounded: the server binds 127.0.0.1 on a free port and is stopped
when the block ends; every wait has a timeout.
"""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import uvicorn
from websockets.asyncio.client import ClientConnection, connect

WAIT_S = 5.0


@asynccontextmanager
async def serve(app: Any) -> AsyncIterator[str]:
    """Serve ``app`` on 127.0.0.1:<free port> while the block runs; yields ``host:port``."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    config = uvicorn.Config(
        app,
        lifespan="off",
        log_level="warning",
        ws="websockets-sansio",
        timeout_graceful_shutdown=1,
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve(sockets=[sock]))
    try:
        async with asyncio.timeout(WAIT_S):
            while not server.started:
                await asyncio.sleep(0.01)
        yield f"127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        async with asyncio.timeout(WAIT_S):
            await task
        sock.close()


async def until(predicate: Any, what: str) -> None:
    """Wait (bounded) until ``predicate()`` holds."""
    try:
        async with asyncio.timeout(WAIT_S):
            while not predicate():
                await asyncio.sleep(0.01)
    except TimeoutError:
        raise AssertionError(f"timed out waiting for {what}") from None


class WsClient:
    """A graphql-transport-ws client (what graphql-ws, Apollo and urql speak)."""

    def __init__(self, ws: ClientConnection) -> None:
        self.ws = ws

    @classmethod
    @asynccontextmanager
    async def open(
        cls,
        address: str,
        payload: dict[str, Any] | None = None,
        *,
        headers: dict[str, str] | None = None,
    ) -> AsyncIterator[WsClient]:
        async with connect(
            f"ws://{address}/graphql",
            subprotocols=["graphql-transport-ws"],  # type: ignore[list-item]
            additional_headers=headers or {},
            open_timeout=WAIT_S,
        ) as ws:
            client = cls(ws)
            await client.send({"type": "connection_init", "payload": payload or {}})
            ack = await client.receive()
            assert ack["type"] == "connection_ack", ack
            yield client

    async def send(self, message: dict[str, Any]) -> None:
        await self.ws.send(json.dumps(message))

    async def receive(self, timeout: float = WAIT_S) -> dict[str, Any]:
        """The next message other than a server ping (answered with a pong)."""
        while True:
            raw = await asyncio.wait_for(self.ws.recv(), timeout)
            assert isinstance(raw, str), "graphql-transport-ws messages are text frames"
            message = json.loads(raw)
            if message["type"] == "ping":
                await self.send({"type": "pong"})
                continue
            return message

    async def subscribe(self, id: str, query: str, variables: dict[str, Any] | None = None) -> None:
        payload = {"query": query, "variables": variables or {}}
        await self.send({"id": id, "type": "subscribe", "payload": payload})


class SseStream:
    """One graphql-sse subscription (distinct connections mode) over a real HTTP stream."""

    def __init__(self, response: httpx.Response) -> None:
        self.response = response
        self._lines = response.aiter_lines()

    @classmethod
    @asynccontextmanager
    async def open(
        cls, address: str, query: str, *, headers: dict[str, str] | None = None
    ) -> AsyncIterator[SseStream]:
        sent = {"accept": "text/event-stream", **(headers or {})}
        async with (
            httpx.AsyncClient(base_url=f"http://{address}", timeout=WAIT_S) as client,
            client.stream("POST", "/graphql", json={"query": query}, headers=sent) as response,
        ):
            yield cls(response)

    async def event(self, timeout: float = WAIT_S) -> tuple[str, Any]:
        """The next event (``next`` with its payload, or ``complete``); comments skipped."""
        name, data = "message", ""
        async with asyncio.timeout(timeout):
            async for line in self._lines:
                if line.startswith(":"):
                    continue
                if line.startswith("event:"):
                    name = line.partition(":")[2].strip()
                elif line.startswith("data:"):
                    data += line.partition(":")[2].strip()
                elif line == "":
                    if name == "message" and not data:
                        continue
                    return name, json.loads(data) if data else None
        raise AssertionError("the stream ended")
